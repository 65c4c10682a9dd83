package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkSnapshot labels a crawl of the shop sample end to end, from the
// crawl database to labelled, slimmed pages: every page (a new classifier
// version each time), and again with every label stored. Compare its
// pages/s with classify's BenchmarkPages, which labels pages held in
// memory.
func BenchmarkSnapshot(b *testing.B) {
	path := filepath.Join(b.TempDir(), "shop.db")
	crawlShop(b, path)
	ctx := context.Background()
	db, snap := openLatest(b, path)
	l, err := newLabeler(nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, stored := range []bool{false, true} {
		b.Run(fmt.Sprintf("stored=%v", stored), func(b *testing.B) {
			n := 0
			for b.Loop() {
				if !stored {
					n++
					l.version = fmt.Sprintf("bench-%d", n)
				}
				if _, _, err := l.snapshot(ctx, db, snap); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(snap.Pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
