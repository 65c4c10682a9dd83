package progress

import (
	"bytes"
	"strings"
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

func TestBarDrawsCountAndDetail(t *testing.T) {
	var buf bytes.Buffer
	b := newBar(&buf, "crawling", 0)
	b.Set(7, 20, "3 errors")
	out := buf.String()
	for _, want := range []string{"7/20", "3 errors"} {
		if !strings.Contains(out, want) {
			t.Errorf("bar output %q lacks %q", out, want)
		}
	}
}
