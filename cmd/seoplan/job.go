package main

import (
	"context"
	"errors"
	"fmt"
	"io"
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
func noHTML(pages []seoplan.LabeledPage, snap crawldb.Snapshot) string {
	statuses := make(map[string]int)
	var start *seoplan.Page
	for i := range pages {
		p := &pages[i].Page
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
	// version keys the labels stored in the crawl database: a page keeps
	// its label while the classifier's version is the same.
	version string
	// stderr is where the stage bars draw, while quiet is false; done
	// sets it, so a later call (the earlier crawl of plan's report) draws
	// nothing.
	stderr io.Writer
	quiet  bool
	// labelled and reused count the pages of the last snapshot call that
	// were labelled and that kept a stored label.
	labelled, reused int
}

// newLabeler loads the classifier; stage bars draw on stderr (when it is
// a terminal) until done is called.
func newLabeler(stderr io.Writer) (*labeler, error) {
	l := &labeler{version: classify.Version(), stderr: stderr}
	c, err := classify.New()
	if err != nil {
		return nil, fmt.Errorf("load classifier: %w", err)
	}
	l.c = c
	return l, nil
}

// bar returns a progress bar for one stage, or a silent one after done.
func (l *labeler) bar(stage string) *termbar.Bar {
	if l.quiet {
		return termbar.New(io.Discard, stage)
	}
	return termbar.New(l.stderr, stage)
}

// done silences the stage bars.
func (l *labeler) done() { l.quiet = true }

// site labels the pages of one crawl held in memory, learning the site's
// names from them first (classify.Classifier.Site); nothing is stored.
func (l *labeler) site(ctx context.Context, pages []seoplan.Page) ([]seoplan.LabeledPage, error) {
	bar := l.bar("labelling")
	defer bar.Finish()
	lps, _, err := l.c.Site(ctx, pages)
	if err != nil {
		return nil, fmt.Errorf("classify: %w", err)
	}
	return lps, nil
}

// labelBatch is how many pages are labelled, and their labels stored, at
// once: enough for both cores and one short write transaction, few enough
// that their texts take little memory.
const labelBatch = 256

// snapshot returns one snapshot's pages labelled, each slimmed to what the
// planner reads (planner.Slimmer). It reads the crawl twice at most,
// holding one batch of whole pages at a time. The first read learns the
// site from every page and takes each page's stored label of this
// classifier's version; the second, only when some page has none (a new
// crawl, more pages of a resumed one, a new classifier), labels those
// pages with what the first read learnt, on every core while the next
// batch is read, and stores their labels. The key phrases are then
// weighed across the whole crawl. What the planner reads of the pages'
// text and links comes apart in the Slimmer, for planner.Input.Slimmed.
func (l *labeler) snapshot(ctx context.Context, db *crawldb.DB, snap crawldb.Snapshot) ([]seoplan.LabeledPage, *planner.Slimmer, error) {
	var (
		// As many as the snapshot says it holds: a slice grown by
		// doubling holds up to twice the pages, and copies them each time.
		out     = make([]seoplan.LabeledPage, 0, snap.Pages)
		stored  = make([]bool, 0, snap.Pages)
		missing int
		learn   = classify.NewLearner()
		ranker  = l.c.NewRanker()
		slim    = planner.NewSlimmer()
		signals = map[string]string{}
	)
	read := l.bar("reading")
	err := readAhead(ctx, db, snap.ID, l.version, func(p seoplan.Page, pl *crawldb.PageLabel) error {
		learn.Add(&p)
		lp := seoplan.LabeledPage{}
		if pl != nil {
			if err := ranker.PutText(len(out), &p, pl.Phrases); err != nil {
				return fmt.Errorf("stored label of %s: %w", p.URL, err)
			}
			lp.Label = pl.Label
			for i, s := range lp.Label.Signals { // most are the same few strings
				if v, ok := signals[s]; ok {
					lp.Label.Signals[i] = v
				} else {
					signals[s] = s
				}
			}
		} else {
			missing++
		}
		stored = append(stored, pl != nil)
		lp.Page = p
		if pl != nil {
			slim.SlimLabeled(&lp)
		} else {
			slim.Slim(&lp.Page)
		}
		out = append(out, lp)
		read.Set(int64(len(out)), int64(snap.Pages), "")
		return nil
	})
	read.Finish()
	if err != nil {
		return nil, nil, fmt.Errorf("read crawl %d: %w", snap.ID, err)
	}
	l.c.UseSite(learn)
	l.labelled, l.reused = 0, len(out)-missing
	if missing > 0 {
		if err := l.labelMissing(ctx, db, snap, out, stored, missing, ranker, slim); err != nil {
			return nil, nil, err
		}
	}
	kps, _ := ranker.Rank()
	for i := range out {
		out[i].KeyPhrases = kps[i]
	}
	return out, slim, nil
}

// readAheadBatch is how many pages readAhead hands over at a time: enough
// that handing them over costs little, few enough to take little memory.
const readAheadBatch = 64

// readAhead is db.LabeledPages reading on a goroutine of its own: the
// database reads and decodes the next pages while fn, called on this
// goroutine and in the same order, works on the last ones. So the first
// read of a crawl, which on a second plan is most of the reading, takes
// both cores: on the 100,000-page bench crawl sqlite's part was a third
// of it, fn's (learning the site, the stored key phrases, slimming) two
// thirds.
func readAhead(ctx context.Context, db *crawldb.DB, snapID int64, version string, fn func(seoplan.Page, *crawldb.PageLabel) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type row struct {
		p  seoplan.Page
		pl *crawldb.PageLabel
	}
	batches := make(chan []row, 2)
	readErr := make(chan error, 1)
	go func() {
		defer close(batches)
		b := make([]row, 0, readAheadBatch)
		send := func() error {
			select {
			case batches <- b:
				b = make([]row, 0, readAheadBatch)
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		err := db.LabeledPages(ctx, snapID, version, func(p seoplan.Page, pl *crawldb.PageLabel) error {
			if b = append(b, row{p, pl}); len(b) == readAheadBatch {
				return send()
			}
			return nil
		})
		if err == nil && len(b) > 0 {
			err = send()
		}
		readErr <- err
	}()
	for b := range batches {
		for _, r := range b {
			if err := fn(r.p, r.pl); err != nil {
				// Stop the reader and wait for it: it holds the
				// database's rows open.
				cancel()
				for range batches {
				}
				<-readErr
				return err
			}
		}
	}
	return <-readErr
}

// noteLabels tells stderr how many pages the last snapshot call labelled
// and how many kept their stored label.
func noteLabels(stderr io.Writer, l *labeler) {
	if l.reused > 0 {
		fmt.Fprintf(stderr, "seoplan: labelled %d pages, %d kept their stored labels\n", l.labelled, l.reused)
	}
}

// batch is whole pages to label and where they go in snapshot's output.
type batch struct {
	pages []seoplan.Page
	at    []int
}

// labelMissing is snapshot's second read: it labels the pages of out that
// have no stored label, stores their labels, puts their Terms in r and
// slims them again by their label.
func (l *labeler) labelMissing(ctx context.Context, db *crawldb.DB, snap crawldb.Snapshot, out []seoplan.LabeledPage, stored []bool, missing int, r *classify.Ranker, slim *planner.Slimmer) error {
	bar := l.bar("labelling")
	defer bar.Finish()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan batch, 2)
	readErr := make(chan error, 1)
	go func() {
		defer close(batches)
		var b batch
		j := 0
		err := db.LabeledPages(ctx, snap.ID, l.version, func(p seoplan.Page, _ *crawldb.PageLabel) error {
			// Same URL order as the first read; a page stored since (a
			// crawl writing the file) is not in out and is passed over.
			for j < len(out) && out[j].Page.URL < p.URL {
				j++
			}
			if j == len(out) || out[j].Page.URL != p.URL || stored[j] {
				return nil
			}
			b.pages, b.at = append(b.pages, p), append(b.at, j)
			if len(b.pages) == labelBatch {
				select {
				case batches <- b:
				case <-ctx.Done():
					return ctx.Err()
				}
				b = batch{}
			}
			return nil
		})
		if err == nil && len(b.pages) > 0 {
			select {
			case batches <- b:
			case <-ctx.Done():
				err = ctx.Err()
			}
		}
		readErr <- err
	}()
	for b := range batches {
		labels, terms, err := l.c.Label(ctx, b.pages)
		if err != nil {
			return fmt.Errorf("classify: %w", err)
		}
		rows := make([]crawldb.PageLabel, len(b.pages))
		for k, i := range b.at {
			out[i].Label = labels[k]
			slim.SlimLabeled(&out[i]) // now that its label is known
			r.Put(i, &b.pages[k], terms[k])
			rows[k] = crawldb.PageLabel{URL: b.pages[k].URL, Model: l.version, Label: labels[k], Phrases: terms[k].String()}
		}
		if err := db.StoreLabels(ctx, snap.ID, rows); err != nil {
			return fmt.Errorf("crawl %d: %w", snap.ID, err)
		}
		l.labelled += len(b.pages)
		bar.Set(int64(l.labelled), int64(missing), "")
	}
	if err := <-readErr; err != nil {
		return fmt.Errorf("read crawl %d: %w", snap.ID, err)
	}
	if l.labelled != missing {
		return fmt.Errorf("crawl %d: %d of %d pages to label were read again", snap.ID, l.labelled, missing)
	}
	return nil
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
