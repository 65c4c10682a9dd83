package crawldb_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/crawldb"
)

// A crawl stores pages through a Batch; readers stream them back ordered by
// URL.
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "crawldb-example")
	defer os.RemoveAll(dir)
	db, err := crawldb.Open(ctx, filepath.Join(dir, "site.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()

	snap, _ := db.CreateSnapshot(ctx, "https://example.com/", "{}", time.Now())
	b, _ := db.Begin(ctx)
	for _, u := range []string{"https://example.com/pricing", "https://example.com/"} {
		id, _ := b.Enqueue(snap.ID, u, 0)
		b.StorePage(snap.ID, id, &seoplan.Page{Fetch: seoplan.Fetch{URL: u, Status: 200, ContentType: "text/html"}, Content: seoplan.Content{Title: "Page " + u[19:]}})
	}
	b.Commit()
	db.SetState(ctx, snap.ID, crawldb.StateDone, time.Now())

	latest, _ := db.Latest(ctx)
	fmt.Println("snapshot", latest.ID, latest.State, latest.Pages, "pages")
	db.Pages(ctx, latest.ID, func(p seoplan.Page) error {
		fmt.Println(p.Status, p.URL, p.Title)
		return nil
	})
	// Output:
	// snapshot 1 done 2 pages
	// 200 https://example.com/ Page /
	// 200 https://example.com/pricing Page /pricing
}
