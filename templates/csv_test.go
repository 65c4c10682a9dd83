package templates

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
)

func TestCSV(t *testing.T) {
	p := reportPlan(t)
	var buf bytes.Buffer
	if err := CSV(&buf, p); err != nil {
		t.Fatal(err)
	}
	golden(t, "calendar.csv.golden", buf.Bytes())

	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatalf("calendar.csv does not parse back: %v", err)
	}
	if !reflect.DeepEqual(rows[0], CSVHeader) {
		t.Errorf("header = %q", rows[0])
	}
	if got, want := len(rows)-1, 3; got != want {
		t.Fatalf("%d rows, want %d (one per scheduled proposal)", got, want)
	}
	for _, r := range rows[1:] {
		for i, cell := range r {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("column %s cell %q starts like a formula", CSVHeader[i], cell)
			}
		}
	}
	if got := rows[3][1]; got != "'-SLA templates @ work =1+1" {
		t.Errorf("injected title = %q, want it quoted", got)
	}
	if got := rows[1][11]; got != "2026-11-09-what-is-live-chat-a-guide-for-support-teams.md" {
		t.Errorf("brief_file = %q", got)
	}
	if got := rows[1][9]; got != "new: What is live chat? A guide for support teams → /live-chat (anchor: live chat software); /blog/chat-scripts → new: What is live chat? A guide for support teams (anchor: what live chat is)" {
		t.Errorf("links_to_add = %q", got)
	}
}

func TestCSVSafe(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "live chat", "live chat"},
		{"empty", "", ""},
		{"equals", "=SUM(A1)", "'=SUM(A1)"},
		{"plus", "+1 tips", "'+1 tips"},
		{"minus", "-5", "'-5"},
		{"at", "@mention", "'@mention"},
		{"tab", "\tx", "'\tx"},
		{"carriage return", "\rx", "'\rx"},
		{"inner equals", "a=b", "a=b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := csvSafe(tc.in); got != tc.want {
				t.Errorf("csvSafe(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestCSVEmptyPlan(t *testing.T) {
	var buf bytes.Buffer
	if err := CSV(&buf, &seoplan.Plan{}); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), strings.Join(CSVHeader, ",")+"\n"; got != want {
		t.Errorf("empty plan csv = %q, want just the header", got)
	}
}

func ExampleCSV() {
	p := &seoplan.Plan{
		Site:     "https://shop.example/",
		Clusters: []seoplan.Cluster{{ID: "tents", Name: "tents"}},
		Proposals: []seoplan.Proposal{{
			ID: "p1", Title: "=How to pitch a tent", Keyword: "how to pitch a tent",
			Intent: seoplan.IntentProblem, Subtype: seoplan.SubtypeHowTo, Stage: seoplan.StageAwareness,
			Cluster: "tents", Priority: 6.5, Metric: "engaged readers", Due: "2026-03-02",
			Links: []seoplan.LinkSuggestion{{From: "proposal:p1", To: "https://shop.example/tents", Anchor: "tents"}},
		}},
	}
	if err := CSV(os.Stdout, p); err != nil {
		fmt.Println(err)
	}
	// Output:
	// date,title,keyword,intent,subtype,stage,cluster,priority,persona,links_to_add,success_metric,brief_file
	// 2026-03-02,'=How to pitch a tent,how to pitch a tent,problem,how-to,awareness,tents,6.5,,new: =How to pitch a tent → /tents (anchor: tents),engaged readers,2026-03-02-how-to-pitch-a-tent.md
}
