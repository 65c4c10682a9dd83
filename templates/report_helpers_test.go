package templates

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/internal/golden"
)

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

// checkGolden compares got with testdata/report/name (internal/golden).
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", "report", name), got)
}
