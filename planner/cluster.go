package planner

import (
	"context"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/seoplan/seoplan"
)

const (
	// maxDF caps how many pages a term may relate: on a large site a term
	// on more pages is too generic to tell topics apart, and the cap keeps
	// the work of finding each page's neighbours linear in pages.
	maxDF = 300
)

// cluster is a topic while the planner works on it.
type cluster struct {
	id, name string
	stems    []string // leading stems, weightiest first
	names    []string // their surface forms
	score    map[string]float64
	pages    []int // html indexes, in URL order
	// related are the pages of the topic outside its content (relate):
	// html indexes, in URL order.
	related  []int
	pillar   int // html index, -1 when none fits
	keywords []seoplan.LabeledKeyword
	// uncovered are the keywords of the cluster that no page covers.
	uncovered []seoplan.LabeledKeyword
	gaps      []seoplan.Gap
	missing   []seoplan.Stage // funnel stages no page covers
	// pillarProposal is set by propose when the cluster has no pillar.
	pillarProposal string
	// reference is set by findGaps for a documentation reference section.
	reference bool
}

func sqrt(f float64) float64 { return math.Sqrt(f) }

// clusterPages groups the product and problem pages into topics and returns
// them as lists of html indexes, with the pages outside them related to
// each (see relate).
func clusterPages(ctx context.Context, s *site) (groups, related [][]int, err error) {
	var nodes []int
	node := make(map[int]int) // html index → node
	for i, p := range s.html {
		if p.clusterable() {
			node[i] = len(nodes)
			nodes = append(nodes, i)
		}
	}
	n := len(nodes)
	if n == 0 {
		return nil, nil, nil
	}
	vecs, postings, topical, space := termVectors(s, nodes)
	var bonus []wedge
	for k, i := range nodes {
		p := s.html[i]
		lw := p.linkWeight()
		for _, j := range p.content {
			if l, ok := node[int(j)]; ok {
				bonus = append(bonus, wedge{pairKey(k, l), lw})
			}
		}
	}
	weights := addWeights(neighbourGraph(vecs, postings), bonus)
	// Each node's edges in a slice of their number: grown by append, the
	// graph held up to twice its edges.
	deg := make([]int, n)
	for _, e := range weights {
		deg[e.key>>32]++
		deg[e.key&0xffffffff]++
	}
	g := graph{adj: make([][]edge, n), self: make([]float64, n)}
	for a := range g.adj {
		g.adj[a] = make([]edge, 0, deg[a])
	}
	for _, e := range weights {
		a, b := int(e.key>>32), int(e.key&0xffffffff)
		g.adj[a] = append(g.adj[a], edge{b, e.w})
		g.adj[b] = append(g.adj[b], edge{a, e.w})
	}
	for i := range g.adj {
		sortEdges(g.adj[i])
	}
	// Plain modularity (resolution 1): on a graph of each page's nearest
	// neighbours, small topics of a large site keep apart. (On the graph of
	// every shared word the 20,000-page synthetic site's 400 topics merged
	// into 126 unless the resolution grew with the site.)
	comm, err := louvain(ctx, g, 1)
	if err != nil {
		return nil, nil, err
	}
	parts := members(comm, nil)
	if parts, err = splitBroad(ctx, g, parts, vecs, topical, 0); err != nil {
		return nil, nil, err
	}
	groups = make([][]int, len(parts))
	for c, part := range parts {
		for _, k := range part {
			groups[c] = append(groups[c], nodes[k])
		}
	}
	return groups, relate(s, space, node, nodes, vecs, postings, groups), nil
}

// linkWeight is what one of p's links in its text adds to the similarity
// of p and the page it links to: linkBonus, shared out when p links to
// more than linkFan pages.
func (p *page) linkWeight() float64 {
	return linkBonus * math.Min(1, linkFan/float64(max(1, len(p.content))))
}

// members lists the nodes of each community of comm (numbered from 0), as
// the values of ids when given.
func members(comm []int, ids []int) [][]int {
	var out [][]int
	for k, c := range comm {
		for len(out) <= c {
			out = append(out, nil)
		}
		v := k
		if ids != nil {
			v = ids[k]
		}
		out[c] = append(out[c], v)
	}
	return out
}

// splitBroad splits the clusters too broad for one pillar: of splitPages
// pages or more, where no word or phrase is on splitCover of the pages
// (the pages share a vocabulary but no topic), and whose own graph falls
// into parts with a modularity of splitQ or more. Modularity judges a
// cluster against the whole site, so on a site whose pages all speak of
// the same product a loose group of its blog posts can look like one
// topic; judged on its own, it is several.
func splitBroad(ctx context.Context, g graph, parts [][]int, vecs []termVec, topical []bool, depth int) ([][]int, error) {
	if depth == 3 {
		return parts, nil
	}
	var out [][]int
	for _, part := range parts {
		if len(part) < splitPages || topicCover(part, vecs, topical) >= splitCover {
			out = append(out, part)
			continue
		}
		sub := subgraph(g, part)
		comm, err := louvain(ctx, sub, 1)
		if err != nil {
			return nil, err
		}
		pieces := members(comm, part)
		if len(pieces) < 2 || modularity(sub, comm) < splitQ {
			out = append(out, part)
			continue
		}
		pieces, err = splitBroad(ctx, g, pieces, vecs, topical, depth+1)
		if err != nil {
			return nil, err
		}
		out = append(out, pieces...)
	}
	return out, nil
}

// topicCover is the largest share of a cluster's pages that carry one word
// or phrase.
func topicCover(part []int, vecs []termVec, topical []bool) float64 {
	count := make(map[int32]int)
	best := 0
	for _, k := range part {
		for _, t := range vecs[k].ids {
			if topical[t] {
				count[t]++
				best = max(best, count[t])
			}
		}
	}
	return float64(best) / float64(len(part))
}

// subgraph is the graph of g's edges between the nodes of part; its node k
// stands for part[k].
func subgraph(g graph, part []int) graph {
	local := make(map[int]int, len(part))
	for k, v := range part {
		local[v] = k
	}
	sub := graph{adj: make([][]edge, len(part)), self: make([]float64, len(part))}
	for k, v := range part {
		for _, e := range g.adj[v] {
			if l, ok := local[e.to]; ok {
				sub.adj[k] = append(sub.adj[k], edge{l, e.w})
			}
		}
	}
	return sub
}

// modularity is Newman's modularity of a partition of g.
func modularity(g graph, comm []int) float64 {
	var m2 float64
	deg := make([]float64, len(g.adj))
	for i, es := range g.adj {
		for _, e := range es {
			deg[i] += e.w
		}
		m2 += deg[i]
	}
	if m2 == 0 {
		return 0
	}
	k := 0
	for _, c := range comm {
		k = max(k, c+1)
	}
	// Slices, not maps: summed in community order, q is the same every run.
	in, tot := make([]float64, k), make([]float64, k)
	for i, es := range g.adj {
		tot[comm[i]] += deg[i]
		for _, e := range es {
			if comm[e.to] == comm[i] {
				in[comm[i]] += e.w
			}
		}
	}
	var q float64
	for c, t := range tot {
		q += in[c]/m2 - (t/m2)*(t/m2)
	}
	return q
}

func sortEdges(es []edge) {
	sort.Slice(es, func(i, j int) bool { return es[i].to < es[j].to })
}

// buildClusters names the groups by their leading phrase and orders them,
// largest first.
func buildClusters(s *site, groups, related [][]int) []*cluster {
	// Which pages carry each word, to measure how well a phrase names a
	// group: it should be on most of the group's pages and few others. A
	// page's features hold each word once, so each word's carriers are in
	// page order, each once, as countAll needs (a map of words per page
	// held a tenth of a 100,000-page plan's heap).
	carriers := make(map[string][]int)
	for i, p := range s.html {
		if !p.clusterable() {
			continue
		}
		for _, f := range p.feats {
			carriers[f.word] = append(carriers[f.word], i)
		}
	}
	// count counts the pages that carry every one of words, of pages
	// (sorted) or, when pages is nil, of the site.
	count := func(words []string, pages []int) int { return countAll(carriers, words, pages) }
	// How many pages of the site carry a phrase, counted once: a phrase
	// of common words (the brand's, a word of every page) is a candidate
	// name in most clusters, and counting its carriers again for each one
	// made naming the clusters grow with the square of the pages.
	onSite := make(map[string]int)
	var out []*cluster
	for gi, g := range groups {
		// A page that shares its topic with no other page is no topic: a
		// pillar, a bridge and a funnel for one post would be a plan for
		// one post.
		if len(g) < 2 {
			continue
		}
		sort.Ints(g)
		c := &cluster{pages: g, related: related[gi], pillar: -1, score: make(map[string]float64)}
		weight := make(map[string]float64)
		for _, i := range g {
			for _, ph := range s.html[i].phrases {
				if n := len(strings.Fields(ph.Stem)); n > 0 && n <= 3 {
					weight[ph.Stem] += ph.Weight
				}
			}
		}
		cands := rankStems(weight)
		if len(cands) > 30 {
			cands = cands[:30]
		}
		for _, st := range cands {
			words := strings.Fields(st)
			in := count(words, g)
			if in == 0 {
				continue // made of the brand's own words
			}
			site, ok := onSite[st]
			if !ok {
				site = count(words, nil)
				onSite[st] = site
			}
			precision, recall := float64(in)/float64(site), float64(in)/float64(len(g))
			// F1, with the phrase's weight as a small tie-breaker.
			c.score[st] = 2*precision*recall/(precision+recall) + 1e-3*weight[st]
		}
		c.stems = rankStems(c.score)
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i].pages) != len(out[j].pages) {
			return len(out[i].pages) > len(out[j].pages)
		}
		return s.html[out[i].pages[0]].url < s.html[out[j].pages[0]].url
	})
	surface := surfaceForms(s)
	titles := newTitleGrams(s, surface)
	acr := acronyms(s)
	dirs := newFolders(s)
	used := make(map[string]bool)
	headed := make(map[string]string) // stem → the heading that names a cluster by it
	ids := make(map[string]bool)
	for ci, c := range out {
		// The pillar's title says what the topic is called when it carries
		// one of the good names; else the best name goes first.
		c.pickPillar(s)
		var pillarTitle map[string]bool
		if c.pillar >= 0 {
			pillarTitle = make(map[string]bool)
			for _, t := range tokens(titleTopic(s.html[c.pillar].lp.Page.Title)) {
				pillarTitle[t] = true
			}
		}
		lead := ""
		for _, st := range c.stems {
			if !used[st] && pillarTitle != nil && c.score[st] >= 0.5*c.score[c.stems[0]] && carriesAll(pillarTitle, strings.Fields(st)) {
				lead = st
				break
			}
		}
		for _, st := range c.stems {
			if lead != "" {
				break
			}
			if !used[st] {
				lead = st
			}
		}
		if lead == "" && len(c.stems) > 0 {
			lead = c.stems[0]
		}
		// take makes st, written name, the cluster's lead, scored as the
		// best phrase found.
		take := func(st, name string) {
			lead = st
			if len(c.stems) > 0 {
				c.score[st] = math.Max(c.score[st], c.score[c.stems[0]])
			}
			headed[st] = name
		}
		if lead != "" {
			// What the site heads the topic with first, else the
			// longest phrase that costs the lead no page.
			st, name, ok := headingName(s, c, lead, count, used)
			if !ok {
				lead = longest(c, lead, count, used)
				st, name, ok = headingName(s, c, lead, count, used)
			}
			if ok {
				take(st, name)
			}
		}
		// Where no heading named it, a run of words most of the
		// cluster's titles share does, if it says as much as the phrase
		// found above (a single word of titles, "custom", for a phrase of
		// the text, "install dependencies", says less), and either holds
		// that phrase ("self-hosted" for "self") or the titles do not
		// say that phrase ("kubernetes nodes" for "assign workload", but
		// "first payroll" stays where titles say "Payroll for First-Time
		// Employers").
		_, fromHeading := headed[lead]
		if st, name, ok := titles.name(s, c.pages, used, surface); ok && !fromHeading && st != lead &&
			len(tokens(name)) >= len(tokens(surface[lead])) &&
			(carriesAll(setOf(strings.Fields(st)), strings.Fields(lead)) || !titles.say(s, c.pages, lead)) {
			take(st, name)
		}
		// A single word says little where the cluster sits in a folder
		// whose name says more.
		shown := lead
		if h, ok := headed[lead]; ok {
			shown = h
		}
		if lead != "" && len(strings.Fields(shown)) == 1 {
			if st, name, ok := dirs.name(s, c.pages, used); ok {
				take(st, recase(name, acr))
			}
		}
		used[lead] = true
		if lead != "" {
			// The leading phrase goes first, then the others by weight.
			rest := []string{lead}
			for _, st := range c.stems {
				if st != lead {
					rest = append(rest, st)
				}
			}
			c.stems = rest
		}
		if len(c.stems) > 5 {
			c.stems = c.stems[:5]
		}
		for _, st := range c.stems {
			if h, ok := headed[st]; ok {
				c.names = append(c.names, h)
				continue
			}
			c.names = append(c.names, recase(surface[st], acr))
		}
		c.name = "topic " + strconv.Itoa(ci+1)
		if len(c.names) > 0 && c.names[0] != "" {
			c.name = c.names[0]
		}
		c.id = uniqueID(slug(c.name), ids)
		for _, i := range c.pages {
			s.html[i].cluster = ci
		}
		for _, i := range c.related {
			s.html[i].related = true
		}
	}
	return out
}

// longest extends the leading stem to the longest stem that holds all its
// words and costs nothing: it is on the same pages of the cluster and
// scores as well ("inbox" → "shared inbox"). Ties go to the higher score,
// then byte order.
func longest(c *cluster, lead string, countIn func(words []string, pages []int) int, used map[string]bool) string {
	count := func(words []string) int { return countIn(words, c.pages) }
	leadWords := strings.Fields(lead)
	n, best := count(leadWords), lead
	for _, st := range c.stems {
		words := strings.Fields(st)
		bw := len(strings.Fields(best))
		if used[st] || len(words) < bw || c.score[st] < c.score[lead]-0.01 || !carriesAll(setOf(words), leadWords) || count(words) < n {
			continue
		}
		if len(words) > bw || c.score[st] > c.score[best] || c.score[st] == c.score[best] && st < best {
			best = st
		}
	}
	if best != lead || len(leadWords) > 1 {
		return best
	}
	// A single word names no topic a reader recognises ("port", "options"):
	// the phrase around it that most of its pages carry does ("port
	// forwarding"), if it holds three in five of them and scores nearly as
	// well.
	bestN := 0
	for _, st := range c.stems {
		words := strings.Fields(st)
		if used[st] || len(words) < 2 || !carriesAll(setOf(words), leadWords) || c.score[st] < 0.6*c.score[lead] {
			continue
		}
		if k := count(words); 5*k >= 3*n && (k > bestN || k == bestN && c.score[st] > c.score[best]) {
			best, bestN = st, k
		}
	}
	return best
}

// headingName looks for a more specific name than the leading stem in the
// headings of the cluster's hubs: the pillar and the pages that link in
// their text to at least half the cluster (a shop's category page, a
// product overview). A hub's h1 or the leading part of its title ("Rain
// Jackets | Waterproof Jackets for Hiking" → "rain jackets") is what the
// site calls the topic. A heading names the cluster when it holds every
// word of the leading stem, at most four words in all, no brand words and
// no format words (guide, tips) beyond the stem's, is not a question or a
// "how to", and is carried by at least two of the cluster's pages and a
// third of them; among several the one most pages carry wins, then the
// longer, then the first in byte order, so names stay deterministic. A
// heading whose stem another cluster already took does not count, so
// names stay unique.
func headingName(s *site, c *cluster, lead string, count func(words []string, pages []int) int, used map[string]bool) (stem, name string, ok bool) {
	in := make(map[int]bool, len(c.pages))
	for _, i := range c.pages {
		in[i] = true
	}
	leadWords := strings.Fields(lead)
	// A hub links in its text to half the cluster; in a cluster without
	// one, the pages that link to the most of it do, if to a third.
	share := make(map[int]float64, len(c.pages))
	hub := 0.5
	top := 0.0
	for _, i := range c.pages {
		share[i], _ = c.hubShare(s, i, in)
		top = math.Max(top, share[i])
	}
	if top < hub && top >= 1.0/3 {
		hub = top
	}
	bestN, bestLen, bestHub := 0, 0, false
	for _, i := range c.pages {
		isHub := i == c.pillar || share[i] >= hub
		pg := s.html[i].lp.Page
		for _, h := range append([]string{titleTopic(pg.Title)}, pg.H1...) {
			h = headingLead(h)
			words := tokens(h)
			if h == "" || len(words) > 4 || len(strings.Fields(h)) > 6 || !carriesAll(setOf(words), leadWords) {
				continue
			}
			bad := false
			for _, w := range words {
				if s.brandWords[w] || (formatWords[w] && !slices.Contains(leadWords, w)) {
					bad = true
				}
			}
			key := strings.Join(words, " ")
			// Any page may say how the site writes the leading stem
			// itself ("Delivery and returns"); only hubs may name it
			// more specifically.
			if bad || (used[key] && key != lead) || (!isHub && key != lead) {
				continue
			}
			n := count(words, c.pages)
			if n < 2 || 3*n < len(c.pages) {
				continue
			}
			h = lowerWords(h)
			if better := n > bestN || n == bestN && (isHub && !bestHub || isHub == bestHub &&
				(len(words) > bestLen || len(words) == bestLen && h < name)); better {
				stem, name, bestN, bestLen, bestHub = key, h, n, len(words), isHub
			}
		}
	}
	return stem, name, stem != ""
}

// headingLead is the part of a heading that names its topic: up to the
// first colon or bar, less a leading article; "" for a question or a
// "how to", which name a task, not a topic.
func headingLead(h string) string {
	if i := strings.IndexAny(h, ":|–—"); i >= 0 {
		h = h[:i]
	}
	h = strings.Join(strings.Fields(h), " ")
	low := strings.ToLower(h)
	for _, q := range []string{"how ", "what ", "why ", "when ", "which ", "where ", "who "} {
		if strings.HasPrefix(low, q) {
			return ""
		}
	}
	if strings.ContainsAny(h, "?!") || h != "" && h[0] >= '0' && h[0] <= '9' {
		return ""
	}
	for _, a := range []string{"the ", "a ", "an "} {
		if strings.HasPrefix(low, a) {
			return h[len(a):]
		}
	}
	return h
}

// lowerWords lower-cases a heading but for its acronyms ("SLA management").
func lowerWords(h string) string {
	f := strings.Fields(h)
	for i, w := range f {
		if len(w) < 2 || strings.ToUpper(w) != w || strings.ToLower(w) == w {
			f[i] = strings.ToLower(w)
		}
	}
	return strings.Join(f, " ")
}

// countAll counts the pages that carry every one of words, of those in
// pages when pages is not nil (sorted), given each word's carriers in page
// order: it walks the rarest word's carriers and
// looks for each in the others' from where the last was found, so a phrase
// of a common word and a rare one costs the rare one's carriers, not the
// common one's (looking through the rarest's pages' words one page at a
// time took 9 of the 135 s of CPU of a 100,000-page second plan).
func countAll(carriers map[string][]int, words []string, pages []int) int {
	lists := make([][]int, len(words), len(words)+1)
	for k, w := range words {
		lists[k] = carriers[w]
	}
	if pages != nil {
		lists = append(lists, pages)
	}
	slices.SortFunc(lists, func(a, b []int) int { return len(a) - len(b) })
	rarest, others := lists[0], lists[1:]
	at := make([]int, len(others))
	n := 0
next:
	for _, i := range rarest {
		for k, l := range others {
			j, found := slices.BinarySearch(l[at[k]:], i)
			at[k] += j
			if at[k] == len(l) {
				break next // no page past this one carries the word
			}
			if !found {
				continue next
			}
		}
		n++
	}
	return n
}

func setOf(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func carriesAll(set map[string]bool, words []string) bool {
	for _, w := range words {
		if !set[w] {
			return false
		}
	}
	return true
}

func rankStems(score map[string]float64) []string {
	stems := make([]string, 0, len(score))
	for st := range score {
		stems = append(stems, st)
	}
	sort.Slice(stems, func(i, j int) bool {
		if score[stems[i]] != score[stems[j]] {
			return score[stems[i]] > score[stems[j]]
		}
		return stems[i] < stems[j]
	})
	return stems
}

// surfaceForms maps each stem to the phrase most pages write it as.
func surfaceForms(s *site) map[string]string {
	count := make(map[string]map[string]int)
	for _, p := range s.html {
		for _, ph := range p.lp.KeyPhrases {
			if count[ph.Stem] == nil {
				count[ph.Stem] = make(map[string]int)
			}
			count[ph.Stem][ph.Phrase]++
		}
	}
	out := make(map[string]string, len(count))
	for st, m := range count {
		best, bestN := "", 0
		for ph, c := range m {
			if c > bestN || (c == bestN && ph < best) {
				best, bestN = ph, c
			}
		}
		if best == "" {
			best = st
		}
		out[st] = best
	}
	return out
}

const maxSlug = 40

// slug turns a name into a lower-case ASCII identifier with dashes.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	// IDs name files and anchors; a long title makes a long slug, so keep
	// whole words up to maxSlug bytes.
	for len(out) > maxSlug {
		i := strings.LastIndexByte(out, '-')
		if i <= 0 {
			out = out[:maxSlug]
			break
		}
		out = out[:i]
	}
	if out == "" {
		out = "topic"
	}
	return out
}

func uniqueID(base string, used map[string]bool) string {
	id := base
	for n := 2; used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	used[id] = true
	return id
}
