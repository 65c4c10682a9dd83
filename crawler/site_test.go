package crawler

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// testSite is a small site with the cases a crawler must get right: a
// robots.txt disallowed path linked from the home page, an orphan only in
// the sitemap, a broken link, a redirect, a redirect loop, a PDF, an
// external link and a tracking-parameter duplicate.
type testSite struct {
	mu       sync.Mutex
	requests map[string]int // path?query → times requested
	srv      *httptest.Server
}

func newTestSite(t testing.TB) *testSite {
	t.Helper()
	s := &testSite{requests: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *testSite) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[path]
}

func page(title string, links ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><html lang=en><head><title>%s</title></head><body><h1>%s</h1><p>Some words about %s.</p>", title, title, title)
	for _, l := range links {
		fmt.Fprintf(&b, `<a href="%s">link to %s</a> `, l, l)
	}
	b.WriteString("</body></html>")
	return b.String()
}

func (s *testSite) serve(w http.ResponseWriter, r *http.Request) {
	key := r.URL.RequestURI()
	s.mu.Lock()
	s.requests[key]++
	s.mu.Unlock()
	origin := "http://" + r.Host
	html := func(body string) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	}
	switch r.URL.Path {
	case "/robots.txt":
		fmt.Fprintf(w, "User-agent: *\nDisallow: /private/\n\nSitemap: %s/sitemap.xml\n", origin)
	case "/sitemap.xml":
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>%[1]s/</loc></url><url><loc>%[1]s/a</loc></url><url><loc>%[1]s/orphan</loc></url>
</urlset>`, origin)
	case "/":
		html(page("Home", "/a", "/b", "/private/secret", "/old", "/missing", "/file.pdf", "/loop1", "http://127.0.0.2:9/external"))
	case "/a":
		html(page("A", "/", "/b?utm_source=newsletter", "/a#section", "/c"))
	case "/b":
		html(page("B", "/c", "/a"))
	case "/c":
		html(page("C", "/"))
	case "/orphan":
		html(page("Orphan", "/orphan-child"))
	case "/orphan-child":
		html(page("Orphan child", "/"))
	case "/old":
		http.Redirect(w, r, "/new", http.StatusMovedPermanently)
	case "/new":
		html(page("New", "/"))
	case "/loop1":
		http.Redirect(w, r, "/loop2", http.StatusFound)
	case "/loop2":
		http.Redirect(w, r, "/loop1", http.StatusFound)
	case "/file.pdf":
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.4 not really"))
	default:
		http.NotFound(w, r)
	}
}
