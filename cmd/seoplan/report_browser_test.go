package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/classify"
	"github.com/seoplan/seoplan/internal/pdfdest"
	"github.com/seoplan/seoplan/internal/sitesrv"
	"github.com/seoplan/seoplan/planner"
	"github.com/seoplan/seoplan/templates"
)

// injectedTitle is the title of a relaydesk blog post, planted to prove the
// report shows crawled markup as text.
const injectedTitle = "<script>alert(1)</script> Live chat scripts that convert"

// chromiumPath finds Debian's chromium. Outside CI a missing browser skips
// the test; under CI=true it fails, so CI cannot pass without running it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is missing but CI=true: install it with apt-get install -y chromium")
	}
	t.Skip("chromium not found on PATH: skipping the browser test of report.html (apt-get install -y chromium to run it)")
	return ""
}

// relaydeskReport crawls the relaydesk sample site, plans it and writes
// report.html and report.pdf (printed by chromium) into dir the way
// `seoplan plan --html --pdf` does. It returns the plan and the flags.
func relaydeskReport(t *testing.T, dir, chromium string) (*seoplan.Plan, *reportFlags) {
	t.Helper()
	ctx := context.Background()
	site, err := seoplan.SampleSite("relaydesk")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := sitesrv.Start(site)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	dbPath := filepath.Join(dir, "site.db")
	if code, _, stderr := runCLI(ctx, "crawl", srv.URL+"/", "--db", dbPath); code != 0 {
		t.Fatalf("crawl exited %d: %s", code, stderr)
	}
	db, snap := openLatest(t, dbPath)
	var pages []seoplan.Page
	if err := db.Pages(ctx, snap.ID, func(p seoplan.Page) error { pages = append(pages, p); return nil }); err != nil {
		t.Fatal(err)
	}
	cl, err := classify.New()
	if err != nil {
		t.Fatal(err)
	}
	labeled, _, err := cl.Site(ctx, pages)
	if err != nil {
		t.Fatal(err)
	}
	// The site's Search Console export, as plan --keywords reads it, so
	// the summary shows its demand figure.
	kws, err := sampleKeywords(ctx, site)
	if err != nil || len(kws) == 0 {
		t.Fatalf("relaydesk's Search Console export: %d keywords, %v", len(kws), err)
	}
	p, err := planner.Plan(ctx, planner.Input{Site: snap.StartURL, CrawledAt: snap.Started, Pages: labeled, Keywords: kws},
		planner.WithStart(time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	var md bytes.Buffer
	if err := templates.Markdown(&md, p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), templates.Escape(injectedTitle)) {
		t.Fatalf("the roadmap does not list the injected page, so the browser check would prove nothing")
	}
	f := &reportFlags{html: filepath.Join(dir, "report.html"), pdf: filepath.Join(dir, "report.pdf"), chromium: chromium,
		client: "RelayDesk", agency: "Acme SEO",
		logo: filepath.Join("testdata", "report", "logo.png"), footer: reportFooter}
	// A second look at the same crawl stands in for last month's, so the
	// progress section is on the page too.
	pr := planner.Compare(planner.Snapshot{ID: snap.ID, Pages: labeled, Plan: p}, planner.Snapshot{ID: snap.ID + 1, Pages: labeled, Plan: p})
	f.progress = &pr
	e, _ := reportEnv()
	if err := writeReports(ctx, e, p, f); err != nil {
		t.Fatal(err)
	}
	return p, f
}

// reportFooter is the agency's own footer line.
const reportFooter = "Acme SEO, 12 Harbour Street"

// coverDate is a date as the report's English reader writes it.
var coverDate = regexp.MustCompile(`^[1-9][0-9]? (January|February|March|April|May|June|July|August|September|October|November|December) 20[0-9]{2}$`)

// flagText is a command-line flag, which has no place in what a client reads.
var flagText = regexp.MustCompile(`(^|\s)--[a-z]`)

// plannerSlug is the planner's shorthand in a priority reason ("no-pillar
// gap (30)", "the saas profile favours"), which the report words for the
// client.
var plannerSlug = regexp.MustCompile(`\b[a-z]+(-[a-z]+)+ gap \(|\b[a-z]+ profile favours`)

// media is how the report is laid out: a screen, or the printable width of
// an A4 page (210 mm less report.css's 15 mm margins, at 96 px an inch).
type media struct {
	name  string
	css   string
	width int64
}

var (
	onScreen = media{"screen", "", 1200}
	onPaper  = media{"print", "print", 680}
)

// pageHeight is the printable height of an A4 page in CSS pixels: 297 mm
// less report.css's margins of 16 and 18 mm.
const pageHeight = (297 - 16 - 18) / 25.4 * 96

// setMedia lays the report out for m.
func setMedia(t *testing.T, ctx context.Context, m media) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m.css}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(m.width, 900)); err != nil {
		t.Fatal(err)
	}
}

// splitWords measures, with the browser's layout, every word of every table
// cell (a word ends at a space, a slash or a hyphen, where a line may
// break) and returns those whose letters lie on more than one line.
func splitWords(t *testing.T, ctx context.Context) []string {
	t.Helper()
	split, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const out = [];
		for (const cell of document.querySelectorAll('td, th')) {
			const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
			for (let n = walk.nextNode(); n; n = walk.nextNode()) {
				for (const m of n.data.matchAll(/[^\s\/\-\u2010-\u2014]+/g)) {
					const r = document.createRange();
					r.setStart(n, m.index);
					r.setEnd(n, m.index + m[0].length);
					const lines = new Set(Array.from(r.getClientRects()).filter(b => b.width > 0).map(b => Math.round(b.top)));
					if (lines.size > 1) out.push(m[0]);
				}
			}
		}
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	return split
}

// browserLog collects what the page does that the test forbids. The
// listener runs on chromedp's reader goroutine, so it only records.
type browserLog struct {
	mu       sync.Mutex
	requests []string
	errors   []string
	dialogs  []string
}

func (b *browserLog) listen(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		b.requests = append(b.requests, ev.Request.URL)
	case *runtime.EventExceptionThrown:
		b.errors = append(b.errors, "exception: "+ev.ExceptionDetails.Text)
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
			b.errors = append(b.errors, "console."+string(ev.Type))
		}
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			b.errors = append(b.errors, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
		}
	case *page.EventJavascriptDialogOpening:
		b.dialogs = append(b.dialogs, ev.Message)
	}
}

func TestReportInBrowser(t *testing.T) {
	chromium := chromiumPath(t)
	dir := t.TempDir()
	plan, flags := relaydeskReport(t, dir, chromium)
	report := flags.html

	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(dir, "chromium")),
		chromedp.WindowSize(1200, 900),
	)
	defer cancelAlloc()
	var seen browserLog
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(seen.listen))
	defer cancel()
	// Start the browser on a context without a deadline (a deadline would
	// stop the whole browser), then bound each step.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	step, cancelStep := context.WithTimeout(ctx, 60*time.Second)
	defer cancelStep()

	fileURL := (&url.URL{Scheme: "file", Path: report}).String()
	if err := chromedp.Do(step, chromedp.Navigate(fileURL), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
		t.Fatalf("load report: %v", err)
	}
	// Let the images decode before measuring them.
	if _, err := chromedp.Run(step, chromedp.Poll[bool](`Array.from(document.images).every(i => i.complete)`)); err != nil {
		t.Fatalf("images never finished loading: %v", err)
	}

	t.Run("charts visible", func(t *testing.T) {
		type box struct {
			ID            string
			Width, Height float64
			Natural       float64
		}
		boxes, err := chromedp.Run(step, chromedp.Evaluate[[]box](`Array.from(document.querySelectorAll('figure.chart')).map(f => {
			const img = f.querySelector('img'), r = img.getBoundingClientRect();
			return {ID: f.id, Width: r.width, Height: r.height, Natural: img.naturalWidth};
		})`))
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]bool{}
		for _, b := range boxes {
			ids[b.ID] = true
			if b.Width <= 0 || b.Height <= 0 || b.Natural <= 0 {
				t.Errorf("chart %s is not drawn: %+v", b.ID, b)
			}
		}
		for _, id := range []string{"chart-cluster-map", "chart-intent-mix", "chart-funnel", "chart-timeline"} {
			if !ids[id] {
				t.Errorf("chart %s missing (have %v)", id, ids)
			}
		}
	})

	t.Run("table of contents links resolve", func(t *testing.T) {
		broken, err := chromedp.Run(step, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('nav.toc a'))
			.filter(a => !document.getElementById(decodeURIComponent(a.hash.slice(1))))
			.map(a => a.getAttribute('href'))`))
		if err != nil {
			t.Fatal(err)
		}
		if len(broken) > 0 {
			t.Errorf("contents links with no target: %q", broken)
		}
		n, err := chromedp.Run(step, chromedp.Evaluate[int](`document.querySelectorAll('nav.toc a').length`))
		if err != nil || n < 5 {
			t.Fatalf("contents has %d links (%v)", n, err)
		}
		// Follow the last link: the page scrolls to its heading.
		if err := chromedp.Do(step, chromedp.Click(chromedp.CSS("nav.toc li:last-child a"))); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(step, chromedp.Poll[bool](`location.hash === document.querySelector('nav.toc li:last-child a').hash && window.scrollY > 0`))
		if err != nil || !got {
			t.Errorf("clicking the last contents link did not scroll to it: %v", err)
		}
	})

	t.Run("injected title is text", func(t *testing.T) {
		text, err := chromedp.Run(step, chromedp.Evaluate[string](`document.body.innerText`))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, injectedTitle) {
			t.Errorf("the page does not show %q as text", injectedTitle)
		}
		scripts, err := chromedp.Run(step, chromedp.Evaluate[int](`document.querySelectorAll('script').length`))
		if err != nil {
			t.Fatal(err)
		}
		if scripts != 0 {
			t.Errorf("%d script elements in the report", scripts)
		}
	})

	t.Run("client-facing text", func(t *testing.T) {
		type cover struct{ Date, Footer, Text string }
		got, err := chromedp.Run(step, chromedp.Evaluate[cover](`({
			Date: (document.querySelector('header.cover .date') || {}).textContent || '',
			Footer: document.querySelector('footer').textContent,
			Text: document.body.innerText})`))
		if err != nil {
			t.Fatal(err)
		}
		if !coverDate.MatchString(got.Date) {
			t.Errorf("cover date %q is not a date as people write it (like 2 December 2026)", got.Date)
		}
		if got.Footer != reportFooter {
			t.Errorf("footer = %q, want the agency's %q", got.Footer, reportFooter)
		}
		if m := flagText.FindAllString(got.Text, 5); len(m) > 0 {
			t.Errorf("the report speaks command line to the client: %q", m)
		}
		if m := plannerSlug.FindAllString(got.Text, 5); len(m) > 0 {
			t.Errorf("the report speaks the planner's slugs to the client: %q", m)
		}
	})

	t.Run("executive summary on one page", func(t *testing.T) {
		setMedia(t, step, onPaper)
		defer setMedia(t, step, onScreen)
		type sum struct {
			Height  float64
			Figures []string
		}
		got, err := chromedp.Run(step, chromedp.Evaluate[sum](`({
			Height: document.querySelector('section.executive').getBoundingClientRect().height,
			Figures: Array.from(document.querySelectorAll('section.executive .figure .label')).map(e => e.textContent)})`))
		if err != nil {
			t.Fatal(err)
		}
		if got.Height > pageHeight {
			t.Errorf("the executive summary is %.0fpx tall on paper, more than a page (%.0fpx)", got.Height, pageHeight)
		}
		if n := len(got.Figures); n < 3 || n > 5 {
			t.Errorf("%d figures in the summary, want three to five: %q", n, got.Figures)
		}
		if !slices.ContainsFunc(got.Figures, func(l string) bool { return strings.Contains(l, "top 3 opportunities") }) {
			t.Errorf("no figure of the top opportunities by demand: %q", got.Figures)
		}
	})

	t.Run("no word split in a table cell", func(t *testing.T) {
		for _, m := range []media{onScreen, onPaper} {
			setMedia(t, step, m)
			if split := splitWords(t, step); len(split) > 0 {
				t.Errorf("%s: words split across lines in table cells: %q", m.name, split)
			}
		}
		// The check finds what the old style sheet did ("produ ct"), so
		// its silence above means something.
		setMedia(t, step, onPaper)
		if _, err := chromedp.Run(step, chromedp.Evaluate[bool](`(() => { const s = document.createElement('style'); s.id = 'old-rule';
			s.textContent = 'th, td { overflow-wrap: anywhere }'; document.head.append(s); return true })()`)); err != nil {
			t.Fatal(err)
		}
		if split := splitWords(t, step); len(split) == 0 {
			t.Error("with overflow-wrap: anywhere back, the check finds no split word: it measures nothing")
		}
		if _, err := chromedp.Run(step, chromedp.Evaluate[bool](`(document.getElementById('old-rule').remove(), true)`)); err != nil {
			t.Fatal(err)
		}
		setMedia(t, step, onScreen)
	})

	t.Run("nothing wider than the page in print", func(t *testing.T) {
		setMedia(t, step, onPaper)
		defer setMedia(t, step, onScreen)
		wide, err := chromedp.Run(step, chromedp.Evaluate[[]string](`(() => {
			const limit = document.documentElement.clientWidth;
			return Array.from(document.querySelectorAll('body *'))
				.filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > limit + 1; })
				.map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')
				.slice(0, 10);
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if len(wide) > 0 {
			t.Errorf("elements wider than an A4 page (%dpx): %q", onPaper.width, wide)
		}
	})

	t.Run("screenshot and PDF", func(t *testing.T) {
		png, err := chromedp.Run(step, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) || len(png) < 10_000 {
			t.Errorf("screenshot is not a PNG of the page (%d bytes)", len(png))
		}
		pdf, err := chromedp.Run(step, chromedp.PrintToPDF(chromedp.PDFPrintBackground(), chromedp.PDFPreferCSSPageSize()))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) || len(pdf) < 10_000 {
			t.Errorf("print is not a PDF (%d bytes)", len(pdf))
		}
		for name, b := range map[string][]byte{"report.png": png, "report.pdf": pdf} {
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})

	t.Run("chart text inside the picture and apart", func(t *testing.T) {
		// Each chart opened as the SVG it is, so the browser lays out its
		// text with the fonts it has, as it does inside the report.
		type img struct{ ID, Src string }
		imgs, err := chromedp.Run(step, chromedp.Evaluate[[]img](`Array.from(document.querySelectorAll('figure.chart img')).map(i => ({ID: i.closest('figure').id, Src: i.getAttribute('src')}))`))
		if err != nil {
			t.Fatal(err)
		}
		if len(imgs) < 4 {
			t.Fatalf("%d charts", len(imgs))
		}
		for _, im := range imgs {
			svg, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(im.Src, "data:image/svg+xml;base64,"))
			if err != nil {
				t.Fatalf("%s: %v", im.ID, err)
			}
			path := filepath.Join(dir, im.ID+".svg")
			if err := os.WriteFile(path, svg, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(step, chromedp.Navigate((&url.URL{Scheme: "file", Path: path}).String()), chromedp.WaitReady(chromedp.CSS("svg"))); err != nil {
				t.Fatal(err)
			}
			type fault struct{ Outside, Overlap []string }
			got, err := chromedp.Run(step, chromedp.Evaluate[fault](`(() => {
				const svg = document.querySelector('svg').getBoundingClientRect();
				const boxes = Array.from(document.querySelectorAll('text')).filter(t => t.textContent.trim())
					.map(t => ({text: t.textContent.trim(), r: t.getBoundingClientRect()}));
				const out = {Outside: [], Overlap: []};
				for (const b of boxes) {
					if (b.r.left < svg.left - 0.5 || b.r.right > svg.right + 0.5 || b.r.top < svg.top - 0.5 || b.r.bottom > svg.bottom + 0.5) out.Outside.push(b.text);
				}
				for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
					const a = boxes[i].r, b = boxes[j].r;
					const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
					if (w > 1 && h > 2) out.Overlap.push(boxes[i].text + ' | ' + boxes[j].text);
				}
				return out;
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Outside) > 0 {
				t.Errorf("%s: text runs off the picture: %q", im.ID, got.Outside)
			}
			if len(got.Overlap) > 0 {
				t.Errorf("%s: text printed over other text: %q", im.ID, got.Overlap)
			}
		}
		if err := chromedp.Do(step, chromedp.Navigate(fileURL), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("contents page numbers in the PDF", func(t *testing.T) {
		// Print as --pdf does, keeping the HTML of the last print.
		opts, err := flags.htmlOptions()
		if err != nil {
			t.Fatal(err)
		}
		var last []byte
		render := func(pages map[string]int) ([]byte, error) {
			var b bytes.Buffer
			err := templates.HTML(&b, plan, append(opts, templates.WithContentsPages(pages))...)
			last = b.Bytes()
			return last, err
		}
		pdf, _, err := printPDF(context.Background(), chromium, render)
		if err != nil {
			t.Fatal(err)
		}
		fell, err := pdfdest.Pages(pdf)
		if err != nil {
			t.Fatal(err)
		}
		written, err := os.ReadFile(flags.pdf)
		if err != nil {
			t.Fatal(err)
		}
		if w, err := pdfdest.Pages(written); err != nil || !maps.Equal(w, fell) {
			t.Errorf("the PDF --pdf wrote has its sections on %v (%v), a second print on %v", w, err, fell)
		}
		if !bytes.Contains(pdf, []byte("/Outlines")) {
			t.Error("the PDF has no outline (bookmarks)")
		}
		// Read the contents of the last print as the browser lays it out on paper.
		numbered := filepath.Join(dir, "numbered.html")
		if err := os.WriteFile(numbered, last, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(step, chromedp.Navigate((&url.URL{Scheme: "file", Path: numbered}).String()), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
			t.Fatal(err)
		}
		setMedia(t, step, onPaper)
		defer setMedia(t, step, onScreen)
		type entry struct {
			ID, Text, Page string
			Lines          int
		}
		entries, err := chromedp.Run(step, chromedp.Evaluate[[]entry](`Array.from(document.querySelectorAll('nav.toc a')).map(a => {
			const p = a.querySelector('.toc-page'), text = a.querySelector('.toc-text');
			const lines = new Set(Array.from(text.getClientRects()).map(r => Math.round(r.top))).size;
			return {ID: decodeURIComponent(a.hash.slice(1)), Text: text.textContent, Page: p ? p.textContent : '', Lines: lines};
		})`))
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) < 5 {
			t.Fatalf("contents has %d entries", len(entries))
		}
		prev := 0
		for _, e := range entries {
			want := fell[e.ID]
			if e.Page != strconv.Itoa(want) || want == 0 {
				t.Errorf("contents: %q says page %q, its section starts on page %d", e.Text, e.Page, want)
			}
			if want < prev {
				t.Errorf("contents: %q on page %d comes after an entry on page %d", e.Text, want, prev)
			}
			prev = max(prev, want)
			if e.Lines != 1 {
				t.Errorf("contents: %q takes %d lines on paper", e.Text, e.Lines)
			}
		}
		// The cover is page 1, the summary page 2 and the contents page 3.
		if entries[0].ID != "executive-summary" || fell["executive-summary"] != 2 || fell[entries[1].ID] < 4 {
			t.Errorf("the summary starts on page %d and %q on page %d, want 2 and 4 or later", fell["executive-summary"], entries[1].Text, fell[entries[1].ID])
		}
	})

	t.Run("page numbers that never settle are left out", func(t *testing.T) {
		// Each print pushes the sections a page further down, so the
		// numbers read back never hold: the PDF of the first print, with
		// no numbers, comes back with errNoPageNumbers.
		prints := 0
		render := func(pages map[string]int) ([]byte, error) {
			var b bytes.Buffer
			err := templates.HTML(&b, plan, templates.WithContentsPages(pages))
			prints++
			pad := fmt.Sprintf("<main><div style=\"height:%dmm\"></div>", 300*prints)
			return bytes.Replace(b.Bytes(), []byte("<main>"), []byte(pad), 1), err
		}
		pdf, pages, err := printPDF(context.Background(), chromium, render)
		if !errors.Is(err, errNoPageNumbers) || pages != nil {
			t.Fatalf("printPDF = %v, %v; want errNoPageNumbers and no pages", pages, err)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) || prints != printTries {
			t.Errorf("after %d prints, got %d bytes that are not the first print's PDF", prints, len(pdf))
		}
		if fell, err := pdfdest.Pages(pdf); err != nil || fell["topic-map"] != 5 {
			t.Errorf("the PDF returned has the topic map on page %d (%v), want 5 as in the first print", fell["topic-map"], err)
		}
	})

	seen.mu.Lock()
	defer seen.mu.Unlock()
	for _, r := range seen.requests {
		if !strings.HasPrefix(r, "file:") && !strings.HasPrefix(r, "data:") {
			t.Errorf("the report requested %s", r)
		}
	}
	if len(seen.requests) == 0 {
		t.Error("saw no request at all: the network listener is not working")
	}
	if len(seen.errors) > 0 {
		t.Errorf("console errors: %q", seen.errors)
	}
	if len(seen.dialogs) > 0 {
		t.Errorf("dialogs opened: %q", seen.dialogs)
	}
}
