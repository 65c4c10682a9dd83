package crawler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"

	"github.com/temoto/robotstxt"

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
func (g *getter) get(ctx context.Context, u string, maxBytes int64) (int, []byte, error) {
	if err := g.limit.wait(ctx); err != nil {
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

// robots fetches and parses robots.txt for the start URL's origin. A
// network failure here is the first sign of an unreachable host, so it is
// returned as ErrUnreachable; a robots.txt that cannot be parsed allows
// everything.
func (g *getter) robots(ctx context.Context, start *url.URL) (*robotstxt.RobotsData, error) {
	u := start.Scheme + "://" + start.Host + "/robots.txt"
	status, body, err := g.get(ctx, u, maxRobotsBytes)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%w: %s: %v", ErrUnreachable, start.Host, reason(err))
	}
	data, err := robotstxt.FromStatusAndBytes(status, body)
	if err != nil || data == nil {
		g.cfg.logger.Debug("robots.txt unusable, allowing all", "url", u, "status", status, "err", err)
		data, _ = robotstxt.FromStatusAndBytes(404, nil)
	}
	return data, nil
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
func (g *getter) sitemaps(ctx context.Context, start *url.URL, robots *robotstxt.RobotsData) []string {
	var queue []string
	if robots != nil {
		queue = append(queue, robots.Sitemaps...)
	}
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
		status, body, err := g.get(ctx, su, maxSitemapBytes)
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
