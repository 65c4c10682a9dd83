package crawler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/seoplan/seoplan/internal/urlnorm"
)

const (
	maxRobotsBytes  = 500 << 10 // Google reads the first 500 KiB
	maxSitemapBytes = 60 << 20  // 50 MB uncompressed is the protocol's limit; gzip is smaller
	maxSitemapFiles = 200       // index children followed per crawl
)

// getter fetches robots.txt and sitemaps: plain GETs outside colly, with
// the crawl's transport, User-Agent, timeout and rate limit.
type getter struct {
	cfg    *config
	client *http.Client
	limit  *limiter
}

// get fetches u and returns its status and at most maxBytes of its body.
// o paces the request; nil for a robots.txt, whose Crawl-delay is not yet
// known.
func (g *getter) get(ctx context.Context, u string, maxBytes int64, o *rules) (int, []byte, error) {
	if err := g.limit.wait(ctx, o); err != nil {
		return 0, nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("User-Agent", g.cfg.userAgent)
	resp, err := g.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes))
	return resp.StatusCode, body, err
}

// robots fetches origin's robots.txt ("scheme://host[:port]"). err is
// non-nil only when nothing was answered: ctx's error, or a network error
// wrapping ErrUnreachable.
func (g *getter) robots(ctx context.Context, origin string) (status int, body []byte, err error) {
	u := origin + "/robots.txt"
	status, body, err = g.get(ctx, u, maxRobotsBytes, nil)
	if err != nil {
		if ctx.Err() != nil {
			return 0, nil, ctx.Err()
		}
		return 0, nil, fmt.Errorf("%w: %s: %v", ErrUnreachable, origin, reason(err))
	}
	return status, body, nil
}

// rules is what one origin's robots.txt says to this crawler, read once
// and never changed after ready is closed, except its pacing fields,
// which limiter.mu guards.
type rules struct {
	origin string // scheme://host[:port]
	ready  chan struct{}
	loaded bool  // false after ready: the load was cancelled, ask again
	err    error // the network error that left robots.txt unread

	// disallowAll: robots.txt answered 5xx or 429 or not at all, which
	// RFC 9309 (2.3.1.4) and Google read as "crawl nothing".
	disallowAll bool
	txt         robotsTxt // what robots.txt says; its zero value allows everything
	delay       time.Duration
	sitemaps    []string

	// Pacing of this origin's requests, guarded by limiter.mu.
	next        time.Time // earliest moment of the next request booked
	last        time.Time // when the last request was released
	pausedUntil time.Time // the origin asked for a pause (429, 503) until then
}

// allowed applies robots.txt to u, a normalised URL of this origin.
func (r *rules) allowed(u *url.URL) bool {
	return !r.disallowAll && r.txt.allowed(u)
}

// set fills r from a robots.txt response, read as RFC 9309 section 2.3.1
// says: a 2xx body is parsed, 4xx allows everything (Google reads 429 as a
// server error), 5xx allows nothing until a later crawl reads it again.
// Redirects were followed by the HTTP client. ignore keeps only the
// Sitemap lines.
func (r *rules) set(status int, body []byte, agent string, ignore bool) {
	ok := status >= 200 && status < 300
	unreachable := status >= 500 || status == http.StatusTooManyRequests
	switch {
	case ok:
		r.txt = parseRobotsTxt(body, agent)
		r.sitemaps = r.txt.sitemaps
	case unreachable && !ignore:
		r.disallowAll = true
	}
	if ignore {
		r.txt = robotsTxt{}
		return
	}
	r.delay = r.txt.delay
}

// robotsCache holds the rules of every origin the crawl has touched. The
// first goroutine to ask for an origin fetches its robots.txt; any other
// asking meanwhile waits for that one fetch, so each origin's robots.txt
// is requested once per run however many workers reach it together.
type robotsCache struct {
	logger *slog.Logger
	agent  string // robots.txt product token
	ignore bool   // WithIgnoreRobots: only the start origin's is read, for its Sitemap lines
	start  string // the start URL's origin
	fetch  func(ctx context.Context, origin string) (status int, body []byte, err error)

	mu sync.Mutex
	m  map[string]*rules
	// withSitemaps are the origins other than the start's whose robots.txt
	// names sitemaps, in the order read, until the crawl takes them
	// (takeSitemaps): their pages seed the frontier too.
	withSitemaps []*rules
}

// takeSitemaps returns the rules read since the last call whose robots.txt
// names sitemaps, the start origin's left out (the crawl reads those
// first).
func (c *robotsCache) takeSitemaps() []*rules {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.withSitemaps
	c.withSitemaps = nil
	return out
}

func newRobotsCache(cfg *config, start string, fetch func(context.Context, string) (int, []byte, error)) *robotsCache {
	return &robotsCache{logger: cfg.logger, agent: productToken(cfg.userAgent), ignore: cfg.ignoreRobots,
		start: start, fetch: fetch, m: map[string]*rules{}}
}

// get returns origin's rules. Its error is ctx's, when ctx ended before
// the rules were known; nothing is cached then, so a later call fetches
// again. A robots.txt that could not be fetched gives rules that allow
// nothing, with the reason in their err.
func (c *robotsCache) get(ctx context.Context, origin string) (*rules, error) {
	for {
		c.mu.Lock()
		r := c.m[origin]
		load := r == nil
		if load {
			r = &rules{origin: origin, ready: make(chan struct{})}
			c.m[origin] = r
		}
		c.mu.Unlock()
		if load {
			return r, c.load(ctx, origin, r)
		}
		select {
		case <-r.ready:
			if r.loaded {
				return r, nil
			}
			// The goroutine that was loading it was cancelled; try
			// ourselves unless we are too.
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

func (c *robotsCache) load(ctx context.Context, origin string, r *rules) error {
	defer close(r.ready)
	if c.ignore && origin != c.start {
		r.loaded = true
		return nil
	}
	status, body, err := c.fetch(ctx, origin)
	if err != nil && ctx.Err() != nil {
		c.mu.Lock()
		delete(c.m, origin)
		c.mu.Unlock()
		return ctx.Err()
	}
	if err != nil {
		c.logger.Debug("robots.txt unreachable, crawling nothing there", "origin", origin, "err", err)
		r.err, r.disallowAll = err, !c.ignore
	} else {
		r.set(status, body, c.agent, c.ignore)
	}
	r.loaded = true
	if len(r.sitemaps) > 0 && origin != c.start {
		c.mu.Lock()
		c.withSitemaps = append(c.withSitemaps, r)
		c.mu.Unlock()
	}
	return nil
}

// reason strips the URL net/http puts in front of a transport error and
// names the common causes plainly.
func reason(err error) string {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return "no such host " + dnsErr.Name
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// sitemaps reads the sitemaps robots.txt names, and /sitemap.xml, following
// sitemap indexes, and returns the normalised page URLs they list, in
// order, without duplicates. A sitemap that fails is skipped: it is a hint,
// not the crawl.
func (g *getter) sitemaps(ctx context.Context, sc *scope, start *url.URL, robotsSitemaps []string) []string {
	var queue []string
	queue = append(queue, robotsSitemaps...)
	queue = append(queue, start.Scheme+"://"+start.Host+"/sitemap.xml")
	seenFile := map[string]bool{}
	seenURL := map[string]bool{}
	var urls []string
	for len(queue) > 0 && len(seenFile) < maxSitemapFiles {
		if ctx.Err() != nil {
			break
		}
		raw := queue[0]
		queue = queue[1:]
		su, err := urlnorm.Normalize(start, raw)
		if err != nil || seenFile[su] || !urlnorm.SameSite(start.Host, su) {
			continue
		}
		seenFile[su] = true
		o, err := sc.rulesOf(ctx, su)
		if err != nil {
			break
		}
		status, body, err := g.get(ctx, su, maxSitemapBytes, o)
		if err != nil || status != http.StatusOK {
			g.cfg.logger.Debug("sitemap skipped", "url", su, "status", status, "err", err)
			continue
		}
		sm, err := ParseSitemap(bytes.NewReader(body))
		if err != nil {
			g.cfg.logger.Debug("sitemap unreadable", "url", su, "err", err)
			continue
		}
		queue = append(queue, sm.Children...)
		for _, loc := range sm.URLs {
			n, err := urlnorm.Normalize(start, loc)
			if err != nil || seenURL[n] {
				continue
			}
			seenURL[n] = true
			urls = append(urls, n)
		}
	}
	return urls
}
