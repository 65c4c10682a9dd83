package crawler_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/crawldb"
	"github.com/seoplan/seoplan/crawler"
)

// Crawl a three-page site served on loopback into a fresh database and list
// what was stored.
func Example() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, `<title>Home</title><a href="/pricing">Pricing</a> <a href="/gone">Old</a>`)
		case "/pricing":
			fmt.Fprint(w, `<title>Pricing</title><a href="/">Home</a>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	dir, _ := os.MkdirTemp("", "crawler-example")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	db, err := crawldb.Open(ctx, filepath.Join(dir, "site.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()

	c, err := crawler.New(srv.URL+"/", crawler.WithConcurrency(2))
	if err != nil {
		fmt.Println(err)
		return
	}
	st, err := c.Run(ctx, db, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(st.Pages, "pages,", st.ByClass[2], "2xx,", st.ByClass[4], "4xx")
	db.Pages(ctx, st.SnapshotID, func(p seoplan.Page) error {
		fmt.Printf("%d %s depth %d %q\n", p.Status, strings.TrimPrefix(p.URL, srv.URL), p.Depth, p.Title)
		return nil
	})
	// Output:
	// 3 pages, 2 2xx, 1 4xx
	// 200 / depth 0 "Home"
	// 404 /gone depth 1 ""
	// 200 /pricing depth 1 "Pricing"
}
