package planner

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/seoplan/seoplan"
)

// What a writer needs beyond the title and keyword: the questions the
// piece should answer, how long the cluster's pages run, a title tag and a
// meta description that fit the search result, and the URL slug.
const (
	// titleTagMax and metaMax are about what Google shows of a title
	// (about 600 pixels) and of a description on a desktop result.
	titleTagMax = 60
	metaMax     = 155
	// maxQuestions is how many questions a brief lists.
	maxQuestions = 8
	// defaultWords is the length of a piece whose cluster has no page with
	// a word count and whose effort names none.
	defaultWords = 1000
)

var questionRE = regexp.MustCompile(`(?i)^(how|what|why|when|which|who|where|can|does|do|is|are|should|will)\b`)

// isQuestion reports whether a keyword asks a question: searchers leave
// the question mark off, so its first word tells.
func isQuestion(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, "?") || questionRE.MatchString(s)
}

// asksQuestion reports whether a heading asks one: a heading that does
// ends with a question mark ("How we chose" does not ask).
func asksQuestion(h string) bool { return strings.HasSuffix(strings.TrimSpace(h), "?") }

// brief fills the writer's part of a proposal.
func (pr *proposer) brief(c *cluster, p *seoplan.Proposal) {
	p.Questions = pr.questions(c, p.Keyword)
	p.TargetWords = pr.targetWords(c, p.Subtype, p.Effort)
	p.TitleTag = titleTag(p.Title, pr.s.brand)
	p.MetaDescription = metaDescription(p, pr.s.brand)
	p.Slug = pr.slugFor(p)
}

// questions are what the piece should answer: the cluster's keywords that
// ask a question, most searched first, then the questions the cluster's
// pages raise in their headings, most often raised first, less those a
// page of the cluster already answers in its title and the target keyword
// itself.
func (pr *proposer) questions(c *cluster, target string) []string {
	a := pr.asksOf(c)
	answered := map[string]bool{norm(target): true}
	var out []string
	add := func(q string) {
		if len(out) == maxQuestions {
			return
		}
		if k := norm(q); k != "" && !answered[k] && !a.titled[k] {
			answered[k] = true
			out = append(out, q)
		}
	}
	kws := slices.Clone(c.keywords)
	sort.SliceStable(kws, func(i, j int) bool { return demand(kws[i].Keyword) > demand(kws[j].Keyword) })
	for _, k := range kws {
		if isQuestion(k.Keyword.Text) {
			add(strings.Join(strings.Fields(k.Keyword.Text), " "))
		}
	}
	for _, q := range a.asked {
		add(q)
	}
	return out
}

// clusterAsks is what questions reads of a cluster's pages, the same for
// every piece proposed in it, so read once: a cluster of 30,000 pages may
// get a dozen pieces.
type clusterAsks struct {
	titled map[string]bool // the norms of the pages' titles
	asked  []string        // the questions of their headings, most often raised first
}

func (pr *proposer) asksOf(c *cluster) *clusterAsks {
	if a, ok := pr.asks[c]; ok {
		return a
	}
	a := &clusterAsks{titled: make(map[string]bool, len(c.pages))}
	for _, i := range c.pages {
		a.titled[norm(titleTopic(pr.s.html[i].lp.Page.Title))] = true
	}
	count := make(map[string]float64)
	first := make(map[string]string)
	for _, i := range c.pages {
		for _, h := range pr.s.html[i].lp.Page.Headings {
			if h.Level > 3 || !asksQuestion(h.Text) {
				continue
			}
			k := norm(h.Text)
			if _, ok := first[k]; !ok {
				first[k] = strings.Join(strings.Fields(h.Text), " ")
			}
			count[k]++
		}
	}
	for _, k := range rankStems(count) {
		a.asked = append(a.asked, first[k])
	}
	if pr.asks == nil {
		pr.asks = make(map[*cluster]*clusterAsks)
	}
	pr.asks[c] = a
	return a
}

// norm is a text's stemmed content words, for telling two wordings of one
// question apart from two questions.
func norm(s string) string { return strings.Join(tokens(s), " ") }

var wordsRE = regexp.MustCompile(`(\d[\d,]*)-word`)

// targetWords is the length to aim for: the median of the cluster's pages
// of the same kind, else of its pages of the same intent, else of all its
// pages, rounded to a hundred and never under the effort's own figure;
// without any, the effort's figure or defaultWords.
func (pr *proposer) targetWords(c *cluster, st seoplan.Subtype, effort string) int {
	floor := 0
	if m := wordsRE.FindStringSubmatch(effort); m != nil {
		floor, _ = strconv.Atoi(strings.ReplaceAll(m[1], ",", ""))
	}
	var same, intent, all []int
	for _, i := range c.pages {
		p := pr.s.html[i]
		w := p.lp.Page.WordCount
		if w <= 0 {
			continue
		}
		all = append(all, w)
		if p.label.Subtype == st {
			same = append(same, w)
		}
		if p.label.Intent == st.Intent() {
			intent = append(intent, w)
		}
	}
	ws := same
	for _, alt := range [][]int{intent, all} {
		if len(ws) == 0 {
			ws = alt
		}
	}
	if len(ws) == 0 {
		return max(floor, defaultWords)
	}
	slices.Sort(ws)
	med := ws[len(ws)/2]
	return max(floor, (med+50)/100*100)
}

// titleTag is the proposal's title, with the brand after a bar when both
// fit in titleTagMax characters; a longer title is cut at a word.
func titleTag(title, brand string) string {
	if brand != "" && !strings.Contains(strings.ToLower(title), strings.ToLower(brand)) {
		if t := title + " | " + brand; utf8.RuneCountInString(t) <= titleTagMax {
			return t
		}
	}
	return cutWords(title, titleTagMax)
}

// metaDescription drafts the description searchers read under the title:
// what the piece gives, in the words of its keyword and secondary
// keywords, within metaMax characters.
func metaDescription(p *seoplan.Proposal, brand string) string {
	kw := p.Keyword
	var d string
	switch p.Subtype {
	case seoplan.SubtypeHowTo:
		d = fmt.Sprintf("A step-by-step guide to %s", kw)
	case seoplan.SubtypeExplainer:
		d = fmt.Sprintf("%s explained in plain words", sentence(kw))
	case seoplan.SubtypeGuide:
		d = fmt.Sprintf("Everything about %s in one guide", kw)
	case seoplan.SubtypeTemplate:
		d = fmt.Sprintf("A ready-to-use %s template", kw)
	case seoplan.SubtypeTips:
		d = fmt.Sprintf("Practical %s tips", kw)
	case seoplan.SubtypeCaseStudy:
		d = fmt.Sprintf("How a customer handles %s", kw)
	case seoplan.SubtypeComparison:
		d = fmt.Sprintf("%s compared, side by side", sentence(kw))
	case seoplan.SubtypeReport:
		d = fmt.Sprintf("What the data says about %s", kw)
	default:
		d = sentence(kw)
		if brand != "" {
			d += " with " + brand
		}
	}
	if len(p.Secondary) > 0 {
		d += ": " + strings.Join(p.Secondary[:min(3, len(p.Secondary))], ", ")
	}
	return cutWords(d, metaMax-1) + "."
}

// cutWords shortens s to at most n characters at a word boundary.
func cutWords(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	cut := string(r[:n])
	if r[n] != ' ' { // the cut falls inside a word: drop it
		if i := strings.LastIndexByte(cut, ' '); i > 0 {
			cut = cut[:i]
		}
	}
	return strings.TrimRight(cut, " ,;:–—-")
}

// slugFor is the URL slug for the new page: the target keyword's words,
// with the format's word when a page of the site already ends its path so.
func (pr *proposer) slugFor(p *seoplan.Proposal) string {
	base := slug(p.Keyword)
	if base == "topic" {
		base = slug(p.Title)
	}
	if pr.slugs == nil {
		// The slugs the site's pages end their paths with are taken.
		pr.slugs = make(map[string]bool, len(pr.s.html))
		for _, pg := range pr.s.html {
			if segs := pathSegments(pg.url); len(segs) > 0 {
				pr.slugs[segs[len(segs)-1]] = true
			}
		}
	}
	taken := func(sl string) bool { return pr.slugs[sl] }
	out := base
	if taken(out) {
		out = slug(p.Keyword + " " + p.Format)
	}
	for n := 2; taken(out); n++ {
		out = slug(p.Keyword+" "+p.Format) + "-" + strconv.Itoa(n)
	}
	pr.slugs[out] = true
	return out
}
