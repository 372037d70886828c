package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/zonegraph/zonegraph/graph"
	"github.com/zonegraph/zonegraph/graph/graphtest"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/memstore"
)

// handlerOf remembers each client's handler (tests that need the raw
// response, e.g. a 422, post to it directly).
var handlerOf = map[*client.Client]http.Handler{}

// fixtureStore returns a memstore holding the fixture graph.
func fixtureStore(t testing.TB) store.Store {
	t.Helper()
	st := memstore.New()
	if err := graphtest.Load(context.Background(), st); err != nil {
		t.Fatalf("load fixture: %v", err)
	}
	return st
}

func newClient(t testing.TB, st store.Store, cfg graph.Config) *client.Client {
	t.Helper()
	h := graph.NewHandler(st, cfg)
	c := client.New(h)
	handlerOf[c] = h
	return c
}

// post runs a query through the handler and returns data and errors,
// whatever the HTTP status (validation errors come with 422).
func post(t testing.TB, c *client.Client, query string, opts ...client.Option) (data map[string]any, errs []map[string]any) {
	t.Helper()
	vars := map[string]any{}
	for _, o := range opts {
		r := &client.Request{Variables: map[string]any{}}
		o(r)
		for k, v := range r.Variables {
			vars[k] = v
		}
	}
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	handlerOf[c].ServeHTTP(rec, req)
	var resp struct {
		Data   map[string]any   `json:"data"`
		Errors []map[string]any `json:"errors"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("HTTP %d %s: %v", rec.Code, rec.Body, err)
	}
	return resp.Data, resp.Errors
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestListedFirmsInZoneByAlias(t *testing.T) {
	c := newClient(t, fixtureStore(t), graph.Config{})
	var resp struct {
		Zone struct {
			Name        string
			Enterprises struct {
				TotalCount int
				Nodes      []struct{ Name string }
			}
		}
	}
	c.MustPost(`{ zone(name: "滨江") { name enterprises(listed: true) { totalCount nodes { name } } } }`, &resp)
	if resp.Zone.Name != "杭州高新区（滨江）" {
		t.Fatalf("zone = %q", resp.Zone.Name)
	}
	var names []string
	for _, n := range resp.Zone.Enterprises.Nodes {
		names = append(names, n.Name)
	}
	want := []string{"吉利控股", "安恒信息", "海康威视"} // ordered by name
	if resp.Zone.Enterprises.TotalCount != 3 || len(names) != 3 || names[0] != want[0] || names[1] != want[1] || names[2] != want[2] {
		t.Fatalf("listed enterprises = %d %v, want %v", resp.Zone.Enterprises.TotalCount, names, want)
	}
}

func TestSearchEnterpriseFirst(t *testing.T) {
	c := newClient(t, fixtureStore(t), graph.Config{})
	var resp struct {
		Search []struct {
			Typename string `json:"__typename"`
			Name     string
		}
	}
	c.MustPost(`{ search(text: "狮达") { __typename name } }`, &resp)
	if len(resp.Search) == 0 || resp.Search[0].Name != "桂林狮达技术股份有限公司" || resp.Search[0].Typename != "Enterprise" {
		t.Fatalf("search = %+v", resp.Search)
	}
}

func clientVar(name string, v any) client.Option { return client.Var(name, v) }

func TestZonesPaging(t *testing.T) {
	c := newClient(t, fixtureStore(t), graph.Config{})
	type page struct {
		Zones struct {
			TotalCount int
			PageInfo   struct {
				HasNextPage bool
				EndCursor   *string
			}
			Edges []struct {
				Cursor string
				Node   struct{ Name string }
			}
		}
	}
	q := `query($after: String) { zones(filter: {kind: "national_hitech_zone"}, first: 2, after: $after) {
		totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name } } } }`
	var names []string
	var after any
	for i := 0; i < 10; i++ {
		var p page
		c.MustPost(q, &p, client.Var("after", after))
		for _, e := range p.Zones.Edges {
			names = append(names, e.Node.Name)
		}
		if p.Zones.TotalCount != 5 {
			t.Fatalf("totalCount %d, want the 5 national zones", p.Zones.TotalCount)
		}
		if !p.Zones.PageInfo.HasNextPage {
			break
		}
		after = *p.Zones.PageInfo.EndCursor
	}
	if len(names) != 5 {
		t.Fatalf("paged through %v", names)
	}
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			t.Fatalf("duplicate %s in %v", n, names)
		}
		seen[n] = true
	}
}

func TestZoneStatsCountSubZones(t *testing.T) {
	c := newClient(t, fixtureStore(t), graph.Config{})
	var resp struct {
		Zone struct {
			Stats struct{ Enterprises, ListedEnterprises, Projects int }
			Own   struct{ TotalCount int }
		}
	}
	c.MustPost(`{ zone(name: "杭州高新区") { stats { enterprises listedEnterprises projects } own: enterprises(includeSubZones: false) { totalCount } } }`, &resp)
	if s := resp.Zone.Stats; s.Enterprises != 3 || s.ListedEnterprises != 3 || resp.Zone.Own.TotalCount != 0 {
		t.Fatalf("stats %+v, own %d", s, resp.Zone.Own.TotalCount)
	}
}
