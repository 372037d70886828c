package graph_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/zonegraph/zonegraph/graph"
	"github.com/zonegraph/zonegraph/graph/graphtest"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/neo4jstore/neo4jtest"
)

// TestMembersEvidence checks that a members page read without evidence
// (nothing under it selects evidence) does not hide evidence from fields
// that select it: under the members' relations, in a sibling page of the
// same request, or on the same nodes reached from another branch. The
// answers equal the level-by-level ones (no MemberReader), on memstore and
// on Neo4j (with NEO4J_URI).
func TestMembersEvidence(t *testing.T) {
	stores := map[string]func(t *testing.T) store.Store{
		"memstore": func(t *testing.T) store.Store { return fixtureStore(t) },
		"neo4j": func(t *testing.T) store.Store {
			s := neo4jtest.OpenEmpty(t)
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			if err := graphtest.Load(ctx, s); err != nil {
				t.Fatal(err)
			}
			return s
		},
	}
	queries := map[string]string{
		"under positions": `{ zone(name: "桂林七星区") { enterprises { nodes { name
		    positions { title evidence { quote } from { name } } operates { name } } } } }`,
		"under from": `{ zone(name: "桂林七星区") { enterprises { nodes { name
		    positions { title from { name ... on Entity { evidence { quote } } } } } } } }`,
		"one branch of two": `{ zone(name: "桂林七星区") {
		    lean: enterprises { nodes { name positions { title from { name } } operates { name investmentCNY } } }
		    full: enterprises { nodes { name positions { title evidence { quote } from { name ... on Entity { evidence { quote } } } }
		      operates { name evidence { quote } } } } } }`,
		"fragment": `query { zone(name: "桂林七星区") { enterprises { nodes { name positions { ...P } } } } }
		  fragment P on Relation { title from { name ... on Entity { evidence { quote } } } }`,
	}
	for sn, open := range stores {
		t.Run(sn, func(t *testing.T) {
			st := open(t)
			for qn, q := range queries {
				got, errs := post(t, newClient(t, st, graph.Config{}), q)
				if len(errs) > 0 {
					t.Fatalf("%s: errors: %v", qn, errs)
				}
				want, errs := post(t, newClient(t, noMembers{st}, graph.Config{}), q)
				if len(errs) > 0 {
					t.Fatalf("%s: errors without MemberReader: %v", qn, errs)
				}
				g, w := string(mustJSON(t, got)), string(mustJSON(t, want))
				if g != w {
					t.Errorf("%s: answer differs:\n%s\nwant\n%s", qn, g, w)
				}
				if !strings.Contains(g, `"quote":`) {
					t.Errorf("%s: no evidence in %s", qn, g)
				}
			}
		})
	}
}

// TestNeighborhoodEvidence checks that a neighbourhood read without
// evidence (store.NeighborhoodReader, nothing under it selects evidence)
// answers as the whole read does, and does not hide evidence from fields
// that select it: its own edges when asked, a sibling neighbourhood, or
// the same nodes reached from another field of the request.
func TestNeighborhoodEvidence(t *testing.T) {
	stores := map[string]func(t *testing.T) store.Store{
		"memstore": func(t *testing.T) store.Store { return fixtureStore(t) },
		"neo4j": func(t *testing.T) store.Store {
			s := neo4jtest.OpenEmpty(t)
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			if err := graphtest.Load(ctx, s); err != nil {
				t.Fatal(err)
			}
			return s
		},
	}
	const lean = `neighborhood(id: "桂林七星区", depth: 2, limit: 30) { truncated nodes { id label name aliases properties } edges { id type source target properties } }`
	queries := map[string]struct {
		q        string
		evidence bool
	}{
		"lean": {`{ ` + lean + ` }`, false},
		"lean and whole": {`{ lean: ` + lean + `
		    whole: neighborhood(id: "桂林七星区", depth: 1) { nodes { id } edges { id evidence { quote } } } }`, true},
		"lean, then the nodes": {`{ ` + lean + `
		    zone(name: "桂林七星区") { name evidence { quote } enterprises { nodes { name evidence { quote } } } } }`, true},
	}
	for sn, open := range stores {
		t.Run(sn, func(t *testing.T) {
			st := open(t)
			for qn, c := range queries {
				spy := &leanSpy{Store: st}
				got, errs := post(t, newClient(t, spy, graph.Config{}), c.q)
				if spy.lean == 0 {
					t.Errorf("%s: no neighbourhood read without evidence", qn)
				}
				if len(errs) > 0 {
					t.Fatalf("%s: errors: %v", qn, errs)
				}
				want, errs := post(t, newClient(t, noMembers{st}, graph.Config{}), c.q)
				if len(errs) > 0 {
					t.Fatalf("%s: errors without NeighborhoodReader: %v", qn, errs)
				}
				g, w := string(mustJSON(t, got)), string(mustJSON(t, want))
				if g != w {
					t.Errorf("%s: answer differs:\n%s\nwant\n%s", qn, g, w)
				}
				if strings.Contains(g, `"quote":`) != c.evidence {
					t.Errorf("%s: evidence shown = %v, want %v: %s", qn, !c.evidence, c.evidence, g)
				}
				if !strings.Contains(g, `"edges":[{`) {
					t.Errorf("%s: no edges: %s", qn, g)
				}
			}
		})
	}
}

// leanSpy counts the neighbourhoods read without evidence.
type leanSpy struct {
	store.Store
	lean int
}

func (s *leanSpy) NeighborhoodOf(ctx context.Context, id kg.ID, q store.NeighborhoodQuery) (*kg.Graph, bool, error) {
	if q.NoEvidence {
		s.lean++
	}
	return s.Store.(store.NeighborhoodReader).NeighborhoodOf(ctx, id, q)
}

// TestTraversalEvidence checks that chains and paths read without evidence
// (store.TraversalReader, nothing under them selects evidence) answer as
// the whole reads do, and do not hide evidence from fields that select it.
func TestTraversalEvidence(t *testing.T) {
	st := neo4jtest.OpenEmpty(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := graphtest.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	const chains = `investmentChains(from: "中国银行") { length minAmountCNY nodes { name label } relations { type from { name } to { name } } }`
	const paths = `paths(from: "莫力林", to: "桂林七星区") { length nodes { name label } relations { type properties from { name } } }`
	queries := map[string]struct {
		q        string
		lean     int
		evidence bool
	}{
		"lean":  {`{ ` + chains + ` ` + paths + ` }`, 2, false},
		"whole": {`{ investmentChains(from: "中国银行") { nodes { name ... on Entity { evidence { quote } } } relations { evidence { quote } } } }`, 0, true},
		"lean, then the nodes": {`{ ` + chains + `
		    zone(name: "桂林七星区") { name evidence { quote } enterprises { nodes { name evidence { quote } } } } }`, 1, true},
	}
	for qn, c := range queries {
		spy := &traversalSpy{Store: st}
		got, errs := post(t, newClient(t, spy, graph.Config{}), c.q)
		if len(errs) > 0 {
			t.Fatalf("%s: errors: %v", qn, errs)
		}
		if spy.lean != c.lean {
			t.Errorf("%s: %d traversals read without evidence, want %d", qn, spy.lean, c.lean)
		}
		want, errs := post(t, newClient(t, noMembers{st}, graph.Config{}), c.q)
		if len(errs) > 0 {
			t.Fatalf("%s: errors without TraversalReader: %v", qn, errs)
		}
		g, w := string(mustJSON(t, got)), string(mustJSON(t, want))
		if g != w {
			t.Errorf("%s: answer differs:\n%s\nwant\n%s", qn, g, w)
		}
		if strings.Contains(g, `"quote":`) != c.evidence {
			t.Errorf("%s: evidence shown = %v, want %v: %s", qn, !c.evidence, c.evidence, g)
		}
		if !strings.Contains(g, `"length":`) && !strings.Contains(g, `"nodes":[{`) {
			t.Errorf("%s: no paths: %s", qn, g)
		}
	}
}

// traversalSpy counts the chains and paths read without evidence.
type traversalSpy struct {
	store.Store
	lean int
}

func (s *traversalSpy) ChainsOf(ctx context.Context, from kg.ID, dir store.ChainDirection, maxHops int, o store.TraversalOptions) ([]kg.Path, error) {
	if o.NoEvidence {
		s.lean++
	}
	return s.Store.(store.TraversalReader).ChainsOf(ctx, from, dir, maxHops, o)
}

func (s *traversalSpy) PathsOf(ctx context.Context, from, to kg.ID, maxHops int, types []kg.RelType, o store.TraversalOptions) ([]kg.Path, error) {
	if o.NoEvidence {
		s.lean++
	}
	return s.Store.(store.TraversalReader).PathsOf(ctx, from, to, maxHops, types, o)
}
