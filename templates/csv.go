package templates

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"

	"github.com/seoplan/seoplan"
)

// CSVHeader is the first row of calendar.csv: columns Google Sheets,
// Notion, Asana and Trello import by name.
var CSVHeader = []string{"date", "title", "keyword", "intent", "subtype", "stage", "cluster", "priority", "persona", "links_to_add", "success_metric", "brief_file"}

// CSV writes the editorial calendar as calendar.csv: the header, then one row
// per scheduled proposal in date order. A cell that a spreadsheet would read
// as a formula (it starts with =, +, -, @, a tab or a carriage return) is
// prefixed with a single quote, since crawled text ends up in it. Nothing is
// written to w unless the whole file renders.
func CSV(w io.Writer, p *seoplan.Plan) error {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("write csv header: %w", err)
	}
	names := clusterNames(p)
	for _, pr := range scheduledProposals(p) {
		row := []string{
			pr.Due, pr.Title, pr.Keyword, string(pr.Intent), string(pr.Subtype), string(pr.Stage),
			names[pr.Cluster], fmt.Sprintf("%.1f", pr.Priority), pr.Persona,
			strings.Join(linkLines(p, pr), "; "), pr.Metric, BriefName(pr),
		}
		for i, cell := range row {
			row[i] = csvSafe(cell)
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write csv row %s: %w", pr.ID, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// csvSafe defuses spreadsheet formula injection (OWASP's advice): a cell
// that starts like a formula is made text with a leading quote.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// scheduledProposals returns the proposals with a due date, by date; the
// plan's priority order is kept within a day.
func scheduledProposals(p *seoplan.Plan) []seoplan.Proposal {
	var out []seoplan.Proposal
	for _, pr := range p.Proposals {
		if pr.Due != "" {
			out = append(out, pr)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Due < out[j].Due })
	return out
}

func clusterNames(p *seoplan.Plan) map[string]string {
	m := make(map[string]string, len(p.Clusters))
	for _, c := range p.Clusters {
		m[c.ID] = c.Name
	}
	return m
}

// linkLines describes a proposal's links to add as plain text, one a link:
// "from → to (anchor: …)". Pages on the plan's site are shown by path and
// proposals by title, so a cell stays short.
func linkLines(p *seoplan.Plan, pr seoplan.Proposal) []string {
	var out []string
	for _, l := range pr.Links {
		s := shortRef(p, l.From) + " → " + shortRef(p, l.To)
		if l.Anchor != "" {
			s += " (anchor: " + l.Anchor + ")"
		}
		out = append(out, s)
	}
	return out
}

// shortRef names a link end: "new: <title>" for a proposal, the path for a
// page on the plan's site, the URL otherwise.
func shortRef(p *seoplan.Plan, ref string) string {
	if id, ok := strings.CutPrefix(ref, "proposal:"); ok {
		for _, pr := range p.Proposals {
			if pr.ID == id {
				return "new: " + pr.Title
			}
		}
		return ref
	}
	u, err := url.Parse(ref)
	s, err2 := url.Parse(p.Site)
	if err != nil || err2 != nil || u.Host == "" || !strings.EqualFold(strings.TrimPrefix(u.Host, "www."), strings.TrimPrefix(s.Host, "www.")) {
		return ref
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return path
}
