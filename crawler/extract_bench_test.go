package crawler

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// benchPage is the realistic page the Extract budget is stated for: a
// ~1,600-word article with header, nav, footer, sidebar, comments, 60+
// links and a JSON-LD @graph, about 16 KB.
const benchPage = "article.html"

func readBenchPage(b *testing.B) ([]byte, *url.URL) {
	b.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "extract", benchPage))
	if err != nil {
		b.Fatal(err)
	}
	u, err := url.Parse("https://www.onboardly.example/blog/onboarding-checklist")
	if err != nil {
		b.Fatal(err)
	}
	return raw, u
}

// BenchmarkExtract measures the whole of Extract on the realistic page.
//
//	go test ./crawler -run '^$' -bench Extract -benchmem
func BenchmarkExtract(b *testing.B) {
	raw, u := readBenchPage(b)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extract(u, "text/html; charset=utf-8", bytes.NewReader(raw)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtractSplit splits Extract's cost into our part (decode, parse,
// the metadata/link walk, JSON-LD, breadcrumbs) and trafilatura's main-text
// extraction on the already parsed tree.
func BenchmarkExtractSplit(b *testing.B) {
	raw, u := readBenchPage(b)
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := html.Parse(bytes.NewReader(decodeHTML(raw, "text/html"))); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parse+metadata", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			root, err := html.Parse(bytes.NewReader(decodeHTML(raw, "text/html")))
			if err != nil {
				b.Fatal(err)
			}
			var s pageScan
			s.walk(root)
			docBase := documentBase(u, s.baseHref)
			resolveLinks(u, docBase, s.links)
			ld := parseJSONLD(s.jsonLD)
			schemaTypes(ld.types, s.itemTypes)
			if ld.breadcrumbs == nil {
				htmlBreadcrumbs(root)
			}
		}
	})
	root, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("trafilatura", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			trafilaturaText(root, u)
		}
	})
}

// BenchmarkTrafilaturaOptions compares trafilatura configurations on the
// same parsed tree; mainText uses the fastest that still strips the page's
// nav, footer, sidebar and comments (TestMainTextStripsBoilerplate).
func BenchmarkTrafilaturaOptions(b *testing.B) {
	raw, u := readBenchPage(b)
	root, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		b.Fatal(err)
	}
	configs := []struct {
		name string
		opts trafilatura.Options
	}{
		{"library-defaults", trafilatura.Options{OriginalURL: u}},
		{"fallback", trafilatura.Options{OriginalURL: u, EnableFallback: true, ExcludeComments: true}},
		{"no-comments", trafilatura.Options{OriginalURL: u, ExcludeComments: true}},
		{"no-comments-no-date", trafilatura.Options{OriginalURL: u, ExcludeComments: true, HtmlDateOverride: noDate}},
		{"no-comments-no-date-precision", trafilatura.Options{OriginalURL: u, ExcludeComments: true, HtmlDateOverride: noDate, Focus: trafilatura.FavorPrecision}},
		{"no-comments-no-date-no-tables", trafilatura.Options{OriginalURL: u, ExcludeComments: true, HtmlDateOverride: noDate, ExcludeTables: true}},
		{"no-comments-no-date-dedup", trafilatura.Options{OriginalURL: u, ExcludeComments: true, HtmlDateOverride: noDate, Deduplicate: true}},
	}
	for _, c := range configs {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := trafilatura.ExtractDocument(root, c.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// bigPage is a hostile page: size bytes of paragraphs, with no main
// landmark, so that only the size decides which extractor reads it.
func bigPage(size int) []byte {
	var b bytes.Buffer
	b.WriteString("<html><head><title>Big</title></head><body><div class=content>")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "<p>paragraph %d of a page far longer than any article, with words repeated to fill it.</p>\n", i)
	}
	b.WriteString("</div></body></html>")
	return b.Bytes()
}

// BenchmarkExtractBigPage measures the heap Extract needs for a 10 MiB
// page, the crawler's body limit (B/op is the figure to watch):
//
//	go test ./crawler -run '^$' -bench ExtractBigPage -benchmem -benchtime 3x
func BenchmarkExtractBigPage(b *testing.B) {
	raw := bigPage(10 << 20)
	u, _ := url.Parse("https://www.example.com/big")
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := extractBytes(u, "text/html; charset=utf-8", raw); err != nil {
			b.Fatal(err)
		}
	}
}
