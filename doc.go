// Package seoplan holds the types that cross package boundaries in seoplan, an
// SEO content-strategy planner: a crawled Page, a classifier Label, a Keyword
// from a keyword file, and the Plan the planner writes.
//
// The pipeline is
//
//	crawler  → []Page             (kept in the crawl database)
//	classify → Label per Page and per Keyword, key phrases per Page
//	planner  → *Plan              (clusters, gaps, proposals, calendar, audit)
//	templates → roadmap.md, report.html, calendar.csv, calendar.ics, plan.json
//
// Each stage imports this package and none of the others; cmd/seoplan wires
// them together. This package imports only the standard library.
//
// Files:
//
//	page.go     Page (a Fetch and its Content), Link, Heading: what the crawler records of a URL
//	change.go   Change: what changed between two crawls, for diff and the report
//	label.go    Intent, Subtype, Stage, Label: the taxonomy of TAXONOMY.md
//	keyword.go  Keyword: a row of a keyword file (plain list or GSC/Ahrefs/Semrush CSV)
//	plan.go     Plan and its parts: Cluster, Gap, Proposal, Balance, Finding
//	samples.go  the bundled sample sites, embedded for `seoplan demo` and tests
package seoplan
