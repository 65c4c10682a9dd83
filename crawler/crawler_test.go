package crawler

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/internal/crawldb"
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

func TestRunTestSite(t *testing.T) {
	site := newTestSite(t)
	db := openDB(t)
	c, err := New(site.srv.URL+"/", WithConcurrency(3))
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Run(context.Background(), db, false)
	if err != nil {
		t.Fatal(err)
	}
	pages := pagesOf(t, db, st.SnapshotID)
	for u, p := range pages {
		t.Logf("%s %d %q err=%q chain=%v sitemap=%v depth=%d", u, p.Status, p.Title, p.Error, p.RedirectChain, p.InSitemap, p.Depth)
	}
	t.Logf("%+v", st)
}
