package graph_test

import (
	"encoding/json"
	"testing"

	"github.com/zonegraph/zonegraph/graph"
	"github.com/zonegraph/zonegraph/graph/graphtest"
	"github.com/zonegraph/zonegraph/store"
)

// noMembers hides the store's MemberReader: the members page is then read
// by the fallback (every member, then a node and relation load per level).
type noMembers struct{ store.Store }

// TestMembersLookAhead checks that a zone's members page reads the
// relations its nodes' fields ask for (and the nodes at their other ends)
// in the members call itself: the whole query costs the zone lookup and one
// members call, and answers exactly as the level-by-level loads do.
func TestMembersLookAhead(t *testing.T) {
	q := `{ zone(name: "桂林七星区") {
	  enterprises { totalCount
	    nodes { name positions { title from { name ... on Person { positions { title to { name } } } } to { name } }
	      operates { name investmentCNY operator { name } } zones { name }
	      ... on Entity { mentions { name } } }
	    edges { node { investments { amountCNY to { name } } } relation { to { name } } } }
	  projects { nodes { name investors { from { name } } zone { name } } } } }`
	counting := &graphtest.Counting{Store: fixtureStore(t)}
	got, errs := post(t, newClient(t, counting, graph.Config{}), q)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	calls, methods := counting.Calls()
	t.Logf("%d store calls: %v", calls, methods)
	for _, m := range methods {
		if m == "Relations" || m == "Nodes" {
			// Only the persons' own positions (a level below the members'
			// relations) may need a relation load, and their firms a node load.
			continue
		}
		if m != "Zones" && m != "Members" {
			t.Errorf("unexpected store call %s", m)
		}
	}
	if calls > 4 {
		t.Errorf("%d store calls %v, want <= 4 (zone lookup, members, then the persons' positions and their firms)", calls, methods)
	}
	want, errs := post(t, newClient(t, noMembers{fixtureStore(t)}, graph.Config{}), q)
	if len(errs) > 0 {
		t.Fatalf("errors without MemberReader: %v", errs)
	}
	if g, w := mustJSON(t, got), mustJSON(t, want); string(g) != string(w) {
		t.Errorf("look-ahead answer differs:\n%s\nwant\n%s", g, w)
	}
	var z struct {
		Zone struct {
			Enterprises struct {
				Nodes []struct {
					Positions []json.RawMessage
					Operates  []json.RawMessage
				}
			}
		}
	}
	if err := json.Unmarshal(mustJSON(t, got), &z); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range z.Zone.Enterprises.Nodes {
		n += len(e.Positions) + len(e.Operates)
	}
	if len(z.Zone.Enterprises.Nodes) == 0 || n == 0 {
		t.Fatalf("the fixture query found no firms with positions or projects: %s", mustJSON(t, got))
	}
}
