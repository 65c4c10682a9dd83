// Package sitesrv serves the bundled sample sites (testdata/sites/<name>) over
// HTTP and loads their hand-made ground truth, so that tests and
// `seoplan demo` can crawl a realistic site without touching the internet.
//
// A sample site is a directory, given as an fs.FS rooted at it:
//
//	site.json   name, origin, description, kind
//	www/        the served tree, with pretty URLs
//	_redirects  FROM TO STATUS, one rule a line, # comments
//	labels.tsv  path intent subtype stage cluster: the hand labels
//	gaps.tsv    cluster kind pages note: gaps planted on purpose
//	audit.tsv   kind pages note: audit findings planted on purpose
//
// testdata/sites/README.md describes the format in full.
//
// Handler serves www/: "/" from www/index.html, "/pricing" from
// www/pricing.html or www/pricing/index.html, other files (robots.txt,
// sitemap.xml) by their own name. A request for "/pricing.html" or
// "/pricing/" is redirected to "/pricing" so that every page has one URL.
// Redirect rules are checked before files. Anything else is a 404. Pages are
// written with the site's real origin (https://www.relaydesk.example); the
// handler rewrites that origin to the origin of the request (http:// plus
// the Host header) in every text body, including gzip-compressed sitemaps,
// so absolute links and sitemap locations work under httptest. Only GET and
// HEAD are allowed.
//
// Load reads site.json and the TSV files into a Site, checking every label
// name against the root package's taxonomy; tests use it as ground truth.
//
// Files:
//
//	handler.go    Handler, Start: serving www/ with pretty URLs and origin rewriting
//	redirects.go  parsing _redirects
//	load.go       Load, Site, Label, PlantedGap, PlantedFinding: site.json and the TSV files
package sitesrv
