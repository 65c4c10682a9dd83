package planner

import (
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/kljensen/snowball/english"
	"github.com/seoplan/seoplan"
)

// maxPhrases is how many of a page's key phrases the planner uses: enough to
// name its topic, few enough to keep the phrase index linear in pages.
const maxPhrases = 8

// page is one HTML page with the indexes the planner needs.
type page struct {
	lp      *seoplan.LabeledPage
	url     string
	label   seoplan.Label
	phrases []seoplan.KeyPhrase // top maxPhrases by weight, weights scaled to unit length
	feats   []feature           // what the page is about, for clustering (see features)
	links   []int32             // its internal links, numbered in site.links
	// out, in and content are html indexes, int32 to take half the
	// memory: a large crawl's pages make millions of links.
	out     []int32 // html indexes this page links to (internal, deduplicated, not itself)
	in      []int32 // html indexes linking here
	content []int32 // out-links that are not site-wide template links, sorted
	// slimmed holds the opening of its text when a Slimmer slimmed the
	// page (openingCounts).
	slimmed *openings
	cluster int // index into the cluster list, -1 when outside clusters
	// related is a page outside the clusters listed with one (relate).
	related bool
	// docs is a page of the site's documentation (a /docs folder, see isDocs).
	docs bool
}

// docsTask reports whether p is a documentation page that walks a reader
// through a task in the product (install, set up, connect, migrate): the
// taxonomy calls it problem/how-to, but the reader already has the product
// in front of them. It belongs to the product area it sets up and is where
// a problem piece hands its readers over, not problem content that brings
// in readers who do not know the product.
func (p *page) docsTask() bool { return p.docs && p.label.Intent == seoplan.IntentProblem }

// problemContent reports whether p is problem content that attracts
// readers: problem intent, outside the documentation.
func (p *page) problemContent() bool { return p.label.Intent == seoplan.IntentProblem && !p.docs }

// site indexes the input: every page by URL, the HTML pages in URL order and
// the internal link graph between them.
type site struct {
	all   map[string]*seoplan.LabeledPage // by URL and requested URL, every fetched page
	html  []*page                         // HTML pages, sorted by URL
	index map[string]int                  // URL → html index
	links *Links                          // the internal links of the HTML pages
	brand string
	// brandWords are the stemmed words of the brand and the title suffix:
	// on every page, so they describe no topic and name no cluster.
	brandWords map[string]bool
	// biz is what the site sells, detected from its pages (business.go).
	biz business
	// langs is how a site of several languages was planned (language.go):
	// html holds the pages of one language only.
	langs *seoplan.Languages
}

// newSite indexes in. lang is the language to plan on a site of several
// (WithLanguage), "" for its main one; the error is for a lang the site has
// no pages in.
func newSite(in Input, lang string) (*site, error) {
	s := &site{all: make(map[string]*seoplan.LabeledPage), index: make(map[string]int)}
	for i := range in.Pages {
		lp := &in.Pages[i]
		if _, dup := s.all[lp.Page.URL]; dup {
			continue
		}
		s.all[lp.Page.URL] = lp
		if lp.Page.IsHTML() {
			s.html = append(s.html, &page{lp: lp, url: lp.Page.URL, label: lp.Label, cluster: -1})
		}
	}
	for i := range in.Pages {
		lp := &in.Pages[i]
		if r := lp.Page.RequestedURL; r != "" {
			if _, ok := s.all[r]; !ok {
				s.all[r] = lp
			}
		}
	}
	sort.Slice(s.html, func(i, j int) bool { return s.html[i].url < s.html[j].url })
	var err error
	if s.html, s.langs, err = pickLanguage(s.html, lang); err != nil {
		return nil, err
	}
	var open *openings
	if in.Slimmed != nil {
		if open = in.Slimmed.takeOpenings(); open == nil {
			return nil, errSlimmerUsed
		}
		s.links = in.Slimmed.links
	} else {
		s.links = NewLinks()
		for _, p := range s.html {
			s.links.add(&p.lp.Page)
		}
	}
	for i, p := range s.html {
		s.index[p.url] = i
		p.slimmed = open
		p.links = s.links.of(p.url)
		p.phrases = topPhrases(p.lp.KeyPhrases)
		p.docs = isDocs(pathSegments(p.url))
	}
	s.linkGraph()
	s.brand = siteBrand(in.Site, s.html)
	s.biz = detectBusiness(s.html, s.links)
	s.brandWords = brandStems(s.brand+" "+titleSuffix(s.html), s.html)
	for _, p := range s.html {
		p.feats = features(p, s.brandWords)
	}
	return s, nil
}

// brandStems are the stems of the brand's words, which say nothing of a
// page's topic, less those the site's titles also write as another word:
// "Metricly" stems to "metric", the stem of "metrics" in "The Power of
// Computed Metrics", which is a topic.
func brandStems(brand string, html []*page) map[string]bool {
	stems := make(map[string]bool)
	own := make(map[string]bool) // the brand's words as written, lower case
	for _, w := range strings.FieldsFunc(strings.ToLower(brand), notWordRune) {
		own[w] = true
		if st := stemWord(w); st != "" && !english.IsStopWord(w) {
			stems[st] = true
		}
	}
	for _, p := range html {
		for _, w := range strings.FieldsFunc(strings.ToLower(p.lp.Page.Title), notWordRune) {
			if st := stemWord(w); !own[w] && stems[st] {
				delete(stems, st)
			}
		}
	}
	return stems
}

// clustered lets go of what only clustering reads (clusterPages,
// buildClusters): each page's features and the opening of its text, a
// fifth of a large crawl's plan's heap, which the rest of the plan can
// then use.
func (s *site) clustered() {
	for _, p := range s.html {
		p.feats, p.slimmed = nil, nil
	}
}

// feature is one stemmed word of what a page is about, with its weight.
type feature struct {
	word string
	w    float64
}

// features describes a page by the stemmed words of its key phrases (the
// weightiest count most), its title and the last segment of its URL path,
// less the brand's own words, which are on every page. Words rather than
// whole phrases, so "hiking boots" and "waterproof walking boots" meet on
// "boot"; scaled to unit length, so pages compare by cosine.
func features(p *page, brand map[string]bool) []feature {
	f := make(map[string]float64)
	put := func(word string, w float64) {
		if !brand[word] && len(word) > 1 && w > f[word] {
			f[word] = w
		}
	}
	var top float64
	if len(p.phrases) > 0 {
		top = p.phrases[0].Weight
	}
	for _, ph := range p.phrases {
		for _, word := range strings.Fields(ph.Stem) {
			put(word, ph.Weight/top)
		}
	}
	for _, word := range tokens(titleTopic(p.lp.Page.Title)) {
		put(word, 0.8)
	}
	if u, err := url.Parse(p.url); err == nil {
		path := strings.Trim(u.Path, "/")
		for _, word := range tokens(path[strings.LastIndexByte(path, '/')+1:]) {
			put(word, 0.6)
		}
	}
	out := make([]feature, 0, len(f))
	for word, w := range f {
		out = append(out, feature{word, w})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].word < out[j].word })
	// Summed in word order: in map order the last bits of the norm, and so
	// of every weight, would change from run to run.
	var norm float64
	for _, ft := range out {
		norm += ft.w * ft.w
	}
	norm = sqrt(norm)
	for i := range out {
		out[i].w /= norm
	}
	return out
}

// titleTopic cuts the site name off a title: "Tent guide | Acme" → "Tent guide".
func titleTopic(t string) string {
	for _, sep := range []string{" | ", " – ", " — ", " - "} {
		if i := strings.LastIndex(t, sep); i > 0 {
			return t[:i]
		}
	}
	return t
}

// titleSuffix is the site name most titles end with, or "".
func titleSuffix(html []*page) string {
	count := make(map[string]int)
	for _, p := range html {
		t := p.lp.Page.Title
		if topic := titleTopic(t); topic != t {
			suffix := strings.TrimSpace(strings.TrimLeft(t[len(topic):], " |–—-"))
			count[suffix]++
		}
	}
	best, bestN := "", 0
	for s, n := range count {
		if n > bestN || (n == bestN && s < best) {
			best, bestN = s, n
		}
	}
	if 2*bestN < len(html) {
		return ""
	}
	return best
}

// resolve maps a link target to an HTML page index, following the redirect
// that the crawl recorded for it.
func (s *site) resolve(u string) (int, bool) {
	if i, ok := s.index[u]; ok {
		return i, true
	}
	if lp, ok := s.all[u]; ok {
		i, ok := s.index[lp.Page.URL]
		return i, ok
	}
	return 0, false
}

// linkGraph fills each page's out and in links and its links in text
// (content). It keeps per page sorted slices, not maps: on a large crawl
// a page carries dozens of links and a map of them costs a kilobyte.
func (s *site) linkGraph() {
	counts := make([][]int32, len(s.html)) // page → how many links it makes to each of its out, by position
	// Each URL is resolved once, not once for each page that links it.
	to := make([]int, len(s.links.urls))
	for id, u := range s.links.urls {
		if j, ok := s.resolve(u); ok {
			to[id] = j
		} else {
			to[id] = -1
		}
	}
	var targets []int
	for i, p := range s.html {
		targets = targets[:0]
		for _, id := range p.links {
			if j := to[id]; j >= 0 && j != i {
				targets = append(targets, j)
			}
		}
		slices.Sort(targets)
		for k, j := range targets {
			if k > 0 && targets[k-1] == j {
				counts[i][len(counts[i])-1]++
				continue
			}
			p.out = append(p.out, int32(j))
			counts[i] = append(counts[i], 1)
			s.html[j].in = append(s.html[j].in, int32(i))
		}
	}
	// count is how many links page i makes to page j.
	count := func(i, j int) int32 {
		if k, ok := slices.BinarySearch(s.html[i].out, int32(j)); ok {
			return counts[i][k]
		}
		return 0
	}
	// A target linked from four pages in five is in the site's menu or
	// footer. Those links are no writer's choice and bridge no reader, but
	// a page may link the same target again in its text: it does when it
	// links it more often than most pages do.
	threshold := len(s.html) * 4 / 5
	if threshold < 10 {
		threshold = 10
	}
	menu := make(map[int32]int32) // target → how many links to it the menu makes
	for j, q := range s.html {
		if len(q.in) < threshold {
			continue
		}
		freq := make(map[int32]int)
		for _, i := range q.in {
			freq[count(int(i), j)]++
		}
		var mode int32
		best := 0
		for c, f := range freq {
			if f > best || (f == best && c < mode) {
				mode, best = c, f
			}
		}
		menu[int32(j)] = mode
	}
	for i, p := range s.html {
		for k, j := range p.out {
			if counts[i][k] > menu[j] {
				p.content = append(p.content, j)
			}
		}
	}
}

// linksInText reports whether p links to page j other than through the
// site's menu (content).
func (p *page) linksInText(j int) bool {
	_, ok := slices.BinarySearch(p.content, int32(j))
	return ok
}

// topPhrases keeps the weightiest phrases of a page, one per stem, scaled so
// their weights have unit length (a page's phrases then compare by cosine).
func topPhrases(kp []seoplan.KeyPhrase) []seoplan.KeyPhrase {
	byStem := make(map[string]seoplan.KeyPhrase, len(kp))
	for _, k := range kp {
		if k.Stem == "" || k.Weight <= 0 {
			continue
		}
		if old, ok := byStem[k.Stem]; !ok || k.Weight > old.Weight {
			byStem[k.Stem] = k
		}
	}
	out := make([]seoplan.KeyPhrase, 0, len(byStem))
	for _, k := range byStem {
		out = append(out, k)
	}
	// A copy of the kept ones alone: the page holds them for the whole
	// plan, and most pages have more than maxPhrases stems.
	out = slices.Clone(heaviest(out, maxPhrases, func(k seoplan.KeyPhrase) (float64, string) { return k.Weight, k.Stem }))
	var norm float64
	for _, k := range out {
		norm += k.Weight * k.Weight
	}
	if norm > 0 {
		norm = sqrt(norm)
		for i := range out {
			out[i].Weight /= norm
		}
	}
	return out
}

// clusterable reports whether a page can belong to a topic: product and
// problem pages can, navigation and company pages cannot.
// The home page is left out too: it covers every topic, so it belongs to
// none; and so is news (announcements, opinion), which dates too fast to
// build a topic on.
func (p *page) clusterable() bool {
	if p.labelUnclusterable() {
		return false
	}
	return !pathIsRoot(p.url) && !servicePage(p.url)
}

// labelUnclusterable reports whether the page's label alone keeps it out
// of every cluster.
func (p *page) labelUnclusterable() bool {
	return p.label.Intent != seoplan.IntentProduct && p.label.Intent != seoplan.IntentProblem || p.label.Subtype == seoplan.SubtypeNews
}

// serviceWords name the pages every site has for its customers rather
// than for a topic: delivery and returns, the FAQ, contact, sign-in, the
// store finder, a demo booking. Such a page never forms or joins a topic,
// whatever label it got: no plan should propose "delivery and returns tips".
var serviceWords = map[string]bool{
	"delivery": true, "deliveries": true, "returns": true, "return": true, "shipping": true, "exchanges": true,
	"refunds": true, "faq": true, "faqs": true, "contact": true, "contact-us": true, "login": true, "signin": true,
	"sign": true, "in": true, "up": true, "signup": true, "register": true, "account": true, "cart": true,
	"basket": true, "checkout": true, "stores": true, "store": true, "finder": true, "locator": true, "find": true,
	"a": true, "and": true, "us": true, "demo": true, "book": true, "request": true, "careers": true, "jobs": true,
	"about": true, "press": true, "imprint": true, "privacy": true, "terms": true, "cookies": true, "legal": true,
	"help": true, "status": true, "sitemap": true, "search": true,
}

// servicePage reports whether u is a top-level page whose name is all
// service words (/delivery-returns, /faq, /stores, /book-a-demo).
func servicePage(u string) bool {
	segs := pathSegments(u)
	if len(segs) != 1 {
		return false
	}
	words := strings.FieldsFunc(segs[0], func(r rune) bool { return r == '-' || r == '_' || r == '.' })
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		if !serviceWords[w] {
			return false
		}
	}
	// "in", "up", "a", "and", "us" join service words; alone they are none.
	return !(len(words) == 1 && (words[0] == "in" || words[0] == "up" || words[0] == "a" || words[0] == "and" || words[0] == "us"))
}

// pathIsRoot reports whether u is a site's home page.
func pathIsRoot(u string) bool {
	pu, err := url.Parse(u)
	return err == nil && (pu.Path == "" || pu.Path == "/") && pu.RawQuery == ""
}

func (p *page) ref() seoplan.PageRef {
	return seoplan.PageRef{
		URL:     p.url,
		Title:   p.lp.Page.Title,
		Intent:  p.label.Intent,
		Subtype: p.label.Subtype,
		Stage:   p.label.Stage,
		Words:   p.lp.Page.WordCount,
	}
}

func (s *site) unclustered() []seoplan.PageRef {
	var out []seoplan.PageRef
	for _, p := range s.html {
		if p.cluster < 0 && !p.related {
			out = append(out, p.ref())
		}
	}
	return out
}

// siteBrand is the name the site goes by: its most common og:site_name, else
// its host without www. and the top-level domain, capitalised.
func siteBrand(start string, html []*page) string {
	count := make(map[string]int)
	for _, p := range html {
		if n := strings.TrimSpace(p.lp.Page.OGSiteName); n != "" {
			count[n]++
		}
	}
	best, bestN := "", 0
	for n, c := range count {
		if c > bestN || (c == bestN && n < best) {
			best, bestN = n, c
		}
	}
	if best != "" {
		return best
	}
	host := start
	if u, err := url.Parse(start); err == nil && u.Host != "" {
		host = u.Hostname()
	} else if len(html) > 0 {
		if u, err := url.Parse(html[0].url); err == nil {
			host = u.Hostname()
		}
	}
	host = strings.TrimPrefix(host, "www.")
	if i := strings.IndexByte(host, '.'); i > 0 {
		host = host[:i]
	}
	if host == "" || host == "127" || host == "localhost" {
		return "the product"
	}
	return strings.ToUpper(host[:1]) + host[1:]
}
