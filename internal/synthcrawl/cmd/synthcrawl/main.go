// Command synthcrawl writes a synthetic crawl database for measuring
// `seoplan plan` at sizes no bench crawl reaches:
//
//	go run ./internal/synthcrawl/cmd/synthcrawl -pages 1000000 -db site1m.db
//	seoplan plan --db site1m.db -o roadmap.md --json plan.json
//
// The file must not exist yet. The same -pages and -seed give the same
// pages (see package synthcrawl for what the site holds).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/seoplan/seoplan/crawldb"
	"github.com/seoplan/seoplan/internal/synthcrawl"
)

func main() {
	pages := flag.Int("pages", 10000, "pages to generate")
	seed := flag.Uint64("seed", 1, "seed of the site's wording and links")
	path := flag.String("db", "", "crawl database `file` to create")
	base := flag.String("base", "", "the site's origin (default https://loomstack.example)")
	flag.Parse()
	if err := run(*path, synthcrawl.Options{Pages: *pages, Seed: *seed, Base: *base}); err != nil {
		fmt.Fprintln(os.Stderr, "synthcrawl:", err)
		os.Exit(1)
	}
}

func run(path string, o synthcrawl.Options) error {
	if path == "" {
		return fmt.Errorf("give -db FILE")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s exists: give a new file", path)
	}
	ctx := context.Background()
	db, err := crawldb.Open(ctx, path)
	if err != nil {
		return err
	}
	start := time.Now()
	o.Progress = func(done int) {
		if done%50000 == 0 || done == o.Pages {
			fmt.Fprintf(os.Stderr, "synthcrawl: %d pages, %s\n", done, time.Since(start).Round(time.Second))
		}
	}
	snap, err := synthcrawl.Generate(ctx, db, o)
	if err != nil {
		db.Close()
		return err
	}
	fmt.Fprintf(os.Stderr, "synthcrawl: wrote %d pages of %s to %s in %s\n", snap.Pages, snap.StartURL, path, time.Since(start).Round(time.Second))
	return db.Close()
}
