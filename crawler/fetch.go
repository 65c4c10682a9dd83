package crawler

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"
	"golang.org/x/sync/semaphore"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/internal/urlnorm"
)

// errRedirect marks a redirect chain the crawler refused to follow to the
// end: a loop or too many hops. The page is recorded with the error.
var errRedirect = errors.New("redirect")

// fetchState is what one worker's colly callbacks learn about its current
// request. Each worker has its own, reset before every request, and its
// collector's callbacks write only to it, so no lock is needed.
type fetchState struct {
	chain       []string // URLs before the final one
	claimed     []string // redirect targets followed (normalised), over all attempts
	status      int
	header      http.Header
	contentType string
	finalURL    *url.URL
	body        []byte
	headersOnly bool  // not HTML: the body was not downloaded
	held        int64 // bytes of the body budget this fetch holds (budgetBody)

	signs        scriptSigns // what extraction saw of the page's scripts
	unrendered   bool        // a shell page left as the server sent it
	renderFailed bool
}

type stateKey struct{}

// newCollector builds the collector all workers clone. It is built by hand
// (colly.Collector.Init, not colly.NewCollector) because NewCollector lets
// COLLY_* environment variables override settings afterwards; every
// default colly has is set here explicitly instead.
//
// follow decides whether a redirect to target (normalised) is followed;
// pace waits until the request to a followed target may go.
func newCollector(cfg *config, rt http.RoundTripper, budget *semaphore.Weighted, follow func(ctx context.Context, target string) bool,
	pace func(ctx context.Context, target string) error) *colly.Collector {
	c := &colly.Collector{}
	c.Init()
	c.UserAgent = cfg.userAgent
	c.MaxDepth = 0                  // depth is the coordinator's business
	c.MaxRequests = 0               // so is --max-pages
	c.AllowURLRevisit = true        // the frontier is the one seen-set; colly's would be a second, racy one
	c.IgnoreRobotsTxt = true        // robots.txt is applied when queueing, with its Crawl-delay
	c.MaxBodySize = cfg.maxBodySize // read through an io.LimitReader: bounded while reading
	c.ParseHTTPErrorResponse = true // a 404 is a page to record, not an error
	c.DetectCharset = false         // Extract decodes by Content-Type, <meta charset> or detection
	c.Async = false                 // workers call Visit synchronously; no goroutine per URL
	c.CheckHead = false
	c.TraceHTTP = false
	c.CacheDir = ""
	c.AllowedDomains = nil // scope is decided before queueing
	c.SetRequestTimeout(cfg.timeout)
	c.DisableCookies() // a crawler sees the site as a first visit, every time
	c.WithTransport(&pageTransport{rt: rt, budget: budget, grant: min(int64(cfg.maxBodySize), bodyBudget)})
	c.SetRedirectHandler(func(req *http.Request, via []*http.Request) error {
		st, _ := req.Context().Value(stateKey{}).(*fetchState)
		if st == nil {
			return nil
		}
		st.chain = st.chain[:0]
		for _, v := range via {
			st.chain = append(st.chain, v.URL.String())
		}
		target := req.URL.String()
		for _, v := range via {
			if v.URL.String() == target {
				return fmt.Errorf("%w loop: %s", errRedirect, strings.Join(append(st.chain, target), " -> "))
			}
		}
		if len(via) > cfg.maxRedirects {
			return fmt.Errorf("%w: more than %d redirects", errRedirect, cfg.maxRedirects)
		}
		n, err := urlnorm.Normalize(nil, target)
		if err != nil {
			st.chain = st.chain[:len(st.chain)-1]
			return http.ErrUseLastResponse
		}
		// A target claimed by an earlier attempt of this same fetch is
		// followed again; any other must be allowed and unclaimed.
		if !slices.Contains(st.claimed, n) {
			if !follow(req.Context(), n) {
				// Record the redirect response itself; its target is its
				// link, and the chain is what came before it.
				st.chain = st.chain[:len(st.chain)-1]
				return http.ErrUseLastResponse
			}
			st.claimed = append(st.claimed, n)
		}
		// Each hop is a request like any other: it waits its turn.
		return pace(req.Context(), n)
	})
	return c
}

// worker fetches one URL at a time with its own clone of the collector.
type worker struct {
	cfg       *config
	startHost string
	coll      *colly.Collector
	st        *fetchState
	limit     *limiter
	scope     *scope
	budget    *semaphore.Weighted // body bytes held, shared by the workers (bodyBudget)
	render    *renderer           // nil: no browser to render with
}

// bodyBudget is how many body bytes the workers of a crawl hold at once,
// from the download to the end of extraction. Extracting a page costs
// several times its size in heap (the DOM, the text), so this, not the
// number of workers, bounds a crawl's memory on a site of big pages.
//
// A body takes its share in one of two ways, each all at once, so that no
// worker ever waits for more while it holds some (which could leave every
// worker holding part and waiting):
//
//   - a body that grows past freeBody bytes while downloading takes, before
//     it reads on, what it may still grow to (its Content-Length, else the
//     body limit, at most the whole budget), and keeps it through
//     extraction (budgetBody);
//   - a smaller body takes its size just before it is extracted.
//
// So at most freeBody per worker is read outside the budget, and a page
// bigger than the budget is read and extracted alone.
const (
	bodyBudget = 16 << 20
	freeBody   = 1 << 20
)

// pageTransport is the collector's transport: every page body it returns
// counts against the crawl's body budget (budgetBody). It also decodes a
// gzip Content-Encoding the transport below left as it was, and tells colly
// the body is decoded, because colly would otherwise gunzip it itself after
// its body-size limit, on the compressed bytes: a 512 KB gzip bomb at a
// path ending in .xml.gz, sent as text/html, became a 512 MB page.
type pageTransport struct {
	rt     http.RoundTripper
	budget *semaphore.Weighted
	grant  int64 // most a body takes: the body limit, at most bodyBudget
}

func (t *pageTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := t.rt.RoundTrip(req)
	if err != nil {
		return res, err
	}
	if !res.Uncompressed && strings.EqualFold(strings.TrimSpace(res.Header.Get("Content-Encoding")), "gzip") {
		res.Body = &gzipBody{raw: res.Body}
		res.Header.Del("Content-Encoding")
		res.Header.Del("Content-Length")
		res.ContentLength = -1
	}
	res.Uncompressed = true
	if st, _ := req.Context().Value(stateKey{}).(*fetchState); st != nil && t.budget != nil {
		res.Body = &budgetBody{ReadCloser: res.Body, ctx: req.Context(), t: t, st: st, size: res.ContentLength}
	}
	return res, nil
}

// gzipBody decodes a gzip body as it is read. The gzip header is read on
// the first Read, so that a body that is never read costs nothing.
type gzipBody struct {
	raw io.ReadCloser
	zr  *gzip.Reader
}

func (g *gzipBody) Read(p []byte) (int, error) {
	if g.zr == nil {
		zr, err := gzip.NewReader(g.raw)
		if err != nil {
			return 0, err
		}
		g.zr = zr
	}
	return g.zr.Read(p)
}

func (g *gzipBody) Close() error { return g.raw.Close() }

// budgetBody is a page body that takes its share of the body budget
// before it grows past freeBody bytes; the worker releases it once the
// page is extracted (worker.releaseBody).
type budgetBody struct {
	io.ReadCloser
	ctx  context.Context
	t    *pageTransport
	st   *fetchState
	size int64 // Content-Length, or -1
	read int64
}

func (b *budgetBody) Read(p []byte) (int, error) {
	if b.st.held == 0 && b.read < freeBody && b.read+int64(len(p)) > freeBody {
		p = p[:freeBody-b.read]
	} else if b.st.held == 0 && b.read+int64(len(p)) > freeBody {
		need := b.t.grant
		if b.size >= 0 {
			need = max(1, min(need, b.size))
		}
		if err := b.t.budget.Acquire(b.ctx, need); err != nil {
			return 0, err
		}
		b.st.held = need
	}
	n, err := b.ReadCloser.Read(p)
	b.read += int64(n)
	return n, err
}

func newWorker(ctx context.Context, cfg *config, sc *scope, base *colly.Collector, limit *limiter, budget *semaphore.Weighted, rend *renderer) *worker {
	w := &worker{cfg: cfg, startHost: sc.host, coll: base.Clone(), st: &fetchState{}, limit: limit, scope: sc, budget: budget, render: rend}
	// colly takes its request context from this field; ours carries the
	// cancellation and this worker's state for the redirect handler.
	w.coll.Context = context.WithValue(ctx, stateKey{}, w.st)
	w.coll.OnResponseHeaders(func(r *colly.Response) {
		st := w.st
		st.status = r.StatusCode
		st.header = r.Headers.Clone()
		st.finalURL = r.Request.URL
		st.contentType = r.Headers.Get("Content-Type")
		// colly transcodes any body whose Content-Type names a charset;
		// Extract does that itself, so hide the header from colly
		// (we have our copy) to get the bytes as sent.
		r.Headers.Del("Content-Type")
		if st.contentType != "" && !isHTMLType(st.contentType) {
			st.headersOnly = true
			r.Request.Abort() // a resource: recorded, not downloaded
		}
	})
	w.coll.OnResponse(func(r *colly.Response) {
		w.st.body = r.Body
	})
	return w
}

// fetch fetches item with retries and returns the page, fully extracted.
// ok is false when ctx was cancelled first: nothing should be recorded.
func (w *worker) fetch(ctx context.Context, rawURL string, depth int) (page seoplan.Page, ok bool) {
	w.st.claimed = nil
	origin, oerr := w.scope.rulesOf(ctx, rawURL)
	if oerr != nil {
		return page, false
	}
	for attempt := 0; ; attempt++ {
		if err := w.limit.wait(ctx, origin); err != nil {
			return page, false
		}
		*w.st = fetchState{chain: w.st.chain[:0], claimed: w.st.claimed}
		start := time.Now()
		err := w.coll.Visit(rawURL)
		elapsed := time.Since(start)
		if ctx.Err() != nil {
			w.releaseBody()
			return page, false
		}
		if err != nil && errors.Is(err, colly.ErrAbortedAfterHeaders) && w.st.headersOnly {
			err = nil
		}
		st := w.st
		retry := attempt < w.cfg.maxRetries
		var wait time.Duration
		switch {
		case err != nil && !errors.Is(err, errRedirect) && retry:
			wait = w.backoff(attempt, "")
		case err == nil && (st.status == 429 || st.status == 503) && retry:
			wait = w.backoff(attempt, st.header.Get("Retry-After"))
			w.limit.holdOff(origin, wait)
		case err == nil && (st.status == 500 || st.status == 502 || st.status == 504) && retry:
			// A server error is often a passing overload (an exhausted
			// file table, a restarting backend): retried as Scrapy does.
			wait = w.backoff(attempt, "")
		default:
			// Extraction holds its share of the crawl's body budget, so
			// that big pages are extracted a few at a time however many
			// workers fetched one. A big body took its share while it
			// downloaded; a small one takes it now.
			if weight := min(int64(len(st.body)), bodyBudget); st.held == 0 && weight > 0 {
				if err := w.budget.Acquire(ctx, weight); err != nil {
					return page, false
				}
				st.held = weight
			}
			body := st.body
			p := w.page(rawURL, depth, start, elapsed, err)
			w.releaseBody()
			if !w.maybeRender(ctx, &p, body) {
				return page, false
			}
			// Read the robots.txt of any other origin this page links
			// to here, on the worker, so the coordinator queueing the
			// links never waits for one.
			if !w.readLinkRobots(ctx, &p, depth) {
				return page, false
			}
			return p, true
		}
		w.releaseBody() // the body of a response retried is not kept
		w.cfg.logger.Debug("retrying", "url", rawURL, "status", st.status, "err", err, "wait", wait)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return page, false
		case <-t.C:
		}
	}
}

// releaseBody gives back the share of the body budget the current fetch
// holds.
func (w *worker) releaseBody() {
	if w.st.held > 0 {
		w.budget.Release(w.st.held)
		w.st.held = 0
	}
}

// maybeRender renders p in the browser when the crawl's render mode asks
// for it, and then replaces its Content with what the rendered document
// holds; body is the HTML the server sent. A page whose server HTML says
// noindex is not rendered, as Google does not render it. It reports false
// when ctx ended first.
func (w *worker) maybeRender(ctx context.Context, p *seoplan.Page, body []byte) bool {
	if !p.IsHTML() || p.Noindex || len(body) == 0 || p.Error != "" {
		return true
	}
	reason := RenderedAlways
	if w.cfg.render != RenderAlways {
		reason = shellReason(&p.Content, w.st.signs)
	}
	if reason == "" {
		return true
	}
	if w.render == nil {
		w.st.unrendered = true
		return true
	}
	doc, note, err := w.render.render(ctx, p.URL, p.ContentType, body)
	if ctx.Err() != nil {
		return false
	}
	if err != nil {
		w.cfg.logger.Debug("render failed", "url", p.URL, "err", err)
		p.Error = "render failed: " + err.Error()
		w.st.renderFailed = true
		return true
	}
	if len(doc) > w.cfg.maxBodySize {
		doc = doc[:w.cfg.maxBodySize]
		note = fmt.Sprintf("rendered page truncated at %d bytes", w.cfg.maxBodySize)
	}
	base, _ := url.Parse(p.URL)
	x, _, err := extractPage(base, "text/html; charset=utf-8", doc)
	if err != nil {
		p.Error = "render failed: " + err.Error()
		w.st.renderFailed = true
		return true
	}
	p.Content, p.Rendered, p.Error = x, reason, note
	// The rendered page's robots meta tags are what Google reads.
	rd := readRobotsDirectives(append(w.st.header.Values("X-Robots-Tag"), p.MetaRobots)...)
	p.Noindex, p.Nofollow = rd.noindexAt(p.FetchedAt), rd.nofollow
	return true
}

// readLinkRobots loads the robots.txt rules of every site origin but the
// start one that p's followable links lead to. It reports false when ctx
// ended first.
func (w *worker) readLinkRobots(ctx context.Context, p *seoplan.Page, depth int) bool {
	if !p.IsHTML() || p.Nofollow || (w.cfg.maxDepth > 0 && depth >= w.cfg.maxDepth) {
		return true
	}
	for _, l := range p.Links {
		if !l.Internal {
			continue
		}
		if _, err := w.scope.rulesOf(ctx, l.URL); err != nil {
			return false
		}
	}
	return true
}

// claimed returns the redirect targets the last fetch claimed.
func (w *worker) claimed() []string { return w.st.claimed }

// rendering reports how the last fetch's page fared with rendering: a
// shell left as sent, or a render that failed.
func (w *worker) rendering() (unrendered, failed bool) { return w.st.unrendered, w.st.renderFailed }

// backoff is how long to wait before retry attempt+1: Retry-After when
// the server sent one, else retryBase doubled per attempt; never more than
// maxRetryWait.
func (w *worker) backoff(attempt int, retryAfter string) time.Duration {
	d := w.cfg.retryBase << attempt
	if retryAfter != "" {
		if s, err := strconv.Atoi(strings.TrimSpace(retryAfter)); err == nil && s >= 0 {
			d = time.Duration(s) * time.Second
		} else if t, err := http.ParseTime(retryAfter); err == nil {
			d = time.Until(t)
		}
	}
	return max(0, min(d, w.cfg.maxRetryWait))
}

// page turns the worker's fetch state into a Page.
func (w *worker) page(rawURL string, depth int, start time.Time, elapsed time.Duration, err error) seoplan.Page {
	st := w.st
	p := seoplan.Page{Fetch: seoplan.Fetch{URL: rawURL, Depth: depth, FetchedAt: start.UTC(), ResponseTime: elapsed}}
	if len(st.chain) > 0 {
		p.RequestedURL = rawURL
		p.RedirectChain = normalizeAll(st.chain)
	}
	if err != nil {
		// The page stays under the URL requested; the chain shows how far
		// the redirects went before the error.
		p.Error = trimColly(err)
		p.RequestedURL = ""
		return p
	}
	if st.finalURL != nil {
		if n, nerr := urlnorm.Normalize(nil, st.finalURL.String()); nerr == nil {
			p.URL = n
		}
	}
	if p.URL == rawURL {
		p.RequestedURL, p.RedirectChain = "", nil
	}
	p.Status = st.status
	p.ContentType = st.contentType
	p.Size = int64(len(st.body))
	if st.headersOnly {
		p.Size, _ = strconv.ParseInt(st.header.Get("Content-Length"), 10, 64)
	}
	if p.ContentType == "" && len(st.body) > 0 {
		p.ContentType = http.DetectContentType(st.body)
	}
	if loc := st.header.Get("Location"); loc != "" && p.Status >= 300 && p.Status < 400 {
		// A redirect not followed (off-site, disallowed or already
		// claimed): its target is its one link.
		base, _ := url.Parse(p.URL)
		if n, err := urlnorm.Normalize(base, loc); err == nil {
			p.Links = []seoplan.Link{{URL: n, Internal: urlnorm.SameSite(w.startHost, n)}}
		}
	}
	xrobots := st.header.Values("X-Robots-Tag")
	p.XRobotsTag = strings.Join(xrobots, ", ")
	if p.IsHTML() && !st.headersOnly {
		base, _ := url.Parse(p.URL)
		x, signs, xerr := extractPage(base, p.ContentType, st.body)
		st.signs = signs
		if xerr != nil {
			p.Error = xerr.Error()
		} else {
			p.Content = x
		}
		if len(st.body) >= w.cfg.maxBodySize {
			p.Error = fmt.Sprintf("body truncated at %d bytes", w.cfg.maxBodySize)
		}
	}
	// Each X-Robots-Tag header is its own directive list. MetaRobots
	// joins the lists of the page's robots and googlebot meta tags, all
	// addressed to Google, so reading them as one list changes nothing.
	// Extract has read them already, but without the clock that
	// unavailable_after needs.
	rd := readRobotsDirectives(append(xrobots, p.MetaRobots)...)
	p.Noindex, p.Nofollow = rd.noindexAt(p.FetchedAt), rd.nofollow
	st.body = nil // the page holds what it needs; let the body go
	return p
}

func normalizeAll(urls []string) []string {
	out := make([]string, len(urls))
	for i, u := range urls {
		if n, err := urlnorm.Normalize(nil, u); err == nil {
			u = n
		}
		out[i] = u
	}
	return out
}

// trimColly makes a fetch error readable: net/http wraps it as
// `Get "url": …`, which repeats the page's own URL.
func trimColly(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// isHTMLType reads a Content-Type header as the crawler does before it
// downloads a body: the media type trimmed and lower-cased.
func isHTMLType(ct string) bool {
	return seoplan.IsHTMLType(strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0])))
}

// limiter spaces requests: all of them at least delay (WithDelay) apart,
// and those to one origin at least that origin's Crawl-delay apart, or
// later when the origin asked for a pause (a 429 or 503, holdOff). Both
// are reserved together under one lock. The global reservations are kept
// as a short list of times rather than one "next" instant, so a request
// held back by a slow origin's Crawl-delay does not hold back requests to
// the other origins too.
//
// A reservation is a time to wake at, and a busy machine can wake a worker
// late, after the next worker's reservation. So the delay and a Crawl-delay
// are checked again on waking against the moment the last request (to the
// origin, for a Crawl-delay) was released, and a request that would follow
// it too soon waits again: the spacing holds between the requests actually
// released, not only between the times booked.
type limiter struct {
	mu    sync.Mutex
	delay time.Duration
	slots []time.Time // reserved request times, sorted, none more than delay in the past
	last  time.Time   // when the last request was released, for delay
	// released, when set (by tests), is told of every request the
	// limiter releases to an origin, with the moment it let it go.
	released func(o *rules, at time.Time)
}

// wait blocks until a request to the origin of o (nil: no origin's
// Crawl-delay or pause applies) may go.
func (l *limiter) wait(ctx context.Context, o *rules) error {
	if l.delay <= 0 && o == nil {
		return ctx.Err()
	}
	at := l.book(o)
	for {
		t := time.NewTimer(time.Until(at))
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		if l.release(o, &at) {
			return nil
		}
	}
}

// book reserves the time a request to o's origin may go.
func (l *limiter) book(o *rules) time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	at := time.Now()
	if o != nil && o.next.After(at) {
		at = o.next
	}
	if l.delay > 0 {
		at = l.reserve(at)
	}
	if o != nil && o.delay > 0 {
		o.next = at.Add(o.delay)
	}
	return at
}

// release lets a request that woke at its reservation go, unless the
// origin's last request went out less than its Crawl-delay ago, or the
// origin asked for a pause since it booked; then it moves *at on and says
// to wait again.
func (l *limiter) release(o *rules, at *time.Time) bool {
	l.mu.Lock()
	now := time.Now()
	switch {
	case l.delay > 0 && !l.last.IsZero() && now.Before(l.last.Add(l.delay)):
		*at = l.last.Add(l.delay)
	case o != nil && o.delay > 0 && !o.last.IsZero() && now.Before(o.last.Add(o.delay)):
		*at = o.last.Add(o.delay)
		o.next = later(o.next, at.Add(o.delay))
	case o != nil && o.pausedUntil.After(now):
		*at = o.pausedUntil
	default:
		if l.delay > 0 {
			l.last = now
		}
		if o != nil && o.delay > 0 {
			o.last = now
		}
		fn := l.released
		l.mu.Unlock()
		if fn != nil && o != nil {
			fn(o, now)
		}
		return true
	}
	l.mu.Unlock()
	return false
}

// holdOff pauses every request to o's origin for d: it answered 429 or
// 503, which speak for the whole server, and Retry-After (or the back-off)
// says how long.
func (l *limiter) holdOff(o *rules, d time.Duration) {
	if o == nil || d <= 0 {
		return
	}
	l.mu.Lock()
	until := time.Now().Add(d)
	o.pausedUntil = later(o.pausedUntil, until)
	o.next = later(o.next, until)
	l.mu.Unlock()
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// reserve books the first time from earliest on that is at least delay
// away from every other booking. Each worker holds at most one booking at
// a time, so the list stays as short as the worker pool.
func (l *limiter) reserve(earliest time.Time) time.Time {
	past := time.Now().Add(-l.delay)
	i := 0
	for i < len(l.slots) && !l.slots[i].After(past) {
		i++
	}
	l.slots = append(l.slots[:0], l.slots[i:]...)
	at, pos := earliest, len(l.slots)
	for j, s := range l.slots {
		if !s.Add(l.delay).After(at) {
			continue // far enough before at
		}
		if !at.Add(l.delay).After(s) {
			pos = j // fits in the gap before s
			break
		}
		at = s.Add(l.delay)
	}
	l.slots = slices.Insert(l.slots, pos, at)
	return at
}
