package crawler

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/internal/golden"
	"github.com/seoplan/seoplan/internal/urlnorm"
)

func extractTestURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestExtractGolden extracts every page in testdata/extract and compares
// the Page, as JSON, with its .golden file. Refresh with
//
//	SEOPLAN_UPDATE_GOLDEN=1 go test ./crawler -run TestExtractGolden
func TestExtractGolden(t *testing.T) {
	tests := []struct {
		file        string
		base        string
		contentType string
	}{
		{"article.html", "https://www.onboardly.example/blog/onboarding-checklist", "text/html; charset=utf-8"},
		{"product.html", "https://shop.example.de/schuhe/alpina-gtx", "text/html"},
		{"breadcrumb-class.html", "http://pleinair.example/guides/tente", "text/html"},
		{"hostile.html", "https://evil.example/x/y", "text/html"},
		{"latin1.html", "http://cafe.example/creme", "text/html"},
		{"undeclared-1252.html", "http://cafe.example/creme", "text/html"},
		{"sjis.html", "https://yamadougu.example/guide", "text/html; charset=Shift_JIS"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", "extract", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			p, err := Extract(extractTestURL(t, tt.base), tt.contentType, bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(seoplan.Page{Content: p}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden.Check(t, filepath.Join("testdata", "extract", strings.TrimSuffix(tt.file, ".html")+".golden"), got)
		})
	}
}

// extractString runs Extract on an inline page fetched from
// https://www.example.com/dir/page.
func extractString(t *testing.T, page string) seoplan.Content {
	t.Helper()
	p, err := Extract(extractTestURL(t, "https://www.example.com/dir/page"), "text/html", strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExtractFields(t *testing.T) {
	tests := []struct {
		name  string
		html  string
		check func(p seoplan.Content) (got, want any)
	}{
		{"title collapsed", "<title>\n A   title\t</title>",
			func(p seoplan.Content) (any, any) { return p.Title, "A title" }},
		{"first title wins", "<title>one</title><title>two</title>",
			func(p seoplan.Content) (any, any) { return p.Title, "one" }},
		{"script in title is text", "<title><script>x()</script></title>",
			func(p seoplan.Content) (any, any) { return p.Title, "<script>x()</script>" }},
		{"svg title ignored", "<body><svg><title>icon</title></svg></body>",
			func(p seoplan.Content) (any, any) { return p.Title, "" }},
		{"meta description", `<meta name="description" content=" Short  summary ">`,
			func(p seoplan.Content) (any, any) { return p.MetaDescription, "Short summary" }},
		{"robots noindex", `<meta name="robots" content="NoIndex, follow">`,
			func(p seoplan.Content) (any, any) {
				return [3]any{p.MetaRobots, p.Noindex, p.Nofollow}, [3]any{"noindex, follow", true, false}
			}},
		{"robots none", `<meta name="robots" content="none">`,
			func(p seoplan.Content) (any, any) { return [2]bool{p.Noindex, p.Nofollow}, [2]bool{true, true} }},
		{"robots merged", `<meta name="robots" content="noindex"><meta name="robots" content="nofollow">`,
			func(p seoplan.Content) (any, any) {
				return [3]any{p.MetaRobots, p.Noindex, p.Nofollow}, [3]any{"noindex, nofollow", true, true}
			}},
		{"googlebot tag applies", `<meta name="googlebot" content="noindex">`,
			func(p seoplan.Content) (any, any) {
				return [2]any{p.MetaRobots, p.Noindex}, [2]any{"googlebot: noindex", true}
			}},
		{"other bots ignored", `<meta name="bingbot" content="noindex"><meta name="robots" content="bingbot: nofollow">`,
			func(p seoplan.Content) (any, any) { return [2]bool{p.Noindex, p.Nofollow}, [2]bool{false, false} }},
		{"max-image-preview is not nofollow", `<meta name="robots" content="max-image-preview:none, max-snippet:-1">`,
			func(p seoplan.Content) (any, any) { return [2]bool{p.Noindex, p.Nofollow}, [2]bool{false, false} }},
		{"canonical resolved", `<link rel="canonical" href="../Other?utm_source=x#f">`,
			func(p seoplan.Content) (any, any) { return p.Canonical, "https://www.example.com/Other" }},
		{"canonical uses base href", `<base href="https://cdn.example.org/sub/"><link rel="canonical" href="c">`,
			func(p seoplan.Content) (any, any) { return p.Canonical, "https://cdn.example.org/sub/c" }},
		{"bad canonical dropped", `<link rel="canonical" href="mailto:x@example.com">`,
			func(p seoplan.Content) (any, any) { return p.Canonical, "" }},
		{"lang", `<html lang="pt-BR">`,
			func(p seoplan.Content) (any, any) { return p.Lang, "pt-BR" }},
		{"every h1", "<h1>One</h1><div><h1>Two <span>parts</span></h1></div>",
			func(p seoplan.Content) (any, any) { return p.H1, []string{"One", "Two parts"} }},
		{"outline in order", "<h3>c</h3><h2>b</h2><h6>f</h6><h2></h2>",
			func(p seoplan.Content) (any, any) {
				return p.Headings, []seoplan.Heading{{Level: 3, Text: "c"}, {Level: 2, Text: "b"}, {Level: 6, Text: "f"}}
			}},
		{"og", `<meta property="og:type" content="article"><meta property="og:site_name" content="Acme">`,
			func(p seoplan.Content) (any, any) {
				return [2]string{p.OGType, p.OGSiteName}, [2]string{"article", "Acme"}
			}},
		{"json-ld graph types", `<script type="application/ld+json">{"@graph":[{"@type":"WebPage","mainEntity":{"@type":"HowTo"}},{"@type":["Article","schema:BlogPosting"],"author":{"@type":"Person"}}]}</script>`,
			func(p seoplan.Content) (any, any) {
				return p.SchemaTypes, []string{"Article", "BlogPosting", "HowTo", "WebPage"}
			}},
		{"faq questions not types", `<script type="application/ld+json">{"@type":"FAQPage","mainEntity":[{"@type":"Question"}]}</script>`,
			func(p seoplan.Content) (any, any) { return p.SchemaTypes, []string{"FAQPage"} }},
		{"invalid json-ld skipped", `<script type="application/ld+json">{nope</script><script type="application/ld+json">{"@type":"Product"}</script>`,
			func(p seoplan.Content) (any, any) { return p.SchemaTypes, []string{"Product"} }},
		{"microdata itemtype", `<div itemscope itemtype="https://schema.org/Recipe http://schema.org/HowTo"></div><p itemscope itemtype="http://schema.org/Recipe">`,
			func(p seoplan.Content) (any, any) { return p.SchemaTypes, []string{"HowTo", "Recipe"} }},
		{"json-ld breadcrumbs by position", `<script type="application/ld+json">{"@type":"WebPage","breadcrumb":{"@type":"BreadcrumbList","itemListElement":[{"position":2,"name":"B"},{"position":1,"item":{"name":"A"}}]}}</script>`,
			func(p seoplan.Content) (any, any) { return p.Breadcrumbs, []string{"A", "B"} }},
		{"microdata breadcrumbs", `<ol itemscope itemtype="https://schema.org/BreadcrumbList"><li itemprop="itemListElement" itemscope><a itemprop="item" href="/"><span itemprop="name">Home</span></a></li><li itemprop="itemListElement" itemscope><span itemprop="name">Docs</span></li></ol>`,
			func(p seoplan.Content) (any, any) { return p.Breadcrumbs, []string{"Home", "Docs"} }},
		{"aria breadcrumbs", `<nav aria-label="Breadcrumb"><a href="/">Home</a> &gt; <a href="/x">X</a></nav>`,
			func(p seoplan.Content) (any, any) { return p.Breadcrumbs, []string{"Home", "X"} }},
		{"nested microdata item skipped", `<div itemscope itemtype="https://schema.org/Product"><div itemprop="offers" itemscope itemtype="https://schema.org/Offer"></div></div>`,
			func(p seoplan.Content) (any, any) { return p.SchemaTypes, []string{"Product"} }},
		{"no breadcrumbs", `<p>plain</p>`,
			func(p seoplan.Content) (any, any) { return len(p.Breadcrumbs), 0 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := tt.check(extractString(t, tt.html))
			if !jsonEqual(got, want) {
				t.Errorf("got %#v, want %#v", got, want)
			}
		})
	}
}

// jsonEqual compares two values by their JSON form, which treats a nil and
// an empty slice alike and needs no reflection tricks in the table above.
func jsonEqual(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

func TestExtractLinks(t *testing.T) {
	page := `<base href="/base/">
<a href="rel?b=2&amp;a=1#x">Relative
   link</a>
<a href="/abs" rel="nofollow sponsored">Abs</a>
<a href="https://example.com/bare">Bare twin</a>
<a href="https://blog.example.com/">Subdomain</a>
<a href="https://other.org/"><img alt="Other logo"></a>
<a href="#top">Top</a>
<a href="javascript:void(0)">JS</a>
<a href="mailto:a@b.c">Mail</a>
<a href="tel:123">Tel</a>
<a href="data:text/plain,x">Data</a>
<a href="http://bad host/">Bad</a>
<a>No href</a>`
	want := []seoplan.Link{
		{URL: "https://www.example.com/base/rel?a=1&b=2", Text: "Relative link", Internal: true},
		{URL: "https://www.example.com/abs", Text: "Abs", Rel: "nofollow sponsored", Internal: true},
		{URL: "https://example.com/bare", Text: "Bare twin", Internal: true},
		{URL: "https://blog.example.com/", Text: "Subdomain", Internal: false},
		{URL: "https://other.org/", Text: "Other logo", Internal: false},
	}
	got := extractString(t, page).Links
	if !slices.Equal(got, want) {
		t.Errorf("links:\n got %+v\nwant %+v", got, want)
	}
}

// TestMainTextStripsBoilerplate checks the chosen trafilatura options on the
// benchmark page: the article's text is in, the site chrome is out.
func TestMainTextStripsBoilerplate(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "extract", "article.html"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Extract(extractTestURL(t, "https://www.onboardly.example/blog/onboarding-checklist"), "text/html", bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{"How to build a customer onboarding checklist", "Step Typical drop-off"} {
		if !strings.Contains(p.MainText, in) {
			t.Errorf("main text lacks article text %q", in)
		}
	}
	for _, out := range []string{
		"Start free trial",               // header nav
		"Skip to content",                // skip link
		"Registered in England",          // footer
		"Welcome emails that work",       // related-articles sidebar
		"Great guide",                    // comments
		"Get one onboarding idea a week", // newsletter box
		"dataLayer",                      // script
	} {
		if strings.Contains(p.MainText, out) {
			t.Errorf("main text keeps boilerplate %q", out)
		}
	}
	if n := len(strings.Fields(p.MainText)); p.WordCount > n || p.WordCount < 1200 {
		t.Errorf("WordCount = %d for %d space-separated fields; want at least 1200 and no more than the fields", p.WordCount, n)
	}
}

// TestMainTextLeavesTreeAlone checks what Extract's order of work relies
// on: trafilatura cleans a clone, not the tree it is given.
func TestMainTextLeavesTreeAlone(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "extract", "article.html"))
	if err != nil {
		t.Fatal(err)
	}
	root, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var before, after bytes.Buffer
	if err := html.Render(&before, root); err != nil {
		t.Fatal(err)
	}
	if text, _ := mainText(root, extractTestURL(t, "https://www.onboardly.example/"), 0); text == "" {
		t.Fatal("no main text")
	}
	if err := html.Render(&after, root); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before.Bytes(), after.Bytes()) {
		t.Error("mainText changed the tree it was given")
	}
}

// TestExtractHostile feeds inputs built to hurt a parser. Each must finish
// and give a sane Page; the test's own timeout catches a hang.
func TestExtractHostile(t *testing.T) {
	tests := []struct {
		name  string
		html  string
		check func(t *testing.T, p seoplan.Content)
	}{
		{"deep nesting", "<title>deep</title>" + strings.Repeat("<div>", 100_000) + "<h2>lost</h2>" + strings.Repeat("</div>", 100_000),
			func(t *testing.T, p seoplan.Content) {
				if p.Title != "deep" {
					t.Errorf("title %q", p.Title)
				}
			}},
		{"deep inline nesting", strings.Repeat("<b><i>", 20_000) + "x",
			func(t *testing.T, p seoplan.Content) {}},
		{"enormous attribute", `<a href="/` + strings.Repeat("a", 4<<20) + `" title="` + strings.Repeat("\"", 1<<20) + `">big</a><h1>ok</h1>`,
			func(t *testing.T, p seoplan.Content) {
				if len(p.H1) != 1 || p.H1[0] != "ok" {
					t.Errorf("H1 %q", p.H1)
				}
			}},
		{"many links", strings.Repeat(`<a href="/x?i=1">x</a>`, 50_000),
			func(t *testing.T, p seoplan.Content) {
				if len(p.Links) != 50_000 {
					t.Errorf("%d links", len(p.Links))
				}
			}},
		{"binary junk", string(bytes.Repeat([]byte{0, 0xff, 0xfe, '<', 0x80, '>', '&'}, 50_000)),
			func(t *testing.T, p seoplan.Content) {
				if !utf8.ValidString(p.MainText) || !utf8.ValidString(p.Title) {
					t.Error("invalid UTF-8 in output")
				}
			}},
		{"deep json-ld", `<script type="application/ld+json">` + strings.Repeat(`{"@graph":[`, 5000) + strings.Repeat(`]}`, 5000) + `</script>`,
			func(t *testing.T, p seoplan.Content) {}},
		{"unclosed everything", "<html><head><title>t<body><table><tr><td><a href=/a>a<h2>h",
			func(t *testing.T, p seoplan.Content) {}},
		{"empty", "",
			func(t *testing.T, p seoplan.Content) {
				if p.Title != "" || p.MainText != "" || p.WordCount != 0 {
					t.Errorf("non-empty page from nothing: %+v", p)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			p := extractString(t, tt.html)
			tt.check(t, p)
			// Not a performance assertion: a guard against quadratic blow-ups,
			// with a bound a hundred times what any of these needs.
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestExtractReadError(t *testing.T) {
	_, err := Extract(extractTestURL(t, "https://example.com/"), "text/html", extractErrReader{})
	if err == nil || !strings.Contains(err.Error(), "read") {
		t.Fatalf("err = %v, want a read error", err)
	}
}

func TestCountWords(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"empty", "", 0},
		{"english", "It's a two-word test, really.", 5},
		{"punctuation alone is no word", "a – b · c", 3},
		{"numbers", "49 € and 18 g", 4},
		{"japanese counts characters", "登山靴の選び方", 7},
		{"mixed", "Go言語 入門", 5},
		{"korean uses spaces", "등산화 고르는 법", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := countWords(tt.in); got != tt.want {
				t.Errorf("countWords(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

type extractErrReader struct{}

func (extractErrReader) Read([]byte) (int, error) { return 0, os.ErrDeadlineExceeded }

// FuzzExtract checks that no input panics or hangs Extract, that its text
// is valid UTF-8 and that every link it returns is already normalised.
func FuzzExtract(f *testing.F) {
	for _, p := range extractTestPages(f) {
		f.Add(p.raw, "text/html")
	}
	f.Add([]byte(`<meta charset="shift_jis"><title>\x83e\x83X\x83g</title>`), "text/html; charset=euc-jp")
	base := extractTestURL(f, "https://www.example.com/dir/page")
	f.Fuzz(func(t *testing.T, page []byte, contentType string) {
		p, err := Extract(base, contentType, bytes.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{p.Title, p.MetaDescription, p.MainText} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8: %q", s)
			}
		}
		for _, l := range p.Links {
			if n, err := urlnorm.Normalize(nil, l.URL); err != nil || n != l.URL {
				t.Fatalf("link %q not normalised: %q, %v", l.URL, n, err)
			}
		}
		if p.WordCount > utf8.RuneCountInString(p.MainText) {
			t.Fatalf("WordCount %d for %d characters", p.WordCount, utf8.RuneCountInString(p.MainText))
		}
	})
}

// TestExtractBigPageHeap holds Extract to a heap budget on a page of the
// crawler's body limit (10 MiB) with no main landmark: it must take the
// cheap extractor, keep at most maxMainText of text, and allocate at most
// 8 times the page (about 5 times today, nearly all of it the parsed tree;
// trafilatura allocated some 500 GB on this page). It counts bytes
// allocated, not time.
func TestExtractBigPageHeap(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates a 10 MiB page")
	}
	raw := bigPage(10 << 20)
	u := extractTestURL(t, "https://www.example.com/big")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p, err := extractBytes(u, "text/html; charset=utf-8", raw)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8*uint64(len(raw)) {
		t.Errorf("Extract allocated %d MB for a %d MB page, want at most 8 times the page", alloc>>20, len(raw)>>20)
	}
	if len(p.MainText) != maxMainText && len(p.MainText) != maxMainText-1 {
		t.Errorf("main text %d bytes, want it cut at %d", len(p.MainText), maxMainText)
	}
	if !strings.HasPrefix(p.MainText, "paragraph 0 of a page") || p.WordCount < 1_000_000 {
		t.Errorf("main text %.40q, %d words; want the whole page counted", p.MainText, p.WordCount)
	}
}

func TestClipText(t *testing.T) {
	for _, tt := range []struct {
		s    string
		n    int
		want string
	}{
		{"abc", 5, "abc"}, {"abc", 2, "ab"}, {"a\u00e9b", 2, "a"}, {"a\u00e9b", 3, "a\u00e9"}, {"\u30c4", 1, ""},
	} {
		if got := clipText(tt.s, tt.n); got != tt.want {
			t.Errorf("clipText(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}
