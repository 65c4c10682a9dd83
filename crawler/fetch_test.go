package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sync/semaphore"

	"github.com/seoplan/seoplan"
)

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
		var releases releaseLog
		_, _, rec := crawlHandler(t, site, WithDelay(delay), WithConcurrency(4), WithTimeout(100*time.Millisecond), WithRetries(0, 0, 0), releases.option())
		// The limiter's own record of when it let each request go, not
		// the server's clock: how soon a released request reaches the
		// server is up to the scheduler, and a busy machine (or -race)
		// can deliver the first one late and shrink the span the server
		// sees below (n-1)·delay, as it did one run in ten.
		var at []time.Time
		releases.mu.Lock()
		for _, ts := range releases.at {
			at = append(at, ts...)
		}
		releases.mu.Unlock()
		slices.SortFunc(at, func(a, b time.Time) int { return a.Compare(b) })
		served := rec.count(func(p string) bool { return p != "/robots.txt" })
		if len(at) < 5 || len(at) != served {
			t.Fatalf("%d requests released, %d served; want the same, at least 5", len(at), served)
		}
		for i := 1; i < len(at); i++ {
			if gap := at[i].Sub(at[i-1]); gap < delay {
				t.Errorf("requests %d and %d released %s apart, want at least %s", i, i+1, gap, delay)
			}
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

// gzipped returns s compressed with gzip.
func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The body limit holds on the bytes decoded, however a gzip body comes: a
// gzip bomb sent as text/html at a path ending in .xml.gz (which colly
// used to gunzip itself after its limit, so the page grew to the whole
// bomb) is kept as sent, and a Content-Encoding the transport left alone
// is decoded under the limit.
func TestGzipBodyBounded(t *testing.T) {
	const limit = 64 << 10
	bomb := gzipped(t, "<title>Bomb</title><p>"+strings.Repeat("a", 8<<20))
	h := func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			htmlPage(w, "Home", "/bomb.xml.gz", "/encoded")
		case "/bomb.xml.gz":
			w.Header().Set("Content-Type", "text/html")
			w.Write(bomb)
		case "/encoded":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb)
		default:
			http.NotFound(w, r)
		}
	}
	for _, tt := range []struct {
		name string
		rt   http.RoundTripper
	}{
		{"transport decodes gzip", nil},
		// No Accept-Encoding is sent, so the transport leaves a gzip
		// Content-Encoding to the crawler.
		{"transport leaves gzip", &http.Transport{DisableCompression: true}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var opts []Option
			if tt.rt != nil {
				opts = append(opts, WithTransport(tt.rt))
			}
			pages, _, _ := crawlHandler(t, h, append(opts, WithMaxBodySize(limit))...)
			if p := pages["/bomb.xml.gz"]; p.Size != int64(len(bomb)) || p.Title != "" {
				t.Errorf("/bomb.xml.gz: size %d title %q, want the %d bytes sent, not decoded", p.Size, p.Title, len(bomb))
			}
			if p := pages["/encoded"]; p.Size != limit || !strings.Contains(p.Error, "truncated") || p.Title != "Bomb" {
				t.Errorf("/encoded: size %d error %q title %q, want it decoded and cut at %d", p.Size, p.Error, p.Title, limit)
			}
		})
	}
}

// A body takes its share of the body budget before it reads past freeBody,
// all at once: its Content-Length, else the most it may grow to, and
// nothing below freeBody. While it cannot have its share it reads no
// further.
func TestBodyBudget(t *testing.T) {
	const grant = 10 << 20
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tt := range []struct {
		name     string
		ctx      context.Context
		body     int
		size     int64 // Content-Length, -1 when unknown
		wantHeld int64
		wantErr  bool
	}{
		{"small body reads outside the budget", context.Background(), freeBody - 1, -1, 0, false},
		{"unknown length takes the grant", context.Background(), 3 << 20, -1, grant, false},
		{"known length takes that", context.Background(), 3 << 20, 3 << 20, 3 << 20, false},
		{"no share, no reading past freeBody", cancelled, 3 << 20, -1, 0, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			budget := semaphore.NewWeighted(bodyBudget)
			st := &fetchState{}
			b := &budgetBody{
				ReadCloser: io.NopCloser(bytes.NewReader(make([]byte, tt.body))),
				ctx:        tt.ctx, t: &pageTransport{budget: budget, grant: grant}, st: st, size: tt.size,
			}
			got, err := io.ReadAll(b)
			if (err != nil) != tt.wantErr || st.held != tt.wantHeld {
				t.Fatalf("read %d bytes, err %v, holding %d; want err %v, holding %d", len(got), err, st.held, tt.wantErr, tt.wantHeld)
			}
			if tt.wantErr && len(got) > freeBody {
				t.Errorf("read %d bytes without a share of the budget, want at most %d", len(got), freeBody)
			}
			if !tt.wantErr && len(got) != tt.body {
				t.Errorf("read %d bytes, want %d", len(got), tt.body)
			}
			if !budget.TryAcquire(bodyBudget - st.held) {
				t.Errorf("the budget has less free than the %d bytes not held", bodyBudget-st.held)
			}
		})
	}
}

// Every share of the body budget is given back: on a site of big pages,
// each answered 503 once before its page, a crawl whose budget holds two
// such bodies fetches every page (a share kept by a retried response
// would stall the crawl after the third).
func TestBodyBudgetReleased(t *testing.T) {
	const n, size = 8, bodyBudget / 2
	body := "<title>Big</title><p>" + strings.Repeat("word ", size/5)
	var mu sync.Mutex
	refused := map[string]bool{}
	h := func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
			return
		case "/":
			var links []string
			for i := range n {
				links = append(links, fmt.Sprintf("/big/%d", i))
			}
			htmlPage(w, "Home", links...)
			return
		}
		mu.Lock()
		first := !refused[r.URL.Path]
		refused[r.URL.Path] = true
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if first {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		fmt.Fprint(w, body)
	}
	done := make(chan struct{})
	var pages map[string]seoplan.Page
	go func() {
		defer close(done)
		pages, _, _ = crawlHandler(t, h, WithConcurrency(4), WithMaxBodySize(size), WithRetries(1, time.Millisecond, time.Millisecond))
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("crawl still running after 60s: a share of the body budget was not given back")
	}
	for i := range n {
		if p := pages[fmt.Sprintf("/big/%d", i)]; p.Status != 200 || p.Size != size {
			t.Errorf("/big/%d: status %d size %d, want 200 and %d", i, p.Status, p.Size, size)
		}
	}
}
