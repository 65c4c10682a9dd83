package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/crawldb"
)

const diffSite = "https://relaydesk.example/"

func diffPage(path, title, text string) seoplan.Page {
	return seoplan.Page{
		Fetch: seoplan.Fetch{
			URL:         diffSite + path,
			Status:      200,
			ContentType: "text/html; charset=utf-8",
			FetchedAt:   time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC),
		},
		Content: seoplan.Content{
			Title:     title,
			H1:        []string{title},
			MainText:  text,
			WordCount: len(strings.Fields(text)),
			Lang:      "en",
		},
	}
}

// diffDB writes a crawl database with the given crawls of relaydesk, each
// finished unless its state says otherwise.
func diffDB(t *testing.T, crawls ...struct {
	state string
	pages []seoplan.Page
}) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "site.db")
	db, err := crawldb.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i, c := range crawls {
		started := time.Date(2026, time.Month(9+i), 1, 9, 0, 0, 0, time.UTC)
		snap, err := db.CreateSnapshot(ctx, diffSite, "{}", started)
		if err != nil {
			t.Fatal(err)
		}
		b, err := db.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range c.pages {
			id, err := b.Claim(snap.ID, p.URL, 0)
			if err != nil {
				t.Fatal(err)
			}
			if err := b.StorePage(snap.ID, id, &p); err != nil {
				t.Fatal(err)
			}
		}
		if err := b.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := db.SetState(ctx, snap.ID, c.state, started.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

type diffCrawl = struct {
	state string
	pages []seoplan.Page
}

func diffCrawls() (before, after []seoplan.Page) {
	common := []seoplan.Page{
		diffPage("", "RelayDesk: live chat and help desk software", "RelayDesk is live chat and help desk software for support teams. Start a free trial or book a demo."),
		diffPage("pricing", "Pricing", "RelayDesk pricing plans: Starter, Team and Business. Compare plans and start a free trial."),
		diffPage("features/live-chat", "Live chat software", "Live chat widget for your website. Live chat software features: routing, canned responses, chat scripts."),
	}
	before = append(append([]seoplan.Page{}, common...),
		diffPage("blog/old-news", "RelayDesk raises a seed round", "We raised a seed round to build better live chat software."))
	after = append(append([]seoplan.Page{}, common...),
		diffPage("blog/chat-scripts", "<script>alert(1)</script> Live chat scripts that convert", "How to write live chat scripts: greetings, handoffs and closings that turn chats into customers."))
	after[1].Title = "Pricing | RelayDesk"
	return before, after
}

func runDiffCmd(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
	cmd := newDiffCmd(e)
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errb)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.ExecuteContext(context.Background())
	return out.String(), errb.String(), err
}

func TestDiff(t *testing.T) {
	before, after := diffCrawls()
	db := diffDB(t, diffCrawl{crawldb.StateDone, before}, diffCrawl{crawldb.StateDone, after}, diffCrawl{crawldb.StateInterrupted, after[:1]})

	out, _, err := runDiffCmd(t, "--db", db, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var pr seoplan.Change
	if err := json.Unmarshal([]byte(out), &pr); err != nil {
		t.Fatalf("diff --format json: %v\n%s", err, out)
	}
	if pr.From.ID != 1 || pr.To.ID != 2 {
		t.Errorf("compared %d→%d, want the two finished crawls 1→2 (the interrupted one is skipped)", pr.From.ID, pr.To.ID)
	}
	if len(pr.Added) != 1 || pr.Added[0].URL != diffSite+"blog/chat-scripts" {
		t.Errorf("added = %+v", pr.Added)
	}
	if len(pr.Removed) != 1 || pr.Removed[0].URL != diffSite+"blog/old-news" {
		t.Errorf("removed = %+v", pr.Removed)
	}
	if len(pr.Changed) != 1 || pr.Changed[0].TitleAfter != "Pricing | RelayDesk" {
		t.Errorf("changed = %+v", pr.Changed)
	}
	if pr.MixBefore.Product+pr.MixBefore.Problem+pr.MixBefore.Other != 4 || pr.MixAfter.Product+pr.MixAfter.Problem+pr.MixAfter.Other != 4 {
		t.Errorf("intent mix counts %+v → %+v, want 4 pages each", pr.MixBefore, pr.MixAfter)
	}

	md, _, err := runDiffCmd(t, "--db", db, "--from", "1", "--to", "3")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Progress since the last crawl", "Crawl 1 of 2026-09-01T09:00:00Z (4 pages) compared with crawl 3", "### Pages removed"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	md, _, err = runDiffCmd(t, "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md, `\<script\>alert\(1\)\</script\> Live chat scripts`) {
		t.Errorf("the injected title is not escaped:\n%s", md)
	}
}

func TestDiffErrors(t *testing.T) {
	before, _ := diffCrawls()
	one := diffDB(t, diffCrawl{crawldb.StateDone, before})
	tests := []struct {
		name  string
		args  []string
		usage bool
		want  string
	}{
		{"bad format", []string{"--db", one, "--format", "xml"}, true, "--format"},
		{"no database", []string{"--db", filepath.Join(t.TempDir(), "none.db")}, true, "no crawl database"},
		{"only one crawl", []string{"--db", one}, false, "no finished crawl before snapshot 1"},
		{"unknown snapshot", []string{"--db", one, "--to", "9"}, true, "--to 9"},
		{"same snapshot", []string{"--db", one, "--from", "1", "--to", "1"}, true, "same snapshot"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := runDiffCmd(t, tc.args...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
			var ue usageError
			if errors.As(err, &ue) != tc.usage {
				t.Errorf("usage error = %v, want %v", !tc.usage, tc.usage)
			}
		})
	}
}

func TestEarlierProgress(t *testing.T) {
	before, after := diffCrawls()
	ctx := context.Background()
	path := diffDB(t, diffCrawl{crawldb.StateDone, before}, diffCrawl{crawldb.StateDone, after})
	db, err := crawldb.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	snaps, err := db.Snapshots(ctx)
	if err != nil {
		t.Fatal(err)
	}
	l, err := newLabeler(nil)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := earlierProgress(ctx, l, db, snaps[0], nil, nil)
	if err != nil || pr != nil {
		t.Errorf("first crawl: progress %v, err %v; want none", pr, err)
	}
	pr, err = earlierProgress(ctx, l, db, snaps[1], nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if pr == nil || pr.From.ID != 1 || pr.To.ID != 2 || len(pr.Added) != 1 {
		t.Errorf("second crawl: progress %+v", pr)
	}
}

func TestEarlierProgressSkipsUnfinished(t *testing.T) {
	before, after := diffCrawls()
	ctx := context.Background()
	path := diffDB(t, diffCrawl{crawldb.StateDone, before}, diffCrawl{crawldb.StateFailed, after}, diffCrawl{crawldb.StateDone, after})
	db, err := openDB(ctx, path, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	l, err := newLabeler(nil)
	if err != nil {
		t.Fatal(err)
	}
	cur := crawldb.Snapshot{ID: 3, StartURL: diffSite}
	pr, err := earlierProgress(ctx, l, db, cur, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if pr == nil || pr.From.ID != 1 || pr.To.ID != 3 {
		t.Fatalf("progress = %+v, want crawl 1 (the failed crawl 2 skipped) to 3", pr)
	}
}
