package planner

import (
	"sort"

	"github.com/seoplan/seoplan"
)

// A cluster's content is its product and problem pages: they are what its
// gaps and proposals count. A site files more pages under a topic than
// that: the announcement of a feature, the release notes of a product
// area, the index page of a docs section, a tag's archive, a post that
// shares its topic with no other page. relate finds the cluster each such
// page belongs to, so plan.json and the roadmap list it with its topic
// (a consultant links it to the pillar, refreshes it with the cluster),
// while it fills no gap and is not counted in the cluster's coverage.
const (
	// relateShare is the share of a page's evidence (its most similar
	// clustered pages and the links between it and them) that one cluster
	// must exceed for the page to be related to it: a blog index, linking to
	// every topic alike, is related to none.
	relateShare = 0.5
	// relateMin is the least evidence a page needs, in the units of the
	// clustering graph's edges (a cosine, or a link's linkBonus).
	relateMin = 0.2
)

// relatable reports whether p, outside every cluster, may be related to
// one: a news post, a navigational or archive page, or a product or
// problem page left alone; never the home page, a service page (contact,
// sign-in, delivery and returns) or a company or legal page.
func (p *page) relatable() bool {
	if pathIsRoot(p.url) || servicePage(p.url) {
		return false
	}
	switch p.label.Subtype {
	case seoplan.SubtypeNews, seoplan.SubtypeNavigational, seoplan.SubtypeArchive:
		return true
	}
	return p.clusterable()
}

// relate returns, for each group of groups (html indexes; a group of one
// page is no cluster), the pages outside the groups related to it, in
// URL order. node, nodes, vecs and postings are the clustering's (see
// clusterPages), sp the space its vectors are in.
func relate(s *site, sp *termSpace, node map[int]int, nodes []int, vecs []termVec, postings [][]posting, groups [][]int) [][]int {
	group := make([]int, len(s.html)) // html index → its group of two pages or more, -1 for none
	for i := range group {
		group[i] = -1
	}
	for g, members := range groups {
		if len(members) >= 2 {
			for _, i := range members {
				group[i] = g
			}
		}
	}
	related := make([][]int, len(groups))
	near := newNearScratch(len(nodes))
	vote := make(map[int]float64)
	for i, p := range s.html {
		if group[i] >= 0 || !p.relatable() {
			continue
		}
		clear(vote)
		var total float64
		add := func(g int, w float64) {
			total += w
			if g >= 0 {
				vote[g] += w
			}
		}
		self, isNode := node[i]
		v := vecs[self]
		if !isNode {
			v = sp.vector(i)
			self = -1
		}
		for _, nb := range near.nearest(v, postings, self) {
			add(group[nodes[nb.to]], nb.sim)
		}
		// A deliberate link either way, weighed as clusterPages weighs it.
		for _, j := range p.content {
			add(group[j], p.linkWeight())
		}
		for _, j := range p.in {
			if q := s.html[j]; q.linksInText(i) {
				add(group[j], q.linkWeight())
			}
		}
		best, bestW := -1, 0.0
		for g, w := range vote {
			if w > bestW || w == bestW && g < best {
				best, bestW = g, w
			}
		}
		if best >= 0 && bestW >= relateMin && bestW > relateShare*total {
			related[best] = append(related[best], i)
		}
	}
	for _, r := range related {
		sort.Ints(r)
	}
	return related
}
