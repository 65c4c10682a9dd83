package planner

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/seoplan/seoplan"
)

// thinWords is the main-text length below which a page is too thin to rank
// or to help a reader (TAXONOMY.md's own line for thin pages).
const thinWords = 150

// check is one content-audit rule; audit runs them all in this order.
type check func(s *site, clusters []*cluster) []seoplan.Finding

var checks = []check{
	checkBroken,
	checkCannibalisation,
	checkNoindexInCluster,
	checkOrphans,
	checkNoProductLink,
	checkPillarUnlinked,
	checkThin,
	checkDuplicateTitles,
	checkMissingMeta,
}

var severityRank = map[string]int{"high": 0, "medium": 1, "low": 2}

func audit(s *site, clusters []*cluster, kws []seoplan.LabeledKeyword, stats []seoplan.PageStat) []seoplan.Finding {
	var out []seoplan.Finding
	for _, c := range checks {
		out = append(out, c(s, clusters)...)
	}
	out = confirmed(out, searchFindings(s, clusters, kws, stats))
	sort.SliceStable(out, func(i, j int) bool {
		return severityRank[out[i].Severity] < severityRank[out[j].Severity]
	})
	return out
}

// confirmed adds the findings from search data to the audit's, dropping a
// cannibalisation suspected from titles or phrases when Search Console
// shows the same pages competing: the evidence replaces the suspicion.
func confirmed(audit, data []seoplan.Finding) []seoplan.Finding {
	var shown []map[string]bool
	for _, f := range data {
		if f.Kind == seoplan.FindingCannibalisation {
			shown = append(shown, setOf(f.Pages))
		}
	}
	out := audit[:0]
	for _, f := range audit {
		if f.Kind == seoplan.FindingCannibalisation && slices.ContainsFunc(shown, func(m map[string]bool) bool { return carriesAll(m, f.Pages) }) {
			continue
		}
		out = append(out, f)
	}
	return append(out, data...)
}

// checkBroken finds internal links to pages that answered 4xx or 5xx or did
// not answer at all: one finding per broken target, naming who links to it.
func checkBroken(s *site, _ []*cluster) []seoplan.Finding {
	// broken[id] says whether the URL numbered id is a page that answered
	// 4xx or 5xx or did not answer; a URL not crawled (excluded,
	// disallowed or over the limit) is unknown, not broken.
	broken := make([]bool, len(s.links.urls))
	for id, u := range s.links.urls {
		if t, ok := s.all[u]; ok {
			st := t.Page.Status
			broken[id] = st >= 400 || (st == 0 && t.Page.Error != "")
		}
	}
	from := make(map[string][]string)
	seen := make([]int, len(s.links.urls)) // URL number → 1 + the last page that linked it
	for i, p := range s.html {
		for _, id := range p.links {
			if !broken[id] || seen[id] == i+1 {
				continue
			}
			seen[id] = i + 1
			u := s.links.url(id)
			from[u] = append(from[u], p.url)
		}
	}
	var out []seoplan.Finding
	for _, target := range sortedKeys(from) {
		t := s.all[target]
		status := fmt.Sprintf("status %d", t.Page.Status)
		if t.Page.Status == 0 {
			status = "error: " + t.Page.Error
		}
		pages := from[target]
		out = append(out, seoplan.Finding{
			Kind:     seoplan.FindingBrokenLink,
			Severity: "high",
			Summary:  fmt.Sprintf("%s (%s) is linked from %d %s.", target, status, len(pages), plural(len(pages), "page", "pages")),
			Pages:    append([]string{target}, pages...),
			Fix:      "Point the links at the page that replaced it, or restore it; redirect the old URL with a 301.",
		})
	}
	return out
}

// maxTitleGroup bounds the pages of one kind in one cluster whose titles
// are compared pairwise.
const maxTitleGroup = 300

// checkCannibalisation finds pages that compete for the same searches:
// several pages on the same primary phrase with the same intent. Two rules:
//
//   - the same leading phrase of two words or more, same intent and kind
//     ("squall waterproof jacket" on two product pages). A single shared
//     word is not a shared phrase; and a listing page (a category, which
//     links two or more product pages in its text) never competes with the
//     items it lists, only with another listing;
//   - problem pages of one kind in one cluster whose titles share two topic
//     words and a third of their words or a two-word phrase ("How to
//     reproof a rain jacket" and "How to reproof a waterproof jacket (and
//     when to replace it)"; "How to build a knowledge base" and "How to
//     create a knowledge base customers use"). Format words ("guide",
//     "tips", "complete") say what a page is, not what it is about, and do
//     not count; and titles naming different tasks on one object ("how to
//     choose" and "how to wash a sleeping bag") do not compete.
func checkCannibalisation(s *site, clusters []*cluster) []seoplan.Finding {
	groups := make(map[string][]int)
	for i, p := range s.html {
		if !p.clusterable() || len(p.phrases) == 0 || p.lp.Page.Noindex {
			continue
		}
		kind := string(p.label.Intent) + "|" + string(p.label.Subtype) + "|"
		if lead := p.phrases[0].Stem; strings.Contains(lead, " ") {
			k := kind + s.role(p) + "|phrase|" + lead
			groups[k] = append(groups[k], i)
		}
		if p.label.Intent == seoplan.IntentProblem && p.cluster >= 0 {
			// Product pages of one range share words by nature (men's and
			// women's jacket); posts of one kind in one cluster may compete.
			k := fmt.Sprintf("%stitle|%d", kind, p.cluster)
			groups[k] = append(groups[k], i)
		}
	}
	var out []seoplan.Finding
	reported := make(map[string]bool)
	for _, k := range sortedKeys(groups) {
		idx := groups[k]
		if len(idx) < 2 {
			continue
		}
		if strings.Contains(k, "|title|") {
			if len(idx) > maxTitleGroup {
				continue // comparing every pair would not scale; the phrase rule still applies
			}
			idx = similarTitles(s, idx)
			if len(idx) < 2 {
				continue
			}
		}
		var pages []string
		for _, i := range idx {
			pages = append(pages, s.html[i].url)
		}
		key := strings.Join(pages, " ")
		if reported[key] {
			continue
		}
		reported[key] = true
		p := s.html[idx[0]]
		what := string(p.label.Intent)
		if p.label.Subtype != seoplan.SubtypeProduct {
			what += " " + string(p.label.Subtype)
		}
		summary := fmt.Sprintf("%d %s pages lead on the same phrase %s and compete for the same searches.",
			len(pages), what, quote(p.phrases[0].Phrase))
		if strings.Contains(k, "|title|") {
			summary = fmt.Sprintf("%d %s pages in %s have near-identical titles and compete for the same searches.",
				len(pages), what, quote(clusters[p.cluster].name))
		}
		f := seoplan.Finding{
			Kind:     seoplan.FindingCannibalisation,
			Severity: "high",
			Summary:  summary,
			Pages:    pages,
			Fix:      "Merge them into the strongest page and 301 the others to it, or refocus each on a distinct phrase.",
		}
		if variants(pages) {
			// Men's and women's, red and blue: each is searched and
			// bought on its own, so merging them loses sales.
			f.Severity = "medium"
			f.Summary = fmt.Sprintf("%d product pages are variants of one product (%s) and lead on the same phrase %s.",
				len(pages), strings.Join(variantNames(pages), ", "), quote(p.phrases[0].Phrase))
			f.Fix = variantFix
		}
		out = append(out, f)
	}
	return out
}

// role tells a listing page (a category or range page, which links two or
// more product pages in its text) from an item page.
func (s *site) role(p *page) string {
	n := 0
	for _, j := range p.content {
		if s.html[j].label.Intent == seoplan.IntentProduct {
			n++
		}
	}
	if p.label.Intent == seoplan.IntentProduct && n >= 2 {
		return "listing"
	}
	return "item"
}

// formatWords are stemmed title words that name a page's format rather
// than its topic.
var formatWords = map[string]bool{
	"guid": true, "complet": true, "ultim": true, "step": true, "tip": true, "idea": true,
	"exampl": true, "explain": true, "checklist": true, "templat": true, "beginn": true,
	"best": true, "practic": true, "everyth": true, "need": true, "know": true,
}

// topicWords are the stemmed words of a title's topic, less format words.
func topicWords(title string) []string {
	var out []string
	for _, w := range tokens(titleTopic(title)) {
		if !formatWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// taskWords groups the stemmed verbs that name a reader's task. Titles on one
// object whose tasks differ ("how to choose a sleeping bag", "how to wash a
// sleeping bag"; a buying guide and a care guide) answer different searches;
// verbs of one group ("build" and "create a knowledge base") do not.
var taskWords = map[string]int{
	"build": 1, "creat": 1, "make": 1, "set": 1, "setup": 1, "start": 1, "launch": 1, "design": 1, "plan": 1,
	"choos": 2, "pick": 2, "select": 2, "buy": 2, "compar": 2, "find": 2,
	"care": 3, "clean": 3, "wash": 3, "dri": 3, "store": 3, "maintain": 3, "repair": 3, "fix": 3,
	"reproof": 3, "waterproof": 3, "reactiv": 3,
	"use": 4, "pitch": 4, "pack": 4, "fit": 4, "wear": 4, "lace": 4, "measur": 4, "adjust": 4,
}

// differentTasks reports whether two titles name tasks and share none.
func differentTasks(a, b []string) bool {
	ta, tb := make(map[int]bool), make(map[int]bool)
	for _, w := range a {
		if g := taskWords[w]; g > 0 {
			ta[g] = true
		}
	}
	for _, w := range b {
		if g := taskWords[w]; g > 0 {
			tb[g] = true
		}
	}
	if len(ta) == 0 || len(tb) == 0 {
		return false
	}
	for g := range ta {
		if tb[g] {
			return false
		}
	}
	return true
}

// similarTitles keeps the pages whose title shares two words with another
// page's title in idx, and either a third of both titles' words or two
// words in a row.
func similarTitles(s *site, idx []int) []int {
	words := make([][]string, len(idx))
	for k, i := range idx {
		words[k] = topicWords(s.html[i].lp.Page.Title)
	}
	var out []int
	for a := range idx {
		for b := range idx {
			if a == b {
				continue
			}
			if differentTasks(words[a], words[b]) {
				continue
			}
			shared := titleOverlap(words[a], words[b])
			union := len(words[a]) + len(words[b]) - shared
			if shared >= 2 && (3*shared >= union || sharesBigram(words[a], words[b])) {
				out = append(out, idx[a])
				break
			}
		}
	}
	return out
}

// sameStem reports whether two stemmed title words are one word: equal,
// or one the other with up to three more letters, which the stemmer leaves
// on some forms ("reconcil" of reconcile, "reconcili" of reconciliation).
func sameStem(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return a == b || len(a) >= 6 && len(b)-len(a) <= 3 && strings.HasPrefix(b, a)
}

// titleOverlap counts the words of a that b holds, by sameStem.
func titleOverlap(a, b []string) int {
	n := 0
	for _, x := range a {
		if slices.ContainsFunc(b, func(y string) bool { return sameStem(x, y) }) {
			n++
		}
	}
	return n
}

func sharesBigram(a, b []string) bool {
	for i := 1; i < len(a); i++ {
		for j := 1; j < len(b); j++ {
			if sameStem(a[i-1], b[j-1]) && sameStem(a[i], b[j]) {
				return true
			}
		}
	}
	return false
}

func checkNoindexInCluster(s *site, _ []*cluster) []seoplan.Finding {
	var out []seoplan.Finding
	for _, p := range s.html {
		if p.cluster >= 0 && p.lp.Page.Noindex {
			out = append(out, seoplan.Finding{
				Kind:     seoplan.FindingNoindexInCluster,
				Severity: "high",
				Summary:  fmt.Sprintf("%s belongs to a topic cluster but is marked noindex, so search engines drop it.", p.url),
				Pages:    []string{p.url},
				Fix:      "Remove the noindex if the page should rank; otherwise take it out of the cluster's links.",
			})
		}
	}
	return out
}

// checkOrphans finds pages the sitemap lists that no other page links to.
func checkOrphans(s *site, _ []*cluster) []seoplan.Finding {
	var out []seoplan.Finding
	for _, p := range s.html {
		if p.lp.Page.InSitemap && len(p.in) == 0 && p.lp.Page.Depth > 0 {
			out = append(out, seoplan.Finding{
				Kind:     seoplan.FindingOrphan,
				Severity: "medium",
				Summary:  fmt.Sprintf("%s is in the sitemap but no page links to it.", p.url),
				Pages:    []string{p.url},
				Fix:      "Link to it from its cluster's pillar and a related page, or remove it from the sitemap if it is retired.",
			})
		}
	}
	return out
}

// checkNoProductLink finds problem pages in clusters that hand readers to
// no product page.
func checkNoProductLink(s *site, _ []*cluster) []seoplan.Finding {
	var out []seoplan.Finding
	for _, p := range s.html {
		if p.cluster < 0 || p.label.Intent != seoplan.IntentProblem || s.bridges(p) {
			continue
		}
		out = append(out, seoplan.Finding{
			Kind:     seoplan.FindingNoProductLink,
			Severity: "medium",
			Summary:  fmt.Sprintf("%s is problem content that links to no product page outside the menu.", p.url),
			Pages:    []string{p.url},
			Fix:      "Add an in-text link to the product page that solves the problem the page describes.",
		})
	}
	return out
}

// checkPillarUnlinked finds cluster pages that do not link to their pillar
// or that the pillar does not link to.
func checkPillarUnlinked(s *site, clusters []*cluster) []seoplan.Finding {
	var out []seoplan.Finding
	for _, c := range clusters {
		if c.pillar < 0 {
			continue
		}
		pl := s.html[c.pillar]
		links := func(from *page, to int) bool {
			for _, j := range from.out {
				if int(j) == to {
					return true
				}
			}
			return false
		}
		var up, down []string
		for _, i := range c.pages {
			if i == c.pillar {
				continue
			}
			if !links(s.html[i], c.pillar) {
				up = append(up, s.html[i].url)
			}
			if !links(pl, i) {
				down = append(down, s.html[i].url)
			}
		}
		if len(up) > 0 {
			out = append(out, seoplan.Finding{
				Kind:     seoplan.FindingPillarUnlinked,
				Severity: "medium",
				Summary:  fmt.Sprintf("%d %s in %s %s not link to the pillar %s.", len(up), plural(len(up), "page", "pages"), quote(c.name), plural(len(up), "does", "do"), pl.url),
				Pages:    up,
				Fix:      "Add a link to the pillar from each page, with the cluster's phrase as anchor.",
			})
		}
		if len(down) > 0 {
			out = append(out, seoplan.Finding{
				Kind:     seoplan.FindingPillarUnlinked,
				Severity: "medium",
				Summary:  fmt.Sprintf("The pillar %s of %s does not link to %d of its %s.", pl.url, quote(c.name), len(down), plural(len(down), "page", "pages")),
				Pages:    down,
				Fix:      "Link each page from the pillar's matching section.",
			})
		}
	}
	return out
}

// checkThin finds indexable pages under thinWords words of main text. Legal
// pages, archives, error pages and the home page are short by nature.
func checkThin(s *site, _ []*cluster) []seoplan.Finding {
	var out []seoplan.Finding
	for _, p := range s.html {
		pg := p.lp.Page
		switch p.label.Subtype {
		case seoplan.SubtypeLegal, seoplan.SubtypeArchive, seoplan.SubtypeError, seoplan.SubtypeNavigational:
			continue
		}
		if pg.WordCount >= thinWords || pg.Noindex || pathIsRoot(p.url) {
			continue
		}
		out = append(out, seoplan.Finding{
			Kind:     seoplan.FindingThin,
			Severity: "medium",
			Summary:  fmt.Sprintf("%s has %d words of main text (under %d).", p.url, pg.WordCount, thinWords),
			Pages:    []string{p.url},
			Fix:      "Expand it with what the reader came for, or merge it into a stronger page of its cluster.",
		})
	}
	return out
}

func checkDuplicateTitles(s *site, _ []*cluster) []seoplan.Finding {
	groups := make(map[string][]string)
	title := make(map[string]string)
	for _, p := range s.html {
		t := strings.TrimSpace(p.lp.Page.Title)
		if t == "" || p.lp.Page.Noindex {
			continue
		}
		k := strings.ToLower(strings.Join(strings.Fields(t), " "))
		groups[k] = append(groups[k], p.url)
		if _, ok := title[k]; !ok {
			title[k] = t
		}
	}
	var out []seoplan.Finding
	for _, k := range sortedKeys(groups) {
		if pages := groups[k]; len(pages) > 1 {
			f := seoplan.Finding{
				Kind:     seoplan.FindingDuplicateTitle,
				Severity: "low",
				Summary:  fmt.Sprintf("%d pages share the title %s.", len(pages), quote(title[k])),
				Pages:    pages,
				Fix:      "Give each page a title that names its own topic.",
			}
			if variants(pages) {
				f.Summary = fmt.Sprintf("%d variants of one product (%s) share the title %s.",
					len(pages), strings.Join(variantNames(pages), ", "), quote(title[k]))
				f.Fix = "Name the variant in each title and h1 (" + quote(titleTopic(title[k])+" – "+variantLabel(variantNames(pages)[0])) + ")."
			}
			out = append(out, f)
		}
	}
	return out
}

func checkMissingMeta(s *site, _ []*cluster) []seoplan.Finding {
	var pages []string
	for _, p := range s.html {
		if strings.TrimSpace(p.lp.Page.MetaDescription) == "" && !p.lp.Page.Noindex {
			pages = append(pages, p.url)
		}
	}
	if len(pages) == 0 {
		return nil
	}
	return []seoplan.Finding{{
		Kind:     seoplan.FindingMissingMetaDesc,
		Severity: "low",
		Summary:  fmt.Sprintf("%d %s no meta description, so search engines pick a snippet.", len(pages), plural(len(pages), "page has", "pages have")),
		Pages:    pages,
		Fix:      "Write a 140–160 character description that states what the reader gets.",
	}}
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// variantFix is what to do with product variants that compete: keep them.
const variantFix = "Keep each variant's page: name the variant in its title and h1, give it its own description (fit, colour, size), " +
	"and let each be its own canonical; only variants that differ in nothing a searcher types (a colour swatch on one page) " +
	"take a canonical to the main page. Do not merge them and 301: each variant is searched for and bought on its own."

// variantWords are the words by which product variants' URLs differ: who
// a product is for, its colour, its size.
var variantWords = map[string]bool{
	"men": true, "mens": true, "women": true, "womens": true, "man": true, "woman": true, "male": true, "female": true,
	"unisex": true, "kids": true, "kid": true, "boys": true, "girls": true, "junior": true, "youth": true, "baby": true,
	"black": true, "white": true, "grey": true, "gray": true, "red": true, "blue": true, "navy": true, "green": true,
	"yellow": true, "orange": true, "pink": true, "purple": true, "brown": true, "beige": true, "olive": true, "khaki": true,
	"xs": true, "s": true, "m": true, "l": true, "xl": true, "xxl": true, "small": true, "medium": true, "large": true,
	"short": true, "long": true, "regular": true, "tall": true, "wide": true, "narrow": true,
}

// variantNames are the words each URL has that the others lack ("mens",
// "womens"), one name per URL, "" for a URL with none.
func variantNames(urls []string) []string {
	sets := make([][]string, len(urls))
	count := make(map[string]int)
	for i, u := range urls {
		for _, w := range pathWordList(u) {
			if !slices.Contains(sets[i], w) {
				sets[i] = append(sets[i], w)
				count[w]++
			}
		}
	}
	out := make([]string, len(urls))
	for i, ws := range sets {
		var own []string
		for _, w := range ws {
			if count[w] < len(urls) {
				own = append(own, w)
			}
		}
		out[i] = strings.Join(own, " ")
	}
	return out
}

// variants reports whether pages are variants of one product: their URLs
// differ only in variant words, and each has one.
func variants(urls []string) bool {
	if len(urls) < 2 {
		return false
	}
	for _, name := range variantNames(urls) {
		if name == "" {
			return false
		}
		for _, w := range strings.Fields(name) {
			if !variantWords[w] {
				return false
			}
		}
	}
	return true
}

// variantLabel writes a variant word as a title does: "mens" → "Men's".
func variantLabel(v string) string {
	switch v {
	case "mens", "men":
		return "Men's"
	case "womens", "women":
		return "Women's"
	case "kids":
		return "Kids'"
	}
	return sentence(v)
}

// pathWordList is the words of a URL's path in order.
func pathWordList(u string) []string {
	var out []string
	for _, seg := range pathSegments(u) {
		out = append(out, strings.FieldsFunc(seg, func(r rune) bool { return r == '-' || r == '_' || r == '.' })...)
	}
	return out
}
