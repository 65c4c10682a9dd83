package templates

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
)

func TestBrief(t *testing.T) {
	p := reportPlan(t)
	var buf bytes.Buffer
	if err := Brief(&buf, p, p.Proposals[0]); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "brief.md.golden", buf.Bytes())
	out := buf.String()
	for _, want := range []string{
		"- **Target keyword:** what is live chat",
		"- **Persona:** Support lead",
		"- H2: Chat widget",
		"\\<script\\>alert\\(1\\)\\</script\\>",
		"Send the reader on to /live-chat",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("brief lacks %q", want)
		}
	}
	if strings.Contains(out, "<script>") {
		t.Error("brief holds an unescaped script tag")
	}
}

func TestBriefEveryProposal(t *testing.T) {
	p := reportPlan(t)
	names := map[string]bool{}
	for _, pr := range p.Proposals {
		var buf bytes.Buffer
		if err := Brief(&buf, p, pr); err != nil {
			t.Fatalf("%s: %v", pr.ID, err)
		}
		if !strings.HasPrefix(buf.String(), "# Brief: ") {
			t.Errorf("%s: brief starts %q", pr.ID, buf.String()[:20])
		}
		n := BriefName(pr)
		if names[n] {
			t.Errorf("two briefs named %s", n)
		}
		names[n] = true
	}
}

func TestBriefName(t *testing.T) {
	tests := []struct {
		name string
		pr   seoplan.Proposal
		want string
	}{
		{"scheduled", seoplan.Proposal{ID: "p1", Title: "How to route tickets", Due: "2026-11-09"}, "2026-11-09-how-to-route-tickets.md"},
		{"unscheduled", seoplan.Proposal{ID: "p7", Title: "Live chat vs email"}, "p7-live-chat-vs-email.md"},
		{"path characters", seoplan.Proposal{ID: "p2", Title: "../../etc/passwd", Due: "2026-11-09"}, "2026-11-09-etc-passwd.md"},
		{"markup", seoplan.Proposal{ID: "p3", Title: `<script>alert(1)</script> "tips"`}, "p3-script-alert-1-script-tips.md"},
		{"no letters", seoplan.Proposal{ID: "p4", Title: "!!!"}, "p4-p4.md"},
		{"accents kept", seoplan.Proposal{ID: "p5", Title: "Café chat"}, "p5-café-chat.md"},
		{"long title cut", seoplan.Proposal{ID: "p6", Title: strings.Repeat("word ", 30)}, "p6-" + strings.TrimSuffix(strings.Repeat("word-", 12), "-") + ".md"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := BriefName(tc.pr); got != tc.want {
				t.Errorf("BriefName = %q, want %q", got, tc.want)
			}
		})
	}
}

func ExampleBriefName() {
	fmt.Println(BriefName(seoplan.Proposal{ID: "p1", Title: "How to route tickets?", Due: "2026-03-02"}))
	fmt.Println(BriefName(seoplan.Proposal{ID: "p9", Title: "Help desk vs. shared inbox"}))
	// Output:
	// 2026-03-02-how-to-route-tickets.md
	// p9-help-desk-vs-shared-inbox.md
}

// TestBriefCTAFollowsMetric: a product piece's call to action asks for what
// its metric counts, which the planner words for the business, so a shop's
// brief asks for the basket and never offers a free trial or a demo.
func TestBriefCTAFollowsMetric(t *testing.T) {
	p := &seoplan.Plan{Site: "https://shop.example/"}
	for _, stage := range []seoplan.Stage{seoplan.StageDecision, seoplan.StageConsideration} {
		pr := seoplan.Proposal{ID: "tents-feature", Intent: seoplan.IntentProduct, Subtype: seoplan.SubtypeFeature, Stage: stage,
			Metric: "add-to-basket rate, orders and revenue per visit from the page"}
		cta := briefCTA(p, pr)
		if !strings.Contains(cta, "add-to-basket rate") {
			t.Errorf("%s: call to action %q does not ask for what the metric counts", stage, cta)
		}
		for _, bad := range []string{"trial", "demo", "sign-up"} {
			if strings.Contains(cta, bad) {
				t.Errorf("%s: a shop's call to action says %q: %q", stage, bad, cta)
			}
		}
	}
}

// TestBriefWriterFields: the questions, length, title tag, meta
// description and slug the plan drafts reach the brief, escaped like
// everything else that came from the crawled site or the keyword file.
func TestBriefWriterFields(t *testing.T) {
	p := reportPlan(t)
	pr := p.Proposals[0]
	pr.Questions = []string{"Why does <b>chat</b> [fail](x)?", "how do I add live chat"}
	pr.TargetWords = 2400
	pr.TitleTag = "Live chat | <i>Acme</i>"
	pr.MetaDescription = "Everything about live chat: *widgets*, `scripts`."
	pr.Slug = "live-chat-guide"
	var buf bytes.Buffer
	if err := Brief(&buf, p, pr); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"about 2,400 words",
		"- **Title tag:** Live chat \\| \\<i\\>Acme\\</i\\>",
		"- **Meta description:** Everything about live chat: \\*widgets\\*, \\`scripts\\`.",
		"- **URL slug:** live-chat-guide",
		"## Questions to answer\n\n- Why does \\<b\\>chat\\</b\\> \\[fail\\]\\(x\\)?\n- how do I add live chat\n\n## Suggested outline",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("brief lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "<b>") || strings.Contains(out, "<i>") {
		t.Error("brief holds unescaped markup")
	}
}
