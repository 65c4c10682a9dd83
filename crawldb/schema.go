package crawldb

// migrations[i] brings a database from schema version i to i+1. The version
// lives in PRAGMA user_version, so a database written by an older seoplan is
// upgraded in place and one written by a newer seoplan is refused rather than
// misread. Append to this list; never edit a migration that has shipped.
var migrations = []string{
	// Version 1: snapshots, the frontier (the seen-set), sitemap URLs, pages
	// and links.
	`
CREATE TABLE snapshots (
	id        INTEGER PRIMARY KEY,
	start_url TEXT    NOT NULL,
	started   TEXT    NOT NULL,            -- RFC 3339, UTC
	ended     TEXT    NOT NULL DEFAULT '', -- RFC 3339, UTC; '' while running
	state     TEXT    NOT NULL,            -- running | interrupted | done | failed
	settings  TEXT    NOT NULL DEFAULT '{}'
);

CREATE TABLE frontier (
	id          INTEGER PRIMARY KEY,
	snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
	url         TEXT    NOT NULL,
	depth       INTEGER NOT NULL,
	state       INTEGER NOT NULL DEFAULT 0, -- 0 pending, 1 done
	UNIQUE (snapshot_id, url)
);
CREATE INDEX frontier_pending ON frontier(snapshot_id, state, id);

CREATE TABLE sitemap_urls (
	snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
	url         TEXT    NOT NULL,
	UNIQUE (snapshot_id, url)
);

CREATE TABLE pages (
	id               INTEGER PRIMARY KEY,
	snapshot_id      INTEGER NOT NULL REFERENCES snapshots(id),
	url              TEXT    NOT NULL,
	requested_url    TEXT    NOT NULL DEFAULT '',
	status           INTEGER NOT NULL,
	content_type     TEXT    NOT NULL DEFAULT '',
	size             INTEGER NOT NULL DEFAULT 0,
	response_time_ms REAL    NOT NULL DEFAULT 0,
	fetched_at       TEXT    NOT NULL,
	error            TEXT    NOT NULL DEFAULT '',
	depth            INTEGER NOT NULL,
	in_sitemap       INTEGER NOT NULL DEFAULT 0,
	is_html          INTEGER NOT NULL DEFAULT 0,
	title            TEXT    NOT NULL DEFAULT '',
	meta_description TEXT    NOT NULL DEFAULT '',
	canonical        TEXT    NOT NULL DEFAULT '',
	noindex          INTEGER NOT NULL DEFAULT 0,
	nofollow         INTEGER NOT NULL DEFAULT 0,
	lang             TEXT    NOT NULL DEFAULT '',
	word_count       INTEGER NOT NULL DEFAULT 0,
	main_text        TEXT    NOT NULL DEFAULT '',
	data             TEXT    NOT NULL DEFAULT '{}', -- every other field of seoplan.Page as JSON
	UNIQUE (snapshot_id, url)
);

CREATE TABLE links (
	page_id  INTEGER NOT NULL REFERENCES pages(id),
	to_url   TEXT    NOT NULL,
	anchor   TEXT    NOT NULL DEFAULT '',
	rel      TEXT    NOT NULL DEFAULT '',
	internal INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX links_page ON links(page_id);
`,
	// Version 2: whether a page's content comes from the page as a headless
	// browser rendered it, and why ('' when from the server's HTML).
	`
ALTER TABLE pages ADD COLUMN rendered TEXT NOT NULL DEFAULT ''; -- always | shell | script-links
`,
	// Version 3: the classifier's label of each page, keyed by the page's row
	// and the model version that made it, so plan, diff and classify label
	// a page once and again only when the model changes (issue 16).
	`
CREATE TABLE labels (
	page_id    INTEGER PRIMARY KEY REFERENCES pages(id),
	model      TEXT    NOT NULL, -- classifier version that made the label
	intent     TEXT    NOT NULL,
	subtype    TEXT    NOT NULL,
	stage      TEXT    NOT NULL,
	confidence REAL    NOT NULL,
	signals    TEXT    NOT NULL DEFAULT '[]', -- JSON array of strings
	phrases    TEXT    NOT NULL DEFAULT ''    -- the page's candidate key phrases, the classifier's own text
);
`,
}
