package kwfile

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/seoplan/seoplan"
)

func TestParseFiles(t *testing.T) {
	tests := []struct {
		file string
		want []seoplan.Keyword
	}{
		{"gsc.csv", []seoplan.Keyword{
			{Text: "helpdesk software", Clicks: 1204, Impressions: 23400, Position: 3.4, Source: SourceGSC},
			{Text: "how to reduce ticket backlog", Clicks: 87, Impressions: 2930, Position: 8.1, Source: SourceGSC},
			{Text: "shared inbox, for teams", Clicks: 12, Impressions: 410, Position: 11, Source: SourceGSC},
		}},
		{"semrush.csv", []seoplan.Keyword{
			{Text: "relaydesk pricing", Volume: 1300, Position: 1, URL: "https://relaydesk.example/pricing", Source: SourceSemrush},
			{Text: "zendesk alternatives", Volume: 5400, Position: 7, URL: "https://relaydesk.example/compare/zendesk", Source: SourceSemrush},
		}},
		{"ahrefs.tsv", []seoplan.Keyword{
			{Text: "customer support metrics", Volume: 2400, Position: 14, URL: "https://relaydesk.example/blog/metrics", Source: SourceAhrefs},
			{Text: "ticket routing", Source: SourceAhrefs},
		}},
		{"list.txt", []seoplan.Keyword{
			{Text: "help desk software", Source: SourceList},
			{Text: "best shared inbox", Source: SourceList},
			{Text: "relaydesk login", Source: SourceList},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, _, err := Parse(f)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestParseLineEnds(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"CR only", "help desk\rshared inbox\r", []string{"help desk", "shared inbox"}},
		{"CRLF", "help desk\r\nshared inbox\r\n", []string{"help desk", "shared inbox"}},
		{"mixed", "a\rb\r\nc\n", []string{"a", "b", "c"}},
		{"NUL bytes dropped", "h\x00e\x00l\x00p\x00\n", []string{"help"}},
		{"CR-only CSV", "Query,Clicks\rhelp desk,3\rinbox,1\r", []string{"help desk", "inbox"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kws, _, err := Parse(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, k := range kws {
				got = append(got, k.Text)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, file, input string
		wantSub           string
	}{
		{name: "broken quote", file: "broken.csv", wantSub: "line 3"},
		{name: "broken quote after title lines", input: "Report\n\nkeyword,volume\nok,1\n\"bad,2\n", wantSub: "line 5"},
		{name: "bad number after title lines", input: "Report\nkeyword,volume\nok,1\nbad,x\n", wantSub: "line 4: volume"},
		{name: "bad number", file: "badnumber.csv", wantSub: `line 3: volume: "lots" is not a number`},
		{name: "too many fields", input: "keyword,volume\na,1,2\n", wantSub: "line 2: 3 fields but the header has 2"},
		{name: "not utf-8", input: "keyword\nfine\ncaf\xe9\n", wantSub: "line 3: keyword file is not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := []byte(tt.input)
			if tt.file != "" {
				var err error
				if in, err = os.ReadFile(filepath.Join("testdata", tt.file)); err != nil {
					t.Fatal(err)
				}
			}
			_, _, err := Parse(bytes.NewReader(in))
			if err == nil || !strings.Contains(err.Error(), tt.wantSub) {
				t.Fatalf("Parse error = %v, want it to contain %q", err, tt.wantSub)
			}
		})
	}
}

func TestParseNumbers(t *testing.T) {
	tests := []struct {
		in      string
		integer bool
		want    float64
	}{
		{"1,200", true, 1200},
		{"1.200", true, 1200},
		{"1 200", true, 1200},
		{"1\u00a0200", true, 1200},
		{"1,234,567", true, 1234567},
		{"2.4K", true, 2400},
		{"1.2M", true, 1200000},
		{"<10", true, 10},
		{"0-10", true, 0},
		{"-", true, 0},
		{"", true, 0},
		{"3.4", false, 3.4},
		{"3,4", false, 3.4},
		{"12,5", false, 12.5},
		{"1,234.5", false, 1234.5},
		{"1.234,5", false, 1234.5},
		{"5.1%", false, 5.1},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseNumber(tt.in, tt.integer)
			if err != nil {
				t.Fatalf("parseNumber(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("parseNumber(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseHeaderDetection(t *testing.T) {
	tests := []struct {
		name, input string
		wantSource  string
		wantN       int
	}{
		{"gsc query column", "Query,Clicks,Impressions,CTR,Position\na,1,2,50%,1\n", SourceGSC, 1},
		{"semrush keyword magic", "Keyword\tIntent\tVolume\tTrend\tKeyword Difficulty %\tCPC (USD)\na\tI\t10\t0.1\t3\t1\n", SourceSemrush, 1},
		{"generic csv", "keyword,volume\na,10\nb,20\n", SourceCSV, 2},
		{"list with commas", "crm, for startups\nbest crm\n", SourceList, 2},
		{"keyword planner title lines", "Keyword Stats 2026-11-01 at 10_00_00\nAll locations\n\nKeyword\tCurrency\tAvg. monthly searches\nhelp desk\tUSD\t\"12,100\"\n", SourceCSV, 1},
		{"empty", "\n\n", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := Parse(strings.NewReader(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.wantN {
				t.Fatalf("got %d keywords, want %d: %+v", len(got), tt.wantN, got)
			}
			if tt.wantN > 0 && got[0].Source != tt.wantSource {
				t.Errorf("source = %q, want %q", got[0].Source, tt.wantSource)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("keyword;volume\n\"a;b\";1.200\n"))
	f.Add([]byte("Häufigste Suchanfragen;Klicks;Impressionen;CTR;Position\nticketsystem;1.204;2.930;2,97 %;8,1\n"))
	f.Add([]byte("上位のページ,クリック数,表示回数,CTR,掲載順位\nhttps://x.example/,1,2,3%,4\n"))
	f.Add([]byte("a\r" + strings.Repeat("b", MaxKeywordRunes+1) + "\r\x00c\n"))
	f.Add([]byte("Query,Clicks\n" + strings.Repeat("x", MaxLineBytes+1) + "\n\"q\",1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		kws, st, err := Parse(bytes.NewReader(data))
		if st.Long < 0 || st.Long > bytes.Count(data, []byte("\n"))+bytes.Count(data, []byte("\r"))+1 {
			t.Fatalf("%d over-long lines counted", st.Long)
		}
		if err != nil {
			if kws != nil {
				t.Fatalf("error %v with %d keywords", err, len(kws))
			}
			return
		}
		for _, kw := range kws {
			if kw.Text == "" || kw.Text != strings.TrimSpace(kw.Text) {
				t.Fatalf("keyword %q is empty or untrimmed", kw.Text)
			}
			if n := utf8.RuneCountInString(kw.Text); n > MaxKeywordRunes {
				t.Fatalf("keyword of %d runes kept", n)
			}
			if kw.Volume < 0 || kw.Clicks < 0 || kw.Impressions < 0 || kw.Position < 0 {
				t.Fatalf("negative metric in %+v", kw)
			}
		}
	})
}
