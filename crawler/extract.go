package crawler

import (
	"errors"
	"io"
	"net/url"

	"github.com/seoplan/seoplan"
)

// Extract parses the HTML document r, fetched from base with the given
// Content-Type header, and returns the page's extracted fields (title, meta,
// headings, main text, links, schema types …). It fills no fetch fields
// (status, timing): the crawler sets those. It is pure, so the crawler and the
// fuzz tests use it alike.
func Extract(base *url.URL, contentType string, r io.Reader) (seoplan.Page, error) {
	return seoplan.Page{}, errors.New("extract: not built yet")
}
