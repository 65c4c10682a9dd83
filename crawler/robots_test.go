package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/seoplan/seoplan/crawldb"
)

func TestCrawlerRobots(t *testing.T) {
	site := func(robots string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case "/robots.txt":
				fmt.Fprint(w, robots)
			case "/":
				htmlPage(w, "Home", "/a", "/b", "/c", "/private/x")
			default:
				htmlPage(w, r.URL.Path)
			}
		}
	}
	t.Run("crawl-delay spaces requests", func(t *testing.T) {
		const delay = 40 * time.Millisecond
		_, _, rec := crawlHandler(t, site("User-agent: *\nCrawl-delay: 0.04\nDisallow: /private/\n"), WithConcurrency(4))
		rec.mu.Lock()
		defer rec.mu.Unlock()
		// From the home page on; robots.txt itself is fetched before the
		// delay is known. Requests leave the crawler delay apart; they
		// reach the server with some scheduling jitter, hence the slack
		// on single gaps and the tighter bound on the whole span.
		n := len(rec.times)
		if n < 6 {
			t.Fatalf("only %d requests", n)
		}
		for i := 2; i < n; i++ {
			if gap := rec.times[i].Sub(rec.times[i-1]); gap < delay/2 {
				t.Errorf("requests %s and %s only %s apart, want about %s", rec.paths[i-1], rec.paths[i], gap, delay)
			}
		}
		if span, want := rec.times[n-1].Sub(rec.times[1]), time.Duration(n-2)*delay*9/10; span < want {
			t.Errorf("%d requests in %s, want at least %s", n-1, span, want)
		}
	})
	t.Run("our group wins over *", func(t *testing.T) {
		pages, _, rec := crawlHandler(t, site("User-agent: *\nDisallow: /\n\nUser-agent: seoplan\nDisallow: /b\n"))
		if _, ok := pages["/a"]; !ok || rec.count(func(p string) bool { return p == "/b" }) != 0 {
			t.Errorf("crawled %v", keys(pages))
		}
	})
	t.Run("ignore robots", func(t *testing.T) {
		pages, _, _ := crawlHandler(t, site("User-agent: *\nDisallow: /private/\n"), WithIgnoreRobots(true))
		if _, ok := pages["/private/x"]; !ok {
			t.Errorf("--ignore-robots did not fetch /private/x: %v", keys(pages))
		}
	})
	t.Run("robots.txt 5xx disallows all", func(t *testing.T) {
		h := func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/robots.txt" {
				http.Error(w, "down", http.StatusInternalServerError)
				return
			}
			htmlPage(w, "Home", "/a")
		}
		srv := httptest.NewServer(http.HandlerFunc(h))
		defer srv.Close()
		c, err := New(srv.URL+"/", WithRetries(0, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		db := openDB(t)
		if _, err := c.Run(context.Background(), db, false); !errorsIs(err, ErrDisallowed) {
			t.Errorf("err = %v, want ErrDisallowed", err)
		}
		if snap, _ := db.Latest(context.Background()); snap.Pages != 0 || snap.State != crawldb.StateFailed {
			t.Errorf("snapshot %+v; want failed with no pages", snap)
		}
	})
}
