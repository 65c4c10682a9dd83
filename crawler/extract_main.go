package crawler

import (
	"bytes"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

// decodeHTML returns raw converted to UTF-8. The encoding is the first of:
// a byte-order mark, the Content-Type charset, a <meta charset> or
// http-equiv in the first 1,024 bytes, and otherwise UTF-8 if the start is
// valid UTF-8, else windows-1252 (what browsers assume for the western web).
// Only a BOM or a Content-Type charset is trusted over bytes that are valid
// UTF-8 throughout.
func decodeHTML(raw []byte, contentType string) []byte {
	enc, name, certain := charset.DetermineEncoding(raw, contentType)
	if enc == nil || enc == encoding.Nop || name == "utf-8" {
		// Invalid bytes in a UTF-8 page become U+FFFD, as in a browser,
		// so that no invalid UTF-8 reaches the database or a report.
		// ToValidUTF8 always copies; a valid page, the usual case, is
		// kept as it is.
		if utf8.Valid(raw) {
			return raw
		}
		return bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	}
	// DetermineEncoding looks at the first 1,024 bytes only, and guesses
	// windows-1252 when they are plain ASCII. A guess, or a <meta> that
	// contradicts the bytes, loses to a whole document that is valid UTF-8:
	// text in another encoding is almost never valid UTF-8 by chance.
	if !certain && utf8.Valid(raw) {
		return raw
	}
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		// Decoders replace bad bytes rather than fail; keep the raw bytes
		// if one ever does, since a garbled page beats a lost one.
		return raw
	}
	return out
}

// noDate stands in for trafilatura's publish-date search, which Extract does
// not report and which costs more than the rest of its metadata pass.
var noDate = &htmldate.Result{}

// Bounds on main-text extraction, so that a hostile page costs little
// more memory than a normal one.
const (
	// cheapTextBytes is the page text above which trafilatura is not run:
	// it copies the text several times over (as runes, for language
	// detection, and per DOM node), about 190 MB of heap for a 10 MiB
	// page. Above it, the page's text without boilerplate elements
	// (cleanTextMax) is its main text.
	cheapTextBytes = 1 << 20
	// maxMainText bounds the main text kept for a page; WordCount still
	// counts the whole. 256 KiB is some 40,000 words, far past what
	// classifying a page needs.
	maxMainText = 256 << 10
)

// mainText returns the page's main content as plain text, with navigation,
// header, footer, sidebars and comments removed, or "" when there is none.
// A page with exactly one main landmark (<main> or role="main") gets that
// landmark's text (landmarkText in extract_landmark.go): the author's own
// statement of the main content, read in one walk instead of trafilatura's
// ~2.7 ms. A page with more than cheapTextBytes of text (textBytes) gets
// cleanTextMax of the whole page, which keeps only maxMainText of it as it
// goes. Every other page goes to trafilatura.
// Neither changes root: trafilatura clones the tree before cleaning it.
// words is the whole text's countWords; text is cut to maxMainText.
func mainText(root *html.Node, page *url.URL, textBytes int) (text string, words int) {
	switch t, w, ok := landmarkText(root); {
	case ok:
		text, words = t, w
	case textBytes > cheapTextBytes:
		return cleanTextMax(root, maxMainText)
	default:
		text = trafilaturaText(root, page)
		words = countWords(text)
	}
	return clipText(text, maxMainText), words
}

// clipText cuts s to at most n bytes, at a rune boundary.
func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// trafilaturaText is mainText's general extractor, for pages without one
// clear main landmark.
//
// The options are the fastest that still strip boilerplate well on the
// test pages (see BenchmarkExtract): no fallback extractors (readability and
// dom-distiller would each parse the page again), no comments, no
// deduplication (it needs state across pages to be of use) and no date search.
func trafilaturaText(root *html.Node, page *url.URL) string {
	res, err := trafilatura.ExtractDocument(root, trafilatura.Options{
		OriginalURL:      page,
		EnableFallback:   false,
		ExcludeComments:  true,
		Deduplicate:      false,
		HtmlDateOverride: noDate,
		Focus:            trafilatura.Balanced,
	})
	if err != nil || res == nil {
		// trafilatura reports "nothing long enough" as an error; for a thin
		// page that is an empty main text, not a failed extraction.
		return ""
	}
	return strings.TrimSpace(res.ContentText)
}
