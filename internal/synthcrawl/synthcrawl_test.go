package synthcrawl

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/crawldb"
)

func generate(t *testing.T, o Options) []seoplan.Page {
	t.Helper()
	ctx := context.Background()
	db, err := crawldb.Open(ctx, filepath.Join(t.TempDir(), "site.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	snap, err := Generate(ctx, db, o)
	if err != nil {
		t.Fatal(err)
	}
	if snap.State != crawldb.StateDone || snap.Pages != o.Pages {
		t.Fatalf("snapshot %+v: want done with %d pages", snap, o.Pages)
	}
	pages, err := db.LoadPages(ctx, snap.ID)
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// TestGenerate checks that a generated crawl is the site the package
// describes: every section present, unique URLs, links that resolve to the
// site's pages but for the few 404s and external links, and the same pages
// from the same seed.
func TestGenerate(t *testing.T) {
	const n = 1500
	pages := generate(t, Options{Pages: n, Seed: 7})
	byURL := map[string]*seoplan.Page{}
	for i := range pages {
		byURL[pages[i].URL] = &pages[i]
	}
	if len(byURL) != n {
		t.Fatalf("%d distinct URLs of %d pages", len(byURL), n)
	}
	for _, dir := range []string{"/features/", "/compare/", "/alternatives/", "/integrations/", "/customers/",
		"/guides/", "/blog/what-is-", "/blog/how-to-", "/help/fix-", "/tags/"} {
		found := 0
		for u := range byURL {
			if strings.Contains(u, dir) {
				found++
			}
		}
		if found < 2 {
			t.Errorf("%d pages under %s", found, dir)
		}
	}
	broken, noindex, external := 0, 0, 0
	for _, p := range pages {
		if p.Status == 404 {
			broken++
			continue
		}
		if p.Noindex {
			noindex++
		}
		if len(p.H1) != 1 || len(p.Headings) < 2 || p.WordCount < 100 || len(p.SchemaTypes) == 0 || p.Canonical != p.URL {
			t.Errorf("%s: h1 %q, %d headings, %d words, schema %v, canonical %s", p.URL, p.H1, len(p.Headings), p.WordCount, p.SchemaTypes, p.Canonical)
		}
		for _, l := range p.Links {
			switch {
			case !l.Internal:
				external++
			case byURL[l.URL] == nil:
				t.Errorf("%s links %s, not a page of the site", p.URL, l.URL)
			}
		}
	}
	if broken == 0 || noindex == 0 || external == 0 {
		t.Errorf("%d 404s, %d noindex pages, %d external links: want some of each", broken, noindex, external)
	}
	if again := generate(t, Options{Pages: n, Seed: 7}); !reflect.DeepEqual(again, pages) {
		t.Error("the same options gave different pages")
	}
	if other := generate(t, Options{Pages: n, Seed: 8}); reflect.DeepEqual(other, pages) {
		t.Error("another seed gave the same pages")
	}
}

func TestGenerateTooSmall(t *testing.T) {
	db, err := crawldb.Open(context.Background(), filepath.Join(t.TempDir(), "site.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := Generate(context.Background(), db, Options{Pages: MinPages - 1}); err == nil {
		t.Error("a site below MinPages was generated")
	}
}
