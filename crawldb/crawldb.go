package crawldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/seoplan/seoplan"
	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

// ErrNoCrawl is returned by Latest when the database holds no snapshot yet.
var ErrNoCrawl = errors.New("no crawl in the database")

// ErrUnusable wraps every reason the file cannot serve as a crawl
// database: its directory is missing or not writable, it is a directory,
// not SQLite, or from a newer seoplan. The command line calls it bad
// input (exit 2).
var ErrUnusable = errors.New("not usable as a crawl database")

// Snapshot states.
const (
	StateRunning     = "running"
	StateInterrupted = "interrupted"
	StateDone        = "done"
	StateFailed      = "failed"
)

// Snapshot is one crawl of a site kept in the database.
type Snapshot struct {
	ID       int64
	StartURL string
	Started  time.Time
	Ended    time.Time // zero while the crawl runs or after it was killed
	State    string    // StateRunning, StateInterrupted, StateDone or StateFailed
	Settings string    // the crawl's settings as JSON
	Pages    int       // pages stored so far
}

// Resumable reports whether Run should continue this snapshot rather than
// start a new one: it was stopped (Ctrl-C) or killed before it finished.
func (s Snapshot) Resumable() bool {
	return s.State == StateRunning || s.State == StateInterrupted
}

// DB is an open crawl database. It is safe for concurrent use, but the
// crawler is its only writer: a crawl writes through one Batch at a time.
type DB struct {
	sql  *sql.DB
	path string
}

// Open opens the crawl database at path, creating it and bringing its schema
// up to date. The file is in WAL mode so readers (an sqlite3 shell, export)
// do not block a running crawl.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("open crawl database: %w: empty path", ErrUnusable)
	}
	if dir := filepath.Dir(path); dir != "" {
		if fi, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("open crawl database %s: %w: %v", path, ErrUnusable, err)
		} else if !fi.IsDir() {
			return nil, fmt.Errorf("open crawl database %s: %w: %s is not a directory", path, ErrUnusable, dir)
		}
	}
	// busy_timeout lets a reader and the crawl share the file; synchronous
	// NORMAL is safe in WAL mode (a power cut may lose the last commits,
	// never consistency, and the crawl refetches what was lost).
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(1)"} {
		q.Add("_pragma", p)
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	sdb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open crawl database %s: %w", path, err)
	}
	db := &DB{sql: sdb, path: path}
	if err := db.migrate(ctx); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open crawl database %s: %w", path, err)
	}
	return db, nil
}

func (db *DB) migrate(ctx context.Context) error {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnusable, err)
	}
	defer conn.Close()
	var version int
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("%w: read schema version: %v", ErrUnusable, err)
	}
	if version > len(migrations) {
		return fmt.Errorf("%w: schema version %d is newer than this seoplan knows (%d): upgrade seoplan", ErrUnusable, version, len(migrations))
	}
	for v := version; v < len(migrations); v++ {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("%w: %v", ErrUnusable, err)
		}
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("%w: migrate to schema version %d: %v", ErrUnusable, v+1, err)
		}
		// PRAGMA takes no bound parameters; v is ours, not input.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("%w: set schema version: %v", ErrUnusable, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("%w: migrate to schema version %d: %v", ErrUnusable, v+1, err)
		}
	}
	return nil
}

// Close closes the database.
func (db *DB) Close() error { return db.sql.Close() }

const snapshotCols = `s.id, s.start_url, s.started, s.ended, s.state, s.settings,
	(SELECT count(*) FROM pages p WHERE p.snapshot_id = s.id)`

func scanSnapshot(row interface{ Scan(...any) error }) (Snapshot, error) {
	var s Snapshot
	var started, ended string
	if err := row.Scan(&s.ID, &s.StartURL, &started, &ended, &s.State, &s.Settings, &s.Pages); err != nil {
		return s, err
	}
	s.Started, _ = time.Parse(time.RFC3339Nano, started)
	if ended != "" {
		s.Ended, _ = time.Parse(time.RFC3339Nano, ended)
	}
	return s, nil
}

// Snapshots lists every crawl in the database, oldest first.
func (db *DB) Snapshots(ctx context.Context) ([]Snapshot, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT "+snapshotCols+" FROM snapshots s ORDER BY s.id")
	if err != nil {
		return nil, fmt.Errorf("list snapshots: %w", err)
	}
	defer rows.Close()
	var out []Snapshot
	for rows.Next() {
		s, err := scanSnapshot(rows)
		if err != nil {
			return nil, fmt.Errorf("list snapshots: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list snapshots: %w", err)
	}
	return out, nil
}

// Latest returns the newest snapshot, or ErrNoCrawl.
func (db *DB) Latest(ctx context.Context) (Snapshot, error) {
	s, err := scanSnapshot(db.sql.QueryRowContext(ctx, "SELECT "+snapshotCols+" FROM snapshots s ORDER BY s.id DESC LIMIT 1"))
	if errors.Is(err, sql.ErrNoRows) {
		return s, ErrNoCrawl
	}
	if err != nil {
		return s, fmt.Errorf("latest snapshot: %w", err)
	}
	return s, nil
}

// Snapshot returns the snapshot with the given id.
func (db *DB) Snapshot(ctx context.Context, id int64) (Snapshot, error) {
	s, err := scanSnapshot(db.sql.QueryRowContext(ctx, "SELECT "+snapshotCols+" FROM snapshots s WHERE s.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return s, fmt.Errorf("snapshot %d: %w", id, ErrNoCrawl)
	}
	if err != nil {
		return s, fmt.Errorf("snapshot %d: %w", id, err)
	}
	return s, nil
}

// CreateSnapshot starts a new crawl of startURL in state running.
func (db *DB) CreateSnapshot(ctx context.Context, startURL, settings string, started time.Time) (Snapshot, error) {
	if settings == "" {
		settings = "{}"
	}
	res, err := db.sql.ExecContext(ctx, "INSERT INTO snapshots (start_url, started, state, settings) VALUES (?, ?, ?, ?)",
		startURL, started.UTC().Format(time.RFC3339Nano), StateRunning, settings)
	if err != nil {
		return Snapshot{}, fmt.Errorf("create snapshot: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return Snapshot{}, fmt.Errorf("create snapshot: %w", err)
	}
	return db.Snapshot(ctx, id)
}

// SetState records a snapshot's state; a non-zero ended time is stored too.
func (db *DB) SetState(ctx context.Context, id int64, state string, ended time.Time) error {
	e := ""
	if !ended.IsZero() {
		e = ended.UTC().Format(time.RFC3339Nano)
	}
	if _, err := db.sql.ExecContext(ctx, "UPDATE snapshots SET state = ?, ended = ? WHERE id = ?", state, e, id); err != nil {
		return fmt.Errorf("set snapshot %d state: %w", id, err)
	}
	return nil
}

// FrontierItem is one URL of a crawl's frontier.
type FrontierItem struct {
	ID    int64
	URL   string
	Depth int
	Done  bool
}

// Frontier calls fn for every URL a snapshot has queued or claimed, in queue
// order. A resumed crawl rebuilds its seen-set from it.
func (db *DB) Frontier(ctx context.Context, snapshotID int64, fn func(FrontierItem) error) error {
	rows, err := db.sql.QueryContext(ctx, "SELECT id, url, depth, state FROM frontier WHERE snapshot_id = ? ORDER BY id", snapshotID)
	if err != nil {
		return fmt.Errorf("read frontier: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var it FrontierItem
		if err := rows.Scan(&it.ID, &it.URL, &it.Depth, &it.Done); err != nil {
			return fmt.Errorf("read frontier: %w", err)
		}
		if err := fn(it); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read frontier: %w", err)
	}
	return nil
}

// Pending returns up to limit pending frontier URLs with an id above
// afterID, in queue order. The crawler keeps only such a window in memory.
func (db *DB) Pending(ctx context.Context, snapshotID, afterID int64, limit int) ([]FrontierItem, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT id, url, depth FROM frontier WHERE snapshot_id = ? AND state = 0 AND id > ? ORDER BY id LIMIT ?", snapshotID, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("read pending urls: %w", err)
	}
	defer rows.Close()
	var out []FrontierItem
	for rows.Next() {
		var it FrontierItem
		if err := rows.Scan(&it.ID, &it.URL, &it.Depth); err != nil {
			return nil, fmt.Errorf("read pending urls: %w", err)
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read pending urls: %w", err)
	}
	return out, nil
}

// CountPending returns how many URLs of a snapshot wait to be fetched.
func (db *DB) CountPending(ctx context.Context, snapshotID int64) (int, error) {
	var n int
	if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM frontier WHERE snapshot_id = ? AND state = 0", snapshotID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count pending urls: %w", err)
	}
	return n, nil
}

// SitemapURLs calls fn for every URL the snapshot's sitemaps listed.
func (db *DB) SitemapURLs(ctx context.Context, snapshotID int64, fn func(string)) error {
	rows, err := db.sql.QueryContext(ctx, "SELECT url FROM sitemap_urls WHERE snapshot_id = ? ORDER BY rowid", snapshotID)
	if err != nil {
		return fmt.Errorf("read sitemap urls: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return fmt.Errorf("read sitemap urls: %w", err)
		}
		fn(u)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read sitemap urls: %w", err)
	}
	return nil
}

// pageDoc is pages.data: the page's list fields and those rarely queried,
// as one JSON document. It is the whole of the page's Content except the
// fields that have a column of their own (or, for the links, a table),
// which the shallower fields below hide from encoding/json; so a field
// added to seoplan.Content is stored without an edit here. Of the Fetch,
// which is all columns otherwise, it holds the two list-like fields.
type pageDoc struct {
	RedirectChain []string `json:"redirect_chain,omitempty"`
	XRobotsTag    string   `json:"x_robots_tag,omitempty"`
	*seoplan.Content

	// Kept in columns or the links table: always zero here, so omitted.
	Title           json.RawMessage `json:"title,omitempty"`
	MetaDescription json.RawMessage `json:"meta_description,omitempty"`
	Canonical       json.RawMessage `json:"canonical,omitempty"`
	Noindex         json.RawMessage `json:"noindex,omitempty"`
	Nofollow        json.RawMessage `json:"nofollow,omitempty"`
	Lang            json.RawMessage `json:"lang,omitempty"`
	WordCount       json.RawMessage `json:"word_count,omitempty"`
	MainText        json.RawMessage `json:"main_text,omitempty"`
	Links           json.RawMessage `json:"links,omitempty"`
}

// Pages calls fn for every page of a snapshot, links included, ordered by
// URL. It streams: only one page is in memory at a time.
func (db *DB) Pages(ctx context.Context, snapshotID int64, fn func(seoplan.Page) error) error {
	return db.pages(ctx, snapshotID, "", func(p seoplan.Page, _ *PageLabel) error { return fn(p) })
}

// LabeledPages is Pages with each page's stored label of the given model
// version (StoreLabels), or nil when the page has none of that version.
func (db *DB) LabeledPages(ctx context.Context, snapshotID int64, model string, fn func(seoplan.Page, *PageLabel) error) error {
	if model == "" {
		return fmt.Errorf("read labels: no model version given")
	}
	return db.pages(ctx, snapshotID, model, fn)
}

// pages walks a snapshot's pages, joined with their labels of version
// model unless model is "".
func (db *DB) pages(ctx context.Context, snapshotID int64, model string, fn func(seoplan.Page, *PageLabel) error) error {
	// Two cursors walked side by side, both in URL order: the pages, and
	// the links with their page's URL. A join would repeat every page's
	// main text on each of its link rows. The pages query starts first, so
	// the links cursor can only see more (pages committed in between, whose
	// links are skipped), never less. A page has at most one label row, so
	// joining the labels repeats nothing.
	const cols = `p.url, p.requested_url, p.status, p.content_type, p.size, p.response_time_ms,
	p.fetched_at, p.error, p.depth, p.in_sitemap, p.title, p.meta_description, p.canonical, p.noindex,
	p.nofollow, p.lang, p.word_count, p.main_text, p.data, p.rendered`
	pq, args := `SELECT `+cols+` FROM pages p WHERE p.snapshot_id = ? ORDER BY p.url`, []any{snapshotID}
	if model != "" {
		pq = `SELECT ` + cols + `, l.intent, l.subtype, l.stage, l.confidence, l.signals, l.phrases
FROM pages p LEFT JOIN labels l ON l.page_id = p.id AND l.model = ?
WHERE p.snapshot_id = ? ORDER BY p.url`
		args = []any{model, snapshotID}
	}
	const lq = `SELECT p.url, l.to_url, l.anchor, l.rel, l.internal
FROM pages p JOIN links l ON l.page_id = p.id
WHERE p.snapshot_id = ? ORDER BY p.url, l.rowid`
	prows, err := db.sql.QueryContext(ctx, pq, args...)
	if err != nil {
		return fmt.Errorf("read pages: %w", err)
	}
	defer prows.Close()
	lrows, err := db.sql.QueryContext(ctx, lq, snapshotID)
	if err != nil {
		return fmt.Errorf("read links: %w", err)
	}
	defer lrows.Close()

	var (
		link     seoplan.Link
		linkPage string
		haveLink bool
	)
	nextLink := func() error {
		haveLink = lrows.Next()
		if !haveLink {
			return lrows.Err()
		}
		return lrows.Scan(&linkPage, &link.URL, &link.Text, &link.Rel, &link.Internal)
	}
	if err := nextLink(); err != nil {
		return fmt.Errorf("read links: %w", err)
	}
	for prows.Next() {
		var (
			p             seoplan.Page
			rtMS          float64
			fetched, data string
			lab           labelRow
		)
		dest := []any{&p.URL, &p.RequestedURL, &p.Status, &p.ContentType, &p.Size, &rtMS,
			&fetched, &p.Error, &p.Depth, &p.InSitemap, &p.Title, &p.MetaDescription, &p.Canonical, &p.Noindex,
			&p.Nofollow, &p.Lang, &p.WordCount, &p.MainText, &data, &p.Rendered}
		if model != "" {
			dest = append(dest, lab.dest()...)
		}
		if err := prows.Scan(dest...); err != nil {
			return fmt.Errorf("read pages: %w", err)
		}
		if err := finishPage(&p, rtMS, fetched, data); err != nil {
			return err
		}
		for haveLink && linkPage <= p.URL {
			if linkPage == p.URL {
				p.Links = append(p.Links, link)
			}
			if err := nextLink(); err != nil {
				return fmt.Errorf("read links: %w", err)
			}
		}
		pl, err := lab.label(p.URL, model)
		if err != nil {
			return err
		}
		if err := fn(p, pl); err != nil {
			return err
		}
	}
	if err := prows.Err(); err != nil {
		return fmt.Errorf("read pages: %w", err)
	}
	return nil
}

// LoadPages returns every page of a snapshot, links included, ordered by
// URL: Pages collected into a slice, for the classifier and the planner,
// which need the whole crawl at once.
func (db *DB) LoadPages(ctx context.Context, snapshotID int64) ([]seoplan.Page, error) {
	var pages []seoplan.Page
	if err := db.Pages(ctx, snapshotID, func(p seoplan.Page) error {
		pages = append(pages, p)
		return nil
	}); err != nil {
		return nil, err
	}
	return pages, nil
}

// finishPage fills the fields of p stored as text or JSON.
func finishPage(p *seoplan.Page, rtMS float64, fetched, data string) error {
	p.ResponseTime = time.Duration(rtMS * float64(time.Millisecond))
	p.FetchedAt, _ = time.Parse(time.RFC3339Nano, fetched)
	// The columns were scanned into p.Content already; the document
	// fills the rest of it, never those.
	d := pageDoc{Content: &p.Content}
	if err := json.Unmarshal([]byte(data), &d); err != nil {
		return fmt.Errorf("read page %s: %w", p.URL, err)
	}
	p.RedirectChain, p.XRobotsTag = d.RedirectChain, d.XRobotsTag
	return nil
}

// PageSummaries is Pages without the main text and the links, which it
// counts instead: what an export or a report table needs, read without
// touching the links table's rows (a tenth of the time on a large crawl).
func (db *DB) PageSummaries(ctx context.Context, snapshotID int64, fn func(p seoplan.Page, internalLinks, externalLinks int) error) error {
	const q = `SELECT p.url, p.requested_url, p.status, p.content_type, p.size, p.response_time_ms,
	p.fetched_at, p.error, p.depth, p.in_sitemap, p.title, p.meta_description, p.canonical, p.noindex,
	p.nofollow, p.lang, p.word_count, p.data, p.rendered,
	(SELECT count(*) FROM links l WHERE l.page_id = p.id AND l.internal),
	(SELECT count(*) FROM links l WHERE l.page_id = p.id AND NOT l.internal)
FROM pages p WHERE p.snapshot_id = ? ORDER BY p.url`
	rows, err := db.sql.QueryContext(ctx, q, snapshotID)
	if err != nil {
		return fmt.Errorf("read pages: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			p             seoplan.Page
			rtMS          float64
			fetched, data string
			in, out       int
		)
		if err := rows.Scan(&p.URL, &p.RequestedURL, &p.Status, &p.ContentType, &p.Size, &rtMS,
			&fetched, &p.Error, &p.Depth, &p.InSitemap, &p.Title, &p.MetaDescription, &p.Canonical, &p.Noindex,
			&p.Nofollow, &p.Lang, &p.WordCount, &data, &p.Rendered, &in, &out); err != nil {
			return fmt.Errorf("read pages: %w", err)
		}
		if err := finishPage(&p, rtMS, fetched, data); err != nil {
			return err
		}
		if err := fn(p, in, out); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read pages: %w", err)
	}
	return nil
}

// StatusClasses counts a snapshot's pages by status class: index 0 holds
// pages with no response (Status 0), index 1 to 5 the 1xx to 5xx answers.
// errors counts pages with an error recorded.
func (db *DB) StatusClasses(ctx context.Context, snapshotID int64) (classes [6]int, errors int, err error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT status / 100, count(*), sum(error != '') FROM pages WHERE snapshot_id = ? GROUP BY status / 100", snapshotID)
	if err != nil {
		return classes, 0, fmt.Errorf("count pages by status: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var class, n, e int
		if err := rows.Scan(&class, &n, &e); err != nil {
			return classes, 0, fmt.Errorf("count pages by status: %w", err)
		}
		if class >= 0 && class < len(classes) {
			classes[class] += n
		}
		errors += e
	}
	if err := rows.Err(); err != nil {
		return classes, 0, fmt.Errorf("count pages by status: %w", err)
	}
	return classes, errors, nil
}

// RenderedCounts calls fn with the number of a snapshot's pages rendered in
// a browser for each reason (pages.rendered), so a resumed crawl counts
// what earlier runs rendered.
func (db *DB) RenderedCounts(ctx context.Context, snapshotID int64, fn func(reason string, n int)) error {
	rows, err := db.sql.QueryContext(ctx, "SELECT rendered, count(*) FROM pages WHERE snapshot_id = ? AND rendered != '' GROUP BY rendered", snapshotID)
	if err != nil {
		return fmt.Errorf("count rendered pages: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var reason string
		var n int
		if err := rows.Scan(&reason, &n); err != nil {
			return fmt.Errorf("count rendered pages: %w", err)
		}
		fn(reason, n)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("count rendered pages: %w", err)
	}
	return nil
}
