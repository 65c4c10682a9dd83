package main

import (
	"bytes"
	"context"
	encsv "encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/crawldb"
	"github.com/seoplan/seoplan/internal/golden"
	"github.com/seoplan/seoplan/internal/sitesrv"
	"github.com/seoplan/seoplan/planner"
	"github.com/seoplan/seoplan/templates"
)

// sample is a sample site crawled once per test run: its ground truth and
// its pages as the classifier labels them.
type sample struct {
	site sitesrv.Site
	// planted is false while a site has no gaps.tsv yet: its clusters
	// cannot be called clean.
	planted bool
	pages   []seoplan.LabeledPage
	// keywords are the site's Search Console export, labeled, as the demo
	// plans them; TestPlanQuality plans without them, since the planted
	// truth is about the pages.
	keywords []seoplan.LabeledKeyword
	stats    []seoplan.PageStat // its Search Console Pages export, planned with the keywords
	err      error
}

var (
	samplesMu sync.Mutex
	samples   = map[string]*sample{}
)

func crawled(t *testing.T, name string) *sample {
	t.Helper()
	samplesMu.Lock()
	defer samplesMu.Unlock()
	if s, ok := samples[name]; ok {
		if s.err != nil {
			t.Fatal(s.err)
		}
		return s
	}
	s := &sample{}
	samples[name] = s
	fsys, err := seoplan.SampleSite(name)
	if err == nil {
		s.site, err = sitesrv.Load(fsys)
		_, statErr := fs.Stat(fsys, "gaps.tsv")
		s.planted = statErr == nil
	}
	if err == nil {
		var errb bytes.Buffer
		s.pages, err = crawlSample(context.Background(), &env{stderr: &errb}, fsys, filepath.Join(t.TempDir(), name+".db"))
	}
	if err == nil {
		s.keywords, s.stats, err = sampleSearchData(context.Background(), fsys)
	}
	if s.err = err; err != nil {
		t.Fatal(err)
	}
	return s
}

// handLabeled returns the pages with the intent, subtype and stage of
// labels.tsv, to measure the planner apart from the classifier.
func (s *sample) handLabeled() []seoplan.LabeledPage {
	out := slices.Clone(s.pages)
	for i := range out {
		if l, ok := s.site.Label(pathOf(out[i].Page.URL)); ok {
			out[i].Label.Intent, out[i].Label.Subtype, out[i].Label.Stage = l.Intent, l.Subtype, l.Stage
		}
	}
	return out
}

func (s *sample) plan(t *testing.T, pages []seoplan.LabeledPage, kws ...seoplan.LabeledKeyword) *seoplan.Plan {
	t.Helper()
	// The Pages export joins the Queries export, as in the demo.
	var stats []seoplan.PageStat
	if len(kws) > 0 {
		stats = s.stats
	}
	p, err := planner.Plan(context.Background(), planner.Input{Site: s.site.Origin + "/", Pages: pages, Keywords: kws, PageStats: stats}, planner.WithStart(demoStart))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func pathOf(u string) string {
	pu, err := url.Parse(u)
	if err != nil || pu.Path == "" {
		return "/"
	}
	return pu.Path
}

// quality is how a plan compares with a sample site's hand-made truth.
type quality struct {
	ari              float64
	found, planted   int
	missed, invented []string
	auditFound       int
	auditPlanted     int
	auditMissed      []string
}

func (q quality) String() string {
	return fmt.Sprintf("ARI %.3f; planted gaps found %d/%d; invented gaps on clean clusters %d; planted audit findings found %d/%d",
		q.ari, q.found, q.planted, len(q.invented), q.auditFound, q.auditPlanted)
}

func measure(site sitesrv.Site, p *seoplan.Plan) quality {
	var q quality
	clusterOf := make(map[string]*seoplan.Cluster)
	for i := range p.Clusters {
		for _, pg := range p.Clusters[i].Pages {
			clusterOf[pathOf(pg.URL)] = &p.Clusters[i]
		}
	}
	// ARI over the pages the hand labels put in a topic; a page the
	// planner leaves out counts as a cluster of its own.
	var truth, got []string
	votes := make(map[string]map[string]int) // hand cluster → planner cluster → pages
	for _, l := range site.Labels {
		if l.Cluster == "" {
			continue
		}
		g := "none:" + l.Path
		if c := clusterOf[l.Path]; c != nil {
			g = c.ID
		}
		truth, got = append(truth, l.Cluster), append(got, g)
		if votes[l.Cluster] == nil {
			votes[l.Cluster] = make(map[string]int)
		}
		votes[l.Cluster][g]++
	}
	q.ari = planner.ARI(truth, got)
	// Each hand cluster maps to the planner cluster holding most of it.
	byID := make(map[string]*seoplan.Cluster)
	for i := range p.Clusters {
		byID[p.Clusters[i].ID] = &p.Clusters[i]
	}
	mapped := make(map[string]*seoplan.Cluster)
	for hand, v := range votes {
		best, n := "", 0
		for id, k := range v {
			if k > n || (k == n && id < best) {
				best, n = id, k
			}
		}
		mapped[hand] = byID[best]
	}
	planted := make(map[string]bool)
	for _, g := range site.Gaps {
		planted[g.Cluster] = true
		q.planted++
		c := mapped[g.Cluster]
		ok := c != nil && slices.ContainsFunc(c.Gaps, func(x seoplan.Gap) bool { return x.Kind == g.Kind })
		if ok {
			q.found++
		} else {
			q.missed = append(q.missed, g.Cluster+" "+string(g.Kind))
		}
	}
	for hand, c := range mapped {
		if planted[hand] || c == nil {
			continue
		}
		for _, g := range c.Gaps {
			q.invented = append(q.invented, hand+" "+string(g.Kind)+": "+g.Reason+" "+strings.Join(g.Pages, " "))
		}
	}
	sort.Strings(q.invented)
	sort.Strings(q.missed)
	for _, f := range site.Audit {
		q.auditPlanted++
		found := slices.ContainsFunc(p.Audit, func(x seoplan.Finding) bool {
			if x.Kind != f.Kind {
				return false
			}
			var paths []string
			for _, u := range x.Pages {
				paths = append(paths, pathOf(u))
			}
			for _, want := range f.Pages {
				if !slices.Contains(paths, want) {
					return false
				}
			}
			return true
		})
		if found {
			q.auditFound++
		} else {
			q.auditMissed = append(q.auditMissed, string(f.Kind)+" "+strings.Join(f.Pages, ","))
		}
	}
	return q
}

// qualityFloor is what a plan of a sample site must reach, set just under
// what was measured so a change that loses ground fails; floors only rise.
// The goals (ARI 0.8, every planted gap, no invented gap, every
// planted audit finding) are the floor wherever the planner meets them.
type qualityFloor struct {
	ari      float64
	found    int // planted gaps found
	invented int // most gaps allowed on clean clusters
	audit    int // planted audit findings found
}

var qualityFloors = map[string]qualityFloor{
	// relaydesk: 1.000, 5/5, 0, 8/8 both ways; the pipeline was 0.985 and
	// 7/8 before the page graph read headings and text (issue 15).
	// The pipeline fell to ARI 0.974 in issue 9, when the classifier began
	// to learn from real sites and labels a few more of relaydesk's pages
	// differently (its held-out sets: classify/heldout_test.go).
	// Since issue 10 one problem page without a bridge in a cluster whose
	// other problem pages have one is that page's audit item, not a gap of
	// its cluster: csat's planted no-bridge gap left gaps.tsv (audit.tsv
	// had its no-product-link finding already), so 4/4.
	"relaydesk/hand":     {ari: 0.99, found: 4, invented: 0, audit: 8},
	"relaydesk/pipeline": {ari: 0.96, found: 4, invented: 0, audit: 8},
	// shop: 1.000, 6/6, 0, 8/8 both ways (0.941 before issue 15, when the
	// boot-and-shoe size guide joined trail running rather than hiking boots).
	// Since issue 9's model the pipeline labelled the store finder a how-to
	// (problem) and reported that it links to no product page: 1 invented
	// gap, gone with issue 10's rule (trail-running's planted no-bridge
	// likewise moved to audit.tsv's no-product-link): 5/5, 0.
	"shop/hand":     {ari: 0.99, found: 5, invented: 0, audit: 8},
	"shop/pipeline": {ari: 0.99, found: 5, invented: 0, audit: 8},
	// bookkeeping (issue 10, a service firm): hand 1.000, 7/7, 0, 6/7. The
	// planted cannibalisation ("How to reconcile a bank account" and "How
	// to do a bank reconciliation", the same six steps) is missed: the
	// title rule needs two shared topic words and the titles share only
	// "bank", since "reconcile" and "reconciliation" stem apart; the pages'
	// text, which says the same, is not compared.
	// The pipeline is 0.816, 3/7, 0, 5/7, below the goal because of the
	// classifier's labels, not the planner's rules: the payroll service page
	// joins the three VAT service pages (service pages look alike), so the
	// payroll cluster has no product page and its no-bridge gap becomes a
	// missing stage; the expenses and cash flow templates are labelled
	// product, so self-assessment is no longer all problem (no lopsided, no
	// no-bridge, no missing decision stage) and the working-capital
	// explainer has a "product" page to link to; the blog index and
	// book-a-call are labelled product and join clusters.
	// Since title words that differ only in the ending the stemmer leaves
	// count as one ("reconcil", "reconcili"), the cannibalisation is found
	// both ways: hand 7/7, pipeline 7/7 audit findings.
	"bookkeeping/hand": {ari: 0.99, found: 7, invented: 0, audit: 7},
	// With pages' intent and subtype chosen together (issue 9) the
	// pipeline is 0.907, 3/7, 0, 6/7 (7/7 since the stems above).
	"bookkeeping/pipeline": {ari: 0.90, found: 3, invented: 0, audit: 7},
	// publisher (issue 10, a recipe magazine whose product pages are
	// affiliate round-ups and reviews): hand 1.000, 6/6, 0, 7/7. The
	// pipeline is 0.907, 5/6, 0, 6/7: the classifier labels recipes
	// product (an ingredient list and "Serves 4" read like a product page),
	// so slow-cooker's beef stew and pulled pork become the product pages
	// its problem pages "bridge" to (no-bridge missed), the 00 flour
	// explainer links a "product" recipe (no-product-link missed), and the
	// author pages and affiliate disclosure, labelled product, join clusters.
	"publisher/hand": {ari: 0.99, found: 6, invented: 0, audit: 7},
	// With pages' intent and subtype chosen together (issue 9) the
	// pipeline is 0.870, 6/6, 0, 6/7: no-bridge is found, and the clusters
	// hold a little less.
	"publisher/pipeline": {ari: 0.86, found: 6, invented: 0, audit: 6},
}

// TestPlanQuality measures the planner on the sample sites against their
// hand labels: the adjusted Rand index of its clusters against labels.tsv,
// the planted gaps of gaps.tsv it finds, the gaps it reports on the
// clusters gaps.tsv calls clean, and the planted findings of audit.tsv it
// reports. "hand" plans from the hand labels of intent, subtype and stage,
// so it measures the planner alone; "pipeline" plans from the classifier's
// labels, as the plan command does. Each is held to qualityFloors.
//
//	go test ./cmd/seoplan -run TestPlanQuality -v
func TestPlanQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the sample sites")
	}
	for _, name := range seoplan.SampleSiteNames() {
		s := crawled(t, name)
		for _, variant := range []string{"hand", "pipeline"} {
			t.Run(name+"/"+variant, func(t *testing.T) {
				pages := s.pages
				if variant == "hand" {
					pages = s.handLabeled()
				}
				q := measure(s.site, s.plan(t, pages))
				t.Logf("%s %s: %s", name, variant, q)
				for _, m := range q.missed {
					t.Logf("  missed gap: %s", m)
				}
				for _, m := range q.invented {
					t.Logf("  invented gap: %s", m)
				}
				for _, m := range q.auditMissed {
					t.Logf("  missed finding: %s", m)
				}
				if !s.planted {
					return
				}
				f, ok := qualityFloors[name+"/"+variant]
				if !ok {
					t.Fatalf("no quality floor for %s/%s: measure it and add one to qualityFloors", name, variant)
				}
				if q.ari < f.ari {
					t.Errorf("ARI %.3f is under its floor %.2f", q.ari, f.ari)
				}
				if q.found < f.found {
					t.Errorf("found %d of %d planted gaps, floor %d", q.found, q.planted, f.found)
				}
				if len(q.invented) > f.invented {
					t.Errorf("%d gaps invented on clean clusters, at most %d allowed", len(q.invented), f.invented)
				}
				if q.auditFound < f.audit {
					t.Errorf("found %d of %d planted audit findings, floor %d", q.auditFound, q.auditPlanted, f.audit)
				}
			})
		}
	}
}

// TestPlanGolden plans each sample site through the whole pipeline (serve,
// crawl, classify, plan, render) and compares roadmap.md and plan.json with
// the golden files (internal/golden: SEOPLAN_UPDATE_GOLDEN=1 rewrites them). A second plan
// of the same crawl must be byte-identical. The goldens follow the
// classifier: a retrained classify/model.json changes labels, so refresh
// them then and review the diff.
func TestPlanGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the sample sites")
	}
	for _, name := range seoplan.SampleSiteNames() {
		t.Run(name, func(t *testing.T) {
			s := crawled(t, name)
			render := func() (md, js []byte) {
				p := s.plan(t, slices.Clone(s.pages), s.keywords...)
				var a, b bytes.Buffer
				if err := templates.Markdown(&a, p); err != nil {
					t.Fatal(err)
				}
				if err := templates.JSON(&b, p); err != nil {
					t.Fatal(err)
				}
				return a.Bytes(), b.Bytes()
			}
			md, js := render()
			md2, js2 := render()
			if !bytes.Equal(md, md2) || !bytes.Equal(js, js2) {
				t.Fatal("two plans of the same crawl differ")
			}
			for file, got := range map[string][]byte{name + ".roadmap.md.golden": md, name + ".plan.json.golden": js} {
				golden.Check(t, filepath.Join("testdata", "plan", file), got)
			}
		})
	}
}

func planCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestPlanUsage(t *testing.T) {
	t.Chdir(t.TempDir()) // no seoplan.db here
	tests := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"nothing to plan", nil, "nothing to plan"},
		{"missing database", []string{"--db", "nope.db"}, "no crawl database there"},
		{"unknown profile", []string{"--profile", "enterprise"}, "unknown --profile"},
		{"bad mix", []string{"--mix", "forty"}, "--mix"},
		{"zero mix", []string{"--mix", "0:0"}, "add up to 100"},
		{"mix over 100", []string{"--db", "x.db", "--mix", "40:70"}, "add up to 100"},
		{"unknown profile", []string{"--db", "x.db", "--profile", "agency"}, "startup, established, saas, shop"},
		{"bad start", []string{"--start", "03/02/2026"}, "YYYY-MM-DD"},
		{"bad language", []string{"--lang", "english"}, "--lang \"english\": not a language code"},
		{"start far in the future", []string{"--start", "9999-12-31"}, "--start 9999-12-31: give a date from 1970"},
		{"start long ago", []string{"--start", "0001-01-01"}, "--start 0001-01-01"},
		{"per week out of range", []string{"--per-week", "0"}, "--per-week"},
		{"weeks out of range", []string{"--weeks", "0"}, "--weeks"},
		{"missing keyword file", []string{"--keywords", "nope.txt"}, "--keywords"},
		{"missing personas file", []string{"--personas", "nope.json"}, "--personas"},
		{"bad URL", []string{"ftp://example.com/"}, "http"},
		{"two URLs", []string{"https://a.example/", "https://b.example/"}, "accepts at most 1 arg"},
		{"client without html", []string{"--client", "Acme"}, "go with --html"},
		{"missing logo", []string{"--html", "r.html", "--logo", "nope.png"}, "--logo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := planCLI(t, append([]string{"plan"}, tt.args...)...)
			if code != 2 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tt.want)
			}
		})
	}
}

func TestParseMixAndNextMonday(t *testing.T) {
	for _, tt := range []struct {
		in         string
		prod, prob int
		ok         bool
	}{{"40:60", 40, 60, true}, {" 25 / 75 ", 25, 75, true}, {"100:0", 100, 0, true}, {"1:3", 0, 0, false}, {"40:70", 0, 0, false},
		{"40", 0, 0, false}, {"-1:101", 0, 0, false}, {"a:b", 0, 0, false}} {
		prod, prob, err := parseMix(tt.in)
		if (err == nil) != tt.ok || prod != tt.prod || prob != tt.prob {
			t.Errorf("parseMix(%q) = %d, %d, %v", tt.in, prod, prob, err)
		}
	}
	for in, want := range map[string]string{"2026-11-23": "2026-11-30", "2026-11-25": "2026-11-30", "2026-11-29": "2026-11-30"} {
		d, _ := time.Parse(time.DateOnly, in)
		if got := nextMonday(d.Add(15 * time.Hour)).Format(time.DateOnly); got != want {
			t.Errorf("nextMonday(%s) = %s, want %s", in, got, want)
		}
	}
}

// crawlShop crawls the shop sample site into a new snapshot of db.
func crawlShop(t testing.TB, db string) {
	t.Helper()
	fsys, err := seoplan.SampleSite("shop")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := crawlSample(context.Background(), &env{stderr: io.Discard}, fsys, db); err != nil {
		t.Fatal(err)
	}
}

// latestSnapshot returns the newest crawl in the database at path.
func latestSnapshot(t testing.TB, path string) crawldb.Snapshot {
	t.Helper()
	db, err := crawldb.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	snap, err := db.Latest(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func TestPlanCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls a sample site")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	crawlShop(t, db)
	kw := filepath.Join(dir, "keywords.txt")
	if err := os.WriteFile(kw, []byte("how to choose a sleeping bag\nbest trail running shoes\nshop login\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, js := filepath.Join(dir, "roadmap.md"), filepath.Join(dir, "plan.json")
	args := []string{"plan", "--db", db, "--keywords", kw, "--start", "2026-03-02", "--profile", "startup", "--per-week", "3"}
	code, _, stderr := planCLI(t, append(args, "-o", out, "--json", js)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "roadmap: "+out) || !strings.Contains(stderr, "topic clusters") {
		t.Errorf("summary on stderr lacks the counts or the roadmap's path: %s", stderr)
	}
	md, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var p seoplan.Plan
	b, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	if p.Keywords != 3 || p.Profile.Name != "startup" || p.Calendar.Start != "2026-03-02" || p.Calendar.PerWeek != 3 || len(p.Clusters) == 0 {
		t.Errorf("plan.json: keywords %d, profile %q, calendar %+v, %d clusters", p.Keywords, p.Profile.Name, p.Calendar, len(p.Clusters))
	}
	// -o - writes the same roadmap to standard output.
	code, stdout, stderr := planCLI(t, append(args, "-o", "-")...)
	if code != 0 || stdout != string(md) {
		t.Errorf("plan -o - (exit %d, %s) differs from the roadmap file", code, stderr)
	}
	// A write that fails leaves nothing behind.
	bad := filepath.Join(dir, "missing", "roadmap.md")
	if code, _, _ := planCLI(t, append(args, "-o", bad)...); code != 1 {
		t.Errorf("writing into a missing directory: exit %d, want 1", code)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 4 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

// TestPlanReports checks that plan writes the client report, the calendars
// and the briefs, and that the report leads with the progress since the
// previous crawl once the database holds two.
func TestPlanReports(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls a sample site")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"--html": filepath.Join(out, "report.html"), "--csv": filepath.Join(out, "calendar.csv"),
		"--ics": filepath.Join(out, "calendar.ics"), "--briefs": filepath.Join(out, "briefs"),
	}
	args := []string{"plan", "--db", db, "--start", "2026-03-02", "-o", filepath.Join(out, "roadmap.md"), "--client", "Pebble & Pine"}
	for flag, path := range files {
		args = append(args, flag, path)
	}
	for crawl := 1; crawl <= 2; crawl++ {
		crawlShop(t, db)
		code, _, stderr := planCLI(t, args...)
		if code != 0 {
			t.Fatalf("crawl %d: exit %d: %s", crawl, code, stderr)
		}
		html, err := os.ReadFile(files["--html"])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(html, []byte("Pebble &amp; Pine")) {
			t.Errorf("crawl %d: the report's cover does not name the client", crawl)
		}
		// The report speaks of the shop the crawl shows, not of software.
		for _, word := range []string{"saas", "demo request", "sign-ups from the page", "trial"} {
			if bytes.Contains(bytes.ToLower(html), []byte(word)) {
				t.Errorf("crawl %d: the shop's report says %q", crawl, word)
			}
		}
		hasProgress := bytes.Contains(html, []byte("Progress since the last crawl"))
		if hasProgress != (crawl == 2) {
			t.Errorf("crawl %d: progress section present = %v, want it only once an earlier crawl exists", crawl, hasProgress)
		}
	}
	js := filepath.Join(dir, "plan.json")
	if code, _, stderr := planCLI(t, "plan", "--db", db, "--start", "2026-03-02", "-o", filepath.Join(dir, "r.md"), "--json", js); code != 0 {
		t.Fatalf("plan --json: exit %d: %s", code, stderr)
	}
	var p seoplan.Plan
	if b, err := os.ReadFile(js); err != nil || json.Unmarshal(b, &p) != nil {
		t.Fatalf("read %s: %v", js, err)
	}
	csv, err := os.ReadFile(files["--csv"])
	if err != nil {
		t.Fatal(err)
	}
	scheduled := 0
	for _, pr := range p.Proposals {
		if pr.Due != "" {
			scheduled++
		}
	}
	rows, err := encsv.NewReader(bytes.NewReader(csv)).ReadAll()
	if err != nil {
		t.Fatalf("calendar.csv: %v", err)
	}
	if scheduled == 0 || len(rows)-1 != scheduled {
		t.Errorf("calendar.csv has %d rows, want one per scheduled proposal (%d)", len(rows)-1, scheduled)
	}
	if ics, err := os.ReadFile(files["--ics"]); err != nil || bytes.Count(ics, []byte("BEGIN:VEVENT")) != scheduled {
		t.Errorf("calendar.ics: %v; want %d events", err, scheduled)
	}
	if briefs := dirNames(t, files["--briefs"]); len(briefs) != len(p.Proposals) {
		t.Errorf("%d briefs, want one per proposal (%d)", len(briefs), len(p.Proposals))
	}
}

func TestPlanKeywordsOnly(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile("kw.txt", []byte("how to reduce churn\nchurn rate formula\nbest churn software\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := planCLI(t, "plan", "--keywords", "kw.txt", "--start", "2026-03-02", "-o", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "uncovered-keyword") || !strings.Contains(stdout, "churn") {
		t.Errorf("keywords-only roadmap lacks its keyword proposals:\n%s", stdout)
	}
}

func TestPlanCrawlsURL(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls a sample site")
	}
	fsys, err := seoplan.SampleSite("shop")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := sitesrv.Start(fsys)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	dir := t.TempDir()
	db, out := filepath.Join(dir, "site.db"), filepath.Join(dir, "roadmap.md")
	code, _, stderr := planCLI(t, "plan", srv.URL+"/", "--db", db, "--start", "2026-03-02", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "crawled "+srv.URL) {
		t.Errorf("stderr does not report the crawl: %s", stderr)
	}
	md, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(md, []byte("# Content roadmap for "+templates.Escape(srv.URL+"/"))) {
		t.Errorf("roadmap does not name the crawled site:\n%.300s", md)
	}
}

// TestPlanBadLogoBeforeCrawl checks that a --logo the report cannot embed
// is a usage error before any request reaches the site (it used to fail
// after the crawl).
func TestPlanBadLogoBeforeCrawl(t *testing.T) {
	png, err := os.ReadFile(filepath.Join("testdata", "report", "logo.png"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	files := map[string][]byte{
		"logo.svg":     []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`),
		"cut.png":      png[:16],
		"notes.png":    []byte("this is not a picture\n"),
		"empty.png":    {},
		"huge.png":     append(append([]byte{}, png...), make([]byte, 3<<20)...),
		"renamed.jpeg": []byte("%PDF-1.7\n"),
	}
	for name, b := range files {
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir("folder.png", 0o755); err != nil {
		t.Fatal(err)
	}
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	tests := []struct{ logo, want string }{
		{"logo.svg", "SVG can carry scripts"},
		{"cut.png", "image/png header"},
		{"notes.png", "text/plain"},
		{"empty.png", "the file is empty"},
		{"huge.png", "at most 2 MiB"},
		{"renamed.jpeg", "application/pdf"},
		{"folder.png", "--logo folder.png"},
	}
	for _, tt := range tests {
		t.Run(tt.logo, func(t *testing.T) {
			code, _, stderr := planCLI(t, "plan", srv.URL+"/", "--db", "x.db", "--html", "r.html", "--logo", tt.logo)
			if code != 2 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tt.want)
			}
			if n := hits.Load(); n != 0 {
				t.Fatalf("%d requests reached the site", n)
			}
			for _, f := range []string{"x.db", "r.html"} {
				if _, err := os.Stat(f); err == nil {
					t.Errorf("%s was created", f)
				}
			}
		})
	}
}

// TestPlanPagesExport: --keywords is given twice, a keyword list and a
// Search Console Pages export comparing two ranges, each told by its
// header, and the plan audits the pages the export shows falling. A Pages
// export alone, with no crawl to join it to, is a usage error.
func TestPlanPagesExport(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls a sample site")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	crawlShop(t, db)
	snap := latestSnapshot(t, db)
	origin := strings.TrimSuffix(snap.StartURL, "/")
	kw := filepath.Join(dir, "keywords.txt")
	pages := filepath.Join(dir, "pages.csv")
	if err := os.WriteFile(kw, []byte("how to choose a sleeping bag\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	export := "Top pages,Last 3 months Clicks,Previous 3 months Clicks,Last 3 months Impressions,Previous 3 months Impressions,Last 3 months CTR,Previous 3 months CTR,Last 3 months Position,Previous 3 months Position\n" +
		origin + "/guides/how-to-choose-hiking-boots,90,400,5200,5400,1.7%,7.4%,7.9,2.8\n"
	if err := os.WriteFile(pages, []byte(export), 0o644); err != nil {
		t.Fatal(err)
	}
	js := filepath.Join(dir, "plan.json")
	code, _, stderr := planCLI(t, "plan", "--db", db, "--keywords", kw, "--keywords", pages, "--start", "2026-03-02", "-o", filepath.Join(dir, "roadmap.md"), "--json", js)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	var p seoplan.Plan
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	if p.Keywords != 1 {
		t.Errorf("%d keywords planned, want the list's 1 (the Pages export has none)", p.Keywords)
	}
	var decay *seoplan.Finding
	for i, f := range p.Audit {
		if f.Kind == seoplan.FindingDecay {
			decay = &p.Audit[i]
		}
	}
	if decay == nil || !strings.Contains(decay.Summary, "lost 310 of its 400 clicks") || !strings.Contains(decay.Fix, "fell in the rankings") {
		t.Errorf("decay finding %+v", decay)
	}

	t.Chdir(dir)
	if code, _, stderr := planCLI(t, "plan", "--keywords", pages, "-o", "-"); code != 2 || !strings.Contains(stderr, "Pages export") {
		t.Errorf("a Pages export alone: exit %d, %s", code, stderr)
	}
}
