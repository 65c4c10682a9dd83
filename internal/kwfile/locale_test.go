package kwfile

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
)

// TestParseLocalizedSearchConsole reads Search Console exports made with
// the interface in another language: the header is recognised (and not
// read as a keyword), and numbers in the locale's style are read.
func TestParseLocalizedSearchConsole(t *testing.T) {
	tests := []struct {
		lang, in string
		want     seoplan.Keyword
	}{
		{"German", "Häufigste Suchanfragen,Klicks,Impressionen,CTR,Position\n\"hilfe desk software\",\"1.204\",\"23.400\",\"5,1 %\",\"3,4\"\n",
			seoplan.Keyword{Text: "hilfe desk software", Clicks: 1204, Impressions: 23400, Position: 3.4}},
		{"German, semicolons", "Häufigste Suchanfragen;Klicks;Impressionen;CTR;Position\nticketsystem;87;2.930;2,97 %;8,1\n",
			seoplan.Keyword{Text: "ticketsystem", Clicks: 87, Impressions: 2930, Position: 8.1}},
		{"French", "Requêtes les plus fréquentes,Clics,Impressions,CTR,Position\nlogiciel de support,\"1\u202f204\",\"23\u00a0400\",\"5,1\u00a0%\",\"3,4\"\n",
			seoplan.Keyword{Text: "logiciel de support", Clicks: 1204, Impressions: 23400, Position: 3.4}},
		{"Spanish", "Consultas principales,Clics,Impresiones,CTR,Posición\nsoftware de soporte,\"1.204\",\"23.400\",\"5,1 %\",\"3,4\"\n",
			seoplan.Keyword{Text: "software de soporte", Clicks: 1204, Impressions: 23400, Position: 3.4}},
		{"Portuguese", "Principais consultas,Cliques,Impressões,CTR,Posição\nsoftware de suporte,\"1.204\",\"23.400\",\"5,1%\",\"3,4\"\n",
			seoplan.Keyword{Text: "software de suporte", Clicks: 1204, Impressions: 23400, Position: 3.4}},
		{"Italian", "Query principali,Clic,Impressioni,CTR,Posizione\nsoftware assistenza,\"1.204\",\"23.400\",\"5,1%\",\"3,4\"\n",
			seoplan.Keyword{Text: "software assistenza", Clicks: 1204, Impressions: 23400, Position: 3.4}},
		{"Dutch", "Populairste zoekopdrachten,Klikken,Vertoningen,CTR,Positie\nklantenservice software,\"1.204\",\"23.400\",\"5,1%\",\"3,4\"\n",
			seoplan.Keyword{Text: "klantenservice software", Clicks: 1204, Impressions: 23400, Position: 3.4}},
		{"Japanese", "上位のクエリ,クリック数,表示回数,CTR,掲載順位\nヘルプデスク ソフト,\"1,204\",\"23,400\",5.1%,3.4\n",
			seoplan.Keyword{Text: "ヘルプデスク ソフト", Clicks: 1204, Impressions: 23400, Position: 3.4}},
		{"query and page columns, German", "Suchanfrage,Seite,Klicks,Impressionen,Position\nticketsystem,https://x.example/t,2,10,\"1,0\"\n",
			seoplan.Keyword{Text: "ticketsystem", URL: "https://x.example/t", Clicks: 2, Impressions: 10, Position: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			kws, _, err := Parse(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			tt.want.Source = SourceGSC
			if len(kws) != 1 || !reflect.DeepEqual(kws[0], tt.want) {
				t.Fatalf("Parse = %+v, want [%+v]", kws, tt.want)
			}
		})
	}
}

// TestParsePagesExport checks that an export of the Pages tab, in any
// language, is refused rather than read as a list of URLs for keywords.
func TestParsePagesExport(t *testing.T) {
	for _, header := range []string{
		"Top pages,Clicks,Impressions,CTR,Position",
		"Häufigste Seiten,Klicks,Impressionen,CTR,Position",
		"Pages les plus populaires;Clics;Impressions;CTR;Position",
		"Páginas principales,Clics,Impresiones,CTR,Posición",
		"Páginas principais,Cliques,Impressões,CTR,Posição",
		"Pagine principali,Clic,Impressioni,CTR,Posizione",
		"Populairste pagina's,Klikken,Vertoningen,CTR,Positie",
		"上位のページ,クリック数,表示回数,CTR,掲載順位",
	} {
		t.Run(header, func(t *testing.T) {
			sep := ","
			if strings.Contains(header, ";") {
				sep = ";"
			}
			in := header + "\nhttps://x.example/a" + sep + "3" + sep + "40" + sep + "7%" + sep + "2\n"
			kws, _, err := Parse(strings.NewReader(in))
			if !errors.Is(err, ErrPagesExport) || !strings.Contains(err.Error(), "line 1") {
				t.Fatalf("Parse = %+v, %v; want ErrPagesExport on line 1", kws, err)
			}
			pages, _, err := ParsePages(strings.NewReader(in))
			want := []seoplan.PageStat{{URL: "https://x.example/a", Clicks: 3, Impressions: 40, Position: 2}}
			if err != nil || !reflect.DeepEqual(pages, want) {
				t.Fatalf("ParsePages = %+v, %v; want %+v", pages, err, want)
			}
		})
	}
}

func TestParseLocaleNumbers(t *testing.T) {
	tests := []struct {
		in      string
		integer bool
		want    float64
	}{
		{"3,5 %", false, 3.5},
		{"3,5\u00a0%", false, 3.5},
		{"3,5\u202f%", false, 3.5},
		{"12,25 %", false, 12.25},
		{"0 %", false, 0},
		{"1.204", true, 1204},
		{"23.400", true, 23400},
		{"1\u202f204", true, 1204},
		{"1\u00a0204\u00a0567", true, 1204567},
		{"1'204", true, 1204},
		{"1.234,5", false, 1234.5},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseNumber(tt.in, tt.integer)
			if err != nil || got != tt.want {
				t.Fatalf("parseNumber(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}
