package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/crawldb"
	"github.com/seoplan/seoplan/internal/synthcrawl"
)

// TestPlanSyntheticCrawl plans a crawl database synthcrawl generated, the
// kind the million-page measurement uses: plan reads it like a crawl, finds
// clusters, proposals and the 404s it links, and plans it the same way a
// second time from the labels it stored.
func TestPlanSyntheticCrawl(t *testing.T) {
	if testing.Short() {
		t.Skip("labels a generated site")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "synthetic.db")
	ctx := context.Background()
	db, err := crawldb.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := synthcrawl.Generate(ctx, db, synthcrawl.Options{Pages: 400, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	plan := func(name string) []byte {
		js := filepath.Join(dir, name)
		code, _, stderr := planCLI(t, "plan", "--db", path, "--start", "2026-03-02", "-o", filepath.Join(dir, "roadmap.md"), "--json", js)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		b, err := os.ReadFile(js)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	first := plan("first.json")
	var p seoplan.Plan
	if err := json.Unmarshal(first, &p); err != nil {
		t.Fatal(err)
	}
	broken := 0
	for _, f := range p.Audit {
		if f.Kind == seoplan.FindingBrokenLink {
			broken++
		}
	}
	if p.Pages < 390 || len(p.Clusters) < 5 || len(p.Proposals) == 0 || broken == 0 {
		t.Errorf("plan of 400 synthetic pages: %d pages, %d clusters, %d proposals, %d broken-link findings",
			p.Pages, len(p.Clusters), len(p.Proposals), broken)
	}
	if second := plan("second.json"); string(second) != string(first) {
		t.Error("the second plan, from stored labels, differs from the first")
	}
}
