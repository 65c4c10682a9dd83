package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"time"
)

// Environment variables that profile a run of seoplan, for performance
// work on a real crawl (go tool pprof FILE):
//
//	SEOPLAN_CPUPROFILE=cpu.pprof  the CPU profile of the whole run
//	SEOPLAN_MEMPROFILE=heap.pprof the heap profile at the run's peak
//
// A heap profile written at exit shows what is live then, which on a plan
// is little: the peak comes while the planner still holds every page. So
// the heap profile is written again each time the live heap passes its
// highest yet by a tenth; the last one written is the peak's, give or take
// that tenth. Its alloc_space view counts every allocation of the run.
const (
	envCPUProfile = "SEOPLAN_CPUPROFILE"
	envMemProfile = "SEOPLAN_MEMPROFILE"
)

// profiler writes the profiles the environment asks for.
type profiler struct {
	cpu  *os.File
	heap string
	stop chan struct{}
	wg   sync.WaitGroup
	err  error // the first error of the heap watcher
}

// startProfiles starts the profiles getenv asks for; stop ends them.
func startProfiles(getenv func(string) string) (*profiler, error) {
	p := &profiler{heap: getenv(envMemProfile), stop: make(chan struct{})}
	if path := getenv(envCPUProfile); path != "" {
		f, err := os.Create(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", envCPUProfile, err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", envCPUProfile, err)
		}
		p.cpu = f
	}
	if p.heap != "" {
		p.wg.Add(1)
		go p.watchHeap()
	}
	return p, nil
}

// heapPollEvery is how often the heap watcher reads the live heap: often
// enough to catch a peak that lasts a second.
const heapPollEvery = 100 * time.Millisecond

// watchHeap writes the heap profile whenever the live heap, as the last
// garbage collection measured it, passes its highest yet by a tenth.
func (p *profiler) watchHeap() {
	defer p.wg.Done()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var written uint64
	tick := time.NewTicker(heapPollEvery)
	defer tick.Stop()
	for {
		select {
		case <-p.stop:
			if written == 0 {
				p.keep(p.writeHeap())
			}
			return
		case <-tick.C:
		}
		metrics.Read(sample)
		if live := sample[0].Value.Uint64(); live > written+written/10 {
			written = live
			p.keep(p.writeHeap())
		}
	}
}

// keep remembers the first error.
func (p *profiler) keep(err error) {
	if p.err == nil {
		p.err = err
	}
}

// writeHeap writes the heap profile, whole or not at all: a run killed
// while writing it keeps the one before.
func (p *profiler) writeHeap() error {
	var b bytes.Buffer
	if err := pprof.Lookup("heap").WriteTo(&b, 0); err != nil {
		return fmt.Errorf("%s: %w", envMemProfile, err)
	}
	if err := writeFileAtomic(p.heap, b.Bytes()); err != nil {
		return fmt.Errorf("%s: %w", envMemProfile, err)
	}
	return nil
}

// end stops the profiles and writes them, telling stderr of a failure.
func (p *profiler) end(stderr io.Writer) {
	close(p.stop)
	p.wg.Wait() // keep is not called concurrently below
	if p.cpu != nil {
		pprof.StopCPUProfile()
		p.keep(p.cpu.Close())
	}
	if p.err != nil {
		fmt.Fprintf(stderr, "seoplan: profile: %v\n", p.err)
	}
}
