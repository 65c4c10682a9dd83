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
	// scripts fill (see shellReason).
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

// shellReason says why the server HTML of a page is a shell that only
// scripts fill, or "" when it is not: RenderedShell for fewer than 50 words of
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

// renderer renders pages in one headless browser, in a pool of at most
// WithRenderTabs tabs, each rendering one page at a time and kept for the
// next (a new tab costs Chromium a new renderer process). The browser
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

	once sync.Once
	// browser is chromedp's handle on the browser: a context, as chromedp
	// has it, that lives as long as the crawl's. Set by start.
	browser  context.Context
	stop     context.CancelFunc
	startErr error

	free  chan *tab     // idle tabs
	slots chan struct{} // one token per tab that may be opened
}

// tab is one tab of the pool.
type tab struct {
	ctx   context.Context // chromedp's handle on the tab
	close context.CancelFunc
	net   netWatch
	mu    sync.Mutex
	doc   *docAnswer // the page being rendered in it
}

// quietFor is how long a page's network must stay quiet, after its load
// event, for its rendering to be done: longer than the gap between a
// script's fetch ending and the next one it starts, and far shorter than
// Chromium's own networkIdle event, which came a second or two after the
// last request on the benchmark site.
const quietFor = 300 * time.Millisecond

// netWatch follows the requests of a tab in flight, from the Network
// domain's events, so render can tell when a page has gone quiet.
// WebSockets and event streams, open as long as the page is, do not
// count.
type netWatch struct {
	mu       sync.Mutex
	inflight map[network.RequestID]cdp.LoaderID
	loaded   map[cdp.LoaderID]bool
	changed  chan struct{} // a nudge: something changed
}

// event is the tab's listener (chromedp.Listen): it must return at once.
func (w *netWatch) event(ev any) {
	w.mu.Lock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		if e.Type == network.ResourceTypeWebSocket || e.Type == network.ResourceTypeEventSource {
			w.mu.Unlock()
			return
		}
		w.inflight[e.RequestID] = e.LoaderID // again on a redirect: the same request
	case *network.EventLoadingFinished:
		delete(w.inflight, e.RequestID)
	case *network.EventLoadingFailed:
		delete(w.inflight, e.RequestID)
	case *cdppage.EventLifecycleEvent:
		if e.Name != "load" {
			w.mu.Unlock()
			return
		}
		w.loaded[e.LoaderID] = true
	default:
		w.mu.Unlock()
		return
	}
	w.mu.Unlock()
	select {
	case w.changed <- struct{}{}:
	default:
	}
}

// reset forgets the last page's requests.
func (w *netWatch) reset() {
	w.mu.Lock()
	w.inflight, w.loaded = map[network.RequestID]cdp.LoaderID{}, map[cdp.LoaderID]bool{}
	w.mu.Unlock()
}

// quiet reports whether the document of loader has loaded and none of its
// requests is in flight.
func (w *netWatch) quiet(loader cdp.LoaderID) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.loaded[loader] {
		return false
	}
	for _, l := range w.inflight {
		if l == loader {
			return false
		}
	}
	return true
}

func (t *tab) current() *docAnswer {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.doc
}

func newRenderer(cfg *config, sc *scope, limit *limiter) *renderer {
	r := &renderer{cfg: cfg, scope: sc, limit: limit,
		free: make(chan *tab, cfg.renderTabs), slots: make(chan struct{}, cfg.renderTabs)}
	for range cfg.renderTabs {
		r.slots <- struct{}{}
	}
	return r
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

// take returns an idle tab, opening one while the pool has room, or waits
// for one.
func (r *renderer) take(ctx context.Context) (*tab, error) {
	select {
	case t := <-r.free:
		return t, nil
	default:
	}
	select {
	case t := <-r.free:
		return t, nil
	case <-r.slots:
		t, err := r.open()
		if err != nil {
			r.slots <- struct{}{}
		}
		return t, err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// put returns a tab to the pool, or closes it (freeing its slot) when it
// is not fit for another page: it failed or ran out of time, and may be
// busy still.
func (r *renderer) put(t *tab, keep bool) {
	t.mu.Lock()
	t.doc = nil
	t.mu.Unlock()
	if keep {
		r.free <- t
		return
	}
	t.close()
	r.slots <- struct{}{}
}

// open opens a tab whose requests are all paused and decided by answer,
// whose dialogs (alert, confirm, beforeunload) are dismissed at once, and
// which reports its pages' lifecycle events.
func (r *renderer) open() (*tab, error) {
	ctx, cancel := chromedp.NewContext(r.browser)
	t := &tab{ctx: ctx, close: cancel}
	t.net.changed = make(chan struct{}, 1)
	t.net.reset()
	if err := chromedp.Do(ctx); err != nil { // opens the tab
		cancel()
		return nil, fmt.Errorf("open tab: %w", err)
	}
	if err := chromedp.Listen(ctx, t.net.event); err != nil {
		cancel()
		return nil, fmt.Errorf("open tab: %w", err)
	}
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			go r.answer(t, &ev)
		}
	}()
	dialogs := chromedp.Events(ctx, cdppage.JavascriptDialogOpening)
	go func() {
		for _, err := range dialogs {
			if err != nil {
				return
			}
			go chromedp.Call(ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{})
		}
	}()
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}}); err != nil {
		cancel()
		return nil, fmt.Errorf("intercept requests: %w", err)
	}
	if _, err := chromedp.Call(ctx, cdppage.SetLifecycleEventsEnabled, cdppage.SetLifecycleEventsEnabledParams{Enabled: true}); err != nil {
		cancel()
		return nil, fmt.Errorf("lifecycle events: %w", err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		cancel()
		return nil, fmt.Errorf("network events: %w", err)
	}
	return t, nil
}

// render loads pageURL in a tab, answering its document request with body
// (served with contentType), waits until it has loaded and none of its
// requests has been in flight for quietFor (or the WithRenderWait selector
// appears), and returns the
// document as the scripts left it. When the time limit passes first, it
// returns the document as it is then, with a note saying so.
func (r *renderer) render(ctx context.Context, pageURL, contentType string, body []byte) (doc []byte, note string, err error) {
	if err := r.start(ctx); err != nil {
		return nil, "", err
	}
	t, err := r.take(ctx)
	if err != nil {
		return nil, "", err
	}
	keep := false
	defer func() { r.put(t, keep) }()
	t.mu.Lock()
	t.doc = &docAnswer{url: pageURL, contentType: contentType, body: body}
	t.mu.Unlock()

	t.net.reset()

	wctx, cancelWait := context.WithTimeout(t.ctx, r.cfg.renderTimeout)
	defer cancelWait()
	nav, err := chromedp.Call(wctx, cdppage.Navigate, cdppage.NavigateParams{URL: pageURL})
	switch {
	case err != nil && wctx.Err() == nil:
		return nil, "", fmt.Errorf("navigate: %w", err)
	case err == nil && nav.ErrorText != "":
		return nil, "", fmt.Errorf("navigate: %s", nav.ErrorText)
	}
	if sel := r.cfg.renderWait; sel != "" && err == nil {
		go func() {
			if chromedp.Do(wctx, chromedp.WaitReady(chromedp.CSS(sel))) == nil {
				cancelWait()
			}
		}()
	}
	// Done once the page has loaded and none of its requests has been in
	// flight for quietFor. Each change of the network restarts the wait;
	// the events, not the timer, say when it may end.
	quiet := time.NewTimer(quietFor)
	defer quiet.Stop()
wait:
	for err == nil {
		select {
		case <-t.net.changed:
			quiet.Reset(quietFor)
		case <-quiet.C:
			if t.net.quiet(nav.LoaderID) {
				keep = true
				break wait
			}
		case <-wctx.Done():
			break wait
		}
	}
	if !keep {
		if ctx.Err() != nil {
			return nil, "", ctx.Err()
		}
		if errors.Is(wctx.Err(), context.Canceled) { // the selector appeared
			keep = true
		} else {
			note = fmt.Sprintf("render: the network was still busy after %s; the page as it was then", r.cfg.renderTimeout)
		}
	}

	// The document as the scripts left it, read through the protocol (a
	// page's own scripts cannot change what outerHTML returns here).
	sctx, cancelSnap := context.WithTimeout(t.ctx, 10*time.Second)
	defer cancelSnap()
	d, err := chromedp.Call(sctx, dom.GetDocument, dom.GetDocumentParams{})
	if err != nil {
		keep = false
		return nil, "", fmt.Errorf("read the rendered page: %w", err)
	}
	h, err := chromedp.Call(sctx, dom.GetOuterHTML, dom.GetOuterHTMLParams{NodeID: d.Root.NodeID})
	if err != nil {
		keep = false
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
	if d == nil {
		return false
	}
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

// answer decides one request the page in t made.
func (r *renderer) answer(t *tab, ev *fetch.EventRequestPaused) {
	raw := ev.Request.URL
	if doc := t.current(); ev.ResourceType == network.ResourceTypeDocument && doc.take(raw) {
		hdr := []*fetch.HeaderEntry{{Name: "Content-Type", Value: doc.contentType}}
		chromedp.Call(t.ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
			RequestID: ev.RequestID, ResponseCode: 200, ResponseHeaders: hdr, Body: doc.body})
		return
	}
	if why := r.refuse(t.ctx, ev.ResourceType, raw); why != "" {
		r.cfg.logger.Debug("render: request refused", "url", raw, "reason", why)
		chromedp.Call(t.ctx, fetch.FailRequest, fetch.FailRequestParams{
			RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
		return
	}
	chromedp.Call(t.ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
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
