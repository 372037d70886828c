package neo4jstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// TestChainsMatchMemstore loads one generated graph (banks lending to
// hundreds of firms: the hub walk; Zipf degrees) into Neo4j and memstore
// and asserts that Chains answers alike from random sources (the popular
// ones and ordinary ones, both directions, 1 to 4 hops): the same chains,
// in the same order, cut at the same place, with the same nodes and
// relations.
func TestChainsMatchMemstore(t *testing.T) {
	s, m, gg := loadGenerated(t, 5, "chains")
	ctx := context.Background()
	r := rand.New(rand.NewPCG(5, 11))
	// Popular ones among the first 10 of a label: the banks are the first enterprises.
	pick := picker(r, gg, 10, kg.LabelEnterprise, kg.LabelEnterprise, kg.LabelProject, kg.LabelInstitution, kg.LabelZone)
	found, cut := 0, 0
	for i := 0; i < 200; i++ {
		from := pick()
		dir := store.Downstream
		if i%3 == 2 {
			dir = store.Upstream
		}
		hops := 1 + r.IntN(4)
		got, err := s.Chains(ctx, from, dir, hops)
		if err != nil {
			t.Fatal(err)
		}
		want, err := m.Chains(ctx, from, dir, hops)
		if err != nil {
			t.Fatal(err)
		}
		if len(want) > 0 {
			found++
		}
		if len(want) == store.MaxPaths {
			cut++
		}
		if a, b := pathIDs(got), pathIDs(want); !reflect.DeepEqual(a, b) {
			t.Errorf("Chains(%s, %v, %d): %d chains\n%v\nmemstore %d\n%v", from, dir, hops, len(got), a, len(want), b)
			continue
		}
		lean, err := s.ChainsOf(ctx, from, dir, hops, store.TraversalOptions{NoEvidence: true})
		if err != nil {
			t.Fatal(err)
		}
		if a, b := printPaths(lean), printPaths(withoutEvidence(want)); a != b {
			t.Errorf("ChainsOf(%s) without evidence:\n%s\nmemstore\n%s", from, a, b)
		}
		for k := range got { // printed alike: nil and empty aliases or properties are the same
			if fmt.Sprintf("%+v %+v", got[k].Nodes, got[k].Relations) != fmt.Sprintf("%+v %+v", want[k].Nodes, want[k].Relations) {
				t.Errorf("Chains(%s): chain %d differs:\n%+v\nmemstore\n%+v", from, k, got[k], want[k])
			}
		}
	}
	t.Logf("%d sources with chains, %d cut at %d", found, cut, store.MaxPaths)
	if found < 50 || cut < 10 {
		t.Errorf("%d sources with chains, %d cut: the test proves little", found, cut)
	}
}
