package crawler

import (
	"strings"
	"testing"
	"time"
)

func TestReadRobotsDirectives(t *testing.T) {
	day := func(s string) time.Time {
		t.Helper()
		d, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name              string
		lists             []string
		noindex, nofollow bool
		unavailableAfter  time.Time
	}{
		{"empty", nil, false, false, time.Time{}},
		{"noindex", []string{"noindex"}, true, false, time.Time{}},
		{"none is both", []string{"NONE"}, true, true, time.Time{}},
		{"list", []string{"noindex, nofollow"}, true, true, time.Time{}},
		{"values are not directives", []string{"max-image-preview:none"}, false, false, time.Time{}},
		{"values with spaces", []string{"max-snippet: -1, max-video-preview: 0, nosnippet"}, false, false, time.Time{}},
		{"googlebot applies", []string{"googlebot: noindex"}, true, false, time.Time{}},
		{"googlebot scope runs to the end", []string{"googlebot: noindex, nofollow"}, true, true, time.Time{}},
		{"other crawler ignored", []string{"otherbot: noindex, nofollow"}, false, false, time.Time{}},
		{"our own name ignored", []string{"seoplan: noindex"}, false, false, time.Time{}},
		{"scope switches", []string{"bingbot: noindex, googlebot: nofollow"}, false, true, time.Time{}},
		{"scope ends with the header", []string{"otherbot: noindex", "nofollow"}, false, true, time.Time{}},
		{"several headers", []string{"noindex", "googlebot: nofollow"}, true, true, time.Time{}},
		{"unavailable_after ISO 8601", []string{"unavailable_after: 2025-06-25T15:00:00+01:00"},
			false, false, day("2025-06-25T15:00:00+01:00")},
		{"unavailable_after date only", []string{"unavailable_after: 2025-06-25"}, false, false, day("2025-06-25T00:00:00Z")},
		{"unavailable_after RFC 850, comma inside", []string{"unavailable_after: Wednesday, 25-Jun-25 15:00:00 UTC, nofollow"},
			false, true, day("2025-06-25T15:00:00Z")},
		{"unavailable_after RFC 822, lower case as meta is stored", []string{"unavailable_after: 25 jun 2025 15:00:00 utc"},
			false, false, day("2025-06-25T15:00:00Z")},
		{"earliest date wins", []string{"unavailable_after: 2026-01-01", "googlebot: unavailable_after: 2025-01-01"},
			false, false, day("2025-01-01T00:00:00Z")},
		{"unreadable date ignored", []string{"unavailable_after: soon"}, false, false, time.Time{}},
		{"other crawler's date ignored", []string{"otherbot: unavailable_after: 2025-01-01"}, false, false, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := readRobotsDirectives(tt.lists...)
			if d.noindex != tt.noindex || d.nofollow != tt.nofollow || !d.unavailableAfter.Equal(tt.unavailableAfter) {
				t.Errorf("readRobotsDirectives(%q) = %+v, want noindex %v nofollow %v unavailable_after %v",
					tt.lists, d, tt.noindex, tt.nofollow, tt.unavailableAfter)
			}
		})
	}
}

func TestNoindexAt(t *testing.T) {
	d := readRobotsDirectives("unavailable_after: 2025-06-25")
	if d.noindexAt(time.Date(2025, 6, 24, 0, 0, 0, 0, time.UTC)) {
		t.Error("noindex the day before unavailable_after")
	}
	if !d.noindexAt(time.Date(2025, 6, 25, 0, 0, 0, 0, time.UTC)) {
		t.Error("still indexed once unavailable_after has come")
	}
}

// FuzzRobotsDirectives feeds X-Robots-Tag values (outside input) to the
// parser: it must not panic, a list addressed to another crawler must
// change nothing, and "noindex" added to a list Google reads must count.
func FuzzRobotsDirectives(f *testing.F) {
	for _, s := range []string{"noindex", "googlebot: noindex, nofollow", "max-image-preview:none",
		"unavailable_after: Wednesday, 25-Jun-25 15:00:00 UTC", "otherbot: none", ",,:,", "a:b:c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := readRobotsDirectives(s)
		if other := readRobotsDirectives("otherbot: " + s); other.noindex || other.nofollow || !other.unavailableAfter.IsZero() {
			// Only a crawler name inside s can hand the rest back to Google.
			if !containsCrawlerName(s) {
				t.Fatalf("%q addressed to otherbot still applies: %+v", s, other)
			}
		}
		if !readRobotsDirectives(s, "noindex").noindex {
			t.Fatalf("noindex in its own list ignored after %q", s)
		}
		_ = d.noindexAt(time.Now())
	})
}

// containsCrawlerName reports whether a part of s names a crawler before a
// colon, which readRobotsDirectives takes as a new addressee.
func containsCrawlerName(s string) bool {
	for _, p := range strings.Split(s, ",") {
		if name, _, ok := strings.Cut(p, ":"); ok && isCrawlerName(strings.ToLower(strings.TrimSpace(name))) {
			return true
		}
	}
	return false
}
