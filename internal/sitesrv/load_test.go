package sitesrv

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/seoplan/seoplan"
)

func TestLoad(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	fsys := fstest.MapFS{
		"site.json":  file(`{"name":"Tiny","origin":"https://www.tiny.example","description":"d","kind":"b2b-saas"}`),
		"labels.tsv": file("path\tintent\tsubtype\tstage\tcluster\n/\tother\tnavigational\tnone\t-\n/pricing\tproduct\tpricing\tdecision\tbilling\r\n\n"),
		"gaps.tsv":   file("cluster\tkind\tpages\tnote\nbilling\tno-pillar\t-\tno guide\nbilling\tlopsided\t/pricing, /x\tonly product\n"),
		"audit.tsv":  file("kind\tpages\tnote\nthin\t/pricing\tshort\n"),
	}
	got, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	want := Site{
		Name: "Tiny", Origin: "https://www.tiny.example", Description: "d", Kind: "b2b-saas",
		Labels: []Label{
			{Path: "/", Intent: seoplan.IntentOther, Subtype: seoplan.SubtypeNavigational, Stage: seoplan.StageNone},
			{Path: "/pricing", Intent: seoplan.IntentProduct, Subtype: seoplan.SubtypePricing, Stage: seoplan.StageDecision, Cluster: "billing"},
		},
		Gaps: []PlantedGap{
			{Cluster: "billing", Kind: seoplan.GapNoPillar, Note: "no guide"},
			{Cluster: "billing", Kind: seoplan.GapLopsided, Pages: []string{"/pricing", "/x"}, Note: "only product"},
		},
		Audit: []PlantedFinding{{Kind: seoplan.FindingThin, Pages: []string{"/pricing"}, Note: "short"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Load() =\n%+v\nwant\n%+v", got, want)
	}
	if l, ok := got.Label("/pricing"); !ok || l.Subtype != seoplan.SubtypePricing {
		t.Errorf("Label(/pricing) = %+v, %v", l, ok)
	}
	if _, ok := got.Label("/nope"); ok {
		t.Error("Label(/nope) found a label")
	}
}

func TestLoadErrors(t *testing.T) {
	const head = "path\tintent\tsubtype\tstage\tcluster\n"
	tests := []struct {
		name   string
		labels string
		gaps   string
		audit  string
		want   string
	}{
		{name: "bad header", labels: "path\tintent\n", want: "header"},
		{name: "empty labels", labels: "", want: "empty"},
		{name: "too few fields", labels: head + "/\tother\tcompany\tnone\n", want: "labels.tsv:2: 4 fields"},
		{name: "unknown intent", labels: head + "/\tmaybe\tcompany\tnone\t-\n", want: "unknown intent"},
		{name: "unknown subtype", labels: head + "/\tother\tblog\tnone\t-\n", want: "unknown subtype"},
		{name: "subtype of another intent", labels: head + "/\tproblem\tpricing\tdecision\t-\n", want: "belongs to intent product"},
		{name: "unknown stage", labels: head + "/\tproblem\thow-to\tlate\t-\n", want: "unknown stage"},
		{name: "other with a stage", labels: head + "/\tother\tcompany\tdecision\t-\n", want: "stage none"},
		{name: "problem without a stage", labels: head + "/\tproblem\thow-to\tnone\t-\n", want: "stage none"},
		{name: "relative path", labels: head + "about\tother\tcompany\tnone\t-\n", want: "must start with /"},
		{name: "duplicate path", labels: head + "/\tother\tcompany\tnone\t-\n/\tother\tcompany\tnone\t-\n", want: "labelled twice"},
		{name: "unknown gap kind", labels: head, gaps: "cluster\tkind\tpages\tnote\nx\tboring\t-\tn\n", want: "unknown gap kind"},
		{name: "unknown finding kind", labels: head, audit: "kind\tpages\tnote\nugly\t/\tn\n", want: "unknown finding kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"site.json":  {Data: []byte(`{"name":"X","origin":"https://x.example"}`)},
				"labels.tsv": {Data: []byte(tt.labels)},
			}
			if tt.gaps != "" {
				fsys["gaps.tsv"] = &fstest.MapFile{Data: []byte(tt.gaps)}
			}
			if tt.audit != "" {
				fsys["audit.tsv"] = &fstest.MapFile{Data: []byte(tt.audit)}
			}
			_, err := Load(fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load() error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func FuzzLoadLabels(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/sites/*/labels.tsv")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("path\tintent\tsubtype\tstage\tcluster\n/\tproblem\thow-to\tawareness\tx\n")
	f.Fuzz(func(t *testing.T, labels string) {
		site, err := Load(fstest.MapFS{
			"site.json":  {Data: []byte(`{"name":"X","origin":"https://x.example"}`)},
			"labels.tsv": {Data: []byte(labels)},
		})
		if err != nil {
			return
		}
		// Whatever Load accepts must be a valid label.
		for _, l := range site.Labels {
			if l.Subtype.Intent() != l.Intent || (l.Intent == seoplan.IntentOther) != (l.Stage == seoplan.StageNone) || !strings.HasPrefix(l.Path, "/") {
				t.Errorf("accepted bad label %+v", l)
			}
		}
	})
}
