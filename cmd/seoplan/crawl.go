package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/seoplan/seoplan/crawler"
	"github.com/seoplan/seoplan/internal/termbar"
)

// crawlFlags are the flags of `seoplan crawl`.
type crawlFlags struct {
	db           string
	maxPages     int
	maxDepth     int
	concurrency  int
	delay        time.Duration
	include      []string
	exclude      []string
	userAgent    string
	ignoreRobots bool
	verbose      bool
	fresh        bool
	render       string
	chrome       string
}

func newCrawlCmd(e *env) *cobra.Command {
	var f crawlFlags
	cmd := &cobra.Command{
		Use:   "crawl URL",
		Short: "Crawl a website into the crawl database",
		Long: `Crawl fetches every page of the site of URL (its host and its www./bare twin)
politely: robots.txt and its Crawl-delay are obeyed, sitemaps seed the
frontier, and at most --concurrency requests are in flight. Every response is
kept in the SQLite file --db as one snapshot of the site.

Stop it with Ctrl-C, or lose the machine: the same command continues where it
stopped. --fresh starts a new snapshot instead.

Pages built by JavaScript are rendered in headless Chromium: with --render
auto (the default) only those whose HTML is an empty shell (little text
beside a script bundle and an empty mount point, or no link to the site),
with --render always every page. Chromium is found on PATH (chromium,
chromium-browser, google-chrome) or given with --chrome.`,
		Example: `  seoplan crawl https://example.com/ --db example.db
  seoplan crawl https://example.com/blog/ --include '/blog/' --max-pages 500`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCrawl(cmd.Context(), e, args[0], f, resumeCommand(args[0], cmd.Flags()))
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.db, "db", "seoplan.db", "crawl database `file` (created if missing)")
	fl.IntVar(&f.maxPages, "max-pages", 50000, "stop after `N` pages")
	fl.IntVar(&f.maxDepth, "max-depth", 0, "follow links at most `N` hops from URL (0: no limit)")
	fl.IntVar(&f.concurrency, "concurrency", 4, "requests in flight at once")
	fl.DurationVar(&f.delay, "delay", 0, "least time between requests, e.g. 500ms (robots.txt Crawl-delay wins when longer)")
	fl.StringArrayVar(&f.include, "include", nil, "only crawl URLs matching this regular `expression` (repeatable)")
	fl.StringArrayVar(&f.exclude, "exclude", nil, "skip URLs matching this regular `expression` (repeatable)")
	fl.StringVar(&f.userAgent, "user-agent", crawler.DefaultUserAgent(version), "User-Agent header and robots.txt agent")
	fl.BoolVar(&f.ignoreRobots, "ignore-robots", false, "fetch what robots.txt disallows (only on your own site)")
	fl.BoolVar(&f.fresh, "fresh", false, "start a new snapshot even if the last crawl is unfinished")
	fl.StringVar(&f.render, "render", "auto", "render pages in headless Chromium: `auto` (empty shells only), always, never")
	fl.StringVar(&f.chrome, "chrome", "", "the Chromium or Chrome to render with (`path`; default: chromium, chromium-browser or google-chrome on PATH)")
	fl.BoolVarP(&f.verbose, "verbose", "v", false, "log the crawler's decisions to standard error: retries, URLs not queued and why, robots.txt and sitemap errors")
	return cmd
}

// crawlMemoryLimit is the soft memory limit of a crawl (runtime/debug):
// a backstop behind the crawler's own bounds on bodies and extraction.
// A crawl of an ordinary site does not feel it (a 20,000-page crawl of
// the benchmark site peaked at 111 MB RSS in the same time with it as
// with 256 MiB); on a site of 10 MiB pages, whose live heap nears it
// while one such page is parsed, it makes the collector run often enough
// to keep the process near 145 MB RSS instead of 180 MB.
// GOMEMLIMIT, when set, wins.
const crawlMemoryLimit = 112 << 20

func runCrawl(ctx context.Context, e *env, startURL string, f crawlFlags, resume string) error {
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(crawlMemoryLimit))
	}
	mode, err := crawler.ParseRenderMode(f.render)
	if err != nil {
		return usagef("--render: %v", err)
	}
	if f.chrome != "" && mode == crawler.RenderNever {
		return usagef("--chrome is for rendering: drop it or use --render auto or always")
	}
	opts := []crawler.Option{
		crawler.WithRender(mode),
		crawler.WithBrowser(f.chrome),
		crawler.WithMaxPages(f.maxPages),
		crawler.WithMaxDepth(f.maxDepth),
		crawler.WithConcurrency(f.concurrency),
		crawler.WithDelay(f.delay),
		crawler.WithUserAgent(f.userAgent),
		crawler.WithIgnoreRobots(f.ignoreRobots),
	}
	if f.verbose {
		opts = append(opts, crawler.WithLogger(debugLogger(e.stderr)))
	}
	for _, s := range f.include {
		re, err := regexp.Compile(s)
		if err != nil {
			return usagef("--include %q: %v", s, err)
		}
		opts = append(opts, crawler.WithInclude(re))
	}
	for _, s := range f.exclude {
		re, err := regexp.Compile(s)
		if err != nil {
			return usagef("--exclude %q: %v", s, err)
		}
		opts = append(opts, crawler.WithExclude(re))
	}
	bar := termbar.New(e.stderr, "")
	warned := false
	var c *crawler.Crawler
	opts = append(opts, crawler.WithProgress(func(s crawler.Stats) {
		if !warned && mode == crawler.RenderAuto && s.ShellsNotRendered > 0 && c.Browser() == "" {
			warned = true
			fmt.Fprintf(e.stderr, "\nseoplan: warning: %s is built by JavaScript, and no Chromium was found to render it: "+
				"such pages are kept as the server sent them, nearly empty. Install one (apt-get install chromium, "+
				"dnf install chromium, brew install --cask chromium) or name it with --chrome PATH, and crawl again.\n", s.FirstShell)
		}
		bar.Set(int64(s.Pages), int64(s.Pages+s.Queued),
			fmt.Sprintf("%d queued, %d errors, %.0f pages/s", s.Queued, s.Errors, s.PagesPerSecond()))
	}))
	c, err = crawler.New(startURL, opts...)
	if err != nil {
		switch {
		case errors.Is(err, crawler.ErrInvalidURL):
			return usagef("%v (give a full http:// or https:// URL)", err)
		case errors.Is(err, crawler.ErrNoBrowser):
			return usagef("%v: install Chromium (apt-get install chromium, dnf install chromium, brew install --cask chromium), "+
				"name it with --chrome PATH, or crawl with --render auto or never", err)
		}
		return usagef("%v", err)
	}
	db, err := createDB(ctx, f.db)
	if err != nil {
		return err
	}
	defer db.Close()

	st, err := c.Run(ctx, db, f.fresh)
	bar.Finish()
	if st.SnapshotID != 0 {
		why := "--render never"
		if mode != crawler.RenderNever {
			why = "no Chromium found"
		}
		writeSummary(e.stderr, c.StartURL(), f.db, st, why)
	}
	switch {
	case err != nil && ctx.Err() != nil:
		fmt.Fprintf(e.stderr, "seoplan: stopped; everything fetched is saved. Resume with:\n  %s\n", resume)
		return errors.New("crawl interrupted")
	case errors.Is(err, crawler.ErrUnreachable):
		return fmt.Errorf("%w (check the URL and your connection)", err)
	case errors.Is(err, crawler.ErrDisallowed):
		return fmt.Errorf("%w (add --ignore-robots only if it is your own site)", err)
	}
	return err
}

// writeSummary prints what a crawl did, for a person (stderr).
// notRenderedWhy says why shell pages were not rendered.
func writeSummary(w io.Writer, startURL, dbPath string, st crawler.Stats, notRenderedWhy string) {
	verb := "crawled"
	if st.Resumed {
		verb = "resumed and crawled"
	}
	fmt.Fprintf(w, "seoplan: %s %s: %d pages in snapshot %d, %d fetched in %s (%.0f pages/s)\n",
		verb, startURL, st.Pages, st.SnapshotID, st.Fetched, st.Elapsed.Round(time.Millisecond), st.PagesPerSecond())
	var parts []string
	for i, n := range st.ByClass {
		if n == 0 {
			continue
		}
		if i == 0 {
			parts = append(parts, fmt.Sprintf("no response %d", n))
		} else {
			parts = append(parts, fmt.Sprintf("%dxx %d", i, n))
		}
	}
	fmt.Fprintf(w, "  status: %s; %d with errors\n", strings.Join(parts, ", "), st.Errors)
	if st.LimitReached {
		fmt.Fprintf(w, "  stopped at --max-pages with %d URLs still queued\n", st.Queued)
	}
	if r := st.Rendered; r.Total() > 0 {
		var why []string
		for _, c := range []struct {
			n    int
			what string
		}{{r.Always, "with --render always"}, {r.Shell, "empty shells"}, {r.ScriptLinks, "with links only scripts make"}} {
			if c.n > 0 {
				why = append(why, fmt.Sprintf("%d %s", c.n, c.what))
			}
		}
		fmt.Fprintf(w, "  rendered in Chromium: %d pages (%s)\n", r.Total(), strings.Join(why, ", "))
	}
	if st.RenderFailed > 0 {
		fmt.Fprintf(w, "  rendering failed on %d pages, kept as the server sent them (the error column says why)\n", st.RenderFailed)
	}
	if st.ShellsNotRendered > 0 {
		fmt.Fprintf(w, "  %d pages are shells that scripts fill, kept as the server sent them: not rendered (%s)\n",
			st.ShellsNotRendered, notRenderedWhy)
	}
	fmt.Fprintf(w, "  database: %s (seoplan export --db %s)\n", dbPath, shellQuote(dbPath))
}

// resumeCommand is the command line that continues this crawl: the same
// URL and every flag the user set, except --fresh.
func resumeCommand(startURL string, fs *pflag.FlagSet) string {
	parts := []string{"seoplan", "crawl", shellQuote(startURL)}
	fs.Visit(func(fl *pflag.Flag) {
		if fl.Name == "fresh" {
			return
		}
		if sv, ok := fl.Value.(pflag.SliceValue); ok {
			for _, v := range sv.GetSlice() {
				parts = append(parts, "--"+fl.Name, shellQuote(v))
			}
			return
		}
		if fl.Value.Type() == "bool" {
			parts = append(parts, "--"+fl.Name+"="+fl.Value.String())
			return
		}
		parts = append(parts, "--"+fl.Name, shellQuote(fl.Value.String()))
	})
	return strings.Join(parts, " ")
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=,+@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// debugLogger writes the crawler's debug events to w, one "seoplan: " line
// each, without the time (the progress bar and the summary carry that).
func debugLogger(w io.Writer) *slog.Logger {
	h := slog.NewTextHandler(prefixWriter{w}, &slog.HandlerOptions{
		Level: slog.LevelDebug,
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) == 0 && (a.Key == slog.TimeKey || a.Key == slog.LevelKey) {
				return slog.Attr{}
			}
			return a
		},
	})
	return slog.New(h)
}

// prefixWriter starts each write, which slog makes one line, with
// "seoplan: ", as every line seoplan writes to stderr starts.
type prefixWriter struct{ w io.Writer }

func (p prefixWriter) Write(b []byte) (int, error) {
	if _, err := io.WriteString(p.w, "seoplan: "); err != nil {
		return 0, err
	}
	return p.w.Write(b)
}
