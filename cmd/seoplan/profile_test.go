package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestProfiles checks that the profiling variables give two profiles
// go tool pprof reads (gzipped protocol buffers), and that a CPU profile
// that cannot be created is refused before the run.
func TestProfiles(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{
		envCPUProfile: filepath.Join(dir, "cpu.pprof"),
		envMemProfile: filepath.Join(dir, "heap.pprof"),
	}
	p, err := startProfiles(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	var keep [][]byte
	for range 100 {
		keep = append(keep, make([]byte, 1<<16))
	}
	var stderr bytes.Buffer
	p.end(&stderr)
	if stderr.Len() > 0 {
		t.Errorf("stderr: %s", stderr.String())
	}
	for _, path := range env {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
			t.Errorf("%s: not a gzipped profile (%d bytes)", filepath.Base(path), len(b))
		}
	}
	runtime.KeepAlive(keep)

	bad := filepath.Join(dir, "missing", "cpu.pprof")
	if _, err := startProfiles(func(k string) string {
		if k == envCPUProfile {
			return bad
		}
		return ""
	}); err == nil {
		t.Errorf("startProfiles with %s=%s: no error", envCPUProfile, bad)
	}
}
