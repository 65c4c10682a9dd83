package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

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

// recorder wraps a handler and remembers every request path and when it
// arrived.
type recorder struct {
	mu    sync.Mutex
	paths []string
	times []time.Time
	h     http.Handler
}

func htmlPage(w http.ResponseWriter, title string, links ...string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, page(title, links...))
}

// crawlHandler crawls h from "/" with opts and returns the pages by path,
// the stats and the request recorder.
func crawlHandler(t *testing.T, h http.HandlerFunc, opts ...Option) (map[string]seoplan.Page, Stats, *recorder) {
	t.Helper()
	rec := &recorder{h: h}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	pages, st := crawlAll(t, srv.URL+"/", opts...)
	byPath := map[string]seoplan.Page{}
	for u, p := range pages {
		byPath[strings.TrimPrefix(u, srv.URL)] = p
	}
	return byPath, st, rec
}

func TestNewRejects(t *testing.T) {
	tests := []struct {
		name    string
		url     string
		opts    []Option
		invalid bool // wraps ErrInvalidURL
	}{
		{"malformed", "http://[::1", nil, true},
		{"scheme", "mailto:someone@example.com", nil, true},
		{"relative", "/just/a/path", nil, true},
		{"concurrency", "https://example.com/", []Option{WithConcurrency(0)}, false},
		{"max pages", "https://example.com/", []Option{WithMaxPages(0)}, false},
		{"negative delay", "https://example.com/", []Option{WithDelay(-time.Second)}, false},
		{"empty user agent", "https://example.com/", []Option{WithUserAgent("")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.url, tt.opts...)
			if err == nil {
				t.Fatal("no error")
			}
			if got := errorsIs(err, ErrInvalidURL); got != tt.invalid {
				t.Errorf("errors.Is(%v, ErrInvalidURL) = %v", err, got)
			}
		})
	}
}

// colly.NewCollector lets COLLY_* environment variables override code; the
// crawler must not.
func TestCollyEnvironmentIgnored(t *testing.T) {
	t.Setenv("COLLY_USER_AGENT", "evil-bot")
	t.Setenv("COLLY_IGNORE_ROBOTSTXT", "y")
	t.Setenv("COLLY_MAX_DEPTH", "1")
	t.Setenv("COLLY_MAX_BODY_SIZE", "10")
	t.Setenv("COLLY_DISALLOWED_DOMAINS", "127.0.0.1")
	var mu sync.Mutex
	agents := map[string]bool{}
	h := func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		agents[r.UserAgent()] = true
		mu.Unlock()
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case "/":
			htmlPage(w, "Home", "/a", "/private/x")
		case "/a":
			htmlPage(w, "A", "/b")
		default:
			htmlPage(w, r.URL.Path+" "+strings.Repeat("long title ", 5))
		}
	}
	pages, _, _ := crawlHandler(t, h)
	if len(agents) != 1 || !agents[DefaultUserAgent(Version)] {
		t.Errorf("user agents sent: %v", agents)
	}
	if _, ok := pages["/private/x"]; ok {
		t.Error("robots.txt ignored")
	}
	if p, ok := pages["/b"]; !ok || p.Size < 50 {
		t.Errorf("depth or body size limited by the environment: %v, /b size %d", keys(pages), p.Size)
	}
}
