package kwfile

import (
	"errors"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
)

func TestParseOverLong(t *testing.T) {
	huge := strings.Repeat("spam ", 2<<20) // 10 MiB on one line
	tests := []struct {
		name     string
		in       string
		want     []string
		wantLong int
	}{
		{"10 MiB line in a list", "help desk\n" + huge + "\nshared inbox\n", []string{"help desk", "shared inbox"}, 1},
		{"10 MiB line at the end, no newline", "help desk\n" + huge, []string{"help desk"}, 1},
		{"10 MiB first line", huge + "\nhelp desk\n", []string{"help desk"}, 1},
		{"10 MiB CR-only line", "a\r" + huge + "\rb\r", []string{"a", "b"}, 1},
		{"keyword of MaxKeywordRunes kept", strings.Repeat("é", MaxKeywordRunes) + "\n", []string{strings.Repeat("é", MaxKeywordRunes)}, 0},
		{"keyword one rune longer dropped", "a\n" + strings.Repeat("é", MaxKeywordRunes+1) + "\n", []string{"a"}, 1},
		{"a 290-character query of -site: operators kept", "Top queries,Clicks\n\"\"\"cheddar up\"\" " + strings.Repeat("-site:example.com ", 15) + "\n-site:x.com\",1\n", []string{`"cheddar up" ` + strings.Repeat("-site:example.com ", 15) + "-site:x.com"}, 0},
		{"white space does not count", "a" + strings.Repeat(" ", 1000) + "b\n", []string{"a b"}, 0},
		{"over-long CSV keyword cell", "Query,Clicks\nhelp desk,3\n\"" + strings.Repeat("x", MaxKeywordRunes+1) + "\",1\ninbox,1\n", []string{"help desk", "inbox"}, 1},
		{"10 MiB CSV row", "Query,Clicks\nhelp desk,3\n" + huge + ",1\ninbox,1\n", []string{"help desk", "inbox"}, 1},
		{"10 MiB title line above a header", huge + "\nkeyword,volume\na,1\n", []string{"a"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kws, st, err := Parse(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, k := range kws {
				got = append(got, k.Text)
			}
			if !reflect.DeepEqual(got, tt.want) || st.Long != tt.wantLong {
				t.Errorf("got %q, %d over-long; want %q, %d", got, st.Long, tt.want, tt.wantLong)
			}
		})
	}
}

// TestParseLineNumbersAfterDrops checks that errors still name the file's
// line when over-long and empty lines were dropped before it.
func TestParseLineNumbersAfterDrops(t *testing.T) {
	huge := strings.Repeat("x", MaxLineBytes+1)
	tests := []struct{ name, in, wantSub string }{
		{"CSV, long line before", "keyword,volume\n" + huge + "\n\nok,1\nbad,x\n", "line 5: volume"},
		{"CSV, long lines ahead of the header", "Report\n" + huge + "\n\nkeyword,volume\nbad,x\n", "line 5: volume"},
		{"list, not UTF-8 after a long line", "a\n" + huge + "\ncaf\xe9\n", "line 3: keyword file is not UTF-8"},
		{"CSV, not UTF-8", "keyword\nfine\n\n\ncaf\xe9\n", "line 5: keyword file is not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Parse(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.wantSub) {
				t.Fatalf("Parse error = %v, want it to contain %q", err, tt.wantSub)
			}
		})
	}
}

func TestReadStopsOnCallbackError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	_, err := Read(strings.NewReader("a\nb\nc\n"), func(seoplan.Keyword) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Fatalf("err = %v after %d keywords, want stop after 1", err, n)
	}
}

// genReader yields line over and over until size bytes are read, so a big
// file costs the test no memory.
type genReader struct {
	line []byte
	off  int
	left int64
}

func (g *genReader) Read(p []byte) (int, error) {
	if g.left <= 0 {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && g.left > 0 {
		c := copy(p[n:], g.line[g.off:])
		if int64(c) > g.left {
			c = int(g.left)
		}
		n += c
		g.left -= int64(c)
		g.off = (g.off + c) % len(g.line)
	}
	return n, nil
}

// TestReadMemoryFlat reads 64 MiB keyword files and checks that the heap
// never holds more than a few MiB, whatever the file's size: Read keeps one
// line at a time, and an over-long line is skipped, not gathered.
func TestReadMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 256 MiB of generated text")
	}
	const size int64 = 64 << 20
	const limit = 16 << 20
	tests := []struct {
		name string
		line string
	}{
		{"list", "how to reduce ticket backlog\n"},
		{"gsc export", "helpdesk software,\"1,204\",\"23,400\",5.1%,3.4\n"},
		{"one endless line", "spam "},
		{"CR-only list", "best shared inbox\r"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Whole lines only: a cut-off last row would be a broken quote.
			var r io.Reader = &genReader{line: []byte(tt.line), left: size - size%int64(len(tt.line))}
			if tt.name == "gsc export" {
				r = io.MultiReader(strings.NewReader("Top queries,Clicks,Impressions,CTR,Position\n"), r)
			}
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			base := ms.HeapAlloc
			peak, n := uint64(0), 0
			sample := func() {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc-min(ms.HeapAlloc, base))
			}
			st, err := Read(r, func(seoplan.Keyword) error {
				if n++; n%200_000 == 0 {
					sample()
				}
				return nil
			})
			sample()
			if err != nil {
				t.Fatal(err)
			}
			if tt.name == "one endless line" && st.Long != 1 {
				t.Errorf("Long = %d, want 1", st.Long)
			}
			if tt.name != "one endless line" && int64(n) != size/int64(len(tt.line)) {
				t.Errorf("read %d keywords, want %d", n, size/int64(len(tt.line)))
			}
			t.Logf("%d keywords, peak heap above the start %d KiB", n, peak>>10)
			if peak > limit {
				t.Errorf("heap grew by %d MiB reading %d MiB, want at most %d MiB", peak>>20, size>>20, limit>>20)
			}
		})
	}
}
