package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seoplan/seoplan/crawldb"
)

// TestPartialCrawl: plan, classify and export refuse a crawl that did not
// finish, saying how to finish it (exit 1), and with --partial use what it
// has, the roadmap saying so.
func TestPartialCrawl(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls a sample site")
	}
	db := filepath.Join(t.TempDir(), "shop.db")
	crawlShop(t, db)
	ctx := context.Background()
	snap := latestSnapshot(t, db)
	cdb, err := crawldb.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	err = cdb.SetState(ctx, snap.ID, crawldb.StateInterrupted, time.Time{})
	cdb.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"plan", "--db", db, "-o", "-"},
		{"classify", "--db", db},
		{"export", "--db", db},
	} {
		code, _, stderr := runCLI(ctx, args...)
		if code != 1 || !strings.Contains(stderr, "was interrupted") || !strings.Contains(stderr, "seoplan crawl "+snap.StartURL) || !strings.Contains(stderr, "--partial") {
			t.Errorf("%v: exit %d, %s", args, code, stderr)
		}
		code, stdout, stderr := runCLI(ctx, append(args, "--partial")...)
		if code != 0 {
			t.Errorf("%v --partial: exit %d, %s", args, code, stderr)
		}
		if args[0] == "plan" && !strings.Contains(stdout, "**Partial crawl.** This plan covers a partial crawl") {
			t.Errorf("the roadmap of a partial crawl does not say so:\n%.600s", stdout)
		}
	}
}
