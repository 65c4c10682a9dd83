package feature

import (
	"net/url"
	"sort"
	"strings"

	"github.com/seoplan/seoplan"
)

// LearnSite learns a site's own names and its rivals from its pages: the
// og:site_name, a title suffix most pages share, the first label of the host
// name, and the other side of its comparison pages ("Acme vs Zendesk",
// "/alternatives/zendesk").
func LearnSite(pages []seoplan.Page) *Site {
	l := NewLearner()
	for i := range pages {
		l.Add(&pages[i])
	}
	return l.Site()
}

// Learner is LearnSite one page at a time, for a crawl too large to hold:
// it keeps counts, and of each page only its title and URL.
type Learner struct {
	s                        *Site
	suffixes, hosts, anchors map[string]int
	titles, urls             []string
	n                        int
}

// NewLearner returns a Learner that has seen no page.
func NewLearner() *Learner {
	return &Learner{
		s:        &Site{Own: map[string]bool{}, Rivals: map[string]bool{}, Chrome: map[string]bool{}, Sections: map[string]int{}, Inlinks: map[string]int{}},
		suffixes: map[string]int{}, hosts: map[string]int{}, anchors: map[string]int{},
	}
}

// Add learns from one page.
func (l *Learner) Add(p *seoplan.Page) {
	s := l.s
	l.n++
	seen := map[string]bool{}
	for _, lk := range p.Links {
		a := strings.ToLower(strings.TrimSpace(lk.Text))
		if a != "" && !seen[a] {
			seen[a] = true
			l.anchors[a]++
		}
	}
	if n := strings.ToLower(strings.TrimSpace(p.OGSiteName)); n != "" {
		addName(s.Own, n)
	}
	if n := strings.ToLower(SiteNameOf(p.Title)); n != "" && len(Words(n)) <= 3 {
		l.suffixes[n]++
	}
	if u, err := url.Parse(p.URL); err == nil && u.Hostname() != "" {
		l.hosts[strings.TrimPrefix(u.Hostname(), "www.")]++
	}
	l.titles = append(l.titles, p.Title)
	l.urls = append(l.urls, p.URL)
	learnStructure(s, p)
}

// Site returns what the pages added so far teach. Call it once, after the
// last Add.
func (l *Learner) Site() *Site {
	s := l.s
	s.Pages = l.n
	if l.n >= 4 {
		for a, c := range l.anchors {
			if 2*c > l.n {
				s.Chrome[a] = true
			}
		}
	}
	for n, c := range l.suffixes {
		if c >= 2 && c*3 >= l.n || l.n == 1 {
			addName(s.Own, n)
		}
	}
	for h := range l.hosts {
		label := h
		if i := strings.IndexByte(h, '.'); i > 0 {
			label = h[:i]
		}
		if len(label) > 2 && !genericWords[label] && !isNumber(label) && label != "localhost" {
			addName(s.Own, label)
		}
	}
	// Rivals: the side of a "vs" that is not ours, and alternatives pages.
	for i, t := range l.titles {
		title := strings.ToLower(StripSiteName(t))
		w := Words(title)
		for j, x := range w {
			if x != "vs" && x != "versus" {
				continue
			}
			left := nameBefore(w, j)
			right := nameAfter(w, j)
			switch {
			case s.Own[left] && right != "":
				addName(s.Rivals, right)
			case s.Own[right] && left != "":
				addName(s.Rivals, left)
			}
		}
		if u, err := url.Parse(l.urls[i]); err == nil {
			segs := strings.FieldsFunc(strings.ToLower(u.Path), func(r rune) bool { return r == '/' })
			for j, seg := range segs {
				if (seg == "alternatives" || seg == "compare" || seg == "vs") && j+1 < len(segs) {
					for _, part := range strings.Split(segs[j+1], "-vs-") {
						part = strings.TrimSuffix(strings.TrimSuffix(part, "-alternative"), "-alternatives")
						if part != "" && !s.Own[part] && !genericWords[part] {
							addName(s.Rivals, strings.ReplaceAll(part, "-", " "))
						}
					}
				}
			}
		}
	}
	for n := range s.Rivals {
		if s.Own[n] {
			delete(s.Rivals, n)
		}
	}
	return s
}

func addName(m map[string]bool, n string) {
	n = strings.Join(Words(n), " ")
	if n != "" && !genericWords[n] {
		m[n] = true
	}
}

func nameBefore(w []string, j int) string {
	if j == 0 {
		return ""
	}
	return w[j-1]
}

func nameAfter(w []string, j int) string {
	if j+1 >= len(w) || stopwords[w[j+1]] {
		return ""
	}
	return w[j+1]
}

// Names lists the site's own names and rivals, sorted, for reports.
func (s *Site) Names() (own, rivals []string) {
	if s == nil {
		return nil, nil
	}
	for n := range s.Own {
		own = append(own, n)
	}
	for n := range s.Rivals {
		rivals = append(rivals, n)
	}
	sort.Strings(own)
	sort.Strings(rivals)
	return own, rivals
}
