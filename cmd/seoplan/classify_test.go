package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// updateClassify is the -update flag ("rewrite golden files"), defined here
// only if no other test file of this package has defined it already.
var updateClassify *bool

func init() {
	if f := flag.Lookup("update"); f == nil {
		updateClassify = flag.Bool("update", false, "rewrite golden files")
	}
}

func updating() bool {
	if updateClassify != nil {
		return *updateClassify
	}
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

func TestClassifyKeywordsGolden(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"table", nil},
		{"explain", []string{"--explain"}},
		{"jsonl", []string{"--format", "jsonl"}},
		{"csv", []string{"--format", "csv"}},
	}
	in := filepath.Join("testdata", "classify_keywords.csv")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			args := append([]string{"classify", "--keywords", in}, tt.args...)
			if code := run(context.Background(), args, strings.NewReader(""), &out, &errb); code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			golden := filepath.Join("testdata", "classify_"+tt.name+".golden")
			if updating() {
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("output differs from %s:\n%s", golden, out.String())
			}
		})
	}
}

func TestClassifyStdinAndErrors(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		stdin   string
		code    int
		wantOut string
		wantErr string
	}{
		{name: "stdin list", args: []string{"classify", "--keywords", "-", "--format", "jsonl"}, stdin: "acme pricing\n", code: 0, wantOut: `"keyword":"acme pricing"`},
		{name: "no input", args: []string{"classify"}, code: 2, wantErr: "nothing to classify"},
		{name: "both inputs", args: []string{"classify", "--db", "x.db", "--keywords", "-"}, code: 2, wantErr: "not both"},
		{name: "bad format", args: []string{"classify", "--keywords", "-", "--format", "xml"}, code: 2, wantErr: `unknown --format "xml"`},
		{name: "missing file", args: []string{"classify", "--keywords", "does-not-exist.csv"}, code: 1, wantErr: "open keyword file"},
		{name: "broken csv", args: []string{"classify", "--keywords", "-"}, stdin: "keyword,volume\n\"a,1\n", code: 1, wantErr: "line 2"},
		{name: "empty", args: []string{"classify", "--keywords", "-"}, stdin: "\n", code: 1, wantErr: "no keywords"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(context.Background(), tt.args, strings.NewReader(tt.stdin), &out, &errb)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %s", code, tt.code, errb.String())
			}
			if !strings.Contains(out.String(), tt.wantOut) {
				t.Errorf("stdout %q lacks %q", out.String(), tt.wantOut)
			}
			if !strings.Contains(errb.String(), tt.wantErr) {
				t.Errorf("stderr %q lacks %q", errb.String(), tt.wantErr)
			}
		})
	}
}
