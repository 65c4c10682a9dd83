package feature

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/classify/internal/nlp"
)

// tagCache keeps prose's tags per distinct phrase. Tagging costs tens of
// microseconds, the rest of a keyword's features about one; keyword lists
// and page titles repeat phrases often enough that a bounded cache pays.
var (
	tagCache     sync.Map // string → []nlp.Token
	tagCacheSize atomic.Int64
)

// tagCacheMax bounds the cache: what repeats (a site's headings, a
// keyword file's phrases) is met early, and each entry holds a few hundred
// bytes of tokens, so more would only hold a large crawl's unique titles.
const tagCacheMax = 1 << 16

// tagCacheLongest is the longest text the cache keeps, in bytes: titles,
// headings and keywords repeat, a page's opening paragraphs do not. Kept,
// those held a page's whole main text (the key is a slice of it) and its
// tokens for each of a crawl's pages, gigabytes on a 100,000-page site.
const tagCacheLongest = 200

// TagCached is nlp.Tag with a bounded, concurrency-safe cache.
func TagCached(text string) []nlp.Token {
	if len(text) > tagCacheLongest {
		return nlp.Tag(text)
	}
	if v, ok := tagCache.Load(text); ok {
		return v.([]nlp.Token)
	}
	toks := nlp.Tag(text)
	if tagCacheSize.Load() < tagCacheMax {
		if _, loaded := tagCache.LoadOrStore(strings.Clone(text), toks); !loaded {
			tagCacheSize.Add(1)
		}
	}
	return toks
}

// wordTags caches prose's tag for each word tagged on its own. Keywords are
// tagged word by word through it: a keyword is a short noun phrase where
// context changes few tags, and per-word tags make a list of 100,000
// distinct keywords cost one prose call per distinct word, not per keyword.
// The tag of a word alone never depends on what was tagged before, so the
// features, and the trained model, stay deterministic.
var (
	wordTags     sync.Map // string → string
	wordTagsSize atomic.Int64
)

// TagWords tags each word on its own with prose, through the cache.
func TagWords(words []string) []nlp.Token {
	out := make([]nlp.Token, len(words))
	for i, w := range words {
		out[i].Text = w
		if v, ok := wordTags.Load(w); ok {
			out[i].Tag = v.(string)
			continue
		}
		tag := "NN"
		if toks := nlp.Tag(w); len(toks) == 1 {
			tag = toks[0].Tag
		} else if len(toks) > 1 {
			tag = toks[len(toks)-1].Tag
		}
		out[i].Tag = tag
		if wordTagsSize.Load() < tagCacheMax {
			if _, loaded := wordTags.LoadOrStore(w, tag); !loaded {
				wordTagsSize.Add(1)
			}
		}
	}
	return out
}

// Keyword returns the features and signals of a search keyword.
func Keyword(kw string, site *Site) *Vector {
	x := newVector()
	phrase(x, "", kw, site, true)
	return x
}

// KeywordRule returns the label a keyword gets by its shape alone, and
// whether it has such a shape: a web address ("eventim.co.uk") or a search
// operator ("site:chobble.com") is typed to reach a site, not to learn or
// to buy, so it is other/navigational (TAXONOMY: "getting somewhere")
// whatever its words. Real query logs hold too few such queries for the
// model to learn them (7 of 872 in the corpus, all labelled product by the
// model), and a rule applied after the model leaves the model, and the page
// model trained on its outputs, as they are. The classifier and the
// leave-one-out evaluation both apply it.
func KeywordRule(kw string) (seoplan.Label, bool) {
	shape := navigationShape(kw)
	if shape == "" {
		return seoplan.Label{}, false
	}
	return seoplan.Label{Intent: seoplan.IntentOther, Subtype: seoplan.SubtypeNavigational, Stage: seoplan.StageNone,
		Confidence: 0.9, Signals: []string{"rule:" + shape + " → other/navigational"}}, true
}

// navigationShape names the shape of a query typed to reach a site rather
// than to learn or to buy: a web address ("eventim.co.uk",
// "https://www.dice.fm/") or a search operator ("site:chobble.com"). ""
// for any other.
func navigationShape(kw string) string {
	words := strings.Fields(strings.ToLower(kw))
	for _, w := range words {
		for _, op := range searchOperators {
			if strings.HasPrefix(w, op) && len(w) > len(op) {
				return "query:search operator"
			}
		}
	}
	if len(words) != 1 {
		return ""
	}
	host := words[0]
	for _, p := range []string{"https://", "http://", "www."} {
		host = strings.TrimPrefix(host, p)
	}
	if i := strings.IndexByte(host, '/'); i >= 0 {
		host = host[:i]
	}
	labels := strings.Split(host, ".")
	if len(labels) < 2 || !webTLDs[labels[len(labels)-1]] {
		return ""
	}
	for _, l := range labels {
		if l == "" || strings.Trim(l, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			return ""
		}
	}
	return "query:web address"
}

// searchOperators are Google's operators that only a searcher looking for
// pages of one site or URL types.
var searchOperators = []string{"site:", "inurl:", "intitle:", "cache:", "related:"}

// webTLDs are the top-level domains common enough to tell a web address
// from a dotted name ("node.js", "asp.net" aside, which is both).
var webTLDs = set("com", "net", "org", "io", "co", "ai", "app", "dev", "fm", "tv", "me", "ly", "gg", "to", "so",
	"info", "biz", "shop", "store", "online", "site", "xyz", "tech", "cloud", "eu", "uk", "de", "fr", "es", "it",
	"nl", "be", "ch", "at", "se", "no", "dk", "fi", "pl", "pt", "br", "au", "nz", "ca", "us", "ie", "jp", "in", "mx")

// phrase adds the features of a short phrase (a keyword, or a page's title)
// under prefix p. It is where TAXONOMY's tie-breakers 1–3 live: the head
// noun, the question word, the brand and what stands next to it.
func phrase(x *Vector, p, text string, site *Site, signals bool) {
	words := Words(text)
	if len(words) == 0 {
		x.Add(p+"empty", 1)
		return
	}
	spans := findBrands(words, site)
	if !strings.EqualFold(text, strings.ToLower(text)) { // capitals: ask prose's entity tagger too
		for _, e := range nlp.Entities(text) {
			ew := Words(e)
			if len(ew) == 0 || genericWords[ew[0]] {
				continue
			}
			for i := 0; i+len(ew) <= len(words); i++ {
				if strings.Join(words[i:i+len(ew)], " ") == strings.Join(ew, " ") && !inSpans(spans, i) {
					spans = append(spans, brandSpan{i, i + len(ew), "entity"})
					break
				}
			}
		}
	}
	sig := func(s string) {
		if signals {
			x.Signal(s)
		} else {
			x.Add(p+"sig:"+signalKey(s), 1)
		}
	}
	brandWords := 0
	for _, s := range spans {
		brandWords += s.end - s.start
		how := s.how
		if how == "pattern(x vs y)" || strings.HasPrefix(how, "pattern(") {
			sig("brand:" + how)
		} else {
			sig("brand:" + how)
		}
	}
	norm := replaceBrands(words, spans)
	addNgrams(x, p+"w", norm, 1)
	x.Add(p+"first:"+norm[0], 1)
	x.Add(p+"last:"+norm[len(norm)-1], 1)
	x.Add(p+"len:"+lenBucket(len(words)), 1)

	// Brand alone, with a navigation word, or with anything else
	// (tie-breaker 2).
	if len(spans) > 0 {
		rest := 0
		nav := 0
		for _, w := range norm {
			if navWords[w] { // before the stop-word test: "about" is both
				rest++
				nav++
				continue
			}
			if w == "<brand>" || stopwords[w] {
				continue
			}
			rest++
		}
		switch {
		case rest == 0:
			x.Add(p+"brand:alone", 1)
		case nav == rest:
			x.Add(p+"brand:nav-only", 1)
			sig("brand+nav")
		case nav > 0:
			x.Add(p+"brand:nav-some", 1)
		default:
			x.Add(p+"brand:with-other", 1)
		}
		if norm[0] == "<brand>" {
			x.Add(p+"brand:first", 1)
		}
	}

	// Question words and modifiers (tie-breakers 1 and 3).
	if questionWords[words[0]] {
		x.Add(p+"q:"+words[0], 1)
		sig("question:" + words[0])
	}
	for _, w := range words {
		if modifiers[w] {
			x.Add(p+"mod:"+w, 1)
		}
		if isYear(w) {
			x.Add(p+"mod:year", 1)
		}
	}
	for i, w := range words {
		if troubleWords[w] && !(i+1 < len(words) && notTrouble[words[i+1]]) {
			x.Add(p+"trouble", 1)
			sig("trouble:" + w)
			break
		}
	}
	joined := " " + strings.Join(words, " ") + " "
	for _, e := range errorPhrases {
		if strings.Contains(joined, e) {
			x.Add(p+"error-page", 1)
			sig("error-page:" + strings.TrimSpace(e))
			break
		}
	}
	if strings.Contains(joined, " how to ") {
		x.Add(p+"howto", 1)
	}

	// The head noun, from prose's tags on the brand-free phrase.
	tagWords := make([]string, len(norm))
	for i, w := range norm {
		if w == "<brand>" {
			w = "acme"
		}
		tagWords[i] = w
	}
	toks := TagWords(tagWords)
	if h := nlp.Head(toks); h >= 0 {
		head := toks[h].Text
		if head == "acme" {
			head = "<brand>"
		}
		x.Add(p+"head:"+head, 1)
		x.Add(p+"headtag:"+toks[h].Tag, 1)
		switch {
		case productHeads[head]:
			x.Add(p+"headclass:product", 1)
			sig("head-noun:" + head)
		case problemHeads[head]:
			x.Add(p+"headclass:problem", 1)
			sig("head-noun:" + head)
		default:
			x.Add(p+"headclass:none", 1)
		}
		if h > 0 && (toks[0].Tag == "VB" || toks[0].Tag == "VBG") {
			x.Add(p+"starts-verb", 1)
		}
	}
}

func inSpans(spans []brandSpan, i int) bool {
	for _, s := range spans {
		if i >= s.start && i < s.end {
			return true
		}
	}
	return false
}

func lenBucket(n int) string {
	switch {
	case n <= 1:
		return "1"
	case n == 2:
		return "2"
	case n <= 4:
		return "3-4"
	case n <= 7:
		return "5-7"
	}
	return "8+"
}

func isYear(w string) bool {
	return len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) && isNumber(w)
}
