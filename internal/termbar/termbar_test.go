package termbar

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

func TestNewIsSilentWhenNotATerminal(t *testing.T) {
	var buf bytes.Buffer
	b := New(&buf, "crawling")
	if b.Enabled() {
		t.Fatal("bar enabled on a bytes.Buffer")
	}
	b.Set(5, 10, "1 error")
	b.Finish()
	if buf.Len() != 0 {
		t.Fatalf("wrote %q to a non-terminal", buf.String())
	}
}

func TestNilBarIsANoOp(t *testing.T) {
	var b *Bar
	b.Set(1, 2, "x")
	b.Finish()
	if b.Enabled() {
		t.Fatal("nil bar enabled")
	}
}

// syncBuffer is a bytes.Buffer safe for the bar's own render goroutine.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

func TestBarDrawsCountAndDetail(t *testing.T) {
	var buf syncBuffer
	b := newBar(&buf, "crawling", 0)
	b.Set(7, 20, "3 errors")
	b.Finish()
	out := buf.String()
	for _, want := range []string{"7/20", "3 errors"} {
		if !strings.Contains(out, want) {
			t.Errorf("bar output %q lacks %q", out, want)
		}
	}
}
