package crawldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/seoplan/seoplan"
)

// Batch is one write transaction of a crawl. Everything a fetched page
// changes (the page, its links, its frontier row marked done, the URLs it
// adds to the frontier) goes into the same Batch, so a crash at any moment
// either keeps all of it or none of it: nothing is lost or stored twice.
// A Batch is not safe for concurrent use.
type Batch struct {
	tx                   *sql.Tx
	ctx                  context.Context // the Begin call's; a Batch lives for one short transaction
	enqueue, claim, done *sql.Stmt
	page, link, sitemap  *sql.Stmt
	links                *sql.Stmt // linkChunk links at once
	n                    int
}

// linkChunk is how many links one multi-row INSERT stores.
const linkChunk = 16

// Begin starts a batch. Call Commit or Rollback to end it.
//
// The batch keeps ctx for its statements because database/sql binds a
// transaction to the context it began with anyway.
func (db *DB) Begin(ctx context.Context) (*Batch, error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin batch: %w", err)
	}
	b := &Batch{tx: tx, ctx: ctx}
	prep := []struct {
		st **sql.Stmt
		q  string
	}{
		{&b.enqueue, "INSERT OR IGNORE INTO frontier (snapshot_id, url, depth, state) VALUES (?, ?, ?, 0)"},
		{&b.claim, "INSERT OR IGNORE INTO frontier (snapshot_id, url, depth, state) VALUES (?, ?, ?, 1)"},
		{&b.done, "UPDATE frontier SET state = 1 WHERE id = ?"},
		{&b.page, `INSERT INTO pages (snapshot_id, url, requested_url, status, content_type, size, response_time_ms,
			fetched_at, error, depth, in_sitemap, is_html, title, meta_description, canonical, noindex, nofollow,
			lang, word_count, main_text, data, rendered) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`},
		{&b.link, "INSERT INTO links (page_id, to_url, anchor, rel, internal) VALUES (?, ?, ?, ?, ?)"},
		{&b.links, "INSERT INTO links (page_id, to_url, anchor, rel, internal) VALUES " +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?),", linkChunk), ",")},
		{&b.sitemap, "INSERT OR IGNORE INTO sitemap_urls (snapshot_id, url) VALUES (?, ?)"},
	}
	for _, p := range prep {
		st, err := tx.PrepareContext(ctx, p.q)
		if err != nil {
			tx.Rollback()
			return nil, fmt.Errorf("begin batch: %w", err)
		}
		*p.st = st
	}
	return b, nil
}

// Len returns how many pages the batch holds.
func (b *Batch) Len() int { return b.n }

// Enqueue adds url to the snapshot's frontier as pending and returns its
// id, or 0 when the URL was already there (the check and the record are one
// statement, so no URL is ever queued twice).
func (b *Batch) Enqueue(snapshotID int64, url string, depth int) (int64, error) {
	return b.insert(b.enqueue, snapshotID, url, depth)
}

// Claim records url in the frontier as already done without queueing it:
// a redirect target that was fetched under another URL. It returns 0 when
// the URL was there already.
func (b *Batch) Claim(snapshotID int64, url string, depth int) (int64, error) {
	return b.insert(b.claim, snapshotID, url, depth)
}

func (b *Batch) insert(st *sql.Stmt, snapshotID int64, url string, depth int) (int64, error) {
	res, err := st.ExecContext(b.ctx, snapshotID, url, depth)
	if err != nil {
		return 0, fmt.Errorf("queue %s: %w", url, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return 0, nil
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("queue %s: %w", url, err)
	}
	return id, nil
}

// AddSitemapURL records that a snapshot's sitemaps list url.
func (b *Batch) AddSitemapURL(snapshotID int64, url string) error {
	if _, err := b.sitemap.ExecContext(b.ctx, snapshotID, url); err != nil {
		return fmt.Errorf("record sitemap url %s: %w", url, err)
	}
	return nil
}

// Done marks a frontier URL fetched without storing a page (a URL dropped
// after it was queued, e.g. over --max-depth once redirected).
func (b *Batch) Done(frontierID int64) error {
	if _, err := b.done.ExecContext(b.ctx, frontierID); err != nil {
		return fmt.Errorf("mark frontier %d done: %w", frontierID, err)
	}
	return nil
}

// StorePage stores p and its links in the snapshot and marks frontier row
// frontierID done (0 for none).
func (b *Batch) StorePage(snapshotID, frontierID int64, p *seoplan.Page) error {
	data, err := json.Marshal(pageDoc{RedirectChain: p.RedirectChain, XRobotsTag: p.XRobotsTag, Content: &p.Content})
	if err != nil {
		return fmt.Errorf("store page %s: %w", p.URL, err)
	}
	res, err := b.page.ExecContext(b.ctx, snapshotID, p.URL, p.RequestedURL, p.Status, p.ContentType, p.Size,
		float64(p.ResponseTime)/float64(time.Millisecond), p.FetchedAt.UTC().Format(time.RFC3339Nano), p.Error,
		p.Depth, p.InSitemap, p.IsHTML(), p.Title, p.MetaDescription, p.Canonical, p.Noindex, p.Nofollow,
		p.Lang, p.WordCount, p.MainText, string(data), p.Rendered)
	if err != nil {
		return fmt.Errorf("store page %s: %w", p.URL, err)
	}
	pageID, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("store page %s: %w", p.URL, err)
	}
	// Links go in groups of linkChunk rows per statement: a page has dozens,
	// and one statement per link was a third of the store's time.
	links := p.Links
	for len(links) >= linkChunk {
		args := make([]any, 0, 5*linkChunk)
		for _, l := range links[:linkChunk] {
			args = append(args, pageID, l.URL, l.Text, l.Rel, l.Internal)
		}
		if _, err := b.links.ExecContext(b.ctx, args...); err != nil {
			return fmt.Errorf("store links of %s: %w", p.URL, err)
		}
		links = links[linkChunk:]
	}
	for _, l := range links {
		if _, err := b.link.ExecContext(b.ctx, pageID, l.URL, l.Text, l.Rel, l.Internal); err != nil {
			return fmt.Errorf("store links of %s: %w", p.URL, err)
		}
	}
	if frontierID != 0 {
		if err := b.Done(frontierID); err != nil {
			return err
		}
	}
	b.n++
	return nil
}

// Commit makes the batch durable.
func (b *Batch) Commit() error {
	if err := b.tx.Commit(); err != nil {
		return fmt.Errorf("commit batch: %w", err)
	}
	return nil
}

// Rollback discards the batch. It is a no-op after Commit.
func (b *Batch) Rollback() error {
	err := b.tx.Rollback()
	if err == sql.ErrTxDone {
		return nil
	}
	return err
}
