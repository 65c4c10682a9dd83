package crawler

import (
	"strings"
	"time"
)

// robotsDirectives is what robots meta tags and X-Robots-Tag headers tell
// Google about a page. seoplan audits a site for Google, so it applies the
// directives addressed to every crawler and those addressed to googlebot,
// and ignores those addressed to any other crawler (bingbot, otherbot, and
// seoplan itself, which has no index to keep a page out of).
type robotsDirectives struct {
	noindex, nofollow bool
	// unavailableAfter is the earliest unavailable_after date; zero when
	// there is none. From then on Google drops the page from its index.
	unavailableAfter time.Time
}

// readRobotsDirectives reads directive lists: the content of a robots meta
// tag, or the value of one X-Robots-Tag header, each one string. Within a
// string, "name: " before a directive addresses it and the ones after it
// to the crawler name ("googlebot: noindex, nofollow"); each string starts
// addressed to every crawler.
func readRobotsDirectives(lists ...string) robotsDirectives {
	var d robotsDirectives
	for _, list := range lists {
		d.read(list)
	}
	return d
}

func (d *robotsDirectives) read(list string) {
	agent := "" // every crawler
	parts := strings.Split(list, ",")
	for i := 0; i < len(parts); i++ {
		p := strings.TrimSpace(parts[i])
		if name, rest, ok := strings.Cut(p, ":"); ok {
			if n := strings.ToLower(strings.TrimSpace(name)); isCrawlerName(n) {
				agent, p = n, strings.TrimSpace(rest)
			}
		}
		if agent != "" && agent != "googlebot" {
			continue
		}
		name, value, _ := strings.Cut(p, ":")
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "noindex":
			d.noindex = true
		case "nofollow":
			d.nofollow = true
		case "none":
			d.noindex, d.nofollow = true, true
		case "unavailable_after":
			t, ok := parseUnavailableAfter(value)
			if !ok && i+1 < len(parts) {
				// An RFC 850 date holds a comma: "Monday, 02-Jan-06 …".
				if t, ok = parseUnavailableAfter(value + "," + parts[i+1]); ok {
					i++
				}
			}
			if ok && (d.unavailableAfter.IsZero() || t.Before(d.unavailableAfter)) {
				d.unavailableAfter = t
			}
		}
	}
}

// noindexAt reports whether Google keeps the page out of its index at t:
// noindex, or an unavailable_after date that has passed.
func (d robotsDirectives) noindexAt(t time.Time) bool {
	return d.noindex || (!d.unavailableAfter.IsZero() && !t.Before(d.unavailableAfter))
}

// directiveNames are Google's robots directives, so that one written with
// a value ("max-snippet: 20") is not taken for a crawler's name.
var directiveNames = map[string]bool{
	"all": true, "index": true, "follow": true, "noindex": true, "nofollow": true, "none": true,
	"nosnippet": true, "indexifembedded": true, "notranslate": true, "noimageindex": true,
	"noarchive": true, "nocache": true, "noodp": true, "noydir": true, "unavailable_after": true,
	"max-snippet": true, "max-image-preview": true, "max-video-preview": true,
}

// isCrawlerName reports whether n (lower case), found before a ":",
// names a crawler rather than a directive.
func isCrawlerName(n string) bool {
	return n != "" && !directiveNames[n] && productToken(n) == n
}

// unavailableLayouts are the date forms Google documents for
// unavailable_after: RFC 822, RFC 850 and ISO 8601.
var unavailableLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02",
	time.RFC1123, time.RFC1123Z, time.RFC850, time.RFC822, time.RFC822Z,
	"02 Jan 2006 15:04:05 MST", "2 Jan 2006 15:04:05 MST", "Monday, 02-Jan-2006 15:04:05 MST",
}

// parseUnavailableAfter reads an unavailable_after date. Meta content is
// stored lower case, so the value is upper-cased first: time.Parse wants
// "T" and zone abbreviations in capitals, and reads month and day names in
// any case.
func parseUnavailableAfter(s string) (time.Time, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	for _, layout := range unavailableLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
