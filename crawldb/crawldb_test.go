package crawldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/internal/golden"
	"github.com/seoplan/seoplan/internal/pagetest"
)

func open(t testing.TB) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "crawl.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

// TestSchemaGolden keeps the schema users query with sqlite3 (and doc.go
// documents) from changing unnoticed.
func TestSchemaGolden(t *testing.T) {
	db, _ := open(t)
	rows, err := db.sql.Query("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type DESC, name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		b.WriteString(strings.TrimSpace(s) + ";\n\n")
	}
	var v int
	if err := db.sql.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	golden.Check(t, filepath.Join("testdata", "schema.golden"), []byte(got))
	if v != len(migrations) {
		t.Errorf("user_version %d, want %d", v, len(migrations))
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "not.db")
	os.WriteFile(notDB, []byte(strings.Repeat("this is not sqlite\n", 100)), 0o644)
	newer := filepath.Join(dir, "newer.db")
	if s, err := sql.Open("sqlite", newer); err == nil {
		s.Exec("PRAGMA user_version = 99")
		s.Close()
	}
	tests := []struct {
		name       string
		path       string
		unwritable bool
		want       string
	}{
		{"missing directory", filepath.Join(dir, "nope", "x.db"), true, "no such file"},
		{"a directory", dir, true, "not usable"},
		{"empty path", "", true, "empty path"},
		{"not a database", notDB, true, "not a database"},
		{"newer schema", newer, true, "newer than this seoplan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := Open(context.Background(), tt.path)
			if err == nil {
				db.Close()
				t.Fatal("no error")
			}
			if errors.Is(err, ErrUnusable) != tt.unwritable || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v; want unwritable=%v and %q", err, tt.unwritable, tt.want)
			}
		})
	}
	t.Run("reopen keeps data and mode", func(t *testing.T) {
		db, path := open(t)
		if _, err := db.CreateSnapshot(context.Background(), "https://example.com/", "", time.Now()); err != nil {
			t.Fatal(err)
		}
		db.Close()
		db2, err := Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer db2.Close()
		var mode string
		db2.sql.QueryRow("PRAGMA journal_mode").Scan(&mode)
		snaps, err := db2.Snapshots(context.Background())
		if err != nil || len(snaps) != 1 || mode != "wal" {
			t.Errorf("after reopen: %d snapshots, err %v, journal mode %q", len(snaps), err, mode)
		}
	})
}

func TestSnapshots(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	if _, err := db.Latest(ctx); !errors.Is(err, ErrNoCrawl) {
		t.Fatalf("Latest on an empty database: %v, want ErrNoCrawl", err)
	}
	t0 := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	a, err := db.CreateSnapshot(ctx, "https://a.example/", `{"max_pages":5}`, t0)
	if err != nil {
		t.Fatal(err)
	}
	b, err := db.CreateSnapshot(ctx, "https://b.example/", "", t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetState(ctx, a.ID, StateDone, t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	snaps, err := db.Snapshots(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []Snapshot{
		{ID: a.ID, StartURL: "https://a.example/", Started: t0, Ended: t0.Add(time.Minute), State: StateDone, Settings: `{"max_pages":5}`},
		{ID: b.ID, StartURL: "https://b.example/", Started: t0.Add(time.Hour), State: StateRunning, Settings: "{}"},
	}
	if !reflect.DeepEqual(snaps, want) {
		t.Errorf("Snapshots =\n%+v\nwant\n%+v", snaps, want)
	}
	latest, err := db.Latest(ctx)
	if err != nil || latest.ID != b.ID || !latest.Resumable() || snaps[0].Resumable() {
		t.Errorf("Latest = %+v, %v", latest, err)
	}
}

func samplePage(url string, status int) seoplan.Page {
	return seoplan.Page{
		Fetch: seoplan.Fetch{
			URL:           url,
			RequestedURL:  url + "-old",
			RedirectChain: []string{url + "-old"},
			Status:        status,
			ContentType:   "text/html; charset=utf-8",
			Size:          1234,
			ResponseTime:  15 * time.Millisecond,
			FetchedAt:     time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC),
			Depth:         2,
			InSitemap:     true,
			XRobotsTag:    "noarchive",
		},
		Content: seoplan.Content{
			Title:           "Title <b>",
			MetaDescription: "desc",
			MetaRobots:      "noindex, follow",
			Noindex:         true,
			Canonical:       url,
			Lang:            "en",
			H1:              []string{"Heading"},
			Headings:        []seoplan.Heading{{Level: 2, Text: "Sub"}},
			MainText:        "main text",
			WordCount:       2,
			Links: []seoplan.Link{
				{URL: "https://example.com/z", Text: "zed", Internal: true},
				{URL: "https://other.example/", Text: "other", Rel: "nofollow sponsored"},
			},
			SchemaTypes: []string{"HowTo"},
			OGType:      "article",
			OGSiteName:  "Example",
			Breadcrumbs: []string{"Home", "Guides"},
		},
	}
}

func TestBatchAndPages(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	snap, err := db.CreateSnapshot(ctx, "https://example.com/", "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	b, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	idB, _ := b.Enqueue(snap.ID, "https://example.com/b", 1)
	idA, _ := b.Enqueue(snap.ID, "https://example.com/a", 1)
	if again, err := b.Enqueue(snap.ID, "https://example.com/a", 3); err != nil || again != 0 {
		t.Errorf("second Enqueue of the same URL = %d, %v; want 0", again, err)
	}
	if err := b.AddSitemapURL(snap.ID, "https://example.com/a"); err != nil {
		t.Fatal(err)
	}
	pb, pa := samplePage("https://example.com/b", 200), samplePage("https://example.com/a", 404)
	pa.Links = nil
	for i := range 2*linkChunk + 3 { // two multi-row inserts and three single ones
		pb.Links = append(pb.Links, seoplan.Link{URL: "https://example.com/l/" + string(rune('a'+i)), Text: "t", Internal: i%2 == 0})
	}
	if err := b.StorePage(snap.ID, idB, &pb); err != nil {
		t.Fatal(err)
	}
	if err := b.StorePage(snap.ID, idA, &pa); err != nil {
		t.Fatal(err)
	}
	if err := b.StorePage(snap.ID, 0, &pa); err == nil {
		t.Error("storing a URL twice in a snapshot succeeded")
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}

	var got []seoplan.Page
	if err := db.Pages(ctx, snap.ID, func(p seoplan.Page) error { got = append(got, p); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !reflect.DeepEqual(got[0], pa) || !reflect.DeepEqual(got[1], pb) {
		t.Errorf("Pages round trip, ordered by URL:\n got %+v\nwant %+v\n     %+v", got, pa, pb)
	}
	if loaded, err := db.LoadPages(ctx, snap.ID); err != nil || !reflect.DeepEqual(loaded, got) {
		t.Errorf("LoadPages = %+v, %v; want what Pages streamed", loaded, err)
	}
	var sums []string
	err = db.PageSummaries(ctx, snap.ID, func(p seoplan.Page, in, out int) error {
		sums = append(sums, fmt.Sprintf("%s %d %q %d/%d %v", p.URL, p.Status, p.Title, in, out, p.H1))
		if p.MainText != "" || p.Links != nil {
			t.Errorf("PageSummaries filled main text or links of %s", p.URL)
		}
		return nil
	})
	wantSums := []string{
		`https://example.com/a 404 "Title <b>" 0/0 [Heading]`,
		`https://example.com/b 200 "Title <b>" 19/18 [Heading]`,
	}
	if err != nil || !reflect.DeepEqual(sums, wantSums) {
		t.Errorf("PageSummaries = %q, %v; want %q", sums, err, wantSums)
	}
	if n, _ := db.CountPending(ctx, snap.ID); n != 0 {
		t.Errorf("%d pending after both pages stored", n)
	}
	classes, errs, err := db.StatusClasses(ctx, snap.ID)
	if err != nil || classes != [6]int{0, 0, 1, 0, 1, 0} || errs != 0 {
		t.Errorf("StatusClasses = %v, %d, %v", classes, errs, err)
	}
	var sm []string
	db.SitemapURLs(ctx, snap.ID, func(u string) { sm = append(sm, u) })
	if len(sm) != 1 || sm[0] != "https://example.com/a" {
		t.Errorf("SitemapURLs = %v", sm)
	}
	if s, _ := db.Latest(ctx); s.Pages != 2 {
		t.Errorf("snapshot counts %d pages, want 2", s.Pages)
	}
}

func TestRollbackKeepsNothing(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	snap, _ := db.CreateSnapshot(ctx, "https://example.com/", "", time.Now())
	b, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := b.Enqueue(snap.ID, "https://example.com/", 0)
	p := samplePage("https://example.com/", 200)
	if err := b.StorePage(snap.ID, id, &p); err != nil {
		t.Fatal(err)
	}
	b.Rollback()
	n := 0
	db.Frontier(ctx, snap.ID, func(FrontierItem) error { n++; return nil })
	db.Pages(ctx, snap.ID, func(seoplan.Page) error { n++; return nil })
	if n != 0 {
		t.Errorf("%d rows left after rollback", n)
	}
}

func TestPending(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	snap, _ := db.CreateSnapshot(ctx, "https://example.com/", "", time.Now())
	b, _ := db.Begin(ctx)
	var ids []int64
	for _, u := range []string{"/1", "/2", "/3", "/4", "/5"} {
		id, _ := b.Enqueue(snap.ID, "https://example.com"+u, 1)
		ids = append(ids, id)
	}
	b.Claim(snap.ID, "https://example.com/claimed", 1)
	b.Done(ids[1])
	b.Commit()
	items, err := db.Pending(ctx, snap.ID, ids[0], 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || items[0].URL != "https://example.com/3" || items[1].URL != "https://example.com/4" {
		t.Errorf("Pending after /1, limit 2 = %+v; want /3 and /4", items)
	}
	if n, _ := db.CountPending(ctx, snap.ID); n != 4 {
		t.Errorf("CountPending = %d, want 4", n)
	}
}

// TestEveryFieldSurvives stores a Page with every field set (by reflection,
// so a field added to seoplan.Page is covered without an edit) and reads it
// back through each reader: nothing a crawl extracts may be dropped on the
// way to the file.
func TestEveryFieldSurvives(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	snap, _ := db.CreateSnapshot(ctx, "https://example.com/", "", time.Now())
	want := pagetest.Filled("https://example.com/full")
	b, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.StorePage(snap.ID, 0, &want); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	got, err := db.LoadPages(ctx, snap.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !reflect.DeepEqual(got[0], want) {
		t.Fatalf("LoadPages after StorePage:\n got %+v\nwant %+v", got, want)
	}
	// PageSummaries leaves out exactly the main text and the links.
	sum := want
	sum.MainText, sum.Links = "", nil
	err = db.PageSummaries(ctx, snap.ID, func(p seoplan.Page, in, out int) error {
		if !reflect.DeepEqual(p, sum) || in != 2 || out != 0 {
			t.Errorf("PageSummaries:\n got %+v (%d/%d links)\nwant %+v (2/0)", p, in, out, sum)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Columns are not stored twice: the document holds only what has no
	// column of its own.
	var data string
	if err := db.sql.QueryRow("SELECT data FROM pages").Scan(&data); err != nil {
		t.Fatal(err)
	}
	for _, col := range []string{`"title"`, `"main_text"`, `"links"`, `"word_count"`, `"url"`, `"status"`} {
		if strings.Contains(data, col) {
			t.Errorf("pages.data holds %s, which has a column: %s", col, data)
		}
	}
}

// TestOldFile opens a database written by seoplan before its Page was split
// into Fetch and Content (testdata/v1.db, schema version 1: a finished crawl
// and a crawl killed after its first page), reads the pages back as they
// were stored, and resumes the killed crawl.
func TestOldFile(t *testing.T) {
	ctx := context.Background()
	raw, err := os.ReadFile(filepath.Join("testdata", "v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	t0 := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	home := samplePage("https://example.com/", 200)
	want := []seoplan.Page{
		home,
		{Fetch: seoplan.Fetch{URL: "https://example.com/a.pdf", Status: 200, ContentType: "application/pdf", Size: 99, FetchedAt: t0, Depth: 1}},
		{Fetch: seoplan.Fetch{URL: "https://example.com/gone", Status: 404, ContentType: "text/html", FetchedAt: t0, Depth: 1}},
	}
	got, err := db.LoadPages(ctx, 1)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("old file's finished crawl:\n got %+v, %v\nwant %+v", got, err, want)
	}

	snap, err := db.Latest(ctx)
	if err != nil || snap.ID != 2 || !snap.Resumable() || snap.Pages != 1 {
		t.Fatalf("old file's killed crawl: %+v, %v; want snapshot 2, resumable, 1 page", snap, err)
	}
	pending, err := db.Pending(ctx, snap.ID, 0, 10)
	if err != nil || len(pending) != 2 || pending[0].URL != "https://example.com/pricing" {
		t.Fatalf("pending of the killed crawl = %+v, %v", pending, err)
	}
	var sm []string
	db.SitemapURLs(ctx, snap.ID, func(u string) { sm = append(sm, u) })
	if !reflect.DeepEqual(sm, []string{"https://example.com/pricing"}) {
		t.Errorf("sitemap urls of the killed crawl = %q", sm)
	}
	// Resume: store the pending pages as the crawler would.
	b, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range pending {
		p := samplePage(it.URL, 200)
		if err := b.StorePage(snap.ID, it.ID, &p); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := db.SetState(ctx, snap.ID, StateDone, t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	got, err = db.LoadPages(ctx, snap.ID)
	if err != nil || len(got) != 3 || !reflect.DeepEqual(got[0], home) {
		t.Errorf("resumed crawl holds %d pages, %v; want 3, the old one unchanged", len(got), err)
	}
	if n, _ := db.CountPending(ctx, snap.ID); n != 0 {
		t.Errorf("%d pending after resuming", n)
	}
}
