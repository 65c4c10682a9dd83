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
var forSegment = regexp.MustCompile(`(?i)\bfor ((?:[a-z0-9][a-z0-9-]*)(?: [a-z0-9][a-z0-9-]*){0,3})`)

// audiences are the head nouns that make a "for …" phrase name readers
// ("for B2B support teams", "for small business") rather than a use ("for
// wet hills", "for customer support").
var audiences = map[string]bool{
	"team": true, "teams": true, "agency": true, "agencies": true, "business": true, "businesses": true,
	"company": true, "companies": true, "startup": true, "startups": true, "founder": true, "founders": true,
	"manager": true, "managers": true, "lead": true, "leads": true, "leader": true, "leaders": true,
	"marketer": true, "marketers": true, "developer": true, "developers": true, "engineer": true, "engineers": true,
	"beginner": true, "beginners": true, "family": true, "families": true, "kids": true, "men": true, "women": true,
	"runner": true, "runners": true, "walker": true, "walkers": true, "hiker": true, "hikers": true,
	"enterprise": true, "enterprises": true, "freelancer": true, "freelancers": true, "school": true, "schools": true,
	"nonprofit": true, "nonprofits": true, "retailer": true, "retailers": true, "store": true, "stores": true,
	"shop": true, "shops": true, "seller": true, "sellers": true, "owner": true, "owners": true,
	"professional": true, "professionals": true, "student": true, "students": true, "parent": true, "parents": true,
	"traveller": true, "travellers": true, "camper": true, "campers": true, "climber": true, "climbers": true,
	"agent": true, "agents": true, "creator": true, "creators": true, "brand": true, "brands": true,
	"organisation": true, "organisations": true, "organization": true, "organizations": true, "smb": true, "smbs": true,
}

// notSegments are words after "for" that name no reader.
var notSegments = map[string]bool{
	"the": true, "a": true, "an": true, "you": true, "your": true, "free": true, "more": true, "all": true,
	"every": true, "each": true, "any": true, "it": true, "this": true, "that": true, "them": true, "us": true,
	"example": true, "instance": true, "years": true, "now": true, "less": true, "good": true, "what": true,
	"how": true, "when": true, "in": true, "on": true, "with": true, "and": true, "or": true, "to": true,
}

// sitePersonas derives personas from the readers the site's pages name in
// their titles, h1s and meta descriptions ("for agencies"). A segment needs
// two pages, or one landing page, to count.
func sitePersonas(s *site) []seoplan.Persona {
	count := make(map[string]int)
	display := make(map[string]string) // lower-cased segment → as the site first wrote it
	for _, p := range s.html {
		if !p.clusterable() && !pathIsRoot(p.url) {
			continue
		}
		seen := make(map[string]bool)
		for _, t := range append([]string{p.lp.Page.Title, p.lp.Page.MetaDescription}, p.lp.Page.H1...) {
			for _, m := range forSegment.FindAllStringSubmatch(t, -1) {
				written := segment(m[1])
				seg := strings.ToLower(written)
				if seg == "" || seen[seg] {
					continue
				}
				seen[seg] = true
				if display[seg] == "" {
					display[seg] = written
				}
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
		out = append(out, seoplan.Persona{Name: sentence(display[seg]), Segment: []string{seg}})
	}
	return out
}

// segment trims a "for …" capture to the readers it names, ending on an
// audience noun, or "". It keeps the site's capitals ("B2B support teams"),
// so words are looked up lower-cased.
func segment(m string) string {
	words := strings.Fields(m)
	if len(words) == 0 || notSegments[strings.ToLower(words[0])] {
		return ""
	}
	// Stop at the first word that starts a new clause.
	for i, w := range words {
		if notSegments[strings.ToLower(w)] {
			words = words[:i]
			break
		}
	}
	for len(words) > 0 && !audiences[strings.ToLower(words[len(words)-1])] {
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}

// countPersonas fills in how many pages and proposals serve each persona.
func countPersonas(s *site, personas []seoplan.Persona, props []seoplan.Proposal) []seoplan.Persona {
	if len(personas) == 0 {
		return nil
	}
	// Each page's words, once for every persona.
	words := make([]map[string]bool, len(s.html))
	for k, pg := range s.html {
		has := make(map[string]bool)
		for _, t := range tokens(pg.url + " " + pg.lp.Page.Title + " " + pg.lp.Page.MetaDescription + " " + strings.Join(pg.lp.Page.H1, " ")) {
			has[t] = true
		}
		words[k] = has
	}
	out := make([]seoplan.Persona, len(personas))
	for i, p := range personas {
		out[i] = p
		out[i].Pages, out[i].Proposed = 0, 0
		// A page serves the persona when it carries every word of one of
		// its segments ("b2b support teams", not just "teams").
		var segs [][]string
		for _, seg := range p.Segment {
			if t := tokens(seg); len(t) > 0 {
				segs = append(segs, t)
			}
		}
		for _, has := range words {
			for _, seg := range segs {
				all := true
				for _, t := range seg {
					all = all && has[t]
				}
				if all {
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
