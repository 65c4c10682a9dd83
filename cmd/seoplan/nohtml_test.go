package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlanNothingToPlan: a crawl with no HTML page that answered 200 is
// no plan with zero clusters and exit 0, but exit 1 and the reason the
// crawl shows; with a keyword file the keywords are planned alone.
func TestPlanNothingToPlan(t *testing.T) {
	for _, tc := range []struct {
		name    string
		handler http.HandlerFunc
		crawl   int // the crawl's own exit: 1 when robots.txt disallows the start URL
		why     string
	}{
		{"the start URL answers 404", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }, 0, "answered 404"},
		{"the start URL is a PDF", func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/robots.txt" {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.4\n"))
		}, 0, "application/pdf, not an HTML page"},
		{"robots.txt disallows everything", func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/robots.txt" {
				w.Write([]byte("User-agent: *\nDisallow: /\n"))
				return
			}
			w.Write([]byte("<html><title>x</title></html>"))
		}, 1, "stored no page: robots.txt may disallow it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.handler)
			defer srv.Close()
			dir := t.TempDir()
			db := filepath.Join(dir, "site.db")
			if code, _, stderr := runCLI(context.Background(), "crawl", srv.URL+"/", "--db", db); code != tc.crawl {
				t.Fatalf("crawl: exit %d\n%s", code, stderr)
			}
			code, _, stderr := runCLI(context.Background(), "plan", "--db", db, "-o", filepath.Join(dir, "roadmap.md"))
			if code != 1 || !strings.Contains(stderr, "nothing to plan") || !strings.Contains(stderr, tc.why) {
				t.Errorf("plan: exit %d, stderr %q; want 1 and %q", code, stderr, tc.why)
			}
			if _, err := os.Stat(filepath.Join(dir, "roadmap.md")); err == nil {
				t.Error("plan wrote a roadmap of nothing")
			}
			kw := filepath.Join(dir, "keywords.txt")
			if err := os.WriteFile(kw, []byte("how to write a refund policy\nrefund policy template\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, stderr = runCLI(context.Background(), "plan", "--db", db, "--keywords", kw, "-o", filepath.Join(dir, "roadmap.md"))
			if code != 0 || !strings.Contains(stderr, "planning the keywords alone") {
				t.Errorf("plan with keywords: exit %d, stderr %q", code, stderr)
			}
		})
	}
}
