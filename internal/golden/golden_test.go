package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeT records what Check reports instead of failing the real test.
type fakeT struct {
	testing.TB
	errs []string
}

func (f *fakeT) Helper() {}
func (f *fakeT) Errorf(format string, args ...any) {
	f.errs = append(f.errs, format)
}

func TestCheck(t *testing.T) {
	t.Setenv(Env, "")
	path := filepath.Join(t.TempDir(), "x.golden")
	if err := os.WriteFile(path, []byte("one\ntwo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ft := &fakeT{TB: t}
	Check(ft, path, []byte("one\ntwo\n"))
	if len(ft.errs) != 0 {
		t.Errorf("same bytes reported: %v", ft.errs)
	}
	Check(ft, path, []byte("one\nthree\n"))
	if len(ft.errs) != 1 {
		t.Errorf("different bytes reported %d times, want once", len(ft.errs))
	}
	if d := firstDiff([]byte("one\ntwo\n"), []byte("one\nthree\n")); !strings.Contains(d, "line 2") {
		t.Errorf("firstDiff = %q, want line 2", d)
	}

	t.Setenv(Env, "1")
	sub := filepath.Join(t.TempDir(), "new", "y.golden")
	Check(t, sub, []byte("fresh"))
	if b, err := os.ReadFile(sub); err != nil || string(b) != "fresh" {
		t.Errorf("updating wrote %q, %v", b, err)
	}
}
