package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/crawldb"
)

// recorder wraps a handler and remembers every request path and when it
// arrived.
type recorder struct {
	mu    sync.Mutex
	paths []string
	times []time.Time
	h     http.Handler
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.paths = append(r.paths, req.URL.RequestURI())
	r.times = append(r.times, time.Now())
	r.mu.Unlock()
	r.h.ServeHTTP(w, req)
}

func (r *recorder) count(pred func(string) bool) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, p := range r.paths {
		if pred(p) {
			n++
		}
	}
	return n
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

func TestCrawlerTraps(t *testing.T) {
	tests := []struct {
		name  string
		h     http.HandlerFunc
		opts  []Option
		check func(t *testing.T, pages map[string]seoplan.Page, st Stats)
	}{
		{
			name: "endless calendar by query string",
			h: func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/" {
					htmlPage(w, "Home", "/calendar?month=0")
					return
				}
				m, _ := strconv.Atoi(r.URL.Query().Get("month"))
				htmlPage(w, "Month", fmt.Sprintf("/calendar?month=%d", m+1), fmt.Sprintf("/calendar?month=%d", m-1))
			},
			opts: []Option{WithTrapLimits(2048, 25, 24, 3)},
			check: func(t *testing.T, pages map[string]seoplan.Page, st Stats) {
				if n := len(pages); n != 26 {
					t.Errorf("stored %d pages, want home + 25 calendar variants", n)
				}
			},
		},
		{
			name: "ever-new query strings under the default limits",
			h: func(w http.ResponseWriter, r *http.Request) {
				n, _ := strconv.Atoi(r.URL.Query().Get("page"))
				htmlPage(w, "List", fmt.Sprintf("/list?page=%d&session-ish=%d", n+1, n*7))
			},
			check: func(t *testing.T, pages map[string]seoplan.Page, st Stats) {
				if n := len(pages); n != 101 {
					t.Errorf("stored %d pages, want home + 100 query variants", n)
				}
			},
		},
		{
			name: "endless month calendar under the default limits",
			h: func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/" {
					htmlPage(w, "Home", "/events/2026/11/", "/blog/2026/11/17/a-post", "/blog/2026/11/18/another")
					return
				}
				var y, m int
				if _, err := fmt.Sscanf(r.URL.Path, "/events/%d/%d/", &y, &m); err != nil {
					htmlPage(w, r.URL.Path)
					return
				}
				next, prev := time.Date(y, time.Month(m)+1, 1, 0, 0, 0, 0, time.UTC), time.Date(y, time.Month(m)-1, 1, 0, 0, 0, 0, time.UTC)
				htmlPage(w, "Month", next.Format("/events/2006/01/"), prev.Format("/events/2006/01/"))
			},
			check: func(t *testing.T, pages map[string]seoplan.Page, st Stats) {
				months := 0
				for p := range pages {
					if strings.HasPrefix(p, "/events/") {
						months++
					}
				}
				if months != 1000 || len(pages) != 1003 || st.LimitReached {
					t.Errorf("stored %d months of %d pages, want 1000 of 1003 (home and two dated posts)", months, len(pages))
				}
			},
		},
		{
			name: "endless calendar by path stops at max pages",
			h: func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/" {
					htmlPage(w, "Home", "/cal/0")
					return
				}
				n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/cal/"))
				htmlPage(w, "Day", fmt.Sprintf("/cal/%d", n+1))
			},
			opts: []Option{WithMaxPages(40)},
			check: func(t *testing.T, pages map[string]seoplan.Page, st Stats) {
				if len(pages) != 40 || !st.LimitReached || st.Queued == 0 {
					t.Errorf("stored %d pages, limit reached %v, queued %d; want 40, true, >0", len(pages), st.LimitReached, st.Queued)
				}
			},
		},
		{
			name: "relative link that nests forever",
			h: func(w http.ResponseWriter, r *http.Request) {
				htmlPage(w, "Dir", "more/") // /more/, /more/more/, …
			},
			check: func(t *testing.T, pages map[string]seoplan.Page, st Stats) {
				if _, ok := pages["/more/more/more/"]; !ok {
					t.Errorf("three levels should be crawled: %v", keys(pages))
				}
				if len(pages) != 4 {
					t.Errorf("stored %v; want / and three nested levels", keys(pages))
				}
			},
		},
		{
			name: "ever deeper distinct paths",
			h: func(w http.ResponseWriter, r *http.Request) {
				n := 1
				if r.URL.Path != "/" {
					n += strings.Count(r.URL.Path, "/")
				}
				htmlPage(w, "Deep", fmt.Sprintf("%s/d%d", strings.TrimSuffix(r.URL.Path, "/"), n))
			},
			opts: []Option{WithTrapLimits(2048, 100, 5, 3)},
			check: func(t *testing.T, pages map[string]seoplan.Page, st Stats) {
				if _, ok := pages["/d1/d2/d3/d4/d5"]; !ok || len(pages) != 6 {
					t.Errorf("want / and 5 levels, got %v", keys(pages))
				}
			},
		},
		{
			// Each page links to three numbers below itself: without a
			// bound on number segments this branches past any page limit
			// long before it reaches the path-segment limit.
			name: "branching number chain under the default limits",
			h: func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/" {
					htmlPage(w, "Home", "/trap/7/", "/2024/05/17/a-post/1/2/3/")
					return
				}
				htmlPage(w, "Trap", "1/", "2/", "3/")
			},
			check: func(t *testing.T, pages map[string]seoplan.Page, st Stats) {
				if _, ok := pages["/trap/7/1/2/3/"]; !ok {
					t.Errorf("four number segments should be crawled: %d pages", len(pages))
				}
				for p := range pages {
					if n := numberSegments(strings.Split(strings.Trim(p, "/"), "/")); n > 4 {
						t.Errorf("fetched %s, %d number segments", p, n)
					}
				}
				// Home, the chain (1 + 3 + 9 + 27 pages) and the dated post,
				// its date one number, with three numbers below it.
				if _, ok := pages["/2024/05/17/a-post/1/2/3/"]; !ok || len(pages) != 1+40+1 {
					t.Errorf("stored %d pages, want 42", len(pages))
				}
			},
		},
		{
			name: "number chain built by redirects",
			h: func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/":
					htmlPage(w, "Home", "/r/1/")
				case "/robots.txt":
					http.NotFound(w, r)
				default:
					http.Redirect(w, r, r.URL.Path+"1/", http.StatusFound)
				}
			},
			opts: []Option{WithMaxNumberSegments(3)},
			check: func(t *testing.T, pages map[string]seoplan.Page, st Stats) {
				// /r/1/ redirects to /r/1/1/, then /r/1/1/1/; the redirect
				// to a fourth number is recorded, not followed.
				p, ok := pages["/r/1/1/1/"]
				if !ok || p.Status != http.StatusFound || len(p.Links) != 1 || !strings.HasSuffix(p.Links[0].URL, "/r/1/1/1/1/") {
					t.Errorf("want the redirect to /r/1/1/1/1/ recorded at /r/1/1/1/, got %v (%+v)", keys(pages), p)
				}
				for p := range pages {
					if n := numberSegments(strings.Split(strings.Trim(p, "/"), "/")); n > 3 {
						t.Errorf("fetched %s, %d number segments", p, n)
					}
				}
			},
		},
		{
			name: "ever longer url",
			h: func(w http.ResponseWriter, r *http.Request) {
				htmlPage(w, "Long", r.URL.Path+"x")
			},
			opts: []Option{WithTrapLimits(64, 100, 24, 3)},
			check: func(t *testing.T, pages map[string]seoplan.Page, st Stats) {
				for p := range pages {
					if len(p) > 64 {
						t.Errorf("fetched %d-byte path", len(p))
					}
				}
				if len(pages) < 10 {
					t.Errorf("only %d pages", len(pages))
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, st, _ := crawlHandler(t, tt.h, tt.opts...)
			tt.check(t, pages, st)
		})
	}
}

func TestCrawlerScopeAndPoliteness(t *testing.T) {
	home := func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			htmlPage(w, "Home", "/blog/a", "/blog/b", "/shop/c", "/about")
		case "/blog/a":
			htmlPage(w, "A", "/blog/a/deeper")
		default:
			htmlPage(w, r.URL.Path)
		}
	}
	tests := []struct {
		name string
		opts []Option
		want []string
	}{
		{"everything", nil, []string{"/", "/about", "/blog/a", "/blog/a/deeper", "/blog/b", "/shop/c"}},
		{"max depth 1", []Option{WithMaxDepth(1)}, []string{"/", "/about", "/blog/a", "/blog/b", "/shop/c"}},
		{"include", []Option{WithInclude(regexpMust(`/blog/`))}, []string{"/", "/blog/a", "/blog/a/deeper", "/blog/b"}},
		{"exclude", []Option{WithExclude(regexpMust(`/blog/`))}, []string{"/", "/about", "/shop/c"}},
		{"include and exclude", []Option{WithInclude(regexpMust(`/blog/`)), WithExclude(regexpMust(`deeper`))}, []string{"/", "/blog/a", "/blog/b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, _, _ := crawlHandler(t, home, tt.opts...)
			if got := strings.Join(keys(pages), " "); got != strings.Join(tt.want, " ") {
				t.Errorf("crawled %s\nwant    %s", got, strings.Join(tt.want, " "))
			}
		})
	}
}

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

func TestCrawlerRetries(t *testing.T) {
	tests := []struct {
		name       string
		failures   int // answers before a 200
		fail       func(w http.ResponseWriter)
		wantStatus int
		wantTries  int
	}{
		{"429 with Retry-After", 2, func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
		}, 200, 3},
		{"503 with an HTTP date", 1, func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", time.Now().Add(-time.Second).UTC().Format(http.TimeFormat))
			w.WriteHeader(http.StatusServiceUnavailable)
		}, 200, 2},
		{"503 forever gives up", 100, func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusServiceUnavailable)
		}, 503, 3},
		{"500 retried", 1, func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusInternalServerError)
		}, 200, 2},
		{"500 forever is recorded", 100, func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusInternalServerError)
		}, 500, 3},
		{"502 retried", 1, func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusBadGateway)
		}, 200, 2},
		{"504 retried", 2, func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusGatewayTimeout)
		}, 200, 3},
		{"connection dropped", 1, func(w http.ResponseWriter) {
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
		}, 200, 2},
		{"404 is not retried", 100, func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusNotFound)
		}, 404, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			tries := 0
			h := func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/":
					htmlPage(w, "Home", "/flaky")
				case "/flaky":
					mu.Lock()
					tries++
					n := tries
					mu.Unlock()
					if n <= tt.failures {
						tt.fail(w)
						return
					}
					htmlPage(w, "Flaky")
				default:
					http.NotFound(w, r)
				}
			}
			pages, _, _ := crawlHandler(t, h, WithRetries(2, time.Millisecond, 50*time.Millisecond))
			if p := pages["/flaky"]; p.Status != tt.wantStatus || tries != tt.wantTries {
				t.Errorf("status %d after %d tries, want %d after %d (error %q)", p.Status, tries, tt.wantStatus, tt.wantTries, p.Error)
			}
		})
	}
}

func TestCrawlerResponses(t *testing.T) {
	h := func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			htmlPage(w, "Home", "/big", "/latin1", "/noindex", "/nofollow-header", "/hidden",
				"/image-preview", "/other-bot", "/googlebot-nofollow", "/expired")
		case "/big":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<title>Big</title>"+strings.Repeat("<p>word word word</p>", 10000))
		case "/latin1":
			w.Header().Set("Content-Type", "text/html; charset=windows-1252")
			w.Write([]byte("<title>Caf\xe9 \x93quoted\x94 \xa35</title><h1>Caf\xe9</h1>"))
		case "/noindex":
			w.Header().Set("X-Robots-Tag", "noindex")
			htmlPage(w, "No index", "/from-noindex")
		case "/nofollow-header":
			w.Header().Set("X-Robots-Tag", "nofollow")
			htmlPage(w, "No follow", "/hidden-by-nofollow")
		case "/image-preview":
			w.Header().Set("X-Robots-Tag", "max-image-preview:none")
			htmlPage(w, "Image preview", "/from-image-preview")
		case "/other-bot":
			w.Header().Set("X-Robots-Tag", "otherbot: noindex, nofollow")
			htmlPage(w, "Other bot", "/from-other-bot")
		case "/googlebot-nofollow":
			w.Header().Add("X-Robots-Tag", "max-snippet:20")
			w.Header().Add("X-Robots-Tag", "googlebot: nofollow")
			htmlPage(w, "Googlebot nofollow", "/hidden-by-googlebot")
		case "/expired":
			w.Header().Set("X-Robots-Tag", "unavailable_after: Wednesday, 01-Jan-20 00:00:00 UTC")
			htmlPage(w, "Expired")
		default:
			htmlPage(w, r.URL.Path)
		}
	}
	pages, _, rec := crawlHandler(t, h, WithMaxBodySize(4096))
	t.Run("body bounded while reading", func(t *testing.T) {
		p := pages["/big"]
		if p.Size != 4096 || !strings.Contains(p.Error, "truncated") || p.Title != "Big" {
			t.Errorf("/big: size %d error %q title %q", p.Size, p.Error, p.Title)
		}
	})
	t.Run("declared charset decoded once", func(t *testing.T) {
		if p := pages["/latin1"]; p.Title != "Café “quoted” £5" {
			t.Errorf("/latin1 title %q", p.Title)
		}
	})
	t.Run("X-Robots-Tag", func(t *testing.T) {
		if p := pages["/noindex"]; !p.Noindex || p.XRobotsTag != "noindex" {
			t.Errorf("/noindex: noindex %v tag %q", p.Noindex, p.XRobotsTag)
		}
		if _, ok := pages["/from-noindex"]; !ok {
			t.Errorf("links of a noindex page should still be followed")
		}
		if n := rec.count(func(p string) bool { return p == "/hidden-by-nofollow" }); n != 0 {
			t.Errorf("link of a nofollow page was followed")
		}
		for _, path := range []string{"/image-preview", "/other-bot"} {
			if p := pages[path]; p.Noindex || p.Nofollow {
				t.Errorf("%s (%q): noindex %v nofollow %v, want neither", path, p.XRobotsTag, p.Noindex, p.Nofollow)
			}
		}
		for _, path := range []string{"/from-image-preview", "/from-other-bot"} {
			if _, ok := pages[path]; !ok {
				t.Errorf("%s not crawled: its linking page is followed", path)
			}
		}
		if p := pages["/googlebot-nofollow"]; !p.Nofollow || p.Noindex || p.XRobotsTag != "max-snippet:20, googlebot: nofollow" {
			t.Errorf("/googlebot-nofollow: nofollow %v noindex %v tag %q", p.Nofollow, p.Noindex, p.XRobotsTag)
		}
		if n := rec.count(is("/hidden-by-googlebot")); n != 0 {
			t.Errorf("link of a googlebot: nofollow page was followed")
		}
		if p := pages["/expired"]; !p.Noindex {
			t.Errorf("/expired: unavailable_after has passed, want noindex")
		}
	})
}

func TestRunResumeFreshAndCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	served := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		served++
		if served == 5 {
			cancel()
		}
		mu.Unlock()
		var links []string
		for i := range 20 {
			links = append(links, fmt.Sprintf("/p%d", i))
		}
		htmlPage(w, r.URL.Path, links...)
	}))
	defer srv.Close()
	db := openDB(t)
	c, err := New(srv.URL+"/", WithConcurrency(1))
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Run(ctx, db, false)
	if err == nil || ctx.Err() == nil {
		t.Fatalf("cancelled run returned %v", err)
	}
	snap, _ := db.Latest(context.Background())
	if snap.State != crawldb.StateInterrupted || snap.Pages == 0 || snap.Pages >= 21 || st.Pages != snap.Pages {
		t.Fatalf("after cancel: state %q, %d pages (stats %d)", snap.State, snap.Pages, st.Pages)
	}
	st, err = c.Run(context.Background(), db, false)
	if err != nil || !st.Resumed || st.Pages != 21 || st.SnapshotID != snap.ID {
		t.Fatalf("resume: %v, %+v", err, st)
	}
	st, err = c.Run(context.Background(), db, true)
	if err != nil || st.Resumed || st.Pages != 21 || st.SnapshotID == snap.ID {
		t.Fatalf("fresh: %v, %+v", err, st)
	}
	st, err = c.Run(context.Background(), db, false)
	if err != nil || st.Resumed || st.SnapshotID == snap.ID+1 {
		t.Fatalf("a finished snapshot is not resumed: %v, %+v", err, st)
	}
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

func TestRunUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	u := srv.URL + "/"
	srv.Close() // nothing listens there any more
	c, err := New(u, WithRetries(0, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	db := openDB(t)
	_, err = c.Run(context.Background(), db, false)
	if !errorsIs(err, ErrUnreachable) {
		t.Fatalf("err = %v, want ErrUnreachable", err)
	}
	if snap, _ := db.Latest(context.Background()); snap.State != crawldb.StateFailed {
		t.Errorf("snapshot state %q, want failed", snap.State)
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

// Depth is the shortest link distance from the start URL however the
// fetches interleave: here the slow /a links /d directly, while the fast
// /b reaches it through /c.
func TestDepthIsShortestDistance(t *testing.T) {
	h := func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			htmlPage(w, "Home", "/a", "/b")
		case "/a":
			time.Sleep(100 * time.Millisecond)
			htmlPage(w, "A", "/d")
		case "/b":
			htmlPage(w, "B", "/c")
		case "/c":
			htmlPage(w, "C", "/d")
		default:
			htmlPage(w, r.URL.Path)
		}
	}
	pages, _, _ := crawlHandler(t, h, WithConcurrency(4))
	want := map[string]int{"/": 0, "/a": 1, "/b": 1, "/c": 2, "/d": 2}
	for path, d := range want {
		if got := pages[path].Depth; got != d {
			t.Errorf("%s depth %d, want %d", path, got, d)
		}
	}
}

// A retried fetch follows the redirects its first attempt claimed, rather
// than stopping at them as if another page had taken them.
func TestRetryFollowsItsOwnRedirects(t *testing.T) {
	var mu sync.Mutex
	tries := 0
	h := func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			htmlPage(w, "Home", "/old")
		case "/old":
			http.Redirect(w, r, "/new", http.StatusMovedPermanently)
		case "/new":
			mu.Lock()
			tries++
			first := tries == 1
			mu.Unlock()
			if first {
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			htmlPage(w, "New")
		default:
			http.NotFound(w, r)
		}
	}
	pages, _, _ := crawlHandler(t, h, WithRetries(2, time.Millisecond, 10*time.Millisecond))
	if p, ok := pages["/new"]; !ok || p.Status != 200 || !strings.HasSuffix(p.RequestedURL, "/old") {
		t.Errorf("pages %v; /new: %+v", keys(pages), p)
	}
}

// Retry-After is honoured in both its forms, and capped: the wait it asks
// for is what the crawler waits (not the much shorter back-off), up to the
// configured maximum, and the retries are bounded.
func TestRetryAfterHonoured(t *testing.T) {
	tests := []struct {
		name       string
		retryAfter func() string
		maxWait    time.Duration
		atLeast    time.Duration // between the failed try and the retry
		atMost     time.Duration
	}{
		{"seconds", func() string { return "1" }, time.Minute, 900 * time.Millisecond, 5 * time.Second},
		// An HTTP date has whole seconds: 2s ahead is 1 to 2s away.
		{"HTTP date", func() string { return time.Now().Add(2 * time.Second).UTC().Format(http.TimeFormat) }, time.Minute, 900 * time.Millisecond, 5 * time.Second},
		{"capped by the longest wait", func() string { return "3600" }, 100 * time.Millisecond, 90 * time.Millisecond, 3 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var tries []time.Time
			h := func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/" {
					http.NotFound(w, r)
					return
				}
				mu.Lock()
				tries = append(tries, time.Now())
				n := len(tries)
				mu.Unlock()
				if n == 1 {
					w.Header().Set("Retry-After", tt.retryAfter())
					w.WriteHeader(http.StatusTooManyRequests)
					return
				}
				htmlPage(w, "Home")
			}
			pages, _, _ := crawlHandler(t, h, WithRetries(3, time.Millisecond, tt.maxWait))
			if p := pages["/"]; p.Status != 200 || len(tries) != 2 {
				t.Fatalf("status %d after %d tries", p.Status, len(tries))
			}
			if gap := tries[1].Sub(tries[0]); gap < tt.atLeast || gap > tt.atMost {
				t.Errorf("retried after %s, want between %s and %s", gap, tt.atLeast, tt.atMost)
			}
		})
	}
}

func TestBackoff(t *testing.T) {
	cfg := defaultConfig()
	cfg.retryBase, cfg.maxRetryWait = 100*time.Millisecond, 10*time.Second
	w := &worker{cfg: &cfg}
	tests := []struct {
		attempt    int
		retryAfter string
		want       time.Duration
	}{
		{0, "", 100 * time.Millisecond},
		{2, "", 400 * time.Millisecond},
		{10, "", 10 * time.Second}, // doubling capped
		{0, "7", 7 * time.Second},
		{0, " 3 ", 3 * time.Second},
		{0, "86400", 10 * time.Second},
		{0, "-5", 100 * time.Millisecond}, // not a delay: the back-off
		{0, "soon", 100 * time.Millisecond},
		{0, "Mon, 02 Jan 2006 15:04:05 GMT", 0}, // in the past: now
	}
	for _, tt := range tests {
		if got := w.backoff(tt.attempt, tt.retryAfter); got != tt.want {
			t.Errorf("backoff(%d, %q) = %s, want %s", tt.attempt, tt.retryAfter, got, tt.want)
		}
	}
}

// What must end does end: an endless chain of distinct redirects, and an
// endless body.
func TestEndlessResponsesEnd(t *testing.T) {
	h := func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/":
			htmlPage(w, "Home", "/r/0", "/stream")
		case strings.HasPrefix(r.URL.Path, "/r/"):
			n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/r/"))
			http.Redirect(w, r, fmt.Sprintf("/r/%d", n+1), http.StatusFound)
		case r.URL.Path == "/stream":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<title>Stream</title>")
			chunk := []byte(strings.Repeat("<p>more</p>", 100))
			for r.Context().Err() == nil {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		default:
			http.NotFound(w, r)
		}
	}
	done := make(chan struct{})
	var pages map[string]seoplan.Page
	go func() {
		defer close(done)
		pages, _, _ = crawlHandler(t, h, WithMaxBodySize(64<<10), WithMaxRedirects(5), WithTimeout(20*time.Second))
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("crawl still running after 10s")
	}
	if p := pages["/r/0"]; p.Status != 0 || !strings.Contains(p.Error, "more than 5 redirects") || len(p.RedirectChain) != 6 {
		t.Errorf("/r/0: status %d error %q chain %d", p.Status, p.Error, len(p.RedirectChain))
	}
	if p := pages["/stream"]; p.Size != 64<<10 || !strings.Contains(p.Error, "truncated") || p.Title != "Stream" {
		t.Errorf("/stream: size %d error %q title %q", p.Size, p.Error, p.Title)
	}
}

// --delay, --user-agent and the request timeout do what they say.
func TestPolitenessOptions(t *testing.T) {
	site := func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /x\n\nUser-agent: acmeaudit\nDisallow: /b\n")
		case "/":
			htmlPage(w, "Home", "/a", "/b", "/c", "/d", "/e", "/x")
		case "/slow":
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		default:
			htmlPage(w, r.URL.Path, "/slow")
		}
	}
	t.Run("delay spaces every request", func(t *testing.T) {
		const delay = 40 * time.Millisecond
		_, _, rec := crawlHandler(t, site, WithDelay(delay), WithConcurrency(4), WithTimeout(100*time.Millisecond), WithRetries(0, 0, 0))
		rec.mu.Lock()
		defer rec.mu.Unlock()
		// The limiter books each request delay after the one before; a
		// busy machine may send one late, so that its gap to the next one
		// shrinks, but it cannot send them early: n requests span at least
		// (n-1)·delay, less the lateness of the first.
		n := len(rec.times)
		if n < 5 {
			t.Fatalf("%d requests, want at least 5", n)
		}
		if span, want := rec.times[n-1].Sub(rec.times[0]), time.Duration(n-1)*delay-delay/2; span < want {
			t.Errorf("%d requests within %s, want at least %s (%s apart): %v", n, span, want, delay, rec.paths)
		}
	})
	t.Run("user agent sent and matched in robots.txt", func(t *testing.T) {
		var mu sync.Mutex
		agents := map[string]bool{}
		h := func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			agents[r.UserAgent()] = true
			mu.Unlock()
			site(w, r)
		}
		const ua = "AcmeAudit/2.0 (+https://acme.example/bot)"
		pages, _, rec := crawlHandler(t, h, WithUserAgent(ua), WithTimeout(100*time.Millisecond), WithRetries(0, 0, 0))
		if len(agents) != 1 || !agents[ua] {
			t.Errorf("user agents sent: %v", agents)
		}
		if rec.count(is("/b")) != 0 {
			t.Error("/b requested although robots.txt disallows it for acmeaudit")
		}
		if _, ok := pages["/x"]; !ok {
			t.Errorf("/x (disallowed for * only) not crawled: %v", keys(pages))
		}
	})
	t.Run("timeout ends a request that never answers", func(t *testing.T) {
		began := time.Now()
		pages, st, _ := crawlHandler(t, site, WithTimeout(200*time.Millisecond), WithRetries(1, time.Millisecond, time.Millisecond))
		if p := pages["/slow"]; p.Status != 0 || !strings.Contains(p.Error, "Timeout") && !strings.Contains(p.Error, "deadline") {
			t.Errorf("/slow: status %d error %q", p.Status, p.Error)
		}
		if el := time.Since(began); el > 5*time.Second || st.Errors != 1 {
			t.Errorf("crawl took %s with %d errors", el, st.Errors)
		}
		if p := pages["/a"]; p.ResponseTime <= 0 || p.Size != int64(len(page("/a", "/slow"))) {
			t.Errorf("/a: response time %s, size %d", p.ResponseTime, p.Size)
		}
	})
}

// A 503 with Retry-After speaks for the whole origin: while it lasts, no
// other worker sends that origin a request either. Each page takes 50 ms,
// so besides the requests already on their way when the 503 came (one per
// other worker), none may arrive within the second it asked for, where
// backing off only the one URL would let some forty through.
func TestRetryAfterHoldsTheOrigin(t *testing.T) {
	var mu sync.Mutex
	var pausedAt time.Time
	h := func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			links := []string{"/slow"}
			for i := range 40 {
				links = append(links, fmt.Sprintf("/p%d", i))
			}
			htmlPage(w, "Home", links...)
		case "/slow":
			mu.Lock()
			first := pausedAt.IsZero()
			if first {
				pausedAt = time.Now()
			}
			mu.Unlock()
			if first {
				w.Header().Set("Retry-After", "1")
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			htmlPage(w, "Slow")
		default:
			time.Sleep(50 * time.Millisecond)
			htmlPage(w, r.URL.Path)
		}
	}
	const workers = 3
	pages, _, rec := crawlHandler(t, h, WithConcurrency(workers), WithRetries(2, time.Millisecond, 5*time.Second))
	if p := pages["/slow"]; p.Status != 200 {
		t.Fatalf("/slow: status %d, want 200 after the retry", p.Status)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	during := 0
	for i, at := range rec.times {
		if at.After(pausedAt) && at.Before(pausedAt.Add(time.Second)) {
			during++
			t.Logf("during the pause: %s", rec.paths[i])
		}
	}
	if during > workers-1 {
		t.Errorf("%d requests arrived within the second Retry-After asked for, want at most %d already on their way", during, workers-1)
	}
}

func TestLimiterHoldOff(t *testing.T) {
	var got time.Time
	l := &limiter{released: func(_ *rules, at time.Time) { got = at }}
	o := &rules{origin: "http://x.test"}
	before := time.Now()
	l.holdOff(o, 50*time.Millisecond)
	if err := l.wait(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	if got.Before(before.Add(50 * time.Millisecond)) {
		t.Errorf("released %s after the pause began, want at least 50ms", got.Sub(before))
	}
}
