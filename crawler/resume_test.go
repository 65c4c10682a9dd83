package crawler

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/crawldb"
	"github.com/seoplan/seoplan/internal/sitesrv"
)

// The resume test re-executes this test binary as a crawler process (the
// TestMain + environment variable pattern of os/exec's own tests), kills it
// with SIGKILL and resumes its crawl in-process.
const (
	envChild = "SEOPLAN_TEST_CRAWL_CHILD"
	envURL   = "SEOPLAN_TEST_CRAWL_URL"
	envDB    = "SEOPLAN_TEST_CRAWL_DB"
)

func TestMain(m *testing.M) {
	if os.Getenv(envChild) == "1" {
		os.Exit(childCrawl())
	}
	os.Exit(m.Run())
}

// resumeOpts are the settings of every crawl in the resume test: small
// batches, so that a kill lands between commits as well as inside one.
func resumeOpts() []Option {
	return []Option{WithConcurrency(3), WithBatchSize(3)}
}

func childCrawl() int {
	ctx := context.Background()
	db, err := crawldb.Open(ctx, os.Getenv(envDB))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer db.Close()
	c, err := New(os.Getenv(envURL), resumeOpts()...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if _, err := c.Run(ctx, db, false); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// slowSite serves a sample site, each response a little late so a crawl
// lasts long enough to be killed at many moments, and calls onRequest with
// the running count of requests.
func slowSite(t *testing.T, name string, onRequest func(int64)) *httptest.Server {
	t.Helper()
	fsys, err := seoplan.SampleSite(name)
	if err != nil {
		t.Fatal(err)
	}
	h, err := sitesrv.Handler(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		onRequest(n.Add(1))
		time.Sleep(3 * time.Millisecond)
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// pageSet lists a snapshot's pages as "url status", sorted, and fails the
// test for a URL stored twice.
func pageSet(t *testing.T, db *crawldb.DB, snap int64) []string {
	t.Helper()
	var out []string
	seen := map[string]bool{}
	err := db.Pages(context.Background(), snap, func(p seoplan.Page) error {
		if seen[p.URL] {
			t.Errorf("%s stored twice", p.URL)
		}
		seen[p.URL] = true
		out = append(out, fmt.Sprintf("%s %d", p.URL, p.Status))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func TestResumeAfterSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts crawler processes")
	}
	// The reference: the same site crawled without interruption.
	var requests atomic.Int64
	ref := slowSite(t, "relaydesk", func(n int64) { requests.Store(n) })
	refDB := openDB(t)
	c, err := New(ref.URL+"/", resumeOpts()...)
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Run(context.Background(), refDB, false)
	if err != nil {
		t.Fatal(err)
	}
	want := pageSet(t, refDB, st.SnapshotID)
	total := requests.Load()
	if len(want) < 20 {
		t.Fatalf("reference crawl found only %d pages", len(want))
	}

	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("random seed %d; the reference crawl made %d requests for %d pages", seed, total, len(want))
	for trial := range 4 {
		// Kill when the server has seen killAt requests: anywhere from
		// the robots.txt fetch to the last page.
		killAt := 1 + rng.Int64N(total-1)
		t.Run(fmt.Sprintf("kill at request %d", killAt), func(t *testing.T) {
			kill := make(chan struct{})
			var once atomic.Bool
			srv := slowSite(t, "relaydesk", func(n int64) {
				if n == killAt && once.CompareAndSwap(false, true) {
					close(kill)
				}
			})
			dbPath := filepath.Join(t.TempDir(), fmt.Sprintf("trial%d.db", trial))
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), envChild+"=1", envURL+"="+srv.URL+"/", envDB+"="+dbPath)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-kill:
				// A random extra moment past the request, so the kill
				// also lands while pages are being stored.
				time.Sleep(time.Duration(rng.IntN(3000)) * time.Microsecond)
				cmd.Process.Kill() // SIGKILL: no chance to save anything
				<-done
			case err := <-done:
				// Possible when the kill was meant for the last requests;
				// the crawl must then simply be complete.
				if err != nil {
					t.Fatalf("child crawl failed: %v\n%s", err, stderr.String())
				}
				t.Log("the child finished before the kill")
			}

			db, err := crawldb.Open(context.Background(), dbPath)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			c, err := New(srv.URL+"/", resumeOpts()...)
			if err != nil {
				t.Fatal(err)
			}
			before, err := db.Latest(context.Background())
			if err != nil {
				t.Fatal(err) // the child creates its snapshot before its first request
			}
			st := Stats{SnapshotID: before.ID, Pages: before.Pages}
			if before.State != crawldb.StateDone {
				if st, err = c.Run(context.Background(), db, false); err != nil {
					t.Fatal(err)
				}
				if !st.Resumed {
					t.Fatal("the killed crawl was not resumed")
				}
			}
			snaps, err := db.Snapshots(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(snaps) != 1 || snaps[0].State != crawldb.StateDone {
				t.Fatalf("%d snapshots, last state %q; want one, done", len(snaps), snaps[len(snaps)-1].State)
			}
			got := pageSet(t, db, st.SnapshotID)
			// The two servers have different ports; compare paths.
			strip := func(s []string, origin string) string {
				return strings.ReplaceAll(strings.Join(s, "\n"), origin, "")
			}
			if g, w := strip(got, srv.URL), strip(want, ref.URL); g != w {
				t.Errorf("resumed crawl differs from the uninterrupted one\n got:\n%s\nwant:\n%s", g, w)
			}
			t.Logf("%d pages before the kill, %d after resume", st.Pages-st.Fetched, st.Fetched)
		})
	}
}

// TestRunRefusesLockedDatabase runs a crawl on a database whose crawl lock
// another handle holds, as a live crawl would: Run must fail at once with
// ErrLocked, before any request, and leave the database as it was.
func TestRunRefusesLockedDatabase(t *testing.T) {
	rec := &recorder{h: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { htmlPage(w, "Home") })}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "crawl.db")
	holder, err := crawldb.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	lock, err := holder.LockCrawl()
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()

	db, err := crawldb.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := New(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Run(context.Background(), db, false)
	if !errors.Is(err, crawldb.ErrLocked) || st.SnapshotID != 0 {
		t.Fatalf("Run on a locked database: snapshot %d, %v; want ErrLocked", st.SnapshotID, err)
	}
	if n := rec.count(func(string) bool { return true }); n != 0 {
		t.Errorf("%d requests made before refusing", n)
	}
	if snaps, err := db.Snapshots(context.Background()); err != nil || len(snaps) != 0 {
		t.Errorf("snapshots %v, %v; want none", snaps, err)
	}
}

func TestRunResumeFreshAndCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	served := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		served++
		if served == 5 {
			cancel()
		}
		mu.Unlock()
		var links []string
		for i := range 20 {
			links = append(links, fmt.Sprintf("/p%d", i))
		}
		htmlPage(w, r.URL.Path, links...)
	}))
	defer srv.Close()
	db := openDB(t)
	c, err := New(srv.URL+"/", WithConcurrency(1))
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Run(ctx, db, false)
	if err == nil || ctx.Err() == nil {
		t.Fatalf("cancelled run returned %v", err)
	}
	snap, _ := db.Latest(context.Background())
	if snap.State != crawldb.StateInterrupted || snap.Pages == 0 || snap.Pages >= 21 || st.Pages != snap.Pages {
		t.Fatalf("after cancel: state %q, %d pages (stats %d)", snap.State, snap.Pages, st.Pages)
	}
	st, err = c.Run(context.Background(), db, false)
	if err != nil || !st.Resumed || st.Pages != 21 || st.SnapshotID != snap.ID {
		t.Fatalf("resume: %v, %+v", err, st)
	}
	st, err = c.Run(context.Background(), db, true)
	if err != nil || st.Resumed || st.Pages != 21 || st.SnapshotID == snap.ID {
		t.Fatalf("fresh: %v, %+v", err, st)
	}
	st, err = c.Run(context.Background(), db, false)
	if err != nil || st.Resumed || st.SnapshotID == snap.ID+1 {
		t.Fatalf("a finished snapshot is not resumed: %v, %+v", err, st)
	}
}
