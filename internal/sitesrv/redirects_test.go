package sitesrv

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseRedirects(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []Redirect
		wantErr string
	}{
		{name: "empty", in: ""},
		{name: "comments and blanks", in: "# x\n\n   \n"},
		{name: "rules", in: "/a /b 301\n  /c   https://x.example/d  308 \n", want: []Redirect{{"/a", "/b", 301}, {"/c", "https://x.example/d", 308}}},
		{name: "two fields", in: "/a /b\n", wantErr: "line 1: want FROM TO STATUS"},
		{name: "relative from", in: "a /b 301\n", wantErr: "FROM"},
		{name: "relative to", in: "/a b 301\n", wantErr: "TO"},
		{name: "status not a number", in: "/a /b x\n", wantErr: "status"},
		{name: "status not a redirect", in: "# c\n/a /b 200\n", wantErr: "line 2: status 200"},
		{name: "duplicate from", in: "/a /b 301\n/a /c 301\n", wantErr: "already redirected on line 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseRedirects(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func FuzzParseRedirects(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/sites/*/_redirects")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("/a /b 301\n# c\n/c https://x.example/ 302")
	f.Fuzz(func(t *testing.T, in string) {
		rules, err := ParseRedirects(strings.NewReader(in))
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, r := range rules {
			if !strings.HasPrefix(r.From, "/") || r.Status < 300 || r.Status > 308 || seen[r.From] {
				t.Errorf("accepted bad rule %+v", r)
			}
			seen[r.From] = true
		}
	})
}
