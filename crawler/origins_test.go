package crawler

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// routes is a test transport that sends requests for example hosts to
// httptest listeners, so one test can stand up a site's twin origins
// (example.com, www.example.com, https://example.com) on loopback. A
// host:port it has no route for fails to dial, as an unknown host would.
func routes(t *testing.T, tls *httptest.Server, to map[string]*httptest.Server) http.RoundTripper {
	t.Helper()
	addrs := map[string]string{}
	for hostport, srv := range to {
		addrs[hostport] = srv.Listener.Addr().String()
	}
	var d net.Dialer
	tr := &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			to, ok := addrs[addr]
			if !ok {
				return nil, fmt.Errorf("test transport: no route to %s", addr)
			}
			return d.DialContext(ctx, network, to)
		},
	}
	if tls != nil {
		// httptest's certificate names example.com and *.example.com.
		tr.TLSClientConfig = tls.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
	}
	t.Cleanup(tr.CloseIdleConnections)
	return tr
}

// originServer is one origin of a site: its robots.txt and a handler for
// the rest, every request recorded.
func originServer(t *testing.T, tls bool, robots string, h http.HandlerFunc) (*httptest.Server, *recorder) {
	t.Helper()
	rec := &recorder{h: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, robots)
			return
		}
		h(w, r)
	})}
	var srv *httptest.Server
	if tls {
		srv = httptest.NewTLSServer(rec)
	} else {
		srv = httptest.NewServer(rec)
	}
	t.Cleanup(srv.Close)
	return srv, rec
}

func is(path string) func(string) bool { return func(p string) bool { return p == path } }

// TestRobotsPerOrigin crawls a site spread over three origins of one
// site: the bare host, its www. twin and its https twin. Each origin's own
// robots.txt decides what is fetched there, each is read once however many
// workers reach the origin together, and each Crawl-delay paces its own
// origin only.
func TestRobotsPerOrigin(t *testing.T) {
	const wwwDelay = 60 * time.Millisecond
	bare, bareRec := originServer(t, false,
		"User-agent: *\nDisallow: /drafts/\n",
		func(w http.ResponseWriter, r *http.Request) {
			switch {
			case r.URL.Path == "/":
				links := []string{"/private/x", "/go-www-private", "/go-https",
					"http://www.example.com/", "http://www.example.com/private/y"}
				for i := range 12 {
					links = append(links, fmt.Sprintf("/a%d", i))
				}
				htmlPage(w, "Bare home", links...)
			case r.URL.Path == "/go-www-private":
				http.Redirect(w, r, "http://www.example.com/private/z", http.StatusMovedPermanently)
			case r.URL.Path == "/go-https":
				http.Redirect(w, r, "https://example.com/c1", http.StatusMovedPermanently)
			case strings.HasPrefix(r.URL.Path, "/a"):
				// Every page links into the twin, so several workers
				// meet its robots.txt at once.
				n := strings.TrimPrefix(r.URL.Path, "/a")
				htmlPage(w, "A"+n, "http://www.example.com/b"+n, "http://www.example.com/private/a"+n, "/drafts/"+n)
			default:
				htmlPage(w, r.URL.Path)
			}
		})
	www, wwwRec := originServer(t, false,
		fmt.Sprintf("User-agent: *\nCrawl-delay: %g\nDisallow: /private/\n", wwwDelay.Seconds()),
		func(w http.ResponseWriter, r *http.Request) {
			htmlPage(w, "www "+r.URL.Path, "/drafts/w")
		})
	secure, secureRec := originServer(t, true,
		"User-agent: *\nDisallow: /\n\nUser-agent: seoplan\nDisallow: /c-private\n",
		func(w http.ResponseWriter, r *http.Request) {
			htmlPage(w, "https "+r.URL.Path, "/c-private", "/c2")
		})
	rt := routes(t, secure, map[string]*httptest.Server{
		"example.com:80": bare, "www.example.com:80": www, "example.com:443": secure,
	})

	var releases releaseLog
	pages, _ := crawlAll(t, "http://example.com/", WithTransport(rt), WithConcurrency(6), releases.option())

	t.Run("each robots.txt read once", func(t *testing.T) {
		for name, rec := range map[string]*recorder{"bare": bareRec, "www": wwwRec, "https": secureRec} {
			if n := rec.count(is("/robots.txt")); n != 1 {
				t.Errorf("%s robots.txt requested %d times", name, n)
			}
		}
	})
	t.Run("the twin's disallowed paths never requested", func(t *testing.T) {
		if n := wwwRec.count(func(p string) bool { return strings.HasPrefix(p, "/private/") }); n != 0 {
			t.Errorf("www /private/ requested %d times: %v", n, wwwRec.paths)
		}
		if p := pages["http://example.com/go-www-private"]; p.Status != 301 || len(p.Links) != 1 {
			t.Errorf("redirect into the twin's disallowed path: %+v", p)
		}
		if n := secureRec.count(is("/c-private")); n != 0 {
			t.Errorf("https /c-private (disallowed for seoplan) requested %d times", n)
		}
	})
	t.Run("what each origin allows fetched once", func(t *testing.T) {
		want := []string{"http://example.com/private/x", "http://www.example.com/", "http://www.example.com/drafts/w",
			"https://example.com/c1", "https://example.com/c2"}
		for i := range 12 {
			want = append(want, fmt.Sprintf("http://www.example.com/b%d", i))
		}
		for _, u := range want {
			if p, ok := pages[u]; !ok || p.Status != 200 {
				t.Errorf("%s not crawled: %+v", u, p)
			}
		}
		if p := pages["https://example.com/c1"]; p.RequestedURL != "http://example.com/go-https" {
			t.Errorf("https://example.com/c1 requested as %q, want through the redirect", p.RequestedURL)
		}
		for _, rec := range []*recorder{bareRec, wwwRec, secureRec} {
			seen := map[string]bool{}
			rec.mu.Lock()
			for _, p := range rec.paths {
				if seen[p] {
					t.Errorf("%s requested twice", p)
				}
				seen[p] = true
			}
			rec.mu.Unlock()
		}
		if n := bareRec.count(func(p string) bool { return strings.HasPrefix(p, "/drafts/") }); n != 0 {
			t.Errorf("bare /drafts/ requested %d times", n)
		}
	})
	t.Run("crawl-delay paces its own origin only", func(t *testing.T) {
		// The limiter's own record of when it let each request go, not
		// the server's clock: how soon a released request reaches the
		// server is up to the scheduler, most of all under -race.
		www := releases.of("http://www.example.com")
		if want := wwwRec.count(func(p string) bool { return p != "/robots.txt" }); len(www) != want {
			t.Fatalf("%d www requests released, %d served", len(www), want)
		}
		for i := 1; i < len(www); i++ {
			if gap := www[i].Sub(www[i-1]); gap < wwwDelay {
				t.Errorf("www requests %d and %d released %s apart, want at least the Crawl-delay %s", i, i+1, gap, wwwDelay)
			}
		}
		// The bare origin has no Crawl-delay: had the twin's held it back
		// too, its requests would be a Crawl-delay apart as well.
		bare := releases.of("http://example.com")
		fast := 0
		for i := 1; i < len(bare); i++ {
			if bare[i].Sub(bare[i-1]) < wwwDelay {
				fast++
			}
		}
		if fast == 0 {
			t.Errorf("all %d bare requests released a Crawl-delay apart: the twin's Crawl-delay held the bare host back", len(bare))
		}
	})
}

// releaseLog records, per origin, when the limiter released each request.
type releaseLog struct {
	mu sync.Mutex
	at map[string][]time.Time
}

func (l *releaseLog) option() Option {
	return func(c *config) {
		c.released = func(o *rules, at time.Time) {
			l.mu.Lock()
			defer l.mu.Unlock()
			if l.at == nil {
				l.at = map[string][]time.Time{}
			}
			l.at[o.origin] = append(l.at[o.origin], at)
		}
	}
}

func (l *releaseLog) of(origin string) []time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.at[origin])
}

// A twin origin whose robots.txt cannot be read (here: nothing answers)
// is, as RFC 9309 says of an unreachable robots.txt, not crawled at all;
// one whose robots.txt answers 5xx likewise. The crawl of the rest goes on.
func TestRobotsUnreadableOnTwin(t *testing.T) {
	bare, bareRec := originServer(t, false, "", func(w http.ResponseWriter, r *http.Request) {
		htmlPage(w, "Home", "/a", "http://www.example.com/w", "https://example.com/s")
	})
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		t.Errorf("%s requested although robots.txt answered 503", r.URL)
	}))
	defer down.Close()
	rt := routes(t, nil, map[string]*httptest.Server{"example.com:80": bare, "www.example.com:80": down})
	pages, _ := crawlAll(t, "http://example.com/", WithTransport(rt), WithRetries(0, 0, 0))
	if _, ok := pages["http://example.com/a"]; !ok || len(pages) != 2 {
		t.Errorf("crawled %v, want / and /a only", keys(pages))
	}
	if n := bareRec.count(is("/a")); n != 1 {
		t.Errorf("/a requested %d times", n)
	}
}

// TestTwinSitemaps: the Sitemap lines of a twin origin's robots.txt (here
// the www. twin of the start host) seed the crawl as the start origin's
// do: a page only that sitemap lists is fetched once and marked as in the
// sitemap, and a page it lists that robots.txt disallows is not fetched.
func TestTwinSitemaps(t *testing.T) {
	bare, _ := originServer(t, false, "User-agent: *\nAllow: /\n",
		func(w http.ResponseWriter, r *http.Request) {
			htmlPage(w, "Bare "+r.URL.Path, "http://www.example.com/")
		})
	www, wwwRec := originServer(t, false,
		"User-agent: *\nDisallow: /private/\nSitemap: http://www.example.com/twin-sitemap.xml\n",
		func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case "/twin-sitemap.xml":
				w.Header().Set("Content-Type", "application/xml")
				fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://www.example.com/only-in-sitemap</loc></url>
<url><loc>http://www.example.com/private/listed</loc></url>
</urlset>`)
			case "/sitemap.xml":
				http.NotFound(w, r)
			default:
				htmlPage(w, "www "+r.URL.Path)
			}
		})
	rt := routes(t, nil, map[string]*httptest.Server{"example.com:80": bare, "www.example.com:80": www})
	pages, _ := crawlAll(t, "http://example.com/", WithTransport(rt), WithConcurrency(2))

	p, ok := pages["http://www.example.com/only-in-sitemap"]
	if !ok || p.Status != 200 || !p.InSitemap {
		t.Errorf("the page only the twin's sitemap lists: %+v (found %v)", p.Fetch, ok)
	}
	if n := wwwRec.count(is("/only-in-sitemap")); n != 1 {
		t.Errorf("/only-in-sitemap requested %d times", n)
	}
	if n := wwwRec.count(is("/private/listed")); n != 0 {
		t.Errorf("a sitemap page robots.txt disallows was requested %d times", n)
	}
}

// TestTwinSitemapsResume stops the crawl the moment the twin's robots.txt
// has been read, before its sitemap can be stored: the resumed crawl reads
// that robots.txt again and still fetches the page only its sitemap lists,
// once.
func TestTwinSitemapsResume(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	bare, _ := originServer(t, false, "User-agent: *\nAllow: /\n",
		func(w http.ResponseWriter, r *http.Request) {
			htmlPage(w, "Bare "+r.URL.Path, "http://www.example.com/", "/a", "/b")
		})
	var once sync.Once
	wwwRobots := "User-agent: *\nSitemap: http://www.example.com/twin-sitemap.xml\n"
	wwwRec := &recorder{h: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, wwwRobots)
			once.Do(cancel) // the crawl stops as this robots.txt arrives
		case "/twin-sitemap.xml":
			fmt.Fprint(w, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://www.example.com/only-in-sitemap</loc></url></urlset>`)
		case "/sitemap.xml":
			http.NotFound(w, r)
		default:
			htmlPage(w, "www "+r.URL.Path)
		}
	})}
	www := httptest.NewServer(wwwRec)
	t.Cleanup(www.Close)
	rt := routes(t, nil, map[string]*httptest.Server{"example.com:80": bare, "www.example.com:80": www})
	db := openDB(t)
	c, err := New("http://example.com/", WithTransport(rt), WithConcurrency(1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Run(ctx, db, false); err == nil {
		t.Fatal("the cancelled crawl returned no error")
	}
	st, err := c.Run(context.Background(), db, false)
	if err != nil || !st.Resumed {
		t.Fatalf("resume: %v, %+v", err, st)
	}
	pages := pagesOf(t, db, st.SnapshotID)
	if p, ok := pages["http://www.example.com/only-in-sitemap"]; !ok || !p.InSitemap {
		t.Errorf("the page only the twin's sitemap lists was lost in the resume: %+v (found %v)", p.Fetch, ok)
	}
	if n := wwwRec.count(is("/only-in-sitemap")); n != 1 {
		t.Errorf("/only-in-sitemap requested %d times", n)
	}
}
