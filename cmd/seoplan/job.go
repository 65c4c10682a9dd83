package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/classify"
	"github.com/seoplan/seoplan/crawldb"
	"github.com/seoplan/seoplan/internal/termbar"
	"github.com/seoplan/seoplan/planner"
)

// The job layer: the steps every command that reads a crawl shares (open
// the database, find a snapshot, load its pages, label them, plan them),
// each with one mapping of its failures to an exit status, so the same
// condition gives the same status and message in every command (the table
// in README, exitcode_test.go).

// openDB opens the crawl database at path for reading a crawl. A path
// where there is no file, or a file that cannot serve (not SQLite, from a
// newer seoplan, in an unwritable place), is the user's to fix: a usage
// error, exit 2. hint is added to the message for a missing file, e.g.
// ", or give the URL to plan".
func openDB(ctx context.Context, path, hint string) (*crawldb.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, usagef("--db %s: no crawl database there (run seoplan crawl URL --db %s first%s)", path, shellQuote(path), hint)
	}
	return createDB(ctx, path)
}

// createDB opens the crawl database at path, creating it if need be (crawl,
// demo, plan URL), with openDB's mapping of an unusable file to exit 2.
func createDB(ctx context.Context, path string) (*crawldb.DB, error) {
	db, err := crawldb.Open(ctx, path)
	if errors.Is(err, crawldb.ErrUnusable) {
		return nil, usagef("--db %s: %v", path, err)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// latestCrawl returns the database's newest snapshot; a database that
// holds none is a usage error (exit 2), like a missing file. A snapshot
// that did not finish (interrupted, killed, failed) would give figures
// that silently miss the pages it never reached: it is an error (exit 1)
// saying how to finish it, unless partial is set (--partial), and then
// the caller says so in what it writes (partialNote).
func latestCrawl(ctx context.Context, db *crawldb.DB, path, hint string, partial bool) (crawldb.Snapshot, error) {
	snap, err := db.Latest(ctx)
	if errors.Is(err, crawldb.ErrNoCrawl) {
		return snap, usagef("%s holds no crawl yet: run seoplan crawl URL --db %s%s", path, shellQuote(path), hint)
	}
	if err != nil {
		return snap, fmt.Errorf("read %s: %w", path, err)
	}
	switch {
	case snap.State == crawldb.StateDone || partial:
	case snap.State == crawldb.StateFailed && snap.Pages == 0:
		// Nothing to miss: the caller says why the crawl stored nothing
		// (noHTML).
	case snap.State == crawldb.StateFailed:
		return snap, fmt.Errorf("the latest crawl in %s (%d) failed after %d pages: crawl again with seoplan crawl %s --db %s, or add --partial to use the pages it has",
			path, snap.ID, snap.Pages, shellQuote(snap.StartURL), shellQuote(path))
	default:
		return snap, fmt.Errorf("the latest crawl in %s (%d) %s with %d pages: finish it with seoplan crawl %s --db %s, which resumes where it stopped, or add --partial to use the pages it has",
			path, snap.ID, unfinished(snap.State), snap.Pages, shellQuote(snap.StartURL), shellQuote(path))
	}
	return snap, nil
}

// unfinished says in words how a crawl that is not done stands.
func unfinished(state string) string {
	switch state {
	case crawldb.StateInterrupted:
		return "was interrupted"
	case crawldb.StateFailed:
		return "failed"
	}
	return "has not finished (it is running, or was killed)"
}

// partialNote is the sentence a plan or report on an unfinished crawl
// carries, "" for a finished one.
func partialNote(snap crawldb.Snapshot) string {
	if snap.State == crawldb.StateDone || snap.ID == 0 {
		return ""
	}
	how := unfinished(snap.State)
	if snap.State == crawldb.StateRunning {
		how = "did not finish"
	}
	return fmt.Sprintf("This plan covers a partial crawl: the crawl of %s %s after %d pages, so pages it did not reach are missing from every figure, cluster and gap.",
		snap.StartURL, how, snap.Pages)
}

// loadPages returns every page of a snapshot (crawldb.LoadPages), its
// error named after the snapshot.
func loadPages(ctx context.Context, db *crawldb.DB, snap crawldb.Snapshot) ([]seoplan.Page, error) {
	pages, err := db.LoadPages(ctx, snap.ID)
	if err != nil {
		return nil, fmt.Errorf("read crawl %d: %w", snap.ID, err)
	}
	return pages, nil
}

// noHTML says why a crawl has nothing to plan, or "" when it has: no
// page at all, or none that is HTML and answered 200. The start URL's own
// answer usually tells why (a 404, a redirect off the site, a PDF), and
// robots.txt is the other usual reason for an empty crawl.
func noHTML(pages []seoplan.Page, snap crawldb.Snapshot) string {
	statuses := make(map[string]int)
	var start *seoplan.Page
	for i := range pages {
		p := &pages[i]
		if p.Status == 200 && seoplan.IsHTMLType(p.ContentType) {
			return ""
		}
		if p.URL == snap.StartURL || p.RequestedURL == snap.StartURL {
			start = p
		}
		switch {
		case p.Error != "":
			statuses["no answer"]++
		case p.Status != 200:
			statuses[fmt.Sprintf("status %d", p.Status)]++
		default:
			statuses["not HTML"]++
		}
	}
	if len(pages) == 0 {
		return fmt.Sprintf("the crawl of %s stored no page: robots.txt may disallow it for seoplan, or the crawl stopped before its first page", snap.StartURL)
	}
	var why string
	switch {
	case start == nil:
	case start.Error != "":
		why = fmt.Sprintf("the start URL %s did not answer (%s)", snap.StartURL, start.Error)
	case start.Status != 200:
		why = fmt.Sprintf("the start URL %s answered %d", snap.StartURL, start.Status)
	default:
		why = fmt.Sprintf("the start URL %s is %s, not an HTML page", snap.StartURL, start.ContentType)
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(statuses)) {
		parts = append(parts, fmt.Sprintf("%d %s", statuses[k], k))
	}
	out := fmt.Sprintf("none of the %d pages of the crawl is an HTML page that answered 200 (%s)", len(pages), strings.Join(parts, ", "))
	if why != "" {
		out = why + "; " + out
	}
	return out
}

// labeler labels crawls with one classifier, loaded once however many
// snapshots a command labels (diff labels two).
type labeler struct {
	c *classify.Classifier
	// bar shows the labelling of the next Site call; done detaches it,
	// so a later call (the earlier crawl of plan's report) draws nothing.
	bar *termbar.Bar
}

// newLabeler loads the classifier; b (nil for none) shows its progress
// until done is called.
func newLabeler(b *termbar.Bar) (*labeler, error) {
	l := &labeler{bar: b}
	c, err := classify.New(classify.WithProgress(func(done, total int) { l.bar.Set(int64(done), int64(total), "") }))
	if err != nil {
		return nil, fmt.Errorf("load classifier: %w", err)
	}
	l.c = c
	return l, nil
}

// done finishes and detaches the progress bar.
func (l *labeler) done() {
	l.bar.Finish()
	l.bar = nil
}

// site labels the pages of one crawl, learning the site's names from them
// first (classify.Classifier.Site).
func (l *labeler) site(ctx context.Context, pages []seoplan.Page) ([]seoplan.LabeledPage, error) {
	lps, _, err := l.c.Site(ctx, pages)
	if err != nil {
		return nil, fmt.Errorf("classify: %w", err)
	}
	return lps, nil
}

// snapshot loads and labels one snapshot's pages.
func (l *labeler) snapshot(ctx context.Context, db *crawldb.DB, snap crawldb.Snapshot) ([]seoplan.LabeledPage, error) {
	pages, err := loadPages(ctx, db, snap)
	if err != nil {
		return nil, err
	}
	lps, err := l.site(ctx, pages)
	if err != nil {
		return nil, fmt.Errorf("crawl %d: %w", snap.ID, err)
	}
	return lps, nil
}

// makePlan plans labeled pages and keywords; an option the planner refuses
// is the user's (exit 2).
func makePlan(ctx context.Context, in planner.Input, opts ...planner.Option) (*seoplan.Plan, error) {
	p, err := planner.Plan(ctx, in, opts...)
	if errors.Is(err, planner.ErrBadOption) {
		return nil, usageError{err}
	}
	if err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	return p, nil
}
