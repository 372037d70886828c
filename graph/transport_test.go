package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/zonegraph/zonegraph/graph/generated"
	"github.com/zonegraph/zonegraph/graph/graphtest"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store/memstore"
)

// TestPostJSONAnswersAsGqlgen runs the same requests through postJSON and
// through gqlgen's transport.POST: same status, headers and bytes, data
// with HTML characters (json.Marshal escapes them), errors, bad bodies and
// other Accept headers included.
func TestPostJSONAnswersAsGqlgen(t *testing.T) {
	ctx := context.Background()
	st := memstore.New()
	if err := graphtest.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	odd := "R&D <Park> \u2028 \"quoted\""
	if _, err := st.Upsert(ctx, kg.Document{ID: kg.DocumentID("odd"), Name: "odd"}, &kg.Graph{Nodes: []kg.Node{
		{ID: kg.NodeID(kg.LabelZone, odd), Label: kg.LabelZone, Name: odd, Properties: map[string]any{"note": "a<b & c>d"}},
	}}); err != nil {
		t.Fatal(err)
	}
	serve := func(tr any) http.Handler {
		gc := generated.Config{Resolvers: &Resolver{Store: st, Limits: DefaultLimits, Log: slog.Default()}}
		complexity(&gc.Complexity)
		srv := handler.New(generated.NewExecutableSchema(gc))
		switch tr := tr.(type) {
		case postJSON:
			srv.AddTransport(tr)
		case transport.POST:
			srv.AddTransport(tr)
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			srv.ServeHTTP(w, r.WithContext(WithLoaders(r.Context(), NewLoaders(st))))
		})
	}
	ours, theirs := serve(postJSON{}), serve(transport.POST{})
	q := func(query string, vars map[string]any) string {
		b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		return string(b)
	}
	cases := []struct{ name, body, accept string }{
		{"zone", q(`query($n: String!) { zone(name: $n) { id name aliases } }`, map[string]any{"n": odd}), ""},
		{"zones", q(`{ zones(first: 50) { nodes { name stats { enterprises } } } }`, nil), "application/json"},
		{"search", q(`{ search(text: "R&D", first: 5) { id name label } }`, nil), ""},
		{"null", q(`{ zone(name: "nowhere") { name } }`, nil), ""},
		{"graphql-response", q(`{ zones(first: 2) { nodes { name } } }`, nil), "application/graphql-response+json"},
		{"invalid", q(`{ zone(name: "x") { nope } }`, nil), ""},
		{"syntax", q(`{ zone(`, nil), ""},
		{"bad body", `{"query": `, ""},
	}
	for _, c := range cases {
		do := func(h http.Handler) *httptest.ResponseRecorder {
			req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader([]byte(c.body)))
			req.Header.Set("Content-Type", "application/json")
			if c.accept != "" {
				req.Header.Set("Accept", c.accept)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			return rec
		}
		a, b := do(ours), do(theirs)
		if a.Code != b.Code || a.Header().Get("Content-Type") != b.Header().Get("Content-Type") || a.Body.String() != b.Body.String() {
			t.Errorf("%s: postJSON %d %q %s\ntransport.POST %d %q %s", c.name,
				a.Code, a.Header().Get("Content-Type"), a.Body, b.Code, b.Header().Get("Content-Type"), b.Body)
		}
		if c.name == "zone" && !bytes.Contains(a.Body.Bytes(), []byte(`R\u0026D \u003cPark\u003e \u2028`)) {
			t.Errorf("zone: %s, want the name HTML-escaped as json.Marshal does", a.Body)
		}
	}
}
