package main

import (
	"strings"
	"unicode"
)

// printable makes untrusted text (keywords, crawled URLs and titles) safe
// for a terminal: control characters, which could move the cursor, break
// a table's columns or a summary's lines, become spaces, and so do the
// Unicode line and paragraph separators.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}
