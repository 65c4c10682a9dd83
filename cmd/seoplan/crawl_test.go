package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// testSiteHandler serves a ten-page site: a home page linking to nine
// others, and a robots.txt that disallows /private/. onPage runs on every
// page request, so a test can stop the crawl midway.
func testSiteHandler(onPage func(n int64)) http.Handler {
	var pages atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
			return
		}
		if onPage != nil {
			onPage(pages.Add(1))
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><title>Page %s</title><h1>%s</h1>", r.URL.Path, r.URL.Path)
		if r.URL.Path == "/" {
			for i := range 9 {
				fmt.Fprintf(w, `<a href="/p%d">page %d</a>`, i, i)
			}
			fmt.Fprint(w, `<a href="/private/x">private</a>`)
		}
	})
}

func runCLI(ctx context.Context, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(ctx, args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestCrawlThenExport(t *testing.T) {
	srv := httptest.NewServer(testSiteHandler(nil))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "site.db")
	code, stdout, stderr := runCLI(context.Background(), "crawl", srv.URL+"/", "--db", db, "--concurrency", "2")
	if code != 0 {
		t.Fatalf("crawl exit %d, stderr:\n%s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("crawl wrote %q to stdout; data only belongs there", stdout)
	}
	for _, want := range []string{"10 pages in snapshot 1", "2xx 10", "database: " + db} {
		if !strings.Contains(stderr, want) {
			t.Errorf("summary lacks %q:\n%s", want, stderr)
		}
	}

	code, stdout, stderr = runCLI(context.Background(), "export", "--db", db)
	if code != 0 {
		t.Fatalf("export exit %d: %s", code, stderr)
	}
	var urls []string
	sc := bufio.NewScanner(strings.NewReader(stdout))
	for sc.Scan() {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		for _, k := range []string{"url", "status", "content_type", "title", "depth", "in_sitemap"} {
			if _, ok := rec[k]; !ok {
				t.Errorf("record %v lacks %q", rec, k)
			}
		}
		urls = append(urls, rec["url"].(string))
		if rec["url"] == srv.URL+"/" && rec["internal_links"] != float64(10) {
			t.Errorf("home page internal_links = %v, want 10", rec["internal_links"])
		}
	}
	if len(urls) != 10 {
		t.Fatalf("exported %d pages, want 10: %v", len(urls), urls)
	}
	for i := 1; i < len(urls); i++ {
		if urls[i-1] >= urls[i] {
			t.Errorf("export not ordered by url: %q before %q", urls[i-1], urls[i])
		}
	}

	code, stdout, _ = runCLI(context.Background(), "export", "--db", db, "--format", "csv")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if code != 0 || len(lines) != 11 || !strings.HasPrefix(lines[0], "url,requested_url,") {
		t.Fatalf("csv export: exit %d, %d lines, header %q", code, len(lines), lines[0])
	}
}

func TestCrawlInterruptAndResume(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := httptest.NewServer(testSiteHandler(func(n int64) {
		if n == 4 {
			cancel() // Ctrl-C while the fourth page is being served
		}
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "site.db")
	code, _, stderr := runCLI(ctx, "crawl", srv.URL+"/", "--db", db, "--concurrency", "1", "--include", "/p")
	if code != 1 {
		t.Fatalf("interrupted crawl exit %d, want 1; stderr:\n%s", code, stderr)
	}
	want := "seoplan crawl " + srv.URL + "/ --concurrency 1 --db " + db + " --include /p"
	if !strings.Contains(stderr, want) {
		t.Fatalf("stderr lacks the resume command %q:\n%s", want, stderr)
	}
	code, _, stderr = runCLI(context.Background(), "crawl", srv.URL+"/", "--db", db, "--concurrency", "1", "--include", "/p")
	if code != 0 || !strings.Contains(stderr, "resumed") || !strings.Contains(stderr, "10 pages in snapshot 1") {
		t.Fatalf("resume exit %d:\n%s", code, stderr)
	}
}

// TestCrawlRefusesLiveDatabase starts a second crawl on a database while
// the first is still fetching: the second must refuse at once, saying who
// holds the database, and the first must finish as if alone.
func TestCrawlRefusesLiveDatabase(t *testing.T) {
	inside, release := make(chan struct{}), make(chan struct{})
	var robots atomic.Int64
	site := testSiteHandler(func(n int64) {
		if n == 2 {
			close(inside)
			<-release // the first crawl stays live until the second is done
		}
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robots.Add(1)
		}
		site.ServeHTTP(w, r)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "site.db")
	type result struct {
		code   int
		stderr string
	}
	first := make(chan result)
	go func() {
		code, _, stderr := runCLI(context.Background(), "crawl", srv.URL+"/", "--db", db, "--concurrency", "1")
		first <- result{code, stderr}
	}()
	<-inside
	code, _, stderr := runCLI(context.Background(), "crawl", srv.URL+"/", "--db", db)
	close(release)
	want := fmt.Sprintf("in use by another crawl (pid %d on host ", os.Getpid())
	if code != 1 || !strings.Contains(stderr, want) || strings.Contains(stderr, "pages in snapshot") {
		t.Errorf("second crawl: exit %d, want 1 with %q and no summary:\n%s", code, want, stderr)
	}
	if n := robots.Load(); n != 1 {
		t.Errorf("robots.txt fetched %d times: the second crawl made requests", n)
	}
	r := <-first
	if r.code != 0 || !strings.Contains(r.stderr, "crawled "+srv.URL+"/: 10 pages in snapshot 1") {
		t.Errorf("first crawl: exit %d:\n%s", r.code, r.stderr)
	}
}

func TestCrawlBadInput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ok.db")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"malformed url", []string{"crawl", "http://", "--db", db}, 2, "invalid start url"},
		{"ftp scheme", []string{"crawl", "ftp://example.com/", "--db", db}, 2, "invalid start url"},
		{"no url", []string{"crawl", "--db", db}, 2, "accepts 1 arg"},
		{"bad include", []string{"crawl", "http://127.0.0.1:1/", "--db", db, "--include", "("}, 2, "--include"},
		{"bad exclude", []string{"crawl", "http://127.0.0.1:1/", "--db", db, "--exclude", "[a"}, 2, "--exclude"},
		{"unwritable db", []string{"crawl", "http://127.0.0.1:1/", "--db", filepath.Join(dir, "missing", "x.db")}, 2, "--db"},
		{"db is a directory", []string{"crawl", "http://127.0.0.1:1/", "--db", dir}, 2, "--db"},
		{"zero concurrency", []string{"crawl", "http://127.0.0.1:1/", "--db", db, "--concurrency", "0"}, 2, "concurrency"},
		{"unreachable host", []string{"crawl", "http://127.0.0.1:1/", "--db", db}, 1, "unreachable"},
		{"export bad format", []string{"export", "--db", db, "--format", "xml"}, 2, "--format"},
		{"export missing db", []string{"export", "--db", filepath.Join(dir, "none.db")}, 2, "no crawl database"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(context.Background(), tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, want %d; stderr lacks %q?\n%s", code, tt.code, tt.want, stderr)
			}
		})
	}
}

func TestShellQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.com/a?b=c", "'https://example.com/a?b=c'"},
		{"site.db", "site.db"},
		{"my site.db", "'my site.db'"},
		{"it's", `'it'\''s'`},
		{"", "''"},
	}
	for _, tt := range tests {
		if got := shellQuote(tt.in); got != tt.want {
			t.Errorf("shellQuote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestCrawlVerbose: --verbose shows the crawler's debug events (here, the
// links it does not queue) on stderr, each line prefixed; without it there
// are none.
func TestCrawlVerbose(t *testing.T) {
	srv := httptest.NewServer(testSiteHandler(nil))
	defer srv.Close()
	for _, verbose := range []bool{false, true} {
		args := []string{"crawl", srv.URL + "/", "--db", filepath.Join(t.TempDir(), "site.db"), "--exclude", "/pricing"}
		if verbose {
			args = append(args, "--verbose")
		}
		code, _, stderr := runCLI(context.Background(), args...)
		if code != 0 {
			t.Fatalf("crawl %v: exit %d\n%s", args, code, stderr)
		}
		logged := strings.Contains(stderr, "seoplan: msg=\"not queued\"")
		if logged != verbose {
			t.Errorf("--verbose=%v: debug events logged = %v\n%s", verbose, logged, stderr)
		}
	}
}
