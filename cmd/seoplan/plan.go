package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/crawldb"
	"github.com/seoplan/seoplan/crawler"
	"github.com/seoplan/seoplan/internal/kwfile"
	"github.com/seoplan/seoplan/internal/termbar"
	"github.com/seoplan/seoplan/planner"
	"github.com/seoplan/seoplan/templates"
)

// defaultDB is the crawl database crawl and plan share when --db is not given.
const defaultDB = "seoplan.db"

// planFlags are the flags of `seoplan plan`.
type planFlags struct {
	db       string
	keywords []string
	profile  string
	mix      string
	personas string
	start    string
	perWeek  int
	weeks    int
	out      string
	json     string
	partial  bool
	lang     string
	report   reportFlags
}

func newPlanCmd(e *env) *cobra.Command {
	var f planFlags
	names := profileNames()
	cmd := &cobra.Command{
		Use:   "plan [URL]",
		Short: "Plan content from a crawl: topic clusters, gaps, proposals and a calendar",
		Long: `plan groups the pages of the latest crawl in --db (and the keywords of
--keywords) into topic clusters, finds what each cluster lacks, proposes
content to fill the gaps, schedules it and audits the site. It writes the
roadmap as Markdown (-o, "-" for standard output); with --json the whole plan
as JSON; with --html a self-contained client report (leading with the progress
since the previous crawl when --db holds one); with --csv and --ics the
editorial calendar; with --briefs one content brief per proposal.

With URL, plan crawls the site into --db first. The same crawl and flags
always give the same roadmap.

Profiles set the product:problem mix the plan aims for and the pieces it adds
beyond the gaps to reach it:
  startup      product-led (60:40): comparisons, feature and integration pages
  established  customer-led (30:70): customer stories, retention guides, reports
  saas         hybrid (50:50), the default: feature pages and customer stories
  shop         50:50, the default on a shop: buying guides, care how-tos,
               product comparisons and collection pages
--mix 40:60 sets the mix explicitly (two percentages adding up to 100).
Without either, the plan aims for 50:50 and explains it for the business the
crawl shows (an online shop, a software company, or neither).`,
		Example: `  seoplan plan https://example.com/ --profile startup
  seoplan plan --db example.db --keywords gsc.csv --start 2026-03-02 --json plan.json
  seoplan plan --db example.db --mix 40:60 -o - | less
  seoplan plan --db example.db --html report.html --client "Example Inc" --agency "Our Agency" \
    --csv calendar.csv --ics calendar.ics --briefs briefs/`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			url := ""
			if len(args) == 1 {
				url = args[0]
			}
			return runPlan(cmd.Context(), e, url, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.db, "db", "", "crawl database `file` (default "+defaultDB+")")
	fl.StringArrayVar(&f.keywords, "keywords", nil, "keyword `file`: a plain list, a GSC (Queries or Pages, compared or not), Ahrefs or Semrush CSV export; give it once a file")
	fl.StringVar(&f.profile, "profile", "", "business profile: "+strings.Join(names, ", ")+" (default saas's 50:50 mix, or shop's on a shop, explained for the business the crawl shows)")
	fl.StringVar(&f.mix, "mix", "", "explicit product:problem target in percent, adding up to 100, e.g. 40:60 (overrides --profile's mix)")
	fl.StringVar(&f.personas, "personas", "", "JSON `file` of personas: [{\"name\", \"segment\": [...], \"pains\": [...]}]")
	fl.StringVar(&f.start, "start", "", "first day of the calendar, YYYY-MM-DD (default: next Monday)")
	fl.IntVar(&f.perWeek, "per-week", 2, "pieces to publish each week (1 to 7)")
	fl.IntVar(&f.weeks, "weeks", 12, "weeks the calendar covers")
	fl.StringVarP(&f.out, "output", "o", "roadmap.md", "write the roadmap to `file` (- for standard output)")
	fl.StringVar(&f.json, "json", "", "also write the whole plan as JSON to `file`")
	fl.StringVar(&f.lang, "lang", "", "on a site in several languages, plan the pages of this `language` (en, de, pt-BR; default: the language of most of its pages)")
	fl.BoolVar(&f.partial, "partial", false, "plan an unfinished crawl (interrupted, killed or failed) instead of refusing; the roadmap says so")
	addReportFlags(cmd, &f.report)
	return cmd
}

// profileNames are the profiles --profile takes, in the planner's order.
func profileNames() []string {
	var names []string
	for _, p := range planner.Profiles() {
		names = append(names, p.Name)
	}
	return names
}

// options turns the flags into planner options, or a usage error.
func (f planFlags) options(now time.Time) ([]planner.Option, error) {
	opts := []planner.Option{planner.WithPerWeek(f.perWeek), planner.WithWeeks(f.weeks)}
	if f.perWeek < 1 || f.perWeek > 7 {
		return nil, usagef("--per-week %d: give 1 to 7", f.perWeek)
	}
	if f.weeks < 1 || f.weeks > 520 {
		return nil, usagef("--weeks %d: give 1 to 520", f.weeks)
	}
	if f.profile != "" && !slices.Contains(profileNames(), f.profile) {
		return nil, usagef("unknown --profile %q: use %s", f.profile, strings.Join(profileNames(), ", "))
	}
	if _, err := language.Parse(f.lang); f.lang != "" && err != nil {
		return nil, usagef("--lang %q: not a language code; give one such as en, de or pt-BR", f.lang)
	}
	opts = append(opts, planner.WithProfile(f.profile), planner.WithLanguage(f.lang))
	if f.mix != "" {
		prod, prob, err := parseMix(f.mix)
		if err != nil {
			return nil, usagef("--mix %q: %v", f.mix, err)
		}
		opts = append(opts, planner.WithMix(prod, prob))
	}
	start, err := calendarStart(f.start, now)
	if err != nil {
		return nil, err
	}
	opts = append(opts, planner.WithStart(start))
	if f.personas != "" {
		fh, err := os.Open(f.personas)
		if err != nil {
			return nil, usagef("--personas: %v", err)
		}
		defer fh.Close()
		ps, err := planner.ReadPersonas(fh)
		if err != nil {
			return nil, usagef("--personas %s: %v", f.personas, err)
		}
		opts = append(opts, planner.WithPersonas(ps))
	}
	return opts, nil
}

// parseMix reads "40:60" (or "40/60") as a product:problem target.
func parseMix(s string) (product, problem int, err error) {
	a, b, ok := strings.Cut(s, ":")
	if !ok {
		a, b, ok = strings.Cut(s, "/")
	}
	if !ok {
		return 0, 0, errors.New("want PRODUCT:PROBLEM, e.g. 40:60")
	}
	product, err1 := strconv.Atoi(strings.TrimSpace(a))
	problem, err2 := strconv.Atoi(strings.TrimSpace(b))
	// 40:70 is a typo, not a wish for 36:64.
	if err1 != nil || err2 != nil || product < 0 || problem < 0 || product+problem != 100 {
		return 0, 0, errors.New("want two whole percentages that add up to 100, e.g. 40:60")
	}
	return product, problem, nil
}

// calendarStart reads --start, or gives the first Monday after now when it
// is empty.
func calendarStart(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return nextMonday(now), nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, usagef("--start %q: want a date as YYYY-MM-DD", s)
	}
	// A calendar is for the years around now; one near year 9999 would
	// fail only once the roadmap was written, on a date Go cannot print.
	if first, last := 1970, now.Year()+100; t.Year() < first || t.Year() > last {
		return time.Time{}, usagef("--start %s: give a date from %d to %d", s, first, last)
	}
	return t, nil
}

// nextMonday is the first Monday after now: a calendar starts on a week.
func nextMonday(now time.Time) time.Time {
	d := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	days := (8 - int(d.Weekday())) % 7
	if days == 0 {
		days = 7
	}
	return d.AddDate(0, 0, days)
}

func runPlan(ctx context.Context, e *env, url string, f planFlags) error {
	opts, err := f.options(time.Now())
	if err != nil {
		return err
	}
	if f.out == "" {
		return usagef("-o needs a file name, or - for standard output")
	}
	if err := f.report.validate(); err != nil {
		return err
	}
	kws, stats, err := readSearchData(e.stderr, f.keywords)
	if err != nil {
		return err
	}
	// One classifier for pages and keywords: what it learns of the site's
	// brand and rivals from the pages decides keywords such as "acme sso".
	l, err := newLabeler(e.stderr)
	if err != nil {
		return err
	}
	in := planner.Input{}
	dbPath := f.db
	if dbPath == "" {
		dbPath = defaultDB
	}
	var (
		db   *crawldb.DB
		snap crawldb.Snapshot
	)
	switch {
	case url != "" || f.db != "" || fileExists(dbPath):
		if db, err = planDB(ctx, e, dbPath, url); err != nil {
			return err
		}
		defer db.Close()
		if snap, err = latestCrawl(ctx, db, dbPath, ", or give the URL to plan", f.partial); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "seoplan: classifying %d pages of %s\n", snap.Pages, snap.StartURL)
		if in.Pages, in.Slimmed, err = l.snapshot(ctx, db, snap); err != nil {
			return err
		}
		l.done()
		noteLabels(e.stderr, l)
		// A crawl with no HTML page plans nothing: say why, and fail,
		// unless the keywords alone can be planned.
		if why := noHTML(in.Pages, snap); why != "" {
			if len(kws) == 0 {
				return fmt.Errorf("nothing to plan: %s", why)
			}
			fmt.Fprintf(e.stderr, "seoplan: %s; planning the keywords alone\n", why)
		}
		in.Site, in.CrawledAt, in.PageStats = snap.StartURL, snap.Started, stats
	case len(kws) > 0:
		var names []string
		for _, path := range f.keywords {
			names = append(names, filepath.Base(path))
		}
		in.Site = "keywords from " + strings.Join(names, ", ")
	case len(stats) > 0:
		return usagef("nothing to plan: a Search Console Pages export tells about the pages of a crawl; give the URL to crawl or --db FILE with its crawl")
	default:
		return usagef("nothing to plan: give a URL to crawl, --db FILE with a crawl, or --keywords FILE")
	}
	if len(kws) > 0 {
		in.Keywords = l.c.Keywords(ctx, kws)
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	bar := termbar.New(e.stderr, "clustering")
	p, err := makePlan(ctx, in, append(opts, planner.WithProgress(func(done, total int, step string) {
		bar.Set(int64(done), int64(total), step)
	}))...)
	bar.Finish()
	if err != nil {
		return err
	}
	p.Partial = partialNote(snap)
	if f.report.html != "" && snap.ID != 0 {
		// The report leads with what changed since the previous crawl.
		if f.report.progress, err = earlierProgress(ctx, l, db, snap, in.Pages, p, opts...); err != nil {
			return fmt.Errorf("compare with the previous crawl in %s: %w", dbPath, err)
		}
	}
	bar = termbar.New(e.stderr, "writing")
	bar.Set(0, 2, "roadmap")
	if _, err := writePlan(e, p, f.out, f.json); err != nil {
		bar.Finish()
		return err
	}
	bar.Set(1, 2, "reports")
	err = writeReports(ctx, e, p, &f.report)
	bar.Finish()
	if err != nil {
		return err
	}
	printSummary(e.stderr, p, f.out)
	return nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// readSearchData reads the keyword files of --keywords, each told by its
// header: keyword lists and Queries exports give keywords, Search Console
// Pages exports give page figures.
func readSearchData(stderr io.Writer, paths []string) ([]seoplan.Keyword, []seoplan.PageStat, error) {
	var kws []seoplan.Keyword
	var stats []seoplan.PageStat
	for _, path := range paths {
		k, st, err := readSearchFile(stderr, path)
		if err != nil {
			return nil, nil, err
		}
		kws, stats = append(kws, k...), append(stats, st...)
	}
	return kws, stats, nil
}

// readSearchFile reads one keyword file, telling stderr how many over-long
// lines it dropped. A Pages export is read again as one.
func readSearchFile(stderr io.Writer, path string) ([]seoplan.Keyword, []seoplan.PageStat, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, nil, usagef("--keywords: %v", err)
	}
	defer fh.Close()
	kws, st, err := kwfile.Parse(fh)
	var stats []seoplan.PageStat
	if errors.Is(err, kwfile.ErrPagesExport) {
		// Its header says it is a Pages export: read it again as one.
		if _, err = fh.Seek(0, io.SeekStart); err == nil {
			stats, st, err = kwfile.ParsePages(fh)
		}
	}
	if err != nil {
		return nil, nil, usagef("--keywords %s: %v", path, err)
	}
	noteDropped(stderr, path, st)
	return kws, stats, nil
}

// noteDropped tells the user about keyword-file lines left out for their
// length, so a file that is not a keyword list does not pass unnoticed.
func noteDropped(stderr io.Writer, name string, st kwfile.Stats) {
	if st.Long > 0 {
		fmt.Fprintf(stderr, "seoplan: %s: dropped %d over-long lines (a keyword has at most %d characters)\n", name, st.Long, kwfile.MaxKeywordRunes)
	}
}

// planDB opens the crawl database plan reads, crawling url into it first
// when one is given (and creating the file if need be).
func planDB(ctx context.Context, e *env, dbPath, url string) (*crawldb.DB, error) {
	if url == "" {
		return openDB(ctx, dbPath, ", or give the URL to plan")
	}
	bar := termbar.New(e.stderr, "crawling")
	defer bar.Finish()
	// As seoplan crawl does by default: pages that scripts build are
	// rendered when a Chromium is found, else kept as sent and said so.
	c, err := crawler.New(url,
		crawler.WithUserAgent(crawler.DefaultUserAgent(version)),
		crawler.WithRender(crawler.RenderAuto),
		crawler.WithProgress(func(s crawler.Stats) {
			bar.Set(int64(s.Pages), int64(s.Pages+s.Queued), fmt.Sprintf("%d queued, %d errors", s.Queued, s.Errors))
		}))
	if err != nil {
		if errors.Is(err, crawler.ErrInvalidURL) {
			return nil, usagef("%v (give a full http:// or https:// URL)", err)
		}
		return nil, err
	}
	db, err := createDB(ctx, dbPath)
	if err != nil {
		return nil, err
	}
	st, err := c.Run(ctx, db, false)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("crawl %s: %w", url, err)
	}
	fmt.Fprintf(e.stderr, "seoplan: crawled %s: %d pages in %s\n", c.StartURL(), st.Pages, st.Elapsed.Round(time.Millisecond))
	if n := st.Rendered.Total(); n > 0 {
		fmt.Fprintf(e.stderr, "seoplan: rendered %d pages that scripts build in Chromium\n", n)
	}
	if st.ShellsNotRendered > 0 {
		fmt.Fprintf(e.stderr, "seoplan: warning: %d pages are built by JavaScript and were kept as the server sent them, nearly empty: "+
			"install Chromium (apt-get install chromium, brew install --cask chromium) and plan again\n", st.ShellsNotRendered)
	}
	return db, nil
}

// writePlan renders the roadmap and, when asked, plan.json, each to a
// temporary file renamed into place, so a failure leaves no half output.
// It returns the roadmap's Markdown, which the HTML report renders.
func writePlan(e *env, p *seoplan.Plan, out, jsonPath string) ([]byte, error) {
	var md bytes.Buffer
	if err := templates.Markdown(&md, p); err != nil {
		return nil, err
	}
	if out == "-" {
		if _, err := e.stdout.Write(md.Bytes()); err != nil {
			return nil, fmt.Errorf("write roadmap: %w", err)
		}
	} else if err := writeFileAtomic(out, md.Bytes()); err != nil {
		return nil, err
	}
	if jsonPath != "" {
		// Streamed into the file: a large crawl's plan.json is 100 MB.
		if err := writeFileWith(jsonPath, func(w io.Writer) error { return templates.JSON(w, p) }); err != nil {
			return nil, err
		}
	}
	return md.Bytes(), nil
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it over path. A path that names something other than a regular file
// (/dev/stdout, a named pipe) is written to directly: renaming over it
// would replace it.
func writeFileAtomic(path string, data []byte) error {
	return writeFileWith(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeFileWith is writeFileAtomic for a file that write writes as it
// goes; an error of write leaves nothing behind either.
func writeFileWith(path string, write func(io.Writer) error) error {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		if err := write(f); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", path, err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// printSummary tells a person what the plan found and where it is.
func printSummary(w io.Writer, p *seoplan.Plan, out string) {
	gaps, scheduled := 0, 0
	for _, c := range p.Clusters {
		gaps += len(c.Gaps)
	}
	for _, pr := range p.Proposals {
		if pr.Due != "" {
			scheduled++
		}
	}
	fmt.Fprintf(w, "seoplan: %d pages, %d keywords: %d topic clusters, %d gaps, %d audit findings\n",
		p.Pages, p.Keywords, len(p.Clusters), gaps, len(p.Audit))
	fmt.Fprintf(w, "  balance: %s\n", p.Balance.Verdict)
	fmt.Fprintf(w, "  %d proposals, %d scheduled from %s (%d a week for %d weeks)\n",
		len(p.Proposals), scheduled, p.Calendar.Start, p.Calendar.PerWeek, p.Calendar.Weeks)
	for i, h := range p.Highlights {
		fmt.Fprintf(w, "  %d. %s\n", i+1, printable(h))
	}
	if out != "-" {
		fmt.Fprintf(w, "  roadmap: %s\n", out)
	}
}
