// Package crawldb keeps seoplan's crawls in one SQLite file (the pure-Go
// modernc.org/sqlite driver, no cgo). One file holds many crawls of a site,
// each a snapshot, so a crawl can be resumed after any interruption and two
// crawls can be compared. Users may open the file with any SQLite client.
//
// The crawler writes through a Batch: one transaction holding a group of
// fetched pages, their links, their frontier rows marked done and the URLs
// they queued. A crash (SIGKILL, power loss) therefore keeps a page together
// with everything it changed, or none of it; the crawl fetches what was lost
// again on resume and never stores a URL twice. Readers use Open, Latest,
// Snapshots, Pages (streamed), LabeledPages (streamed, with each page's
// stored label) and LoadPages (a slice). StoreLabels keeps the classifier's
// labels, so a page is labelled once per classifier version.
//
// One crawl at a time writes a file: the crawler takes LockCrawl first, an
// advisory lock on the side file path+".lock" that dies with its process
// (flock on Unix, LockFileEx on Windows), so a second crawl is refused with
// a LockedError naming the holder, and a crawl killed with SIGKILL leaves
// its snapshot "running" with no holder, for the next crawl to resume.
//
// The file is in WAL mode, so a reader (sqlite3, seoplan export) can read
// while a crawl writes. Its schema version is PRAGMA user_version; Open
// migrates an older file in place and refuses a newer one.
//
// # Schema (version 3)
//
//	snapshots      one row per crawl
//	  id             INTEGER PRIMARY KEY
//	  start_url      TEXT     the normalised start URL
//	  started, ended TEXT     RFC 3339 UTC; ended is '' until the crawl finishes
//	  state          TEXT     running | interrupted | done | failed
//	  settings       TEXT     JSON: max_pages, max_depth, concurrency, delay,
//	                          include, exclude, user_agent, ignore_robots
//
//	pages          one row per fetched URL of a snapshot, UNIQUE (snapshot_id, url)
//	  id, snapshot_id
//	  url            TEXT     final URL after redirects, normalised
//	  requested_url  TEXT     the URL first requested, when a redirect changed it
//	  status         INTEGER  HTTP status; 0 when no response came (see error)
//	  content_type   TEXT     the Content-Type header as sent
//	  size           INTEGER  body bytes read (Content-Length for resources)
//	  response_time_ms REAL
//	  fetched_at     TEXT     RFC 3339 UTC
//	  error          TEXT     why the fetch failed or was cut short; '' if fine
//	  depth          INTEGER  links followed from the start URL
//	  in_sitemap     INTEGER  1 if a sitemap lists the URL
//	  is_html        INTEGER  1 for a 2xx HTML page (the only kind parsed)
//	  title, meta_description, canonical, lang, main_text   TEXT
//	  noindex, nofollow  INTEGER  from meta robots or X-Robots-Tag
//	  word_count     INTEGER  words of the main text
//	  data           TEXT     JSON: redirect_chain, meta_robots, x_robots_tag,
//	                          h1, headings [{level,text}], schema_types,
//	                          og_type, og_site_name, breadcrumbs
//	  rendered       TEXT     why the content is that of the page as a headless
//	                          browser rendered it: always, shell, script-links;
//	                          '' when it is the server's HTML (schema version 2)
//
//	links          one row per <a href> of an HTML page (or a redirect's target)
//	  page_id        INTEGER  pages.id of the linking page
//	  to_url         TEXT     resolved and normalised
//	  anchor, rel    TEXT
//	  internal       INTEGER  1 when to_url is on the crawled site
//
//	frontier       every URL a snapshot queued or claimed: its seen-set
//	  id             INTEGER PRIMARY KEY (queue order)
//	  snapshot_id, url (UNIQUE together), depth
//	  state          INTEGER  0 pending, 1 done
//
//	sitemap_urls   URLs the snapshot's sitemaps list: (snapshot_id, url)
//
//	labels         the classifier's label of a page (plan, diff, classify --db)
//	  page_id        INTEGER PRIMARY KEY, pages.id
//	  model          TEXT     the classifier version that made it; another
//	                          version's commands label the page again
//	  intent, subtype, stage  TEXT  as in TAXONOMY.md
//	  confidence     REAL     calibrated probability that the intent is right
//	  signals        TEXT     JSON array: what produced the label
//	  phrases        TEXT     the page's candidate key phrases, one a line:
//	                          term frequency, stem, then each surface form and
//	                          its count, tab-separated; the key phrases are the
//	                          heaviest of them by TF-IDF across the whole crawl
//
// Resources (PDFs, images, anything not HTML) are rows of pages with their
// content type and no extracted fields. A redirect whose target was already
// fetched is a row of its own with its 3xx status and its target as its one
// link.
//
// # Example queries
//
//	-- the crawls in the file
//	SELECT id, start_url, state, started, ended FROM snapshots;
//
//	-- pages of the latest crawl by status
//	SELECT status, count(*) FROM pages
//	WHERE snapshot_id = (SELECT max(id) FROM snapshots) GROUP BY status;
//
//	-- broken internal links and the pages that carry them
//	SELECT src.url, l.to_url, dst.status FROM links l
//	JOIN pages src ON src.id = l.page_id
//	JOIN pages dst ON dst.snapshot_id = src.snapshot_id AND dst.url = l.to_url
//	WHERE src.snapshot_id = (SELECT max(id) FROM snapshots) AND dst.status >= 400;
//
//	-- orphans: in the sitemap, linked from no page
//	SELECT p.url FROM pages p
//	WHERE p.snapshot_id = (SELECT max(id) FROM snapshots) AND p.in_sitemap
//	  AND NOT EXISTS (SELECT 1 FROM links l JOIN pages s ON s.id = l.page_id
//	                  WHERE s.snapshot_id = p.snapshot_id AND l.to_url = p.url);
//
//	-- pages of the latest crawl by intent, as last labelled
//	SELECT l.intent, l.subtype, count(*) FROM labels l JOIN pages p ON p.id = l.page_id
//	WHERE p.snapshot_id = (SELECT max(id) FROM snapshots) GROUP BY 1, 2;
//
//	-- h1s of HTML pages (JSON functions are built into SQLite)
//	SELECT url, json_extract(data, '$.h1') FROM pages WHERE is_html;
//
// # Files
//
//	crawldb.go  Open, DB, Snapshot, the readers (Snapshots, Latest, Pages, LoadPages …)
//	batch.go    Batch: the crawler's write transaction
//	labels.go   PageLabel, StoreLabels, the labels table's rows
//	lock*.go    LockCrawl: one crawl per file, a lock that dies with its process
//	schema.go   the migrations, one per schema version
package crawldb
