package main

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/planner"
)

// mixExempt are the sample site and profile pairs that may miss their mix,
// with the reason the roadmap gives: a profile's pieces need clusters of
// three pages or more without one of their kind, each with a phrase of
// its own to target.
var mixExempt = map[string]string{
	"shop/shop":      "the shop's clusters already have their collection pages, and few phrases are left for comparisons",
	"relaydesk/shop": "a help desk's clusters have no products to compare or collect",
	// Issue 10's service firm and publisher sell no goods: the shop
	// profile's buying guides and collections have nothing to collect.
	"bookkeeping/shop": "a bookkeeping firm sells services, not goods to compare or collect",
	"publisher/shop":   "a publisher's kit round-ups already compare the goods it links, and it sells none",
	// Nor does it sell software: no integration pages are proposed to a
	// business that is not software (they were what met these two mixes
	// before), and its round-ups are already its comparisons.
	"publisher/startup": "a publisher has no software to integrate, and its round-ups already compare its kit",
	"publisher/saas":    "a publisher has no software to integrate, and its round-ups already compare its kit",
}

// signatureExempt are the sample site and profile pairs whose plan may lack
// the profile's signature piece, with the reason. The publisher's product
// pages are its comparisons: every cluster with kit already has its "best
// X, tested" round-up, so the startup profile adds features and
// integrations instead, which a magazine does not have either. That is a
// shortcoming of the startup profile on a publisher, measured and left for
// a later issue.
var signatureExempt = map[string]string{
	"publisher/startup": "every kit cluster of the publisher already has its comparison round-up",
}

// TestProfileMix plans both sample sites under every business profile and
// holds the rule: each profile's proposals meet its product:problem
// target within 10 points, its signature pieces are in the plan and it adds
// pieces of its own, the
// profiles lead their plans with different kinds of piece, and the roadmap
// says how the mix was reached.
//
//	go test ./cmd/seoplan -run TestProfileMix -v
func TestProfileMix(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the sample sites")
	}
	signature := map[string][]seoplan.Subtype{
		"startup":     {seoplan.SubtypeComparison},
		"established": {seoplan.SubtypeCaseStudy},
		"saas":        {seoplan.SubtypeFeature},
		"shop":        {seoplan.SubtypeGuide, seoplan.SubtypeHowTo},
	}
	for _, name := range seoplan.SampleSiteNames() {
		s := crawled(t, name)
		leads := make(map[string]string)
		for _, prof := range planner.Profiles() {
			t.Run(name+"/"+prof.Name, func(t *testing.T) {
				p, err := planner.Plan(context.Background(), planner.Input{Site: s.site.Origin + "/", Pages: s.pages},
					planner.WithStart(demoStart), planner.WithProfile(prof.Name))
				if err != nil {
					t.Fatal(err)
				}
				var prod, n int
				kinds := make(map[seoplan.Subtype]int)    // added by the profile
				proposed := make(map[seoplan.Subtype]int) // in the plan, for a gap or the profile
				for _, pr := range p.Proposals {
					if pr.Intent == seoplan.IntentProduct {
						prod++
					}
					n++
					proposed[pr.Subtype]++
					if pr.Gap == seoplan.GapProfileMix {
						kinds[pr.Subtype]++
					}
				}
				share := float64(prod) / float64(max(1, n))
				var top []string
				for _, pr := range p.Proposals[:min(5, len(p.Proposals))] {
					top = append(top, string(pr.Subtype))
				}
				leads[prof.Name] = strings.Join(top, ",")
				t.Logf("%d proposals, %.0f%% product against %.0f%%; the profile added %v; first five: %s",
					n, 100*share, 100*prof.ProductShare, kinds, leads[prof.Name])
				if why, ok := mixExempt[name+"/"+prof.Name]; !ok && math.Abs(share-prof.ProductShare) > 0.1 {
					t.Errorf("%.0f%% of the proposals are product content, target %.0f%%", 100*share, 100*prof.ProductShare)
				} else if ok && !strings.Contains(p.Balance.ProposalMix, "stays off target") {
					t.Errorf("exempt (%s) but the roadmap does not say the mix stays off target: %q", why, p.Balance.ProposalMix)
				}
				// The signature pieces are in the plan: added by the
				// profile, or already proposed for a gap (a shop's
				// pillars are its buying guides).
				for _, st := range signature[prof.Name] {
					if _, ok := signatureExempt[name+"/"+prof.Name]; !ok && proposed[st] == 0 {
						t.Errorf("no %s piece in the plan for the %s profile", st, prof.Name)
					}
				}
				if len(kinds) == 0 {
					t.Errorf("the %s profile added nothing", prof.Name)
				}
				if !strings.Contains(p.Balance.ProposalMix, fmt.Sprintf("Of the %d pieces proposed", n)) {
					t.Errorf("the roadmap does not say how the mix was met: %q", p.Balance.ProposalMix)
				}
			})
		}
		seen := make(map[string]string)
		for prof, lead := range leads {
			if other, ok := seen[lead]; ok {
				t.Errorf("%s: the %s and %s plans lead with the same pieces (%s)", name, prof, other, lead)
			}
			seen[lead] = prof
		}
	}
}

// TestWordingFollowsBusiness: on a sample site that sells no software (the
// bookkeeping firm, the publisher, the shop), no proposal of any profile
// is titled or formatted as software, features to walk through or
// integrations, and none is an integration page. (Its keywords may say
// "software": a firm's own phrase, "accounting software", is one.)
func TestWordingFollowsBusiness(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the sample sites")
	}
	softwareWords := regexp.MustCompile(`(?i)\bsoftware\b|\bwalkthrough\b|\bintegrations?\b|features and how they work`)
	for _, name := range seoplan.SampleSiteNames() {
		s := crawled(t, name)
		for _, prof := range planner.Profiles() {
			p, err := planner.Plan(context.Background(), planner.Input{Site: s.site.Origin + "/", Pages: s.pages},
				planner.WithStart(demoStart), planner.WithProfile(prof.Name))
			if err != nil {
				t.Fatal(err)
			}
			if p.Business.Kind == "software" {
				continue
			}
			for _, pr := range p.Proposals {
				if pr.Gap == seoplan.GapUncoveredKeyword {
					continue // titled after a searcher's own words
				}
				if pr.Subtype == seoplan.SubtypeIntegration || softwareWords.MatchString(pr.Title+" "+pr.Format) {
					t.Errorf("%s/%s, a %s business: %s %q (keyword %q, %s)", name, prof.Name, p.Business.Kind, pr.Subtype, pr.Title, pr.Keyword, pr.Format)
				}
			}
		}
	}
}
