package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"time"
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

// heapPeak samples the heap every millisecond until stop is called, which
// returns the most it saw above what it was at the start, after a
// collection: live is the live heap as the last collection marked it,
// objects the heap's objects live or not yet swept.
func heapPeak() (stop func() (live, objects uint64)) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := []uint64{sample[0].Value.Uint64(), sample[1].Value.Uint64()}
	peak := make([]uint64, 2)
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			for i := range peak {
				peak[i] = max(peak[i], sample[i].Value.Uint64())
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() (uint64, uint64) {
		close(done)
		<-finished
		return peak[0] - min(peak[0], base[0]), peak[1] - min(peak[1], base[1])
	}
}

// BenchmarkCrawlBigPages crawls a site of hostile pages, 10 MiB of text
// each (the body limit) with no main landmark, at 8 workers, and reports
// the most heap the crawl adds: live-MB, the live heap as collections
// mark it, and heap-MB, live and garbage, which the collector's pacing
// (GOGC) sets. Neither should grow with the number of big pages:
//
//	go test ./crawler -run '^$' -bench CrawlBigPages -benchtime 1x -count 3
func BenchmarkCrawlBigPages(b *testing.B) {
	big := bigPage(10 << 20)
	for _, n := range []int{8, 16} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				if r.URL.Path != "/" {
					w.Write(big)
					return
				}
				fmt.Fprint(w, "<title>Big pages</title><main>")
				for i := range n {
					fmt.Fprintf(w, `<a href="/big/%d">big page %d</a> `, i, i)
				}
			}))
			defer srv.Close()
			var live, objects uint64
			for range b.N {
				db := openDB(b)
				c, err := New(srv.URL+"/", WithConcurrency(8))
				if err != nil {
					b.Fatal(err)
				}
				stop := heapPeak()
				st, err := c.Run(context.Background(), db, false)
				l, o := stop()
				live, objects = max(live, l), max(objects, o)
				if err != nil {
					b.Fatal(err)
				}
				if st.Pages != n+1 {
					b.Fatalf("crawled %d pages, want %d", st.Pages, n+1)
				}
			}
			b.ReportMetric(float64(live)/(1<<20), "live-MB")
			b.ReportMetric(float64(objects)/(1<<20), "heap-MB")
		})
	}
}
