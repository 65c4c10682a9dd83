package feature

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/classify/internal/lr"
)

// bestNotList are words after "best" that make advice, not a best-of list.
var bestNotList = map[string]bool{"practices": true, "practice": true, "way": true, "ways": true,
	"time": true, "approach": true, "tips": true, "friend": true, "to": true}

// MainWords is how many words of the main text feed vocabulary features.
// The opening of a page says what it is; the rest mostly repeats it, and
// bounding it keeps a 5,000-word page as cheap as a 500-word one.
const MainWords = 600

var (
	priceRE   = regexp.MustCompile(`(?i)(?:[$€£¥]\s?\d[\d,.]*|\d[\d,.]*\s?(?:usd|eur|gbp|€|\$))(?:\s?(?:/|per)\s?(?:mo|month|user|seat|year|yr|agent|site))?`)
	perUnitRE = regexp.MustCompile(`(?i)\b(?:per (?:user|seat|agent|month|year)|/\s?(?:mo|month|user|seat)\b|billed (?:annually|monthly|yearly))`)
	stepRE    = regexp.MustCompile(`(?i)^(?:(?:step|schritt|stap|étape|etape|paso|passo|etapa|ステップ)\s*\d+|\d+[.):]\s|\d+\s*[-–—]\s|#\d+)`)
	// pickRE matches a Japanese listicle count ("15選", N picks).
	pickRE = regexp.MustCompile(`\d+選`)
	vsRE   = regexp.MustCompile(`(?i)\b(?:vs\.?|versus)\b`)
	// troubleTitleRE matches titles that ask why something of the reader's
	// is broken, or what to do when it is.
	troubleTitleRE = regexp.MustCompile(`^(?:why (?:is|are|was|were|does|do|did|won't|can't|isn't|doesn't) (?:my|the|your)\b|what to do (?:if|when)\b)`)
	dateLineRE     = regexp.MustCompile(`(?i)\b(?:\d+\s*min(?:ute)?s?\s*read|posted (?:on|by)|published|updated on|written by)\b`)
)

// pageInput is what the page rules read: the page, and what several rules
// need, computed once.
type pageInput struct {
	p    *seoplan.Page
	lang string
	site *Site
	kw   *lr.Heads

	path     string   // lower-case URL path, "/" when none
	segs     []string // its segments, without a language folder, after a section subdomain (hostSection)
	key      string   // pathKey of the URL, "" when it does not parse
	title    string   // the title without its site name
	tw       []string // the title's words
	lowTitle string   // the title in lower case, with a trailing space
	low      string   // the opening of the main text in lower case
	wc       int      // WordCount
}

func newPageInput(p *seoplan.Page, lang string, site *Site, kw *lr.Heads) *pageInput {
	in := &pageInput{p: p, lang: lang, site: site, kw: kw, path: "/"}
	var hostSeg string
	u, err := url.Parse(p.URL)
	if err == nil {
		if u.Path != "" {
			in.path = strings.ToLower(u.Path)
		}
		hostSeg = hostSection(u)
	}
	in.segs = stripLangFolder(strings.FieldsFunc(in.path, func(r rune) bool { return r == '/' }))
	if err == nil {
		in.key = segmentsKey(in.segs)
	}
	if hostSeg != "" && (len(in.segs) == 0 || in.segs[0] != hostSeg) {
		in.segs = append([]string{hostSeg}, in.segs...)
	}
	in.title = StripSiteName(p.Title)
	if in.title != "" {
		in.tw = Words(in.title)
		in.lowTitle = strings.ToLower(in.title) + " "
	}
	in.low = strings.ToLower(FirstWords(p.MainText, 2*MainWords))
	in.wc = WordCount(p)
	return in
}

// pageRule adds the features and signals of one kind of page evidence.
type pageRule struct {
	name string
	add  func(x *Vector, in *pageInput)
}

// pageRules are the page's evidence, in the order their signals are listed
// to users. Each rule is one kind of evidence, so adding one is adding a
// line here and a function below.
var pageRules = []pageRule{
	{"status", statusRule},
	{"language", langRule},
	{"url path", urlRule},
	{"title phrase", titlePhraseRule},
	{"title words", titleWordsRule},
	{"title best-of", titleBestRule},
	{"title patterns", titlePatternRule},
	{"title trouble", titleTroubleRule},
	{"title keyword model", keywordModelRule},
	{"h1", h1Rule},
	{"outline", outlineRule},
	{"schema.org and open graph", schemaRule},
	{"breadcrumbs", breadcrumbRule},
	{"calls to action", ctaRule},
	{"main text vocabulary", vocabularyRule},
	{"prices", priceRule},
	{"comparison words", vsTextRule},
	{"byline", bylineRule},
	{"ratings", ratingsRule},
	{"capability announcement", nowAvailableRule},
	{"length", lengthRule},
	{"title role", titleRoleRule},
	{"instructions", instructionRule},
	{"url role", urlRoleRule},
	{"place on the site", siteRoleRule},
}

// Page returns the features and signals of a page. lang is the page's
// detected language ("en" when unknown); brand-free titles and the site's
// names come from site.
//
// kw, when not nil, is the keyword model: the title and first h1 are scored
// with it (see KeywordModelFeatures).
func Page(p *seoplan.Page, lang string, site *Site, kw *lr.Heads) *Vector {
	x := newVector()
	in := newPageInput(p, lang, site, kw)
	for _, r := range pageRules {
		r.add(x, in)
	}
	return x
}

func statusRule(x *Vector, in *pageInput) {
	if in.p.Status >= 400 {
		x.Signal(fmt.Sprintf("status:%d", in.p.Status))
	}
}

func langRule(x *Vector, in *pageInput) {
	if in.lang != "" && in.lang != "en" {
		x.Add("lang:other", 1)
	}
}

// urlRule reads the path: its first section, depth, the words of each
// segment, and the segments that name a kind of page.
func urlRule(x *Vector, in *pageInput) {
	segs := in.segs
	if len(segs) == 0 {
		x.Add("u:root", 1)
		x.Signal("url:/")
		return
	}
	x.Add("u0:"+segs[0], 1)
	x.Add(fmt.Sprintf("udepth:%d", min(len(segs), 4)), 1)
	for i, s := range segs {
		switch {
		case urlWords[s]:
			x.Signal("url:/" + s)
		case pricingWords[s]:
			x.Signal("url:/pricing")
		case urlWordsIntl[s] != "":
			x.Signal("url:/" + urlWordsIntl[s])
		case deepDiveWords[s]:
			x.Signal("url:deep-dive")
		default:
			// Only short compounds: "/privacy-policy" is a legal page,
			// "/data-centre-security-and-privacy" a product page. A
			// comparison slug says so at any length: "/acme-vs-rival".
			parts := strings.Split(s, "-")
			for _, w := range parts {
				switch {
				case len(parts) <= 2 && segmentWords[w]:
					x.Signal("url:/" + w)
				case len(parts) <= 2 && pricingWords[w]:
					x.Signal("url:/pricing")
				case w == "vs" || w == "versus":
					x.Signal("url:/vs")
				case w == "alternatives":
					x.Signal("url:/alternatives")
				}
			}
		}
		if deepDiveWords[s] && urlWords[s] {
			// "/security" is also a plain URL word; its page is still
			// a technical one.
			x.Signal("url:deep-dive")
		}
		for _, w := range Words(slugReplacer.Replace(s)) {
			x.Add("u:"+w, 1)
			if i == len(segs)-1 {
				x.Add("ulast:"+w, 1)
			}
		}
		if isNumber(s) && i > 0 && segs[i-1] == "page" {
			x.Signal("url:pagination")
		}
	}
	if len(segs) == 1 && sectionWords[segs[0]] {
		// "/blog" itself lists posts: an archive, not a post.
		x.Signal("url:section index")
	}
}

var slugReplacer = strings.NewReplacer("-", " ", "_", " ", ".html", "", ".htm", "", ".php", "")

// titlePhraseRule reads the title without the site name as a keyword is
// read: its head noun, brands, question words.
func titlePhraseRule(x *Vector, in *pageInput) {
	phrase(x, "t", in.title, in.site, false)
}

// titleSignalWords are title words that name a kind of page in English.
var titleSignalWords = []string{"vs", "versus", "pricing", "alternatives", "how", "what", "guide", "template", "templates", "checklist", "review", "best", "examples", "tips", "case", "report", "careers", "about", "contact", "privacy", "terms", "login", "whitepaper", "calculator"}

// titleWordsRule signals the title words that name a kind of page, in
// English and in the other languages seoplan meets most.
func titleWordsRule(x *Vector, in *pageInput) {
	for _, w := range titleSignalWords {
		for _, x2 := range in.tw {
			if x2 == w {
				x.Signal(`title:"` + w + `"`)
				break
			}
		}
	}
	for _, x2 := range in.tw {
		if en, ok := titleWordsIntl[x2]; ok {
			x.Signal(`title:"` + en + `"`)
		}
	}
}

// titleBestRule: TAXONOMY tie-breaker 4 makes a best-of list a comparison,
// but "best practices" and "best way to" are advice.
func titleBestRule(x *Vector, in *pageInput) {
	tw := in.tw
	for i, w := range tw {
		if w == "best" && (i+1 >= len(tw) || !bestNotList[tw[i+1]]) {
			x.Signal(`title:"best"-list`)
			break
		}
	}
	for _, w := range tw {
		if pricingWords[w] && w != "pricing" {
			x.Signal(`title:"pricing"`)
			break
		}
	}
}

// titlePatternRule signals the title shapes of page kinds: definitions,
// numbered lists, announcements, reports, how-tos, specs, comparisons and
// not-found pages.
func titlePatternRule(x *Vector, in *pageInput) {
	title, tw, lowTitle := in.title, in.tw, in.lowTitle
	if title == "" {
		return
	}
	for _, q := range whatIsPhrases {
		if strings.HasPrefix(strings.TrimLeft(lowTitle, "¿¡\"'“ "), q) {
			x.Signal(`title:"what is"`)
			break
		}
	}
	for i, w := range tw {
		if i+1 < len(tw) && isNumber(w) && listNouns[tw[i+1]] {
			x.Signal("title:numbered list")
			break
		}
	}
	for _, w := range tw {
		if newsWords[w] {
			x.Signal("title:announcement")
			break
		}
	}
	if strings.Contains(lowTitle, "レビュー") {
		x.Signal(`title:"review"`)
	}
	for _, w := range tw {
		if reportWords[w] {
			x.Signal(`title:"report"`)
			break
		}
	}
	for _, h := range howToPhrases {
		if strings.Contains(lowTitle, h) {
			x.Signal(`title:"how to"`)
			break
		}
	}
	for _, h := range howToStarts {
		if strings.HasPrefix(lowTitle, h) {
			x.Signal(`title:"how to"`)
			break
		}
	}
	if pickRE.MatchString(title) {
		x.Signal("title:numbered list")
	}
	for _, w := range tw {
		if explainWords[w] {
			x.Signal(`title:"what is"`)
		}
		// German and Dutch write compounds: "Umzugscheckliste",
		// "Vakantietrends", "Zinsrechner".
		for _, c := range compoundEnds {
			if len(w) > len(c.end)+2 && strings.HasSuffix(w, c.end) {
				x.Signal(c.signal)
			}
		}
	}
	for i, w := range tw {
		switch {
		case specWords[w]:
			x.Signal(`title:"specs"`)
		case compareWords[w]:
			x.Signal(`title:"compare"`)
		case bestIntl[w] && (i+1 >= len(tw) || !bestNotList[tw[i+1]]):
			x.Signal(`title:"best"-list`)
		}
	}
	if strings.Contains(lowTitle, "how it works") || strings.Contains(lowTitle, "under the hood") {
		x.Signal(`title:"specs"`)
	}
	for _, nf := range notFoundPhrases {
		if strings.Contains(strings.ToLower(title), nf) {
			x.Signal(`title:"not found"`)
			break
		}
	}
}

func titleTroubleRule(x *Vector, in *pageInput) {
	if troubled(in.title) || (len(in.p.H1) > 0 && troubled(in.p.H1[0])) {
		x.Signal("title:trouble")
	}
}

// keywordModelRule scores the title and the first h1 with the keyword
// model, as a searcher's phrase for the page.
func keywordModelRule(x *Vector, in *pageInput) {
	kt, probs := KeywordModelFeatures(in.kw, "kt:", in.title, in.site)
	for _, f := range kt {
		x.Add(f.Name, f.Value)
	}
	x.titleProbs = probs
	if len(in.p.H1) > 0 && in.p.H1[0] != in.title {
		kh, _ := KeywordModelFeatures(in.kw, "kh:", in.p.H1[0], in.site)
		for _, f := range kh {
			x.Add(f.Name, f.Value)
		}
	}
}

func h1Rule(x *Vector, in *pageInput) {
	for _, h := range in.p.H1 {
		// Brand names collapse to "<brand>" as in the title, so the h1 of
		// "Pebble & Pine Packhorse 45" teaches nothing about pebbles.
		hw := Words(h)
		addNgrams(x, "h", replaceBrands(hw, findBrands(hw, in.site)), 1)
		if vsRE.MatchString(h) {
			x.Add("h1:vs", 1)
		}
	}
}

// outlineRule reads the headings: vocabulary, numbered steps, questions,
// comparisons and definitions.
func outlineRule(x *Vector, in *pageInput) {
	steps, questions, vs, whatIs := 0, 0, 0, 0
	for _, h := range in.p.Headings {
		hw := Words(h.Text)
		for _, w := range hw {
			if !stopwords[w] {
				x.Add("hd:"+w, 0.5)
			}
		}
		if stepRE.MatchString(strings.TrimSpace(h.Text)) {
			steps++
		}
		if strings.HasSuffix(strings.TrimSpace(h.Text), "?") || (len(hw) > 0 && questionWords[hw[0]]) {
			questions++
		}
		if vsRE.MatchString(h.Text) {
			vs++
		}
		lh := strings.ToLower(strings.TrimSpace(h.Text)) + " "
		for _, q := range whatIsPhrases {
			if strings.HasPrefix(lh, q) {
				whatIs++
				break
			}
		}
	}
	x.Add("headings:"+countBucket(len(in.p.Headings)), 1)
	if steps >= 2 {
		x.Signal("headings:numbered steps")
		x.Add("steps:"+countBucket(steps), 1)
	}
	if questions >= 2 {
		x.Add("headings:questions", 1)
	}
	if vs >= 1 {
		x.Signal(`headings:"vs"`)
	}
	if whatIs >= 1 {
		// "What is plantar fasciitis?" as a section: a definition page.
		x.Signal(`headings:"what is"`)
	}
}

func schemaRule(x *Vector, in *pageInput) {
	for _, s := range in.p.SchemaTypes {
		s = strings.TrimSpace(s)
		if i := strings.LastIndexAny(s, "/#"); i >= 0 {
			s = s[i+1:]
		}
		if s != "" {
			x.Signal("schema:" + s)
		}
	}
	if in.p.OGType != "" {
		x.Add("og:"+strings.ToLower(in.p.OGType), 1)
	}
}

func breadcrumbRule(x *Vector, in *pageInput) {
	for _, b := range in.p.Breadcrumbs {
		for _, w := range Words(b) {
			x.Add("bc:"+w, 1)
		}
	}
}

// ctaRule finds calls to action in link anchors, leaving out the site's
// navigation (anchors on most pages), then in the text.
func ctaRule(x *Vector, in *pageInput) {
	for _, l := range in.p.Links {
		a := strings.ToLower(strings.TrimSpace(l.Text))
		if c, ok := ctaPhrases[a]; ok && (in.site == nil || !in.site.Chrome[a]) {
			x.Signal("cta:" + c)
		}
	}
}

func vocabularyRule(x *Vector, in *pageInput) {
	for _, w := range Words(FirstWords(in.p.MainText, MainWords)) {
		if !stopwords[w] && len(w) > 2 && !isNumber(w) {
			x.Add("m:"+w, 0.3)
		}
	}
	for phrase, c := range ctaPhrases {
		if len(phrase) > 8 && strings.Contains(in.low, phrase) {
			x.Add("mcta:"+c, 1)
		}
	}
}

// Each text pattern below runs only on text holding a string every match
// needs: most pages have no price, no "vs" and no byline, and the regular
// expressions were a fifth of a page's labelling time.

func priceRule(x *Vector, in *pageInput) {
	low := in.low
	perUnit := mayMatch(low, "per ", "/", "billed ") && perUnitRE.MatchString(low)
	if mayMatch(low, "$", "€", "£", "¥", "usd", "eur", "gbp") {
		if n := len(priceRE.FindAllStringIndex(low, 20)); n > 0 {
			x.Add("prices:"+countBucket(n), 1)
			if n >= 2 || perUnit {
				x.Signal(fmt.Sprintf("prices:%d", n))
			}
		}
	}
	if perUnit {
		x.Add("per-unit", 1)
	}
}

func vsTextRule(x *Vector, in *pageInput) {
	if mayMatch(in.low, "vs", "versus") {
		if n := len(vsRE.FindAllStringIndex(in.low, 20)); n > 0 {
			x.Add("mvs:"+countBucket(n), 1)
		}
	}
}

func bylineRule(x *Vector, in *pageInput) {
	if mayMatch(in.low, "min", "posted", "published", "updated on", "written by") && dateLineRE.MatchString(in.low) {
		x.Add("byline", 1)
	}
}

func ratingsRule(x *Vector, in *pageInput) {
	if ratings(in.low, 2) >= 2 {
		x.Signal("text:ratings")
	}
}

func nowAvailableRule(x *Vector, in *pageInput) {
	for _, c := range capabilityPhrases {
		if strings.Contains(in.low, c) {
			x.Signal(`text:"now available"`)
			break
		}
	}
}

// lengthRule buckets the word count; thin pages are also checked for
// not-found wording.
func lengthRule(x *Vector, in *pageInput) {
	wc := in.wc
	if wc < 150 {
		for _, nf := range notFoundText {
			if strings.Contains(in.low, nf) {
				x.Signal("text:not found")
				break
			}
		}
	}
	x.Add("wc:"+wordBucket(wc), 1)
	if wc < 150 {
		x.Signal("thin:<150 words")
	}
	if wc >= 1500 && len(in.p.Headings) >= 6 {
		// A long page with a deep outline is a pillar guide more often
		// than a single how-to.
		x.Signal("long-form")
	}
}

// StripSiteName removes a site-name suffix or prefix from a title:
// "Pricing | Acme" → "Pricing", "Acme - Help desk for small teams" → "Help
// desk for small teams".
func StripSiteName(title string) string {
	page, _ := splitTitle(title)
	return page
}

// SiteNameOf returns the site-name part of a title ("Pricing | Acme" →
// "Acme"), or "".
func SiteNameOf(title string) string {
	_, site := splitTitle(title)
	return site
}

// splitTitle splits a title at its last separator. The side with fewer
// words is the site name; on a tie the right side is, as most sites put
// their name last.
func splitTitle(title string) (page, site string) {
	for _, sep := range []string{" | ", " – ", " — ", " - ", " · ", " :: "} {
		if i := strings.LastIndex(title, sep); i > 0 {
			a, b := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
			if len(strings.Fields(b)) <= len(strings.Fields(a)) {
				return a, b
			}
			return b, a
		}
	}
	return strings.TrimSpace(title), ""
}

// FirstWords is s up to its (n+1)th whitespace-separated word: its first n
// words, with the spacing as written.
func FirstWords(s string, n int) string {
	count, in := 0, false
	for i, r := range s {
		sp := r == ' ' || r == '\n' || r == '\t' || r == '\r'
		if !sp && !in {
			count++
			if count > n {
				return s[:i]
			}
		}
		in = !sp
	}
	return s
}

func countBucket(n int) string {
	switch {
	case n == 0:
		return "0"
	case n == 1:
		return "1"
	case n <= 3:
		return "2-3"
	case n <= 7:
		return "4-7"
	}
	return "8+"
}

func wordBucket(n int) string {
	switch {
	case n < 60:
		// Login, error, archive and legal stubs; a short product page
		// has more to say.
		return "<60"
	case n < 150:
		return "<150"
	case n < 400:
		return "<400"
	case n < 1000:
		return "<1000"
	case n < 2000:
		return "<2000"
	}
	return "2000+"
}

// WordCount is the page's word count, counting Chinese, Japanese and Korean
// text (written without spaces) at two characters a word, so that a long
// Japanese article is not taken for a thin page.
func WordCount(p *seoplan.Page) int {
	wc := p.WordCount
	if wc == 0 {
		wc = len(strings.Fields(p.MainText))
	}
	cjk := 0
	for _, r := range p.MainText {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			cjk++
		}
	}
	return max(wc, cjk/2)
}

// troubled reports whether a title or h1 names something broken: "Pod stuck
// in Pending?", "Entkalkungsanzeige geht nicht aus – was tun?".
func troubled(t string) bool {
	low := " " + strings.ToLower(t) + " "
	if troubleTitleRE.MatchString(strings.TrimSpace(low)) {
		return true
	}
	for _, w := range Words(t) {
		if troubleTitleWords[w] {
			return true
		}
	}
	for _, ph := range troublePhrases {
		if strings.Contains(low, ph) {
			return true
		}
	}
	return false
}

// ratingSeps join a score to its scale: "4.7 out of 5", "9/10", "4 von 5".
var ratingSeps = []string{"out of", "/", "von", "sur", "de", "su", "van", "uit"}

// ratingStars are star ratings written out.
var ratingStars = []string{"five star", "four star", "5 star", "4 star", "five-star", "four-star",
	"5-star", "4-star"}

// ratings counts, up to max, the ratings in lower-case text: a one-digit
// score (with one decimal) out of 5 or 10, a star sign, or "five stars" —
// the evidence of a review page. It scans once instead of running a
// regular expression, which cost a third of a page's labelling time.
func ratings(low string, max int) int {
	n := strings.Count(low, "★")
	for _, s := range ratingStars {
		if n >= max {
			return n
		}
		n += strings.Count(low, s)
	}
	for i := 0; i < len(low) && n < max; i++ {
		if !isDigit(low[i]) || i > 0 && isWordByte(low[i-1]) {
			continue
		}
		j := i + 1
		if j+1 < len(low) && (low[j] == '.' || low[j] == ',') && isDigit(low[j+1]) {
			j += 2
		}
		if j < len(low) && isSpace(low[j]) {
			j++
		}
		for _, sep := range ratingSeps {
			if !strings.HasPrefix(low[j:], sep) {
				continue
			}
			k := j + len(sep)
			if k < len(low) && isSpace(low[k]) {
				k++
			}
			var end int
			switch {
			case strings.HasPrefix(low[k:], "10") && (k+2 == len(low) || !isWordByte(low[k+2])):
				end = k + 2
			case strings.HasPrefix(low[k:], "5") && (k+1 == len(low) || !isWordByte(low[k+1])):
				end = k + 1
			default:
				continue
			}
			n++
			i = end - 1
			break
		}
	}
	return n
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' }
func isWordByte(b byte) bool {
	return isDigit(b) || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_'
}

// mayMatch reports whether lower-cased text holds any of the strings one of
// which every match of a pattern contains: a cheap test before the pattern.
func mayMatch(low string, needles ...string) bool {
	for _, n := range needles {
		if strings.Contains(low, n) {
			return true
		}
	}
	return false
}
