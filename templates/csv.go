package templates

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/internal/urlnorm"
)

// CSVHeader is the first row of calendar.csv. The names are the ones the
// tools content teams use pick up without remapping: Asana maps Name,
// Description, Assignee and Due Date by name, Notion makes the first column
// each page's title and the others its properties, Google Sheets, Excel and
// Trello's importers show the rest as they are. Due Date is the publish
// date and Assignee the owner, left empty for the team to fill in.
var CSVHeader = []string{"Name", "Status", "Assignee", "Draft Due Date", "Due Date", "Format", "Target Word Count",
	"Target Keyword", "Keyword Source", "URL Slug", "Cluster", "Intent", "Stage", "Priority", "Persona", "Success Metric", "Brief File",
	"Links To Add", "Description"}

// draftLead is how long before its publish date a draft is due.
const draftLead = 7

// CalendarOption changes what CSV and ICS write.
type CalendarOption func(*calendarConfig)

type calendarConfig struct {
	stamp     time.Time // ICS DTSTAMP
	briefs    string    // the briefs directory as seen from the calendar file
	briefsURL string    // where the briefs are shared, "" for nowhere
	excel     bool      // CSV for Excel: UTF-8 byte order mark and CRLF
}

func calendarDefaults() calendarConfig { return calendarConfig{briefs: "briefs"} }

// WithStamp sets the calendar's DTSTAMP, when the file was made; without it
// DTSTAMP is the plan's crawl time (or the calendar start), so tests stay
// reproducible.
func WithStamp(t time.Time) CalendarOption { return func(c *calendarConfig) { c.stamp = t.UTC() } }

// WithBriefs names the briefs directory as seen from the calendar files;
// "briefs" by default.
func WithBriefs(dir string) CalendarOption { return func(c *calendarConfig) { c.briefs = dir } }

// WithBriefsURL is the folder the team shares the briefs in: each calendar
// event's URL, and each CSV row's brief, is then its brief there.
func WithBriefsURL(base string) CalendarOption { return func(c *calendarConfig) { c.briefsURL = base } }

// WithExcel writes the CSV as Excel on Windows reads it: with a UTF-8 byte
// order mark, without which it shows "→" as mojibake, and CRLF at the end
// of each record (a line break inside a cell stays LF, as in Excel's own).
func WithExcel() CalendarOption { return func(c *calendarConfig) { c.excel = true } }

// brief is where a proposal's brief is for the calendars' reader: its URL
// when the briefs are shared, else its path beside the calendar.
func (c *calendarConfig) brief(pr seoplan.Proposal) string {
	if c.briefsURL != "" {
		return briefURL(c.briefsURL, pr)
	}
	return briefPath(c.briefs, pr)
}

// CSV writes the editorial calendar as calendar.csv: the header, then one row
// per scheduled proposal in date order. A cell with several values (links
// to add, the description) has one a line. A cell that a spreadsheet would
// read as a formula (it starts with =, +, -, @, a tab or a carriage return)
// is prefixed with a single quote, since crawled text ends up in it.
// Nothing is written to w unless the whole file renders.
func CSV(w io.Writer, p *seoplan.Plan, opts ...CalendarOption) error {
	cfg := calendarDefaults()
	for _, o := range opts {
		o(&cfg)
	}
	var buf bytes.Buffer
	if cfg.excel {
		buf.WriteString("\uFEFF")
	}
	cw := csv.NewWriter(&buf)
	// For Excel each record ends in CRLF, while a line break inside a cell
	// stays LF, as Excel writes both itself: csv.Writer's UseCRLF would
	// turn the cell's breaks into CRLF too, which Google Sheets and
	// Python keep as a stray carriage return in the cell.
	write := func(row []string) error {
		if err := cw.Write(row); err != nil {
			return err
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		if cfg.excel {
			buf.Truncate(buf.Len() - 1)
			buf.WriteString("\r\n")
		}
		return nil
	}
	if err := write(CSVHeader); err != nil {
		return fmt.Errorf("write csv header: %w", err)
	}
	names := clusterNames(p)
	for _, pr := range scheduledProposals(p) {
		row := csvRow(p, pr, names[pr.Cluster], &cfg)
		for i, cell := range row {
			row[i] = CSVCell(cell)
		}
		if err := write(row); err != nil {
			return fmt.Errorf("write csv row %s: %w", pr.ID, err)
		}
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// csvRow is a scheduled proposal's cells in CSVHeader's order.
func csvRow(p *seoplan.Plan, pr seoplan.Proposal, cluster string, cfg *calendarConfig) []string {
	// The plan's own length and slug; a plan written before it had them
	// falls back to the effort's figure and the keyword.
	words := ""
	if n := cmp.Or(pr.TargetWords, wordCount(pr.Effort)); n > 0 {
		words = strconv.Itoa(n)
	}
	return []string{
		pr.Title, "Not started", "", draftDue(pr.Due, p.Calendar.Start), pr.Due, pr.Format, words,
		pr.Keyword, string(pr.KeywordSource), cmp.Or(pr.Slug, slug(pr.Keyword, 60)), cluster, string(pr.Intent), string(pr.Stage),
		fmt.Sprintf("%.1f", pr.Priority), pr.Persona, pr.Metric, cfg.brief(pr),
		strings.Join(linkLines(p, pr), "\n"), calendarDescription(p, pr, cluster, cfg.brief(pr)),
	}
}

// draftDue is draftLead days before the publish date, but never before the
// calendar starts.
func draftDue(due, start string) string {
	d, err := time.Parse(time.DateOnly, due)
	if err != nil {
		return ""
	}
	draft := d.AddDate(0, 0, -draftLead)
	if s, err := time.Parse(time.DateOnly, start); err == nil && draft.Before(s) {
		draft = s
	}
	return draft.Format(time.DateOnly)
}

// wordCount reads the target length off a proposal's effort ("M: 1,500-word
// how-to" is 1500); 0 when the effort names none.
func wordCount(effort string) int {
	i := strings.Index(effort, "-word")
	if i < 0 {
		return 0
	}
	j := i
	for j > 0 && (effort[j-1] >= '0' && effort[j-1] <= '9' || effort[j-1] == ',') {
		j--
	}
	n, err := strconv.Atoi(strings.ReplaceAll(effort[j:i], ",", ""))
	if err != nil {
		return 0
	}
	return n
}

// CSVCell defuses spreadsheet formula injection (OWASP's advice): a cell
// that starts like a formula (=, +, -, @, a tab or a carriage return) is
// made text with a leading quote. Every CSV seoplan writes (the calendar,
// and the command line's export and classify) passes its cells through it,
// since crawled titles and keywords end up in them.
func CSVCell(s string) string {
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
	var titles map[string]string // proposal ID → title, built on the first link to a proposal
	name := func(ref string) string {
		id, ok := strings.CutPrefix(ref, "proposal:")
		if !ok {
			return shortRef(p, ref)
		}
		if titles == nil {
			titles = make(map[string]string, len(p.Proposals))
			for _, q := range p.Proposals {
				if _, dup := titles[q.ID]; !dup {
					titles[q.ID] = q.Title
				}
			}
		}
		if t, ok := titles[id]; ok {
			return "new: " + t
		}
		return ref
	}
	var out []string
	for _, l := range pr.Links {
		s := name(l.From) + " → " + name(l.To)
		if l.Anchor != "" {
			s += " (anchor: " + l.Anchor + ")"
		}
		out = append(out, s)
	}
	return out
}

// shortRef names a link end: "new: <title>" for a proposal, the path for a
// page on the plan's site, else the URL as given. It looks through the
// proposals for one; linkLines, which names every link of a proposal (a
// large cluster's pillar suggests one from each of its thousands of
// pages), names proposals from an index instead.
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
	if err != nil || u.Host == "" || !urlnorm.SameSite(p.Site, ref) {
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
