package planner

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/seoplan/seoplan"
)

// maxPersonaFile bounds what ReadPersonas reads: a persona list is small.
const maxPersonaFile = 1 << 20

// ReadPersonas reads a --personas file: a JSON list of objects with "name",
// "segment" (words that mark content for the persona) and "pains".
//
//	[{"name": "Agency owner", "segment": ["agency", "clients"], "pains": ["client reporting"]}]
func ReadPersonas(r io.Reader) ([]seoplan.Persona, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxPersonaFile+1))
	if err != nil {
		return nil, fmt.Errorf("read personas: %w", err)
	}
	if len(data) > maxPersonaFile {
		return nil, fmt.Errorf("read personas: file is larger than %d bytes", maxPersonaFile)
	}
	var raw []struct {
		Name    string   `json:"name"`
		Segment []string `json:"segment"`
		Pains   []string `json:"pains"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("read personas: want a JSON list of {name, segment, pains}: %w", err)
	}
	out := make([]seoplan.Persona, 0, len(raw))
	seen := make(map[string]bool)
	for i, p := range raw {
		name := strings.TrimSpace(p.Name)
		if name == "" {
			return nil, fmt.Errorf("read personas: persona %d has no name", i+1)
		}
		if seen[strings.ToLower(name)] {
			return nil, fmt.Errorf("read personas: persona %q is listed twice", name)
		}
		seen[strings.ToLower(name)] = true
		out = append(out, seoplan.Persona{Name: name, Segment: clean(p.Segment), Pains: clean(p.Pains)})
	}
	return out, nil
}

func clean(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// forSegment matches the segments a site names for itself: "for agencies",
// "for small business", "for e-commerce teams".
var forSegment = regexp.MustCompile(`(?i)\bfor ((?:[a-z][a-z-]*)(?: [a-z][a-z-]*){0,2})`)

// notSegments are words after "for" that name no reader.
var notSegments = map[string]bool{
	"the": true, "a": true, "an": true, "you": true, "your": true, "free": true, "more": true, "all": true,
	"every": true, "each": true, "any": true, "it": true, "this": true, "that": true, "them": true, "us": true,
	"example": true, "instance": true, "years": true, "now": true, "less": true, "good": true, "what": true,
	"how": true, "when": true, "in": true, "on": true, "with": true, "and": true, "or": true, "to": true,
}

// sitePersonas derives personas from the segments the site's product pages
// name in their titles and h1s. A segment needs two pages, or one landing
// page, to count.
func sitePersonas(s *site) []seoplan.Persona {
	count := make(map[string]int)
	for _, p := range s.html {
		if p.label.Intent != seoplan.IntentProduct {
			continue
		}
		seen := make(map[string]bool)
		for _, t := range append([]string{p.lp.Page.Title}, p.lp.Page.H1...) {
			for _, m := range forSegment.FindAllStringSubmatch(t, -1) {
				seg := segment(m[1])
				if seg == "" || seen[seg] {
					continue
				}
				seen[seg] = true
				count[seg]++
				if p.label.Subtype == seoplan.SubtypeProduct {
					count[seg]++
				}
			}
		}
	}
	var out []seoplan.Persona
	for _, seg := range sortedKeys(count) {
		if count[seg] < 2 {
			continue
		}
		out = append(out, seoplan.Persona{Name: sentence(seg), Segment: []string{seg}})
	}
	return out
}

// segment trims a "for …" capture to the reader it names, or "".
func segment(m string) string {
	words := strings.Fields(strings.ToLower(m))
	if len(words) == 0 || notSegments[words[0]] {
		return ""
	}
	// Stop at the first word that starts a new clause.
	for i, w := range words {
		if notSegments[w] {
			words = words[:i]
			break
		}
	}
	return strings.Join(words, " ")
}

// countPersonas fills in how many pages and proposals serve each persona.
func countPersonas(s *site, personas []seoplan.Persona, props []seoplan.Proposal) []seoplan.Persona {
	if len(personas) == 0 {
		return nil
	}
	out := make([]seoplan.Persona, len(personas))
	for i, p := range personas {
		out[i] = p
		out[i].Pages, out[i].Proposed = 0, 0
		words := make(map[string]bool)
		for _, t := range tokens(strings.Join(p.Segment, " ")) {
			words[t] = true
		}
		for _, pg := range s.html {
			text := pg.url + " " + pg.lp.Page.Title + " " + strings.Join(pg.lp.Page.H1, " ")
			for _, t := range tokens(text) {
				if words[t] {
					out[i].Pages++
					break
				}
			}
		}
		for _, pr := range props {
			if pr.Persona == p.Name {
				out[i].Proposed++
			}
		}
	}
	return out
}

// highlights picks the five things the summary leads with: gaps that cost a
// whole cluster first, then the most severe findings.
func highlights(p *seoplan.Plan) []string {
	type item struct {
		rank  int
		size  int
		order int
		text  string
	}
	var items []item
	gapRank := map[seoplan.GapKind]int{
		seoplan.GapNoBridge: 0, seoplan.GapNoPillar: 1, seoplan.GapNoProblemContent: 1,
		seoplan.GapLopsided: 3, seoplan.GapMissingStage: 4, seoplan.GapUncoveredKeyword: 4,
	}
	for _, c := range p.Clusters {
		for _, g := range c.Gaps {
			items = append(items, item{gapRank[g.Kind], len(g.Pages), len(items), g.Reason})
		}
	}
	for _, f := range p.Audit {
		r := 2
		switch f.Severity {
		case "medium":
			r = 5
		case "low":
			r = 6
		}
		items = append(items, item{r, len(f.Pages), len(items), f.Summary})
	}
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].rank != items[j].rank {
			return items[i].rank < items[j].rank
		}
		if items[i].size != items[j].size {
			return items[i].size > items[j].size
		}
		return items[i].order < items[j].order
	})
	out := []string{}
	for i := 0; i < len(items) && i < 5; i++ {
		out = append(out, items[i].text)
	}
	return out
}
