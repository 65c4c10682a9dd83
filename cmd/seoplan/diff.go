package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/crawldb"
	"github.com/seoplan/seoplan/planner"
	"github.com/seoplan/seoplan/templates"
)

type diffFlags struct {
	db       string
	from, to int64
	format   string
}

// newDiffCmd is `seoplan diff`: what changed between two crawls.
func newDiffCmd(e *env) *cobra.Command {
	var f diffFlags
	cmd := &cobra.Command{
		Use:   "diff",
		Short: "Compare two crawls: pages added, removed and changed, intent mix, cluster coverage, proposals done",
		Long: `diff compares two crawls in the crawl database: by default the two latest
finished ones, or --from and --to by snapshot ID. It reports the pages added,
removed and changed in intent or title, the change in intent mix and in each
topic cluster's coverage, and which proposals of the earlier crawl's plan now
have a page. Both crawls are classified and the earlier one planned with the
default options.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDiff(cmd.Context(), e, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.db, "db", "seoplan.db", "crawl database `file`")
	fl.Int64Var(&f.from, "from", 0, "earlier snapshot `ID` (default: the one before --to)")
	fl.Int64Var(&f.to, "to", 0, "later snapshot `ID` (default: the latest finished crawl)")
	fl.StringVar(&f.format, "format", "md", "output format: md or json")
	return cmd
}

func runDiff(ctx context.Context, e *env, f diffFlags) error {
	if f.format != "md" && f.format != "json" {
		return usagef("--format %q: want md or json", f.format)
	}
	db, err := openDB(ctx, f.db, "")
	if err != nil {
		return err
	}
	defer db.Close()
	// diff compares finished crawls only (diffPick), so an unfinished latest one is no error here.
	if _, err := latestCrawl(ctx, db, f.db, "", true); err != nil {
		return err
	}
	from, to, err := diffPick(ctx, db, f.from, f.to)
	if err != nil {
		return err
	}
	l, err := newLabeler(nil)
	if err != nil {
		return err
	}
	pr, err := diffSnapshots(ctx, l, db, from, to, nil, nil)
	if err != nil {
		return err
	}
	if f.format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(pr); err != nil {
			return fmt.Errorf("write diff: %w", err)
		}
		return nil
	}
	return templates.ChangeMarkdown(e.stdout, pr)
}

// diffPick chooses the snapshots to compare: the ones named, else the
// latest finished crawl and the finished crawl before it. Unfinished crawls
// are skipped by default because their missing pages would read as removed.
func diffPick(ctx context.Context, db *crawldb.DB, fromID, toID int64) (crawldb.Snapshot, crawldb.Snapshot, error) {
	var none crawldb.Snapshot
	snaps, err := db.Snapshots(ctx)
	if err != nil {
		return none, none, err
	}
	byID := make(map[int64]crawldb.Snapshot, len(snaps))
	var done []crawldb.Snapshot
	for _, s := range snaps {
		byID[s.ID] = s
		if s.State == crawldb.StateDone {
			done = append(done, s)
		}
	}
	var to, from crawldb.Snapshot
	if toID != 0 {
		s, ok := byID[toID]
		if !ok {
			return none, none, usagef("--to %d: no such snapshot", toID)
		}
		to = s
	} else {
		if len(done) == 0 {
			return none, none, errors.New("no finished crawl to compare: run seoplan crawl URL twice, some time apart")
		}
		to = done[len(done)-1]
	}
	if fromID != 0 {
		s, ok := byID[fromID]
		if !ok {
			return none, none, usagef("--from %d: no such snapshot", fromID)
		}
		from = s
	} else {
		for i := len(done) - 1; i >= 0; i-- {
			if done[i].ID < to.ID {
				from = done[i]
				break
			}
		}
		if from.ID == 0 {
			return none, none, fmt.Errorf("no finished crawl before snapshot %d to compare with: crawl again later and rerun diff", to.ID)
		}
	}
	if from.ID == to.ID {
		return none, none, usagef("--from and --to name the same snapshot %d", from.ID)
	}
	return from, to, nil
}

// diffSnapshots labels both crawls with l, plans the earlier one and
// compares them. When the caller already has the later crawl's labeled pages and plan
// (the plan command), it passes them to save the work; nil means load them.
func diffSnapshots(ctx context.Context, l *labeler, db *crawldb.DB, from, to crawldb.Snapshot, toPages []seoplan.LabeledPage, toPlan *seoplan.Plan, opts ...planner.Option) (*seoplan.Change, error) {
	prevPages, prevSlim, err := l.snapshot(ctx, db, from)
	if err != nil {
		return nil, err
	}
	prevPlan, err := planner.Plan(ctx, planner.Input{Site: from.StartURL, CrawledAt: from.Started, Pages: prevPages, Slimmed: prevSlim}, opts...)
	if err != nil {
		return nil, fmt.Errorf("plan snapshot %d: %w", from.ID, err)
	}
	if toPages == nil {
		if toPages, _, err = l.snapshot(ctx, db, to); err != nil {
			return nil, err
		}
	}
	pr := planner.Compare(
		planner.Snapshot{ID: from.ID, Started: from.Started, Pages: prevPages, Plan: prevPlan},
		planner.Snapshot{ID: to.ID, Started: to.Started, Pages: toPages, Plan: toPlan},
	)
	if pr.Site == "" {
		pr.Site = to.StartURL
	}
	return &pr, nil
}

// earlierProgress is for the plan command: the progress from the finished
// crawl before snapshot cur to cur, whose labeled pages and plan the caller
// already has, or nil when there is no earlier crawl. Pass the plan's own
// planner options so both plans are made alike.
func earlierProgress(ctx context.Context, l *labeler, db *crawldb.DB, cur crawldb.Snapshot, curPages []seoplan.LabeledPage, curPlan *seoplan.Plan, opts ...planner.Option) (*seoplan.Change, error) {
	snaps, err := db.Snapshots(ctx)
	if err != nil {
		return nil, err
	}
	var from crawldb.Snapshot
	for _, s := range snaps {
		if s.ID < cur.ID && s.State == crawldb.StateDone {
			from = s
		}
	}
	if from.ID == 0 {
		return nil, nil
	}
	return diffSnapshots(ctx, l, db, from, cur, curPages, curPlan, opts...)
}
