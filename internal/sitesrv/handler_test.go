package sitesrv

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
)

// tinySite is a hand-made site that exercises every rule of the handler,
// independent of the real sample sites.
func tinySite(t *testing.T) fstest.MapFS {
	t.Helper()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	io.WriteString(zw, `<urlset><url><loc>https://www.tiny.example/pricing</loc></url></urlset>`)
	zw.Close()
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"site.json":                 file(`{"name":"Tiny","origin":"https://www.tiny.example","kind":"b2b-saas"}`),
		"_redirects":                file("# comment\n\n/old /pricing 301\n/a /b 301\n/b /blog 302\n/away https://www.tiny.example/about 308\n"),
		"www/index.html":            file(`<a href="https://www.tiny.example/pricing">pricing</a>`),
		"www/pricing.html":          file(`<link rel="canonical" href="https://www.tiny.example/pricing">`),
		"www/blog/index.html":       file(`blog`),
		"www/blog/post.html":        file(`post`),
		"www/about.html":            file(`<meta charset="windows-1252"><p>caf` + "\xe9</p>"),
		"www/robots.txt":            file("User-agent: *\nDisallow: /internal/\nSitemap: https://www.tiny.example/sitemap.xml\n"),
		"www/sitemap.xml":           file(`<urlset><url><loc>https://www.tiny.example/</loc></url></urlset>`),
		"www/sitemap-pages.xml.gz":  {Data: gz.Bytes()},
		"www/internal/draft.html":   file(`draft`),
		"www/assets/logo.svg":       file(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`),
		"labels.tsv":                file("path\tintent\tsubtype\tstage\tcluster\n/\tother\tnavigational\tnone\t-\n"),
		"www/emptydir/.placeholder": file(""),
	}
}

func TestHandler(t *testing.T) {
	srv, err := Start(tinySite(t))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	origin := srv.URL
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	tests := []struct {
		name     string
		method   string
		path     string
		status   int
		ctype    string
		location string // for redirects
		body     string // substring the body must contain ("" = don't check)
		noBody   bool
	}{
		{name: "home", path: "/", status: 200, ctype: "text/html; charset=utf-8", body: `href="` + origin + `/pricing"`},
		{name: "pretty url from file.html", path: "/pricing", status: 200, ctype: "text/html; charset=utf-8", body: `href="` + origin + `/pricing"`},
		{name: "pretty url from dir index", path: "/blog", status: 200, body: "blog"},
		{name: "nested page", path: "/blog/post", status: 200, body: "post"},
		{name: "html suffix redirects to pretty url", path: "/pricing.html", status: 301, location: "/pricing"},
		{name: "index.html redirects to root", path: "/index.html", status: 301, location: "/"},
		{name: "dir index.html redirects to dir", path: "/blog/index.html", status: 301, location: "/blog"},
		{name: "trailing slash redirects", path: "/blog/", status: 301, location: "/blog"},
		{name: "redirect rule", path: "/old", status: 301, location: "/pricing"},
		{name: "chain first hop", path: "/a", status: 301, location: "/b"},
		{name: "chain second hop", path: "/b", status: 302, location: "/blog"},
		{name: "absolute redirect target rewritten", path: "/away", status: 308, location: origin + "/about"},
		{name: "query kept on redirect", path: "/old?utm=x", status: 301, location: "/pricing?utm=x"},
		{name: "missing page", path: "/nope", status: 404, ctype: "text/html; charset=utf-8", body: "Page not found"},
		{name: "missing nested page", path: "/blog/nope", status: 404},
		{name: "dir without index", path: "/emptydir", status: 404},
		{name: "site files are not served", path: "/site.json", status: 404},
		{name: "labels are not served", path: "/labels.tsv", status: 404},
		{name: "dot-dot cannot escape www", path: "/../site.json", status: 404},
		{name: "robots.txt rewritten", path: "/robots.txt", status: 200, ctype: "text/plain; charset=utf-8", body: "Sitemap: " + origin + "/sitemap.xml"},
		{name: "sitemap rewritten", path: "/sitemap.xml", status: 200, ctype: "application/xml", body: "<loc>" + origin + "/</loc>"},
		{name: "svg asset", path: "/assets/logo.svg", status: 200, ctype: "image/svg+xml"},
		{name: "meta charset honoured", path: "/about", status: 200, ctype: "text/html; charset=windows-1252", body: "caf\xe9"},
		{name: "disallowed page is still served", path: "/internal/draft", status: 200, body: "draft"},
		{name: "head of a page", method: http.MethodHead, path: "/pricing", status: 200, ctype: "text/html; charset=utf-8", noBody: true},
		{name: "head of a missing page", method: http.MethodHead, path: "/nope", status: 404, noBody: true},
		{name: "head of a redirect", method: http.MethodHead, path: "/old", status: 301, location: "/pricing", noBody: true},
		{name: "post not allowed", method: http.MethodPost, path: "/", status: 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := tt.method
			if method == "" {
				method = http.MethodGet
			}
			req, err := http.NewRequest(method, origin+tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.status {
				t.Errorf("status = %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.ctype != "" && resp.Header.Get("Content-Type") != tt.ctype {
				t.Errorf("Content-Type = %q, want %q", resp.Header.Get("Content-Type"), tt.ctype)
			}
			if tt.location != "" && resp.Header.Get("Location") != tt.location {
				t.Errorf("Location = %q, want %q", resp.Header.Get("Location"), tt.location)
			}
			if tt.body != "" && !strings.Contains(string(body), tt.body) {
				t.Errorf("body = %q, want it to contain %q", body, tt.body)
			}
			if tt.noBody && len(body) != 0 {
				t.Errorf("HEAD body = %q, want none", body)
			}
			if strings.Contains(string(body), "www.tiny.example") {
				t.Errorf("body still carries the site's real origin: %q", body)
			}
			if tt.method == http.MethodHead && tt.status == 200 && resp.ContentLength <= 0 {
				t.Errorf("HEAD Content-Length = %d, want the body's length", resp.ContentLength)
			}
		})
	}
}

func TestHandlerGzipSitemap(t *testing.T) {
	srv, err := Start(tinySite(t))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL + "/sitemap-pages.xml.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "application/gzip" {
		t.Errorf("Content-Type = %q, want application/gzip", ct)
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatalf("body is not gzip: %v", err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if want := "<loc>" + srv.URL + "/pricing</loc>"; !strings.Contains(string(plain), want) {
		t.Errorf("gunzipped body = %q, want it to contain %q", plain, want)
	}
}

func TestHandlerErrors(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	site := `{"name":"X","origin":"https://x.example"}`
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"no site.json", fstest.MapFS{"www/index.html": file("x")}, "site.json"},
		{"bad json", fstest.MapFS{"site.json": file("{"), "www/index.html": file("x")}, "parse site.json"},
		{"origin with path", fstest.MapFS{"site.json": file(`{"name":"X","origin":"https://x.example/a"}`), "www/index.html": file("x")}, "origin"},
		{"no www", fstest.MapFS{"site.json": file(site)}, "www"},
		{"bad redirect", fstest.MapFS{"site.json": file(site), "www/index.html": file("x"), "_redirects": file("/a /b 200\n")}, "line 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Handler(tt.fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Handler() error = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}
