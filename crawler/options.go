package crawler

import (
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"time"
)

// Version names seoplan in the default User-Agent, and is cmd/seoplan's
// version unless its build sets another; cmd/seoplan passes its
// own build version with WithUserAgent(DefaultUserAgent(version)).
const Version = "0.1.0-dev"

// DefaultUserAgent is the User-Agent seoplan sends unless told otherwise: it
// names the tool, its version and where a site owner can read about it.
func DefaultUserAgent(version string) string {
	return "seoplan/" + version + " (+https://github.com/seoplan/seoplan)"
}

// config holds a Crawler's settings. Every field has a default in
// defaultConfig; Option funcs change them and New validates the result.
type config struct {
	maxPages     int
	maxDepth     int // 0: unlimited
	concurrency  int
	delay        time.Duration
	include      []*regexp.Regexp
	exclude      []*regexp.Regexp
	userAgent    string
	ignoreRobots bool
	progress     func(Stats)
	logger       *slog.Logger
	transport    http.RoundTripper

	timeout      time.Duration // per request, body included
	maxBodySize  int
	maxRetries   int
	retryBase    time.Duration
	maxRetryWait time.Duration
	maxRedirects int

	// Crawler-trap bounds.
	maxURLLength     int
	maxQueryVariants int // distinct query strings per path
	maxPathSegments  int
	maxRepeatSegment int // times one path segment may repeat
	maxNumbers       int // number segments per path, a date counting as one
	maxDateVariants  int // distinct dates per calendar path

	batchSize int

	// Rendering in a headless browser (render.go).
	render        RenderMode
	browser       string // the browser's path; "" when none was found
	renderTabs    int
	renderTimeout time.Duration
	renderWait    string // a CSS selector that says the page is built

	// released is the limiter's hook for tests (limiter.released).
	released func(o *rules, at time.Time)
}

func defaultConfig() config {
	return config{
		maxPages:         50000,
		concurrency:      4,
		userAgent:        DefaultUserAgent(Version),
		logger:           slog.New(slog.DiscardHandler),
		timeout:          30 * time.Second,
		maxBodySize:      10 << 20,
		maxRetries:       3,
		retryBase:        time.Second,
		maxRetryWait:     2 * time.Minute,
		maxRedirects:     10,
		maxURLLength:     2048,
		maxQueryVariants: 100,
		maxPathSegments:  24,
		maxRepeatSegment: 3,
		maxNumbers:       4,
		maxDateVariants:  1000,
		batchSize:        128,
		renderTabs:       2,
		renderTimeout:    15 * time.Second,
	}
}

func (c *config) validate() error {
	switch {
	case c.maxPages < 1:
		return fmt.Errorf("max pages %d: must be at least 1", c.maxPages)
	case c.maxDepth < 0:
		return fmt.Errorf("max depth %d: must be 0 (unlimited) or more", c.maxDepth)
	case c.concurrency < 1 || c.concurrency > 256:
		return fmt.Errorf("concurrency %d: must be between 1 and 256", c.concurrency)
	case c.delay < 0:
		return fmt.Errorf("delay %s: must not be negative", c.delay)
	case c.userAgent == "":
		return fmt.Errorf("user agent: must not be empty")
	case c.timeout <= 0:
		return fmt.Errorf("timeout %s: must be positive", c.timeout)
	case c.maxBodySize < 1:
		return fmt.Errorf("max body size %d: must be positive", c.maxBodySize)
	case c.maxRetries < 0 || c.retryBase < 0 || c.maxRetryWait < 0:
		return fmt.Errorf("retries: must not be negative")
	case c.maxRedirects < 0:
		return fmt.Errorf("max redirects %d: must not be negative", c.maxRedirects)
	case c.maxURLLength < 16 || c.maxQueryVariants < 1 || c.maxPathSegments < 1 || c.maxRepeatSegment < 1 || c.maxNumbers < 1 || c.maxDateVariants < 1:
		return fmt.Errorf("trap limits: must be positive (url length at least 16)")
	case c.batchSize < 1:
		return fmt.Errorf("batch size %d: must be positive", c.batchSize)
	case c.render < RenderNever || c.render > RenderAlways:
		return fmt.Errorf("render mode %d: unknown", c.render)
	case c.renderTabs < 1 || c.renderTabs > 64:
		return fmt.Errorf("render tabs %d: must be between 1 and 64", c.renderTabs)
	case c.renderTimeout <= 0:
		return fmt.Errorf("render timeout %s: must be positive", c.renderTimeout)
	}
	return nil
}

// Option changes a Crawler's settings.
type Option func(*config)

// WithMaxPages stops the crawl after n pages (default 50,000), the last
// bound on traps no other limit catches.
func WithMaxPages(n int) Option { return func(c *config) { c.maxPages = n } }

// WithMaxDepth follows links at most n hops from the start URL; 0, the
// default, means no limit.
func WithMaxDepth(n int) Option { return func(c *config) { c.maxDepth = n } }

// WithConcurrency sets how many requests may be in flight at once (default 4).
func WithConcurrency(n int) Option { return func(c *config) { c.concurrency = n } }

// WithDelay spaces requests at least d apart, across all workers. A
// robots.txt Crawl-delay longer than d wins.
func WithDelay(d time.Duration) Option { return func(c *config) { c.delay = d } }

// WithInclude restricts the crawl to URLs matching re (any of them, when
// given more than once). The start URL is always fetched.
func WithInclude(re *regexp.Regexp) Option {
	return func(c *config) { c.include = append(c.include, re) }
}

// WithExclude skips URLs matching re.
func WithExclude(re *regexp.Regexp) Option {
	return func(c *config) { c.exclude = append(c.exclude, re) }
}

// WithUserAgent sets the User-Agent header and the robots.txt agent name.
func WithUserAgent(ua string) Option { return func(c *config) { c.userAgent = ua } }

// WithIgnoreRobots fetches what robots.txt disallows and ignores its
// Crawl-delay. Its Sitemap lines are still read.
func WithIgnoreRobots(ignore bool) Option { return func(c *config) { c.ignoreRobots = ignore } }

// WithProgress calls fn with the crawl's counters as it goes (at most about
// ten times a second) and once at the end. fn runs on the crawl's
// coordinating goroutine: keep it quick.
func WithProgress(fn func(Stats)) Option { return func(c *config) { c.progress = fn } }

// WithLogger receives debug events (retries, skipped URLs, sitemap errors).
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithTransport replaces the HTTP transport, for tests.
func WithTransport(rt http.RoundTripper) Option { return func(c *config) { c.transport = rt } }

// WithTimeout bounds each request, body included (default 30s).
func WithTimeout(d time.Duration) Option { return func(c *config) { c.timeout = d } }

// WithMaxBodySize stops reading a body after n bytes (default 10 MiB); the
// page is kept, truncated, with a note in its Error.
func WithMaxBodySize(n int) Option { return func(c *config) { c.maxBodySize = n } }

// WithRetries sets how often a 429, 502, 503, 504 or network error is
// retried (default 3), the first back-off (default 1s, doubling) and the
// longest wait, Retry-After included (default 2m).
func WithRetries(n int, base, maxWait time.Duration) Option {
	return func(c *config) { c.maxRetries, c.retryBase, c.maxRetryWait = n, base, maxWait }
}

// WithMaxRedirects ends a redirect chain longer than n with an error
// (default 10).
func WithMaxRedirects(n int) Option { return func(c *config) { c.maxRedirects = n } }

// WithTrapLimits bounds crawler traps: the longest URL (default 2048), the
// number of distinct query strings per path (default 100), the number of
// path segments (default 24) and how often one segment may repeat in a path
// (default 3).
func WithTrapLimits(maxURLLength, maxQueryVariants, maxPathSegments, maxRepeatSegment int) Option {
	return func(c *config) {
		c.maxURLLength, c.maxQueryVariants, c.maxPathSegments, c.maxRepeatSegment =
			maxURLLength, maxQueryVariants, maxPathSegments, maxRepeatSegment
	}
}

// WithMaxNumberSegments bounds counter traps: a path with more than n
// segments that are only digits (default 4; a date such as /2024/05/17/
// counts as one) is not queued. It stops the chains a page that links to
// "its number plus one" below itself builds (/trap/1/, /trap/1/2/,
// /trap/1/2/3/ …), which branch faster than the path-segment limit stops
// them, while leaving /forum/123/456/ and /2024/05/17/post alone.
func WithMaxNumberSegments(n int) Option { return func(c *config) { c.maxNumbers = n } }

// WithBatchSize sets how many pages go into one database transaction
// (default 128).
func WithBatchSize(n int) Option { return func(c *config) { c.batchSize = n } }

// WithRender sets which pages are rendered in a headless browser before
// extraction: RenderNever (the default), RenderAuto (pages whose server
// HTML is a shell that scripts fill) or RenderAlways (every 2xx HTML
// page). The browser is WithBrowser's, else the first FindBrowser finds;
// New fails with ErrNoBrowser for RenderAlways without one, while
// RenderAuto then counts the shells it meets (Stats.ShellsNotRendered)
// and extracts them as sent.
func WithRender(m RenderMode) Option { return func(c *config) { c.render = m } }

// WithBrowser renders with the Chromium or Chrome at path (a file or a
// command on PATH) instead of the first FindBrowser finds.
func WithBrowser(path string) Option { return func(c *config) { c.browser = path } }

// WithRenderTabs renders at most n pages at once, each in a tab of one
// browser (default 2: each tab costs the browser a renderer process).
func WithRenderTabs(n int) Option { return func(c *config) { c.renderTabs = n } }

// WithRenderTimeout bounds the time a page may take to render (default
// 15s): past it, the page is extracted as it is then, with a note in its
// Error.
func WithRenderTimeout(d time.Duration) Option { return func(c *config) { c.renderTimeout = d } }

// WithRenderWait ends a page's rendering as soon as an element matching the
// CSS selector is in it, rather than once its network has been quiet for
// 300ms.
func WithRenderWait(selector string) Option { return func(c *config) { c.renderWait = selector } }
