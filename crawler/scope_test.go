package crawler

import (
	"net/url"
	"testing"
)

func TestDateKey(t *testing.T) {
	tests := []struct {
		path string
		want string // "" for no date
	}{
		{"/events/2024/05/", "h/events/{date}//"},
		{"/events/2024/5/", "h/events/{date}//"},
		{"/events/2024/05/17/", "h/events/{date}///"},
		{"/archive/2024-05/", "h/archive/{date}/"},
		{"/archive/2024-05-17", "h/archive/{date}"},
		{"/blog/2024/05/17/a-post", "h/blog/{date}///a-post"},
		{"/products/2500", ""},          // a number, not a date
		{"/products/2500/ab", ""},       // no month after it
		{"/p/2024/13/", ""},             // no 13th month
		{"/2024-annual-report", ""},     // a slug
		{"/1234-5-tips", ""},            // a slug
		{"/archive/2024-05-hiking", ""}, // a slug
		{"/about", ""},
	}
	for _, tt := range tests {
		got, ok := dateKey(&url.URL{Host: "h", Path: tt.path})
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("dateKey(%q) = %q, %v; want %q", tt.path, got, ok, tt.want)
		}
	}
}
