package planner

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/seoplan/seoplan"
)

const cmpSite = "https://shop.example/"

// cmpPage is a crawled HTML page with a label, for Compare's tests.
func cmpPage(path, title string, in seoplan.Intent, sub seoplan.Subtype, phrases ...string) seoplan.LabeledPage {
	lp := seoplan.LabeledPage{
		Page:  seoplan.Page{Fetch: seoplan.Fetch{URL: cmpSite + path, Status: 200, ContentType: "text/html; charset=utf-8"}, Content: seoplan.Content{Title: title, WordCount: 500}},
		Label: seoplan.Label{Intent: in, Subtype: sub, Stage: seoplan.StageConsideration},
	}
	for _, ph := range phrases {
		lp.KeyPhrases = append(lp.KeyPhrases, seoplan.KeyPhrase{Phrase: ph})
	}
	return lp
}

// cmpPrevPlan is the plan made from cmpPrev: two clusters and three proposals.
func cmpPrevPlan() *seoplan.Plan {
	return &seoplan.Plan{
		Site: cmpSite,
		Clusters: []seoplan.Cluster{
			{ID: "hiking-boots", Name: "hiking boots", Phrases: []string{"hiking boots", "boot sizing"}, Pages: []seoplan.PageRef{
				{URL: cmpSite + "boots", Intent: seoplan.IntentProduct},
				{URL: cmpSite + "blog/boot-care", Intent: seoplan.IntentProblem},
			}},
			{ID: "tents", Name: "tents", Phrases: []string{"tents", "camping tent"}, Pages: []seoplan.PageRef{
				{URL: cmpSite + "tents", Intent: seoplan.IntentProduct},
				{URL: cmpSite + "tents/pricing", Intent: seoplan.IntentProduct},
			}},
		},
		Proposals: []seoplan.Proposal{
			{ID: "p1", Title: "How to choose hiking boots", Keyword: "how to choose hiking boots", Cluster: "hiking-boots"},
			{ID: "p2", Title: "Tent buying guide", Keyword: "tent buying guide", Cluster: "tents"},
			{ID: "p3", Title: "Waterproofing a tent", Keyword: "waterproof tent seams", Cluster: "tents"},
		},
	}
}

func cmpPrev() []seoplan.LabeledPage {
	return []seoplan.LabeledPage{
		cmpPage("boots", "Hiking boots", seoplan.IntentProduct, seoplan.SubtypeProduct),
		cmpPage("blog/boot-care", "Boot care", seoplan.IntentProblem, seoplan.SubtypeHowTo),
		cmpPage("tents", "Tents", seoplan.IntentProduct, seoplan.SubtypeProduct),
		cmpPage("tents/pricing", "Tent prices", seoplan.IntentProduct, seoplan.SubtypePricing),
		cmpPage("about", "About us", seoplan.IntentOther, seoplan.SubtypeCompany),
	}
}

func TestCompare(t *testing.T) {
	t0 := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	t1 := t0.AddDate(0, 1, 0)
	redirect := cmpPage("old", "Old", seoplan.IntentProblem, seoplan.SubtypeGuide)
	redirect.Page.Status = 301
	tests := []struct {
		name    string
		prev    Snapshot
		cur     Snapshot
		added   []string
		removed []string
		changed []seoplan.PageChange
		done    map[string]string // proposal ID → URL
		after   map[string]map[seoplan.Intent]int
		mix     seoplan.IntentMix
	}{
		{
			name:  "unchanged site",
			prev:  Snapshot{ID: 1, Started: t0, Pages: cmpPrev(), Plan: cmpPrevPlan()},
			cur:   Snapshot{ID: 2, Started: t1, Pages: cmpPrev()},
			done:  map[string]string{},
			after: map[string]map[seoplan.Intent]int{"hiking-boots": {"product": 1, "problem": 1}, "tents": {"product": 2}},
			mix:   seoplan.IntentMix{Product: 3, Problem: 1, Other: 1, ProductShare: 0.75, ProblemShare: 0.25},
		},
		{
			name: "new guide answers a proposal and joins its cluster by phrase",
			prev: Snapshot{ID: 1, Started: t0, Pages: cmpPrev(), Plan: cmpPrevPlan()},
			cur: Snapshot{ID: 2, Started: t1, Pages: append(cmpPrev(),
				cmpPage("blog/choosing-hiking-boots", "Choosing your hiking boots", seoplan.IntentProblem, seoplan.SubtypeGuide, "hiking boots"),
				cmpPage("blog/tent-buying-guide", "Tent buying guide", seoplan.IntentProblem, seoplan.SubtypeGuide, "camping tent"),
				redirect)},
			added: []string{cmpSite + "blog/choosing-hiking-boots", cmpSite + "blog/tent-buying-guide"},
			done:  map[string]string{"p1": cmpSite + "blog/choosing-hiking-boots", "p2": cmpSite + "blog/tent-buying-guide"},
			after: map[string]map[seoplan.Intent]int{"hiking-boots": {"product": 1, "problem": 2}, "tents": {"product": 2, "problem": 1}},
			mix:   seoplan.IntentMix{Product: 3, Problem: 3, Other: 1, ProductShare: 0.5, ProblemShare: 0.5},
		},
		{
			name: "removed page and relabelled, retitled page",
			prev: Snapshot{ID: 1, Started: t0, Pages: cmpPrev(), Plan: cmpPrevPlan()},
			cur: Snapshot{ID: 2, Started: t1, Pages: []seoplan.LabeledPage{
				cmpPage("boots", "Hiking boots", seoplan.IntentProduct, seoplan.SubtypeProduct),
				cmpPage("blog/boot-care", "Boot care", seoplan.IntentProblem, seoplan.SubtypeHowTo),
				cmpPage("tents", "How to pitch a tent", seoplan.IntentProblem, seoplan.SubtypeHowTo),
				cmpPage("about", "About us", seoplan.IntentOther, seoplan.SubtypeCompany),
			}},
			removed: []string{cmpSite + "tents/pricing"},
			changed: []seoplan.PageChange{{URL: cmpSite + "tents", TitleBefore: "Tents", TitleAfter: "How to pitch a tent",
				IntentBefore: "product", IntentAfter: "problem", SubtypeBefore: "product", SubtypeAfter: "how-to"}},
			done:  map[string]string{},
			after: map[string]map[seoplan.Intent]int{"hiking-boots": {"product": 1, "problem": 1}, "tents": {"problem": 1}},
			mix:   seoplan.IntentMix{Product: 1, Problem: 2, Other: 1, ProductShare: 1.0 / 3, ProblemShare: 2.0 / 3},
		},
		{
			name: "later plan's clusters win over phrase matching",
			prev: Snapshot{ID: 1, Pages: cmpPrev(), Plan: cmpPrevPlan()},
			cur: Snapshot{ID: 2, Pages: append(cmpPrev(), cmpPage("blog/tent-buying-guide", "Tent buying guide", seoplan.IntentProblem, seoplan.SubtypeGuide)),
				Plan: &seoplan.Plan{Site: cmpSite, Clusters: []seoplan.Cluster{
					{ID: "tents", Name: "tents", Pages: []seoplan.PageRef{{URL: cmpSite + "tents", Intent: "product"}, {URL: cmpSite + "blog/tent-buying-guide", Intent: "problem"}}},
					{ID: "camping", Name: "camping", Pages: []seoplan.PageRef{{URL: cmpSite + "tents/pricing", Intent: "product"}}},
				}}},
			added: []string{cmpSite + "blog/tent-buying-guide"},
			done:  map[string]string{"p2": cmpSite + "blog/tent-buying-guide"},
			after: map[string]map[seoplan.Intent]int{"hiking-boots": {}, "tents": {"product": 1, "problem": 1}, "camping": {"product": 1}},
			mix:   seoplan.IntentMix{Product: 3, Problem: 2, Other: 1, ProductShare: 0.6, ProblemShare: 0.4},
		},
		{
			name:    "no earlier plan: pages only",
			prev:    Snapshot{ID: 1, Pages: cmpPrev()},
			cur:     Snapshot{ID: 2, Pages: cmpPrev()[:4]},
			removed: []string{cmpSite + "about"},
			done:    map[string]string{},
			after:   map[string]map[seoplan.Intent]int{},
			mix:     seoplan.IntentMix{Product: 3, Problem: 1, ProductShare: 0.75, ProblemShare: 0.25},
		},
	}
	urls := func(refs []seoplan.PageRef) []string {
		var out []string
		for _, r := range refs {
			out = append(out, r.URL)
		}
		return out
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Compare(tc.prev, tc.cur)
			if g := urls(got.Added); !reflect.DeepEqual(g, tc.added) {
				t.Errorf("added = %q, want %q", g, tc.added)
			}
			if g := urls(got.Removed); !reflect.DeepEqual(g, tc.removed) {
				t.Errorf("removed = %q, want %q", g, tc.removed)
			}
			if !reflect.DeepEqual(got.Changed, tc.changed) {
				t.Errorf("changed = %+v, want %+v", got.Changed, tc.changed)
			}
			done := map[string]string{}
			for _, d := range got.Done {
				done[d.ID] = d.URL
			}
			if !reflect.DeepEqual(done, tc.done) {
				t.Errorf("done = %v, want %v", done, tc.done)
			}
			after := map[string]map[seoplan.Intent]int{}
			for _, c := range got.Clusters {
				after[c.ID] = c.After
			}
			if !reflect.DeepEqual(after, tc.after) {
				t.Errorf("clusters after = %v, want %v", after, tc.after)
			}
			if got.MixAfter != tc.mix {
				t.Errorf("mix after = %+v, want %+v", got.MixAfter, tc.mix)
			}
			if got.From.ID != tc.prev.ID || got.To.ID != tc.cur.ID {
				t.Errorf("snapshots = %d→%d, want %d→%d", got.From.ID, got.To.ID, tc.prev.ID, tc.cur.ID)
			}
			if again := Compare(tc.prev, tc.cur); !reflect.DeepEqual(again, got) {
				t.Error("Compare is not deterministic")
			}
		})
	}
}

func TestCompareBeforeCounts(t *testing.T) {
	got := Compare(Snapshot{Pages: cmpPrev(), Plan: cmpPrevPlan()}, Snapshot{Pages: cmpPrev()})
	want := []map[seoplan.Intent]int{{"product": 1, "problem": 1}, {"product": 2}}
	for i, c := range got.Clusters {
		if !reflect.DeepEqual(c.Before, want[i]) {
			t.Errorf("cluster %s before = %v, want %v", c.ID, c.Before, want[i])
		}
	}
	if got.MixBefore != got.MixAfter {
		t.Errorf("mix before %+v != after %+v on an unchanged site", got.MixBefore, got.MixAfter)
	}
	if got.Site != cmpSite {
		t.Errorf("site = %q, want %q", got.Site, cmpSite)
	}
}

func ExampleCompare() {
	page := func(path, title string, in seoplan.Intent) seoplan.LabeledPage {
		return seoplan.LabeledPage{
			Page:  seoplan.Page{Fetch: seoplan.Fetch{URL: "https://shop.example/" + path, Status: 200, ContentType: "text/html"}, Content: seoplan.Content{Title: title}},
			Label: seoplan.Label{Intent: in},
		}
	}
	prevPlan := &seoplan.Plan{Proposals: []seoplan.Proposal{{ID: "p1", Title: "How to pitch a tent", Keyword: "pitch a tent"}}}
	prev := Snapshot{ID: 1, Plan: prevPlan, Pages: []seoplan.LabeledPage{
		page("tents", "Tents", seoplan.IntentProduct),
	}}
	cur := Snapshot{ID: 2, Pages: []seoplan.LabeledPage{
		page("tents", "Tents", seoplan.IntentProduct),
		page("blog/pitching-tents", "Pitching a tent in wind", seoplan.IntentProblem),
	}}
	pr := Compare(prev, cur)
	fmt.Printf("added %d, removed %d\n", len(pr.Added), len(pr.Removed))
	fmt.Printf("problem share %.0f%% -> %.0f%%\n", pr.MixBefore.ProblemShare*100, pr.MixAfter.ProblemShare*100)
	for _, d := range pr.Done {
		fmt.Printf("%s done by %s\n", d.ID, d.URL)
	}
	// Output:
	// added 1, removed 0
	// problem share 0% -> 50%
	// p1 done by https://shop.example/blog/pitching-tents
}
