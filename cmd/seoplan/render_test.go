package main

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seoplan/seoplan/internal/spasite"
)

func spaSite(t *testing.T, mode spasite.Mode) *spasite.Server {
	t.Helper()
	srv, err := spasite.Start(os.DirFS(filepath.Join("..", "..", "testdata", "sites", "spa")), mode)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv
}

// labelsOf crawls start with the extra crawl flags and returns each page's
// label (intent/subtype/stage) by path, and the crawl's stderr.
func labelsOf(t *testing.T, start string, flags ...string) (map[string]string, string) {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "site.db")
	code, _, crawlErr := runCLI(ctx, append([]string{"crawl", start, "--db", db}, flags...)...)
	if code != 0 {
		t.Fatalf("crawl %v exit %d:\n%s", flags, code, crawlErr)
	}
	code, stdout, stderr := runCLI(ctx, "classify", "--db", db, "--format", "jsonl")
	if code != 0 {
		t.Fatalf("classify exit %d:\n%s", code, stderr)
	}
	labels := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var r struct{ URL, Intent, Subtype, Stage string }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		u, _ := url.Parse(r.URL)
		labels[u.Path] = r.Intent + "/" + r.Subtype + "/" + r.Stage
	}
	return labels, crawlErr
}

// TestCrawlRendersScriptBuiltSite crawls the script-built test site: with
// --render never its pages are empty shells labelled from nothing; with
// --render auto (the default) they get the labels of its server-rendered
// twin, and the summary says how many pages were rendered and why.
func TestCrawlRendersScriptBuiltSite(t *testing.T) {
	chromium := chromiumPath(t)
	twin, _ := labelsOf(t, spaSite(t, spasite.Twin).URL+"/")
	if len(twin) != 4 || !strings.HasPrefix(twin["/pricing"], "product/pricing") || !strings.HasPrefix(twin["/guides/how-to-set-up-recurring-invoices"], "problem/how-to") {
		t.Fatalf("the twin's labels are not what its pages are: %v", twin)
	}

	never, stderr := labelsOf(t, spaSite(t, spasite.Shell).URL+"/", "--render", "never")
	if _, ok := never["/guides/how-to-set-up-recurring-invoices"]; ok || len(never) != 3 {
		t.Errorf("--render never found %v; want the 3 sitemap pages and not the how-to only a rendered link leads to", never)
	}
	if never["/pricing"] == twin["/pricing"] && never["/"] == twin["/"] && never["/product/recurring-invoices"] == twin["/product/recurring-invoices"] {
		t.Errorf("--render never: the empty shells got the twin's labels %v", never)
	}
	if !strings.Contains(stderr, "3 pages are shells that scripts fill, kept as the server sent them: not rendered (--render never)") {
		t.Errorf("--render never summary does not count the shells:\n%s", stderr)
	}

	auto, stderr := labelsOf(t, spaSite(t, spasite.Shell).URL+"/", "--chrome", chromium)
	for p, want := range twin {
		if auto[p] != want {
			t.Errorf("%s: --render auto labels it %q, its twin %q", p, auto[p], want)
		}
	}
	if len(auto) != len(twin) {
		t.Errorf("--render auto: %d pages, twin %d", len(auto), len(twin))
	}
	if !strings.Contains(stderr, "rendered in Chromium: 4 pages (4 empty shells)") {
		t.Errorf("--render auto summary does not say what was rendered:\n%s", stderr)
	}
}

// TestCrawlWithoutBrowser: auto warns once and carries on, always exits 2
// before any request.
func TestCrawlWithoutBrowser(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	srv := spaSite(t, spasite.Shell)
	db := filepath.Join(t.TempDir(), "site.db")
	code, _, stderr := runCLI(context.Background(), "crawl", srv.URL+"/", "--db", db, "--render", "always")
	if code != 2 || !strings.Contains(stderr, "install Chromium (apt-get install chromium") {
		t.Errorf("--render always without a browser: exit %d, want 2 with how to install one:\n%s", code, stderr)
	}
	if n := srv.Hits("/"); n != 0 {
		t.Errorf("--render always without a browser made %d requests before failing", n)
	}
	code, _, stderr = runCLI(context.Background(), "crawl", srv.URL+"/", "--db", db)
	if code != 0 {
		t.Fatalf("--render auto without a browser: exit %d\n%s", code, stderr)
	}
	if n := strings.Count(stderr, "warning:"); n != 1 || !strings.Contains(stderr, "no Chromium was found to render it") || !strings.Contains(stderr, "apt-get install chromium") {
		t.Errorf("--render auto without a browser: %d warnings, want one saying how to install a browser:\n%s", n, stderr)
	}
	if !strings.Contains(stderr, "3 pages are shells that scripts fill, kept as the server sent them: not rendered (no Chromium found)") {
		t.Errorf("summary does not count the shells left unrendered:\n%s", stderr)
	}
}

// TestPlanURLRenders: plan URL crawls as crawl does by default, so the
// script-built site's pages are rendered and planned with their content.
func TestPlanURLRenders(t *testing.T) {
	chromiumPath(t)
	srv := spaSite(t, spasite.Shell)
	dir := t.TempDir()
	db := filepath.Join(dir, "site.db")
	code, _, stderr := runCLI(context.Background(), "plan", srv.URL+"/", "--db", db, "--start", "2026-03-02", "-o", filepath.Join(dir, "roadmap.md"))
	if code != 0 {
		t.Fatalf("plan URL: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "rendered 4 pages that scripts build in Chromium") {
		t.Errorf("plan URL does not say it rendered the script-built pages:\n%s", stderr)
	}
	code, stdout, _ := runCLI(context.Background(), "export", "--db", db, "--format", "csv")
	if code != 0 || strings.Count(stdout, ",shell,") != 4 {
		t.Errorf("export after plan URL: exit %d, %d pages rendered as shells, want 4:\n%s", code, strings.Count(stdout, ",shell,"), stdout)
	}
}
