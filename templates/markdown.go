package templates

import (
	"bytes"
	"cmp"
	_ "embed"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"
	"text/template"

	"github.com/seoplan/seoplan"
)

//go:embed roadmap.md.tmpl
var roadmapText string

// Limits that keep the roadmap readable on a large site; plan.json has all.
const (
	diagramClusters = 20 // clusters drawn in the topic map
	diagramPages    = 8  // pages drawn per cluster
	listPages       = 6  // pages named in one table cell
	unclusteredRows = 50 // unclustered pages listed

	// A site with more clusters than largeClusters is summarised
	// (view.summarise): detailClusters shown in full, the next
	// tableClusters a line each, the rest counted; each cluster shown
	// lists its clusterPages first pages and clusterProposals first
	// proposals with their proposalLinks first links, the audit its
	// largeFindings first findings.
	largeClusters    = 100
	detailClusters   = 50
	tableClusters    = 200
	clusterProposals = 10
	clusterPages     = 20
	proposalLinks    = 10
	largeFindings    = 100
)

var roadmap = template.Must(template.New("roadmap.md.tmpl").Funcs(template.FuncMap{
	"md":      Escape,
	"mmd":     func(s string) string { return Mermaid(s, 48) },
	"pct":     func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
	"add":     func(a, b int) int { return a + b },
	"join":    func(ss []string) string { return escapeJoin(ss, ", ") },
	"stages":  func() []seoplan.Stage { return seoplan.Stages[:3] },
	"intents": func() []seoplan.Intent { return seoplan.Intents[:2] },
}).Parse(roadmapText))

// Markdown writes the plan as roadmap.md: a GitHub-flavoured Markdown report
// an SEO lead can send to a client. Every piece of text that came from the
// crawled site is escaped (see Escape). Nothing is written to w unless the
// whole roadmap renders.
func Markdown(w io.Writer, p *seoplan.Plan) error {
	var buf bytes.Buffer
	if err := roadmap.Execute(&buf, newView(p)); err != nil {
		return fmt.Errorf("render roadmap: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write roadmap: %w", err)
	}
	return nil
}

// reportMarkdown is the roadmap as the HTML report's body: the summary is
// left to the report's own executive summary, each cluster's proposals are
// a placeholder fence the report draws as cards, and dates read as people
// write them.
func reportMarkdown(v *view) ([]byte, error) {
	var buf bytes.Buffer
	if err := roadmap.Execute(&buf, v); err != nil {
		return nil, fmt.Errorf("render roadmap: %w", err)
	}
	return buf.Bytes(), nil
}

// view is the plan arranged for the template: lookups done, long lists cut,
// URLs shortened to paths. Text stays raw; the template escapes it.
type view struct {
	*seoplan.Plan
	// Report is set for the HTML report's body (see reportMarkdown).
	Report      bool
	Clusters    []clusterView
	Diagram     []diagramCluster
	Pie         []pieSlice
	Scheduled   []proposalView
	Unscheduled int
	// Sources counts the proposals' target keywords by where they come
	// from (seoplan.KeywordSource).
	Sources     map[string]int
	Findings    []findingView
	Unclustered []seoplan.PageRef
	MoreUnclust int
	Site        string
	// Summarised says how a large site's roadmap was cut (summarise);
	// "" when it shows everything. Table lists the clusters after those
	// shown in full, a line each.
	Summarised string
	Table      []clusterLine
}

// clusterLine is a cluster of a large site shown as one line of a table.
type clusterLine struct {
	N                      int
	Name, Pillar           string
	Pages, Gaps, Proposals int
}

type clusterView struct {
	seoplan.Cluster
	N          int
	PillarName string // title of the pillar page or proposal
	PillarPath string
	Rows       []coverageRow
	Subtypes   string
	Pages      []pageView
	Gaps       []gapView
	Proposals  []proposalView
	MorePages  int // pages of a large site's cluster not listed (summarise)
	// Related lists the pages related to the cluster (the first
	// listPages; MoreRelated counts the rest), RelatedKinds their subtypes
	// with counts.
	Related      []pageView
	MoreRelated  int
	RelatedKinds string
}

type coverageRow struct {
	Intent seoplan.Intent
	Counts []int // awareness, consideration, decision
	Total  int
}

type pageView struct {
	seoplan.PageRef
	Path string
}

type gapView struct {
	seoplan.Gap
	Paths []string
	More  int
}

type proposalView struct {
	seoplan.Proposal
	ClusterName string
	Links       []linkView
	MoreLinks   int // links of a large site's proposal not listed (summarise)
	// Reason is PriorityReason with the site's own URLs cut to paths.
	Reason string
	// Whys are the links' reasons, each once.
	Whys []string
}

type linkView struct {
	From, To, Anchor, Why string
}

type findingView struct {
	seoplan.Finding
	Paths []string
	More  int
}

type diagramCluster struct {
	ID, Name, Pillar string
	Proposed         bool
	Nodes            []diagramNode
	More             int
}

type diagramNode struct {
	ID, Label, Class string
}

type pieSlice struct {
	Label string
	N     int
}

func newView(p *seoplan.Plan) *view {
	v := &view{Plan: p, Site: p.Site, Sources: make(map[string]int)}
	titles := make(map[string]string)
	names := make(map[string]string)
	for _, c := range p.Clusters {
		names[c.ID] = c.Name
		for _, pg := range c.Pages {
			titles[pg.URL] = pg.Title
		}
	}
	props := make(map[string]seoplan.Proposal)
	for _, pr := range p.Proposals {
		props[pr.ID] = pr
	}
	path := func(u string) string {
		if id, ok := strings.CutPrefix(u, "proposal:"); ok {
			if pr, ok := props[id]; ok {
				return "new: " + pr.Title
			}
		}
		return sitePath(p.Site, u)
	}
	pview := func(pr seoplan.Proposal) proposalView {
		pv := proposalView{Proposal: pr, ClusterName: names[pr.Cluster], Reason: pathsIn(p.Site, pr.PriorityReason)}
		for _, l := range pr.Links {
			pv.Links = append(pv.Links, linkView{From: path(l.From), To: path(l.To), Anchor: l.Anchor, Why: l.Why})
			if l.Why != "" && !slices.Contains(pv.Whys, l.Why) {
				pv.Whys = append(pv.Whys, l.Why)
			}
		}
		return pv
	}
	byCluster := make(map[string][]proposalView)
	for _, pr := range p.Proposals {
		byCluster[pr.Cluster] = append(byCluster[pr.Cluster], pview(pr))
		if pr.Due != "" {
			v.Scheduled = append(v.Scheduled, pview(pr))
		} else {
			v.Unscheduled++
		}
		v.Sources[string(pr.KeywordSource)]++
	}
	sort.SliceStable(v.Scheduled, func(i, j int) bool { return v.Scheduled[i].Due < v.Scheduled[j].Due })
	for n, c := range p.Clusters {
		cv := clusterView{Cluster: c, N: n + 1, Proposals: byCluster[c.ID]}
		if c.Pillar != "" {
			cv.PillarName, cv.PillarPath = titles[c.Pillar], path(c.Pillar)
		} else if pr, ok := props[c.PillarProposal]; ok {
			cv.PillarName = pr.Title
		}
		for _, in := range seoplan.Intents[:2] {
			row := coverageRow{Intent: in}
			for _, st := range seoplan.Stages[:3] {
				k := 0
				for _, pg := range c.Pages {
					if pg.Intent == in && pg.Stage == st {
						k++
					}
				}
				row.Counts = append(row.Counts, k)
			}
			row.Total = c.Coverage.ByIntent[in]
			cv.Rows = append(cv.Rows, row)
		}
		var subs []string
		for _, in := range seoplan.Intents[:2] {
			for _, st := range seoplan.Subtypes[in] {
				if k := c.Coverage.BySubtype[st]; k > 0 {
					subs = append(subs, fmt.Sprintf("%s %d", st, k))
				}
			}
		}
		cv.Subtypes = strings.Join(subs, ", ")
		for _, pg := range c.Pages {
			cv.Pages = append(cv.Pages, pageView{PageRef: pg, Path: path(pg.URL)})
		}
		cv.Related, cv.MoreRelated, cv.RelatedKinds = relatedView(c.Related, path)
		for _, g := range c.Gaps {
			gv := gapView{Gap: g}
			gv.Paths, gv.More = paths(g.Pages, path)
			cv.Gaps = append(cv.Gaps, gv)
		}
		v.Clusters = append(v.Clusters, cv)
		if n < diagramClusters {
			v.Diagram = append(v.Diagram, diagram(n, c, cv.PillarName))
		}
	}
	for _, f := range p.Audit {
		fv := findingView{Finding: f}
		fv.Paths, fv.More = paths(f.Pages, path)
		v.Findings = append(v.Findings, fv)
	}
	v.Unclustered = append([]seoplan.PageRef(nil), p.Unclustered...) // copied: paths replace URLs below
	if len(v.Unclustered) > unclusteredRows {
		v.MoreUnclust = len(v.Unclustered) - unclusteredRows
		v.Unclustered = v.Unclustered[:unclusteredRows]
	}
	for i, u := range v.Unclustered {
		u.URL = path(u.URL)
		v.Unclustered[i] = u
	}
	v.Pie = []pieSlice{{"Product", p.Balance.Product}, {"Problem", p.Balance.Problem}, {"Other", p.Balance.Other}}
	v.summarise()
	return v
}

// summarise cuts the roadmap of a site with more than largeClusters
// clusters to what a reader can take in, and says so: the clusters come
// largest first and the proposals and findings in priority order, so what
// is cut is what matters least. plan.json and the calendar CSV keep all.
func (v *view) summarise() {
	total := len(v.Clusters)
	if total <= largeClusters {
		return
	}
	props, findings := len(v.Plan.Proposals), len(v.Findings)
	for _, c := range v.Clusters[detailClusters:min(total, detailClusters+tableClusters)] {
		v.Table = append(v.Table, clusterLine{N: c.N, Name: c.Name, Pillar: c.PillarName,
			Pages: len(c.Cluster.Pages), Gaps: len(c.Gaps), Proposals: len(c.Proposals)})
	}
	v.Clusters = v.Clusters[:detailClusters]
	for i := range v.Clusters {
		c := &v.Clusters[i]
		if len(c.Proposals) > clusterProposals {
			c.Proposals = c.Proposals[:clusterProposals]
		}
		for j := range c.Proposals {
			if pr := &c.Proposals[j]; len(pr.Links) > proposalLinks {
				pr.MoreLinks = len(pr.Links) - proposalLinks
				pr.Links = pr.Links[:proposalLinks]
			}
		}
		if len(c.Pages) > clusterPages {
			c.MorePages = len(c.Pages) - clusterPages
			c.Pages = c.Pages[:clusterPages]
		}
	}
	if len(v.Findings) > largeFindings {
		v.Findings = v.Findings[:largeFindings]
	}
	rest := total - detailClusters - len(v.Table)
	note := fmt.Sprintf("This site is large: the roadmap shows its %d largest of %s topic clusters in full, "+
		"each with at most %d pages, %d proposals and %d links a proposal, and the next %d a line each",
		detailClusters, thousands(total), clusterPages, clusterProposals, proposalLinks, len(v.Table))
	if rest > 0 {
		note += fmt.Sprintf("; %s smaller clusters are only counted", thousands(rest))
	}
	if findings > largeFindings {
		note += fmt.Sprintf("; the audit lists the %d most severe of %s findings", largeFindings, thousands(findings))
	}
	v.Summarised = note + fmt.Sprintf(". plan.json holds them all: %s clusters, %s proposals and %s findings; the calendar CSV every scheduled piece.",
		thousands(total), thousands(props), thousands(findings))
}

// pathsIn cuts every URL of site in s to its path, so a sentence that
// names pages stays short.
func pathsIn(site, s string) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		if strings.HasPrefix(w, "http") {
			words[i] = sitePath(site, w)
		}
	}
	return strings.Join(words, " ")
}

// Gap names a gap kind: its slug in roadmap.md, which scripts read, and
// the words a client reads in the report ("No link to the product").
func (v *view) Gap(k seoplan.GapKind) string {
	if t, ok := gapTitles[k]; ok && v.Report {
		return t
	}
	return string(k)
}

// Day writes a date of the plan (YYYY-MM-DD or RFC 3339) for the reader:
// as it is in roadmap.md, which scripts read too, and as people write it
// in the report ("7 Dec 2026").
func (v *view) Day(s string) string {
	if !v.Report {
		return s
	}
	return shortDate(s)
}

// relatedView lists a cluster's related pages for the roadmap: the first
// listPages, how many more, and their subtypes with counts, most first
// ("news 3, navigational 1").
func relatedView(related []seoplan.PageRef, path func(string) string) (shown []pageView, more int, kinds string) {
	count := make(map[seoplan.Subtype]int)
	for i, pg := range related {
		count[pg.Subtype]++
		if i < listPages {
			shown = append(shown, pageView{PageRef: pg, Path: path(pg.URL)})
		}
	}
	subs := slices.Collect(maps.Keys(count))
	slices.SortFunc(subs, func(a, b seoplan.Subtype) int {
		return cmp.Or(count[b]-count[a], cmp.Compare(a, b))
	})
	var parts []string
	for _, st := range subs {
		parts = append(parts, fmt.Sprintf("%s %d", st, count[st]))
	}
	return shown, len(related) - len(shown), strings.Join(parts, ", ")
}

func paths(urls []string, path func(string) string) ([]string, int) {
	var out []string
	for i, u := range urls {
		if i == listPages {
			return out, len(urls) - listPages
		}
		out = append(out, path(u))
	}
	return out, 0
}

// diagram draws one cluster for the topic map: the pillar (or its proposal)
// and up to diagramPages pages, classed by intent.
func diagram(n int, c seoplan.Cluster, pillarName string) diagramCluster {
	d := diagramCluster{ID: fmt.Sprintf("c%d", n+1), Name: c.Name, Pillar: pillarName, Proposed: c.Pillar == ""}
	k := 0
	for _, pg := range c.Pages {
		if pg.Pillar {
			continue
		}
		if k == diagramPages {
			d.More++
			continue
		}
		k++
		label := pg.Title
		if label == "" {
			label = pg.URL
		}
		d.Nodes = append(d.Nodes, diagramNode{ID: fmt.Sprintf("%sp%d", d.ID, k), Label: label, Class: string(pg.Intent)})
	}
	return d
}

func escapeJoin(ss []string, sep string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = Escape(s)
	}
	return strings.Join(out, sep)
}
