package crawler

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// jsonLD is what Extract takes from a page's JSON-LD blocks.
type jsonLD struct {
	types       []string // @type of the page's entities
	breadcrumbs []string // names of the first BreadcrumbList's items
}

// parseJSONLD reads every <script type="application/ld+json"> block. A block
// that is not valid JSON is skipped, as search engines skip it.
//
// Types are taken from the entities the page declares: a top-level object,
// the members of a top-level array or @graph (at any depth of arrays), and a
// WebPage's mainEntity. Types of property values (the Person an Article's
// author is, the Offer inside a Product) are left out: they say what the page
// mentions, not what it is.
func parseJSONLD(blocks []string) jsonLD {
	var out jsonLD
	for _, b := range blocks {
		var v any
		if err := json.Unmarshal([]byte(strings.TrimSpace(b)), &v); err != nil {
			continue
		}
		out.types = appendEntityTypes(out.types, v, 0)
		if out.breadcrumbs == nil {
			if list := findBreadcrumbList(v, 0); list != nil {
				out.breadcrumbs = breadcrumbNames(list)
			}
		}
	}
	return out
}

// maxJSONDepth bounds the recursion over JSON-LD values. encoding/json
// already refuses documents nested beyond 10,000; real JSON-LD nests < 10.
const maxJSONDepth = 64

func appendEntityTypes(types []string, v any, depth int) []string {
	if depth > maxJSONDepth {
		return types
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			types = appendEntityTypes(types, e, depth+1)
		}
	case map[string]any:
		names := typeNames(v["@type"])
		types = append(types, names...)
		if g, ok := v["@graph"]; ok {
			types = appendEntityTypes(types, g, depth+1)
		}
		if m, ok := v["mainEntity"]; ok && slices.ContainsFunc(names, isWebPageType) {
			types = appendEntityTypes(types, m, depth+1)
		}
	}
	return types
}

// isWebPageType reports whether a page's mainEntity says what the page is
// about: true for WebPage and its kinds (ItemPage, AboutPage …), false for
// FAQPage and QAPage, whose mainEntity is just their list of Questions.
func isWebPageType(t string) bool {
	return strings.HasSuffix(t, "Page") && t != "FAQPage" && t != "QAPage"
}

// typeNames returns the names in an @type value, a string or an array of them.
func typeNames(v any) []string {
	switch v := v.(type) {
	case string:
		if n := typeName(v); n != "" {
			return []string{n}
		}
	case []any:
		var names []string
		for _, e := range v {
			if s, ok := e.(string); ok {
				if n := typeName(s); n != "" {
					names = append(names, n)
				}
			}
		}
		return names
	}
	return nil
}

// typeName reduces "https://schema.org/HowTo", "schema:HowTo" and "HowTo"
// alike to "HowTo".
func typeName(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, "/#")
	if i := strings.LastIndexAny(s, "/#:"); i >= 0 {
		s = s[i+1:]
	}
	if len(s) > 100 { // no schema.org type is this long; hostile input is
		return ""
	}
	return s
}

// schemaTypes merges JSON-LD types and microdata itemtypes, deduplicated and
// sorted so that the same page always gives the same list.
func schemaTypes(ld, itemTypes []string) []string {
	all := slices.Clone(ld)
	for _, it := range itemTypes {
		if n := typeName(it); n != "" {
			all = append(all, n)
		}
	}
	if len(all) == 0 {
		return nil
	}
	slices.Sort(all)
	return slices.Compact(all)
}

// findBreadcrumbList returns the first object whose @type is BreadcrumbList,
// searching the whole value: it is often nested as a WebPage's breadcrumb.
func findBreadcrumbList(v any, depth int) map[string]any {
	if depth > maxJSONDepth {
		return nil
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if m := findBreadcrumbList(e, depth+1); m != nil {
				return m
			}
		}
	case map[string]any:
		if slices.Contains(typeNames(v["@type"]), "BreadcrumbList") {
			return v
		}
		for _, e := range v {
			if m := findBreadcrumbList(e, depth+1); m != nil {
				return m
			}
		}
	}
	return nil
}

// breadcrumbNames lists a BreadcrumbList's item names in position order.
// A ListItem names its crumb directly or through its item.
func breadcrumbNames(list map[string]any) []string {
	items, _ := list["itemListElement"].([]any)
	type crumb struct {
		pos  float64
		name string
	}
	var crumbs []crumb
	for i, it := range items {
		m, ok := it.(map[string]any)
		if !ok {
			continue
		}
		name, _ := m["name"].(string)
		if name == "" {
			if item, ok := m["item"].(map[string]any); ok {
				name, _ = item["name"].(string)
			}
		}
		if name = collapseSpace(name); name == "" {
			continue
		}
		pos, ok := m["position"].(float64)
		if !ok {
			pos = float64(i + 1)
		}
		crumbs = append(crumbs, crumb{pos, name})
	}
	slices.SortStableFunc(crumbs, func(a, b crumb) int { return cmp.Compare(a.pos, b.pos) })
	names := make([]string, 0, len(crumbs))
	for _, c := range crumbs {
		names = append(names, c.name)
	}
	if len(names) == 0 {
		return nil
	}
	return names
}

// Selectors for breadcrumbs written in HTML, compiled once.
var (
	selMicrodataCrumbs = cascadia.MustCompile(`[itemtype$="BreadcrumbList"]`)
	selMicrodataItem   = cascadia.MustCompile(`[itemprop~="itemListElement"]`)
	selMicrodataName   = cascadia.MustCompile(`[itemprop~="name"]`)
	selBreadcrumbTrail = cascadia.MustCompile(`:not(html):not(body)[class*="breadcrumb" i], [aria-label*="breadcrumb" i], :not(html):not(body)[id*="breadcrumb" i]`)
	selCrumbItems      = cascadia.MustCompile(`li`)
	selCrumbLinks      = cascadia.MustCompile(`a`)
)

// htmlBreadcrumbs reads a breadcrumb trail from microdata, else from the
// first element whose class, id or aria-label says "breadcrumb": the text of
// its list items, or of its links when it has no list.
func htmlBreadcrumbs(root *html.Node) []string {
	doc := goquery.NewDocumentFromNode(root)
	if list := doc.FindMatcher(selMicrodataCrumbs).First(); list.Length() > 0 {
		var names []string
		list.FindMatcher(selMicrodataItem).Each(func(_ int, item *goquery.Selection) {
			name := item.FindMatcher(selMicrodataName).First()
			t, ok := name.Attr("content")
			if !ok {
				t = name.Text()
			}
			if t = collapseSpace(t); t != "" {
				names = append(names, t)
			}
		})
		if len(names) > 0 {
			return names
		}
	}
	trail := doc.FindMatcher(selBreadcrumbTrail).First()
	if trail.Length() == 0 {
		return nil
	}
	parts := trail.FindMatcher(selCrumbItems)
	if parts.Length() == 0 {
		parts = trail.FindMatcher(selCrumbLinks)
	}
	var names []string
	parts.Each(func(_ int, s *goquery.Selection) {
		t := collapseSpace(s.Text())
		t = strings.TrimSpace(strings.Trim(t, "/>›»|·"))
		if t != "" {
			names = append(names, t)
		}
	})
	return names
}
