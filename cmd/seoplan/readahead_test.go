package main

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/crawldb"
)

// TestReadAhead: readAhead hands fn the pages LabeledPages reads, in its
// order, and an error of fn stops the reading and is returned.
func TestReadAhead(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls a sample site")
	}
	path := filepath.Join(t.TempDir(), "shop.db")
	crawlShop(t, path)
	ctx := context.Background()
	db, snap := openLatest(t, path)
	var want, got []string
	if err := db.LabeledPages(ctx, snap.ID, "v", func(p seoplan.Page, _ *crawldb.PageLabel) error {
		want = append(want, p.URL)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := readAhead(ctx, db, snap.ID, "v", func(p seoplan.Page, _ *crawldb.PageLabel) error {
		got = append(got, p.URL)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(want) < 3 || !slices.Equal(got, want) {
		t.Fatalf("readAhead read %d pages, LabeledPages %d:\n%v\n%v", len(got), len(want), got, want)
	}

	stop := errors.New("stop")
	n := 0
	err := readAhead(ctx, db, snap.ID, "v", func(seoplan.Page, *crawldb.PageLabel) error {
		if n++; n == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 2 {
		t.Errorf("fn failing at page 2: err %v after %d pages", err, n)
	}
}
