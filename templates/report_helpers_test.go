package templates

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/seoplan/seoplan"
)

// The -update flag may also be declared by another test file of this
// package; package variables initialise before init, so registering it here
// only when missing avoids a duplicate-flag panic either way.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// reportPlan loads the hand-built plan the report tests share: two clusters
// whose titles, phrases and keywords hold script tags, attribute breakouts,
// formula starts, pipes and brackets.
func reportPlan(t testing.TB) *seoplan.Plan {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "report", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	var p seoplan.Plan
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatalf("parse plan.json: %v", err)
	}
	return &p
}

// golden compares got with testdata/report/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "report", name)
	if updating() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test ./templates -update and review the diff\n--- got ---\n%s", name, got)
	}
}
