//go:build race

package classify

// raceEnabled is true under -race, where retraining the model takes a
// minute and finds no race the other tests would not.
const raceEnabled = true
