package termbar

import (
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Bar is a progress bar, or a no-op when its writer is not a terminal. Its
// methods are safe for concurrent use.
type Bar struct {
	mu  sync.Mutex
	bar *progressbar.ProgressBar
	max int64
}

// IsTerminal reports whether w is a terminal (an *os.File on a tty).
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// New returns a bar that writes to w when w is a terminal; description
// prefixes it. Its total is unknown until the first Set.
func New(w io.Writer, description string) *Bar {
	if !IsTerminal(w) {
		return &Bar{}
	}
	return newBar(w, description, 100*time.Millisecond)
}

// newBar draws on w whatever it is; tests use it to see the output.
func newBar(w io.Writer, description string, throttle time.Duration) *Bar {
	return &Bar{bar: progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(description),
		progressbar.OptionShowCount(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionThrottle(throttle),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetWidth(20),
		progressbar.OptionShowDescriptionAtLineEnd(),
	), max: -1}
}

// Enabled reports whether the bar draws anything.
func (b *Bar) Enabled() bool { return b != nil && b.bar != nil }

// Set shows done out of total (total < 0: unknown) and detail after the
// description.
func (b *Bar) Set(done, total int64, detail string) {
	if !b.Enabled() {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if total != b.max {
		b.bar.ChangeMax64(total)
		b.max = total
	}
	if detail != "" {
		b.bar.Describe(detail)
	}
	b.bar.Set64(done)
}

// Finish removes the bar from the terminal so a summary can follow.
func (b *Bar) Finish() {
	if !b.Enabled() {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.bar.Finish()
}
