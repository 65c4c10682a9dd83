package templates

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
)

// TestLargeSiteSummarised: a plan with more than largeClusters clusters
// shows the largest in full with their first proposals, the next a line
// each, and says so; the header still counts everything.
func TestLargeSiteSummarised(t *testing.T) {
	p := &seoplan.Plan{Site: "https://big.example/", Pages: 9000, Calendar: seoplan.Calendar{Start: "2026-03-02", PerWeek: 2, Weeks: 12}}
	for i := range 300 {
		id := fmt.Sprintf("c%d", i)
		c := seoplan.Cluster{ID: id, Name: fmt.Sprintf("topic <%d>", i)}
		for j := range 25 {
			c.Pages = append(c.Pages, seoplan.PageRef{URL: fmt.Sprintf("https://big.example/%d/%d", i, j), Title: fmt.Sprintf("page %d of %d", j, i)})
		}
		p.Clusters = append(p.Clusters, c)
		for j := range 12 {
			pr := seoplan.Proposal{ID: fmt.Sprintf("p%d-%d", i, j), Cluster: id, Title: fmt.Sprintf("piece %d of %d", j, i)}
			for k := range 12 {
				pr.Links = append(pr.Links, seoplan.LinkSuggestion{From: fmt.Sprintf("https://big.example/%d/%d", i, k), To: "proposal:" + pr.ID})
			}
			p.Proposals = append(p.Proposals, pr)
		}
	}
	for i := range 150 {
		p.Audit = append(p.Audit, seoplan.Finding{Kind: "orphan", Severity: "low", Summary: fmt.Sprintf("finding %d", i)})
	}
	var b bytes.Buffer
	if err := Markdown(&b, p); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{
		"300 topic clusters · 3600 proposals",
		"> This site is large: the roadmap shows its 50 largest of 300 topic clusters in full, each with at most 20 pages, 10 proposals and 10 links a proposal, and the next 200 a line each; 50 smaller clusters are only counted; the audit lists the 100 most severe of 150 findings. plan.json holds them all: 300 clusters, 3,600 proposals and 150 findings",
		"### 50. topic \\<49\\>",
		"| 51 | topic \\<50\\> |",
		"| 250 | topic \\<249\\> |",
		"piece 9 of 0",
		"page 19 of 0 (/0/19)",
		"And 5 more pages.",
		"  - And 2 more links.",
		"Link /0/9 → new: piece 0 of 0.",
		"finding 99 ",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("roadmap lacks %q", want)
		}
	}
	for _, not := range []string{"### 51. ", "| 251 | ", "piece 10 of 0", "page 20 of 0 ", "Link /0/10 ", "finding 100 "} {
		if strings.Contains(md, not) {
			t.Errorf("roadmap shows %q", not)
		}
	}
	// A small plan says nothing of it.
	b.Reset()
	p.Clusters, p.Proposals = p.Clusters[:largeClusters], nil
	if err := Markdown(&b, p); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "This site is large") || strings.Contains(b.String(), "Smaller clusters") {
		t.Error("a plan of 100 clusters is summarised")
	}
}
