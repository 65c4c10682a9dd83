package crawler

import (
	"context"
	"net/url"
	"strings"

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
	skipUnknown   skipReason = "robots.txt not read" // the crawl was stopped first
	skipLength    skipReason = "url too long"
	skipSegments  skipReason = "too many path segments"
	skipRepeat    skipReason = "repeated path segment"
	skipNumbers   skipReason = "too many number segments"
	skipQueryTrap skipReason = "too many query variants"
	skipDateTrap  skipReason = "too many dates in one calendar"
)

// scope decides which URLs the crawl may fetch. check and record are used
// by the coordinating goroutine only; allowed by workers too, so it reads
// only what is safe to share.
type scope struct {
	cfg         *config
	start       string // normalised start URL, always in scope
	host        string // start URL host, for urlnorm.SameSite
	startScheme string
	startOrigin string // scheme://host of the start URL
	startRules  *rules // the start origin's, without a lookup
	robots      *robotsCache
	variants    map[string]int // scheme://host/path → distinct query strings queued
	dates       map[string]int // scheme://host/path with its date blanked → distinct URLs queued
}

// newScope returns the scope of a crawl from start, whose origin's rules
// robots must already hold.
func newScope(ctx context.Context, cfg *config, start *url.URL, robots *robotsCache) (*scope, error) {
	s := &scope{cfg: cfg, start: start.String(), host: start.Host, startScheme: start.Scheme,
		startOrigin: originOf(start), robots: robots, variants: map[string]int{}, dates: map[string]int{}}
	r, err := robots.get(ctx, originOf(start))
	if err != nil {
		return nil, err
	}
	s.startRules = r
	return s, nil
}

// rulesOf is rules for a URL not yet parsed; nil, with no error, for one
// that does not parse. Its error is ctx's.
func (s *scope) rulesOf(ctx context.Context, raw string) (*rules, error) {
	if rest, ok := strings.CutPrefix(raw, s.startOrigin); ok && (rest == "" || rest[0] == '/' || rest[0] == '?') {
		return s.startRules, nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, nil
	}
	return s.rules(ctx, u)
}

var offSiteRules = &rules{disallowAll: true, loaded: true}

// originOf is u's scheme://host[:port], the unit robots.txt applies to.
func originOf(u *url.URL) string { return u.Scheme + "://" + u.Host }

// check reports why u (normalised) may not be fetched, without recording
// anything. The start URL is exempt from --include and --exclude (the
// crawl has to begin somewhere) but not from robots.txt.
func (s *scope) check(ctx context.Context, raw string, u *url.URL) skipReason {
	if raw == s.start {
		if !s.startRules.allowed(u) {
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
	r, err := s.rules(ctx, u)
	if err != nil {
		return skipUnknown
	}
	if !r.allowed(u) {
		return skipRobots
	}
	if u.RawQuery != "" && s.variants[variantKey(u)] >= s.cfg.maxQueryVariants {
		return skipQueryTrap
	}
	if k, ok := dateKey(u); ok && s.dates[k] >= s.cfg.maxDateVariants {
		return skipDateTrap
	}
	return ""
}

// record counts u's query and date variants once it is queued.
func (s *scope) record(u *url.URL) {
	if u.RawQuery != "" {
		s.variants[variantKey(u)]++
	}
	if k, ok := dateKey(u); ok {
		s.dates[k]++
	}
}

// dateKey is u's host and path with a calendar date in the path blanked,
// and whether there is one: a year and month as one segment (2024-05,
// 2024-05-17) or as consecutive segments (/2024/05/, /2024/5/17/). The
// pages of an endless calendar (/events/2024/05/ → /events/2024/06/ → …)
// share one key, while dated posts (/2024/05/17/some-post) each have
// their own.
func dateKey(u *url.URL) (string, bool) {
	p := u.EscapedPath()
	if !hasDigitRun(p, 4) {
		return "", false // most paths: no year, no allocation
	}
	segs := strings.Split(p, "/")
	found := false
	for i := 0; i < len(segs); i++ {
		if y, m, ok := strings.Cut(segs[i], "-"); ok && isDigits(y, 4, 4) {
			m, d, _ := strings.Cut(m, "-")
			if isNumber(m, 1, 12) && (d == "" || isNumber(d, 1, 31)) {
				segs[i], found = "{date}", true
			}
			continue
		}
		if isDigits(segs[i], 4, 4) && i+1 < len(segs) && isNumber(segs[i+1], 1, 12) {
			segs[i], segs[i+1], found = "{date}", "", true
			if i+2 < len(segs) && isNumber(segs[i+2], 1, 31) {
				segs[i+2] = ""
			}
		}
	}
	if !found {
		return "", false
	}
	return u.Host + strings.Join(segs, "/"), true
}

func hasDigitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			if run++; run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// isDigits reports whether s is min to max ASCII digits.
func isDigits(s string, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isNumber reports whether s is a one- or two-digit number from lo to hi.
func isNumber(s string, lo, hi int) bool {
	if !isDigits(s, 1, 2) {
		return false
	}
	n := int(s[0] - '0')
	if len(s) == 2 {
		n = n*10 + int(s[1]-'0')
	}
	return n >= lo && n <= hi
}

func variantKey(u *url.URL) string { return u.Host + u.EscapedPath() }

// allowed applies the robots.txt of u's origin to u, fetching it the first
// time a URL of that origin is seen. It is safe for concurrent use. When
// ctx ends first it answers false: nothing is known, so nothing is fetched.
func (s *scope) allowed(ctx context.Context, u *url.URL) bool {
	r, err := s.rules(ctx, u)
	return err == nil && r.allowed(u)
}

// rules returns the robots.txt rules of u's origin; its error is ctx's.
func (s *scope) rules(ctx context.Context, u *url.URL) (*rules, error) {
	if u.Host == s.host && u.Scheme == s.startScheme {
		return s.startRules, nil
	}
	if !urlnorm.SameSite(s.host, u.Host) {
		return offSiteRules, nil // never fetched, so never asked for
	}
	return s.robots.get(ctx, originOf(u))
}

// pathTrap catches paths that grow without end: too many segments, too
// many number segments (/trap/1/2/3/4/5/), or one segment repeated
// (/a/b/a/b/a/b/…, a relative link resolved again and again). It reads
// only the configuration, so workers may call it too.
func (s *scope) pathTrap(p string) skipReason {
	segs := strings.Split(strings.Trim(p, "/"), "/")
	if len(segs) > s.cfg.maxPathSegments {
		return skipSegments
	}
	if numberSegments(segs) > s.cfg.maxNumbers {
		return skipNumbers
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

// numberSegments counts the segments of a path that are only digits, a
// date written as segments (2024/05 or 2024/05/17, as dateKey reads them)
// counting as one.
func numberSegments(segs []string) int {
	n := 0
	for i := 0; i < len(segs); i++ {
		if !isDigits(segs[i], 1, len(segs[i])) {
			continue
		}
		n++
		if isDigits(segs[i], 4, 4) && i+1 < len(segs) && isNumber(segs[i+1], 1, 12) {
			i++ // the month
			if i+1 < len(segs) && isNumber(segs[i+1], 1, 31) {
				i++ // the day
			}
		}
	}
	return n
}
