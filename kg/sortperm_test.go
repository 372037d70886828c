package kg

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortPermutedAsSortFunc checks that sortPermuted leaves a slice as
// slices.SortFunc does, with many equal keys (where an unstable sort's
// order of equal elements shows).
func TestSortPermutedAsSortFunc(t *testing.T) {
	type kv struct{ k, v int }
	rng := rand.New(rand.NewPCG(3, 9))
	for n := 0; n < 300; n++ {
		a := make([]kv, n)
		for i := range a {
			a[i] = kv{rng.IntN(1 + n/4), i}
		}
		b := slices.Clone(a)
		slices.SortFunc(a, func(x, y kv) int { return cmp.Compare(x.k, y.k) })
		sortPermuted(b, func(x, y *kv) int { return cmp.Compare(x.k, y.k) })
		if !slices.Equal(a, b) {
			t.Fatalf("n=%d: sortPermuted differs from slices.SortFunc", n)
		}
	}
}
