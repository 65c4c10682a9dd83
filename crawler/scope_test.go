package crawler

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/seoplan/seoplan"
)

func TestDateKey(t *testing.T) {
	tests := []struct {
		path string
		want string // "" for no date
	}{
		{"/events/2024/05/", "h/events/{date}//"},
		{"/events/2024/5/", "h/events/{date}//"},
		{"/events/2024/05/17/", "h/events/{date}///"},
		{"/archive/2024-05/", "h/archive/{date}/"},
		{"/archive/2024-05-17", "h/archive/{date}"},
		{"/blog/2024/05/17/a-post", "h/blog/{date}///a-post"},
		{"/products/2500", ""},          // a number, not a date
		{"/products/2500/ab", ""},       // no month after it
		{"/p/2024/13/", ""},             // no 13th month
		{"/2024-annual-report", ""},     // a slug
		{"/1234-5-tips", ""},            // a slug
		{"/archive/2024-05-hiking", ""}, // a slug
		{"/about", ""},
	}
	for _, tt := range tests {
		got, ok := dateKey(&url.URL{Host: "h", Path: tt.path})
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("dateKey(%q) = %q, %v; want %q", tt.path, got, ok, tt.want)
		}
	}
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
