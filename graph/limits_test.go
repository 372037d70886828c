package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/zonegraph/zonegraph/graph"
	"github.com/zonegraph/zonegraph/graph/graphtest"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// code returns the extensions.code of the first error.
func code(errs []map[string]any) string {
	if len(errs) == 0 {
		return ""
	}
	ext, _ := errs[0]["extensions"].(map[string]any)
	c, _ := ext["code"].(string)
	return c
}

func TestLimitsAndErrors(t *testing.T) {
	c := newClient(t, fixtureStore(t), graph.Config{})
	deep := "{ zone(name: \"滨江\") { subZones { parent { subZones { parent { subZones { parent { subZones { parent { subZones { parent { subZones { name } } } } } } } } } } } } }"
	cases := []struct {
		name, query, code string
	}{
		{"page size above the maximum is refused", `{ zones(first: 1001) { totalCount } }`, graph.CodeLimitExceeded},
		{"negative page size", `{ search(text: "狮达", first: -1) { name } }`, graph.CodeBadUserInput},
		{"maxHops above the cap", `{ paths(from: "莫力林", to: "桂林七星区", maxHops: 7) { length } }`, graph.CodeLimitExceeded},
		{"maxHops below one", `{ investmentChains(from: "格力电器", maxHops: 0) { length } }`, graph.CodeBadUserInput},
		{"neighbourhood depth above the cap", `{ neighborhood(id: "狮达", depth: 4) { truncated } }`, graph.CodeLimitExceeded},
		{"neighbourhood limit above the maximum", `{ neighborhood(id: "狮达", limit: 5000) { truncated } }`, graph.CodeLimitExceeded},
		{"query deeper than 12", deep, graph.CodeLimitExceeded},
		{"complexity", `{ a: neighborhood(id: "狮达", depth: 3, limit: 1000) { truncated } b: neighborhood(id: "狮达", depth: 3, limit: 1000) { truncated } c: paths(from: "莫力林", to: "王家鹏", maxHops: 6) { length } d: paths(from: "莫力林", to: "虞军", maxHops: 6) { length } e: zones(first: 1000) { nodes { name stats { projects } } } f: zones(first: 1000) { nodes { name stats { projects } } } }`, "COMPLEXITY_LIMIT_EXCEEDED"},
		{"unknown start node", `{ investmentChains(from: "不存在的公司") { length } }`, graph.CodeNotFound},
		{"unknown ID", `{ paths(from: "enterprise:0000000000000000", to: "莫力林") { length } }`, graph.CodeNotFound},
		{"malformed cursor", `{ zones(after: "%%%") { totalCount } }`, graph.CodeBadUserInput},
		{"mutations are refused: the API is read-only", `mutation { deleteZone(id: "x") }`, "GRAPHQL_VALIDATION_FAILED"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := post(t, c, tc.query)
			if got := code(errs); got != tc.code {
				t.Fatalf("code = %q, want %q; errors %v", got, tc.code, errs)
			}
		})
	}
}

func TestNotFoundLookupsAreNull(t *testing.T) {
	c := newClient(t, fixtureStore(t), graph.Config{})
	data, errs := post(t, c, `{ node(id: "zone:0000000000000000") { id } zone(name: "不存在") { name } entity(name: "不存在") { name } }`)
	if len(errs) > 0 || data["node"] != nil || data["zone"] != nil || data["entity"] != nil {
		t.Fatalf("data %v errors %v", data, errs)
	}
}

// slowStore blocks every read until the context is done.
type slowStore struct{ store.Store }

func (s slowStore) Search(ctx context.Context, text string, labels []kg.Label, limit int) ([]kg.Node, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestTimeoutReachesStore(t *testing.T) {
	c := newClient(t, slowStore{fixtureStore(t)}, graph.Config{Limits: graph.Limits{Timeout: 50 * time.Millisecond}})
	start := time.Now()
	_, errs := post(t, c, `{ search(text: "狮达") { name } }`)
	if code(errs) != graph.CodeTimeout || time.Since(start) > 2*time.Second {
		t.Fatalf("errors %v after %v", errs, time.Since(start))
	}
}

// failingStore answers an internal (non-store) error.
type failingStore struct{ store.Store }

func (failingStore) Search(ctx context.Context, text string, labels []kg.Label, limit int) ([]kg.Node, error) {
	return nil, errors.New("secret connection string bolt://user:pw@host")
}

func TestInternalErrorsAreHidden(t *testing.T) {
	c := newClient(t, failingStore{fixtureStore(t)}, graph.Config{})
	_, errs := post(t, c, `{ search(text: "狮达") { name } }`)
	if code(errs) != graph.CodeInternal || strings.Contains(errs[0]["message"].(string), "secret") {
		t.Fatalf("errors %v", errs)
	}
}

func TestDatabaseOutageAndRecovery(t *testing.T) {
	st := &graphtest.Outage{Store: fixtureStore(t)}
	c := newClient(t, st, graph.Config{})
	q := `{ zone(name: "滨江") { name } }`
	st.SetDown(true)
	if _, errs := post(t, c, q); code(errs) != graph.CodeDatabaseUnavailable {
		t.Fatalf("down: errors %v", errs)
	}
	st.SetDown(false)
	data, errs := post(t, c, q)
	if len(errs) > 0 || data["zone"].(map[string]any)["name"] != "杭州高新区（滨江）" {
		t.Fatalf("back: data %v errors %v", data, errs)
	}
}

func TestIntrospectionConfigurable(t *testing.T) {
	for _, on := range []bool{true, false} {
		c := newClient(t, fixtureStore(t), graph.Config{Introspection: on})
		data, errs := post(t, c, `{ __schema { queryType { name } } }`)
		if got := data != nil && data["__schema"] != nil && len(errs) == 0; got != on {
			t.Errorf("introspection %v: data %v errors %v", on, data, errs)
		}
	}
}

func TestGetIsServed(t *testing.T) {
	h := graph.NewHandler(fixtureStore(t), graph.Config{})
	req := httptest.NewRequest(http.MethodGet, `/graphql?query={zone(name:"滨江"){name}}`, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "杭州高新区（滨江）") {
		t.Fatalf("GET: %d %s", rec.Code, rec.Body)
	}
}

// Injection: string inputs are data. Cypher- or GraphQL-looking text reaches
// the store as a parameter, changes nothing, and answers empty or not found.
func TestInjectionIsData(t *testing.T) {
	st := fixtureStore(t)
	before, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, st, graph.Config{})
	inputs := []string{
		`"}) DETACH DELETE n //`,
		`x' OR 1=1 --`,
		`") MATCH (n) DETACH DELETE n RETURN 1 //`,
		"狮达\"}) { name } mutation { x }",
		`\u0000`,
		`enterprise:0000000000000000`,
	}
	for _, in := range inputs {
		vars := map[string]any{"s": in}
		body, _ := json.Marshal(map[string]any{"query": `query($s: String!, $id: ID!) {
			search(text: $s) { name }
			zone(name: $s) { name }
			entity(name: $s) { name }
			node(id: $id) { id }
		}`, "variables": map[string]any{"s": vars["s"], "id": in}})
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		graph.NewHandler(st, graph.Config{}).ServeHTTP(rec, req)
		var resp struct {
			Data   map[string]any   `json:"data"`
			Errors []map[string]any `json:"errors"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || rec.Code != http.StatusOK {
			t.Fatalf("%q: %d %s", in, rec.Code, rec.Body)
		}
		if len(resp.Errors) > 0 || resp.Data["zone"] != nil || resp.Data["entity"] != nil || resp.Data["node"] != nil {
			t.Errorf("%q: %s", in, rec.Body)
		}
		_, errs := post(t, c, `query($s: ID!) { paths(from: $s, to: "莫力林") { length } }`, clientVar("s", in))
		if code(errs) != graph.CodeNotFound {
			t.Errorf("paths %q: %v", in, errs)
		}
	}
	after, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if a, b := mustJSON(t, before), mustJSON(t, after); !bytes.Equal(a, b) {
		t.Fatalf("stats changed: %s -> %s", a, b)
	}
}

func FuzzSearch(f *testing.F) {
	for _, s := range []string{"狮达", "滨江", "", " ", `"}) DETACH DELETE n //`, "杭州高新区(滨江)", "\xff", "ａ", "%", "*"} {
		f.Add(s)
	}
	h := graph.NewHandler(fixtureStore(f), graph.Config{})
	f.Fuzz(func(t *testing.T, text string) {
		body, _ := json.Marshal(map[string]any{
			"query":     `query($s: String!) { search(text: $s, first: 5) { __typename name } zone(name: $s) { name } }`,
			"variables": map[string]any{"s": text},
		})
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%q: HTTP %d %s", text, rec.Code, rec.Body)
		}
		if strings.Contains(rec.Body.String(), `"INTERNAL"`) {
			t.Fatalf("%q: internal error %s", text, rec.Body)
		}
	})
}

// IDEs send introspection queries that nest ofType deeply; the depth limit
// does not count them.
func TestDeepIntrospectionAllowed(t *testing.T) {
	c := newClient(t, fixtureStore(t), graph.Config{Introspection: true})
	typeRef := "kind name"
	for i := 0; i < 12; i++ {
		typeRef = "kind name ofType { " + typeRef + " }"
	}
	data, errs := post(t, c, "{ __schema { types { name fields { name type { "+typeRef+" } } } } }")
	if len(errs) > 0 || data["__schema"] == nil {
		t.Fatalf("errors %v", errs)
	}
}
