package planner

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/seoplan/seoplan"
)

func TestTitleRuns(t *testing.T) {
	brand := map[string]bool{"gitpod": true}
	tests := []struct {
		title string
		want  string // runs as the title writes them, "|" between
	}{
		{"Self-Hosted on GCP", "Self-Hosted|GCP"},
		{"Interview with Life360", "Interview|Life360"},
		{"Change Management Software for IT", "Change Management Software"},
		{"Service Discovery with etcd", "Service Discovery|etcd"},
		{"Gitpod Workspaces: Timeouts", "Workspaces|Timeouts"},
		{"What's new in v2.0 (2024)", "new|v2"},
		{"Foo - Bar's tips", "Foo|Bar's tips"},
		{"-leading ‐ dash, 'quoted' word", "leading|dash|quoted|word"},
		{"", ""},
	}
	for _, tc := range tests {
		var got []string
		for _, run := range titleRuns(tc.title, brand) {
			_, text := gramOf(tc.title, run)
			got = append(got, text)
		}
		if g := strings.Join(got, "|"); g != tc.want {
			t.Errorf("titleRuns(%q) = %q, want %q", tc.title, g, tc.want)
		}
	}
}

// TestClusterNamesFromTitles: where the text's phrases name a cluster by a
// word its pages mention, the run of words its titles share names it, as
// the site does; a single title word never replaces a phrase, and a
// phrase the titles say stays.
func TestClusterNamesFromTitles(t *testing.T) {
	page := func(path, title string, phrases ...string) seoplan.LabeledPage {
		p := pg(path, prob, seoplan.SubtypeHowTo, seoplan.StageConsideration, 700, phrases)
		p.Page.Title = title
		return p
	}
	// Three docs pages whose text speaks of "options" and whose titles all
	// say "Field Plugin" (a noun phrase of the site's text too, as a name
	// must be); three on payroll whose titles say the phrase of their
	// text in other words.
	ps := []seoplan.LabeledPage{
		page("/docs/fields/color/", "Color Field Plugin", "options:9", "color picker:4"),
		page("/docs/fields/date/", "Date Field Plugin", "options:9", "date format:4"),
		page("/docs/fields/toggle/", "Toggle Field Plugin", "options:9", "toggle:4", "field plugin:2"),
		page("/guides/first-payroll/", "Payroll for First-Time Employers", "first payroll:9", "employer:4"),
		page("/blog/first-payroll-run/", "How to Run Payroll for the First Time", "first payroll:9", "paye:4"),
		page("/blog/first-payroll-mistakes/", "First Payroll Mistakes", "first payroll:9", "employer:3"),
	}
	var names []string
	for _, c := range plan(t, ps).Clusters {
		names = append(names, c.Name)
	}
	got := strings.Join(names, "|")
	for _, want := range []string{"field plugin", "first payroll"} {
		if !strings.Contains("|"+got+"|", "|"+want+"|") {
			t.Errorf("cluster names %q, want one named %q", got, want)
		}
	}
}

// FuzzTitleRuns splits crawled titles into runs of words: every run is
// words of the title, in order, each with a stem.
func FuzzTitleRuns(f *testing.F) {
	for _, s := range []string{"Self-Hosted on GCP", "What's new in v2.0", "‐-'’", "\xff\xfeA-b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, title string) {
		last := 0
		for _, run := range titleRuns(title, nil) {
			if len(run) == 0 {
				t.Fatal("empty run")
			}
			for _, w := range run {
				if w.start < last || w.end <= w.start || w.end > len(title) || w.stem == "" {
					t.Fatalf("word %+v out of place in %q", w, title)
				}
				last = w.end
			}
			if _, text := gramOf(title, run); !utf8.ValidString(title) || text == "" {
				if utf8.ValidString(title) {
					t.Fatalf("run %+v writes nothing", run)
				}
			}
		}
	})
}

// TestAcronyms: words the titles write in capitals keep them in names;
// a title in capitals throughout, or a word capitalised once, does not
// make an acronym.
func TestAcronyms(t *testing.T) {
	titled := func(path, title string) seoplan.LabeledPage {
		p := pg(path, prob, seoplan.SubtypeHowTo, seoplan.StageConsideration, 600, nil)
		p.Page.Title = title
		return p
	}
	s, _ := newSite(Input{Site: origin + "/", Pages: []seoplan.LabeledPage{
		titled("/a/", "VAT Returns for Small Businesses"),
		titled("/b/", "What Is VAT? | Example"),
		titled("/c/", "HOW TO FILE PAYE ON TIME"),
		titled("/d/", "PAYE explained"),
		titled("/e/", "CRM tips"),
		titled("/f/", "Crm or spreadsheet"),
		titled("/g/", "CRM for Agencies"),
		titled("/h/", "MySQL backups"),
		titled("/i/", "Connect MySQL"),
	}}, "")
	acr := acronyms(s)
	for name, want := range map[string]string{
		"vat returns": "VAT returns", "paye": "paye", "crm": "crm", "small businesses": "small businesses",
		"mysql database": "MySQL database",
	} {
		if got := recase(name, acr); got != want {
			t.Errorf("recase(%q) = %q, want %q (acronyms %v)", name, got, want, acr)
		}
	}
}

// TestFolderNames: a cluster sits in a folder whose name names it when
// the folder holds most of the cluster and the cluster most of the
// folder, and the folder's name is of two words or more, not only a
// format's.
func TestFolderNames(t *testing.T) {
	var pages []seoplan.LabeledPage
	for _, path := range []string{
		"/docs/surveys/question-type/matrix/", "/docs/surveys/question-type/consent/",
		"/docs/surveys/question-type/rating/", "/docs/surveys/question-type/ranking/",
		"/docs/surveys/question-type/date/", "/docs/surveys/question-type/address/",
		"/docs/surveys/general-features/validation/",
		"/docs/standards/naming/", "/docs/standards/errors/", "/docs/standards/formatting/",
		"/docs/tools-list/a/", "/docs/tools-list/b/",
		"/docs/self-hosting/install/", "/docs/self-hosting/upgrade/", "/docs/self-hosting/backups/",
	} {
		pages = append(pages, pg(path, prob, seoplan.SubtypeHowTo, seoplan.StageConsideration, 600, nil))
	}
	s, err := newSite(Input{Site: origin + "/", Pages: pages}, "")
	if err != nil {
		t.Fatal(err)
	}
	dirs := newFolders(s)
	for _, tc := range []struct {
		name  string
		paths []string
		want  string // "" for none
	}{
		{"deepest folder holding most of the cluster", []string{
			"/docs/surveys/question-type/matrix/", "/docs/surveys/question-type/consent/", "/docs/surveys/question-type/rating/",
			"/docs/surveys/question-type/ranking/", "/docs/surveys/general-features/validation/"}, "question type"},
		{"a folder of one word says no more than a word", []string{"/docs/standards/naming/", "/docs/standards/errors/", "/docs/standards/formatting/"}, ""},
		{"a format's folder names no topic", []string{"/docs/tools-list/a/", "/docs/tools-list/b/"}, ""},
		{"the cluster holds too little of the folder", []string{"/docs/surveys/question-type/matrix/", "/docs/surveys/question-type/consent/"}, ""},
		{"under half the cluster in the folder", []string{"/docs/self-hosting/install/", "/docs/standards/naming/", "/docs/standards/errors/"}, ""},
		{"a multi-word folder", []string{"/docs/self-hosting/install/", "/docs/self-hosting/upgrade/", "/docs/self-hosting/backups/"}, "self hosting"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var idx []int
			for _, p := range tc.paths {
				idx = append(idx, s.index[origin+p])
			}
			_, got, ok := dirs.name(s, idx, map[string]bool{})
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("name %q (ok %v), want %q", got, ok, tc.want)
			}
		})
	}
}
