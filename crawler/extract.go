package crawler

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/internal/urlnorm"
)

// maxExtractBytes bounds what Extract reads. The crawler already limits
// bodies well below this; the bound is here so Extract is safe on its own.
const maxExtractBytes = 32 << 20

// flattenDepth is the nesting beyond which flattenDeep drops start tags:
// well under html.Parse's limit of 512 open elements, since the parser
// re-opens formatting elements (<b>, <font> …) that the tokens left open.
const flattenDepth = 128

// Extract parses the HTML document r, fetched from base with the given
// Content-Type header, and returns what it finds (title, meta, headings,
// main text, links, schema types …): a Page's Content, beside the Fetch
// that the crawler fills. It is pure, so the crawler and the
// fuzz tests use it alike.
//
// The document is decoded to UTF-8 by the Content-Type charset, else its
// <meta charset>, else by detection. It is parsed once; metadata, links and
// headings come from one walk of the tree, the main text from trafilatura
// run on the same tree afterwards. Malformed markup is not an error (a
// browser would render it too); only a failure to read r is.
func Extract(base *url.URL, contentType string, r io.Reader) (seoplan.Content, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxExtractBytes))
	if err != nil {
		return seoplan.Content{}, fmt.Errorf("extract %s: read: %w", base, err)
	}
	return extractBytes(base, contentType, raw)
}

// extractBytes is Extract on a body already in memory, which the crawler
// has: it reads raw without copying it (a UTF-8 body is parsed as it is).
func extractBytes(base *url.URL, contentType string, raw []byte) (seoplan.Content, error) {
	p, _, err := extractPage(base, contentType, raw)
	return p, err
}

// extractPage is extractBytes that also returns what the walk saw of the
// page's scripts, for the crawler's shell check (render.go), which so
// costs no second look at the page.
func extractPage(base *url.URL, contentType string, raw []byte) (seoplan.Content, scriptSigns, error) {
	if len(raw) > maxExtractBytes {
		raw = raw[:maxExtractBytes]
	}
	doc := decodeHTML(raw, contentType)
	root, err := html.Parse(bytes.NewReader(doc))
	if err != nil {
		// html.Parse gives up on elements nested over 512 deep, which
		// old sites reach with unclosed <font> and <b> tags. A browser
		// renders them, so flatten the excess and parse again.
		root, err = html.Parse(bytes.NewReader(flattenDeep(doc, flattenDepth)))
	}
	if err != nil {
		return seoplan.Content{}, scriptSigns{}, fmt.Errorf("extract %s: parse: %w", base, err)
	}

	var s pageScan
	s.walk(root)

	p := seoplan.Content{
		Title:           s.title,
		MetaDescription: s.description,
		MetaRobots:      strings.Join(s.robots, ", "),
		Lang:            s.lang,
		H1:              s.h1,
		Headings:        s.headings,
		OGType:          s.ogType,
		OGSiteName:      s.ogSiteName,
	}
	// Extract is pure, so an unavailable_after date is not compared with
	// the clock here; the crawler does that with the fetch time.
	rd := readRobotsDirectives(s.robots...)
	p.Noindex, p.Nofollow = rd.noindex, rd.nofollow

	docBase := documentBase(base, s.baseHref)
	if s.canonical != "" && docBase != nil {
		p.Canonical, _ = urlnorm.Normalize(docBase, s.canonical)
	}
	p.Links = resolveLinks(base, docBase, s.links)

	ld := parseJSONLD(s.jsonLD)
	p.SchemaTypes = schemaTypes(ld.types, s.itemTypes)
	p.Breadcrumbs = ld.breadcrumbs
	if len(p.Breadcrumbs) == 0 {
		p.Breadcrumbs = htmlBreadcrumbs(root)
	}

	// Last, because trafilatura walks the whole tree several times and
	// is most of Extract's cost.
	p.MainText, p.WordCount = mainText(root, base, s.textBytes)
	return p, s.scripts, nil
}

// rawLink is an <a href> as written, before resolution.
type rawLink struct {
	href, text, rel string
}

// pageScan holds what one walk of the tree collects.
type pageScan struct {
	title, description, ogType, ogSiteName string
	lang, baseHref, canonical              string
	robots                                 []string
	h1                                     []string
	headings                               []seoplan.Heading
	links                                  []rawLink
	jsonLD                                 []string
	itemTypes                              []string
	seenTitle                              bool
	textBytes                              int // bytes of text outside <script>, <style> …
	scripts                                scriptSigns
}

// scriptSigns is what the walk notes of a page's scripts: enough to tell an
// empty shell that scripts fill from a page with its text in the HTML.
type scriptSigns struct {
	bundles    int  // <script src> elements that run (not JSON data blocks)
	emptyMount bool // an element with an id, in <body>, with nothing in it
}

// walk visits every element once, in document order. Elements in SVG or
// MathML (whose <title> and <a> are not the page's) are skipped.
func (s *pageScan) walk(n *html.Node) {
	if n.Type == html.ElementNode {
		if n.Namespace != "" {
			return
		}
		// A microdata item that is another item's property (it has an
		// itemprop) says what the page mentions, not what it is: skip it,
		// as parseJSONLD skips nested JSON-LD entities.
		if it := htmlAttr(n, "itemtype"); it != "" {
			if _, isProp := htmlAttrOK(n, "itemprop"); !isProp {
				s.itemTypes = append(s.itemTypes, strings.Fields(it)...)
			}
		}
		switch n.DataAtom {
		case atom.Html:
			if s.lang == "" {
				s.lang = strings.TrimSpace(htmlAttr(n, "lang"))
			}
		case atom.Title:
			if !s.seenTitle {
				s.seenTitle = true
				s.title = textOf(n)
			}
			return
		case atom.Meta:
			s.meta(n)
		case atom.Base:
			if s.baseHref == "" {
				s.baseHref = strings.TrimSpace(htmlAttr(n, "href"))
			}
		case atom.Link:
			if s.canonical == "" && hasRelToken(htmlAttr(n, "rel"), "canonical") {
				s.canonical = htmlAttr(n, "href")
			}
		case atom.H1:
			s.h1 = append(s.h1, textOf(n))
		case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			if t := textOf(n); t != "" {
				s.headings = append(s.headings, seoplan.Heading{Level: int(n.Data[1] - '0'), Text: t})
			}
		case atom.A:
			if href, ok := htmlAttrOK(n, "href"); ok {
				s.links = append(s.links, rawLink{href: href, text: anchorText(n), rel: strings.TrimSpace(htmlAttr(n, "rel"))})
			}
		case atom.Script:
			typ := strings.ToLower(strings.TrimSpace(htmlAttr(n, "type")))
			if typ == "application/ld+json" && n.FirstChild != nil {
				s.jsonLD = append(s.jsonLD, n.FirstChild.Data)
			}
			if _, ok := htmlAttrOK(n, "src"); ok && runsScript(typ) {
				s.scripts.bundles++
			}
			return
		case atom.Div, atom.Main, atom.Section, atom.Body:
			if !s.scripts.emptyMount && isMountPoint(n) {
				s.scripts.emptyMount = true
			}
		case atom.Style, atom.Template, atom.Noscript:
			return
		}
	}
	if n.Type == html.TextNode {
		s.textBytes += len(n.Data)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		s.walk(c)
	}
}

// runsScript reports whether a <script> of this type (lower case, trimmed)
// is code a browser runs, not a data block such as JSON.
func runsScript(typ string) bool {
	switch typ {
	case "", "module", "text/javascript", "application/javascript", "text/ecmascript":
		return true
	}
	return false
}

// isMountPoint reports whether n is where a script builds the page: an
// element of the body with an id (root, app, __next …) and nothing in it
// but white space. It looks at n's children only, so the walk stays one
// pass.
func isMountPoint(n *html.Node) bool {
	if n.DataAtom != atom.Body {
		if _, ok := htmlAttrOK(n, "id"); !ok {
			return false
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return false
			}
		case html.ElementNode:
			if c.DataAtom != atom.Script && c.DataAtom != atom.Noscript {
				return false
			}
		}
	}
	return true
}

// meta reads the <meta> elements Extract reports.
func (s *pageScan) meta(n *html.Node) {
	content := strings.TrimSpace(htmlAttr(n, "content"))
	switch strings.ToLower(strings.TrimSpace(htmlAttr(n, "name"))) {
	case "description":
		if s.description == "" {
			s.description = collapseSpace(content)
		}
	case "robots":
		if content != "" {
			s.robots = append(s.robots, strings.ToLower(collapseSpace(content)))
		}
	case "googlebot":
		// Google obeys its own tag as it does "robots"; the tags of other
		// crawlers do not change what Google sees.
		if content != "" {
			s.robots = append(s.robots, "googlebot: "+strings.ToLower(collapseSpace(content)))
		}
	}
	switch strings.ToLower(strings.TrimSpace(htmlAttr(n, "property"))) {
	case "og:type":
		if s.ogType == "" {
			s.ogType = content
		}
	case "og:site_name":
		if s.ogSiteName == "" {
			s.ogSiteName = collapseSpace(content)
		}
	}
}

// documentBase is the URL relative links resolve against: the page URL, or
// the page's <base href> resolved against it when that is a valid http(s) URL.
func documentBase(page *url.URL, baseHref string) *url.URL {
	if page == nil {
		return nil
	}
	if baseHref == "" {
		return page
	}
	u, err := page.Parse(baseHref)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return page
	}
	return u
}

// resolveLinks resolves and normalises every link. Links that lead nowhere
// a crawler can go (javascript:, mailto:, tel:, data:, a fragment of this
// page, malformed URLs) are dropped.
func resolveLinks(page, docBase *url.URL, raw []rawLink) []seoplan.Link {
	if len(raw) == 0 {
		return nil
	}
	var host string
	if page != nil {
		host = page.Host
	}
	links := make([]seoplan.Link, 0, len(raw))
	for _, l := range raw {
		href := strings.TrimSpace(l.href)
		if href == "" || href[0] == '#' {
			continue
		}
		u, err := urlnorm.Normalize(docBase, href)
		if err != nil {
			continue
		}
		links = append(links, seoplan.Link{
			URL:      u,
			Text:     l.text,
			Rel:      l.rel,
			Internal: host != "" && urlnorm.SameSite(linkHost(u), host),
		})
	}
	return links
}

// linkHost returns the host[:port] of a normalised URL, without parsing it.
func linkHost(u string) string {
	_, rest, _ := strings.Cut(u, "://")
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	return rest
}

// anchorText is a link's visible text, or for an image link the alt text of
// its images, since that is what search engines read as its anchor.
func anchorText(n *html.Node) string {
	if t := textOf(n); t != "" {
		return t
	}
	var alts []string
	var find func(*html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Img {
			if a := collapseSpace(htmlAttr(n, "alt")); a != "" {
				alts = append(alts, a)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(n)
	return strings.Join(alts, " ")
}

// textOf is the text under n with white space collapsed, leaving out
// scripts, styles and templates.
func textOf(n *html.Node) string {
	var b strings.Builder
	var text func(*html.Node)
	text = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			b.WriteByte(' ')
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Template, atom.Noscript:
				return
			case atom.Br:
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			text(c)
		}
	}
	text(n)
	return collapseSpace(b.String())
}

// countWords counts the words of s: white-space separated runs holding a
// letter or digit, except that each Han, Hiragana or Katakana character
// counts as a word of its own, since Chinese and Japanese put no spaces
// between words (the convention word processors follow).
//
// It runs once or twice on every page's main text, so it reads s in one
// pass without splitting it, and settles ASCII without the Unicode tables
// (no Han, Hiragana or Katakana character is below U+2E80).
func countWords(s string) int {
	var c wordCounter
	c.add(s)
	return c.count()
}

// wordCounter is countWords over a text given in pieces: after adding
// pieces, count is countWords of their concatenation, so a text need not
// be built to be counted (spaceWriter past its limit).
type wordCounter struct {
	n     int
	other bool // the current run has a letter or digit that is not CJK
}

func (c *wordCounter) add(s string) {
	n, other := c.n, c.other
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			switch {
			case asciiSpace[r]:
				if other {
					n++
				}
				other = false
			case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9':
				other = true
			}
		case unicode.IsSpace(r):
			if other {
				n++
			}
			other = false
		case r >= 0x2E80 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
			n++
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			other = true
		}
	}
	c.n, c.other = n, other
}

// count is the number of words added so far.
func (c *wordCounter) count() int {
	if c.other {
		return c.n + 1
	}
	return c.n
}

// asciiSpace are the ASCII characters unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// collapseSpace trims s and turns every run of white space into one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// htmlAttr returns the value of n's attribute key, or "".
func htmlAttr(n *html.Node, key string) string {
	v, _ := htmlAttrOK(n, key)
	return v
}

func htmlAttrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// hasRelToken reports whether the space-separated list s holds tok, ignoring
// ASCII case, as rel attributes are matched.
func hasRelToken(s, tok string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// flattenDeep rewrites an HTML document so that no element nests deeper
// than max: start tags past that depth are dropped with their end tags,
// keeping their text. Only used when html.Parse refuses a document.
func flattenDeep(doc []byte, max int) []byte {
	var out bytes.Buffer
	out.Grow(len(doc))
	z := html.NewTokenizer(bytes.NewReader(doc))
	depth := 0
	dropped := map[string]int{}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out.Bytes()
		case html.StartTagToken:
			name, _ := z.TagName()
			if voidElements[string(name)] {
				break
			}
			if depth >= max {
				dropped[string(name)]++
				continue
			}
			depth++
		case html.EndTagToken:
			name, _ := z.TagName()
			if dropped[string(name)] > 0 {
				dropped[string(name)]--
				continue
			}
			if depth > 0 {
				depth--
			}
		}
		out.Write(z.Raw())
	}
}

// voidElements never have content or an end tag, so they do not nest.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "param": true,
	"source": true, "track": true, "wbr": true,
}
