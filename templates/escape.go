package templates

import (
	"net/url"
	"strings"

	"github.com/seoplan/seoplan/internal/urlnorm"
)

// mdSpecial are the characters that could turn text into Markdown structure:
// links and images ([ ] ( ) !), HTML (< > &), code spans (`), emphasis and
// strikethrough (* _ ~), table cells (|), headings (#) and escapes (\).
const mdSpecial = "\\`*_{}[]()<>#!|~&"

// Escape makes untrusted text (a page title, a URL, a phrase) safe to put
// anywhere in GitHub-flavoured Markdown inline content, table cells
// included: every special character is backslash-escaped and line breaks
// become spaces, so the text renders as itself and never as a link, an HTML
// tag, a code span or a new table cell. Bare URLs are broken up so GFM's
// autolinker does not turn them into links either.
func Escape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\r' || c == '\n' || c == '\t':
			b.WriteByte(' ')
		case strings.IndexByte(mdSpecial, c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '@' || (c == ':' && schemeBefore(s[:i])) || (c == '.' && i >= 3 && strings.EqualFold(s[i-3:i], "www")):
			// "https:", "www." and "a@b.c" are what GFM's autolinker
			// looks for; an escaped ':', '.' or '@' keeps it from matching.
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// schemeBefore reports whether s ends in a scheme GFM autolinks.
func schemeBefore(s string) bool {
	for _, p := range []string{"http", "https", "ftp"} {
		if len(s) >= len(p) && strings.EqualFold(s[len(s)-len(p):], p) {
			return true
		}
	}
	return false
}

// Mermaid makes untrusted text safe inside a double-quoted mermaid label:
// characters mermaid gives meaning to become look-alikes or spaces, and the
// result is at most max runes (0 for no limit).
func Mermaid(s string, max int) string {
	r := strings.NewReplacer(
		`"`, "'", "<", "‹", ">", "›", "[", "⟦", "]", "⟧", "(", "❨", ")", "❩",
		"|", "¦", "`", "'", "#", "№", ";", ",", "{", "❴", "}", "❵", "&", "+",
		"\r", " ", "\n", " ", "\t", " ",
	)
	out := strings.TrimSpace(r.Replace(s))
	if max > 0 {
		if rs := []rune(out); len(rs) > max {
			out = string(rs[:max-1]) + "…"
		}
	}
	return out
}

// sitePath shows a page URL by its path when it is on the plan's site, so
// tables stay narrow; other URLs stay whole.
func sitePath(site, u string) string {
	pu, err := url.Parse(u)
	if err != nil || pu.Host == "" {
		return u
	}
	if !urlnorm.SameSite(site, u) {
		return u
	}
	p := pu.EscapedPath()
	if p == "" {
		p = "/"
	}
	if pu.RawQuery != "" {
		p += "?" + pu.RawQuery
	}
	return p
}
