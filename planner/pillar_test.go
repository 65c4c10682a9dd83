package planner

import (
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
)

// shopCluster is one product category of a shop: the category page, two
// products, an explainer, a checklist and a long buying guide whose title
// makes it a how-to, each linked both ways with the guide and the category.
func shopCluster(guide seoplan.Subtype, guideWords int) []seoplan.LabeledPage {
	ph := []string{"backpacks:9", "backpacking pack:6", "torso length:3"}
	all := []string{"/backpacks", "/products/exos-58", "/products/packhorse-45", "/blog/what-is-torso-length", "/backpacking-checklist", "/guides/how-to-choose-a-backpacking-pack"}
	others := func(self string) []string {
		var out []string
		for _, p := range all {
			if p != self {
				out = append(out, p)
			}
		}
		return out
	}
	return []seoplan.LabeledPage{
		pg("/", oth, seoplan.SubtypeNavigational, seoplan.StageNone, 400, nil, "/backpacks"),
		pg("/backpacks", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 310, ph, others("/backpacks")...),
		pg("/products/exos-58", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 350, ph, "/backpacks", "/guides/how-to-choose-a-backpacking-pack"),
		pg("/products/packhorse-45", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 370, ph, "/backpacks", "/guides/how-to-choose-a-backpacking-pack"),
		pg("/blog/what-is-torso-length", prob, seoplan.SubtypeExplainer, seoplan.StageAwareness, 345, ph, "/backpacks", "/guides/how-to-choose-a-backpacking-pack"),
		pg("/backpacking-checklist", prob, seoplan.SubtypeTemplate, seoplan.StageConsideration, 312, ph, "/backpacks", "/guides/how-to-choose-a-backpacking-pack"),
		pg("/guides/how-to-choose-a-backpacking-pack", prob, guide, seoplan.StageConsideration, guideWords, ph, others("/guides/how-to-choose-a-backpacking-pack")...),
	}
}

// TestPillarGuideBeatsCategory: a category page that links the cluster's
// problem content is a landing page, and the pillar only when no guide-like
// page hubs the cluster.
func TestPillarGuideBeatsCategory(t *testing.T) {
	tests := []struct {
		name  string
		sub   seoplan.Subtype
		words int
		want  string
	}{
		{"buying guide", seoplan.SubtypeGuide, 1240, "/guides/how-to-choose-a-backpacking-pack"},
		{"long how-to reads as the guide", seoplan.SubtypeHowTo, 1240, "/guides/how-to-choose-a-backpacking-pack"},
		{"short how-to leaves the category", seoplan.SubtypeHowTo, 600, "/backpacks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := plan(t, shopCluster(tt.sub, tt.words))
			c := clusterOf(p, "/backpacks")
			if c == nil {
				t.Fatal("/backpacks is in no cluster")
			}
			if c.Pillar != origin+tt.want {
				t.Fatalf("pillar = %q, want %s", c.Pillar, tt.want)
			}
			for _, g := range c.Gaps {
				if g.Kind == seoplan.GapNoPillar {
					t.Errorf("no-pillar gap with pillar %s", c.Pillar)
				}
			}
		})
	}
}

// TestShopWording: on a shop (product markup on its product pages) the
// proposals speak to buyers: a buying guide as pillar, care and customer
// stories, never the software patterns ("how one team transformed …",
// "… template", "… with Acme").
func TestShopWording(t *testing.T) {
	bags := []string{"sleeping bag:9", "temperature rating:4"}
	ps := []seoplan.LabeledPage{
		pg("/", oth, seoplan.SubtypeNavigational, seoplan.StageNone, 400, nil, "/sleeping-bags"),
		pg("/sleeping-bags", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 330, bags, "/products/a", "/products/b", "/products/c"),
		pg("/products/a", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 350, bags, "/sleeping-bags"),
		pg("/products/b", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 350, bags, "/sleeping-bags"),
		pg("/products/c", prod, seoplan.SubtypeProduct, seoplan.StageDecision, 350, bags, "/sleeping-bags"),
	}
	for i := range ps[2:] {
		ps[2+i].Page.OGType = "product"
	}
	p := plan(t, ps)
	if len(p.Proposals) < 4 {
		t.Fatalf("%d proposals for a product-only cluster", len(p.Proposals))
	}
	var pillar bool
	for _, pr := range p.Proposals {
		low := strings.ToLower(pr.Title)
		for _, bad := range []string{"team", "template", "software", "with example", "what is sleeping bag"} {
			if strings.Contains(low, bad) {
				t.Errorf("shop proposal %q says %q", pr.Title, bad)
			}
		}
		if pr.Subtype == seoplan.SubtypeGuide {
			pillar = true
			if pr.Title != "Sleeping bags buying guide: how to choose the right one" { // named as the category page heads it
				t.Errorf("pillar title %q, want the buying guide", pr.Title)
			}
		}
	}
	if !pillar {
		t.Error("no pillar proposal")
	}
}
