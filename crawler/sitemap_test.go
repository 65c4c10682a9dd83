package crawler

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestParseSitemapFiles(t *testing.T) {
	pages := []string{
		"https://www.example.com/",
		"https://www.example.com/pricing",
		"https://www.example.com/blog/how-to-reduce-churn?ref=a&b=c",
		"https://www.example.com/guides/onboarding",
	}
	tests := []struct {
		file         string
		wantURLs     []string
		wantChildren []string
		wantErr      string // substring; "" for no error
	}{
		{file: "urlset.xml", wantURLs: pages},
		{file: "urlset.xml.gz", wantURLs: pages},
		{file: "index.xml", wantChildren: []string{
			"https://www.example.com/sitemap-pages.xml",
			"https://www.example.com/sitemap-blog.xml.gz",
		}},
		{file: "no-namespace.xml", wantURLs: []string{"http://example.org/a", "http://example.org/b"}},
		{file: "prefixed.xml", wantURLs: []string{"https://example.net/prefixed"}},
		{file: "latin1.xml", wantURLs: []string{"https://example.fr/café"}},
		{file: "text.txt", wantURLs: []string{
			"https://www.example.com/",
			"https://www.example.com/features",
			"https://www.example.com/integrations",
			"HTTP://WWW.EXAMPLE.COM/CAPS",
		}},
		{file: "broken.xml", wantURLs: []string{"https://www.example.com/ok"}, wantErr: "line 4: </url> closes <loc>"},
		{file: "truncated.xml", wantURLs: []string{"https://www.example.com/first"}, wantErr: "line 5: unexpected end of file inside <loc>"},
		{file: "html.html", wantErr: "root element <html> is neither <urlset> nor <sitemapindex>"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", "sitemap", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sm, err := ParseSitemap(f)
			checkSitemapErr(t, err, tt.wantErr)
			if !slices.Equal(sm.URLs, tt.wantURLs) {
				t.Errorf("URLs = %q\nwant %q", sm.URLs, tt.wantURLs)
			}
			if !slices.Equal(sm.Children, tt.wantChildren) {
				t.Errorf("Children = %q\nwant %q", sm.Children, tt.wantChildren)
			}
		})
	}
}

func checkSitemapErr(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Fatalf("unexpected error: %v", err)
	case want != "" && err == nil:
		t.Fatalf("no error, want one containing %q", want)
	case want != "" && !strings.Contains(err.Error(), want):
		t.Fatalf("error %q does not contain %q", err, want)
	}
}

func TestParseSitemapInline(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		wantURLs []string
		wantErr  string
	}{
		{"empty input", "", nil, ""},
		{"only white space", " \n\t\n", nil, ""},
		{"byte-order mark", "\xEF\xBB\xBF<urlset><url><loc>http://a.example/</loc></url></urlset>", []string{"http://a.example/"}, ""},
		{"upper-case element names", "<URLSET><URL><LOC>http://a.example/x</LOC></URL></URLSET>", []string{"http://a.example/x"}, ""},
		{"loc outside url ignored", "<urlset><loc>http://a.example/stray</loc><url><loc>http://a.example/y</loc></url></urlset>", []string{"http://a.example/y"}, ""},
		{"entity in loc", "<urlset><url><loc>http://a.example/?a=1&amp;b=2</loc></url></urlset>", []string{"http://a.example/?a=1&b=2"}, ""},
		{"undefined entity", "<urlset><url><loc>http://a.example/&nbsp;</loc></url></urlset>", nil, "line 1"},
		{"binary junk", "\x00\x01\x02\xff\xfe garbage", nil, "neither xml nor a list of http(s) urls"},
		{"text with crlf", "http://a.example/1\r\nhttp://a.example/2\r\n", []string{"http://a.example/1", "http://a.example/2"}, ""},
		{"text long line skipped", "http://a.example/" + strings.Repeat("x", 3000) + "\nhttp://a.example/ok", []string{"http://a.example/ok"}, ""},
		{"deep nesting", "<urlset>" + strings.Repeat("<a>", 100), nil, "nested more than 64 deep"},
		{"bad gzip", "\x1f\x8b\x00\x00", nil, "gzip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sm, err := ParseSitemap(strings.NewReader(tt.in))
			checkSitemapErr(t, err, tt.wantErr)
			if !slices.Equal(sm.URLs, tt.wantURLs) {
				t.Errorf("URLs = %q\nwant %q", sm.URLs, tt.wantURLs)
			}
		})
	}
}

// TestParseSitemapURLLimit checks the protocol's 50,000-URL limit itself:
// one more URL stops the parse with ErrSitemapLimit and keeps the first 50,000.
func TestParseSitemapURLLimit(t *testing.T) {
	for _, format := range []string{"xml", "text"} {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			if format == "xml" {
				b.WriteString("<urlset>")
			}
			for i := range MaxSitemapURLs + 1 {
				if format == "xml" {
					fmt.Fprintf(&b, "<url><loc>http://a.example/%d</loc></url>\n", i)
				} else {
					fmt.Fprintf(&b, "http://a.example/%d\n", i)
				}
			}
			if format == "xml" {
				b.WriteString("</urlset>")
			}
			sm, err := ParseSitemap(&b)
			if !errors.Is(err, ErrSitemapLimit) {
				t.Fatalf("err = %v, want ErrSitemapLimit", err)
			}
			if len(sm.URLs) != MaxSitemapURLs || sm.URLs[MaxSitemapURLs-1] != fmt.Sprintf("http://a.example/%d", MaxSitemapURLs-1) {
				t.Fatalf("kept %d URLs, want the first %d", len(sm.URLs), MaxSitemapURLs)
			}
		})
	}
}

// TestParseSitemapByteLimit checks that the size limit applies to the
// uncompressed bytes, so a small gzip bomb is cut off. A 1 KB limit stands in
// for the 50 MB one.
func TestParseSitemapByteLimit(t *testing.T) {
	const limit = 1024
	var doc bytes.Buffer
	doc.WriteString("<urlset>")
	for i := 0; doc.Len() < 4*limit; i++ {
		fmt.Fprintf(&doc, "<url><loc>http://a.example/%d</loc></url>", i)
	}
	doc.WriteString("</urlset>")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	if _, err := zw.Write(doc.Bytes()); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string][]byte{"plain": doc.Bytes(), "gzip": gz.Bytes()} {
		t.Run(name, func(t *testing.T) {
			sm, err := parseSitemap(bytes.NewReader(in), MaxSitemapURLs, limit)
			if !errors.Is(err, ErrSitemapLimit) {
				t.Fatalf("err = %v, want ErrSitemapLimit", err)
			}
			if !strings.Contains(err.Error(), "larger than 1024 bytes") {
				t.Errorf("error %q does not say what limit was hit", err)
			}
			if len(sm.URLs) == 0 || sm.URLs[0] != "http://a.example/0" {
				t.Errorf("URLs read before the limit were dropped: %q", sm.URLs)
			}
		})
	}
	t.Run("exactly at limit", func(t *testing.T) {
		in := "<urlset>" + strings.Repeat(" ", limit-len("<urlset></urlset>")) + "</urlset>"
		if _, err := parseSitemap(strings.NewReader(in), MaxSitemapURLs, limit); err != nil {
			t.Fatalf("a sitemap of exactly the limit failed: %v", err)
		}
	})
}

// FuzzParseSitemap checks that no input panics or hangs the parser and that
// every URL it returns is trimmed and non-empty.
func FuzzParseSitemap(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "sitemap", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		sm, _ := parseSitemap(bytes.NewReader(in), 100, 1<<16)
		for _, u := range slices.Concat(sm.URLs, sm.Children) {
			if u == "" || u != strings.TrimSpace(u) {
				t.Fatalf("bad loc %q", u)
			}
		}
		if len(sm.URLs) > 100 || len(sm.Children) > 100 {
			t.Fatalf("limit not kept: %d urls, %d children", len(sm.URLs), len(sm.Children))
		}
	})
}
