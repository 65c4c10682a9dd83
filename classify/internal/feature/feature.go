// Package feature turns a keyword or a page into the sparse features the
// classifier's model scores and the human-readable signals a label reports.
//
// Features are strings ("w:pricing", "head:software", "sig:cta:book a demo")
// with a value; the model (package lr) maps them to weights. Signals are the
// subset a user can read and disagree with, in the forms TAXONOMY.md
// describes: "url:/pricing", `title:"vs"`, "schema:HowTo", "head-noun:software",
// "cta:book a demo", "brand:site", "brand:list", "brand:pattern(x login)".
//
// The trainer and the classifier both call this package, so a model is
// always scored on exactly the features it was trained on.
package feature

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// Feature is one named feature with its value.
type Feature struct {
	Name  string
	Value float64
}

// Vector collects features and signals. Adding a feature twice keeps the
// larger value, so repeated evidence does not swamp the model. It is a plain
// slice, de-duplicated once in Features: a map per keyword cost more than
// everything else in labelling one.
type Vector struct {
	feats   []Feature
	signals []string

	// titleProbs are the keyword model's intent, subtype and stage
	// probabilities for a page's title (pages only).
	titleProbs [3][]float64
}

// vectors recycles Vectors: labelling a keyword is a few microseconds, and
// a fresh Vector's feature slice was a third of the bytes it allocated.
var vectors = sync.Pool{New: func() any { return &Vector{feats: make([]Feature, 0, 48)} }}

func newVector() *Vector { return vectors.Get().(*Vector) }

// Release hands x back for reuse. Nothing may use x, or any slice its
// methods returned, afterwards.
func (x *Vector) Release() {
	x.feats, x.signals = x.feats[:0], x.signals[:0]
	x.titleProbs = [3][]float64{}
	vectors.Put(x)
}

// Add sets feature name to v unless it already has a larger value.
func (x *Vector) Add(name string, v float64) {
	x.feats = append(x.feats, Feature{name, v})
}

// Signal records a readable signal and a matching feature "sig:"+s.
func (x *Vector) Signal(s string) {
	x.Add("sig:"+signalKey(s), 1)
	for _, old := range x.signals {
		if old == s {
			return
		}
	}
	x.signals = append(x.signals, s)
}

// signalKey drops the varying part of a signal ("brand:pattern(acme login)"
// → "brand:pattern") so that the model learns the kind of evidence, not the
// name.
func signalKey(s string) string {
	if i := strings.IndexByte(s, '('); i > 0 {
		return s[:i]
	}
	return s
}

// Features returns the features sorted by name, each name once with its
// largest value: a stable order keeps the trainer's floating-point sums, and
// so the model file, deterministic.
func (x *Vector) Features() []Feature {
	f := x.feats
	sort.Slice(f, func(i, j int) bool {
		if f[i].Name != f[j].Name {
			return f[i].Name < f[j].Name
		}
		return f[i].Value > f[j].Value
	})
	out := f[:0]
	for i, v := range f {
		if i > 0 && v.Name == f[i-1].Name {
			continue
		}
		out = append(out, v)
	}
	x.feats = out
	return out
}

// Signals returns the signals in the order they fired.
func (x *Vector) Signals() []string { return x.signals }

// Site is what the classifier knows about the site being classified: its own
// brand and product names and the rivals its comparison pages name. The zero
// value knows nothing. It is read-only once built.
type Site struct {
	Own    map[string]bool // lower-case brand and product names of the site
	Rivals map[string]bool // lower-case names of competitors
	// Chrome holds the lower-case anchor texts of links on most pages: the
	// site's navigation, header and footer. A "Book a demo" button in the
	// header of every page says nothing about any one page.
	Chrome map[string]bool
	// Pages is how many pages the site was learnt from; Sections counts
	// them by first URL segment (language folders left out) and Inlinks
	// counts the pages linking to each path (see pathKey). They place a
	// page on its site (siteRoleRule).
	Pages    int
	Sections map[string]int
	Inlinks  map[string]int
}

//go:embed brands.txt
var brandsText string

var (
	brandsOnce  sync.Once
	knownBrands map[string]bool
	maxBrandLen int // longest known name, in words
)

func loadBrands() {
	brandsOnce.Do(func() {
		knownBrands = map[string]bool{}
		for _, line := range strings.Split(brandsText, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			knownBrands[line] = true
			maxBrandLen = max(maxBrandLen, len(strings.Fields(line)))
		}
	})
}

// Words splits lower-cased text into words: letters and digits, with inner
// ".", "&", "+", "'" and "#" kept so that "bill.com", "h&m", "c++" and "c#"
// survive.
func Words(s string) []string {
	s = strings.ToLower(s)
	words := strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '&' || r == '+' || r == '\'' || r == '#' || r == '’')
	})
	out := words[:0]
	for _, w := range words {
		if w == "&" { // "Pebble & Pine" and "pebble and pine" are one name
			out = append(out, "and")
			continue
		}
		w = strings.Trim(w, ".&'’")
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// brandSpan is a run of words that names a brand, and how it was found.
type brandSpan struct {
	start, end int    // words[start:end]
	how        string // "site", "rival", "list", "pattern(...)" or "entity"
}

// findBrands finds brand names in words: the site's own names and rivals
// first, then the shipped list, then patterns ("x login", "x vs y"). Longest
// match wins at each position.
func findBrands(words []string, site *Site) []brandSpan {
	loadBrands()
	var spans []brandSpan
	for i := 0; i < len(words); {
		matched := false
		for n := min(maxBrandLen+1, len(words)-i); n >= 1 && !matched; n-- {
			phrase := strings.Join(words[i:i+n], " ")
			how := ""
			switch {
			case site != nil && site.Own[phrase]:
				how = "site"
			case site != nil && site.Rivals[phrase]:
				how = "rival"
			case knownBrands[phrase]:
				how = "list"
			}
			if how != "" {
				spans = append(spans, brandSpan{i, i + n, how})
				i += n
				matched = true
			}
		}
		if !matched {
			i++
		}
	}
	// Patterns: an unknown, non-generic leading name followed by a pattern
	// word ("relaydesk pricing"), or either side of "vs".
	covered := func(i int) bool {
		for _, s := range spans {
			if i >= s.start && i < s.end {
				return true
			}
		}
		return false
	}
	nameAt := func(i int) bool {
		return i >= 0 && i < len(words) && !covered(i) && !genericWords[words[i]] && !stopwords[words[i]] &&
			!questionWords[words[i]] && !isNumber(words[i]) && len(words[i]) > 2
	}
	for i, w := range words {
		switch {
		case patternWords[w] && i >= 1 && i <= 2 && nameAt(0) && (i == 1 || nameAt(1)):
			spans = append(spans, brandSpan{0, i, "pattern(x " + w + ")"})
		case (w == "vs" || w == "versus") && i > 0:
			if nameAt(i - 1) {
				spans = append(spans, brandSpan{i - 1, i, "pattern(x vs y)"})
			}
			if nameAt(i + 1) {
				spans = append(spans, brandSpan{i + 1, i + 2, "pattern(x vs y)"})
			}
		}
	}
	sort.Slice(spans, func(a, b int) bool { return spans[a].start < spans[b].start })
	return spans
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) && r != '.' && r != ',' {
			return false
		}
	}
	return w != ""
}

// replaceBrands returns words with each brand span collapsed into one
// placeholder word, so n-grams generalise to brands the model never saw:
// "quickbooks pricing" and "relaydesk pricing" both give "<brand> pricing".
func replaceBrands(words []string, spans []brandSpan) []string {
	if len(spans) == 0 {
		return words
	}
	out := make([]string, 0, len(words))
	j := 0
	for i := 0; i < len(words); {
		if j < len(spans) && spans[j].start == i && spans[j].end > i {
			out = append(out, "<brand>")
			i = spans[j].end
			j++
			continue
		}
		for j < len(spans) && spans[j].start < i {
			j++
		}
		out = append(out, words[i])
		i++
	}
	return out
}

// addNgrams adds unigram and bigram features of words under prefix.
func addNgrams(x *Vector, prefix string, words []string, v float64) {
	for i, w := range words {
		x.Add(prefix+":"+w, v)
		if i > 0 {
			x.Add(prefix+"2:"+words[i-1]+" "+w, v)
		}
	}
}
