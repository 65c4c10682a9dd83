package main

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/crawldb"
)

// openLatest opens the crawl database at path, closed when the test ends,
// and reads its latest snapshot.
func openLatest(tb testing.TB, path string) (*crawldb.DB, crawldb.Snapshot) {
	tb.Helper()
	ctx := context.Background()
	db, err := crawldb.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	snap, err := db.Latest(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	return db, snap
}

// labelSnapshot labels the latest crawl in dbPath with a new labeler of
// the given version ("" for the classifier's own) and returns its pages
// and the labeler, to count what it labelled.
func labelSnapshot(t *testing.T, dbPath, version string) ([]seoplan.LabeledPage, *labeler) {
	t.Helper()
	ctx := context.Background()
	db, snap := openLatest(t, dbPath)
	l, err := newLabeler(nil)
	if err != nil {
		t.Fatal(err)
	}
	if version != "" {
		l.version = version
	}
	lps, _, err := l.snapshot(ctx, db, snap)
	if err != nil {
		t.Fatal(err)
	}
	return lps, l
}

// TestLabelOnce: the first labelling of a crawl labels every page and
// stores the labels; the next reuses them all and gives the same labels
// and key phrases; a classifier of another version labels every page
// again. The stored path gives what labelling the whole crawl in memory
// gives (classify.Site).
func TestLabelOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls a sample site")
	}
	db := filepath.Join(t.TempDir(), "shop.db")
	crawlShop(t, db)

	first, l := labelSnapshot(t, db, "")
	n := len(first)
	if n < 10 || l.labelled != n || l.reused != 0 {
		t.Fatalf("first labelling of %d pages: labelled %d, reused %d", n, l.labelled, l.reused)
	}
	second, l := labelSnapshot(t, db, "")
	if l.labelled != 0 || l.reused != n {
		t.Errorf("second labelling: labelled %d, reused %d; want 0 and %d", l.labelled, l.reused, n)
	}
	for i := range first {
		a, b := first[i], second[i]
		if a.Page.URL != b.Page.URL || !reflect.DeepEqual(a.Label, b.Label) || !reflect.DeepEqual(a.KeyPhrases, b.KeyPhrases) {
			t.Errorf("%s: stored label or key phrases differ:\n%+v %+v\n%+v %+v", a.Page.URL, a.Label, a.KeyPhrases, b.Label, b.KeyPhrases)
		}
	}

	// The same as labelling the pages held whole.
	ctx := context.Background()
	d, err := crawldb.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	snap, _ := d.Latest(ctx)
	pages, err := d.LoadPages(ctx, snap.ID)
	d.Close()
	if err != nil {
		t.Fatal(err)
	}
	whole, err := l.site(ctx, pages)
	if err != nil {
		t.Fatal(err)
	}
	for i := range whole {
		a, b := whole[i], second[i]
		if a.Page.URL != b.Page.URL || !reflect.DeepEqual(a.Label, b.Label) || !reflect.DeepEqual(a.KeyPhrases, b.KeyPhrases) {
			t.Errorf("%s: labelled whole and streamed differ:\n%+v %+v\n%+v %+v", a.Page.URL, a.Label, a.KeyPhrases, b.Label, b.KeyPhrases)
		}
	}

	if _, l := labelSnapshot(t, db, "another-model"); l.labelled != n || l.reused != 0 {
		t.Errorf("a new classifier version: labelled %d, reused %d; want %d and 0", l.labelled, l.reused, n)
	}
	if _, l := labelSnapshot(t, db, ""); l.labelled != n {
		t.Errorf("back to the first version after another's labels replaced its own: labelled %d, want %d", l.labelled, n)
	}
}

// TestLabelResumedCrawl: a crawl interrupted, labelled, then resumed has
// only its new pages labelled.
func TestLabelResumedCrawl(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := httptest.NewServer(testSiteHandler(func(n int64) {
		if n == 4 {
			cancel()
		}
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "site.db")
	args := []string{"crawl", srv.URL + "/", "--db", db, "--concurrency", "1", "--include", "/p"}
	if code, _, stderr := runCLI(ctx, args...); code != 1 {
		t.Fatalf("interrupted crawl exit %d, want 1: %s", code, stderr)
	}
	part, l := labelSnapshot(t, db, "")
	if len(part) == 0 || len(part) >= 10 || l.labelled != len(part) {
		t.Fatalf("interrupted crawl: %d pages, %d labelled", len(part), l.labelled)
	}
	if code, _, stderr := runCLI(context.Background(), args...); code != 0 {
		t.Fatalf("resume exit %d: %s", code, stderr)
	}
	all, l := labelSnapshot(t, db, "")
	if len(all) != 10 || l.labelled != 10-len(part) || l.reused != len(part) {
		t.Errorf("resumed crawl of %d pages: labelled %d, reused %d; want %d and %d", len(all), l.labelled, l.reused, 10-len(part), len(part))
	}
}

// TestSecondPlanLabelsNothing: plan twice on one crawl writes the same
// roadmap, and the second run says it labelled nothing.
func TestSecondPlanLabelsNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls a sample site")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	crawlShop(t, db)
	var roadmaps [2][]byte
	for i := range roadmaps {
		out := filepath.Join(dir, "roadmap.md")
		code, _, stderr := planCLI(t, "plan", "--db", db, "--start", "2026-03-02", "-o", out)
		if code != 0 {
			t.Fatalf("plan %d: exit %d: %s", i+1, code, stderr)
		}
		if kept := strings.Contains(stderr, "labelled 0 pages"); kept != (i == 1) {
			t.Errorf("plan %d: stderr says it labelled nothing: %v; want %v\n%s", i+1, kept, i == 1, stderr)
		}
		var err error
		if roadmaps[i], err = os.ReadFile(out); err != nil {
			t.Fatal(err)
		}
	}
	if string(roadmaps[0]) != string(roadmaps[1]) {
		t.Error("the second plan's roadmap differs from the first's")
	}
}
