package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/sync/semaphore"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/internal/urlnorm"
)

// RenderMode says which pages the crawler renders in a headless browser
// before extracting them.
type RenderMode int

const (
	// RenderNever extracts every page from the HTML the server sent.
	RenderNever RenderMode = iota
	// RenderAuto renders only pages whose server HTML is a shell that
	// scripts fill (see Shell).
	RenderAuto
	// RenderAlways renders every HTML page that answered 2xx.
	RenderAlways
)

// ParseRenderMode reads "auto", "always" or "never".
func ParseRenderMode(s string) (RenderMode, error) {
	switch s {
	case "never":
		return RenderNever, nil
	case "auto":
		return RenderAuto, nil
	case "always":
		return RenderAlways, nil
	}
	return RenderNever, fmt.Errorf("render mode %q: must be auto, always or never", s)
}

func (m RenderMode) String() string {
	switch m {
	case RenderAuto:
		return "auto"
	case RenderAlways:
		return "always"
	}
	return "never"
}

// Why a page was rendered: the values of seoplan.Fetch.Rendered.
const (
	// RenderedAlways: every page is rendered (RenderAlways).
	RenderedAlways = "always"
	// RenderedShell: little or no text beside a script bundle, and an
	// empty mount point or no heading.
	RenderedShell = "shell"
	// RenderedScriptLinks: a script bundle and no link to the site, so
	// its links exist only once scripts run.
	RenderedScriptLinks = "script-links"
)

// shellWords is the main text under which a page with a script bundle is
// a shell: fewer words than a short paragraph.
const shellWords = 50

// ErrNoBrowser is returned by FindBrowser, and by New for RenderAlways,
// when no Chromium or Chrome can be found.
var ErrNoBrowser = errors.New("no chromium or chrome browser found")

// browserNames are the commands Chromium and Chrome install as, most
// common first.
var browserNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}

// browserPaths are where Chrome and Chromium live when not on PATH.
var browserPaths = map[string][]string{
	"darwin": {
		"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
		"/Applications/Chromium.app/Contents/MacOS/Chromium",
	},
	"windows": {
		`C:\Program Files\Google\Chrome\Application\chrome.exe`,
		`C:\Program Files (x86)\Google\Chrome\Application\chrome.exe`,
	},
}

// FindBrowser returns the browser to render with: path when it is given
// (it must be an executable file, or a command on PATH), else the first
// of chromium, chromium-browser, google-chrome … on PATH, else Chrome's
// usual place on macOS and Windows. It returns an error wrapping
// ErrNoBrowser when there is none.
func FindBrowser(path string) (string, error) {
	if path != "" {
		p, err := exec.LookPath(path)
		if err != nil {
			return "", fmt.Errorf("%w: %s: %v", ErrNoBrowser, path, err)
		}
		return p, nil
	}
	for _, name := range browserNames {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	for _, p := range browserPaths[runtime.GOOS] {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w (looked for %s on PATH)", ErrNoBrowser, strings.Join(browserNames, ", "))
}

// Shell says why the server HTML of a page is a shell that only scripts
// fill, or "" when it is not: RenderedShell for fewer than 50 words of
// main text beside a <script src> and an empty mount point (<div
// id="root"></div>) or no heading at all, RenderedScriptLinks for a
// <script src> and no link to the site. It reads only what extraction
// found, so it costs nothing beside it.
func shellReason(c *seoplan.Content, sg scriptSigns) string {
	if sg.bundles == 0 {
		return ""
	}
	if c.WordCount < shellWords && (sg.emptyMount || len(c.H1) == 0 && len(c.Headings) == 0) {
		return RenderedShell
	}
	for i := range c.Links {
		if c.Links[i].Internal {
			return ""
		}
	}
	return RenderedScriptLinks
}

// renderer renders pages in one headless browser, at most tabs of them at
// once, each in a tab of its own that is closed afterwards. The browser
// starts with the first page to render, so a crawl that meets no shell
// never starts it.
//
// Every request a page makes is paused and decided here: the page's own
// document is answered with the body the crawler already fetched (no
// second request), images, fonts, media and pings are refused, and the
// rest goes out only within the site, where its origin's robots.txt
// allows, after waiting its turn in the crawl's limiter.
type renderer struct {
	cfg   *config
	scope *scope
	limit *limiter
	tabs  *semaphore.Weighted

	once sync.Once
	// browser is chromedp's handle on the browser: a context, as chromedp
	// has it, that lives as long as the crawl's. Set by start.
	browser  context.Context
	stop     context.CancelFunc
	startErr error
}

func newRenderer(cfg *config, sc *scope, limit *limiter) *renderer {
	return &renderer{cfg: cfg, scope: sc, limit: limit, tabs: semaphore.NewWeighted(int64(cfg.renderTabs))}
}

// start launches the browser the first time it is called.
func (r *renderer) start(ctx context.Context) error {
	r.once.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(r.cfg.browser),
			chromedp.UserAgent(r.cfg.userAgent),
			chromedp.DisableGPU,
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("mute-audio", true),
			chromedp.Flag("blink-settings", "imagesEnabled=false"),
		)
		if os.Geteuid() == 0 {
			// Chromium refuses to start as root with its sandbox, which
			// is how it runs in most containers.
			opts = append(opts, chromedp.NoSandbox)
		}
		actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
		bctx, cancelBrowser := chromedp.NewContext(actx)
		r.browser = bctx
		r.stop = func() { cancelBrowser(); cancelAlloc() }
		if err := chromedp.Do(bctx); err != nil {
			r.startErr = fmt.Errorf("start %s: %w", r.cfg.browser, err)
		}
	})
	return r.startErr
}

// close stops the browser, if it was started.
func (r *renderer) close() {
	if r.stop != nil {
		r.stop()
	}
}

// render loads pageURL in a tab, answering its document request with body
// (served with contentType), waits until the network has been quiet for
// half a second (or the WithRenderWait selector appears), and returns the
// document as the scripts left it. When the time limit passes first, it
// returns the document as it is then, with a note saying so.
func (r *renderer) render(ctx context.Context, pageURL, contentType string, body []byte) (doc []byte, note string, err error) {
	if err := r.start(ctx); err != nil {
		return nil, "", err
	}
	if err := r.tabs.Acquire(ctx, 1); err != nil {
		return nil, "", err
	}
	defer r.tabs.Release(1)

	tab, closeTab := chromedp.NewContext(r.browser)
	defer closeTab()
	stopTab := context.AfterFunc(ctx, closeTab) // Ctrl-C closes the tab at once
	defer stopTab()
	if err := chromedp.Do(tab); err != nil { // opens the tab
		return nil, "", fmt.Errorf("open tab: %w", err)
	}
	paused := chromedp.Events(tab, fetch.RequestPaused)
	go func() {
		doc := &docAnswer{url: pageURL, contentType: contentType, body: body}
		for ev, err := range paused {
			if err != nil {
				return
			}
			go r.answer(tab, &ev, doc)
		}
	}()
	if _, err := chromedp.Call(tab, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}}); err != nil {
		return nil, "", fmt.Errorf("intercept requests: %w", err)
	}
	if _, err := chromedp.Call(tab, cdppage.SetLifecycleEventsEnabled, cdppage.SetLifecycleEventsEnabledParams{Enabled: true}); err != nil {
		return nil, "", fmt.Errorf("lifecycle events: %w", err)
	}

	wctx, cancelWait := context.WithTimeout(tab, r.cfg.renderTimeout)
	defer cancelWait()
	quiet := make(chan struct{})
	var loader cdp.LoaderID
	var mu sync.Mutex
	idle := map[cdp.LoaderID]bool{}
	go func() {
		// Subscribed before the navigation, so no event is missed.
		for ev, err := range chromedp.Events(wctx, cdppage.LifecycleEvent) {
			if err != nil {
				return
			}
			if ev.Name != "networkIdle" {
				continue
			}
			mu.Lock()
			idle[ev.LoaderID] = true
			done := loader != "" && idle[loader]
			mu.Unlock()
			if done {
				close(quiet)
				return
			}
		}
	}()
	nav, err := chromedp.Call(wctx, cdppage.Navigate, cdppage.NavigateParams{URL: pageURL})
	switch {
	case err != nil && wctx.Err() == nil:
		return nil, "", fmt.Errorf("navigate: %w", err)
	case err == nil && nav.ErrorText != "":
		return nil, "", fmt.Errorf("navigate: %s", nav.ErrorText)
	case err == nil:
		mu.Lock()
		loader = nav.LoaderID
		already := idle[loader]
		mu.Unlock()
		if already {
			close(quiet)
		}
	}
	if sel := r.cfg.renderWait; sel != "" && err == nil {
		go func() {
			if chromedp.Do(wctx, chromedp.WaitReady(chromedp.CSS(sel))) == nil {
				cancelWait()
			}
		}()
	}
	select {
	case <-quiet:
	case <-wctx.Done():
		if ctx.Err() != nil {
			return nil, "", ctx.Err()
		}
		if !errors.Is(wctx.Err(), context.Canceled) { // not the selector's
			note = fmt.Sprintf("render: the network was still busy after %s; the page as it was then", r.cfg.renderTimeout)
		}
	}

	// The document as the scripts left it, read through the protocol (a
	// page's own scripts cannot change what outerHTML returns here).
	sctx, cancelSnap := context.WithTimeout(tab, 10*time.Second)
	defer cancelSnap()
	d, err := chromedp.Call(sctx, dom.GetDocument, dom.GetDocumentParams{})
	if err != nil {
		return nil, "", fmt.Errorf("read the rendered page: %w", err)
	}
	h, err := chromedp.Call(sctx, dom.GetOuterHTML, dom.GetOuterHTMLParams{NodeID: d.Root.NodeID})
	if err != nil {
		return nil, "", fmt.Errorf("read the rendered page: %w", err)
	}
	return []byte(h.OuterHTML), note, nil
}

// docAnswer is the page's own document, served to the browser from what
// the crawler fetched, once.
type docAnswer struct {
	url, contentType string
	body             []byte
	mu               sync.Mutex
	served           bool
}

// take reports whether a request for raw is the page's document, not yet
// served.
func (d *docAnswer) take(raw string) bool {
	if n, err := urlnorm.Normalize(nil, raw); err != nil || n != d.url {
		return false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.served {
		return false
	}
	d.served = true
	return true
}

// answer decides one request the page made.
func (r *renderer) answer(tab context.Context, ev *fetch.EventRequestPaused, doc *docAnswer) {
	raw := ev.Request.URL
	if ev.ResourceType == network.ResourceTypeDocument && doc.take(raw) {
		hdr := []*fetch.HeaderEntry{{Name: "Content-Type", Value: doc.contentType}}
		chromedp.Call(tab, fetch.FulfillRequest, fetch.FulfillRequestParams{
			RequestID: ev.RequestID, ResponseCode: 200, ResponseHeaders: hdr, Body: doc.body})
		return
	}
	if why := r.refuse(tab, ev.ResourceType, raw); why != "" {
		r.cfg.logger.Debug("render: request refused", "url", raw, "reason", why)
		chromedp.Call(tab, fetch.FailRequest, fetch.FailRequestParams{
			RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
		return
	}
	chromedp.Call(tab, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
}

// refuse says why a request of a page being rendered may not go out, or
// "" when it may; then it has waited its turn.
func (r *renderer) refuse(ctx context.Context, kind network.ResourceType, raw string) string {
	switch kind {
	case network.ResourceTypeImage, network.ResourceTypeFont, network.ResourceTypeMedia, network.ResourceTypePing:
		return "not needed to render: " + strings.ToLower(string(kind))
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https"):
		return "not http(s)"
	case !urlnorm.SameSite(r.scope.host, u.Host):
		return string(skipOffSite)
	}
	o, err := r.scope.rules(ctx, u)
	if err != nil {
		return "cancelled"
	}
	if !o.allowed(u) {
		return string(skipRobots)
	}
	if err := r.limit.wait(ctx, o); err != nil {
		return "cancelled"
	}
	return ""
}
