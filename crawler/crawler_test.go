package crawler

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/crawldb"
)

func openDB(t testing.TB) *crawldb.DB {
	t.Helper()
	db, err := crawldb.Open(context.Background(), filepath.Join(t.TempDir(), "crawl.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func pagesOf(t testing.TB, db *crawldb.DB, snap int64) map[string]seoplan.Page {
	t.Helper()
	out := map[string]seoplan.Page{}
	err := db.Pages(context.Background(), snap, func(p seoplan.Page) error {
		if _, dup := out[p.URL]; dup {
			t.Errorf("page %s stored twice", p.URL)
		}
		out[p.URL] = p
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// crawlAll crawls start into a new database with opts and returns the
// pages by URL and the run's stats.
func crawlAll(t *testing.T, start string, opts ...Option) (map[string]seoplan.Page, Stats) {
	t.Helper()
	db := openDB(t)
	c, err := New(start, opts...)
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Run(context.Background(), db, false)
	if err != nil {
		t.Fatal(err)
	}
	return pagesOf(t, db, st.SnapshotID), st
}

func TestRunTestSite(t *testing.T) {
	site := newTestSite(t)
	pages, st := crawlAll(t, site.srv.URL+"/", WithConcurrency(3))
	u := func(path string) string { return site.srv.URL + path }

	t.Run("every page once", func(t *testing.T) {
		site.mu.Lock()
		defer site.mu.Unlock()
		for path, n := range site.requests {
			if n != 1 {
				t.Errorf("%s requested %d times", path, n)
			}
		}
		want := []string{"/", "/a", "/b", "/c", "/new", "/missing", "/file.pdf", "/loop1", "/orphan", "/orphan-child"}
		if len(pages) != len(want) {
			t.Errorf("stored %d pages, want %d: %v", len(pages), len(want), keys(pages))
		}
		for _, w := range want {
			if _, ok := pages[u(w)]; !ok {
				t.Errorf("%s not stored", w)
			}
		}
	})
	t.Run("robots.txt obeyed", func(t *testing.T) {
		if n := site.count("/private/secret"); n != 0 {
			t.Errorf("disallowed /private/secret requested %d times", n)
		}
	})
	t.Run("tracking parameter and fragment dropped", func(t *testing.T) {
		if n := site.count("/b?utm_source=newsletter"); n != 0 {
			t.Errorf("/b?utm_source=… fetched although /b was")
		}
	})
	t.Run("orphan found through the sitemap", func(t *testing.T) {
		p := pages[u("/orphan")]
		if !p.InSitemap || p.Depth != 1 || p.Title != "Orphan" {
			t.Errorf("orphan: in_sitemap %v depth %d title %q", p.InSitemap, p.Depth, p.Title)
		}
		if c := pages[u("/orphan-child")]; c.InSitemap || c.Depth != 2 {
			t.Errorf("orphan child: in_sitemap %v depth %d", c.InSitemap, c.Depth)
		}
		if !pages[u("/")].InSitemap || pages[u("/b")].InSitemap {
			t.Errorf("in_sitemap wrong on / or /b")
		}
	})
	t.Run("broken link recorded as 404", func(t *testing.T) {
		if p := pages[u("/missing")]; p.Status != 404 || p.Error != "" {
			t.Errorf("/missing: status %d error %q", p.Status, p.Error)
		}
	})
	t.Run("redirect chain recorded", func(t *testing.T) {
		p := pages[u("/new")]
		if p.Status != 200 || p.RequestedURL != u("/old") || len(p.RedirectChain) != 1 || p.RedirectChain[0] != u("/old") {
			t.Errorf("/new: status %d requested %q chain %v", p.Status, p.RequestedURL, p.RedirectChain)
		}
	})
	t.Run("redirect loop ends with an error", func(t *testing.T) {
		p := pages[u("/loop1")]
		if p.Status != 0 || !strings.Contains(p.Error, "redirect loop") {
			t.Errorf("/loop1: status %d error %q", p.Status, p.Error)
		}
	})
	t.Run("resource recorded, not parsed", func(t *testing.T) {
		p := pages[u("/file.pdf")]
		if p.Status != 200 || p.ContentType != "application/pdf" || p.Title != "" || len(p.Links) != 0 {
			t.Errorf("/file.pdf: %+v", p)
		}
	})
	t.Run("links stored", func(t *testing.T) {
		home := pages[u("/")]
		var ext *seoplan.Link
		for i, l := range home.Links {
			if strings.HasPrefix(l.URL, "http://127.0.0.2:9") {
				ext = &home.Links[i]
			}
		}
		if len(home.Links) != 8 || ext == nil || ext.Internal || ext.Text == "" {
			t.Errorf("home links: %+v", home.Links)
		}
	})
	t.Run("stats", func(t *testing.T) {
		want := [6]int{1, 0, 8, 0, 1, 0}
		if st.ByClass != want || st.Pages != 10 || st.Fetched != 10 || st.Errors != 1 || st.Queued != 0 || st.Resumed || st.LimitReached {
			t.Errorf("stats %+v", st)
		}
	})
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func regexpMust(s string) *regexp.Regexp { return regexp.MustCompile(s) }

func errorsIs(err, target error) bool { return errors.Is(err, target) }
