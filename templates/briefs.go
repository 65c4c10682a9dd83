package templates

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"
	"unicode"

	"github.com/seoplan/seoplan"
)

//go:embed brief.md.tmpl
var briefText string

var briefTmpl = template.Must(template.New("brief.md.tmpl").Funcs(template.FuncMap{
	"md":        Escape,
	"join":      func(ss []string) string { return escapeJoin(ss, ", ") },
	"thousands": thousands,
}).Parse(briefText))

// thousands writes n with thousands separators, as the plan's own
// figures are written: 3,000.
func thousands(n int) string {
	if n < 0 {
		return "-" + thousands(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// outlineMax caps the suggested h2s: a brief, not a table of contents.
const outlineMax = 6

// Brief writes the content brief for one of the plan's proposals as
// Markdown: target and secondary keywords, intent and stage, persona, a
// suggested outline from the cluster's phrases, what the cluster's pages
// already cover, internal links to add, the call to action and the success
// metric. Crawled text is escaped as in the roadmap. Nothing is written to w
// unless the whole brief renders.
func Brief(w io.Writer, p *seoplan.Plan, pr seoplan.Proposal) error {
	var buf bytes.Buffer
	if err := briefTmpl.Execute(&buf, newBriefView(p, pr)); err != nil {
		return fmt.Errorf("render brief %s: %w", pr.ID, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write brief %s: %w", pr.ID, err)
	}
	return nil
}

// BriefName is the file name of a proposal's brief: "<due>-<slug>.md", or
// "<id>-<slug>.md" when it is not scheduled. It is a bare name, safe on every
// file system whatever the title holds.
func BriefName(pr seoplan.Proposal) string {
	prefix := pr.Due
	if prefix == "" {
		prefix = slug(pr.ID, 20)
	}
	s := slug(pr.Title, 60)
	if s == "" {
		s = slug(pr.ID, 20)
	}
	if s == "" {
		s = "brief"
	}
	return prefix + "-" + s + ".md"
}

// slug lowers s and keeps letters and digits, joining runs of anything else
// with one hyphen, cut to at most max bytes on a rune boundary.
func slug(s string, max int) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			if b.Len()+len(string(r)) > max {
				break
			}
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return strings.Trim(b.String(), "-")
}

type briefView struct {
	seoplan.Proposal
	ClusterName string
	Pillar      string
	GapReason   string
	Outline     []string
	Covered     []coveredPage
	Links       []string
	CTA         string
}

type coveredPage struct {
	seoplan.PageRef
	Path string
}

func newBriefView(p *seoplan.Plan, pr seoplan.Proposal) briefView {
	v := briefView{Proposal: pr, Links: linkLines(p, pr)}
	var cluster *seoplan.Cluster
	for i := range p.Clusters {
		if p.Clusters[i].ID == pr.Cluster {
			cluster = &p.Clusters[i]
		}
	}
	if cluster == nil {
		v.ClusterName = pr.Cluster
		v.Outline = []string{titleCase(pr.Keyword)}
		v.CTA = briefCTA(p, pr)
		return v
	}
	v.ClusterName = cluster.Name
	for _, pg := range cluster.Pages {
		if pg.URL == cluster.Pillar {
			v.Pillar = pg.Title
		}
		v.Covered = append(v.Covered, coveredPage{PageRef: pg, Path: shortRef(p, pg.URL)})
	}
	for _, g := range cluster.Gaps {
		if g.Kind == pr.Gap {
			v.GapReason = g.Reason
			break
		}
	}
	v.Outline = briefOutline(pr, cluster)
	v.CTA = briefCTA(p, pr)
	return v
}

// briefOutline suggests h2s: the target keyword first, then the cluster's
// leading phrases and secondary keywords the keyword does not already say.
// Phrases an existing page's title already holds are left to that page.
func briefOutline(pr seoplan.Proposal, c *seoplan.Cluster) []string {
	kw := strings.ToLower(pr.Keyword)
	seen := map[string]bool{kw: true}
	out := []string{titleCase(pr.Keyword)}
	covered := func(ph string) bool {
		for _, pg := range c.Pages {
			if strings.Contains(strings.ToLower(pg.Title), ph) {
				return true
			}
		}
		return false
	}
	for _, ph := range append(append([]string{}, pr.Secondary...), c.Phrases...) {
		l := strings.ToLower(strings.TrimSpace(ph))
		if l == "" || seen[l] || strings.Contains(kw, l) || covered(l) {
			continue
		}
		seen[l] = true
		out = append(out, titleCase(ph))
		if len(out) == outlineMax-1 {
			break
		}
	}
	return append(out, "Next step")
}

// briefCTA picks the call to action: a problem piece hands the reader to the
// product page it links to; a product piece asks for the conversion its
// metric counts. The metric is worded for the business the planner found
// (orders on a shop, sign-ups and demos on a software site), so the call to
// action never offers a shop's buyers a free trial.
func briefCTA(p *seoplan.Plan, pr seoplan.Proposal) string {
	if pr.Intent == seoplan.IntentProblem {
		for _, l := range pr.Links {
			if l.From == "proposal:"+pr.ID && !strings.HasPrefix(l.To, "proposal:") {
				return "Send the reader on to " + shortRef(p, l.To) + ", the product page that solves the problem this piece explains."
			}
		}
		return "Offer the next read in the cluster and a soft product mention; do not hard-sell an awareness reader."
	}
	if pr.Stage == seoplan.StageDecision {
		return "Ask directly for the action this page is measured by (" + pr.Metric + "), above the fold and at the end."
	}
	return "Put the next step this page is measured by (" + pr.Metric + ") next to the comparison or detail that answers the reader's question."
}

func titleCase(s string) string {
	s = strings.TrimSpace(s)
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// briefPath is where a proposal's brief lies as seen from the calendar
// files: dir (forward slashes, as every tool shows paths) and its name.
func briefPath(dir string, pr seoplan.Proposal) string {
	if dir == "" {
		return BriefName(pr)
	}
	return path.Join(filepath.ToSlash(dir), BriefName(pr))
}

// briefURL is a proposal's brief in the folder at base where the team
// shares the briefs.
func briefURL(base string, pr seoplan.Proposal) string {
	return strings.TrimSuffix(base, "/") + "/" + url.PathEscape(BriefName(pr))
}
