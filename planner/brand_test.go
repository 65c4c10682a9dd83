package planner

import (
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
