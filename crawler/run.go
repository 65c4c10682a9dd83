package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"golang.org/x/sync/semaphore"

	"github.com/seoplan/seoplan/crawldb"
	"github.com/seoplan/seoplan/internal/urlnorm"
)

// windowSize is how many pending URLs the coordinator holds in memory; the
// rest of the frontier waits in the database. It bounds memory however
// large the site.
const windowSize = 2048

// progressEvery spaces progress callbacks and time-based commits.
const progressEvery = 100 * time.Millisecond

// run is the state of one Run. Everything in it belongs to the
// coordinating goroutine (crawl) except the seen-set; workers only fetch
// and extract, and talk to it through channels. The seen-set is shared
// because a worker claims a redirect target the moment it follows it;
// checking and recording a URL is one step under its lock, mirrored to the
// database with INSERT OR IGNORE in the same batch as the page that found it.
type run struct {
	c       *Crawler
	db      *crawldb.DB
	snap    int64
	dbctx   context.Context
	started time.Time

	scope   *scope
	limit   *limiter
	seen    seenSet             // every URL queued or claimed in this snapshot
	sitemap map[string]struct{} // URLs the sitemaps list
	smOrder []string            // the same, in sitemap order, for the orphan pass

	window  []crawldb.FrontierItem // pending URLs in memory, in queue order
	lastID  int64                  // highest frontier id ever put in window
	backlog bool                   // pending URLs with id > lastID wait in the database

	batch *crawldb.Batch
	dirty bool // batch holds writes
	stats Stats
}

func (r *run) crawl(ctx context.Context) error {
	cfg := &r.c.cfg
	limit := &limiter{delay: cfg.delay, released: cfg.released}
	get := &getter{cfg: cfg, client: &http.Client{Transport: r.c.rt, Timeout: cfg.timeout}, limit: limit}

	robots := newRobotsCache(cfg, originOf(r.c.start), get.robots)
	var err error
	r.scope, err = newScope(ctx, cfg, r.c.start, robots)
	if err != nil {
		return err
	}
	if err := r.scope.startRules.err; err != nil {
		return err // the start host did not answer: ErrUnreachable
	}
	if !r.scope.startRules.allowed(r.c.start) {
		return fmt.Errorf("%w %s", ErrDisallowed, r.c.start)
	}
	r.limit = limit
	if err := r.load(ctx, get, r.scope.startRules.sitemaps); err != nil {
		return err
	}
	if r.batch, err = r.db.Begin(r.dbctx); err != nil {
		return err
	}
	defer func() { r.batch.Rollback() }()
	r.progress()

	jobs := make(chan crawldb.FrontierItem)
	results := make(chan crawlPage, cfg.concurrency)
	budget := semaphore.NewWeighted(bodyBudget)
	base := newCollector(cfg, r.c.rt, budget, r.followRedirect, r.pace)
	var rend *renderer
	if cfg.render != RenderNever && cfg.browser != "" {
		rend = newRenderer(cfg, r.scope, limit)
	}
	var wg sync.WaitGroup
	for range cfg.concurrency {
		w := newWorker(ctx, cfg, r.scope, base, limit, budget, rend)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range jobs {
				p, ok := w.fetch(ctx, it.URL, it.Depth)
				res := crawlPage{item: it, page: p, ok: ok, claimed: w.claimed()}
				res.unrendered, res.renderFailed = w.rendering()
				results <- res
			}
		}()
	}
	defer func() {
		close(jobs)
		wg.Wait()
		if rend != nil {
			rend.close() // after the workers, which may still be rendering
		}
	}()

	tick := time.NewTicker(progressEvery)
	defer tick.Stop()
	inflight := 0
	level := 0 // depth of the pages in flight
	stopping := false
	for {
		if !stopping && len(r.window) == 0 && r.backlog {
			if err := r.refill(); err != nil {
				return err
			}
		}
		if !stopping && len(r.window) == 0 && !r.backlog && inflight == 0 {
			// The link graph is exhausted: queue the sitemap's orphans,
			// the pages no crawled page links to.
			n, err := r.queueOrphans(ctx)
			if err != nil {
				return err
			}
			if n == 0 {
				break
			}
			continue
		}
		if stopping && inflight == 0 {
			break
		}
		var send chan crawldb.FrontierItem
		var next crawldb.FrontierItem
		if !stopping && len(r.window) > 0 {
			switch {
			case r.stats.Pages+inflight >= cfg.maxPages:
				if inflight == 0 {
					r.stats.LimitReached = true
					stopping = true
					continue
				}
			case inflight == 0 || r.window[0].Depth <= level:
				// One link level at a time: a page of depth d+1 starts only
				// when every page of depth d is stored, so each URL is
				// queued from the shallowest page that links it and its
				// depth is the same however the fetches interleave.
				send, next = jobs, r.window[0]
			}
		}
		select {
		case send <- next:
			r.window = r.window[1:]
			if inflight == 0 {
				level = next.Depth
			}
			inflight++
		case res := <-results:
			inflight--
			if res.ok {
				if err := r.store(ctx, res); err != nil {
					return err
				}
			}
		case <-tick.C:
			if err := r.commit(); err != nil {
				return err
			}
			r.progress()
		case <-ctx.Done():
			stopping = true
		}
		if !stopping {
			if err := r.twinSitemaps(ctx, get); err != nil {
				return err
			}
		}
		if r.batch.Len() >= cfg.batchSize {
			if err := r.commit(); err != nil {
				return err
			}
		}
	}
	if err := r.commit(); err != nil {
		return err
	}
	if r.stats.Queued > 0 && r.stats.Pages >= cfg.maxPages {
		r.stats.LimitReached = true
	}
	return nil
}

// load rebuilds the seen-set and sitemap set of a resumed snapshot, or seeds
// a new one with the start URL and the sitemaps' URLs. A snapshot killed
// before its seed was committed has an empty frontier and is seeded again.
func (r *run) load(ctx context.Context, get *getter, robotsSitemaps []string) error {
	r.seen.m = map[string]struct{}{}
	r.sitemap = map[string]struct{}{}
	err := r.db.Frontier(r.dbctx, r.snap, func(it crawldb.FrontierItem) error {
		r.seen.add(it.URL)
		if u, err := url.Parse(it.URL); err == nil {
			r.scope.record(u)
		}
		if !it.Done {
			r.stats.Queued++
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := r.db.SitemapURLs(r.dbctx, r.snap, r.addSitemapURL); err != nil {
		return err
	}
	classes, errs, err := r.db.StatusClasses(r.dbctx, r.snap)
	if err != nil {
		return err
	}
	r.stats.ByClass, r.stats.Errors = classes, errs
	for _, n := range classes {
		r.stats.Pages += n
	}
	err = r.db.RenderedCounts(r.dbctx, r.snap, func(reason string, n int) { r.stats.Rendered.add(reason, n) })
	if err != nil {
		return err
	}
	r.backlog = true // whatever is pending is in the database
	if r.seen.len() > 0 {
		return nil
	}

	urls := get.sitemaps(ctx, r.scope, r.c.start, robotsSitemaps)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if r.batch, err = r.db.Begin(r.dbctx); err != nil {
		return err
	}
	defer r.batch.Rollback()
	for _, u := range urls {
		if err := r.batch.AddSitemapURL(r.snap, u); err != nil {
			return err
		}
		r.addSitemapURL(u)
	}
	if _, err := r.enqueue(ctx, r.c.start.String(), r.c.start, 0); err != nil {
		return err
	}
	r.window, r.backlog, r.dirty = nil, true, false
	return r.batch.Commit()
}

// twinSitemaps adds the pages that the sitemaps of another origin of the
// site list (the www. twin, https for http: those its robots.txt names,
// and its /sitemap.xml) to the sitemap set, as the start origin's are, once
// that robots.txt is first read: a page no crawled page links to is queued
// when the links run out. The robots.txt is read as the first URL of the
// origin is queued or fetched, and its sitemap's pages go into the same
// batch; a crawl interrupted before they are all stored has that URL still
// pending, and the resumed crawl reads the robots.txt again to fetch it.
func (r *run) twinSitemaps(ctx context.Context, get *getter) error {
	for _, rl := range r.scope.robots.takeSitemaps() {
		origin, err := url.Parse(rl.origin)
		if err != nil {
			continue
		}
		for _, u := range get.sitemaps(ctx, r.scope, origin, rl.sitemaps) {
			if _, ok := r.sitemap[u]; ok {
				continue
			}
			if err := r.batch.AddSitemapURL(r.snap, u); err != nil {
				return err
			}
			r.dirty = true
			r.addSitemapURL(u)
		}
	}
	return nil
}

func (r *run) addSitemapURL(u string) {
	if _, ok := r.sitemap[u]; !ok {
		r.sitemap[u] = struct{}{}
		r.smOrder = append(r.smOrder, u)
	}
}

// enqueue queues u unless it was seen or is out of scope, and reports
// whether it did.
func (r *run) enqueue(ctx context.Context, raw string, u *url.URL, depth int) (bool, error) {
	if r.seen.has(raw) {
		return false, nil
	}
	if why := r.scope.check(ctx, raw, u); why != "" {
		if why == skipUnknown {
			// Not known to be allowed or not: neither queue it nor drop
			// it; the batch that found it is not saved.
			return false, ctx.Err()
		}
		r.c.cfg.logger.Debug("not queued", "url", raw, "reason", string(why))
		return false, nil
	}
	if !r.seen.add(raw) {
		return false, nil // a worker claimed it as a redirect target meanwhile
	}
	id, err := r.batch.Enqueue(r.snap, raw, depth)
	if err != nil {
		return false, err
	}
	r.dirty = true
	r.scope.record(u)
	if id == 0 {
		return false, nil
	}
	r.stats.Queued++
	if !r.backlog && len(r.window) < windowSize {
		r.window = append(r.window, crawldb.FrontierItem{ID: id, URL: raw, Depth: depth})
		r.lastID = id
	} else {
		r.backlog = true
	}
	return true, nil
}

// refill moves the next pending URLs from the database into the window.
func (r *run) refill() error {
	if err := r.commit(); err != nil {
		return err
	}
	items, err := r.db.Pending(r.dbctx, r.snap, r.lastID, windowSize)
	if err != nil {
		return err
	}
	r.window = append(r.window, items...)
	if len(items) > 0 {
		r.lastID = items[len(items)-1].ID
	}
	r.backlog = len(items) == windowSize
	return nil
}

// queueOrphans queues the sitemap URLs no crawled page linked to.
func (r *run) queueOrphans(ctx context.Context) (int, error) {
	n := 0
	for _, raw := range r.smOrder {
		if r.seen.has(raw) {
			continue
		}
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		ok, err := r.enqueue(ctx, raw, u, 1)
		if err != nil {
			return n, err
		}
		if ok {
			n++
		}
	}
	return n, nil
}

// store records a fetched page, claims its final URL and queues its links,
// all in the current batch.
func (r *run) store(ctx context.Context, res crawlPage) error {
	p, it := res.page, res.item
	p.Depth = it.Depth
	// The worker claimed every redirect target it followed; record the
	// claims with the page so a resumed crawl knows them too.
	for _, u := range res.claimed {
		if _, err := r.batch.Claim(r.snap, u, it.Depth); err != nil {
			return err
		}
	}
	_, inA := r.sitemap[p.URL]
	_, inB := r.sitemap[it.URL]
	p.InSitemap = inA || inB
	if err := r.batch.StorePage(r.snap, it.ID, &p); err != nil {
		return err
	}
	r.dirty = true
	r.stats.Pages++
	r.stats.Fetched++
	r.stats.Queued--
	if c := p.Status / 100; c >= 0 && c < len(r.stats.ByClass) {
		r.stats.ByClass[c]++
	}
	if p.Error != "" {
		r.stats.Errors++
	}
	r.stats.Rendered.add(p.Rendered, 1)
	if res.unrendered {
		if r.stats.ShellsNotRendered == 0 {
			r.stats.FirstShell = p.URL
		}
		r.stats.ShellsNotRendered++
	}
	if res.renderFailed {
		r.stats.RenderFailed++
	}
	if !p.IsHTML() || p.Nofollow {
		return nil
	}
	depth := it.Depth + 1
	if max := r.c.cfg.maxDepth; max > 0 && depth > max {
		return nil
	}
	for _, l := range p.Links {
		if r.seen.has(l.URL) {
			continue
		}
		u, err := url.Parse(l.URL)
		if err != nil {
			continue
		}
		if _, err := r.enqueue(ctx, l.URL, u, depth); err != nil {
			return err
		}
	}
	return nil
}

// followRedirect decides, on a worker's goroutine, whether a redirect to
// target (normalised) is followed: only within the site, where the
// robots.txt of its origin allows, within the URL-length and path-trap
// limits, and to a URL nobody has queued or claimed yet. Otherwise the redirect response itself is recorded and its
// target is just its link, so no page is fetched twice.
func (r *run) followRedirect(ctx context.Context, target string) bool {
	u, err := url.Parse(target)
	if err != nil || !urlnorm.SameSite(r.c.start.Host, u.Host) || !r.scope.allowed(ctx, u) {
		return false
	}
	// A redirect can build a trap as a link can (/trap/1/ → /trap/1/2/ …).
	if len(target) > r.c.cfg.maxURLLength || r.scope.pathTrap(u.EscapedPath()) != "" {
		return false
	}
	return r.seen.add(target)
}

// pace waits, on a worker's goroutine, until a redirect hop to target may
// be requested.
func (r *run) pace(ctx context.Context, target string) error {
	o, err := r.scope.rulesOf(ctx, target)
	if err != nil {
		return err
	}
	return r.limit.wait(ctx, o)
}

// commit ends the current batch, if it wrote anything, and begins the next.
func (r *run) commit() error {
	if !r.dirty {
		return nil
	}
	if err := r.batch.Commit(); err != nil {
		return fmt.Errorf("save crawl: %w", err)
	}
	r.dirty = false
	b, err := r.db.Begin(r.dbctx)
	if err != nil {
		return err
	}
	r.batch = b
	return nil
}

func (r *run) progress() {
	if r.c.cfg.progress != nil {
		s := r.stats
		s.Elapsed = time.Since(r.started)
		r.c.cfg.progress(s)
	}
}

// seenSet is the crawl's set of URLs queued or claimed. add checks and
// records in one step, so two goroutines can never both claim a URL.
type seenSet struct {
	mu sync.Mutex
	m  map[string]struct{}
}

func (s *seenSet) add(u string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[u]; ok {
		return false
	}
	s.m[u] = struct{}{}
	return true
}

func (s *seenSet) has(u string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.m[u]
	return ok
}

func (s *seenSet) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}
