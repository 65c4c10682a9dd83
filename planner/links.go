package planner

import (
	"strings"

	"github.com/seoplan/seoplan"
)

// Links holds the internal links of a crawl's pages compactly: each
// distinct URL once, and each page's links, in the order the page makes
// them, as numbers into those URLs. A link costs 4 bytes, where a
// seoplan.Link costs 56 besides its URL; a page of the crawl benchmark's
// 100,000-page site makes about 55. The planner reads only internal links,
// and of them only where they lead. A Slimmer moves the links of the pages
// it slims into its Links; Input.Links hands them to Plan.
type Links struct {
	ids   map[string]int32   // URL → its number
	urls  []string           // by number
	pages map[string][]int32 // page URL → the numbers of its internal links
}

// NewLinks returns a Links that holds no page.
func NewLinks() *Links {
	return &Links{ids: map[string]int32{}, pages: map[string][]int32{}}
}

// add records the internal links of p under its URL, unless the URL has
// links recorded already, and reports whether it did.
func (l *Links) add(p *seoplan.Page) bool {
	if _, ok := l.pages[p.URL]; ok {
		return false
	}
	var out []int32
	for _, k := range p.Links {
		if k.Internal {
			out = append(out, l.id(k.URL))
		}
	}
	if len(out) == 0 {
		return false
	}
	l.pages[p.URL] = out
	return true
}

// id returns the number of URL u, giving it the next one if it has none.
func (l *Links) id(u string) int32 {
	id, ok := l.ids[u]
	if !ok {
		u = strings.Clone(u) // not a buffer the page's other text shares
		id = int32(len(l.urls))
		l.ids[u] = id
		l.urls = append(l.urls, u)
	}
	return id
}

// of returns the numbers of the internal links of the page at pageURL.
func (l *Links) of(pageURL string) []int32 { return l.pages[pageURL] }

// url returns the URL numbered id.
func (l *Links) url(id int32) string { return l.urls[id] }
