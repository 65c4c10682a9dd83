package planner

import (
	"container/heap"
	"fmt"
	"time"

	"github.com/seoplan/seoplan"
)

// leadDays is how long a piece takes to write before it can be published,
// by the letter of its effort: a 3,000-word pillar is not due in five days.
var leadDays = map[byte]int{'S': 3, 'M': 7, 'L': 14}

// schedule sets Due on as many proposals as the calendar holds: highest
// priority first, but never before what a proposal depends on (a pillar
// before its posts, a product page before the bridge to it), and never
// sooner after the start than its effort takes to write (leadDays). The
// calendar has perWeek slots a week, spread over the working days from
// start; a piece takes the first free slot it may have, so short pieces
// fill the first days while a pillar is being written. It returns how
// many proposals got a date.
func schedule(ps []seoplan.Proposal, start time.Time, perWeek, weeks int) int {
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
	capacity := perWeek * weeks
	date := func(slot int) time.Time {
		week, k := slot/perWeek, slot%perWeek
		day := k * 5 / perWeek // spread over Monday–Friday when start is a Monday
		if perWeek > 5 {
			day = k
		}
		return start.AddDate(0, 0, 7*week+day)
	}
	taken := make([]bool, capacity)
	earliest := make([]int, len(ps)) // the first slot each proposal may take
	free, scheduled := 0, 0          // free: the first slot not taken
	for ready.Len() > 0 && free < capacity {
		i := heap.Pop(ready).(int)
		slot := max(earliest[i], free)
		for lead := leadDays[effortLetter(ps[i].Effort)]; slot < capacity && (taken[slot] || date(slot).Before(start.AddDate(0, 0, lead))); slot++ {
		}
		if slot == capacity {
			continue // no slot left late enough: it waits in the backlog, and so does what depends on it
		}
		taken[slot] = true
		ps[i].Due = date(slot).Format(time.DateOnly)
		scheduled++
		for free < capacity && taken[free] {
			free++
		}
		for _, j := range next[i] {
			earliest[j] = max(earliest[j], slot+1)
			indeg[j]--
			if indeg[j] == 0 {
				heap.Push(ready, j)
			}
		}
	}
	return scheduled
}

// calendarNote says how the proposals fill the calendar asked for: all
// slots taken and the rest in the backlog, or slots left free and why.
func calendarNote(proposed, scheduled, perWeek, weeks int) string {
	capacity := perWeek * weeks
	asked := fmt.Sprintf("%d %s at %d a week asked, %d slots", weeks, plural(weeks, "week", "weeks"), perWeek, capacity)
	switch {
	case proposed == 0:
		return asked + "; nothing proposed, since the crawl found no gap to fill and no piece the profile asks for."
	case scheduled == capacity && proposed > scheduled:
		return fmt.Sprintf("%s; %d pieces proposed: the %d of highest priority fill them and %d wait in the backlog for the next plan.",
			asked, proposed, scheduled, proposed-scheduled)
	case scheduled == capacity:
		return fmt.Sprintf("%s; %d pieces proposed fill them.", asked, proposed)
	case scheduled < proposed:
		return fmt.Sprintf("%s; %d of the %d pieces proposed are scheduled: the others follow pieces, or take longer to write, than the weeks left allow.",
			asked, scheduled, proposed)
	}
	return fmt.Sprintf("%s; %d pieces proposed, for the gaps the crawl found and the pieces the profile adds to meet its mix, so %d slots stay free. "+
		"A keyword export from Search Console or a keyword tool would give them searches to target.", asked, proposed, capacity-proposed)
}

// effortLetter is the size letter an effort starts with ("L: 3,000-word …").
func effortLetter(effort string) byte {
	if effort == "" {
		return 'M'
	}
	return effort[0]
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
