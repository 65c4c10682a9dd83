package planner

import (
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/kljensen/snowball/english"
	"github.com/seoplan/seoplan"
)

// tokens splits text into stemmed content words, stop words dropped, so
// "Reducing churn" and "reduce churn rate" share "reduc" and "churn".
func tokens(text string) []string {
	f := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := f[:0]
	seen := make(map[string]bool, len(f))
	for _, w := range f {
		if english.IsStopWord(w) {
			continue
		}
		st := stemWord(w)
		if st == "" || seen[st] {
			continue
		}
		seen[st] = true
		out = append(out, st)
	}
	return out
}

// stems remembers the stem of each word stemWord was asked for: the
// Snowball stemmer builds a slice of runes and tries every suffix list on
// each call, and a crawl's titles, headings and texts ask for the same few
// thousand words again and again (a seventh of a 10,000-page second plan's
// time went to stemming). It stops growing at maxStems words, enough for a
// site's vocabulary, so a crawl of made-up words cannot grow it without end.
var stems = struct {
	sync.Mutex
	m map[string]string
}{m: make(map[string]string)}

const maxStems = 1 << 17

// stemWord is english.Stem(w, false), remembered.
func stemWord(w string) string {
	stems.Lock()
	s, ok := stems.m[w]
	stems.Unlock()
	if ok {
		return s
	}
	s = english.Stem(w, false)
	stems.Lock()
	if len(stems.m) < maxStems {
		stems.m[strings.Clone(w)] = s
	}
	stems.Unlock()
	return s
}

// attachKeywords puts each product or problem keyword in the cluster whose
// phrases it shares, notes whether any page already covers it, and gives the
// keywords that fit no cluster clusters of their own.
func attachKeywords(s *site, clusters *[]*cluster, kws []seoplan.LabeledKeyword) {
	if len(kws) == 0 {
		return
	}
	// token → cluster → weight, from the clusters' leading phrases.
	ctok := make(map[string]map[int]float64)
	for ci, c := range *clusters {
		for _, i := range c.pages {
			for _, ph := range s.html[i].phrases {
				for _, t := range tokens(ph.Phrase) {
					if ctok[t] == nil {
						ctok[t] = make(map[int]float64)
					}
					ctok[t][ci] += ph.Weight
				}
			}
		}
	}
	// token → pages whose title, h1 or key phrases carry it.
	ptok := make(map[string][]int)
	for i, p := range s.html {
		text := p.lp.Page.Title + " " + strings.Join(p.lp.Page.H1, " ")
		for _, ph := range p.phrases {
			text += " " + ph.Phrase
		}
		for _, t := range tokens(text) {
			ptok[t] = append(ptok[t], i)
		}
	}
	sorted := append([]seoplan.LabeledKeyword(nil), kws...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if a, b := demand(sorted[i].Keyword), demand(sorted[j].Keyword); a != b {
			return a > b
		}
		return sorted[i].Keyword.Text < sorted[j].Keyword.Text
	})
	var orphans []seoplan.LabeledKeyword
	for _, k := range sorted {
		if k.Label.Intent != seoplan.IntentProduct && k.Label.Intent != seoplan.IntentProblem {
			continue
		}
		toks := tokens(k.Keyword.Text)
		if len(toks) == 0 {
			continue
		}
		covered := coveredBy(s, ptok, toks, k.Keyword)
		best, bestHits, bestW := -1, 0, 0.0
		hits := make(map[int]int)
		weight := make(map[int]float64)
		for _, t := range toks {
			for ci, w := range ctok[t] {
				hits[ci]++
				weight[ci] += w
			}
		}
		for ci := range *clusters {
			h, w := hits[ci], weight[ci]
			if h > bestHits || (h == bestHits && h > 0 && w > bestW) {
				best, bestHits, bestW = ci, h, w
			}
		}
		// A keyword joins the cluster that knows its words: all of them,
		// or every word of the cluster's name ("live chat scripts" joins
		// live chat, "how do I onboard enterprise customers" customer
		// onboarding). Half its words is not enough: "customer service
		// chatbot" shares "customer service" with every support topic
		// and is about chatbots, which no page covers.
		if best >= 0 && (bestHits == len(toks) || carriesName(toks, (*clusters)[best].stems)) {
			c := (*clusters)[best]
			c.keywords = append(c.keywords, k)
			if !covered {
				c.uncovered = append(c.uncovered, k)
			}
			continue
		}
		if !covered {
			orphans = append(orphans, k)
		}
	}
	ids := make(map[string]bool)
	for _, c := range *clusters {
		ids[c.id] = true
	}
	// Keywords that fit no cluster form their own, grouped by shared words,
	// the most searched keyword leading.
	var kc []*cluster
	var lead [][]string
	for _, k := range orphans {
		toks := tokens(k.Keyword.Text)
		joined := false
		for n, c := range kc {
			if 2*overlap(toks, lead[n]) >= len(lead[n]) {
				c.keywords = append(c.keywords, k)
				c.uncovered = append(c.uncovered, k)
				joined = true
				break
			}
		}
		if joined {
			continue
		}
		name := strings.ToLower(strings.Join(strings.Fields(k.Keyword.Text), " "))
		c := &cluster{name: name, names: []string{name}, stems: toks, pillar: -1, score: map[string]float64{}}
		c.id = uniqueID(slug(name), ids)
		c.keywords = []seoplan.LabeledKeyword{k}
		c.uncovered = []seoplan.LabeledKeyword{k}
		kc = append(kc, c)
		lead = append(lead, toks)
	}
	for _, c := range kc {
		if head := headPhrase(c.keywords); head != "" {
			c.name, c.names, c.stems = head, []string{head}, tokens(head)
			c.id = uniqueIDFor(slug(head), c.id, ids)
		}
	}
	*clusters = append(*clusters, kc...)
}

// headPhrase is what a group of keywords is about: the phrase of one to
// three words, stop words not at its edges, that most of them share ("refund
// policy" of "refund policy template", "how to write a refund policy" and
// "refund policy examples"), the longer of two equally shared, then the
// first in byte order; "" unless two keywords and half of the group share one.
func headPhrase(kws []seoplan.LabeledKeyword) string {
	if len(kws) < 2 {
		return ""
	}
	count := make(map[string]int)
	for _, k := range kws {
		words := strings.Fields(strings.ToLower(k.Keyword.Text))
		seen := make(map[string]bool)
		for n := 1; n <= 3; n++ {
			for i := 0; i+n <= len(words); i++ {
				if english.IsStopWord(words[i]) || english.IsStopWord(words[i+n-1]) || formatWords[stemWord(words[i+n-1])] {
					continue
				}
				ph := strings.Join(words[i:i+n], " ")
				if !seen[ph] {
					seen[ph] = true
					count[ph]++
				}
			}
		}
	}
	best, bestN := "", 0
	for ph, n := range count {
		if n > bestN || n == bestN && (len(strings.Fields(ph)) > len(strings.Fields(best)) ||
			len(strings.Fields(ph)) == len(strings.Fields(best)) && ph < best) {
			best, bestN = ph, n
		}
	}
	if bestN < 2 || 2*bestN < len(kws) {
		return ""
	}
	return best
}

// uniqueIDFor swaps a cluster's ID for a better one, freeing the old.
func uniqueIDFor(base, old string, used map[string]bool) string {
	delete(used, old)
	return uniqueID(base, used)
}

// carriesName reports whether a keyword's stemmed words hold every word of
// a cluster's leading stem, its name.
func carriesName(toks, stems []string) bool {
	return len(stems) > 0 && carriesAll(setOf(toks), strings.Fields(stems[0]))
}

// coveredBy reports whether some page carries every word of a keyword in its
// title, h1 or key phrases, or is the keyword file's own ranking URL for it
// at a position that answers it (20 or better, or no position given): a
// page Search Console shows at 44 for "chatbot for customer support" is
// not the site's answer to it.
func coveredBy(s *site, ptok map[string][]int, toks []string, k seoplan.Keyword) bool {
	if k.URL != "" && k.Position <= strikingTo {
		if _, ok := s.resolveReported(k.URL); ok {
			return true
		}
	}
	count := make(map[int]int)
	for _, t := range toks {
		for _, i := range ptok[t] {
			count[i]++
			if count[i] == len(toks) {
				return true
			}
		}
	}
	return false
}

func overlap(a, b []string) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			if x == y {
				n++
				break
			}
		}
	}
	return n
}

// demand is the best measure of search demand a keyword row has.
func demand(k seoplan.Keyword) int {
	switch {
	case k.Volume > 0:
		return k.Volume
	case k.Impressions > 0:
		return k.Impressions
	default:
		return k.Clicks
	}
}
