package templates

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io"
	"net/http"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/seoplan/seoplan"
)

//go:embed report.html.tmpl
var reportText string

//go:embed report.css
var reportCSS string

var reportTmpl = template.Must(template.New("report.html.tmpl").Parse(reportText))

// maxLogo bounds the --logo image embedded in the report's cover.
const maxLogo = 2 << 20

// HTMLOption changes what HTML puts on the report's cover and first page.
type HTMLOption func(*htmlConfig)

type htmlConfig struct {
	client, agency string
	logo           []byte
	progress       *seoplan.Progress
}

func htmlDefaults() htmlConfig { return htmlConfig{} }

// WithClient names the client on the cover; the site is named otherwise.
func WithClient(name string) HTMLOption { return func(c *htmlConfig) { c.client = name } }

// WithAgency names who prepared the report on the cover.
func WithAgency(name string) HTMLOption { return func(c *htmlConfig) { c.agency = name } }

// WithLogo embeds a PNG, JPEG, GIF or WebP image (at most 2 MiB) on the cover.
func WithLogo(image []byte) HTMLOption { return func(c *htmlConfig) { c.logo = image } }

// WithProgress puts the "Progress since the last crawl" section first.
func WithProgress(pr *seoplan.Progress) HTMLOption {
	return func(c *htmlConfig) { c.progress = pr }
}

// ErrLogo is returned for a logo that is not a small raster image.
var ErrLogo = errors.New("logo must be a PNG, JPEG, GIF or WebP image of at most 2 MiB")

func (c *htmlConfig) logoURL() (template.URL, error) {
	if c.logo == nil {
		return "", nil
	}
	if len(c.logo) > maxLogo {
		return "", ErrLogo
	}
	switch ct := http.DetectContentType(c.logo); ct {
	case "image/png", "image/jpeg", "image/gif", "image/webp":
		// The type is sniffed from the bytes and the payload is base64,
		// so the URL cannot carry anything but this image.
		return template.URL("data:" + ct + ";base64," + base64.StdEncoding.EncodeToString(c.logo)), nil
	}
	return "", ErrLogo
}

// HTML writes report.html: the roadmap Markdown md (from Markdown) rendered
// with goldmark and GitHub tables, inside a layout with a cover, a table of
// contents and print CSS, and with the plan's charts drawn in place of the
// Mermaid diagrams. The file is self-contained: CSS inline, images as data:
// URIs, no script, and a Content-Security-Policy that forbids fetching
// anything. Raw HTML in md is dropped, and every string is escaped, so
// crawled text shows as text. The same plan and options give the same bytes.
// Nothing is written to w unless the whole report renders.
func HTML(w io.Writer, p *seoplan.Plan, md []byte, opts ...HTMLOption) error {
	cfg := htmlDefaults()
	for _, o := range opts {
		o(&cfg)
	}
	logo, err := cfg.logoURL()
	if err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	if cfg.progress != nil {
		var pb bytes.Buffer
		if err := ProgressMarkdown(&pb, cfg.progress); err != nil {
			return fmt.Errorf("render report: %w", err)
		}
		md = insertSection(md, pb.Bytes())
	}
	cs, err := charts(p)
	if err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	body, toc, rest, err := renderBody(md, cs)
	if err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	for _, c := range rest {
		toc = append(toc, tocEntry{Level: 3, ID: c.ID, Text: c.Title})
	}
	title := cfg.client
	if title == "" {
		title = siteHost(p.Site)
	}
	data := struct {
		Title, Agency, Site, CrawledAt string
		Logo                           template.URL
		CSS                            template.CSS
		TOC                            []tocEntry
		Body                           template.HTML
		Charts                         []figure
		Pages, Clusters, Proposals     int
	}{
		Title: title, Agency: cfg.agency, Site: p.Site, CrawledAt: p.CrawledAt, Logo: logo,
		CSS: template.CSS(reportCSS), TOC: toc,
		// goldmark without html.WithUnsafe escapes text and drops raw
		// HTML and dangerous link targets, so its output is trusted here.
		Body:  template.HTML(body),
		Pages: p.Pages, Clusters: len(p.Clusters), Proposals: len(p.Proposals),
	}
	for _, c := range rest {
		data.Charts = append(data.Charts, newFigure(c))
	}
	var buf bytes.Buffer
	if err := reportTmpl.Execute(&buf, data); err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
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
// calendar" heading. It returns the h2/h3 headings for the table of contents
// and the charts it found no place for.
func renderBody(md []byte, cs []chart) (string, []tocEntry, []chart, error) {
	byID := make(map[string]chart, len(cs))
	for _, c := range cs {
		byID[c.ID] = c
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
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			fences = append(fences, n)
		case *ast.Heading:
			heads = append(heads, n)
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return "", nil, nil, err
	}
	place := func(id string) *figureNode {
		c, ok := byID[id]
		if !ok || placed[id] {
			return nil
		}
		placed[id] = true
		return &figureNode{fig: newFigure(c)}
	}
	for _, f := range fences {
		if string(f.Language(md)) != "mermaid" || f.Lines().Len() == 0 {
			continue
		}
		first := f.Lines().At(0)
		var fig *figureNode
		switch kind := strings.TrimSpace(string(first.Value(md))); {
		case strings.HasPrefix(kind, "flowchart"), strings.HasPrefix(kind, "graph"):
			fig = place("chart-cluster-map")
		case strings.HasPrefix(kind, "pie"):
			fig = place("chart-intent-mix")
		}
		if fig != nil {
			f.Parent().ReplaceChild(f.Parent(), f, fig)
		}
	}
	for _, h := range heads {
		id, _ := h.AttributeString("id")
		idb, _ := id.([]byte)
		if h.Level == 2 || h.Level == 3 {
			toc = append(toc, tocEntry{Level: h.Level, ID: string(idb), Text: plainText(h, md)})
		}
		var fig *figureNode
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

// kindFigure is the AST node kind of a chart placed in the document.
var kindFigure = ast.NewNodeKind("SeoplanFigure")

type figureNode struct {
	ast.BaseBlock
	fig figure
}

func (n *figureNode) Kind() ast.NodeKind { return kindFigure }

func (n *figureNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.fig.ID}, nil)
}

// figureRenderer writes a figureNode as <figure><img>: the SVG as a data:
// URI, never inline, so nothing in it can run.
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
}
