package planner

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/internal/urlnorm"
)

// What Search Console rows (a query, the page it showed, clicks,
// impressions and position) say about the pages the site already has. A
// plan proposes new content; these findings say which existing pages to
// refresh, retitle or consolidate first, each with its numbers.
const (
	// minImpressions is the demand under which a page's or a query's
	// figures are noise: a position averaged over a few dozen
	// impressions says little.
	minImpressions = 100
	// strikingFrom and strikingTo bound the average positions from which a
	// refresh can lift a page onto page one or to its top: under 4 it is
	// there already, past 20 a refresh is not enough.
	strikingFrom, strikingTo = 4.0, 20.0
	// lowCTRShare is the share of the expected CTR under which a snippet
	// (the title and description searchers see) is failing; lowCTRMin is
	// the impressions a page needs for its CTR to be judged.
	lowCTRShare = 0.5
	lowCTRMin   = 500
	// maxSearchFindings caps each kind of finding, the largest first, so a
	// site of 100,000 pages gets a worklist, not a dump.
	maxSearchFindings = 25
)

// expectedCTR is a typical organic click-through rate by position, 1 to
// 10: the shape published CTR studies agree on (about a quarter of clicks
// at 1, halving by 3, a few percent by 10). It only marks a snippet whose
// CTR is under half of it, so its exact values matter little.
var expectedCTR = []float64{0.28, 0.15, 0.11, 0.08, 0.06, 0.05, 0.04, 0.03, 0.025, 0.02}

func ctrAt(pos float64) float64 {
	i := int(math.Round(pos)) - 1
	if i < 0 {
		i = 0
	}
	if i >= len(expectedCTR) {
		return 0
	}
	return expectedCTR[i]
}

// searchRow is one query of one crawled page, with its Search Console figures.
type searchRow struct {
	query       string
	page        int // html index
	clicks      int
	impressions int
	position    float64
}

// pageSearch is a page's Search Console figures over its queries.
type pageSearch struct {
	page        int
	clicks      int
	impressions int
	position    float64 // impression-weighted average
	rows        []searchRow
}

// searchRows are the keyword rows that name a crawled HTML page and have
// impressions, merged when a file lists the same query and page twice.
func searchRows(s *site, kws []seoplan.LabeledKeyword) []searchRow {
	type key struct {
		query string
		page  int
	}
	at := make(map[key]int)
	var out []searchRow
	for _, k := range kws {
		kw := k.Keyword
		if kw.URL == "" || kw.Impressions <= 0 {
			continue
		}
		i, ok := s.resolveReported(kw.URL)
		if !ok {
			continue
		}
		q := strings.ToLower(strings.Join(strings.Fields(kw.Text), " "))
		kk := key{q, i}
		if n, ok := at[kk]; ok {
			r := &out[n]
			r.position = (r.position*float64(r.impressions) + kw.Position*float64(kw.Impressions)) / float64(r.impressions+kw.Impressions)
			r.clicks += kw.Clicks
			r.impressions += kw.Impressions
			continue
		}
		at[kk] = len(out)
		out = append(out, searchRow{query: q, page: i, clicks: kw.Clicks, impressions: kw.Impressions, position: kw.Position})
	}
	return out
}

// byPage sums the rows of each page, its largest query first.
func byPage(rows []searchRow) []pageSearch {
	idx := make(map[int]int)
	var out []pageSearch
	for _, r := range rows {
		n, ok := idx[r.page]
		if !ok {
			n = len(out)
			idx[r.page] = n
			out = append(out, pageSearch{page: r.page})
		}
		ps := &out[n]
		ps.position = (ps.position*float64(ps.impressions) + r.position*float64(r.impressions)) / float64(ps.impressions+r.impressions)
		ps.clicks += r.clicks
		ps.impressions += r.impressions
		ps.rows = append(ps.rows, r)
	}
	for i := range out {
		sortRows(out[i].rows)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].impressions > out[j].impressions })
	return out
}

func sortRows(rows []searchRow) {
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].impressions != rows[j].impressions {
			return rows[i].impressions > rows[j].impressions
		}
		return rows[i].query < rows[j].query
	})
}

// searchFindings turns Search Console rows into work on existing pages:
// queries that several pages compete for, pages in striking distance of
// page one, and snippets that lose clicks at their position.
func searchFindings(s *site, clusters []*cluster, kws []seoplan.LabeledKeyword, stats []seoplan.PageStat) []seoplan.Finding {
	rows := searchRows(s, kws)
	competing, losers := competingPages(s, rows)
	// A page that competes for a query another page should own is sent
	// to the competition's fix, not to be refreshed or retitled for it.
	kept := rows[:0:0]
	for _, r := range rows {
		if !losers[r] {
			kept = append(kept, r)
		}
	}
	pages := byPage(kept)
	// A page the queries judge row by row is not judged again by its
	// Pages-export average, which mixes its queries' positions.
	judged := make(map[int]bool, len(pages))
	for _, ps := range pages {
		judged[ps.page] = true
	}
	// Nor is a page that decayed: its decay finding names the cause and
	// the one fix, where a refresh and a retitle beside it would send two
	// people to the same page.
	reported := reportedPages(s, stats)
	decayed, fell := decay(s, clusters, reported)
	for _, i := range fell {
		judged[i] = true
	}
	pages = append(pages, pageTotals(reported, judged)...)
	sort.SliceStable(pages, func(i, j int) bool { return pages[i].impressions > pages[j].impressions })
	var out []seoplan.Finding
	out = append(out, competing...)
	out = append(out, strikingDistance(s, clusters, pages)...)
	out = append(out, lowCTR(s, pages)...)
	out = append(out, decayed...)
	return out
}

// competingPages finds queries for which two or more of the site's pages
// show, each with real impressions: Google cannot tell which page answers
// the query, and each ranks lower than one page would. Queries the same
// pages share are one finding.
//
// It returns the findings and the rows of the pages that should give way.
func competingPages(s *site, rows []searchRow) ([]seoplan.Finding, map[searchRow]bool) {
	byQuery := make(map[string][]searchRow)
	total := make(map[string]int)
	for _, r := range rows {
		if r.impressions >= minImpressions/4 {
			byQuery[r.query] = append(byQuery[r.query], r)
			total[r.query] += r.impressions
		}
	}
	var queries []string
	for q, rs := range byQuery {
		if len(rs) >= 2 && total[q] >= minImpressions {
			queries = append(queries, q)
		}
	}
	sort.Slice(queries, func(i, j int) bool {
		if total[queries[i]] != total[queries[j]] {
			return total[queries[i]] > total[queries[j]]
		}
		return queries[i] < queries[j]
	})
	losers := make(map[searchRow]bool)
	type group struct {
		urls  []string
		parts []string
		lead  string // the query the group draws most impressions for
		owner string // the page that draws most for it
	}
	var groups []*group
	byPages := make(map[string]*group)
	for _, q := range queries {
		rs := byQuery[q]
		sortRows(rs)
		for _, r := range rs[1:] {
			losers[r] = true
		}
		var urls, shown []string
		for _, r := range rs {
			u := s.html[r.page].url
			urls = append(urls, u)
			shown = append(shown, fmt.Sprintf("%s at %.1f (%s impressions, %s)", pathOnly(u), r.position, thousands(r.impressions), clicks(r.clicks)))
		}
		key := strings.Join(slices.Sorted(slices.Values(urls)), " ")
		g, ok := byPages[key]
		if !ok {
			g = &group{urls: urls, lead: q, owner: urls[0]}
			byPages[key] = g
			groups = append(groups, g)
		}
		g.parts = append(g.parts, quote(q)+": "+strings.Join(shown, ", "))
	}
	var out []seoplan.Finding
	for _, g := range groups[:min(len(groups), maxSearchFindings)] {
		out = append(out, seoplan.Finding{
			Kind:     seoplan.FindingCannibalisation,
			Severity: "high",
			Summary: fmt.Sprintf("%d pages show in Search Console for the same %s: %s.",
				len(g.urls), plural(len(g.parts), "query", "queries"), strings.Join(g.parts, "; ")),
			Pages: g.urls,
			Fix: fmt.Sprintf("Choose the page that should rank for %s (%s draws most impressions), make it answer the query fully, "+
				"and link the others to it with the query as anchor; merge and 301 a page that says the same thing, or refocus it on another query.",
				quote(g.lead), g.owner),
		})
	}
	return out, losers
}

// strikingDistance finds pages with queries at positions 4 to 20 with
// real impressions: a refresh (the queries answered in their own
// headings, fresher facts, links in from the cluster) can lift them onto
// page one or to its top, for less work than a new page. Each query is
// judged on its own row: a page at 2.6 for its main query and at 44 for a
// stray one is in striking distance for neither.
func strikingDistance(s *site, clusters []*cluster, pages []pageSearch) []seoplan.Finding {
	var out []seoplan.Finding
	for _, ps := range pages {
		if len(out) == maxSearchFindings {
			break
		}
		var near []searchRow
		for _, r := range ps.rows {
			if r.impressions >= minImpressions && r.position >= strikingFrom && r.position <= strikingTo {
				near = append(near, r)
			}
		}
		if len(near) == 0 {
			continue
		}
		p := s.html[ps.page]
		impressions := 0
		for _, r := range near {
			impressions += r.impressions
		}
		var summary, fix string
		if near[0].query == "" { // a Pages-export total
			summary = fmt.Sprintf("%s is in striking distance of the top of page one: position %.1f on average over its queries, with %s impressions.",
				p.url, near[0].position, thousands(impressions))
			fix = fmt.Sprintf("Refresh %s: find the queries it shows for (Search Console, Queries filtered to this page), answer the largest under headings of their own, bring facts and examples up to date", p.url)
		} else {
			var qs []string
			for _, r := range near[:min(3, len(near))] {
				qs = append(qs, fmt.Sprintf("%s at %.1f (%s impressions)", quote(r.query), r.position, thousands(r.impressions)))
			}
			summary = fmt.Sprintf("%s is in striking distance of the top of page one for %d %s with %s impressions: %s.",
				p.url, len(near), plural(len(near), "query", "queries"), thousands(impressions), strings.Join(qs, "; "))
			fix = fmt.Sprintf("Refresh %s for %s: answer it under a heading of its own, bring facts and examples up to date", p.url, quote(near[0].query))
		}
		if pillar := pillarOf(s, clusters, p); pillar != "" {
			fix += ", and link to it from " + pillar
			if near[0].query != "" {
				fix += " with the query as anchor"
			}
		}
		out = append(out, seoplan.Finding{
			Kind:     seoplan.FindingStrikingDistance,
			Severity: "medium",
			Summary:  summary,
			Pages:    []string{p.url},
			Fix:      fix + ".",
			Queries:  queryStats(near),
		})
	}
	return out
}

// lowCTR finds pages on page one whose click-through rate for a query is
// under half of what its position usually gets: searchers see the page
// and pick another result, so the title and description are what to
// rewrite. Each query is judged on its own row, at its own position.
func lowCTR(s *site, pages []pageSearch) []seoplan.Finding {
	var out []seoplan.Finding
	for _, ps := range pages {
		if len(out) == maxSearchFindings {
			break
		}
		for _, r := range ps.rows {
			want := ctrAt(r.position)
			if r.impressions < lowCTRMin || want == 0 {
				continue
			}
			got := float64(r.clicks) / float64(r.impressions)
			if got >= lowCTRShare*want {
				continue
			}
			p := s.html[ps.page]
			what, fix := " for "+quote(r.query), "for "+quote(r.query)+": lead with the query"
			if r.query == "" { // a Pages-export total
				what, fix = " over its queries", "of "+p.url+": lead with the query it shows for most"
			}
			out = append(out, seoplan.Finding{
				Kind:     seoplan.FindingLowCTR,
				Severity: "medium",
				Summary: fmt.Sprintf("%s gets %s from %s impressions%s (CTR %.1f%%) at position %.1f, where about %.0f%% is usual.",
					p.url, clicks(r.clicks), thousands(r.impressions), what, 100*got, r.position, 100*want),
				Pages: []string{p.url},
				Fix: fmt.Sprintf("Rewrite the title tag and meta description %s, say what the page gives that the other results do not, "+
					"within about 60 and 155 characters; compare the CTR over the next four weeks.", fix),
				Queries: queryStats([]searchRow{r}),
			})
			break // the page's largest such query; one rewrite serves the others
		}
	}
	return out
}

// pathOnly is a URL's path and query, for lists where the host repeats.
func pathOnly(u string) string {
	pu, err := url.Parse(u)
	if err != nil || pu.Path == "" {
		return u
	}
	if pu.RawQuery != "" {
		return pu.Path + "?" + pu.RawQuery
	}
	return pu.Path
}

// pillarOf is the URL of the pillar of the page's cluster, "" when the page
// is the pillar or has none.
func pillarOf(s *site, clusters []*cluster, p *page) string {
	if p.cluster < 0 || p.cluster >= len(clusters) {
		return ""
	}
	i := clusters[p.cluster].pillar
	if i < 0 || s.html[i] == p {
		return ""
	}
	return s.html[i].url
}

// resolveReported finds the crawled page a report names: Search Console
// writes the URL Google indexed, which may differ from the crawled one in
// its escapes or its trailing slash.
func (s *site) resolveReported(u string) (int, bool) {
	if i, ok := s.resolve(u); ok {
		return i, true
	}
	n, err := urlnorm.Normalize(nil, u)
	if err != nil {
		return 0, false
	}
	for _, v := range []string{n, strings.TrimSuffix(n, "/"), n + "/"} {
		if i, ok := s.resolve(v); ok {
			return i, true
		}
	}
	return 0, false
}

func clicks(n int) string { return thousands(n) + " " + plural(n, "click", "clicks") }

// reportedPage is a Pages-export row of a crawled page, with the page's
// html index.
type reportedPage struct {
	st   seoplan.PageStat
	page int
}

// reportedPages are the rows of Pages exports that name a crawled page, in
// file order, each URL resolved once for pageTotals and decay.
func reportedPages(s *site, stats []seoplan.PageStat) []reportedPage {
	var out []reportedPage
	for _, st := range stats {
		if i, ok := s.resolveReported(st.URL); ok {
			out = append(out, reportedPage{st, i})
		}
	}
	return out
}

// pageTotals are the crawled pages of Search Console Pages exports that no
// query row judges, each as one row over all its queries (query "").
func pageTotals(reported []reportedPage, judged map[int]bool) []pageSearch {
	var out []pageSearch
	seen := make(map[int]bool)
	for _, rp := range reported {
		st, i := rp.st, rp.page
		if judged[i] || seen[i] || st.Impressions == 0 {
			continue
		}
		seen[i] = true
		r := searchRow{page: i, clicks: st.Clicks, impressions: st.Impressions, position: st.Position}
		out = append(out, pageSearch{page: i, clicks: st.Clicks, impressions: st.Impressions, position: st.Position, rows: []searchRow{r}})
	}
	return out
}

// A page decays when a compare export shows it lost at least decayShare
// of at least decayMinClicks clicks: fewer than that is noise from week
// to week.
const (
	decayShare     = 0.3
	decayMinClicks = 30
)

// decay finds the pages of compare exports whose clicks fell, the most
// clicks lost first, and says from the numbers which of the three usual
// causes it is: the page fell in the rankings (refresh it), searchers ask
// less (a season or a fading topic: check before rewriting), or it is shown
// as often at the same place but clicked less (a search feature or a rival
// snippet: rewrite the title and description). It returns the findings and
// their pages' html indexes.
func decay(s *site, clusters []*cluster, reported []reportedPage) ([]seoplan.Finding, []int) {
	type fall struct {
		st   seoplan.PageStat
		page int
		lost int
	}
	var falls []fall
	seen := make(map[int]bool)
	for _, rp := range reported {
		st, i := rp.st, rp.page
		lost := st.PrevClicks - st.Clicks
		if !st.Compared || st.PrevClicks < decayMinClicks || float64(lost) < decayShare*float64(st.PrevClicks) || seen[i] {
			continue
		}
		seen[i] = true
		falls = append(falls, fall{st, i, lost})
	}
	sort.SliceStable(falls, func(i, j int) bool { return falls[i].lost > falls[j].lost })
	falls = falls[:min(len(falls), maxSearchFindings)]
	var out []seoplan.Finding
	var pages []int
	for _, f := range falls {
		pages = append(pages, f.page)
		st, p := f.st, s.html[f.page]
		share := float64(f.lost) / float64(st.PrevClicks)
		summary := fmt.Sprintf("%s lost %s of its %s against the period before (%.0f%%): impressions %s → %s",
			p.url, thousands(f.lost), clicks(st.PrevClicks), -100*share, thousands(st.PrevImpressions), thousands(st.Impressions))
		if st.PrevPosition > 0 && st.Position > 0 {
			summary += fmt.Sprintf(", position %.1f → %.1f", st.PrevPosition, st.Position)
		}
		var fix string
		switch {
		case st.PrevPosition > 0 && st.Position-st.PrevPosition >= 1:
			fix = fmt.Sprintf("It fell in the rankings: see which pages now outrank it for its main queries, refresh %s (facts, examples, the questions they answer that it does not)", p.url)
			if pillar := pillarOf(s, clusters, p); pillar != "" {
				fix += " and link to it from " + pillar
			}
		case st.PrevImpressions > 0 && float64(st.Impressions) <= (1-decayShare)*float64(st.PrevImpressions):
			fix = "It holds its place but is shown less: searchers ask less for what it answers. Compare with the same period a year before; if it is a season, refresh it before the next one, if the topic is fading, move its effort to the cluster's rising queries"
		default:
			fix = fmt.Sprintf("It is shown as often, at the same place, and clicked less: look at the results page for its main query (a new answer box, video or rival snippet) and rewrite the title tag and meta description of %s to win the click back", p.url)
		}
		sev := "medium"
		if share >= 0.5 {
			sev = "high"
		}
		out = append(out, seoplan.Finding{
			Kind:     seoplan.FindingDecay,
			Severity: sev,
			Summary:  summary + ".",
			Pages:    []string{p.url},
			Fix:      fix + ".",
		})
	}
	return out, pages
}

// queryStats are the rows a finding cites, a Pages-export total (no query)
// left out.
func queryStats(rows []searchRow) []seoplan.QueryStat {
	var out []seoplan.QueryStat
	for _, r := range rows {
		if r.query != "" {
			out = append(out, seoplan.QueryStat{Query: r.query, Impressions: r.impressions, Position: r.position})
		}
	}
	return out
}
