package crawler

import (
	"net/url"
	"strings"

	"github.com/temoto/robotstxt"

	"github.com/seoplan/seoplan/internal/urlnorm"
)

// skipReason says why a URL is not queued; "" means it is.
type skipReason string

const (
	skipOffSite   skipReason = "off-site"
	skipScheme    skipReason = "scheme"
	skipInclude   skipReason = "not included"
	skipExclude   skipReason = "excluded"
	skipRobots    skipReason = "robots.txt"
	skipLength    skipReason = "url too long"
	skipSegments  skipReason = "too many path segments"
	skipRepeat    skipReason = "repeated path segment"
	skipQueryTrap skipReason = "too many query variants"
)

// scope decides which URLs the crawl may fetch. It is used by the
// coordinating goroutine only, so it needs no lock.
type scope struct {
	cfg      *config
	start    string                // normalised start URL, always in scope
	host     string                // start URL host, for urlnorm.SameSite
	robots   *robotstxt.RobotsData // nil: everything allowed
	agent    string
	variants map[string]int // scheme://host/path → distinct query strings queued
}

func newScope(cfg *config, start *url.URL, robots *robotstxt.RobotsData) *scope {
	s := &scope{cfg: cfg, start: start.String(), host: start.Host, variants: map[string]int{}, agent: robotsAgent(cfg.userAgent)}
	if !cfg.ignoreRobots {
		s.robots = robots
	}
	return s
}

// robotsAgent is the product token of a User-Agent ("seoplan" of
// "seoplan/1.0 (+…)"), which is what robots.txt groups name.
func robotsAgent(ua string) string {
	if i := strings.IndexAny(ua, "/ "); i > 0 {
		return ua[:i]
	}
	return ua
}

// check reports why u (normalised) may not be fetched, without recording
// anything. The start URL is exempt from --include and --exclude (the
// crawl has to begin somewhere) but not from robots.txt.
func (s *scope) check(raw string, u *url.URL) skipReason {
	if raw == s.start {
		if !s.allowed(u) {
			return skipRobots
		}
		return ""
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return skipScheme
	}
	if !urlnorm.SameSite(s.host, u.Host) {
		return skipOffSite
	}
	if len(raw) > s.cfg.maxURLLength {
		return skipLength
	}
	if r := s.pathTrap(u.EscapedPath()); r != "" {
		return r
	}
	if len(s.cfg.include) > 0 {
		ok := false
		for _, re := range s.cfg.include {
			if re.MatchString(raw) {
				ok = true
				break
			}
		}
		if !ok {
			return skipInclude
		}
	}
	for _, re := range s.cfg.exclude {
		if re.MatchString(raw) {
			return skipExclude
		}
	}
	if !s.allowed(u) {
		return skipRobots
	}
	if u.RawQuery != "" && s.variants[variantKey(u)] >= s.cfg.maxQueryVariants {
		return skipQueryTrap
	}
	return ""
}

// record counts u's query variant once it is queued.
func (s *scope) record(u *url.URL) {
	if u.RawQuery != "" {
		s.variants[variantKey(u)]++
	}
}

func variantKey(u *url.URL) string { return u.Host + u.EscapedPath() }

// allowed applies robots.txt to u.
func (s *scope) allowed(u *url.URL) bool {
	if s.robots == nil {
		return true
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	// TestAgent, not a cached FindGroup: only TestAgent knows the
	// disallow-all that a robots.txt answered with 5xx means.
	return s.robots.TestAgent(p, s.agent)
}

// pathTrap catches paths that grow without end: too many segments, or one
// segment repeated (/a/b/a/b/a/b/…, a relative link resolved again and
// again).
func (s *scope) pathTrap(p string) skipReason {
	segs := strings.Split(strings.Trim(p, "/"), "/")
	if len(segs) > s.cfg.maxPathSegments {
		return skipSegments
	}
	if len(segs) <= s.cfg.maxRepeatSegment {
		return ""
	}
	count := make(map[string]int, len(segs))
	for _, seg := range segs {
		if seg == "" {
			continue
		}
		count[seg]++
		if count[seg] > s.cfg.maxRepeatSegment {
			return skipRepeat
		}
	}
	return ""
}
