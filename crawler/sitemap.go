package crawler

import (
	"errors"
	"io"
)

// Sitemap is one parsed sitemap file: a urlset's page URLs, or a sitemap
// index's child sitemap URLs.
type Sitemap struct {
	URLs     []string // <urlset><url><loc>
	Children []string // <sitemapindex><sitemap><loc>
}

// ParseSitemap reads a sitemap or sitemap index, plain or gzip-compressed
// (detected by its magic bytes).
func ParseSitemap(r io.Reader) (Sitemap, error) {
	return Sitemap{}, errors.New("sitemap: not built yet")
}
