package templates

import (
	"testing"
	"time"
)

func TestDates(t *testing.T) {
	tests := []struct{ name, in, short string }{
		{"due date", "2026-12-07", "7\u00a0Dec\u00a02026"},
		{"crawl time", "2026-03-01T09:00:00Z", "1\u00a0Mar\u00a02026"},
		{"not a date", "next week", "next week"},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := shortDate(tc.in); got != tc.short {
				t.Errorf("shortDate(%q) = %q, want %q", tc.in, got, tc.short)
			}
		})
	}
	if got := longDate(time.Date(2026, 12, 7, 23, 59, 0, 0, time.UTC)); got != "7 December 2026" {
		t.Errorf("longDate = %q", got)
	}
	if got := longDate(time.Time{}); got != "" {
		t.Errorf("longDate of no time = %q, want none", got)
	}
}
