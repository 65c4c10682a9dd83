package planner

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/seoplan/seoplan"
)

func TestURLSections(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want []string
	}{
		{"https://x.test/", nil},
		{"https://x.test/pricing/", nil},
		{"https://x.test/docs/config-ports/", []string{"docs"}},
		{"https://x.test/docs/self-hosted/0.7.0/install/nodes/", []string{"docs", "self-hosted", "install"}},
		{"https://x.test/docs/self-hosted/latest/install/nodes/", []string{"docs", "self-hosted", "install"}},
		{"https://x.test/blog/2016/05/01/interview-with-showmax/", []string{"blog"}},
		{"https://x.test/Docs/V2/API/keys", []string{"docs", "api"}},
		{"https://x.test/docs/release-notes/2019-02-15/february-2019/", []string{"docs", "release-notes"}},
	} {
		if got := urlSections(tc.url); !slices.Equal(got, tc.want) {
			t.Errorf("urlSections(%s) = %q, want %q", tc.url, got, tc.want)
		}
	}
}

// TestSiteVocabularyJoinsNothing: on a real site every other page speaks
// of the product's domain ("dev environments", "workspaces"), under half
// of the pages but far more than any one topic holds; that must not join
// four topics into one or two.
func TestSiteVocabularyJoinsNothing(t *testing.T) {
	topics := map[string][]string{
		"prebuild": {"prebuilds:4", "prebuild cache:3"},
		"port":     {"exposed ports:4", "port visibility:3"},
		"docker":   {"docker images:4", "custom dockerfile:3"},
		"git":      {"git providers:4", "gitlab integration:3"},
	}
	names := []string{"docker", "git", "port", "prebuild"}
	var pages []seoplan.LabeledPage
	for _, name := range names {
		for i := 0; i < 8; i++ {
			ph := slices.Clone(topics[name])
			if i%2 == 0 {
				ph = append(ph, "dev environments:9", "cloud ide:8")
			} else {
				ph = append(ph, "workspaces:9", "ephemeral environments:8")
			}
			pages = append(pages, pg(fmt.Sprintf("/docs/%s-%d", name, i), prod, seoplan.SubtypeFeature, seoplan.StageDecision, 600, ph))
		}
	}
	p := plan(t, pages)
	for _, name := range names {
		c := clusterOf(p, "/docs/"+name+"-0")
		if c == nil {
			t.Fatalf("/docs/%s-0 is in no cluster", name)
		}
		if len(c.Pages) != 8 {
			t.Errorf("%s: cluster %q has %d pages, want its 8", name, c.Name, len(c.Pages))
		}
		for i := 1; i < 8; i++ {
			if clusterOf(p, fmt.Sprintf("/docs/%s-%d", name, i)) != c {
				t.Errorf("/docs/%s-%d is not clustered with /docs/%s-0", name, i, name)
			}
		}
	}
}

// clique adds the edges of a clique over nodes to g, weight w each.
func clique(g *graph, nodes []int, w float64) {
	for _, a := range nodes {
		for _, b := range nodes {
			if a != b {
				g.adj[a] = append(g.adj[a], edge{b, w})
			}
		}
	}
}

// TestSplitBroad: a cluster of two groups of pages that share no word is
// two topics when its own graph falls apart; one that shares a word, or
// whose graph holds together, is one.
func TestSplitBroad(t *testing.T) {
	const n = 12
	left, right := []int{0, 1, 2, 3, 4, 5}, []int{6, 7, 8, 9, 10, 11}
	twoGroups := graph{adj: make([][]edge, n), self: make([]float64, n)}
	clique(&twoGroups, left, 1)
	clique(&twoGroups, right, 1)
	twoGroups.adj[5] = append(twoGroups.adj[5], edge{6, 0.5})
	twoGroups.adj[6] = append(twoGroups.adj[6], edge{5, 0.5})
	oneGroup := graph{adj: make([][]edge, n), self: make([]float64, n)}
	clique(&oneGroup, append(slices.Clone(left), right...), 1)
	// Term 0 is on the left pages, 1 on the right, 2 on all of them; 3 is
	// a URL folder on all of them, which names no topic.
	vecs := func(shared bool) []termVec {
		v := make([]termVec, n)
		for k := range v {
			v[k] = termVec{ids: []int32{int32(k / 6), 3}, w: []float64{1, 1}}
			if shared {
				v[k].ids = append(v[k].ids, 2)
				v[k].w = append(v[k].w, 1)
			}
		}
		return v
	}
	topical := []bool{true, true, true, false}
	all := [][]int{append(slices.Clone(left), right...)}
	for _, tc := range []struct {
		name   string
		g      graph
		shared bool
		want   int
	}{
		{"no shared topic, two groups", twoGroups, false, 2},
		{"a word on every page", twoGroups, true, 1},
		{"no shared topic, one dense group", oneGroup, false, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := splitBroad(context.Background(), tc.g, all, vecs(tc.shared), topical, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tc.want {
				t.Errorf("split into %d parts %v, want %d", len(got), got, tc.want)
			}
		})
	}
}
