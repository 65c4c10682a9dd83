package planner

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
)

// TestBrandNeverNamesACluster: the brand's words are on every page (in key
// phrases like "pine pine hollow" from "Pebble & Pine Pine Hollow 2 Tent"),
// so they must not name a topic. The brand is learnt from the site, from
// og:site_name or, without it, from the suffix most titles share.
func TestBrandNeverNamesACluster(t *testing.T) {
	site := func(og bool) []seoplan.LabeledPage {
		tent := []string{"pine pine hollow:9", "pine hollow:8", "tent:6", "tent pegs:3"}
		boot := []string{"pine ridgeline:9", "pine boot:8", "hiking boots:6", "boot:4"}
		ps := []seoplan.LabeledPage{
			pg("/tents", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 300, tent, "/products/pine-hollow-2-tent", "/guides/tent-buying-guide"),
			pg("/products/pine-hollow-2-tent", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 360, tent, "/tents", "/guides/tent-buying-guide"),
			pg("/guides/tent-buying-guide", prob, seoplan.SubtypeGuide, seoplan.StageConsideration, 1300, tent, "/tents", "/products/pine-hollow-2-tent"),
			pg("/hiking-boots", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 300, boot, "/products/ridgeline", "/guides/how-to-choose-hiking-boots"),
			pg("/products/ridgeline", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 360, boot, "/hiking-boots", "/guides/how-to-choose-hiking-boots"),
			pg("/guides/how-to-choose-hiking-boots", prob, seoplan.SubtypeGuide, seoplan.StageConsideration, 1500, boot, "/hiking-boots", "/products/ridgeline"),
		}
		for i := range ps {
			ps[i].Page.Title = "Pebble & Pine " + ps[i].Page.Title + " | Pebble & Pine"
			if og {
				ps[i].Page.OGSiteName = "Pebble & Pine"
			}
		}
		return ps
	}
	for _, og := range []bool{true, false} {
		p := plan(t, site(og))
		if len(p.Clusters) != 2 {
			t.Fatalf("og:site_name %v: %d clusters, want 2", og, len(p.Clusters))
		}
		for _, c := range p.Clusters {
			for _, name := range append([]string{c.Name, c.ID}, c.Phrases...) {
				if strings.Contains(strings.ToLower(name), "pine") || strings.Contains(strings.ToLower(name), "pebble") {
					t.Errorf("og:site_name %v: cluster %q is named with the brand: %q", og, c.Name, name)
				}
			}
		}
	}
}

// TestClusterNamesFromHeadings: a cluster is named by the most specific
// phrase its pages share, as the site heads its hub (a category page's
// "Hiking Boots | Waterproof Walking Boots" → "hiking boots"), not by the
// single word that scores best ("boot"); a question or a product's name
// never names it, and the brand never does.
func TestClusterNamesFromHeadings(t *testing.T) {
	boot := []string{"boot:9", "hiking boots:6", "grip:3"}
	jacket := []string{"jacket:9", "rain jacket:5", "waterproof jacket:5"}
	ps := []seoplan.LabeledPage{
		pg("/hiking-boots", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 300, boot, "/products/ridgeline", "/products/trailhead", "/blog/how-to-waterproof-hiking-boots"),
		pg("/products/ridgeline", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 360, []string{"boot:9", "leather boot:6"}, "/hiking-boots"),
		pg("/products/trailhead", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 360, []string{"boot:9", "mid gtx:6"}, "/hiking-boots"),
		pg("/blog/how-to-waterproof-hiking-boots", prob, seoplan.SubtypeHowTo, seoplan.StageConsideration, 700, boot, "/hiking-boots"),
		pg("/rain-jackets", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 300, jacket, "/products/squall", "/products/downpour"),
		pg("/products/squall", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 340, []string{"jacket:9", "squall waterproof jacket:8"}, "/rain-jackets"),
		pg("/products/downpour", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 340, []string{"jacket:9", "waterproof jacket:6"}, "/rain-jackets"),
		pg("/blog/what-is-hydrostatic-head", prob, seoplan.SubtypeExplainer, seoplan.StageAwareness, 500, jacket, "/rain-jackets"),
	}
	titles := map[string]string{
		"/hiking-boots": "Hiking Boots | Waterproof Walking Boots", "/products/ridgeline": "Pebble & Pine Ridgeline Leather Boot",
		"/products/trailhead": "Trailhead Mid GTX Boot", "/blog/how-to-waterproof-hiking-boots": "How to Waterproof Hiking Boots",
		"/rain-jackets": "Rain Jackets | Waterproof Jackets for Hiking", "/products/squall": "Squall Waterproof Jacket",
		"/products/downpour": "Downpour Waterproof Jacket", "/blog/what-is-hydrostatic-head": "What Is Hydrostatic Head? Rain Jacket Ratings",
	}
	for i := range ps {
		path := strings.TrimPrefix(ps[i].Page.URL, origin)
		ps[i].Page.Title = titles[path] + " | Pebble & Pine"
		ps[i].Page.OGSiteName = "Pebble & Pine"
	}
	names := func(ps []seoplan.LabeledPage) string {
		var out []string
		for _, c := range plan(t, ps).Clusters {
			out = append(out, c.Name)
		}
		return strings.Join(out, "|")
	}
	got := names(ps)
	if want := "hiking boots|rain jackets"; got != want {
		t.Errorf("cluster names %q, want %q", got, want)
	}
	rev := slices.Clone(ps)
	slices.Reverse(rev)
	if again := names(rev); again != got {
		t.Errorf("names depend on the input order: %q, then %q", got, again)
	}
}

// TestBrandStems: the brand's words say nothing of a topic, unless the
// titles write their stem as another word ("Metricly" and "metrics").
func TestBrandStems(t *testing.T) {
	titled := func(title string) *page {
		return &page{lp: &seoplan.LabeledPage{Page: seoplan.Page{Content: seoplan.Content{Title: title}}}}
	}
	html := []*page{titled("The Power of Computed Metrics"), titled("Plausible Analytics for Agencies | Plausible"), titled("Budibase Apps")}
	for _, tc := range []struct {
		brand string
		want  []string
	}{
		{"Metricly", nil},
		{"Budibase", []string{"budibas"}},
		{"Plausible Analytics", []string{"analyt", "plausibl"}},
	} {
		got := slices.Sorted(maps.Keys(brandStems(tc.brand, html)))
		if !slices.Equal(got, tc.want) {
			t.Errorf("brandStems(%q) = %q, want %q", tc.brand, got, tc.want)
		}
	}
}
