package templates

import "time"

// The report is written in English (its <html lang="en">), so its dates
// are written as English readers write them: "7 December 2026" on the
// cover, "7 Dec 2026" in tables and cards, never a raw timestamp. The short
// form is joined by no-break spaces, so a narrow column never splits it.
const (
	longDateLayout  = "2 January 2006"
	shortDateLayout = "2\u00a0Jan\u00a02006"
)

// parseDay reads a plan's date: YYYY-MM-DD (due dates, the calendar start)
// or RFC 3339 (the crawl time).
func parseDay(s string) (time.Time, bool) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// shortDate writes a plan's date as "7 Dec 2026"; anything that is not a
// date is returned as it is.
func shortDate(s string) string {
	if t, ok := parseDay(s); ok {
		return t.Format(shortDateLayout)
	}
	return s
}

// longDate writes t as "7 December 2026", "" for the zero time.
func longDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(longDateLayout)
}
