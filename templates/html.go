package templates

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html"
	"html/template"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/image/webp"

	"github.com/seoplan/seoplan"
)

//go:embed report.html.tmpl
var reportText string

//go:embed report.css
var reportCSS string

var reportTmpl = template.Must(template.New("report.html.tmpl").Funcs(template.FuncMap{
	"day":    shortDate,
	"reason": clientReason,
	"kind":   contentKind,
	"join":   func(ss []string) string { return strings.Join(ss, ", ") },
}).Parse(reportText))

// reasonGap and reasonProfile are the planner's words in a priority reason
// that speak the tool's language: "no-pillar gap (30)" and "the saas
// profile favours".
var (
	reasonGap     = regexp.MustCompile(`^([a-z]+(?:-[a-z]+)*) gap \(`)
	reasonProfile = regexp.MustCompile(`\bthe ([a-z]+) profile favours\b`)
)

// profileWords name a business profile as the client reads it.
var profileWords = map[string]string{"startup": "an early-stage business", "established": "an established business",
	"saas": "a SaaS business", "shop": "a shop", "custom": "the mix asked for"}

// clientReason is a proposal's priority reason in a client's words: the
// gap by its title, not its slug, and the profile by the business it
// stands for; the numbers stay as the planner gave them.
func clientReason(r string) string {
	if m := reasonGap.FindStringSubmatchIndex(r); m != nil {
		kind := seoplan.GapKind(r[m[2]:m[3]])
		if title, ok := gapTitles[kind]; ok {
			if kind == seoplan.GapProfileMix {
				title = "A kind of piece the business grows by"
			}
			r = title + " (" + r[m[1]:]
		}
	}
	return reasonProfile.ReplaceAllStringFunc(r, func(s string) string {
		name := reasonProfile.FindStringSubmatch(s)[1]
		if w, ok := profileWords[name]; ok {
			return "the plan for " + w + " favours"
		}
		return s
	})
}

// MaxLogo is the largest logo, in bytes, WithLogo embeds on the cover.
const MaxLogo = 2 << 20

// HTMLOption changes what HTML puts on the report's cover and first page.
type HTMLOption func(*htmlConfig)

type htmlConfig struct {
	client, agency string
	logo           []byte
	progress       *seoplan.Change
	date           time.Time
	footer         string
	whiteLabel     bool
	// pages is where each contents entry's section starts in the PDF,
	// by the entry's id; nil when the report is not printed by seoplan.
	pages map[string]int
}

func htmlDefaults() htmlConfig { return htmlConfig{} }

// WithClient names the client on the cover; the site is named otherwise.
func WithClient(name string) HTMLOption { return func(c *htmlConfig) { c.client = name } }

// WithAgency names who prepared the report on the cover.
func WithAgency(name string) HTMLOption { return func(c *htmlConfig) { c.agency = name } }

// WithLogo embeds a PNG, JPEG, GIF or WebP image (at most 2 MiB) on the cover.
func WithLogo(image []byte) HTMLOption { return func(c *htmlConfig) { c.logo = image } }

// WithChange puts the "Progress since the last crawl" section first.
func WithChange(pr *seoplan.Change) HTMLOption {
	return func(c *htmlConfig) { c.progress = pr }
}

// WithDate dates the report's cover; without it the cover shows the day of
// the crawl, or no date for a plan made from keywords alone.
func WithDate(t time.Time) HTMLOption { return func(c *htmlConfig) { c.date = t } }

// WithFooter replaces the footer line with the agency's own text.
func WithFooter(text string) HTMLOption { return func(c *htmlConfig) { c.footer = text } }

// WithWhiteLabel leaves seoplan's name out of the report: the footer names
// only the crawl, and no generator tag is written.
func WithWhiteLabel() HTMLOption { return func(c *htmlConfig) { c.whiteLabel = true } }

// WithContentsPages prints a page number beside each entry of the
// contents: pages maps a section's id (the anchor its entry links to) to
// the page of the PDF it starts on. Only a caller that printed the report
// and read the pages back (seoplan plan --pdf) knows them; an entry with no
// page gets none.
func WithContentsPages(pages map[string]int) HTMLOption {
	return func(c *htmlConfig) { c.pages = pages }
}

// footerText is the report's last line: the agency's text, or where the
// report comes from, with or without seoplan's name.
func (c *htmlConfig) footerText(site, date string) string {
	if c.footer != "" {
		return c.footer
	}
	s := "From a crawl of " + site
	if date != "" {
		s += " on " + date
	}
	if !c.whiteLabel {
		s = "Made with seoplan. " + s
	}
	return s + "."
}

// coverDate is the day the cover shows: the one given, else the crawl's.
func (c *htmlConfig) coverDate(p *seoplan.Plan) string {
	if !c.date.IsZero() {
		return longDate(c.date)
	}
	if t, ok := parseDay(p.CrawledAt); ok {
		return longDate(t)
	}
	return ""
}

// ErrLogo is returned for a logo that is not a small raster image.
var ErrLogo = errors.New("logo must be a PNG, JPEG, GIF or WebP image of at most 2 MiB")

// CheckLogo reports whether logo can be embedded by WithLogo, and returns
// its sniffed content type. The bytes must be what their first bytes claim:
// the header of a PNG, JPEG, GIF or WebP image is decoded, so a truncated or
// renamed file is refused here rather than shown broken in a client's
// report. SVG is refused by name: it can carry scripts into the report.
// Callers that read a file can call it before any slow work.
func CheckLogo(logo []byte) (string, error) {
	if len(logo) > MaxLogo {
		return "", fmt.Errorf("%w (it has %d bytes)", ErrLogo, len(logo))
	}
	if len(logo) == 0 {
		return "", fmt.Errorf("%w (the file is empty)", ErrLogo)
	}
	ct := http.DetectContentType(logo)
	var cfg image.Config
	var err error
	switch ct {
	case "image/png":
		cfg, err = png.DecodeConfig(bytes.NewReader(logo))
	case "image/jpeg":
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(logo))
	case "image/gif":
		cfg, err = gif.DecodeConfig(bytes.NewReader(logo))
	case "image/webp":
		cfg, err = webp.DecodeConfig(bytes.NewReader(logo))
	default:
		if looksLikeSVG(logo) {
			return "", fmt.Errorf("%w (SVG can carry scripts: export it as PNG)", ErrLogo)
		}
		return "", fmt.Errorf("%w (this file is %s)", ErrLogo, ct)
	}
	if err != nil {
		return "", fmt.Errorf("%w (%s header: %v)", ErrLogo, ct, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return "", fmt.Errorf("%w (%s of %d×%d pixels)", ErrLogo, ct, cfg.Width, cfg.Height)
	}
	return ct, nil
}

// looksLikeSVG reports whether data starts like an SVG document: an <svg
// element within its first kilobyte, after any XML declaration or comment.
func looksLikeSVG(data []byte) bool {
	head := data[:min(len(data), 1024)]
	return bytes.Contains(bytes.ToLower(head), []byte("<svg"))
}

func (c *htmlConfig) logoURL() (template.URL, error) {
	if c.logo == nil {
		return "", nil
	}
	ct, err := CheckLogo(c.logo)
	if err != nil {
		return "", err
	}
	// The type is sniffed and checked from the bytes and the payload is
	// base64, so the URL cannot carry anything but this image.
	return template.URL("data:" + ct + ";base64," + base64.StdEncoding.EncodeToString(c.logo)), nil
}

// HTML writes report.html, the client report: a cover, an executive
// summary, a table of contents, then the roadmap (see Markdown) rendered
// with goldmark and GitHub tables, each cluster's proposals as cards, and
// the plan's charts drawn in place of the Mermaid diagrams, with print CSS
// for a PDF. The file is self-contained: CSS inline, images as data: URIs,
// no script, and a Content-Security-Policy that forbids fetching anything.
// Raw HTML in the roadmap is dropped, and every string is escaped, so
// crawled text shows as text. The same plan and options give the same
// bytes. Nothing is written to w unless the whole report renders.
func HTML(w io.Writer, p *seoplan.Plan, opts ...HTMLOption) error {
	cfg := htmlDefaults()
	for _, o := range opts {
		o(&cfg)
	}
	buf, err := renderReport(p, &cfg)
	if err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	if _, err := w.Write(buf); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// reportData is what report.html.tmpl lays out.
type reportData struct {
	Title, Agency, Site, Date, Footer string
	Generator                         bool
	Logo                              template.URL
	CSS                               template.CSS
	Summary                           summary
	TOC                               []tocEntry
	Body                              template.HTML
	Charts                            []figure
	Pages, Clusters, Proposals        int
}

func renderReport(p *seoplan.Plan, cfg *htmlConfig) ([]byte, error) {
	logo, err := cfg.logoURL()
	if err != nil {
		return nil, err
	}
	v := newView(p)
	v.Report = true
	md, err := reportMarkdown(v)
	if err != nil {
		return nil, err
	}
	if cfg.progress != nil {
		var pb bytes.Buffer
		if err := progressMarkdown(&pb, cfg.progress, true); err != nil {
			return nil, err
		}
		md = insertSection(md, pb.Bytes())
	}
	cs, err := charts(p)
	if err != nil {
		return nil, err
	}
	body, toc, rest, err := renderBody(md, cs, v)
	if err != nil {
		return nil, err
	}
	for _, c := range rest {
		toc = append(toc, tocEntry{Level: 3, ID: c.ID, Text: c.Title})
	}
	title := cfg.client
	if title == "" {
		title = siteHost(p.Site)
	}
	date := cfg.coverDate(p)
	data := reportData{
		Title: title, Agency: cfg.agency, Site: p.Site, Date: date, Logo: logo,
		Footer: cfg.footerText(p.Site, date), Generator: !cfg.whiteLabel,
		CSS: template.CSS(reportCSS), Summary: newSummary(p),
		TOC: append([]tocEntry{{Level: 2, ID: "executive-summary", Text: "Executive summary"}}, toc...),
		// goldmark without html.WithUnsafe escapes text and drops raw
		// HTML and dangerous link targets, so its output is trusted here.
		Body:  template.HTML(body),
		Pages: p.Pages, Clusters: len(p.Clusters), Proposals: len(p.Proposals),
	}
	for _, c := range rest {
		data.Charts = append(data.Charts, newFigure(c))
	}
	for i := range data.TOC {
		data.TOC[i].Page = cfg.pages[data.TOC[i].ID]
	}
	var buf bytes.Buffer
	if err := reportTmpl.Execute(&buf, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// insertSection puts sec before the roadmap's first h2, so it follows the
// title and leads the report.
func insertSection(md, sec []byte) []byte {
	var out []byte
	i := bytes.Index(md, []byte("\n## "))
	if i < 0 {
		out = append(append(append(out, md...), '\n'), sec...)
		return out
	}
	out = append(out, md[:i+1]...)
	out = append(out, sec...)
	out = append(out, '\n')
	return append(out, md[i+1:]...)
}

type tocEntry struct {
	Level int
	ID    string
	Text  string
	Page  int // where the section starts in the PDF, 0 when unknown
}

// figure is a chart ready for the layout or the figure renderer.
type figure struct {
	ID, Title, Alt string
	Src            template.URL
}

func newFigure(c chart) figure {
	return figure{ID: c.ID, Title: c.Title, Alt: c.Alt,
		Src: template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(c.SVG))}
}

// renderBody converts md to HTML with the charts placed: the Mermaid topic
// map and pie become the cluster map and intent-mix charts, the funnel chart
// follows the "Topic clusters" heading and the timeline the "Editorial
// calendar" heading. A "proposals" fence becomes its cluster's proposal
// cards (from v), and each table is wrapped so that it scrolls on a narrow
// screen instead of widening the page. It returns the h2/h3 headings for
// the table of contents and the charts it found no place for.
func renderBody(md []byte, cs []chart, v *view) (string, []tocEntry, []chart, error) {
	byID := make(map[string]chart, len(cs))
	for _, c := range cs {
		byID[c.ID] = c
	}
	proposals := make(map[string][]proposalView, len(v.Clusters))
	for _, c := range v.Clusters {
		proposals[c.ID] = c.Proposals
	}
	placed := make(map[string]bool)
	var toc []tocEntry
	gm := goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(figureRenderer{}, 100))),
	)
	doc := gm.Parser().Parse(text.NewReader(md))
	var fences []*ast.FencedCodeBlock
	var heads []*ast.Heading
	var tables []ast.Node
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			fences = append(fences, n)
		case *ast.Heading:
			heads = append(heads, n)
		case *east.Table:
			tables = append(tables, n)
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return "", nil, nil, err
	}
	place := func(id string) ast.Node {
		c, ok := byID[id]
		if !ok || placed[id] {
			return nil
		}
		placed[id] = true
		return &figureNode{fig: newFigure(c)}
	}
	for _, f := range fences {
		if f.Lines().Len() == 0 {
			continue
		}
		line := f.Lines().At(0)
		first := strings.TrimSpace(string(line.Value(md)))
		var repl ast.Node
		switch lang := string(f.Language(md)); {
		case lang == "proposals":
			repl = &cardsNode{proposals: proposals[first]}
		case lang != "mermaid":
		case strings.HasPrefix(first, "flowchart"), strings.HasPrefix(first, "graph"):
			repl = place("chart-cluster-map")
		case strings.HasPrefix(first, "pie"):
			repl = place("chart-intent-mix")
		}
		if repl != nil {
			f.Parent().ReplaceChild(f.Parent(), f, repl)
		}
	}
	for _, t := range tables {
		wrap := &tableWrapNode{}
		t.Parent().ReplaceChild(t.Parent(), t, wrap)
		wrap.AppendChild(wrap, t)
	}
	for _, h := range heads {
		id, _ := h.AttributeString("id")
		idb, _ := id.([]byte)
		if h.Level == 2 || h.Level == 3 {
			toc = append(toc, tocEntry{Level: h.Level, ID: string(idb), Text: plainText(h, md)})
		}
		var fig ast.Node
		switch string(idb) {
		case "topic-clusters":
			fig = place("chart-funnel")
		case "editorial-calendar":
			fig = place("chart-timeline")
		}
		if fig != nil {
			h.Parent().InsertAfter(h.Parent(), h, fig)
		}
	}
	var buf bytes.Buffer
	if err := gm.Renderer().Render(&buf, md, doc); err != nil {
		return "", nil, nil, err
	}
	var rest []chart
	for _, c := range cs {
		if !placed[c.ID] {
			rest = append(rest, c)
		}
	}
	return buf.String(), toc, rest, nil
}

// plainText is a heading's text as a reader sees it: Markdown escapes
// removed, emphasis and code markers dropped.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(util.UnescapePunctuations(c.Segment.Value(src)))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// The report's own blocks in the goldmark tree: a chart, a cluster's
// proposal cards, and the scrolling box around a table.
var (
	kindFigure    = ast.NewNodeKind("SeoplanFigure")
	kindCards     = ast.NewNodeKind("SeoplanCards")
	kindTableWrap = ast.NewNodeKind("SeoplanTableWrap")
)

type figureNode struct {
	ast.BaseBlock
	fig figure
}

func (n *figureNode) Kind() ast.NodeKind { return kindFigure }

func (n *figureNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.fig.ID}, nil)
}

type cardsNode struct {
	ast.BaseBlock
	proposals []proposalView
}

func (n *cardsNode) Kind() ast.NodeKind { return kindCards }

func (n *cardsNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Proposals": fmt.Sprint(len(n.proposals))}, nil)
}

type tableWrapNode struct{ ast.BaseBlock }

func (n *tableWrapNode) Kind() ast.NodeKind { return kindTableWrap }

func (n *tableWrapNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// figureRenderer writes the report's own blocks: a figureNode as
// <figure><img> with the SVG as a data: URI, never inline, so nothing in it
// can run; a cardsNode through the "cards" template of report.html.tmpl,
// which escapes every crawled string; a tableWrapNode as a <div>.
type figureRenderer struct{}

func (figureRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(kindFigure, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		f := n.(*figureNode).fig
		_, err := fmt.Fprintf(w, "<figure class=\"chart\" id=\"%s\">\n<img src=\"%s\" alt=\"%s\">\n<figcaption>%s</figcaption>\n</figure>\n",
			html.EscapeString(f.ID), html.EscapeString(string(f.Src)), html.EscapeString(f.Alt), html.EscapeString(f.Title))
		return ast.WalkSkipChildren, err
	})
	r.Register(kindCards, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		return ast.WalkSkipChildren, reportTmpl.ExecuteTemplate(w, "cards", n.(*cardsNode).proposals)
	})
	r.Register(kindTableWrap, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, err := w.WriteString("<div class=\"table-wrap\">\n")
			return ast.WalkContinue, err
		}
		_, err := w.WriteString("</div>\n")
		return ast.WalkContinue, err
	})
}
