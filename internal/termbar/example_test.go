package termbar_test

import (
	"bytes"
	"fmt"

	"github.com/seoplan/seoplan/internal/termbar"
)

// Output that is not a terminal (a pipe, a file, a buffer) gets no bar at
// all, so logs and CI output stay clean.
func ExampleNew() {
	var stderr bytes.Buffer
	bar := termbar.New(&stderr, "crawling")
	for done := int64(1); done <= 3; done++ {
		bar.Set(done, 3, fmt.Sprintf("%d queued", 3-done))
	}
	bar.Finish()
	fmt.Println(bar.Enabled(), stderr.Len())
	// Output: false 0
}
