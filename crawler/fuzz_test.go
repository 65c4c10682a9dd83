package crawler

import (
	"bufio"
	"context"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/seoplan/seoplan/internal/urlnorm"
)

// seeds reads one seed a line from a testdata file, skipping # comments.
func seeds(f *testing.F, name string) []string {
	file, err := os.Open(name)
	if err != nil {
		f.Fatal(err)
	}
	defer file.Close()
	var out []string
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		if line := sc.Text(); !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

// FuzzScope feeds URLs from crawled pages (outside input) through the
// scope: it must never panic, and the trap limits must hold for whatever it
// lets through.
func FuzzScope(f *testing.F) {
	for _, s := range seeds(f, "testdata/scope/seeds.txt") {
		f.Add(s)
	}
	start, _ := url.Parse("http://example.com/")
	// Every origin of the site (the www. twin, https) has the same
	// robots.txt here, served without a network.
	robots := func(context.Context, string) (int, []byte, error) {
		return 200, []byte("User-agent: *\nDisallow: /private/\n"), nil
	}
	f.Fuzz(func(t *testing.T, raw string) {
		cfg := defaultConfig()
		cfg.maxQueryVariants = 2
		s, err := newScope(context.Background(), &cfg, start, newRobotsCache(&cfg, originOf(start), robots))
		if err != nil {
			t.Fatal(err)
		}
		n, err := urlnorm.Normalize(start, raw)
		if err != nil {
			return
		}
		u, err := url.Parse(n)
		if err != nil {
			return
		}
		for i := 0; i < 3; i++ {
			if s.check(context.Background(), n, u) != "" {
				return
			}
			if n != s.start {
				if len(n) > cfg.maxURLLength {
					t.Fatalf("%q let through, longer than %d", n, cfg.maxURLLength)
				}
				if !urlnorm.SameSite("example.com", u.Host) {
					t.Fatalf("%q let through, off-site", n)
				}
				if strings.HasPrefix(u.EscapedPath(), "/private/") {
					t.Fatalf("%q let through, disallowed", n)
				}
				if k := numberSegments(strings.Split(strings.Trim(u.EscapedPath(), "/"), "/")); k > cfg.maxNumbers {
					t.Fatalf("%q let through with %d number segments", n, k)
				}
			}
			s.record(u)
		}
		if u.RawQuery != "" && n != s.start {
			t.Fatalf("%q let through a third time with only 2 query variants allowed", n)
		}
	})
}

// FuzzRetryAfter checks that whatever a server sends as Retry-After, the
// wait stays between zero and the configured maximum.
func FuzzRetryAfter(f *testing.F) {
	for _, s := range seeds(f, "testdata/scope/retry-after.txt") {
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, header string, attempt int) {
		if attempt < 0 || attempt > 62 {
			return
		}
		cfg := defaultConfig()
		cfg.maxRetryWait = time.Minute
		w := &worker{cfg: &cfg}
		if d := w.backoff(attempt, header); d < 0 || d > time.Minute {
			t.Fatalf("backoff(%d, %q) = %s, outside [0, 1m]", attempt, header, d)
		}
	})
}
