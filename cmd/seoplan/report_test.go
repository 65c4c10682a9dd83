package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/seoplan/seoplan"
)

func reportTestPlan(t *testing.T) *seoplan.Plan {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "report", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	var p seoplan.Plan
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return &p
}

func reportEnv() (*env, *bytes.Buffer) {
	var errb bytes.Buffer
	return &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &errb}, &errb
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func TestWriteReports(t *testing.T) {
	p := reportTestPlan(t)
	dir := t.TempDir()
	f := &reportFlags{
		html: filepath.Join(dir, "report.html"), client: "RelayDesk", agency: "Acme SEO",
		logo: filepath.Join("testdata", "report", "logo.png"),
		csv:  filepath.Join(dir, "calendar.csv"), ics: filepath.Join(dir, "calendar.ics"),
		briefs:   filepath.Join(dir, "briefs"),
		progress: &seoplan.Change{Site: p.Site, From: seoplan.SnapshotInfo{ID: 1}, To: seoplan.SnapshotInfo{ID: 2}},
		made:     time.Date(2026, 12, 2, 16, 0, 0, 0, time.UTC),
	}
	e, stderr := reportEnv()
	if err := writeReports(context.Background(), e, p, f); err != nil {
		t.Fatal(err)
	}
	if got, want := dirNames(t, dir), []string{"briefs", "calendar.csv", "calendar.ics", "report.html"}; !slices.Equal(got, want) {
		t.Errorf("files = %q, want %q (no temporary files left)", got, want)
	}
	briefs := dirNames(t, f.briefs)
	if len(briefs) != len(p.Proposals) {
		t.Errorf("%d briefs, want one per proposal (%d): %q", len(briefs), len(p.Proposals), briefs)
	}
	if !strings.Contains(stderr.String(), "wrote 4 briefs") {
		t.Errorf("stderr = %q", stderr)
	}
	html, err := os.ReadFile(f.html)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"RelayDesk", "Prepared by Acme SEO", `src="data:image/png;base64,`, "Progress since the last crawl"} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	// The same plan gives the same files.
	first := map[string][]byte{}
	for _, name := range []string{f.html, f.csv, f.ics} {
		first[name], _ = os.ReadFile(name)
	}
	if err := writeReports(context.Background(), e, p, f); err != nil {
		t.Fatal(err)
	}
	for name, b := range first {
		again, _ := os.ReadFile(name)
		if !bytes.Equal(b, again) {
			t.Errorf("%s differs between two runs", filepath.Base(name))
		}
	}
}

func TestWriteReportsErrors(t *testing.T) {
	p := reportTestPlan(t)
	tests := []struct {
		name  string
		flags func(dir string) *reportFlags
		usage bool
	}{
		{"client without html", func(dir string) *reportFlags { return &reportFlags{client: "X"} }, true},
		{"missing logo", func(dir string) *reportFlags {
			return &reportFlags{html: filepath.Join(dir, "r.html"), logo: filepath.Join(dir, "nope.png")}
		}, true},
		{"logo not an image", func(dir string) *reportFlags {
			bad := filepath.Join(dir, "logo.svg")
			if err := os.WriteFile(bad, []byte("<svg><script>alert(1)</script></svg>"), 0o644); err != nil {
				t.Fatal(err)
			}
			return &reportFlags{html: filepath.Join(dir, "r.html"), logo: bad}
		}, true}, // refused by validate, before any work
		{"footer without html", func(dir string) *reportFlags { return &reportFlags{footer: "Acme"} }, true},
		{"white label without html", func(dir string) *reportFlags { return &reportFlags{whiteLabel: true} }, true},
		{"csv-excel without csv", func(dir string) *reportFlags { return &reportFlags{csvExcel: true} }, true},
		{"briefs-url not a URL", func(dir string) *reportFlags {
			return &reportFlags{csv: filepath.Join(dir, "c.csv"), briefsURL: "drive/briefs"}
		}, true},
		{"unwritable directory", func(dir string) *reportFlags {
			return &reportFlags{csv: filepath.Join(dir, "missing", "c.csv")}
		}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			f := tc.flags(dir)
			before := dirNames(t, dir)
			e, _ := reportEnv()
			err := writeReports(context.Background(), e, p, f)
			if err == nil {
				t.Fatal("no error")
			}
			var ue usageError
			if got := errors.As(err, &ue); got != tc.usage {
				t.Errorf("usage error = %v, want %v (%v)", got, tc.usage, err)
			}
			if after := dirNames(t, dir); !slices.Equal(before, after) {
				t.Errorf("a failed run left files: %q → %q", before, after)
			}
		})
	}
}

func TestAddReportFlags(t *testing.T) {
	e, _ := reportEnv()
	cmd := newDiffCmd(e) // any command will do to hold the flags
	var f reportFlags
	addReportFlags(cmd, &f)
	err := cmd.ParseFlags([]string{"--html", "r.html", "--client", "C", "--agency", "A", "--logo", "l.png", "--footer", "F", "--white-label",
		"--csv", "c.csv", "--csv-excel", "--ics", "c.ics", "--briefs", "b", "--briefs-url", "https://d.example/b"})
	if err != nil {
		t.Fatal(err)
	}
	want := reportFlags{html: "r.html", client: "C", agency: "A", logo: "l.png", footer: "F", whiteLabel: true,
		csv: "c.csv", csvExcel: true, ics: "c.ics", briefs: "b", briefsURL: "https://d.example/b"}
	if f != want {
		t.Errorf("flags = %+v, want %+v", f, want)
	}
}

// TestPDFNeedsChromium: --pdf on a machine without Chromium is a usage
// error found before any crawl, and its message says what to do instead.
func TestPDFNeedsChromium(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	code, _, stderr := runCLI(context.Background(), "plan", "--db", filepath.Join(t.TempDir(), "none.db"), "--pdf", filepath.Join(t.TempDir(), "report.pdf"))
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	for _, want := range []string{"Chromium", "--html"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("message %q does not mention %s", stderr, want)
		}
	}
	code, _, stderr = runCLI(context.Background(), "demo", "--out", t.TempDir(), "--pdf")
	if code != 2 || !strings.Contains(stderr, "Chromium") {
		t.Errorf("demo --pdf without Chromium: exit %d, %q; want 2 and a word on Chromium", code, stderr)
	}
	f := &reportFlags{pdf: "report.pdf"}
	var ue usageError
	if err := f.validate(); !errors.As(err, &ue) {
		t.Errorf("validate = %v, want a usage error", err)
	}
}
