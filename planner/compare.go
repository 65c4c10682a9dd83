package planner

import (
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/seoplan/seoplan"
)

// Snapshot is one crawl as Compare sees it: its labeled pages and, when one
// was made, the plan made from them. The earlier snapshot needs its Plan for
// cluster coverage and done proposals; the later one's Plan is optional (its
// clusters are used when given, otherwise new pages are matched to the
// earlier plan's clusters by their phrases).
type Snapshot struct {
	ID      int64
	Started time.Time
	Pages   []seoplan.LabeledPage
	Plan    *seoplan.Plan
}

// Compare reports what changed between two crawls of a site: pages added,
// removed and changed in intent or title, the intent mix before and after,
// each cluster's pages by intent, and which of prev's proposals a page of cur
// now answers. It is pure: the same snapshots give the same Change.
func Compare(prev, cur Snapshot) seoplan.Change {
	before, after := diffHTMLPages(prev.Pages), diffHTMLPages(cur.Pages)
	pr := seoplan.Change{
		From:      diffSnapshotInfo(prev, len(before)),
		To:        diffSnapshotInfo(cur, len(after)),
		MixBefore: diffMix(before),
		MixAfter:  diffMix(after),
	}
	switch {
	case cur.Plan != nil:
		pr.Site = cur.Plan.Site
	case prev.Plan != nil:
		pr.Site = prev.Plan.Site
	}
	for _, u := range diffKeys(after) {
		lp, ok := before[u]
		if !ok {
			pr.Added = append(pr.Added, diffPageRef(after[u]))
			continue
		}
		now := after[u]
		tb, ta := strings.TrimSpace(lp.Page.Title), strings.TrimSpace(now.Page.Title)
		if tb != ta || lp.Label.Intent != now.Label.Intent {
			pr.Changed = append(pr.Changed, seoplan.PageChange{
				URL: u, TitleBefore: tb, TitleAfter: ta,
				IntentBefore: lp.Label.Intent, IntentAfter: now.Label.Intent,
				SubtypeBefore: lp.Label.Subtype, SubtypeAfter: now.Label.Subtype,
			})
		}
	}
	for _, u := range diffKeys(before) {
		if _, ok := after[u]; !ok {
			pr.Removed = append(pr.Removed, diffPageRef(before[u]))
		}
	}
	pr.Clusters = diffClusters(prev.Plan, cur.Plan, before, after, pr.Added)
	pr.Done = diffDone(prev.Plan, pr.Added, after)
	return pr
}

func diffSnapshotInfo(s Snapshot, pages int) seoplan.SnapshotInfo {
	info := seoplan.SnapshotInfo{ID: s.ID, Pages: pages}
	if !s.Started.IsZero() {
		info.Started = s.Started.UTC().Format(time.RFC3339)
	}
	return info
}

// diffHTMLPages keys a crawl's parsed HTML pages by URL: redirects, errors and
// other files are not content and would only add noise to a diff.
func diffHTMLPages(pages []seoplan.LabeledPage) map[string]seoplan.LabeledPage {
	m := make(map[string]seoplan.LabeledPage, len(pages))
	for _, lp := range pages {
		if lp.Page.IsHTML() {
			m[lp.Page.URL] = lp
		}
	}
	return m
}

func diffKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func diffPageRef(lp seoplan.LabeledPage) seoplan.PageRef {
	return seoplan.PageRef{
		URL: lp.Page.URL, Title: strings.TrimSpace(lp.Page.Title),
		Intent: lp.Label.Intent, Subtype: lp.Label.Subtype, Stage: lp.Label.Stage,
		Words: lp.Page.WordCount,
	}
}

func diffMix(pages map[string]seoplan.LabeledPage) seoplan.IntentMix {
	var m seoplan.IntentMix
	for _, lp := range pages {
		switch lp.Label.Intent {
		case seoplan.IntentProduct:
			m.Product++
		case seoplan.IntentProblem:
			m.Problem++
		default:
			m.Other++
		}
	}
	if n := m.Product + m.Problem; n > 0 {
		m.ProductShare = float64(m.Product) / float64(n)
		m.ProblemShare = float64(m.Problem) / float64(n)
	}
	return m
}

// diffClusters counts each cluster's pages by intent before and after.
// Without a later plan, a cluster keeps its pages that still exist (with
// their new labels) and gains the new pages whose words best match its
// leading phrases.
func diffClusters(prev, cur *seoplan.Plan, before, after map[string]seoplan.LabeledPage, added []seoplan.PageRef) []seoplan.ClusterChange {
	if prev == nil {
		return nil
	}
	isNew := make(map[string]bool, len(added))
	for _, a := range added {
		isNew[a.URL] = true
	}
	var out []seoplan.ClusterChange
	index := make(map[string]int)
	for _, c := range prev.Clusters {
		cp := seoplan.ClusterChange{ID: c.ID, Name: c.Name, Before: map[seoplan.Intent]int{}, After: map[seoplan.Intent]int{}}
		for _, pg := range c.Pages {
			cp.Before[pg.Intent]++
			if cur == nil {
				if lp, ok := after[pg.URL]; ok {
					cp.After[lp.Label.Intent]++
				}
			}
		}
		index[c.ID] = len(out)
		out = append(out, cp)
	}
	if cur != nil {
		for _, c := range cur.Clusters {
			i, ok := index[c.ID]
			if !ok {
				i = len(out)
				index[c.ID] = i
				out = append(out, seoplan.ClusterChange{ID: c.ID, Name: c.Name, Before: map[seoplan.Intent]int{}, After: map[seoplan.Intent]int{}})
			}
			for _, pg := range c.Pages {
				out[i].After[pg.Intent]++
				if isNew[pg.URL] {
					out[i].Added = append(out[i].Added, pg.URL)
				}
			}
		}
		return out
	}
	phrases := make([][][]string, len(prev.Clusters))
	for i, c := range prev.Clusters {
		for _, ph := range c.Phrases {
			if st := diffStems(ph); len(st) > 0 {
				phrases[i] = append(phrases[i], st)
			}
		}
	}
	for _, a := range added {
		words := diffPageStems(after[a.URL])
		best, bestN := -1, 0
		for i := range prev.Clusters {
			n := 0
			for _, ph := range phrases[i] {
				if diffContainsAll(words, ph) {
					n++
				}
			}
			if n > bestN {
				best, bestN = i, n
			}
		}
		if best >= 0 {
			out[best].After[a.Intent]++
			out[best].Added = append(out[best].Added, a.URL)
		}
	}
	return out
}

// diffDone pairs proposals with new pages that answer them: a page
// answers a proposal when its title is the proposal's title, or its title,
// h1, URL and key phrases hold every content word of the target keyword.
// A page answers at most one proposal, the highest-priority one.
func diffDone(prev *seoplan.Plan, added []seoplan.PageRef, after map[string]seoplan.LabeledPage) []seoplan.ProposalDone {
	if prev == nil {
		return nil
	}
	used := make(map[string]bool)
	words := make(map[string]map[string]bool, len(added))
	for _, a := range added {
		words[a.URL] = diffPageStems(after[a.URL])
	}
	var out []seoplan.ProposalDone
	for _, p := range prev.Proposals {
		kw := diffStems(p.Keyword)
		for _, a := range added {
			if used[a.URL] {
				continue
			}
			same := a.Title != "" && strings.EqualFold(a.Title, strings.TrimSpace(p.Title))
			if !same && (len(kw) == 0 || !diffContainsAll(words[a.URL], kw)) {
				continue
			}
			used[a.URL] = true
			out = append(out, seoplan.ProposalDone{ID: p.ID, Title: p.Title, Keyword: p.Keyword, Cluster: p.Cluster, URL: a.URL, Page: a.Title})
			break
		}
	}
	return out
}

// diffPageStems is the set of content-word stems a reader sees first on a page.
func diffPageStems(lp seoplan.LabeledPage) map[string]bool {
	set := make(map[string]bool)
	add := func(s string) {
		for _, st := range diffStems(s) {
			set[st] = true
		}
	}
	add(lp.Page.Title)
	add(lp.Page.URL)
	for _, h := range lp.Page.H1 {
		add(h)
	}
	for _, kp := range lp.KeyPhrases {
		add(kp.Phrase)
	}
	return set
}

// diffStop are words too common to tell two topics apart.
var diffStop = map[string]bool{
	"a": true, "an": true, "and": true, "the": true, "to": true, "for": true, "of": true, "in": true,
	"on": true, "with": true, "your": true, "you": true, "how": true, "what": true, "is": true,
	"best": true, "vs": true, "www": true, "http": true, "https": true, "com": true, "html": true,
}

// stems splits s into lower-case words and returns the English stem of each
// that is not a stop word.
func diffStems(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var out []string
	for _, w := range f {
		if diffStop[w] {
			continue
		}
		out = append(out, stemWord(w))
	}
	return out
}

func diffContainsAll(set map[string]bool, words []string) bool {
	for _, w := range words {
		if !set[w] {
			return false
		}
	}
	return true
}
