package crawler

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/internal/spasite"
)

func TestShellReason(t *testing.T) {
	words := strings.Repeat("Plenty of words written on the server for readers. ", 12)
	cases := []struct {
		name, html, want string
	}{
		{"create-react-app shell", `<!doctype html><html><head><title>App</title><script src="/static/js/main.js"></script></head>
<body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>`, RenderedShell},
		{"next.js mount with data block", `<html><head><script type="module" src="/_next/app.js"></script></head>
<body><div id="__next">  </div><script id="__NEXT_DATA__" type="application/json">{"props":{}}</script></body></html>`, RenderedShell},
		{"scripts only in body", `<html><head><title>x</title></head><body><script src="/bundle.js"></script></body></html>`, RenderedShell},
		{"short page, no mount, no heading", `<html><head><script src="/app.js"></script></head><body><div class="x">Loading…</div></body></html>`, RenderedShell},
		{"links only after scripts", `<html><head><script src="/app.js"></script></head><body><h1>Docs</h1><p>` + words + `</p></body></html>`, RenderedScriptLinks},
		{"server-rendered page with a script", `<html><head><script src="/app.js"></script></head><body><h1>Docs</h1><p>` + words + `</p><a href="/next">next</a></body></html>`, ""},
		{"short page with a heading and a link", `<html><head><script src="/app.js"></script></head><body><h1>Contact</h1><p>Write to us.</p><a href="/">home</a></body></html>`, ""},
		{"empty mount, no script", `<html><body><div id="root"></div></body></html>`, ""},
		{"inline script and data only", `<html><head><script>var x = 1;</script><script type="application/ld+json" src="/x.json"></script></head><body><div id="root"></div></body></html>`, ""},
	}
	base, _ := url.Parse("https://example.com/")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x, signs, err := extractPage(base, "text/html", []byte(c.html))
			if err != nil {
				t.Fatal(err)
			}
			if got := shellReason(&x, signs); got != c.want {
				t.Errorf("shellReason = %q, want %q (words %d, signs %+v)", got, c.want, x.WordCount, signs)
			}
		})
	}
}

func TestParseRenderMode(t *testing.T) {
	for _, s := range []string{"auto", "always", "never"} {
		m, err := ParseRenderMode(s)
		if err != nil || m.String() != s {
			t.Errorf("ParseRenderMode(%q) = %v, %v", s, m, err)
		}
	}
	if _, err := ParseRenderMode("sometimes"); err == nil {
		t.Error("ParseRenderMode(sometimes) did not fail")
	}
}

func TestNewWithoutBrowser(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-chrome")
	for _, m := range []RenderMode{RenderAuto, RenderAlways} {
		if _, err := New("https://example.com/", WithRender(m), WithBrowser(missing)); !errors.Is(err, ErrNoBrowser) {
			t.Errorf("render %s with a missing browser path: %v, want ErrNoBrowser", m, err)
		}
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := FindBrowser(""); err == nil {
		t.Skip("a browser is installed at a fixed path, so none can be made missing")
	}
	if _, err := New("https://example.com/", WithRender(RenderAlways)); !errors.Is(err, ErrNoBrowser) {
		t.Errorf("render always without a browser: %v, want ErrNoBrowser", err)
	}
	c, err := New("https://example.com/", WithRender(RenderAuto))
	if err != nil || c.Browser() != "" {
		t.Fatalf("render auto without a browser: %v; want it to carry on without one", err)
	}
}

// chromium finds a browser for the tests that render. Outside CI a missing
// browser skips them; under CI=true it fails, so CI cannot pass without
// running them (.ci/run installs Debian's chromium).
func chromium(t *testing.T) string {
	t.Helper()
	p, err := FindBrowser("")
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%v but CI=true: install it with apt-get install -y chromium", err)
	}
	t.Skipf("%v: skipping the rendering test (apt-get install -y chromium to run it)", err)
	return ""
}

func spaSite(t *testing.T, mode spasite.Mode) *spasite.Server {
	t.Helper()
	srv, err := spasite.Start(os.DirFS(filepath.Join("..", "testdata", "sites", "spa")), mode)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv
}

// pathsOf keys pages by path, so crawls of two servers compare.
func pathsOf(t *testing.T, pages map[string]seoplan.Page) map[string]seoplan.Page {
	out := map[string]seoplan.Page{}
	for u, p := range pages {
		pu, err := url.Parse(u)
		if err != nil {
			t.Fatal(err)
		}
		if !p.IsHTML() {
			continue
		}
		out[pu.Path] = p
	}
	return out
}

// syncBuffer is a log sink the crawl's goroutines write to.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestRenderSPA crawls the script-built test site three ways: without
// rendering (empty shells, and the page only a rendered link leads to is
// never found), with RenderAuto (every page as its server-rendered twin
// has it, found through rendered links), and the twin itself, whose
// pages are not shells and so are never rendered.
func TestRenderSPA(t *testing.T) {
	browser := chromium(t)
	twin := spaSite(t, spasite.Twin)
	want, st := crawlAll(t, twin.URL+"/", WithRender(RenderAuto), WithBrowser(browser))
	if st.Rendered.Total() != 0 || st.ShellsNotRendered != 0 {
		t.Errorf("twin: %+v rendered, %d shells; want none", st.Rendered, st.ShellsNotRendered)
	}
	wantPaths := pathsOf(t, want)
	routes, _ := spasite.Routes(os.DirFS(filepath.Join("..", "testdata", "sites", "spa")))
	if len(wantPaths) != len(routes) {
		t.Fatalf("twin crawl found %d pages, want the %d routes %q", len(wantPaths), len(routes), routes)
	}

	t.Run("never", func(t *testing.T) {
		shell := spaSite(t, spasite.Shell)
		got, st := crawlAll(t, shell.URL+"/", WithRender(RenderNever))
		paths := pathsOf(t, got)
		if _, ok := paths["/guides/how-to-set-up-recurring-invoices"]; ok {
			t.Error("the how-to, linked only from a rendered page, was found without rendering")
		}
		for p, pg := range paths {
			if pg.Title != "Tallyhall" || pg.WordCount > 10 || len(pg.H1) > 0 || pg.Rendered != "" {
				t.Errorf("%s without rendering: title %q, %d words, h1 %q, rendered %q; want the empty shell", p, pg.Title, pg.WordCount, pg.H1, pg.Rendered)
			}
		}
		if st.ShellsNotRendered != len(paths) || st.Rendered.Total() != 0 {
			t.Errorf("stats: %d shells not rendered, %+v rendered; want %d, none", st.ShellsNotRendered, st.Rendered, len(paths))
		}
	})

	for _, m := range []RenderMode{RenderAuto, RenderAlways} {
		t.Run(m.String(), func(t *testing.T) {
			shell := spaSite(t, spasite.Shell)
			var log syncBuffer
			logger := slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))
			got, st := crawlAll(t, shell.URL+"/", WithRender(m), WithBrowser(browser), WithLogger(logger))
			paths := pathsOf(t, got)
			reason := RenderedShell
			if m == RenderAlways {
				reason = RenderedAlways
			}
			for p, w := range wantPaths {
				g, ok := paths[p]
				if !ok {
					t.Errorf("%s: not crawled", p)
					continue
				}
				if g.Rendered != reason || g.Error != "" {
					t.Errorf("%s: rendered %q, error %q; want %q", p, g.Rendered, g.Error, reason)
				}
				type view struct {
					Title, Description string
					H1                 []string
					Headings           []seoplan.Heading
					Words              int
					Links              []string
					Text               string
				}
				v := func(p seoplan.Page) view {
					var links []string
					for _, l := range p.Links {
						u, _ := url.Parse(l.URL)
						links = append(links, u.Path)
					}
					return view{p.Title, p.MetaDescription, p.H1, p.Headings, p.WordCount, links, p.MainText}
				}
				if gv, wv := v(g), v(w); !reflect.DeepEqual(gv, wv) {
					t.Errorf("%s rendered:\n got %+v\nwant %+v (the twin's)", p, gv, wv)
				}
			}
			if len(paths) != len(wantPaths) {
				t.Errorf("crawled %d pages, want %d", len(paths), len(wantPaths))
			}
			if n := st.Rendered.Total(); n != len(wantPaths) || st.ShellsNotRendered != 0 || st.RenderFailed != 0 {
				t.Errorf("stats: %+v rendered, %d shells not rendered, %d failed; want %d rendered", st.Rendered, st.ShellsNotRendered, st.RenderFailed, len(wantPaths))
			}
			// What the browser must not ask for: images (not even asked
			// for, with images off in the browser), a path robots.txt
			// disallows, another site; and the pages' own documents, which
			// it gets from the crawler's fetch.
			if n := shell.Hits("/img/"); n != 0 {
				t.Errorf("the browser fetched %d images", n)
			}
			if n := shell.Hits("/api/private/"); n != 0 {
				t.Errorf("the browser fetched a path robots.txt disallows %d times", n)
			}
			if n := shell.Hits("/pricing"); n != 1 {
				t.Errorf("/pricing fetched %d times, want once", n)
			}
			for _, want := range []string{"stats.tallyhall-analytics.example/t.js reason=off-site", "/api/private/visit.json reason=robots.txt"} {
				if !strings.Contains(log.String(), want) {
					t.Errorf("log has no refusal %q:\n%s", want, log.String())
				}
			}
		})
	}
}

// TestRenderResume interrupts a rendering crawl and resumes it: the pages
// rendered before the interruption are counted, and the rest rendered.
func TestRenderResume(t *testing.T) {
	browser := chromium(t)
	shell := spaSite(t, spasite.Shell)
	db := openDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opts := []Option{WithRender(RenderAuto), WithBrowser(browser), WithConcurrency(1), WithBatchSize(1),
		WithProgress(func(s Stats) {
			if s.Rendered.Total() >= 2 {
				cancel()
			}
		})}
	c, err := New(shell.URL+"/", opts...)
	if err != nil {
		t.Fatal(err)
	}
	first, err := c.Run(ctx, db, false)
	if ctx.Err() == nil || err == nil {
		t.Fatalf("first run was not interrupted: %v, %+v", err, first)
	}
	c, err = New(shell.URL+"/", WithRender(RenderAuto), WithBrowser(browser))
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Run(context.Background(), db, false)
	if err != nil || !st.Resumed {
		t.Fatalf("resume: %v, %+v", err, st)
	}
	pages := pathsOf(t, pagesOf(t, db, st.SnapshotID))
	if len(pages) != 4 || st.Rendered.Shell != 4 {
		t.Errorf("after resume: %d pages, %+v rendered; want 4 and 4 (first run rendered %+v)", len(pages), st.Rendered, first.Rendered)
	}
	for p, pg := range pages {
		if pg.Rendered != RenderedShell || len(pg.H1) != 1 {
			t.Errorf("%s: rendered %q, h1 %q", p, pg.Rendered, pg.H1)
		}
	}
}

// TestRenderBusyPage renders pages that never go quiet or stop on a
// dialog: the time limit ends the first with a note, WithRenderWait's
// selector ends it without one, and the dialog is dismissed.
func TestRenderBusyPage(t *testing.T) {
	browser := chromium(t)
	const shell = `<!doctype html><html><head><title>App</title><script src="/app.js"></script></head><body><div id="root"></div></body></html>`
	scripts := map[string]string{
		// Polls for ever, as a live ticker does, after building the page.
		"/busy": `addEventListener('DOMContentLoaded', () => {
  document.getElementById('root').innerHTML = '<h1>Live prices</h1><p>Prices as they change.</p>';
  setInterval(() => fetch('/tick').catch(() => {}), 50);
});`,
		"/dialog": `alert('Welcome!'); addEventListener('DOMContentLoaded', () => {
  document.getElementById('root').innerHTML = '<h1>After the dialog</h1>';
});`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			htmlPage(w, "Home", "/busy", "/dialog")
		case "/busy", "/dialog":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(strings.Replace(shell, "/app.js", "/app.js?page="+r.URL.Path[1:], 1)))
		case "/app.js":
			w.Header().Set("Content-Type", "text/javascript")
			w.Write([]byte(scripts["/"+r.URL.Query().Get("page")]))
		case "/tick":
			w.Write([]byte("{}"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	for _, c := range []struct {
		name     string
		opts     []Option
		busyNote bool
	}{
		{"time limit", []Option{WithRenderTimeout(3 * time.Second)}, true},
		{"selector", []Option{WithRenderTimeout(time.Minute), WithRenderWait("h1")}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts := append([]Option{WithRender(RenderAuto), WithBrowser(browser)}, c.opts...)
			pages, st := crawlAll(t, srv.URL+"/", opts...)
			busy, dialog := pages[srv.URL+"/busy"], pages[srv.URL+"/dialog"]
			if busy.Rendered != RenderedShell || len(busy.H1) != 1 || busy.H1[0] != "Live prices" {
				t.Errorf("busy page: rendered %q, h1 %q", busy.Rendered, busy.H1)
			}
			if got := strings.Contains(busy.Error, "still busy"); got != c.busyNote {
				t.Errorf("busy page error %q: note %v, want %v", busy.Error, got, c.busyNote)
			}
			if dialog.Rendered != RenderedShell || len(dialog.H1) != 1 || dialog.H1[0] != "After the dialog" || dialog.Error != "" {
				t.Errorf("dialog page: rendered %q, h1 %q, error %q", dialog.Rendered, dialog.H1, dialog.Error)
			}
			if st.RenderFailed != 0 {
				t.Errorf("%d renders failed", st.RenderFailed)
			}
		})
	}
}
