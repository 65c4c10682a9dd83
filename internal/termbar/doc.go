// Package termbar draws a progress bar on standard error when it is a
// terminal and nothing at all when it is not, so piped and logged runs stay
// clean. Commands create one Bar per long job:
//
//	bar := termbar.New(os.Stderr, "crawling")
//	for … { bar.Set(done, total, "12 errors") }
//	bar.Finish()
//
// A Bar whose writer is not a terminal is a no-op, and so is a nil *Bar.
// It wraps github.com/schollz/progressbar/v3; golang.org/x/term decides
// whether the writer is a terminal.
//
// Files:
//
//	termbar.go  Bar, New, IsTerminal
package termbar
