package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/crawler"
	"github.com/seoplan/seoplan/internal/kwfile"
	"github.com/seoplan/seoplan/internal/sitesrv"
	"github.com/seoplan/seoplan/planner"
)

// demoSite is the bundled sample site the demo plans unless --site names
// another.
const demoSite = "relaydesk"

// demoStart is the first day of the sample sites' calendars in the tests:
// fixed, so their golden files hold on every day.
var demoStart = time.Date(2026, time.January, 5, 0, 0, 0, 0, time.UTC)

type demoFlags struct {
	db    string
	out   string
	start string
	site  string
	pdf   bool
}

func newDemoCmd(e *env) *cobra.Command {
	var f demoFlags
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Run the whole job on a bundled sample site, served on loopback",
		Long: `demo serves a bundled sample site on 127.0.0.1 (relaydesk, a help-desk
SaaS; shop, an outdoor-gear shop; bookkeeping, a bookkeeping firm; or
publisher, a home-cooking magazine), crawls it, labels its pages, plans
its content and writes roadmap.md, plan.json, the client report
(report.html), the calendar (calendar.csv, calendar.ics) and one brief per
proposal (briefs/) into --out. Nothing leaves this machine.`,
		Example: `  seoplan demo
  seoplan demo --site shop --out shop-demo && less shop-demo/roadmap.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDemo(cmd.Context(), e, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.db, "db", "", "crawl database `file` (default: demo.db in --out)")
	fl.StringVar(&f.start, "start", "", "first day of the calendar, YYYY-MM-DD (default: next Monday)")
	fl.StringVar(&f.site, "site", demoSite, "bundled sample `site` to plan: "+strings.Join(seoplan.SampleSiteNames(), " or "))
	fl.BoolVar(&f.pdf, "pdf", false, "also print the report to report.pdf through Chromium, with page numbers in its contents")
	fl.StringVar(&f.out, "out", "seoplan-demo", "`directory` for the roadmap, report, calendars, briefs and crawl database")
	return cmd
}

func runDemo(ctx context.Context, e *env, f demoFlags) error {
	if f.out == "" {
		return usagef("--out needs a directory")
	}
	site, err := seoplan.SampleSite(f.site)
	if err != nil {
		return usagef("--site: %v", err)
	}
	meta, err := readSampleMeta(site)
	if err != nil {
		return err
	}
	start, err := calendarStart(f.start, time.Now())
	if err != nil {
		return err
	}
	chromium := ""
	if f.pdf {
		if chromium, err = findChromium(); err != nil {
			return usagef("%v", err)
		}
	}
	if err := os.MkdirAll(f.out, 0o755); err != nil {
		return usagef("--out %s: %v", f.out, err)
	}
	if f.db == "" {
		f.db = filepath.Join(f.out, "demo.db")
	}
	p, err := planSample(ctx, e, site, f.db, planner.WithStart(start))
	if err != nil {
		return err
	}
	roadmap := filepath.Join(f.out, "roadmap.md")
	if _, err := writePlan(e, p, roadmap, filepath.Join(f.out, "plan.json")); err != nil {
		return err
	}
	rf := reportFlags{
		html:   filepath.Join(f.out, "report.html"),
		client: meta.Name,
		agency: "seoplan demo",
		csv:    filepath.Join(f.out, "calendar.csv"),
		ics:    filepath.Join(f.out, "calendar.ics"),
		briefs: filepath.Join(f.out, "briefs"),
		// The sample's plan carries no crawl time (so its golden file
		// holds); the report is dated the day it is made.
		date: time.Now(),
	}
	outputs := []string{"plan.json", "report.html", "calendar.csv", "calendar.ics", "briefs"}
	if f.pdf {
		rf.pdf, rf.chromium = filepath.Join(f.out, "report.pdf"), chromium
		outputs = append(outputs[:2], append([]string{"report.pdf"}, outputs[2:]...)...)
	}
	if err := writeReports(ctx, e, p, &rf); err != nil {
		return err
	}
	printSummary(e.stdout, p, roadmap)
	for _, name := range outputs {
		fmt.Fprintf(e.stdout, "  %s: %s\n", name, filepath.Join(f.out, name))
	}
	fmt.Fprintf(e.stdout, "  open %s to read the roadmap, or %s in a browser\n", roadmap, rf.html)
	return nil
}

// planSample serves a sample site on a loopback port, crawls it afresh into
// dbPath, labels and plans it. URLs in the plan carry the site's own origin
// (https://www.relaydesk.example), not the port it happened to be served on.
func planSample(ctx context.Context, e *env, site fs.FS, dbPath string, opts ...planner.Option) (*seoplan.Plan, error) {
	lps, err := crawlSample(ctx, e, site, dbPath)
	if err != nil {
		return nil, err
	}
	origin, err := sampleOrigin(site)
	if err != nil {
		return nil, err
	}
	kws, stats, err := sampleSearchData(ctx, site)
	if err != nil {
		return nil, err
	}
	opts = append([]planner.Option{planner.WithStart(demoStart)}, opts...)
	return makePlan(ctx, planner.Input{Site: origin + "/", Pages: lps, Keywords: kws, PageStats: stats}, opts...)
}

// The Search Console exports a sample site may ship, planned with the
// crawl as plan --keywords would, so the demo shows what search data adds:
// the Queries export with its page column (query, page, clicks,
// impressions, CTR, position) and the Pages export comparing two date
// ranges.
const (
	sampleSearchConsole = "search-console.csv"
	sampleSearchPages   = "search-console-pages.csv"
)

// sampleSearchData reads and labels a sample site's Search Console
// exports, nil for those it does not ship.
func sampleSearchData(ctx context.Context, site fs.FS) ([]seoplan.LabeledKeyword, []seoplan.PageStat, error) {
	kws, err := sampleKeywords(ctx, site)
	if err != nil {
		return nil, nil, err
	}
	f, err := site.Open(sampleSearchPages)
	if errors.Is(err, fs.ErrNotExist) {
		return kws, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("sample site: %w", err)
	}
	defer f.Close()
	stats, _, err := kwfile.ParsePages(f)
	if err != nil {
		return nil, nil, fmt.Errorf("sample site: %s: %w", sampleSearchPages, err)
	}
	return kws, stats, nil
}

// sampleKeywords reads and labels a sample site's Search Console export;
// none when the site has no export.
func sampleKeywords(ctx context.Context, site fs.FS) ([]seoplan.LabeledKeyword, error) {
	f, err := site.Open(sampleSearchConsole)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sample site: %w", err)
	}
	defer f.Close()
	kws, _, err := kwfile.Parse(f)
	if err != nil {
		return nil, fmt.Errorf("sample site: %s: %w", sampleSearchConsole, err)
	}
	l, err := newLabeler(nil)
	if err != nil {
		return nil, err
	}
	return l.c.Keywords(ctx, kws), ctx.Err()
}

// crawlSample serves site, crawls it into dbPath and returns its labeled
// pages with URLs rebased on the site's real origin.
func crawlSample(ctx context.Context, e *env, site fs.FS, dbPath string) ([]seoplan.LabeledPage, error) {
	h, err := sitesrv.Handler(site)
	if err != nil {
		return nil, fmt.Errorf("sample site: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("serve sample site: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln) //nolint:errcheck // Serve returns ErrServerClosed on Shutdown
	defer srv.Close()
	served := "http://" + ln.Addr().String()
	fmt.Fprintf(e.stderr, "seoplan: serving the sample site on %s\n", served)

	c, err := crawler.New(served+"/", crawler.WithUserAgent(crawler.DefaultUserAgent(version)))
	if err != nil {
		return nil, err
	}
	db, err := createDB(ctx, dbPath)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	st, err := c.Run(ctx, db, true)
	if err != nil {
		return nil, fmt.Errorf("crawl the sample site: %w", err)
	}
	fmt.Fprintf(e.stderr, "seoplan: crawled %s in %s\n", crawlCounts(st), st.Elapsed.Round(time.Millisecond))
	snap, err := db.Snapshot(ctx, st.SnapshotID)
	if err != nil {
		return nil, err
	}
	pages, err := loadPages(ctx, db, snap)
	if err != nil {
		return nil, err
	}
	origin, err := sampleOrigin(site)
	if err != nil {
		return nil, err
	}
	rebase(pages, served, origin)
	l, err := newLabeler(nil)
	if err != nil {
		return nil, err
	}
	return l.site(ctx, pages)
}

// sampleMeta is a sample site's site.json.
type sampleMeta struct {
	Name   string `json:"name"`
	Origin string `json:"origin"`
}

// readSampleMeta reads a sample site's site.json.
func readSampleMeta(site fs.FS) (sampleMeta, error) {
	var meta sampleMeta
	b, err := fs.ReadFile(site, "site.json")
	if err != nil {
		return meta, fmt.Errorf("sample site: %w", err)
	}
	if err := json.Unmarshal(b, &meta); err != nil || meta.Origin == "" {
		return meta, errors.New("sample site: site.json has no origin")
	}
	return meta, nil
}

// sampleOrigin reads the origin a sample site's files are written with.
func sampleOrigin(site fs.FS) (string, error) {
	meta, err := readSampleMeta(site)
	return strings.TrimSuffix(meta.Origin, "/"), err
}

// crawlCounts says what a crawl fetched in the words the plan's summary
// uses: the pages that answered (the plan's "pages" are those of them that
// are HTML), then the redirects and errors that are not pages.
func crawlCounts(st crawler.Stats) string {
	s := fmt.Sprintf("%d URLs: %d answered", st.Pages, st.ByClass[2])
	for _, c := range []struct {
		n    int
		what string
	}{{st.ByClass[3], "redirected"}, {st.ByClass[4], "not found or refused (4xx)"}, {st.ByClass[5], "server errors (5xx)"}, {st.ByClass[0], "no response"}} {
		if c.n > 0 {
			s += fmt.Sprintf(", %d %s", c.n, c.what)
		}
	}
	return s
}

// rebase rewrites every URL of pages that starts with from to start with to.
func rebase(pages []seoplan.Page, from, to string) {
	re := func(u string) string {
		if rest, ok := strings.CutPrefix(u, from); ok && (rest == "" || strings.HasPrefix(rest, "/") || strings.HasPrefix(rest, "?")) {
			return to + rest
		}
		return u
	}
	for i := range pages {
		p := &pages[i]
		p.URL, p.RequestedURL, p.Canonical = re(p.URL), re(p.RequestedURL), re(p.Canonical)
		for j := range p.RedirectChain {
			p.RedirectChain[j] = re(p.RedirectChain[j])
		}
		for j := range p.Links {
			p.Links[j].URL = re(p.Links[j].URL)
		}
	}
}
