package planner

import (
	"cmp"
	"math"
	"net/url"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/kljensen/snowball/english"
)

// How pages are described and joined. Measured on the sample sites and on
// the tuning sites of the real-site corpus (gitpod, prometheus, budibase;
// see cmd/seoplan/realsites_test.go): across a grid of these values the
// real sites' ARI moved by a few hundredths at most around the values
// below, which sit in the middle of that plateau rather than on its best
// point, so as not to fit three sites.
const (
	// siteShare is the share of the clustered pages from which a term is the
	// site's own vocabulary (its brand, its product's domain words, its
	// docs' chrome) and joins nothing.
	siteShare = 0.3
	// siteVocabularyMin is the number of pages a term may be on without
	// being the site's vocabulary, however small the site.
	siteVocabularyMin = 10.0
	// neighbours is how many most similar pages each page keeps as edges.
	neighbours = 8
	// minSimilarity is the cosine under which two pages are not related.
	minSimilarity = 0.04
	// formatWeight weighs a word that names a page's format (template,
	// guide, tools, alternatives) against one that names its topic.
	formatWeight = 0.2
	// phraseBoost weighs a whole multi-word phrase against its words.
	phraseBoost = 0.5
	// sectionWeight weighs a page's URL sections against its words.
	sectionWeight = 0.6
	// titleWeight weighs the words of a page's title and h1.
	titleWeight = 1.5
	// headingWeight and textWeight weigh the words of a page's headings
	// and of the opening of its main text against those of its key phrases.
	headingWeight = 0.5
	textWeight    = 0.3
	// textWords is how much of the main text is read.
	textWords = 400
	// linkBonus is what a deliberate link adds to two pages' similarity,
	// shared out when the linking page links to more than linkFan pages.
	linkBonus = 0.3
	linkFan   = 8
	// splitPages, splitCover and splitQ decide when a cluster is too broad
	// for one pillar (see splitBroad).
	splitPages = 8
	splitCover = 0.8
	splitQ     = 0.3
)

// clusterFormatWords are stemmed words that say what kind of page a page
// is, not what it is about; with formatWords they would group a site's
// templates, or its lists of tools, whatever their topic.
var clusterFormatWords = map[string]bool{
	"tool": true, "softwar": true, "app": true, "altern": true, "vs": true, "top": true,
	"free": true, "list": true, "comparison": true, "compar": true, "review": true,
	"tutori": true, "introduct": true, "overview": true, "use": true, "way": true,
	"build": true, "creat": true, "make": true, "get": true, "start": true, "new": true,
	"platform": true, "solut": true, "system": true, "open": true, "sourc": true,
}

// termScratch is pageTerms' maps, used again for each page: made anew,
// the maps of a large site's pages were a third of what clustering
// allocated, and garbage to collect right away.
type termScratch struct {
	terms  map[string]float64
	counts map[string]int
}

func newTermScratch() *termScratch {
	return &termScratch{terms: map[string]float64{}, counts: map[string]int{}}
}

// termVec is a page's clustering terms as sorted term IDs with TF-IDF
// weights of unit length.
type termVec struct {
	ids []int32
	w   []float64
}

// pageTerms describes a page for clustering: the words of its key phrases
// and its multi-word phrases whole (a shared "service discovery" says more
// than a shared "service"), the words of its title and URL slug, and the
// sections of its URL path. The map is sc's, cleared at the next call.
func pageTerms(p *page, brand map[string]bool, st *stemmer, sc *termScratch) map[string]float64 {
	f := sc.terms
	clear(f)
	put := func(t string, w float64) {
		if w > f[t] {
			f[t] = w
		}
	}
	for _, ft := range p.feats {
		f[ft.word] = ft.w
	}
	defer func() {
		for t, w := range f {
			if clusterFormatWords[t] || formatWords[t] {
				f[t] = w * formatWeight
			}
		}
	}()
	pg := p.lp.Page
	for _, w := range st.words(titleTopic(pg.Title)+" "+strings.Join(pg.H1, " "), 0) {
		if !brand[w] {
			put(w, titleWeight)
		}
	}
	for _, h := range pg.Headings {
		if h.Level > 3 {
			continue
		}
		for _, w := range st.words(h.Text, 0) {
			if !brand[w] {
				put(w, headingWeight)
			}
		}
	}
	tf := p.openingCounts(st, sc.counts)
	top := 0
	for w, c := range tf {
		if brand[w] {
			delete(tf, w)
			continue
		}
		top = max(top, c)
	}
	for w, c := range tf {
		put(w, textWeight*(1+math.Log(float64(c)))/(1+math.Log(float64(top))))
	}
	var ptop float64
	if len(p.phrases) > 0 {
		ptop = p.phrases[0].Weight
	}
	for _, ph := range p.phrases {
		words := strings.Fields(ph.Stem)
		if len(words) < 2 {
			continue
		}
		kept := words[:0:0]
		for _, w := range words {
			if !brand[w] {
				kept = append(kept, w)
			}
		}
		if len(kept) < 2 {
			continue
		}
		t := "p:" + strings.Join(kept, " ")
		if w := phraseBoost * ph.Weight / ptop; w > f[t] {
			f[t] = w
		}
	}
	if sections := urlSections(p.url); len(sections) > 0 {
		for d := range sections {
			f["s:"+strings.Join(sections[:d+1], "/")] = sectionWeight
		}
	}
	return f
}

// urlSections are the folders of a URL's path above the page itself, less
// the ones that name a version, a date or a language rather than a topic:
// "/docs/self-hosted/0.7.0/install/nodes/" → docs, self-hosted, install.
func urlSections(u string) []string {
	pu, err := url.Parse(u)
	if err != nil {
		return nil
	}
	segs := strings.Split(strings.Trim(pu.Path, "/"), "/")
	if len(segs) < 2 {
		return nil
	}
	var out []string
	for _, s := range segs[:len(segs)-1] {
		if s == "" || versionLike(s) {
			continue
		}
		out = append(out, strings.ToLower(s))
	}
	return out
}

// versionLike reports whether a path segment names a version or a date
// ("0.7.0", "v2", "2019", "latest") rather than a topic.
func versionLike(s string) bool {
	switch strings.ToLower(s) {
	case "latest", "stable", "next", "current", "master", "main":
		return true
	}
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.' || r == '-' || r == '_':
		case (r == 'v' || r == 'V') && i == 0:
		default:
			return false
		}
	}
	return digits > 0
}

// termVectors turns the pages' terms into TF-IDF vectors over the nodes:
// a term on one page relates it to nothing, and a term on more than
// siteShare of the pages (or maxDF of them) is the site's own vocabulary.
// The space it returns weighs any other page's terms the same way.
func termVectors(s *site, nodes []int) ([]termVec, [][]posting, []bool, *termSpace) {
	sp := newTermSpace(s, nodes)
	// Each term's postings, one for each page that carries it, in a slice
	// of that length: grown by append, they held up to twice as many.
	postings := make([][]posting, len(sp.topical))
	for num, k := range sp.id {
		if k >= 0 {
			postings[k] = make([]posting, 0, sp.df[num])
		}
	}
	vecs := make([]termVec, len(nodes))
	for k, i := range nodes {
		v := sp.vector(i)
		vecs[k] = v
		for x, j := range v.ids {
			postings[j] = append(postings[j], posting{int32(k), v.w[x]})
		}
	}
	return vecs, postings, sp.topical, sp
}

// termSpace numbers the terms of a set of pages and weighs them by how
// few of those pages carry them.
type termSpace struct {
	s      *site
	number map[string]int32 // every term of the pages → its number
	df     []int            // by number: the pages that carry the term
	id     []int32          // by number: the term's ID, -1 for a term not kept
	// topical is by term ID: the term names a topic, not a URL section
	// or a page's format.
	topical []bool
	n       int // the pages counted
	st      *stemmer
	sc      *termScratch
}

// newTermSpace counts the terms of the pages nodes (html indexes). The
// pages' terms are made twice (pageTerms is deterministic): once here to
// number them and count the pages that carry each, then again by vector
// to weigh them. Kept from the first time to the second, every page's
// terms were the largest part of a 100,000-page plan's heap.
func newTermSpace(s *site, nodes []int) *termSpace {
	sp := &termSpace{s: s, number: make(map[string]int32), n: len(nodes), st: newStemmer(), sc: newTermScratch()}
	var vocab []string
	for _, i := range nodes {
		for t := range pageTerms(s.html[i], s.brandWords, sp.st, sp.sc) {
			id, ok := sp.number[t]
			if !ok {
				id = int32(len(vocab))
				sp.number[t] = id
				vocab = append(vocab, t)
				sp.df = append(sp.df, 0)
			}
			sp.df[id]++
		}
	}
	n := sp.n
	// On a small site one topic may hold a third of the pages: up to
	// siteVocabularyMin pages (and half the site) a term can still be a topic.
	limit := int(math.Max(siteShare*float64(n), math.Min(siteVocabularyMin, float64(n)/2)))
	limit = min(limit, maxDF)
	terms := make([]string, 0, len(vocab))
	for t, c := range sp.df {
		if c >= 2 && c <= limit {
			terms = append(terms, vocab[t])
		}
	}
	sort.Strings(terms)
	sp.id = make([]int32, len(vocab))
	for t := range sp.id {
		sp.id[t] = -1
	}
	sp.topical = make([]bool, len(terms))
	for k, t := range terms {
		sp.id[sp.number[t]] = int32(k)
		sp.topical[k] = !strings.HasPrefix(t, "s:") && !clusterFormatWords[t] && !formatWords[t]
	}
	return sp
}

// vector is html page i's terms as a vector of unit length in the space.
// A term the space's pages do not carry adds to the length, not to the
// vector: a page of words no other page uses is like no page.
func (sp *termSpace) vector(i int) termVec {
	m := pageTerms(sp.s.html[i], sp.s.brandWords, sp.st, sp.sc)
	keys := sortedKeys(m)
	kept := 0
	for _, t := range keys {
		if num, ok := sp.number[t]; ok && sp.id[num] >= 0 {
			kept++
		}
	}
	v := termVec{ids: make([]int32, 0, kept), w: make([]float64, 0, kept)}
	var norm float64
	// In term order, so the norm is summed the same way every run.
	for _, t := range keys {
		num, ok := sp.number[t]
		df := 1 // a term of this page alone
		if ok {
			df = max(1, sp.df[num])
		}
		idf := math.Log(float64(sp.n) / float64(df))
		w := m[t] * idf
		norm += w * w
		if ok && sp.id[num] >= 0 {
			v.ids = append(v.ids, sp.id[num])
			v.w = append(v.w, w)
		}
	}
	sort.Sort(byID(v))
	if norm > 0 {
		norm = math.Sqrt(norm)
		for j := range v.w {
			v.w[j] /= norm
		}
	}
	return v
}

// posting is one node carrying a term, with its weight for it.
type posting struct {
	node int32
	w    float64
}

type byID termVec

func (v byID) Len() int           { return len(v.ids) }
func (v byID) Less(i, j int) bool { return v.ids[i] < v.ids[j] }
func (v byID) Swap(i, j int) {
	v.ids[i], v.ids[j] = v.ids[j], v.ids[i]
	v.w[i], v.w[j] = v.w[j], v.w[i]
}

// wedge is one weighted edge between two nodes, named by their pairKey.
// Edges are kept in slices sorted by key rather than in a map: a map of
// the 100,000-page bench crawl's few million edges was the largest part
// of its plan's heap.
type wedge struct {
	key uint64
	w   float64
}

// sortWedges sorts edges by key, keeping the order of those of one key.
func sortWedges(edges []wedge) {
	slices.SortStableFunc(edges, func(a, b wedge) int { return cmp.Compare(a.key, b.key) })
}

// neighbourGraph links each node to its most similar nodes (cosine of
// their term vectors), the union of every node's top neighbours: a sparse
// graph in which a word shared by a few dozen pages no longer ties them
// all together, as a graph of every shared word does. The edges are
// sorted by key, each once: of two nodes in each other's top neighbours,
// the similarity the later node found (summed in its terms' order, it
// may differ in the last bits).
func neighbourGraph(vecs []termVec, postings [][]posting) []wedge {
	near := newNearScratch(len(vecs))
	edges := make([]wedge, 0, len(vecs)*neighbours)
	for a := range vecs {
		for _, c := range near.nearest(vecs[a], postings, a) {
			edges = append(edges, wedge{pairKey(a, c.to), c.sim})
		}
	}
	sortWedges(edges)
	// Of each key's edges, keep the last.
	out := edges[:0]
	for i, e := range edges {
		if i+1 < len(edges) && edges[i+1].key == e.key {
			continue
		}
		out = append(out, e)
	}
	return slices.Clip(out)
}

// neighbour is a node similar to a page, with their cosine.
type neighbour struct {
	to  int
	sim float64
}

// nearScratch is nearest's memory, used again for each page.
type nearScratch struct {
	acc     []float64 // by node: its similarity to the page so far
	touched []int32   // the nodes acc holds
	cands   []neighbour
}

func newNearScratch(nodes int) *nearScratch { return &nearScratch{acc: make([]float64, nodes)} }

// nearest returns the neighbours nodes most similar to v (at least
// minSimilarity), most similar first; self is v's own node, -1 when v is
// no node. The slice is the scratch's, overwritten by the next call.
func (ns *nearScratch) nearest(v termVec, postings [][]posting, self int) []neighbour {
	ns.touched = ns.touched[:0]
	for x, t := range v.ids {
		for _, ps := range postings[t] {
			if int(ps.node) == self {
				continue
			}
			if ns.acc[ps.node] == 0 {
				ns.touched = append(ns.touched, ps.node)
			}
			ns.acc[ps.node] += v.w[x] * ps.w
		}
	}
	ns.cands = ns.cands[:0]
	for _, b := range ns.touched {
		if ns.acc[b] >= minSimilarity {
			ns.cands = append(ns.cands, neighbour{int(b), ns.acc[b]})
		}
		ns.acc[b] = 0
	}
	return heaviest(ns.cands, neighbours, func(c neighbour) (float64, int) { return c.sim, c.to })
}

// addWeights adds to the weights of edges (sorted by key, each once) the
// weights of more (in any order; a key may come again), in more's order:
// the sums, and so the graph, are those of adding them one by one. It
// returns the edges, sorted by key, each once.
func addWeights(edges, more []wedge) []wedge {
	sortWedges(more)
	out := make([]wedge, 0, len(edges)+len(more))
	i := 0
	for j := 0; j < len(more); {
		key := more[j].key
		for i < len(edges) && edges[i].key < key {
			out = append(out, edges[i])
			i++
		}
		e := wedge{key: key}
		if i < len(edges) && edges[i].key == key {
			e = edges[i]
			i++
		}
		for ; j < len(more) && more[j].key == key; j++ {
			e.w += more[j].w
		}
		out = append(out, e)
	}
	return append(out, edges[i:]...)
}

// heaviest sorts xs by weight, heaviest first and ties by key, and keeps
// the first n (all when n is 0).
func heaviest[T any, K cmp.Ordered](xs []T, n int, by func(T) (weight float64, key K)) []T {
	slices.SortFunc(xs, func(a, b T) int {
		wa, ka := by(a)
		wb, kb := by(b)
		if c := cmp.Compare(wb, wa); c != 0 {
			return c
		}
		return cmp.Compare(ka, kb)
	})
	if n > 0 && len(xs) > n {
		xs = xs[:n]
	}
	return xs
}

func pairKey(a, b int) uint64 {
	if a > b {
		a, b = b, a
	}
	return uint64(a)<<32 | uint64(b)
}

// openingCounts counts the stemmed words of the opening of p's main text,
// its first textWords words: as the Slimmer that slimmed the page counted
// them, or from the text itself; into tf, cleared first.
func (p *page) openingCounts(st *stemmer, tf map[string]int) map[string]int {
	clear(tf)
	if p.slimmed != nil {
		if b, ok := p.slimmed.of(p.url); ok {
			p.slimmed.eachCount(b, func(w string, n int) { tf[w] = n })
			return tf
		}
	}
	for _, w := range st.words(p.lp.Page.MainText, textWords) {
		tf[w]++
	}
	return tf
}

// stemmer stems words as tokens does, remembering each word's stem: a
// site's pages use the same few thousand words over and over.
type stemmer struct{ stems map[string]string }

func newStemmer() *stemmer { return &stemmer{stems: make(map[string]string)} }

// words returns the stemmed content words of text, stop words dropped, up
// to limit words of text (0 for all), repeats kept.
func (st *stemmer) words(text string, limit int) []string {
	var out []string
	n := 0
	for _, w := range strings.FieldsFunc(text, notWordRune) {
		if limit > 0 && n == limit {
			break
		}
		n++
		if s := st.stem(w); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// stem returns the stem of one word of a text, as words keeps it: ""
// for a stop word, a word of one letter or a number.
func (st *stemmer) stem(w string) string {
	s, ok := st.stems[w]
	if !ok {
		low := strings.ToLower(w)
		if !english.IsStopWord(low) && len(low) > 1 {
			s = stemWord(low)
		}
		if isNumber(s) {
			s = ""
		}
		// Copies: w is a slice of a page's text, and so may s be, which
		// the cache would otherwise keep whole.
		w, s = strings.Clone(w), strings.Clone(s)
		st.stems[w] = s
	}
	return s
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
