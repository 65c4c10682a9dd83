package crawler

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/seoplan/seoplan/crawldb"
)

func TestRunUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	u := srv.URL + "/"
	srv.Close() // nothing listens there any more
	c, err := New(u, WithRetries(0, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	db := openDB(t)
	_, err = c.Run(context.Background(), db, false)
	if !errorsIs(err, ErrUnreachable) {
		t.Fatalf("err = %v, want ErrUnreachable", err)
	}
	if snap, _ := db.Latest(context.Background()); snap.State != crawldb.StateFailed {
		t.Errorf("snapshot state %q, want failed", snap.State)
	}
}

// Depth is the shortest link distance from the start URL however the
// fetches interleave: here the slow /a links /d directly, while the fast
// /b reaches it through /c.
func TestDepthIsShortestDistance(t *testing.T) {
	h := func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			htmlPage(w, "Home", "/a", "/b")
		case "/a":
			time.Sleep(100 * time.Millisecond)
			htmlPage(w, "A", "/d")
		case "/b":
			htmlPage(w, "B", "/c")
		case "/c":
			htmlPage(w, "C", "/d")
		default:
			htmlPage(w, r.URL.Path)
		}
	}
	pages, _, _ := crawlHandler(t, h, WithConcurrency(4))
	want := map[string]int{"/": 0, "/a": 1, "/b": 1, "/c": 2, "/d": 2}
	for path, d := range want {
		if got := pages[path].Depth; got != d {
			t.Errorf("%s depth %d, want %d", path, got, d)
		}
	}
}
