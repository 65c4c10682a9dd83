package templates

import (
	"bytes"
	"fmt"
	"io"
	"text/template"

	"github.com/seoplan/seoplan"
)

// progressRows caps each list of the progress section; plan.json and
// `seoplan diff --format json` have every row.
const progressRows = 50

var progressTmpl = template.Must(template.New("progress").Funcs(template.FuncMap{
	"md":    Escape,
	"pct":   func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
	"short": func(site, u string) string { return Escape(shortRef(&seoplan.Plan{Site: site}, u)) },
	"change": func(before, after map[seoplan.Intent]int, in string) string {
		return arrow(before[seoplan.Intent(in)], after[seoplan.Intent(in)])
	},
	"arrow": arrow,
	// day writes a crawl's time as it is for the terminal, as a date in the report.
	"day": func(report bool, s string) string {
		if report {
			return shortDate(s)
		}
		return s
	},
}).Parse(progressText))

// arrow shows a count that may have moved: "3", or "3 → 5".
func arrow(a, b int) string {
	if a == b {
		return fmt.Sprint(a)
	}
	return fmt.Sprintf("%d → %d", a, b)
}

const progressText = `## Progress since the last crawl

Crawl {{.From.ID}}{{if .From.Started}} of {{day .Report .From.Started}}{{end}} ({{.From.Pages}} pages) compared with crawl {{.To.ID}}{{if .To.Started}} of {{day .Report .To.Started}}{{end}} ({{.To.Pages}} pages).

- **Pages:** {{len .Added}} added, {{len .Removed}} removed, {{len .Changed}} changed in intent or title.
- **Intent mix:** product {{pct .MixBefore.ProductShare}} → {{pct .MixAfter.ProductShare}}, problem {{pct .MixBefore.ProblemShare}} → {{pct .MixAfter.ProblemShare}} (product pages {{arrow .MixBefore.Product .MixAfter.Product}}, problem pages {{arrow .MixBefore.Problem .MixAfter.Problem}}, other {{arrow .MixBefore.Other .MixAfter.Other}}).
- **Proposals published:** {{len .Done}} of the previous plan's proposals now have a page.
{{- $site := .Site}}
{{- if .Done}}

### Proposals now published

| Proposal | Keyword | New page |
|---|---|---|
{{- range .Done}}
| {{md .Title}} ({{md .ID}}) | {{md .Keyword}} | {{md .Page}} ({{short $site .URL}}) |
{{- end}}
{{- end}}
{{- if .Clusters}}

### Cluster coverage

| Cluster | Product pages | Problem pages | Other pages | New pages |
|---|---:|---:|---:|---:|
{{- range .Clusters}}
| {{md .Name}} | {{change .Before .After "product"}} | {{change .Before .After "problem"}} | {{change .Before .After "other"}} | {{len .Added}} |
{{- end}}
{{- end}}
{{- with .Added}}

### Pages added

| Page | Intent | Subtype |
|---|---|---|
{{- range .}}
| {{md .Title}} ({{short $site .URL}}) | {{.Intent}} | {{.Subtype}} |
{{- end}}
{{- end}}
{{- with .Removed}}

### Pages removed

| Page | Intent | Subtype |
|---|---|---|
{{- range .}}
| {{md .Title}} ({{short $site .URL}}) | {{.Intent}} | {{.Subtype}} |
{{- end}}
{{- end}}
{{- with .Changed}}

### Pages changed

| Page | Title | Intent |
|---|---|---|
{{- range .}}
| {{short $site .URL}} | {{if eq .TitleBefore .TitleAfter}}{{md .TitleAfter}}{{else}}{{md .TitleBefore}} → {{md .TitleAfter}}{{end}} | {{if eq .IntentBefore .IntentAfter}}{{.IntentAfter}}{{else}}{{.IntentBefore}} → {{.IntentAfter}}{{end}} |
{{- end}}
{{- end}}
{{- if .More}}

And {{.More}} more rows{{if .Report}}, not listed here{{else}}; run seoplan diff --format json for all of them{{end}}.
{{- end}}
`

// progressView is a Change with its long lists cut to progressRows.
type progressView struct {
	seoplan.Change
	More int
	// Report is set in the client report, which names no command.
	Report bool
}

// ChangeMarkdown writes the "Progress since the last crawl" section: the
// pages added, removed and changed, the intent mix and per-cluster coverage
// before and after, and the previous plan's proposals that now have a page.
// It is a GitHub-flavoured Markdown section starting with an h2, which the
// HTML report puts first and `seoplan diff` prints. Crawled text is escaped
// as in the roadmap.
func ChangeMarkdown(w io.Writer, pr *seoplan.Change) error {
	return progressMarkdown(w, pr, false)
}

// progressMarkdown is ChangeMarkdown for the terminal or, with report
// set, for the client report.
func progressMarkdown(w io.Writer, pr *seoplan.Change, report bool) error {
	v := progressView{Change: *pr, Report: report}
	cut := func(n int) int {
		if n > progressRows {
			v.More += n - progressRows
			return progressRows
		}
		return n
	}
	v.Added = v.Added[:cut(len(v.Added))]
	v.Removed = v.Removed[:cut(len(v.Removed))]
	v.Changed = v.Changed[:cut(len(v.Changed))]
	v.Done = v.Done[:cut(len(v.Done))]
	var buf bytes.Buffer
	if err := progressTmpl.Execute(&buf, v); err != nil {
		return fmt.Errorf("render progress: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write progress: %w", err)
	}
	return nil
}
