package planner

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
)

func TestReadPersonas(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []string // names
		wantErr string
	}{
		{"two personas", `[{"name":" Agency owner ","segment":["agency",""],"pains":["reporting"]},{"name":"Founder"}]`, []string{"Agency owner", "Founder"}, ""},
		{"empty list", `[]`, []string{}, ""},
		{"not a list", `{"name":"x"}`, nil, "want a JSON list"},
		{"missing name", `[{"segment":["x"]}]`, nil, "persona 1 has no name"},
		{"duplicate", `[{"name":"A"},{"name":"a"}]`, nil, "listed twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := ReadPersonas(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			names := []string{}
			for _, p := range ps {
				names = append(names, p.Name)
				if slices.Contains(p.Segment, "") {
					t.Errorf("empty segment word kept: %q", p.Segment)
				}
			}
			if !slices.Equal(names, tt.want) {
				t.Errorf("names = %q, want %q", names, tt.want)
			}
		})
	}
}

func FuzzReadPersonas(f *testing.F) {
	seed, err := os.ReadFile("testdata/personas.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed))
	f.Add(`[{"name":"x","segment":[1]}]`)
	f.Fuzz(func(t *testing.T, in string) {
		ps, err := ReadPersonas(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, p := range ps {
			if strings.TrimSpace(p.Name) == "" {
				t.Fatalf("accepted a persona without a name: %+v", p)
			}
		}
	})
}

func TestPersonasTagProposals(t *testing.T) {
	f, err := os.Open("testdata/personas.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ps, err := ReadPersonas(f)
	if err != nil {
		t.Fatal(err)
	}
	p := plan(t, fixture(), WithPersonas(ps))
	for _, pr := range p.Proposals {
		want := "Support lead"
		if pr.Cluster == "customer-onboarding" {
			want = "Founder"
		}
		if pr.Persona != want {
			t.Errorf("proposal %s for persona %q, want %q", pr.ID, pr.Persona, want)
		}
	}
	if len(p.Personas) != 2 || p.Personas[0].Proposed == 0 || p.Personas[1].Proposed == 0 {
		t.Errorf("persona counts = %+v", p.Personas)
	}
}

func TestSitePersonas(t *testing.T) {
	pages := fixture()
	for _, title := range []string{"Example for agencies", "Help desk for agencies | Example", "Example for the win"} {
		lp := pg("/solutions/"+slug(title), prod, seoplan.SubtypeProduct, seoplan.StageDecision, 700, []string{"agency:9"})
		lp.Page.Title = title
		pages = append(pages, lp)
	}
	p := plan(t, pages)
	if len(p.Personas) != 1 || p.Personas[0].Name != "Agencies" || p.Personas[0].Pages < 2 {
		t.Errorf("personas = %+v, want one for agencies", p.Personas)
	}
}

func TestSegmentKeepsTheSitesCapitals(t *testing.T) {
	tests := []struct{ in, want string }{
		{"B2B support teams that sell", "B2B support teams"},
		{"small business owners", "small business owners"},
		{"SaaS founders and their teams", "SaaS founders"},
		{"the price of one", ""},
		{"free", ""},
	}
	for _, tt := range tests {
		if got := segment(tt.in); got != tt.want {
			t.Errorf("segment(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
