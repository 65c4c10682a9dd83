package crawler

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/jimsmart/grobotstxt"

	"github.com/seoplan/seoplan/internal/urlnorm"
)

// robotsTxt is one robots.txt as this crawler reads it, parsed once per
// origin. Which group applies and which rule wins are decided by
// github.com/jimsmart/grobotstxt, a port of Google's own parser and
// matcher: group selection by the product token before the "/", "#"
// comments, "*" and "$" anchored at the start of the path, longest match
// with Allow winning a tie.
type robotsTxt struct {
	// rules is robots.txt reduced to its User-agent, Allow and Disallow
	// lines, in their order, each rule's percent-escapes normalised as
	// urlnorm normalises a URL's (RFC 9309 section 2.2.2); "" when there is
	// no rule at all. grobotstxt matches a URL against it.
	rules    string
	agent    string        // our product token
	delay    time.Duration // Crawl-delay of the groups that apply to agent
	sitemaps []string
}

// parseRobotsTxt reads body, a robots.txt, for the crawler whose product
// token is agent ("seoplan").
func parseRobotsTxt(body []byte, agent string) robotsTxt {
	rd := robotsReader{agent: agent}
	// grobotstxt v1.0.3 upper-cases the hex digits of escapes itself by
	// clearing bit 5, which turns the digits of a mixed escape into
	// control bytes ("%e3" → "%E\x13"), so it must never see a lower-case
	// escape.
	grobotstxt.Parse(urlnorm.UpperEscapes(body), &rd)
	return robotsTxt{rules: rd.rules.String(), agent: agent, delay: rd.delay(), sitemaps: rd.sitemaps}
}

// allowed applies the rules to u, a normalised URL of the origin they
// belong to.
func (t *robotsTxt) allowed(u *url.URL) bool {
	if t.rules == "" {
		return true
	}
	// grobotstxt takes a whole URL and reads its path and query; the host
	// is not compared.
	return grobotstxt.AgentAllowed(t.rules, t.agent, "http://robots.invalid"+urlnorm.NormalizeEscapes(u.RequestURI()))
}

// robotsReader is the grobotstxt.ParseHandler that builds a robotsTxt in
// one pass: it copies the lines that matter for matching and tracks groups
// the way Google's matcher does, to pick up the Crawl-delay of ours.
type robotsReader struct {
	agent    string
	rules    strings.Builder
	sitemaps []string

	// Group tracking, as grobotstxt.RobotsMatcher does it: consecutive
	// User-agent lines open one group, which a rule line closes.
	inGlobal, inSpecific, seenRule bool
	everSpecific                   bool
	globalDelay, specificDelay     time.Duration
}

func (rd *robotsReader) HandleRobotsStart() {}
func (rd *robotsReader) HandleRobotsEnd()   {}

func (rd *robotsReader) HandleUserAgent(_ int, value string) {
	rd.rules.WriteString("user-agent: " + value + "\n")
	if rd.seenRule {
		rd.inGlobal, rd.inSpecific, rd.seenRule = false, false, false
	}
	if isGlobalAgent(value) {
		rd.inGlobal = true
		return
	}
	if strings.EqualFold(productToken(value), rd.agent) {
		rd.inSpecific, rd.everSpecific = true, true
	}
}

func (rd *robotsReader) HandleAllow(_ int, value string)    { rd.rule("allow", value) }
func (rd *robotsReader) HandleDisallow(_ int, value string) { rd.rule("disallow", value) }

// rule copies an Allow or Disallow line. grobotstxt has already stripped
// its comment and escaped its non-ASCII bytes; NormalizeEscapes decodes
// the escapes of unreserved characters and escapes what a normalised URL
// never holds raw, such as a space.
func (rd *robotsReader) rule(key, value string) {
	rd.rules.WriteString(key + ": " + urlnorm.NormalizeEscapes(value) + "\n")
	rd.seenRule = true
}

func (rd *robotsReader) HandleSitemap(_ int, value string) {
	if value != "" {
		rd.sitemaps = append(rd.sitemaps, value)
	}
}

// HandleUnknownAction reads Crawl-delay (seconds, fractions allowed),
// which Google ignores and Bing, Yandex and most SEO crawlers obey. When a
// group has more than one, the longest wins.
func (rd *robotsReader) HandleUnknownAction(_ int, action, value string) {
	if !strings.EqualFold(action, "crawl-delay") {
		return
	}
	secs, err := strconv.ParseFloat(value, 64)
	if err != nil || !(secs > 0) { // NaN too
		return
	}
	d := time.Duration(min(secs, maxCrawlDelay.Seconds()) * float64(time.Second))
	if rd.inSpecific {
		rd.specificDelay = max(rd.specificDelay, d)
	}
	if rd.inGlobal {
		rd.globalDelay = max(rd.globalDelay, d)
	}
}

// maxCrawlDelay bounds a Crawl-delay so that its Duration cannot overflow;
// a day between requests already stops a crawl in practice.
const maxCrawlDelay = 24 * time.Hour

// delay is the Crawl-delay that applies to the agent: its own groups',
// when robots.txt names it, else the global group's.
func (rd *robotsReader) delay() time.Duration {
	if rd.everSpecific {
		return rd.specificDelay
	}
	return rd.globalDelay
}

// isGlobalAgent reports whether a User-agent value names every crawler:
// "*" alone or followed by a space and anything, as grobotstxt reads it.
func isGlobalAgent(value string) bool {
	return value != "" && value[0] == '*' && (len(value) == 1 || unicode.IsSpace(rune(value[1])))
}

// productToken is the leading run of product-token characters of a
// User-agent value or header ("seoplan" of "seoplan/1.0 (+…)"): what
// robots.txt groups are matched on. The characters are those grobotstxt
// accepts, so that the Crawl-delay read here belongs to the very groups
// its matcher applies.
func productToken(s string) string {
	for i := 0; i < len(s); i++ {
		if !isTokenChar(s[i]) {
			return s[:i]
		}
	}
	return s
}

func isTokenChar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("#$%'*+-.^_`|~", c) >= 0
}
