package crawler

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// BenchmarkShellReason is the shell check alone, on a page the benchmark
// site serves: what RenderAuto adds to extraction on a site without shells.
func BenchmarkShellReason(b *testing.B) {
	srv := httptest.NewServer(benchSite(500))
	defer srv.Close()
	body := fetchBody(b, srv.URL+"/p/7")
	base, _ := url.Parse(srv.URL + "/p/7")
	x, signs, err := extractPage(base, "text/html; charset=utf-8", body)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if shellReason(&x, signs) != "" {
			b.Fatal("a bench page read as a shell")
		}
	}
}

// BenchmarkCrawlRenderMode crawls the 500-page benchmark site, which has no
// shells, with RenderNever and with RenderAuto: auto must cost nothing
// measurable there (it never starts a browser; the check reads what
// extraction found). Run with -count to interleave the two.
func BenchmarkCrawlRenderMode(b *testing.B) {
	const n = 500
	srv := httptest.NewServer(benchSite(n))
	defer srv.Close()
	browser, _ := FindBrowser("")
	for _, m := range []RenderMode{RenderNever, RenderAuto} {
		b.Run(m.String(), func(b *testing.B) {
			b.ReportAllocs()
			pages := 0
			for range b.N {
				db := openDB(b)
				opts := []Option{WithConcurrency(8), WithRender(m)}
				if browser != "" {
					opts = append(opts, WithBrowser(browser))
				}
				c, err := New(srv.URL+"/", opts...)
				if err != nil {
					b.Fatal(err)
				}
				st, err := c.Run(context.Background(), db, false)
				if err != nil {
					b.Fatal(err)
				}
				if st.Pages != n+1 || st.Rendered.Total() != 0 || st.ShellsNotRendered != 0 {
					b.Fatalf("crawled %d pages (%+v rendered, %d shells), want %d and none", st.Pages, st.Rendered, st.ShellsNotRendered, n+1)
				}
				pages += st.Pages
			}
			b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

func fetchBody(b *testing.B, u string) []byte {
	b.Helper()
	resp, err := http.Get(u)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		b.Fatal(err)
	}
	return body
}
