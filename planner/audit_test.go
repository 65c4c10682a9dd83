package planner

import (
	"slices"
	"testing"

	"github.com/seoplan/seoplan"
)

func findings(p *seoplan.Plan, kind seoplan.FindingKind) []seoplan.Finding {
	var out []seoplan.Finding
	for _, f := range p.Audit {
		if f.Kind == kind {
			out = append(out, f)
		}
	}
	return out
}

func TestAudit(t *testing.T) {
	chat := []string{"live chat:9", "chat widget:5"}
	clean := func() []seoplan.LabeledPage {
		return []seoplan.LabeledPage{
			pg("/", oth, seoplan.SubtypeNavigational, seoplan.StageNone, 400, nil, "/features/chat", "/guides/chat"),
			pg("/features/chat", prod, seoplan.SubtypeFeature, seoplan.StageDecision, 800, chat, "/guides/chat", "/blog/chat-tips"),
			pg("/guides/chat", prob, seoplan.SubtypeGuide, seoplan.StageConsideration, 2500, chat, "/features/chat", "/blog/chat-tips"),
			pg("/blog/chat-tips", prob, seoplan.SubtypeTips, seoplan.StageAwareness, 900, chat, "/guides/chat", "/features/chat"),
		}
	}
	edit := func(path string, f func(*seoplan.LabeledPage)) func([]seoplan.LabeledPage) []seoplan.LabeledPage {
		return func(ps []seoplan.LabeledPage) []seoplan.LabeledPage {
			for i := range ps {
				if ps[i].Page.URL == origin+path {
					f(&ps[i])
				}
			}
			return ps
		}
	}
	tests := []struct {
		name   string
		change func([]seoplan.LabeledPage) []seoplan.LabeledPage
		kind   seoplan.FindingKind
		pages  []string // the first finding's pages
	}{
		{"broken link", func(ps []seoplan.LabeledPage) []seoplan.LabeledPage {
			ps = edit("/guides/chat", func(p *seoplan.LabeledPage) {
				p.Page.Links = append(p.Page.Links, seoplan.Link{URL: origin + "/old", Internal: true})
			})(ps)
			return append(ps, seoplan.LabeledPage{Page: seoplan.Page{URL: origin + "/old", Status: 404, ContentType: "text/html"}})
		}, seoplan.FindingBrokenLink, []string{origin + "/old", origin + "/guides/chat"}},
		{"orphan", func(ps []seoplan.LabeledPage) []seoplan.LabeledPage {
			return append(ps, pg("/blog/lost", prob, seoplan.SubtypeTips, seoplan.StageAwareness, 900, []string{"lost post:9"}, "/features/chat"))
		}, seoplan.FindingOrphan, []string{origin + "/blog/lost"}},
		{"thin page", edit("/blog/chat-tips", func(p *seoplan.LabeledPage) { p.Page.WordCount = 120 }),
			seoplan.FindingThin, []string{origin + "/blog/chat-tips"}},
		{"noindex in cluster", edit("/blog/chat-tips", func(p *seoplan.LabeledPage) { p.Page.Noindex = true }),
			seoplan.FindingNoindexInCluster, []string{origin + "/blog/chat-tips"}},
		{"duplicate title", edit("/blog/chat-tips", func(p *seoplan.LabeledPage) { p.Page.Title = " FEATURES:  CHAT " }),
			seoplan.FindingDuplicateTitle, []string{origin + "/blog/chat-tips", origin + "/features/chat"}},
		{"missing meta description", edit("/guides/chat", func(p *seoplan.LabeledPage) { p.Page.MetaDescription = "" }),
			seoplan.FindingMissingMetaDesc, []string{origin + "/guides/chat"}},
		{"problem page without product link", edit("/blog/chat-tips", func(p *seoplan.LabeledPage) {
			p.Page.Links = p.Page.Links[:1]
		}), seoplan.FindingNoProductLink, []string{origin + "/blog/chat-tips"}},
		{"page not linking its pillar", edit("/blog/chat-tips", func(p *seoplan.LabeledPage) {
			p.Page.Links = p.Page.Links[1:]
		}), seoplan.FindingPillarUnlinked, []string{origin + "/blog/chat-tips"}},
		{"cannibalisation", func(ps []seoplan.LabeledPage) []seoplan.LabeledPage {
			return append(ps, pg("/blog/more-chat-tips", prob, seoplan.SubtypeTips, seoplan.StageAwareness, 900, chat, "/guides/chat", "/features/chat"))
		}, seoplan.FindingCannibalisation, []string{origin + "/blog/chat-tips", origin + "/blog/more-chat-tips"}},
		{"cannibalisation on a head word and similar titles", func(ps []seoplan.LabeledPage) []seoplan.LabeledPage {
			a := pg("/blog/reproof-rain-jacket", prob, seoplan.SubtypeHowTo, seoplan.StageConsideration, 900, []string{"rain jacket:9", "live chat:2"}, "/guides/chat", "/features/chat")
			a.Page.Title = "How to reproof a rain jacket"
			b := pg("/blog/reproof-waterproof-jacket", prob, seoplan.SubtypeHowTo, seoplan.StageConsideration, 900, []string{"waterproof jacket:9", "live chat:2"}, "/guides/chat", "/features/chat")
			b.Page.Title = "How to reproof a waterproof jacket (and when to replace it)"
			return append(ps, a, b)
		}, seoplan.FindingCannibalisation, []string{origin + "/blog/reproof-rain-jacket", origin + "/blog/reproof-waterproof-jacket"}},
	}
	base := plan(t, clean())
	if len(base.Audit) != 0 {
		t.Fatalf("clean site has findings: %+v", base.Audit)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := plan(t, tt.change(clean()))
			fs := findings(p, tt.kind)
			if len(fs) == 0 {
				t.Fatalf("no %s finding; audit: %+v", tt.kind, p.Audit)
			}
			if !slices.Equal(fs[0].Pages, tt.pages) {
				t.Errorf("pages = %q, want %q", fs[0].Pages, tt.pages)
			}
			if fs[0].Fix == "" || fs[0].Summary == "" || fs[0].Severity == "" {
				t.Errorf("finding lacks summary, severity or fix: %+v", fs[0])
			}
		})
	}
}
