package planner

import (
	"context"
	"testing"
)

func TestWithProgress(t *testing.T) {
	var steps []string
	last := -1
	_, err := Plan(context.Background(), Input{Site: origin + "/", Pages: fixture()}, WithStart(start),
		WithProgress(func(done, total int, step string) {
			if done <= last || done > total {
				t.Errorf("step %q: %d of %d after %d", step, done, total, last)
			}
			last = done
			steps = append(steps, step)
		}))
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) != planSteps+1 || last != planSteps {
		t.Errorf("steps %q, last %d; want %d steps ending at %d", steps, last, planSteps+1, planSteps)
	}
}
