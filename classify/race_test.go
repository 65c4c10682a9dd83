//go:build race

package classify

// raceEnabled is true under -race, where TestModelUpToDate retrains in a
// process of its own built without the race detector.
const raceEnabled = true
