// Package golden compares test output with golden files, the one way every
// package of seoplan does it. Set SEOPLAN_UPDATE_GOLDEN=1 to rewrite the
// files with what the tests now produce, then review the change with git
// diff:
//
//	SEOPLAN_UPDATE_GOLDEN=1 go test ./...
//
// An environment variable rather than a -update flag, so the same command
// works for every package at once (a test flag is only defined in the
// packages that declare it).
package golden

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Env is the environment variable that turns comparing into rewriting.
const Env = "SEOPLAN_UPDATE_GOLDEN"

// Updating reports whether golden files are being rewritten.
func Updating() bool { return os.Getenv(Env) == "1" }

// Check compares got with the golden file at path. While Updating, it
// writes got to path instead (creating its directory) and passes.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if Updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with %s=1 to create it)", err, Env)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file, %s; if the change is meant, rerun with %s=1 and review git diff",
			path, firstDiff(want, got), Env)
	}
}

// firstDiff describes where got first departs from want, by line.
func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if i >= len(wl) || i >= len(gl) || w != g {
			return fmt.Sprintf("first at line %d (of %d, want %d):\n  want %q\n   got %q", i+1, len(gl), len(wl), clip(w), clip(g))
		}
	}
	return "in line ends"
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}
