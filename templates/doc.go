// Package templates renders a *seoplan.Plan for people and programs:
// roadmap.md (GitHub-flavoured Markdown from an embedded text/template),
// plan.json, the self-contained HTML client report (a cover, an executive
// summary, then the roadmap through goldmark with proposals as cards,
// wrapped in an html/template layout with gonum/plot charts and print CSS),
// the editorial calendar as CSV and iCalendar, and one content brief per
// proposal. Renderers take an io.Writer and write nothing unless the whole
// output rendered, so a caller writing to a temporary file never keeps half
// a report.
//
// The report speaks to the client: its dates read as people write them
// (dates.go), it names no command or flag, and its words follow the
// business the crawl shows (Plan.Business), not the profile's name. What
// the user needs to know to make it goes to the terminal and README.
//
// Text from crawled pages (titles, URLs, phrases, keywords) is untrusted:
// the template passes every such value through Escape, which backslash-
// escapes Markdown's special characters and breaks up bare URLs, and through
// Mermaid inside diagram labels. A title with pipes, brackets, backticks or
// HTML stays text: it never breaks a table, opens a code span or becomes a
// link. The tests parse the roadmap with goldmark to hold that line, and the
// HTML report renders with goldmark's raw HTML off and html/template's
// escaping for everything else.
//
// Files:
//
//	markdown.go       Markdown and the view the template renders
//	roadmap.md.tmpl   the roadmap: summary, topic map, clusters, calendar, audit, metrics
//	json.go           JSON: plan.json
//	escape.go         Escape and Mermaid for untrusted text
//	html.go           HTML: the client report, with report.html.tmpl and report.css
//	summary.go        the report's executive summary: figures and the first things to do
//	dates.go          dates as the report's reader writes them
//	charts.go         the report's charts: topic map, intent mix, funnel, timeline (SVG)
//	change.go         Change as the "progress since the last crawl" section (Markdown)
//	csv.go            CSV: one row per scheduled piece, for Sheets, Excel, Notion, Asana, Trello;
//	                  CalendarOption, shared with ICS
//	ics.go            iCalendar (RFC 5545): one all-day event per scheduled piece, linking its brief
//	briefs.go         one Markdown content brief per proposal, with brief.md.tmpl
package templates
