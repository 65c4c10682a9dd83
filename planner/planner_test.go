package planner

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/seoplan/seoplan"
)

var start = time.Date(2026, time.March, 2, 0, 0, 0, 0, time.UTC)

func plan(t *testing.T, pages []seoplan.LabeledPage, opts ...Option) *seoplan.Plan {
	t.Helper()
	p, err := Plan(context.Background(), Input{Site: origin + "/", Pages: pages}, append([]Option{WithStart(start)}, opts...)...)
	if err != nil {
		t.Fatalf("Plan: %v", err)
	}
	return p
}

func clusterOf(p *seoplan.Plan, url string) *seoplan.Cluster {
	for i := range p.Clusters {
		for _, pg := range p.Clusters[i].Pages {
			if pg.URL == origin+url {
				return &p.Clusters[i]
			}
		}
	}
	return nil
}

func gapKinds(c *seoplan.Cluster) []seoplan.GapKind {
	var out []seoplan.GapKind
	for _, g := range c.Gaps {
		out = append(out, g.Kind)
	}
	return out
}

func TestClustersOfFixture(t *testing.T) {
	p := plan(t, fixture())
	want := [][]string{
		{"/blog/live-chat-tips", "/blog/what-is-live-chat", "/features/live-chat", "/guides/live-chat"},
		{"/features/help-desk", "/features/sla", "/vs/helpdesk-rival"},
		{"/blog/customer-onboarding-checklist", "/blog/onboarding-emails", "/blog/what-is-customer-onboarding"},
	}
	for _, group := range want {
		c := clusterOf(p, group[0])
		if c == nil {
			t.Fatalf("%s is in no cluster", group[0])
		}
		for _, u := range group[1:] {
			if clusterOf(p, u) != c {
				t.Errorf("%s is not clustered with %s", u, group[0])
			}
		}
	}
	for _, u := range []string{"/", "/about", "/privacy"} {
		if clusterOf(p, u) != nil {
			t.Errorf("other-intent page %s was clustered", u)
		}
	}
	// Pricing shares its topic with no other page: a page alone is no
	// cluster.
	var out []string
	for _, u := range p.Unclustered {
		out = append(out, strings.TrimPrefix(u.URL, origin))
	}
	if want := []string{"/", "/about", "/pricing", "/privacy"}; !slices.Equal(out, want) {
		t.Errorf("Unclustered = %v, want %v", out, want)
	}
	if c := clusterOf(p, "/guides/live-chat"); c.Name != "live chat" || c.ID != "live-chat" || c.Pillar != origin+"/guides/live-chat" {
		t.Errorf("live chat cluster = name %q id %q pillar %q", c.Name, c.ID, c.Pillar)
	}
}

func TestGaps(t *testing.T) {
	tests := []struct {
		name   string
		page   string // a page of the cluster under test
		want   []seoplan.GapKind
		reason string // a substring of the first gap's reason
	}{
		{"clean cluster has no gap", "/guides/live-chat", nil, ""},
		{"product cluster without problem content", "/features/help-desk",
			// Its landing page lists only products: a catalogue, not a pillar.
			[]seoplan.GapKind{seoplan.GapNoProblemContent, seoplan.GapNoPillar, seoplan.GapMissingStage}, "3 product pages and no problem content"},
		{"problem cluster without bridge or pillar", "/blog/onboarding-emails",
			[]seoplan.GapKind{seoplan.GapNoBridge, seoplan.GapNoPillar, seoplan.GapMissingStage}, "None of the 3 problem pages"},
	}
	pages := fixture()
	// Take pricing out of the help desk cluster so counts are exact.
	pages = slices.DeleteFunc(pages, func(p seoplan.LabeledPage) bool { return strings.HasSuffix(p.Page.URL, "/pricing") })
	p := plan(t, pages)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := clusterOf(p, tt.page)
			if c == nil {
				t.Fatalf("%s is in no cluster", tt.page)
			}
			if got := gapKinds(c); !slices.Equal(got, tt.want) {
				t.Fatalf("gaps = %v, want %v", got, tt.want)
			}
			if tt.reason != "" && !strings.Contains(c.Gaps[0].Reason, tt.reason) {
				t.Errorf("reason %q does not say %q", c.Gaps[0].Reason, tt.reason)
			}
		})
	}
}

func TestLopsided(t *testing.T) {
	ph := []string{"email marketing:9", "newsletter:4"}
	var pages []seoplan.LabeledPage
	for _, s := range []string{"a", "b", "c", "d", "e"} {
		pages = append(pages, pg("/features/"+s, prod, seoplan.SubtypeFeature, seoplan.StageDecision, 900, ph, "/features/a"))
	}
	tests := []struct {
		name    string
		profile string
		want    bool
	}{
		{"all product under saas", "saas", true},
		{"all product under established", "established", true},
		{"all product under startup", "startup", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := plan(t, pages, WithProfile(tt.profile))
			if got := slices.Contains(gapKinds(clusterOf(p, "/features/a")), seoplan.GapLopsided); got != tt.want {
				t.Errorf("lopsided = %v, want %v", got, tt.want)
			}
		})
	}
	// One product page among problem pages is the hub-and-bridge shape.
	mixed := append(slices.Clone(pages[:1]), pg("/blog/x", prob, seoplan.SubtypeTips, seoplan.StageAwareness, 900, ph, "/features/a"),
		pg("/blog/y", prob, seoplan.SubtypeTips, seoplan.StageConsideration, 900, ph, "/features/a"),
		pg("/blog/z", prob, seoplan.SubtypeTips, seoplan.StageConsideration, 900, ph, "/features/a"))
	if slices.Contains(gapKinds(clusterOf(plan(t, mixed), "/features/a")), seoplan.GapLopsided) {
		t.Error("one product page with three problem pages was called lopsided")
	}
}

func TestUncoveredKeywords(t *testing.T) {
	kw := func(text string, in seoplan.Intent, st seoplan.Subtype, vol int) seoplan.LabeledKeyword {
		return seoplan.LabeledKeyword{Keyword: seoplan.Keyword{Text: text, Volume: vol},
			Label: seoplan.Label{Intent: in, Subtype: st, Stage: seoplan.StageConsideration}}
	}
	in := Input{Site: origin, Pages: fixture(), Keywords: []seoplan.LabeledKeyword{
		kw("live chat", prod, seoplan.SubtypeFeature, 100),                   // covered by pages
		kw("live chat scripts", prob, seoplan.SubtypeTemplate, 500),          // joins live chat, uncovered
		kw("how to write a refund policy", prob, seoplan.SubtypeHowTo, 1200), // no cluster: its own
		kw("acme login", oth, seoplan.SubtypeNavigational, 900),              // ignored
	}}
	p, err := Plan(context.Background(), in, WithStart(start))
	if err != nil {
		t.Fatal(err)
	}
	chat := clusterOf(p, "/guides/live-chat")
	if !slices.Equal(chat.Keywords, []string{"live chat scripts", "live chat"}) {
		t.Errorf("live chat keywords = %q", chat.Keywords)
	}
	if got := gapKinds(chat); !slices.Equal(got, []seoplan.GapKind{seoplan.GapUncoveredKeyword}) {
		t.Errorf("live chat gaps = %v, want only uncovered-keyword", got)
	}
	var own *seoplan.Cluster
	for i := range p.Clusters {
		if p.Clusters[i].Name == "how to write a refund policy" {
			own = &p.Clusters[i]
		}
	}
	if own == nil || len(own.Pages) != 0 {
		t.Fatalf("the refund keyword did not get a cluster of its own: %+v", own)
	}
	var titles []string
	for _, pr := range p.Proposals {
		if pr.Gap == seoplan.GapUncoveredKeyword {
			titles = append(titles, pr.Title)
			if pr.Keyword == "how to write a refund policy" && !strings.Contains(pr.PriorityReason, "1,200 searches/month") {
				t.Errorf("priority reason %q does not cite the volume", pr.PriorityReason)
			}
		}
	}
	slices.Sort(titles)
	want := []string{"How to write a refund policy: a step-by-step guide", "Live chat scripts checklist: a ready-to-use template"}
	if !slices.Equal(titles, want) && !slices.Equal(titles, []string{want[0], "Free live chat scripts template (with a checklist)"}) {
		t.Errorf("keyword proposals = %q", titles)
	}
}

func TestProposalsAndCalendar(t *testing.T) {
	p := plan(t, fixture(), WithPerWeek(2), WithWeeks(2))
	if len(p.Proposals) == 0 {
		t.Fatal("no proposals for a site with gaps")
	}
	byID := make(map[string]seoplan.Proposal)
	for _, pr := range p.Proposals {
		byID[pr.ID] = pr
		if pr.Title == "" || pr.Keyword == "" || pr.Metric == "" || pr.Effort == "" || pr.PriorityReason == "" || pr.Format == "" {
			t.Errorf("proposal %s has an empty field: %+v", pr.ID, pr)
		}
		if pr.Subtype.Intent() != pr.Intent {
			t.Errorf("proposal %s: subtype %s does not belong to intent %s", pr.ID, pr.Subtype, pr.Intent)
		}
	}
	for i := 1; i < len(p.Proposals); i++ {
		if p.Proposals[i-1].Priority < p.Proposals[i].Priority {
			t.Errorf("proposals not in priority order at %d", i)
		}
	}
	scheduled := 0
	for _, pr := range p.Proposals {
		if pr.Due == "" {
			continue
		}
		scheduled++
		for _, d := range pr.DependsOn {
			if dep := byID[d]; dep.Due == "" || dep.Due >= pr.Due {
				t.Errorf("%s is due %s but depends on %s due %q", pr.ID, pr.Due, d, dep.Due)
			}
		}
	}
	// Four slots in two weeks, but the pillar takes two weeks to write and
	// the cluster's posts follow it: not every slot can be filled, and the
	// calendar says so.
	if scheduled == 0 || scheduled > 4 {
		t.Errorf("scheduled %d proposals in 2 weeks at 2 a week", scheduled)
	}
	for _, pr := range p.Proposals {
		if pr.Due == "" {
			continue
		}
		due, err := time.Parse(time.DateOnly, pr.Due)
		if err != nil {
			t.Fatal(err)
		}
		if lead := leadDays[effortLetter(pr.Effort)]; due.Before(start.AddDate(0, 0, lead)) {
			t.Errorf("%s (effort %s) is due %s, sooner than %d days after the start", pr.ID, pr.Effort, pr.Due, lead)
		}
	}
	if !strings.Contains(p.Calendar.Note, "2 weeks at 2 a week asked, 4 slots") {
		t.Errorf("the calendar does not say what was asked: %q", p.Calendar.Note)
	}
	onb := clusterOf(p, "/blog/onboarding-emails")
	if onb.Pillar != "" || onb.PillarProposal == "" || byID[onb.PillarProposal].Subtype != seoplan.SubtypeGuide {
		t.Errorf("cluster without pillar: pillar %q proposal %q", onb.Pillar, onb.PillarProposal)
	}
}

func TestDeterministic(t *testing.T) {
	pages := fixture()
	a := mustJSON(t, plan(t, pages))
	b := mustJSON(t, plan(t, pages))
	shuffled := slices.Clone(pages)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	c := mustJSON(t, plan(t, shuffled))
	if !bytes.Equal(a, b) {
		t.Error("two plans of the same input differ")
	}
	if !bytes.Equal(a, c) {
		t.Error("the plan depends on the order of the input pages")
	}
}

func mustJSON(t *testing.T, p *seoplan.Plan) []byte {
	t.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOptions(t *testing.T) {
	tests := []struct {
		name string
		opt  Option
		ok   bool
	}{
		{"startup", WithProfile("startup"), true},
		{"unknown profile", WithProfile("enterprise"), false},
		{"mix", WithMix(40, 60), true},
		{"mix of zeros", WithMix(0, 0), false},
		{"negative mix", WithMix(-1, 101), false},
		{"mix that does not add up to 100", WithMix(40, 70), false},
		{"all product", WithMix(100, 0), true},
		{"per week zero", WithPerWeek(0), false},
		{"weeks zero", WithWeeks(0), false},
		{"persona without name", WithPersonas([]seoplan.Persona{{Segment: []string{"x"}}}), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Plan(context.Background(), Input{}, tt.opt)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok %v", err, tt.ok)
			}
			if err != nil && !errors.Is(err, ErrBadOption) {
				t.Errorf("error %v does not wrap ErrBadOption", err)
			}
		})
	}
	p := plan(t, fixture(), WithMix(40, 60))
	if p.Profile.Name != "custom" || p.Profile.ProductShare != 0.4 || p.Balance.TargetProblem != 0.6 {
		t.Errorf("mix 40:60 gave profile %+v", p.Profile)
	}
}

func TestProfiles(t *testing.T) {
	for _, p := range Profiles() {
		if p.Reasoning == "" || p.ProductShare+p.ProblemShare != 1 {
			t.Errorf("profile %s: reasoning %q, shares %v+%v", p.Name, p.Reasoning, p.ProductShare, p.ProblemShare)
		}
	}
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Plan(ctx, Input{Pages: fixture()}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestLouvainSplitsTwoCliques(t *testing.T) {
	// Two triangles joined by one weak edge.
	g := graph{adj: make([][]edge, 6), self: make([]float64, 6)}
	add := func(a, b int, w float64) {
		g.adj[a] = append(g.adj[a], edge{b, w})
		g.adj[b] = append(g.adj[b], edge{a, w})
	}
	add(0, 1, 1)
	add(1, 2, 1)
	add(0, 2, 1)
	add(3, 4, 1)
	add(4, 5, 1)
	add(3, 5, 1)
	add(2, 3, 0.1)
	comm, err := louvain(context.Background(), g, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{0, 0, 0, 1, 1, 1}; !slices.Equal(comm, want) {
		t.Errorf("communities = %v, want %v", comm, want)
	}
}

func TestARI(t *testing.T) {
	tests := []struct {
		name string
		a, b []string
		want float64
	}{
		{"identical up to names", []string{"x", "x", "y", "y"}, []string{"1", "1", "2", "2"}, 1},
		{"opposite", []string{"x", "x", "y", "y"}, []string{"1", "2", "1", "2"}, -0.5},
		{"sklearn example", []string{"0", "0", "1", "1"}, []string{"0", "0", "1", "2"}, 0.5714285714285715},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ARI(tt.a, tt.b); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("ARI = %v, want %v", got, tt.want)
			}
		})
	}
}
