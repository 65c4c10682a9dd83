package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/seoplan/seoplan/crawldb"
)

// TestSameConditionSameExit gives every command that reads a crawl
// database or a keyword file the same bad input, and expects the same exit
// status from each: 2, the user named a file that cannot serve (the table
// in README's "Exit status" section).
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
	broken := filepath.Join(dir, "broken.csv")
	if err := os.WriteFile(broken, []byte("keyword,volume\n\"a,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing")
	conditions := []struct {
		name     string
		commands [][]string
	}{
		{"database file missing", [][]string{
			{"export", "--db", missing + ".db"}, {"classify", "--db", missing + ".db"}, {"plan", "--db", missing + ".db", "-o", "-"}}},
		{"file is not a database", [][]string{
			{"export", "--db", notDB}, {"classify", "--db", notDB}, {"plan", "--db", notDB, "-o", "-"},
			{"crawl", "http://127.0.0.1:1/", "--db", notDB}}},
		{"database holds no crawl", [][]string{
			{"export", "--db", empty}, {"classify", "--db", empty}, {"plan", "--db", empty, "-o", "-"}}},
		{"keyword file missing", [][]string{
			{"classify", "--keywords", missing + ".csv"}, {"plan", "--keywords", missing + ".csv", "-o", "-"}}},
		{"keyword file broken", [][]string{
			{"classify", "--keywords", broken}, {"plan", "--keywords", broken, "-o", "-"}}},
	}
	for _, c := range conditions {
		t.Run(c.name, func(t *testing.T) {
			for _, args := range c.commands {
				if code, _, stderr := runCLI(context.Background(), args...); code != 2 {
					t.Errorf("%v: exit %d, want 2\n%s", args, code, stderr)
				}
			}
		})
	}
}
