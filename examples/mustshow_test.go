package examples

import (
	"encoding/json"
	"sort"

	"github.com/99designs/gqlgen/client"
	"strings"
	"testing"

	"github.com/zonegraph/zonegraph/graph"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/memstore"
)

// The issue's must-shows, asserted on the answers of the example queries
// (not only through the golden files).
func testMustShowOn(t *testing.T, src source, st store.Store) {
	query, _ := loadExamples(t)
	src.load(t, st)
	h := graph.NewHandler(st, graph.Config{})
	answer := func(t *testing.T, op string) map[string]any {
		t.Helper()
		var v struct {
			Data   map[string]any
			Errors []any
		}
		if err := json.Unmarshal(run(t, h, query, op), &v); err != nil || len(v.Errors) > 0 {
			t.Fatalf("%s: %v %v", op, err, v.Errors)
		}
		return v.Data
	}
	// Names compare after width folding (（） and () are the same name, as
	// in every lookup of the API).
	text := func(v any) string { b, _ := json.Marshal(v); return store.NormalizeName(string(b)) }

	t.Run("listed firms in 滨江 with evidence", func(t *testing.T) {
		z := answer(t, "ListedFirmsInBinjiang")["zone"].(map[string]any)
		if store.NormalizeName(z["name"].(string)) != store.NormalizeName("杭州高新区（滨江）") {
			t.Fatalf("zone %v", z["name"])
		}
		edges := z["enterprises"].(map[string]any)["edges"].([]any)
		got := map[string]string{}
		for _, e := range edges {
			e := e.(map[string]any)
			name := e["node"].(map[string]any)["name"].(string)
			ev := e["relation"].(map[string]any)["evidence"].([]any)
			if len(ev) == 0 {
				t.Errorf("%s has no evidence", name)
				continue
			}
			got[name] = ev[0].(map[string]any)["quote"].(string)
		}
		for _, want := range []string{"海康威视", "吉利控股", "安恒信息"} {
			if !strings.Contains(got[want], want) {
				t.Errorf("%s: quote %q", want, got[want])
			}
		}
		if len(got) != 3 {
			t.Errorf("listed firms %v, want exactly 3", got)
		}
	})
	t.Run("格力电器 invests 10000000000 landing in 桂林七星区", func(t *testing.T) {
		s := text(answer(t, "ChainsFromGree"))
		for _, want := range []string{`"name":"格力电器（桂林）智能制造生产基地"`, `"amountCNY":10000000000`, `"name":"桂林七星区"`} {
			if !strings.Contains(s, store.NormalizeName(want)) {
				t.Errorf("missing %s in %s", want, s)
			}
		}
	})
	t.Run("中国银行 lends 6000000 to 金蒙汇", func(t *testing.T) {
		s := text(answer(t, "ChainsFromBankOfChina"))
		for _, want := range []string{`"name":"包头金蒙汇磁材料有限责任公司"`, `"amountCNY":6000000`} {
			if !strings.Contains(s, store.NormalizeName(want)) {
				t.Errorf("missing %s in %s", want, s)
			}
		}
	})
	t.Run("upstream of the vaccine centre", func(t *testing.T) {
		s := text(answer(t, "ChainsIntoVaccineCenter"))
		for _, want := range []string{`"name":"广州生物岛实验室"`, `"name":"一品红药业股份有限公司"`} {
			if !strings.Contains(s, store.NormalizeName(want)) {
				t.Errorf("missing %s in %s", want, s)
			}
		}
	})
	t.Run("莫力林 to 桂林七星区", func(t *testing.T) {
		paths := answer(t, "PathMolilinToQixing")["paths"].([]any)
		if len(paths) == 0 {
			t.Fatal("no path")
		}
		p := paths[0].(map[string]any)
		var names, types []string
		for _, n := range p["nodes"].([]any) {
			names = append(names, n.(map[string]any)["name"].(string))
		}
		for _, r := range p["relations"].([]any) {
			types = append(types, r.(map[string]any)["type"].(string))
		}
		if store.NormalizeName(strings.Join(names, ",")) != store.NormalizeName("莫力林,桂林狮达技术股份有限公司,桂林七星区") || strings.Join(types, ",") != "HOLDS_POSITION,LOCATED_IN" {
			t.Errorf("path %v %v", names, types)
		}
	})
	t.Run("虞军 to 王家鹏", func(t *testing.T) {
		s := text(answer(t, "PathYujunToWangjiapeng"))
		for _, want := range []string{`"name":"内蒙古北科交大机器人有限公司"`, `"name":"上海节卡机器人科技有限公司"`} {
			if !strings.Contains(s, store.NormalizeName(want)) {
				t.Errorf("missing %s in %s", want, s)
			}
		}
	})
	t.Run("狮达 is an Enterprise, first", func(t *testing.T) {
		first := answer(t, "SearchShida")["search"].([]any)[0].(map[string]any)
		if first["__typename"] != "Enterprise" || first["name"] != "桂林狮达技术股份有限公司" {
			t.Errorf("first %v", first)
		}
	})
}

func TestMustShowFixture(t *testing.T) { testMustShowOn(t, fixture, memstore.New()) }

func TestMustShowSeed(t *testing.T) { testMustShowOn(t, seed, memstore.New()) }

// Issue #2, through gqlgen's client, on the extracted seed page.
func TestIssue2Seed(t *testing.T) {
	st := memstore.New()
	seed.load(t, st)
	c := client.New(graph.NewHandler(st, graph.Config{}))
	var zone struct {
		Zone struct {
			Name        string
			Enterprises struct {
				TotalCount int
				Nodes      []struct{ Name string }
			}
		}
	}
	c.MustPost(`{ zone(name: "滨江") { name enterprises(listed: true) { totalCount nodes { name } } } }`, &zone)
	var names []string
	for _, n := range zone.Zone.Enterprises.Nodes {
		names = append(names, n.Name)
	}
	sort.Strings(names)
	if store.NormalizeName(zone.Zone.Name) != store.NormalizeName("杭州高新区（滨江）") || strings.Join(names, ",") != "吉利控股,安恒信息,海康威视" || zone.Zone.Enterprises.TotalCount != 3 {
		t.Errorf("zone %q listed %d %v", zone.Zone.Name, zone.Zone.Enterprises.TotalCount, names)
	}
	var search struct {
		Search []struct {
			Typename string `json:"__typename"`
			Name     string
		}
	}
	c.MustPost(`{ search(text: "狮达") { __typename name } }`, &search)
	if len(search.Search) == 0 || search.Search[0].Typename != "Enterprise" || search.Search[0].Name != "桂林狮达技术股份有限公司" {
		t.Errorf("search %+v", search.Search)
	}
}
