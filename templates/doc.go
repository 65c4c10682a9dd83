// Package templates renders a *seoplan.Plan for people and programs:
// roadmap.md (GitHub-flavoured Markdown from an embedded text/template) and
// plan.json. Renderers take an io.Writer and write nothing unless the whole
// output rendered, so a caller writing to a temporary file never keeps half
// a report.
//
// Text from crawled pages (titles, URLs, phrases, keywords) is untrusted:
// the template passes every such value through Escape, which backslash-
// escapes Markdown's special characters and breaks up bare URLs, and through
// Mermaid inside diagram labels. A title with pipes, brackets, backticks or
// HTML stays text: it never breaks a table, opens a code span or becomes a
// link. The tests parse the roadmap with goldmark to hold that line.
//
// Files:
//
//	markdown.go       Markdown and the view the template renders
//	roadmap.md.tmpl   the roadmap: summary, topic map, clusters, calendar, audit, metrics
//	json.go           JSON: plan.json
//	escape.go         Escape and Mermaid for untrusted text
//
// HTML, CSV and iCalendar renderers of the same plan belong beside these.
package templates
