package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seoplan/seoplan"
)

func TestDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the sample sites")
	}
	tests := []struct{ site, origin, client string }{
		{"relaydesk", "https://www.relaydesk.example", "Relaydesk"},
		{"shop", "https://www.pebbleandpine.example", "Pebble &amp; Pine"},
	}
	for _, tc := range tests {
		t.Run(tc.site, func(t *testing.T) {
			testDemo(t, tc.site, tc.origin, tc.client)
		})
	}
}

// testDemo runs the demo on one sample site and holds its output to the
// site's golden plan.
func testDemo(t *testing.T, site, origin, client string) {
	dir := t.TempDir()
	args := []string{"demo", "--site", site, "--out", dir, "--start", demoStart.Format(time.DateOnly)}
	code, stdout, stderr := planCLI(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	roadmap := filepath.Join(dir, "roadmap.md")
	if !strings.Contains(stdout, "roadmap: "+roadmap) || !strings.Contains(stdout, "topic clusters") {
		t.Errorf("stdout does not summarise the plan and say where the roadmap is:\n%s", stdout)
	}
	if !strings.Contains(stderr, "serving the sample site on http://127.0.0.1:") {
		t.Errorf("stderr does not say where the site is served: %s", stderr)
	}
	for _, f := range []string{"roadmap.md", "plan.json", "demo.db", "report.html", "calendar.csv", "calendar.ics", "briefs"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("demo did not write %s: %v", f, err)
		}
	}
	got, err := os.ReadFile(filepath.Join(dir, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	var p seoplan.Plan
	if err := json.Unmarshal(got, &p); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p.Site, origin) || len(p.Clusters) == 0 || p.Calendar.Start != "2026-01-05" {
		t.Errorf("plan.json: site %q, %d clusters, calendar %+v", p.Site, len(p.Clusters), p.Calendar)
	}
	// The page counts agree from line to line: what the crawl answered is
	// what the plan counts.
	if want := fmt.Sprintf("%d answered", p.Pages); !strings.Contains(stderr, want) {
		t.Errorf("stderr does not say the crawl answered %d pages, as the plan counts:\n%s", p.Pages, stderr)
	}
	if want := fmt.Sprintf("%d pages,", p.Pages); !strings.Contains(stderr+stdout, want) {
		t.Errorf("the summary does not count %d pages:\n%s", p.Pages, stdout)
	}
	if html, err := os.ReadFile(filepath.Join(dir, "report.html")); err != nil || !strings.Contains(string(html), `<h1 class="client">`+client+`</h1>`) {
		t.Errorf("report.html does not name the client %q (%v)", client, err)
	}
	// The demo's plan is the pipeline's plan of the sample site, whatever
	// port it was served on: the golden file of TestPlanGolden.
	want, err := os.ReadFile(filepath.Join("testdata", "plan", site+".plan.json.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("the demo's plan.json differs from testdata/plan/" + site + ".plan.json.golden")
	}
	if bytes.Contains(got, []byte("127.0.0.1")) {
		t.Error("plan.json names the loopback port instead of the site's origin")
	}
	// A second run crawls afresh into the same database and plans the same.
	if code, _, stderr := planCLI(t, args...); code != 0 {
		t.Fatalf("second run: exit %d: %s", code, stderr)
	}
	again, _ := os.ReadFile(filepath.Join(dir, "plan.json"))
	if !bytes.Equal(got, again) {
		t.Error("a second demo run planned differently")
	}
}

func TestDemoUnknownSite(t *testing.T) {
	code, _, stderr := planCLI(t, "demo", "--site", "nope", "--out", t.TempDir())
	if code != 2 || !strings.Contains(stderr, "relaydesk, shop") {
		t.Errorf("exit %d, stderr %q: want usage (2) naming the bundled sites", code, stderr)
	}
}

func TestRebase(t *testing.T) {
	pages := []seoplan.Page{{
		Fetch: seoplan.Fetch{
			URL:           "http://127.0.0.1:9/a",
			RequestedURL:  "http://127.0.0.1:9/b",
			RedirectChain: []string{"http://127.0.0.1:9/b"},
		},
		Content: seoplan.Content{
			Canonical: "http://127.0.0.1:9/a",
			Links:     []seoplan.Link{{URL: "http://127.0.0.1:9"}, {URL: "http://127.0.0.1:99/x"}, {URL: "https://other.example/"}},
		},
	}}
	rebase(pages, "http://127.0.0.1:9", "https://www.site.example")
	p := pages[0]
	got := []string{p.URL, p.RequestedURL, p.Canonical, p.RedirectChain[0], p.Links[0].URL, p.Links[1].URL, p.Links[2].URL}
	want := []string{"https://www.site.example/a", "https://www.site.example/b", "https://www.site.example/a", "https://www.site.example/b",
		"https://www.site.example", "http://127.0.0.1:99/x", "https://other.example/"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("rebased %d = %q, want %q", i, got[i], want[i])
		}
	}
}
