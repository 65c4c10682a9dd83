package kwfile

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
)

func TestParsePages(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []seoplan.PageStat
	}{
		{
			name: "pages tab",
			in:   "Top pages,Clicks,Impressions,CTR,Position\nhttps://x.example/a,\"1,204\",\"23,400\",5.1%,3.4\n\n,1,2,3%,4\nhttps://x.example/b,0,90,0%,18\n",
			want: []seoplan.PageStat{
				{URL: "https://x.example/a", Clicks: 1204, Impressions: 23400, Position: 3.4},
				{URL: "https://x.example/b", Impressions: 90, Position: 18},
			},
		},
		{
			name: "compare, last first",
			in: "Top pages,Last 3 months Clicks,Previous 3 months Clicks,Last 3 months Impressions,Previous 3 months Impressions,Last 3 months CTR,Previous 3 months CTR,Last 3 months Position,Previous 3 months Position\n" +
				"https://x.example/a,120,300,9000,9500,1.3%,3.2%,6.8,3.1\n",
			want: []seoplan.PageStat{{URL: "https://x.example/a", Clicks: 120, Impressions: 9000, Position: 6.8,
				Compared: true, PrevClicks: 300, PrevImpressions: 9500, PrevPosition: 3.1}},
		},
		{
			name: "compare, previous first",
			in:   "Page,Previous 28 days Clicks,Last 28 days Clicks\nhttps://x.example/a,50,20\n",
			want: []seoplan.PageStat{{URL: "https://x.example/a", Clicks: 20, Compared: true, PrevClicks: 50}},
		},
		{
			name: "compare by date range, German, semicolons",
			in:   "Häufigste Seiten;01.09.2026 - 30.11.2026 Klicks;01.06.2026 - 31.08.2026 Klicks\nhttps://x.example/a;1.200;2.400\n",
			want: []seoplan.PageStat{{URL: "https://x.example/a", Clicks: 1200, Compared: true, PrevClicks: 2400}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := ParsePages(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParsePagesRefuses(t *testing.T) {
	tests := []struct {
		name, in string
		want     error  // errors.Is, or nil for any error
		line     string // the message names this line
	}{
		{"queries export", "Top queries,Clicks,Impressions,CTR,Position\nhelp desk,1,2,3%,4\n", ErrNotPages, ""},
		{"plain list", "help desk\nlive chat\n", ErrNotPages, ""},
		{"three ranges", "Page,A Clicks,B Clicks,C Clicks\nhttps://x.example/,1,2,3\n", ErrNotPages, ""},
		{"bad number", "Page,Clicks,Impressions\nhttps://x.example/,many,2\n", nil, "line 2"},
		{"long row", "Page,Clicks\nhttps://x.example/,1,2,3\n", nil, "line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := ParsePages(strings.NewReader(tt.in))
			if err == nil || got != nil {
				t.Fatalf("ParsePages = %+v, %v; want an error", got, err)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.line) {
				t.Errorf("error %q does not name %s", err, tt.line)
			}
		})
	}
}

func FuzzParsePages(f *testing.F) {
	f.Add([]byte("Top pages,Clicks,Impressions,CTR,Position\nhttps://x.example/a,1,2,3%,4\n"))
	f.Add([]byte("Page,Last 3 months Clicks,Previous 3 months Clicks\nhttps://x.example/a,1,2\n"))
	f.Add([]byte("Häufigste Seiten;Klicks;Impressionen\n\"a;b\";1.200;3\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pages, _, err := ParsePages(bytes.NewReader(data))
		if err != nil {
			if pages != nil {
				t.Fatalf("error %v with %d pages", err, len(pages))
			}
			return
		}
		for _, p := range pages {
			if p.URL == "" || p.Clicks < 0 || p.Impressions < 0 || p.PrevClicks < 0 || p.PrevImpressions < 0 {
				t.Fatalf("bad row %+v", p)
			}
			if !p.Compared && (p.PrevClicks != 0 || p.PrevImpressions != 0 || p.PrevPosition != 0) {
				t.Fatalf("earlier range without Compared: %+v", p)
			}
		}
	})
}
