package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/crawldb"
	"github.com/seoplan/seoplan/internal/urlnorm"
)

var (
	// ErrInvalidURL is returned by New for a start URL that is malformed or
	// not http(s).
	ErrInvalidURL = errors.New("invalid start url")
	// ErrUnreachable is returned by Run when the start URL's host cannot be
	// reached at all (DNS failure, connection refused, timeout).
	ErrUnreachable = errors.New("host unreachable")
	// ErrDisallowed is returned by Run when robots.txt forbids the start
	// URL itself, so nothing can be crawled.
	ErrDisallowed = errors.New("robots.txt disallows the start url")
)

// Stats are a crawl's counters, passed to the WithProgress callback and
// returned by Run.
type Stats struct {
	SnapshotID int64
	Resumed    bool // Run continued an unfinished snapshot
	// Pages stored in the snapshot, including those of earlier runs.
	Pages int
	// Fetched in this run (Pages minus what earlier runs stored).
	Fetched int
	// Queued URLs waiting to be fetched.
	Queued int
	// Errors counts pages recorded with an error (no response, a redirect
	// loop, a truncated body …).
	Errors int
	// ByClass counts pages by status class: index 0 for no response, 1 to
	// 5 for 1xx to 5xx.
	ByClass      [6]int
	Elapsed      time.Duration // of this run
	LimitReached bool          // stopped at --max-pages with URLs left

	// Rendered counts the pages rendered in a browser, by why, earlier
	// runs included.
	Rendered RenderCounts
	// ShellsNotRendered counts this run's pages whose server HTML was a
	// shell but that were extracted as sent: rendering was off, or no
	// browser was found (Crawler.Browser is "").
	ShellsNotRendered int
	FirstShell        string // the URL of the first of them
	// RenderFailed counts this run's pages whose rendering failed (the
	// browser did not start or crashed, the page did not load); they are
	// extracted as sent, with the reason in their Error.
	RenderFailed int
}

// RenderCounts counts rendered pages by the reason in seoplan.Fetch.Rendered.
type RenderCounts struct {
	Always      int // RenderedAlways
	Shell       int // RenderedShell
	ScriptLinks int // RenderedScriptLinks
}

// Total is the number of pages rendered.
func (c RenderCounts) Total() int { return c.Always + c.Shell + c.ScriptLinks }

func (c *RenderCounts) add(reason string, n int) {
	switch reason {
	case RenderedAlways:
		c.Always += n
	case RenderedShell:
		c.Shell += n
	case RenderedScriptLinks:
		c.ScriptLinks += n
	}
}

// PagesPerSecond is this run's fetch rate.
func (s Stats) PagesPerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Fetched) / s.Elapsed.Seconds()
}

// Crawler crawls one site. Build it with New; it is used for one Run at a
// time.
type Crawler struct {
	cfg   config
	start *url.URL
	rt    http.RoundTripper
}

// New returns a crawler for the site of startURL. It returns an error
// wrapping ErrInvalidURL for a malformed or non-http(s) URL, and a plain
// error for an invalid option.
func New(startURL string, opts ...Option) (*Crawler, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("crawler: %w", err)
	}
	if cfg.render != RenderNever {
		given := cfg.browser != ""
		path, err := FindBrowser(cfg.browser)
		switch {
		case err == nil:
			cfg.browser = path
		case given || cfg.render == RenderAlways:
			return nil, fmt.Errorf("crawler: render %s: %w", cfg.render, err)
		}
	}
	n, err := urlnorm.Normalize(nil, startURL)
	if err != nil {
		return nil, fmt.Errorf("%w %q: %v", ErrInvalidURL, startURL, err)
	}
	u, err := url.Parse(n)
	if err != nil {
		return nil, fmt.Errorf("%w %q: %v", ErrInvalidURL, startURL, err)
	}
	rt := cfg.transport
	if rt == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = cfg.concurrency + 2
		rt = t
	}
	return &Crawler{cfg: cfg, start: u, rt: rt}, nil
}

// StartURL is the normalised start URL.
func (c *Crawler) StartURL() string { return c.start.String() }

// Browser is the path of the browser the crawl renders with, or "" when it
// renders nothing (RenderNever, or RenderAuto and no browser found).
func (c *Crawler) Browser() string {
	if c.cfg.render == RenderNever {
		return ""
	}
	return c.cfg.browser
}

// settings is what a snapshot records of how it was crawled.
type settings struct {
	StartURL     string   `json:"start_url"`
	MaxPages     int      `json:"max_pages"`
	MaxDepth     int      `json:"max_depth"`
	Concurrency  int      `json:"concurrency"`
	Delay        string   `json:"delay"`
	Include      []string `json:"include,omitempty"`
	Exclude      []string `json:"exclude,omitempty"`
	UserAgent    string   `json:"user_agent"`
	IgnoreRobots bool     `json:"ignore_robots"`
	Render       string   `json:"render,omitempty"`
}

func (c *Crawler) settingsJSON() string {
	s := settings{StartURL: c.start.String(), MaxPages: c.cfg.maxPages, MaxDepth: c.cfg.maxDepth,
		Concurrency: c.cfg.concurrency, Delay: c.cfg.delay.String(), UserAgent: c.cfg.userAgent,
		IgnoreRobots: c.cfg.ignoreRobots}
	if c.cfg.render != RenderNever {
		s.Render = c.cfg.render.String()
	}
	for _, re := range c.cfg.include {
		s.Include = append(s.Include, re.String())
	}
	for _, re := range c.cfg.exclude {
		s.Exclude = append(s.Exclude, re.String())
	}
	b, _ := json.Marshal(s)
	return string(b)
}

// Run crawls the site into db. Unless fresh, it continues the latest
// snapshot when that one is unfinished and has the same start URL;
// otherwise it starts a new snapshot.
//
// Run first takes the database's crawl lock (crawldb.DB.LockCrawl): while
// another crawl holds it, Run returns an error wrapping
// crawldb.ErrLocked at once, before any request, and changes nothing. A
// snapshot still marked running without a holder belongs to a crawl that
// was killed, and is resumed.
//
// When ctx is cancelled Run stops fetching, saves what it has, marks the
// snapshot interrupted and returns the stats with ctx's error; running it
// again resumes. A SIGKILL loses at most the pages of the last uncommitted
// batch, which are fetched again on resume.
func (c *Crawler) Run(ctx context.Context, db *crawldb.DB, fresh bool) (Stats, error) {
	started := time.Now()
	// Database work must outlive a cancelled ctx: the last batch is saved
	// after Ctrl-C.
	dbctx := context.WithoutCancel(ctx)

	lock, err := db.LockCrawl()
	if err != nil {
		return Stats{}, err
	}
	defer lock.Release()
	snap, resumed, err := c.snapshot(dbctx, db, fresh, started)
	if err != nil {
		return Stats{}, err
	}
	r := &run{c: c, db: db, snap: snap.ID, dbctx: dbctx, started: started}
	r.stats.SnapshotID, r.stats.Resumed = snap.ID, resumed
	err = r.crawl(ctx)

	r.stats.Elapsed = time.Since(started)
	state := crawldb.StateDone
	ended := time.Now()
	switch {
	case ctx.Err() != nil:
		state, ended = crawldb.StateInterrupted, time.Time{}
		err = fmt.Errorf("crawl interrupted: %w", ctx.Err())
	case errors.Is(err, ErrUnreachable) && r.stats.Pages == 0:
		state = crawldb.StateFailed
	case err != nil:
		state = crawldb.StateFailed
	}
	if serr := db.SetState(dbctx, snap.ID, state, ended); serr != nil && err == nil {
		err = serr
	}
	if c.cfg.progress != nil {
		c.cfg.progress(r.stats)
	}
	return r.stats, err
}

// snapshot picks the snapshot to crawl into.
func (c *Crawler) snapshot(ctx context.Context, db *crawldb.DB, fresh bool, now time.Time) (crawldb.Snapshot, bool, error) {
	if !fresh {
		last, err := db.Latest(ctx)
		switch {
		case err == nil && last.Resumable() && last.StartURL == c.start.String():
			if err := db.SetState(ctx, last.ID, crawldb.StateRunning, time.Time{}); err != nil {
				return last, false, err
			}
			return last, true, nil
		case err != nil && !errors.Is(err, crawldb.ErrNoCrawl):
			return last, false, err
		}
	}
	s, err := db.CreateSnapshot(ctx, c.start.String(), c.settingsJSON(), now)
	return s, false, err
}

// crawlPage is a fetched page travelling from a worker to the coordinator.
type crawlPage struct {
	item crawldb.FrontierItem
	page seoplan.Page
	ok   bool // false: cancelled before it was fetched; not to be stored
	// claimed are the redirect targets the worker followed, now in the
	// seen-set, to be recorded in the frontier with the page.
	claimed []string
	// unrendered: a shell page extracted as sent; renderFailed: its
	// rendering failed.
	unrendered, renderFailed bool
}
