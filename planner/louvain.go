package planner

import (
	"context"
	"fmt"
)

// graph is an undirected weighted graph in adjacency-list form. Self-loops
// (from aggregation) are kept in self, counted twice in a node's degree as
// modularity wants.
type graph struct {
	adj  [][]edge
	self []float64
}

type edge struct {
	to int
	w  float64
}

// louvain partitions g into communities by greedy modularity optimisation
// (Blondel et al. 2008): move single nodes to the neighbouring community that
// gains most, then merge each community into one node and repeat. Nodes are
// visited in index order and ties go to the lower community, so the result is
// deterministic. gamma is the resolution: joining a community costs gamma
// times its expected weight (1 is plain modularity; more finds smaller
// communities). It returns a community number for each node, numbered by
// first appearance.
func louvain(ctx context.Context, g graph, gamma float64) ([]int, error) {
	n := len(g.adj)
	member := make([]int, n) // original node → current aggregated node
	for i := range member {
		member[i] = i
	}
	for level := 0; level < 20; level++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("cluster pages: %w", err)
		}
		comm, moved := localMoving(g, gamma)
		if !moved {
			break
		}
		renumber(comm)
		for i := range member {
			member[i] = comm[member[i]]
		}
		g = aggregate(g, comm)
	}
	return renumber(member), nil
}

func localMoving(g graph, gamma float64) ([]int, bool) {
	n := len(g.adj)
	deg := make([]float64, n)
	var m2 float64
	for i, es := range g.adj {
		d := 2 * g.self[i]
		for _, e := range es {
			d += e.w
		}
		deg[i] = d
		m2 += d
	}
	comm := make([]int, n)
	tot := make([]float64, n)
	for i := range comm {
		comm[i] = i
		tot[i] = deg[i]
	}
	if m2 == 0 {
		return comm, false
	}
	wTo := make([]float64, n)
	var touched []int
	movedAny := false
	for pass := 0; pass < 50; pass++ {
		moved := false
		for i := 0; i < n; i++ {
			if deg[i] == 0 {
				continue
			}
			touched = touched[:0]
			for _, e := range g.adj[i] {
				c := comm[e.to]
				if wTo[c] == 0 {
					touched = append(touched, c)
				}
				wTo[c] += e.w
			}
			old := comm[i]
			tot[old] -= deg[i]
			// Gain of joining c, up to terms that do not depend on c.
			gain := func(c int) float64 { return wTo[c] - gamma*tot[c]*deg[i]/m2 }
			best, bestGain := old, gain(old)
			for _, c := range touched {
				gc := gain(c)
				if gc > bestGain+1e-12 || (gc >= bestGain-1e-12 && c < best) {
					best, bestGain = c, gc
				}
			}
			for _, c := range touched {
				wTo[c] = 0
			}
			wTo[old] = 0
			tot[best] += deg[i]
			if best != old {
				comm[i] = best
				moved = true
				movedAny = true
			}
		}
		if !moved {
			break
		}
	}
	return comm, movedAny
}

// renumber maps community labels to 0..k-1 in order of first appearance and
// returns k, rewriting comm in place.
func renumber(comm []int) []int {
	ids := make(map[int]int)
	for i, c := range comm {
		id, ok := ids[c]
		if !ok {
			id = len(ids)
			ids[c] = id
		}
		comm[i] = id
	}
	return comm
}

// aggregate merges each community of g into one node.
func aggregate(g graph, comm []int) graph {
	k := 0
	for _, c := range comm {
		if c+1 > k {
			k = c + 1
		}
	}
	ng := graph{adj: make([][]edge, k), self: make([]float64, k)}
	acc := make([]map[int]float64, k)
	for i, es := range g.adj {
		ci := comm[i]
		ng.self[ci] += g.self[i]
		for _, e := range es {
			cj := comm[e.to]
			if ci == cj {
				// Each internal edge is seen from both ends: half each.
				ng.self[ci] += e.w / 2
				continue
			}
			if acc[ci] == nil {
				acc[ci] = make(map[int]float64)
			}
			acc[ci][cj] += e.w
		}
	}
	for c, m := range acc {
		for to, w := range m {
			ng.adj[c] = append(ng.adj[c], edge{to, w})
		}
		sortEdges(ng.adj[c])
	}
	return ng
}
