package planner

// ARI is the adjusted Rand index of two clusterings of the same items:
// a[i] and b[i] are item i's cluster in each. It is 1 when they agree
// exactly and about 0 when they agree no better than chance; seoplan uses it
// to measure the planner's clusters against hand-labelled ones.
func ARI(a, b []string) float64 {
	if len(a) != len(b) || len(a) < 2 {
		return 0
	}
	pair := make(map[[2]string]int)
	ra := make(map[string]int)
	rb := make(map[string]int)
	for i := range a {
		pair[[2]string{a[i], b[i]}]++
		ra[a[i]]++
		rb[b[i]]++
	}
	c2 := func(n int) float64 { return float64(n) * float64(n-1) / 2 }
	var index, sa, sb float64
	for _, n := range pair {
		index += c2(n)
	}
	for _, n := range ra {
		sa += c2(n)
	}
	for _, n := range rb {
		sb += c2(n)
	}
	expected := sa * sb / c2(len(a))
	maxIndex := (sa + sb) / 2
	if maxIndex == expected {
		return 1 // both clusterings are trivial (all one cluster or all singletons) and equal in shape
	}
	return (index - expected) / (maxIndex - expected)
}
