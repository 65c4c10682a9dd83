package templates

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
)

func TestChangeMarkdown(t *testing.T) {
	var buf bytes.Buffer
	if err := ChangeMarkdown(&buf, reportChange()); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "progress.md.golden", buf.Bytes())
	out := buf.String()
	for _, want := range []string{
		"## Progress since the last crawl\n",
		"- **Pages:** 1 added, 1 removed, 1 changed in intent or title.",
		"product 83% → 62%",
		"| live chat | 3 | 0 → 1 | 0 | 1 |",
		`| \<script\>alert\(1\)\</script\> Live chat scripts that convert (/blog/chat-scripts) | problem | tips |`,
		`Old \[page\]\(javascript:alert\(3\)\)`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("progress lacks %q", want)
		}
	}
}

func TestChangeMarkdownCuts(t *testing.T) {
	tests := []struct {
		name     string
		added    int
		wantRows int
		wantMore string
	}{
		{"short list whole", 3, 3, ""},
		{"at the cap", progressRows, progressRows, ""},
		{"long list cut", progressRows + 7, progressRows, "And 7 more rows"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pr := &seoplan.Change{Site: "https://a.example/"}
			for i := range tc.added {
				pr.Added = append(pr.Added, seoplan.PageRef{URL: fmt.Sprintf("https://a.example/p%d", i), Title: "P", Intent: "problem", Subtype: "guide"})
			}
			var buf bytes.Buffer
			if err := ChangeMarkdown(&buf, pr); err != nil {
				t.Fatal(err)
			}
			if got := strings.Count(buf.String(), "| problem | guide |"); got != tc.wantRows {
				t.Errorf("%d rows, want %d", got, tc.wantRows)
			}
			if tc.wantMore != "" && !strings.Contains(buf.String(), tc.wantMore) {
				t.Errorf("no %q note", tc.wantMore)
			}
			if tc.wantMore == "" && strings.Contains(buf.String(), "more rows") {
				t.Error("a whole list says it was cut")
			}
			if len(pr.Added) != tc.added {
				t.Error("ChangeMarkdown changed its argument")
			}
		})
	}
}
