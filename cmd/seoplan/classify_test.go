package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/crawldb"
	"github.com/seoplan/seoplan/internal/golden"
)

func TestClassifyKeywordsGolden(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"table", nil},
		{"explain", []string{"--explain"}},
		{"jsonl", []string{"--format", "jsonl"}},
		{"csv", []string{"--format", "csv"}},
	}
	in := filepath.Join("testdata", "classify_keywords.csv")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			args := append([]string{"classify", "--keywords", in}, tt.args...)
			if code := run(context.Background(), args, strings.NewReader(""), &out, &errb); code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			golden.Check(t, filepath.Join("testdata", "classify_"+tt.name+".golden"), out.Bytes())
		})
	}
}

func TestClassifyStdinAndErrors(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		stdin   string
		code    int
		wantOut string
		wantErr string
	}{
		{name: "stdin list", args: []string{"classify", "--keywords", "-", "--format", "jsonl"}, stdin: "acme pricing\n", code: 0, wantOut: `"keyword":"acme pricing"`},
		{name: "no input", args: []string{"classify"}, code: 2, wantErr: "nothing to classify"},
		{name: "both inputs", args: []string{"classify", "--db", "x.db", "--keywords", "-"}, code: 2, wantErr: "not both"},
		{name: "bad format", args: []string{"classify", "--keywords", "-", "--format", "xml"}, code: 2, wantErr: `unknown --format "xml"`},
		{name: "missing file", args: []string{"classify", "--keywords", "does-not-exist.csv"}, code: 2, wantErr: "--keywords"},
		{name: "broken csv", args: []string{"classify", "--keywords", "-"}, stdin: "keyword,volume\n\"a,1\n", code: 2, wantErr: "line 2"},
		{name: "empty", args: []string{"classify", "--keywords", "-"}, stdin: "\n", code: 1, wantErr: "no keywords"},
		{name: "over-long lines dropped", args: []string{"classify", "--keywords", "-", "--format", "jsonl"}, stdin: "acme pricing\n" + strings.Repeat("spam ", 1<<20) + "\n" + strings.Repeat("x", 2000) + "\n", code: 0, wantOut: `"keyword":"acme pricing"`, wantErr: "standard input: dropped 2 over-long lines"},
		{name: "search console pages export", args: []string{"classify", "--keywords", "-"}, stdin: "Häufigste Seiten,Klicks,Impressionen,CTR,Position\nhttps://x.example/,1,2,3%,4\n", code: 2, wantErr: "export the Queries tab"},
		{name: "german search console export", args: []string{"classify", "--keywords", "-", "--format", "jsonl"}, stdin: "Häufigste Suchanfragen,Klicks,Impressionen,CTR,Position\nticketsystem preise,\"1.204\",\"2.930\",\"2,97 %\",\"8,1\"\n", code: 0, wantOut: `"keyword":"ticketsystem preise"`},
		{name: "only over-long lines", args: []string{"classify", "--keywords", "-"}, stdin: strings.Repeat("x", 2000) + "\n", code: 1, wantErr: "dropped 1 over-long lines"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(context.Background(), tt.args, strings.NewReader(tt.stdin), &out, &errb)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %s", code, tt.code, errb.String())
			}
			if !strings.Contains(out.String(), tt.wantOut) {
				t.Errorf("stdout %q lacks %q", out.String(), tt.wantOut)
			}
			if !strings.Contains(errb.String(), tt.wantErr) {
				t.Errorf("stderr %q lacks %q", errb.String(), tt.wantErr)
			}
		})
	}
}

// TestClassifyDB stores a small crawl in a temporary database and labels it.
func TestClassifyDB(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "site.db")
	db, err := crawldb.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := db.CreateSnapshot(ctx, "https://acmedesk.example/", "", time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	b, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pages := []seoplan.Page{
		{Fetch: seoplan.Fetch{URL: "https://acmedesk.example/pricing", Status: 200, ContentType: "text/html"}, Content: seoplan.Content{Title: "Pricing | Acmedesk", MainText: "Starter $19 per agent per month. Growth $49 per agent per month, billed annually.", WordCount: 14, Links: []seoplan.Link{{URL: "https://acmedesk.example/signup", Text: "Start free trial", Internal: true}}}},
		{
			Fetch: seoplan.Fetch{
				URL:         "https://acmedesk.example/blog/how-to-write-a-support-macro",
				Status:      200,
				ContentType: "text/html",
			},
			Content: seoplan.Content{
				Title:     "How to write a support macro | Acmedesk",
				H1:        []string{"How to write a support macro"},
				Headings:  []seoplan.Heading{{Level: 2, Text: "Step 1: Find repeated replies"}, {Level: 2, Text: "Step 2: Write the macro"}},
				MainText:  strings.Repeat("A macro is a saved reply your agents reuse for common questions. ", 30),
				WordCount: 330,
			},
		},
		{Fetch: seoplan.Fetch{URL: "https://acmedesk.example/missing", Status: 404, ContentType: "text/html"}},
	}
	for i := range pages {
		id, err := b.Claim(snap.ID, pages[i].URL, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.StorePage(snap.ID, id, &pages[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := db.SetState(ctx, snap.ID, crawldb.StateDone, time.Unix(60, 0)); err != nil {
		t.Fatal(err)
	}
	db.Close()

	var out, errb bytes.Buffer
	if code := run(ctx, []string{"classify", "--db", path, "--format", "jsonl"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	want := map[string]string{
		"https://acmedesk.example/pricing":                           "product/pricing",
		"https://acmedesk.example/blog/how-to-write-a-support-macro": "problem/how-to",
		"https://acmedesk.example/missing":                           "other/error",
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), out.String())
	}
	for _, line := range lines {
		var row struct {
			URL        string            `json:"url"`
			Intent     string            `json:"intent"`
			Subtype    string            `json:"subtype"`
			Signals    []string          `json:"signals"`
			KeyPhrases []json.RawMessage `json:"keyphrases"`
		}
		if err := json.Unmarshal([]byte(line), &row); err != nil {
			t.Fatal(err)
		}
		if got := row.Intent + "/" + row.Subtype; got != want[row.URL] {
			t.Errorf("%s: %s, want %s (signals %v)", row.URL, got, want[row.URL], row.Signals)
		}
		if row.KeyPhrases == nil {
			t.Errorf("%s: no keyphrases field", row.URL)
		}
	}

	code := run(ctx, []string{"classify", "--db", filepath.Join(t.TempDir(), "none.db")}, strings.NewReader(""), &out, &errb)
	if code != 2 {
		t.Errorf("missing database: exit %d, want 2", code)
	}
}
