package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/seoplan/seoplan/crawldb"
)

// TestSameConditionSameExit gives every command that meets a condition the
// same input, and expects the same exit status from each: 2 where the user
// named a file that cannot serve, 1 where the job itself failed (the table
// in README's "Exit status" section). The commands share the job layer
// (job.go), which maps each condition once.
func TestSameConditionSameExit(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(notDB, []byte("not a database at all\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.db")
	db, err := crawldb.Open(context.Background(), empty)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	running := filepath.Join(dir, "running.db")
	if db, err = crawldb.Open(context.Background(), running); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateSnapshot(context.Background(), "https://example.test/", "", time.Unix(0, 0)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	broken := filepath.Join(dir, "broken.csv")
	if err := os.WriteFile(broken, []byte("keyword,volume\n\"a,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing")
	conditions := []struct {
		name     string
		want     int
		commands [][]string
	}{
		{"database file missing", 2, [][]string{
			{"export", "--db", missing + ".db"}, {"classify", "--db", missing + ".db"}, {"plan", "--db", missing + ".db", "-o", "-"},
			{"diff", "--db", missing + ".db"}}},
		{"file is not a database", 2, [][]string{
			{"export", "--db", notDB}, {"classify", "--db", notDB}, {"plan", "--db", notDB, "-o", "-"},
			{"diff", "--db", notDB}, {"crawl", "http://127.0.0.1:1/", "--db", notDB},
			{"plan", "http://127.0.0.1:1/", "--db", notDB, "-o", "-"}, {"demo", "--out", dir, "--db", notDB}}},
		{"database in a missing directory", 2, [][]string{
			{"crawl", "http://127.0.0.1:1/", "--db", filepath.Join(missing, "x.db")},
			{"plan", "http://127.0.0.1:1/", "--db", filepath.Join(missing, "x.db"), "-o", "-"},
			{"demo", "--out", dir, "--db", filepath.Join(missing, "x.db")}}},
		{"database holds no crawl", 2, [][]string{
			{"export", "--db", empty}, {"classify", "--db", empty}, {"plan", "--db", empty, "-o", "-"},
			{"diff", "--db", empty}}},
		{"latest crawl unfinished", 1, [][]string{
			{"export", "--db", running}, {"classify", "--db", running}, {"plan", "--db", running, "-o", "-"}}},
		{"keyword file missing", 2, [][]string{
			{"classify", "--keywords", missing + ".csv"}, {"plan", "--keywords", missing + ".csv", "-o", "-"}}},
		{"keyword file broken", 2, [][]string{
			{"classify", "--keywords", broken}, {"plan", "--keywords", broken, "-o", "-"}}},
		{"--render not auto, always or never; --chrome not a browser", 2, [][]string{
			{"crawl", "http://127.0.0.1:1/", "--db", filepath.Join(dir, "r.db"), "--render", "sometimes"},
			{"crawl", "http://127.0.0.1:1/", "--db", filepath.Join(dir, "r.db"), "--render", "always", "--chrome", missing},
			{"crawl", "http://127.0.0.1:1/", "--db", filepath.Join(dir, "r.db"), "--chrome", missing}}},
		{"start host does not answer", 1, [][]string{
			{"crawl", "http://127.0.0.1:1/", "--db", filepath.Join(dir, "crawl.db")},
			{"plan", "http://127.0.0.1:1/", "--db", filepath.Join(dir, "plan.db"), "-o", "-"}}},
	}
	for _, c := range conditions {
		t.Run(c.name, func(t *testing.T) {
			for _, args := range c.commands {
				if code, _, stderr := runCLI(context.Background(), args...); code != c.want {
					t.Errorf("%v: exit %d, want %d\n%s", args, code, c.want, stderr)
				}
			}
		})
	}
}
