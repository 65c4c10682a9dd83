package sitesrv

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/seoplan/seoplan"
)

// Site is a sample site's description and hand-made ground truth.
type Site struct {
	Name        string // "Relaydesk"
	Origin      string // the origin its files are written with, e.g. "https://www.relaydesk.example"
	Description string
	Kind        string // "b2b-saas", "ecommerce" …
	// Labels has one row per HTML page served with 200, in file order.
	Labels []Label
	// Gaps are the cluster gaps planted on purpose; clusters not named here are clean.
	Gaps []PlantedGap
	// Audit lists the audit findings planted on purpose.
	Audit []PlantedFinding
}

// Label is one row of labels.tsv: a page's hand label and topic cluster.
type Label struct {
	Path    string // root-relative URL path, e.g. "/pricing"
	Intent  seoplan.Intent
	Subtype seoplan.Subtype
	Stage   seoplan.Stage
	Cluster string // cluster id, "" for pages in no topic ("-" in the file)
}

// PlantedGap is one row of gaps.tsv.
type PlantedGap struct {
	Cluster string
	Kind    seoplan.GapKind
	Pages   []string // paths the gap is about; may be empty
	Note    string
}

// PlantedFinding is one row of audit.tsv.
type PlantedFinding struct {
	Kind  seoplan.FindingKind
	Pages []string // paths the finding is about
	Note  string
}

// Label returns the hand label of the page at path.
func (s Site) Label(path string) (Label, bool) {
	for _, l := range s.Labels {
		if l.Path == path {
			return l, true
		}
	}
	return Label{}, false
}

// GapKinds lists the gap kinds a sample site may plant, as plan.go names them.
var GapKinds = []seoplan.GapKind{
	seoplan.GapNoProblemContent, seoplan.GapNoBridge, seoplan.GapNoPillar,
	seoplan.GapMissingStage, seoplan.GapLopsided,
}

// FindingKinds lists the audit finding kinds a sample site may plant.
var FindingKinds = []seoplan.FindingKind{
	seoplan.FindingCannibalisation, seoplan.FindingOrphan, seoplan.FindingNoProductLink,
	seoplan.FindingPillarUnlinked, seoplan.FindingThin, seoplan.FindingNoindexInCluster,
	seoplan.FindingBrokenLink, seoplan.FindingDuplicateTitle, seoplan.FindingMissingMetaDesc,
}

// Load reads a sample site's site.json, labels.tsv, gaps.tsv and audit.tsv.
// gaps.tsv and audit.tsv may be absent (nothing planted); a label, gap or
// finding with a name outside the taxonomy is an error.
func Load(site fs.FS) (Site, error) {
	s, err := readMeta(site)
	if err != nil {
		return Site{}, err
	}
	if err := readTSV(site, "labels.tsv", []string{"path", "intent", "subtype", "stage", "cluster"}, false, func(f []string) error {
		l, err := parseLabel(f)
		if err != nil {
			return err
		}
		if _, dup := s.Label(l.Path); dup {
			return fmt.Errorf("path %s labelled twice", l.Path)
		}
		s.Labels = append(s.Labels, l)
		return nil
	}); err != nil {
		return Site{}, err
	}
	if err := readTSV(site, "gaps.tsv", []string{"cluster", "kind", "pages", "note"}, true, func(f []string) error {
		kind := seoplan.GapKind(f[1])
		if !slices.Contains(GapKinds, kind) {
			return fmt.Errorf("unknown gap kind %q", f[1])
		}
		s.Gaps = append(s.Gaps, PlantedGap{Cluster: f[0], Kind: kind, Pages: splitPages(f[2]), Note: f[3]})
		return nil
	}); err != nil {
		return Site{}, err
	}
	if err := readTSV(site, "audit.tsv", []string{"kind", "pages", "note"}, true, func(f []string) error {
		kind := seoplan.FindingKind(f[0])
		if !slices.Contains(FindingKinds, kind) {
			return fmt.Errorf("unknown finding kind %q", f[0])
		}
		s.Audit = append(s.Audit, PlantedFinding{Kind: kind, Pages: splitPages(f[1]), Note: f[2]})
		return nil
	}); err != nil {
		return Site{}, err
	}
	return s, nil
}

// readMeta reads site.json; Labels, Gaps and Audit stay empty.
func readMeta(site fs.FS) (Site, error) {
	b, err := fs.ReadFile(site, "site.json")
	if err != nil {
		return Site{}, fmt.Errorf("read site.json: %w", err)
	}
	var m struct {
		Name        string `json:"name"`
		Origin      string `json:"origin"`
		Description string `json:"description"`
		Kind        string `json:"kind"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return Site{}, fmt.Errorf("parse site.json: %w", err)
	}
	if m.Name == "" {
		return Site{}, errors.New("site.json: name is empty")
	}
	if !strings.HasPrefix(m.Origin, "http://") && !strings.HasPrefix(m.Origin, "https://") ||
		strings.Count(m.Origin, "/") != 2 {
		return Site{}, fmt.Errorf("site.json: origin %q is not scheme://host", m.Origin)
	}
	return Site{Name: m.Name, Origin: m.Origin, Description: m.Description, Kind: m.Kind}, nil
}

func parseLabel(f []string) (Label, error) {
	l := Label{Path: f[0], Intent: seoplan.Intent(f[1]), Subtype: seoplan.Subtype(f[2]), Stage: seoplan.Stage(f[3]), Cluster: f[4]}
	if !strings.HasPrefix(l.Path, "/") {
		return Label{}, fmt.Errorf("path %q must start with /", l.Path)
	}
	if !slices.Contains(seoplan.Intents, l.Intent) {
		return Label{}, fmt.Errorf("%s: unknown intent %q", l.Path, f[1])
	}
	if in := l.Subtype.Intent(); in != l.Intent {
		if in == "" {
			return Label{}, fmt.Errorf("%s: unknown subtype %q", l.Path, f[2])
		}
		return Label{}, fmt.Errorf("%s: subtype %s belongs to intent %s, not %s", l.Path, l.Subtype, in, l.Intent)
	}
	if !slices.Contains(seoplan.Stages, l.Stage) {
		return Label{}, fmt.Errorf("%s: unknown stage %q", l.Path, f[3])
	}
	if (l.Intent == seoplan.IntentOther) != (l.Stage == seoplan.StageNone) {
		return Label{}, fmt.Errorf("%s: intent %s with stage %s (other pages, and only they, have stage none)", l.Path, l.Intent, l.Stage)
	}
	if l.Cluster == "-" {
		l.Cluster = ""
	}
	return l, nil
}

// splitPages splits a pages cell: paths separated by commas or spaces, "-"
// for none.
func splitPages(cell string) []string {
	if cell == "-" {
		return nil
	}
	return strings.FieldsFunc(cell, func(r rune) bool { return r == ',' || r == ' ' })
}

// readTSV reads a tab-separated file whose first line must be header, and
// calls row for every other non-blank line, which must have as many fields.
func readTSV(site fs.FS, name string, header []string, optional bool, row func([]string) error) error {
	f, err := site.Open(name)
	if optional && errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open %s: %w", name, err)
	}
	defer f.Close()
	return parseTSV(f, name, header, row)
}

func parseTSV(r io.Reader, name string, header []string, row func([]string) error) error {
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if n == 1 {
			if got := strings.Split(line, "\t"); !slices.Equal(got, header) {
				return fmt.Errorf("%s: header %q, want %q", name, got, header)
			}
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != len(header) {
			return fmt.Errorf("%s:%d: %d fields, want %d", name, n, len(f), len(header))
		}
		if err := row(f); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if n == 0 {
		return fmt.Errorf("%s: empty, want header %q", name, header)
	}
	return nil
}
