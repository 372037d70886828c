package graph_test

import (
	"encoding/json"
	"testing"

	"github.com/99designs/gqlgen/client"

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
		if m != "ZoneMembers" && m != "Members" {
			t.Errorf("unexpected store call %s", m)
		}
	}
	if calls > 4 || methods[0] != "ZoneMembers" {
		t.Errorf("%d store calls %v, want <= 4 (the zone with its enterprises, its projects, then the persons' positions and their firms)", calls, methods)
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

// TestZoneMembersAhead checks zone(name) { enterprises { ... } } over a
// store.ZoneMemberReader: the zone and its page in one store call, with
// arguments from literals, variables and defaults, fragments and aliases,
// the same answers as without any members reader (zone lookup, then every
// member paged in Go); what it cannot look ahead into still answers.
func TestZoneMembersAhead(t *testing.T) {
	const nested = `name positions { title from { name } } operates { name investmentCNY }`
	cases := []struct {
		name  string
		query string
		vars  map[string]any
		calls int // store calls; 0: not checked
	}{
		{"bench shape", `query ($zone: String!) { zone(name: $zone) { name enterprises(listed: false, first: 20) { totalCount nodes { ` + nested + ` } } } }`,
			map[string]any{"zone": "桂林七星区"}, 1},
		{"alias key", `{ zone(name: "七星区") { id enterprises { totalCount edges { cursor node { name } relation { to { name } } } pageInfo { hasNextPage endCursor } } } }`, nil, 1},
		{"variables", `query ($l: Boolean, $f: Int, $s: Boolean) { zone(name: "桂林七星区") { enterprises(listed: $l, first: $f, includeSubZones: $s) { totalCount nodes { name } } } }`,
			map[string]any{"l": false, "f": 1, "s": false}, 1},
		{"null variables", `query ($l: Boolean, $f: Int) { zone(name: "桂林七星区") { enterprises(listed: $l, first: $f) { totalCount nodes { name } } } }`,
			map[string]any{"l": nil, "f": nil}, 1},
		{"fragment", `{ zone(name: "桂林七星区") { ...Z } } fragment Z on Zone { projects(first: 5) { totalCount nodes { name investors { from { name } } } } }`, nil, 1},
		{"evidence", `{ zone(name: "桂林七星区") { enterprises(first: 1) { nodes { name evidence { quote } } edges { relation { evidence { quote } } } } } }`, nil, 1},
		{"two pages", `{ zone(name: "桂林七星区") { a: enterprises(first: 1) { nodes { name } pageInfo { endCursor } } b: enterprises(first: 2) { totalCount nodes { name } } } }`, nil, 0},
		{"no members field", `{ zone(name: "桂林七星区") { name subZones { name } } }`, nil, 0},
		{"unknown zone", `{ zone(name: "不存在的园区") { enterprises { totalCount } } }`, nil, 0},
		{"bad cursor", `{ zone(name: "桂林七星区") { name enterprises(after: "!!") { totalCount } } }`, nil, 0},
		{"first above the limit", `{ zone(name: "桂林七星区") { name enterprises(first: 100000) { totalCount } } }`, nil, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			counting := &graphtest.Counting{Store: fixtureStore(t)}
			got, gotErrs := post(t, newClient(t, counting, graph.Config{}), c.query, withVars(c.vars))
			calls, methods := counting.Calls()
			want, wantErrs := post(t, newClient(t, noMembers{fixtureStore(t)}, graph.Config{}), c.query, withVars(c.vars))
			if g, w := mustJSON(t, got), mustJSON(t, want); string(g) != string(w) {
				t.Errorf("answer differs:\n%s\nwant\n%s", g, w)
			}
			if g, w := mustJSON(t, gotErrs), mustJSON(t, wantErrs); string(g) != string(w) {
				t.Errorf("errors differ:\n%s\nwant\n%s", g, w)
			}
			if c.calls > 0 && (calls != c.calls || methods[0] != "ZoneMembers") {
				t.Errorf("%d store calls %v, want %d starting with ZoneMembers", calls, methods, c.calls)
			}
		})
	}
}

// withVars sets a request's variables.
func withVars(vars map[string]any) client.Option {
	return func(r *client.Request) {
		for k, v := range vars {
			r.Variables[k] = v
		}
	}
}
