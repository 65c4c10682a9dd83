package planner

import (
	"container/heap"
	"time"

	"github.com/seoplan/seoplan"
)

// schedule sets Due on as many proposals as the calendar holds: highest
// priority first, but never before what a proposal depends on (a pillar
// before its posts, a product page before the bridge to it). Within a week
// the pieces are spread over the working days from start.
func schedule(ps []seoplan.Proposal, start time.Time, perWeek, weeks int) {
	idx := make(map[string]int, len(ps))
	for i, p := range ps {
		idx[p.ID] = i
	}
	indeg := make([]int, len(ps))
	next := make([][]int, len(ps))
	for i, p := range ps {
		for _, d := range p.DependsOn {
			if j, ok := idx[d]; ok && j != i {
				indeg[i]++
				next[j] = append(next[j], i)
			}
		}
	}
	// ps is sorted by priority, so a smaller index is a higher priority.
	ready := &intHeap{}
	for i := range ps {
		if indeg[i] == 0 {
			heap.Push(ready, i)
		}
	}
	slot, capacity := 0, perWeek*weeks
	for ready.Len() > 0 && slot < capacity {
		i := heap.Pop(ready).(int)
		week, k := slot/perWeek, slot%perWeek
		day := k * 5 / perWeek // spread over Monday–Friday when start is a Monday
		if perWeek > 5 {
			day = k
		}
		ps[i].Due = start.AddDate(0, 0, 7*week+day).Format(time.DateOnly)
		slot++
		for _, j := range next[i] {
			indeg[j]--
			if indeg[j] == 0 {
				heap.Push(ready, j)
			}
		}
	}
}

type intHeap []int

func (h intHeap) Len() int           { return len(h) }
func (h intHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h intHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *intHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *intHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
