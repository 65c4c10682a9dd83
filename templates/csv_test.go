package templates

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"reflect"
	"slices"
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
	checkGolden(t, "calendar.csv.golden", buf.Bytes())

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
	col := func(row int, name string) string {
		t.Helper()
		i := slices.Index(CSVHeader, name)
		if i < 0 {
			t.Fatalf("no column %q", name)
		}
		return rows[row][i]
	}
	if got := col(3, "Name"); got != "'-SLA templates @ work =1+1" {
		t.Errorf("injected title = %q, want it quoted", got)
	}
	if got := col(1, "Brief File"); got != "briefs/2026-11-09-what-is-live-chat-a-guide-for-support-teams.md" {
		t.Errorf("Brief File = %q", got)
	}
	if got := col(1, "Links To Add"); got != "new: What is live chat? A guide for support teams → /live-chat (anchor: live chat software)\n/blog/chat-scripts → new: What is live chat? A guide for support teams (anchor: what live chat is)" {
		t.Errorf("Links To Add = %q, want one link a line", got)
	}
	if got := col(1, "Status") + "|" + col(1, "Assignee"); got != "Not started|" {
		t.Errorf("Status|Assignee = %q, want a status and no owner", got)
	}
	if due, draft := col(1, "Due Date"), col(1, "Draft Due Date"); draft > due || draft == "" {
		t.Errorf("draft due %q is not before publish date %q", draft, due)
	}
}

func TestCSVExcel(t *testing.T) {
	p := reportPlan(t)
	var plain, excel bytes.Buffer
	if err := CSV(&plain, p); err != nil {
		t.Fatal(err)
	}
	if err := CSV(&excel, p, WithExcel()); err != nil {
		t.Fatal(err)
	}
	b := excel.Bytes()
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("Excel CSV starts %q, want the UTF-8 byte order mark", b[:min(len(b), 8)])
	}
	if bytes.HasPrefix(plain.Bytes(), []byte("\xEF\xBB\xBF")) {
		t.Error("plain CSV has a byte order mark")
	}
	if !bytes.Contains(b, []byte("Description\r\n")) {
		t.Error("Excel CSV lines do not end in CRLF")
	}
	// Every CRLF ends a record; the line breaks inside a cell (Links To
	// Add, Description) stay LF, or Sheets and Python keep a stray CR.
	if got, want := bytes.Count(b, []byte("\r\n")), len(scheduledProposals(p))+1; got != want {
		t.Errorf("Excel CSV has %d CRLFs, want one per record (%d)", got, want)
	}
	if !bytes.Contains(b, []byte("→")) || bytes.Count(b, []byte("\n")) != bytes.Count(plain.Bytes(), []byte("\n")) {
		t.Error("the Excel CSV's cells lost their line breaks or arrows")
	}
	a, err := csv.NewReader(bytes.NewReader(plain.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	e, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, e) {
		t.Error("the Excel CSV holds other cells than the plain one")
	}
}

func TestCSVBriefsURL(t *testing.T) {
	p := reportPlan(t)
	var buf bytes.Buffer
	if err := CSV(&buf, p, WithBriefsURL("https://drive.example/briefs/")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), ",https://drive.example/briefs/2026-11-09-what-is-live-chat-a-guide-for-support-teams.md,") {
		t.Errorf("Brief File does not link the shared brief:\n%s", buf.String())
	}
}

func TestDraftDue(t *testing.T) {
	tests := []struct{ name, due, start, want string }{
		{"a week before", "2026-03-16", "2026-03-02", "2026-03-09"},
		{"not before the start", "2026-03-04", "2026-03-02", "2026-03-02"},
		{"no start", "2026-03-04", "", "2026-02-25"},
		{"no due date", "", "2026-03-02", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := draftDue(tc.due, tc.start); got != tc.want {
				t.Errorf("draftDue(%q, %q) = %q, want %q", tc.due, tc.start, got, tc.want)
			}
		})
	}
}

func TestWordCount(t *testing.T) {
	tests := []struct {
		effort string
		want   int
	}{
		{"M: 1,500-word how-to", 1500},
		{"L: 3,000-word pillar guide that links every cluster page", 3000},
		{"S: 800-word explainer", 800},
		{"S: update two pages", 0},
		{"", 0},
	}
	for _, tc := range tests {
		if got := wordCount(tc.effort); got != tc.want {
			t.Errorf("wordCount(%q) = %d, want %d", tc.effort, got, tc.want)
		}
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
			if got := CSVCell(tc.in); got != tc.want {
				t.Errorf("CSVCell(%q) = %q, want %q", tc.in, got, tc.want)
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
			ID: "p1", Title: "=How to pitch a tent", Keyword: "how to pitch a tent", KeywordSource: seoplan.KeywordFromSite,
			Intent: seoplan.IntentProblem, Subtype: seoplan.SubtypeHowTo, Stage: seoplan.StageAwareness,
			Cluster: "tents", Priority: 6.5, Metric: "engaged readers", Due: "2026-03-02",
			Links: []seoplan.LinkSuggestion{{From: "proposal:p1", To: "https://shop.example/tents", Anchor: "tents"}},
		}},
	}
	if err := CSV(os.Stdout, p); err != nil {
		fmt.Println(err)
	}
	// Output:
	// Name,Status,Assignee,Draft Due Date,Due Date,Format,Target Word Count,Target Keyword,Keyword Source,URL Slug,Cluster,Intent,Stage,Priority,Persona,Success Metric,Brief File,Links To Add,Description
	// '=How to pitch a tent,Not started,,2026-02-23,2026-03-02,,,how to pitch a tent,site,how-to-pitch-a-tent,tents,problem,awareness,6.5,,engaged readers,briefs/2026-03-02-how-to-pitch-a-tent.md,new: =How to pitch a tent → /tents (anchor: tents),"Keyword: how to pitch a tent
	// Intent: problem how-to, awareness stage
	// Cluster: tents
	// Success metric: engaged readers
	// Links to add:
	// - new: =How to pitch a tent → /tents (anchor: tents)
	// Brief: briefs/2026-03-02-how-to-pitch-a-tent.md"
}
