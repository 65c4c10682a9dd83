package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// benchSite serves n generated pages, each linking 30 others and carrying
// about 5 KB of text, so the benchmark exercises fetch, extraction and the
// store together.
func benchSite(n int) http.Handler {
	para := strings.Repeat("Teams use the product to answer customers faster and measure what matters. ", 8)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/p/"))
		if r.URL.Path == "/" {
			i, err = 0, nil
		}
		if err != nil || i < 0 || i >= n {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		var b strings.Builder
		fmt.Fprintf(&b, `<!doctype html><html lang="en"><head><title>Page %d</title><meta name="description" content="Page %d"></head><body><nav><a href="/">Home</a></nav><main><h1>Page %d</h1>`, i, i, i)
		for s := range 4 {
			fmt.Fprintf(&b, "<h2>Section %d</h2><p>%s</p>", s, para)
		}
		for k := 1; k <= 30; k++ {
			fmt.Fprintf(&b, `<a href="/p/%d">related page %d</a> `, (i*7+k*13)%n, k)
		}
		b.WriteString("</main><footer>© Example</footer></body></html>")
		w.Write([]byte(b.String()))
	})
}

// BenchmarkCrawl crawls a 500-page site on loopback; pages/s is the
// engine's whole rate (fetch, extract, store) on this machine.
func BenchmarkCrawl(b *testing.B) {
	const n = 500
	srv := httptest.NewServer(benchSite(n))
	defer srv.Close()
	b.ReportAllocs()
	pages := 0
	for range b.N {
		db := openDB(b)
		c, err := New(srv.URL+"/", WithConcurrency(8))
		if err != nil {
			b.Fatal(err)
		}
		st, err := c.Run(context.Background(), db, false)
		if err != nil {
			b.Fatal(err)
		}
		if st.Pages != n+1 { // "/" and /p/0 … /p/499
			b.Fatalf("crawled %d pages, want %d", st.Pages, n+1)
		}
		pages += st.Pages
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}
