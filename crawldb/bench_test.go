package crawldb

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/seoplan/seoplan"
)

// BenchmarkStorePage measures the crawler's write path: one page with 60
// links and 30 newly queued URLs, in batches of 128 pages, as a crawl of a
// typical marketing site writes them.
func BenchmarkStorePage(b *testing.B) {
	ctx := context.Background()
	db, _ := open(b)
	snap, err := db.CreateSnapshot(ctx, "https://example.com/", "", time.Now())
	if err != nil {
		b.Fatal(err)
	}
	page := samplePage("", 200)
	page.MainText = string(make([]byte, 8000))
	page.Links = nil
	for i := range 60 {
		page.Links = append(page.Links, seoplan.Link{URL: fmt.Sprintf("https://example.com/l/%d", i), Text: "anchor text", Internal: true})
	}
	batch, err := db.Begin(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		id, err := batch.Enqueue(snap.ID, fmt.Sprintf("https://example.com/p/%d", i), 1)
		if err != nil {
			b.Fatal(err)
		}
		for j := range 30 {
			if _, err := batch.Enqueue(snap.ID, fmt.Sprintf("https://example.com/q/%d/%d", i, j), 2); err != nil {
				b.Fatal(err)
			}
		}
		page.URL = fmt.Sprintf("https://example.com/p/%d", i)
		if err := batch.StorePage(snap.ID, id, &page); err != nil {
			b.Fatal(err)
		}
		if batch.Len() == 128 {
			if err := batch.Commit(); err != nil {
				b.Fatal(err)
			}
			if batch, err = db.Begin(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := batch.Commit(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkPages measures reading a stored crawl back: 1,000 pages of 8 KB
// main text and 60 links each.
func BenchmarkPages(b *testing.B) {
	ctx := context.Background()
	db, _ := open(b)
	snap, _ := db.CreateSnapshot(ctx, "https://example.com/", "", time.Now())
	batch, _ := db.Begin(ctx)
	page := samplePage("", 200)
	page.MainText = string(make([]byte, 8000))
	page.Links = nil
	for i := range 60 {
		page.Links = append(page.Links, seoplan.Link{URL: fmt.Sprintf("https://example.com/l/%d", i), Text: "anchor text", Internal: true})
	}
	for i := range 1000 {
		page.URL = fmt.Sprintf("https://example.com/p/%04d", i)
		if err := batch.StorePage(snap.ID, 0, &page); err != nil {
			b.Fatal(err)
		}
	}
	batch.Commit()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		n := 0
		if err := db.Pages(ctx, snap.ID, func(seoplan.Page) error { n++; return nil }); err != nil || n != 1000 {
			b.Fatal(err, n)
		}
	}
	b.ReportMetric(float64(b.N*1000)/b.Elapsed().Seconds(), "pages/s")
}
