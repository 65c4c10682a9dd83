package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/seoplan/seoplan/crawldb"
	"github.com/seoplan/seoplan/internal/golden"
	"github.com/seoplan/seoplan/internal/pagetest"
)

// exportSite is a small fixed site for the export golden: a sitemap with an
// orphan, a redirect, a broken link and a PDF.
func exportSite() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := "http://" + r.Host
		page := func(title string, links ...string) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, "<!doctype html><html lang=en><title>%s</title><h1>%s</h1>", title, title)
			for _, l := range links {
				fmt.Fprintf(w, `<a href="%s">%s</a> `, l, l)
			}
		}
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprintf(w, "User-agent: *\nDisallow: /cart/\nSitemap: %s/sitemap.xml\n", origin)
		case "/sitemap.xml":
			fmt.Fprintf(w, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%[1]s/</loc></url><url><loc>%[1]s/pricing</loc></url><url><loc>%[1]s/orphan</loc></url></urlset>`, origin)
		case "/":
			page("Home", "/pricing", "/old-pricing", "/guide.pdf", "/cart/", "/blog")
		case "/pricing":
			page("Pricing", "/", "/features?utm_source=nav")
		case "/features":
			page("Features", "/missing")
		case "/blog":
			page("Blog", "/blog/post-1")
		case "/blog/post-1":
			page("Post", "/old-features")
		case "/orphan":
			page("Orphan")
		case "/old-pricing":
			http.Redirect(w, r, "/pricing", http.StatusMovedPermanently)
		case "/old-features":
			http.Redirect(w, r, "/new-features", http.StatusFound)
		case "/new-features":
			page("New features")
		case "/guide.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, "%PDF-1.4")
		default:
			http.NotFound(w, r)
		}
	})
}

// TestExportGolden crawls a fixed site and compares the crawler's own
// fields of the export (not the extracted ones, which belong to Extract's
// tests) with a golden file.
func TestExportGolden(t *testing.T) {
	srv := httptest.NewServer(exportSite())
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "site.db")
	if code, _, stderr := runCLI(context.Background(), "crawl", srv.URL+"/", "--db", db); code != 0 {
		t.Fatalf("crawl exit %d:\n%s", code, stderr)
	}
	code, stdout, stderr := runCLI(context.Background(), "export", "--db", db)
	if code != 0 {
		t.Fatalf("export exit %d:\n%s", code, stderr)
	}
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var r exportRecord
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %d %q depth=%d sitemap=%v", r.URL, r.Status, r.ContentType, r.Depth, r.InSitemap)
		if r.RequestedURL != "" {
			fmt.Fprintf(&b, " requested=%s chain=%v", r.RequestedURL, r.RedirectChain)
		}
		if r.Error != "" {
			fmt.Fprintf(&b, " error=%q", r.Error)
		}
		b.WriteString("\n")
	}
	got := strings.ReplaceAll(b.String(), srv.URL, "https://example.com")
	golden.Check(t, filepath.Join("testdata", "export.golden"), []byte(got))
}

// TestExportEveryField stores a Page with every field set (by reflection,
// internal/pagetest) and exports it: each field of the Page is either in
// the export, with the value stored, or named here as one the export
// leaves in the database. A field added to seoplan.Page fails this test
// until it is one or the other.
func TestExportEveryField(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "full.db")
	db, err := crawldb.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	snap, _ := db.CreateSnapshot(ctx, "https://example.com/", "", time.Now())
	page := pagetest.Filled("https://example.com/full")
	b, _ := db.Begin(ctx)
	if err := b.StorePage(snap.ID, 0, &page); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	db.SetState(ctx, snap.ID, crawldb.StateDone, time.Now())
	db.Close()

	left := map[string]bool{ // in the database, not in an export
		"meta_robots": true, "x_robots_tag": true, "headings": true, "main_text": true,
		"links": true, "og_site_name": true, "breadcrumbs": true,
	}
	renamed := map[string]string{"response_time_ns": "response_time_ms"}
	js, _ := json.Marshal(page)
	var want map[string]any
	json.Unmarshal(js, &want)

	code, stdout, stderr := runCLI(ctx, "export", "--db", path)
	if code != 0 {
		t.Fatalf("export exit %d: %s", code, stderr)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("export: %v\n%s", err, stdout)
	}
	_, csvOut, _ := runCLI(ctx, "export", "--db", path, "--format", "csv")
	header := strings.SplitN(csvOut, "\n", 2)[0]
	for k, v := range want {
		name := k
		if r, ok := renamed[k]; ok {
			name = r
		}
		g, ok := got[name]
		switch {
		case left[k]:
			if ok {
				t.Errorf("export has %s, listed here as left out", name)
			}
			continue
		case !ok:
			t.Errorf("export lacks %s: add it to exportRecord or to this test's list of fields left out", name)
			continue
		case !strings.Contains(","+header+",", ","+name+","):
			t.Errorf("CSV header lacks %s: %s", name, header)
		}
		switch k {
		case "response_time_ns":
			v = v.(float64) / 1e6
		case "fetched_at":
			v = page.FetchedAt.Format(time.RFC3339)
		}
		if !reflect.DeepEqual(g, v) {
			t.Errorf("export %s = %v, stored %v", name, g, v)
		}
	}
}
