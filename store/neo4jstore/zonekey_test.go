package neo4jstore_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/neo4jstore"
)

// TestZoneMembersSeeksNameKey checks (with EXPLAIN) that ZoneMembers and
// ZoneByName find the zone a name stands for through the zone_namekey
// index.
func TestZoneMembersSeeksNameKey(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{neo4jstore.ZoneMembersStatement(), neo4jstore.ZoneByNameStatement()} {
		ops, err := neo4jstore.Explain(ctx, s, q)
		if err != nil {
			t.Fatal(err)
		}
		plan := strings.Join(ops, "\n")
		if !strings.Contains(plan, "NodeIndexSeek") || !strings.Contains(plan, ":Zone(nameKey)") {
			t.Errorf("no seek of zone_namekey in plan:\n%s", plan)
		}
	}
	// The keys of every zone are read only when no zone has the name as
	// its own: with 3,000 zones, finding one by its name costs a few
	// dozen db hits, by an alias thousands.
	if err := s.Clear(ctx); err != nil {
		t.Fatal(err)
	}
	var zones []kg.Node
	for i := range 3000 {
		name := fmt.Sprintf("园区%04d", i)
		zones = append(zones, kg.Node{ID: kg.NodeID(kg.LabelZone, name), Label: kg.LabelZone, Name: name, Aliases: []string{"别名" + name}})
	}
	doc := kg.Document{ID: kg.DocumentID("zones.txt"), Name: "zones.txt", SHA256: "zones"}
	if _, err := s.BulkLoad(ctx, doc, &kg.Graph{Nodes: zones}, 0); err != nil {
		t.Fatal(err)
	}
	hits := map[string]int64{}
	for _, name := range []string{"园区1234", "别名园区1234"} {
		neo4jstore.SetProfile(s, func(op string, n int64) { hits[name] += n })
		z, _, err := s.ZoneMembers(ctx, name, store.MemberQuery{Label: kg.LabelEnterprise, First: 10})
		neo4jstore.SetProfile(s, nil)
		if err != nil || z == nil || z.Name != "园区1234" {
			t.Fatalf("ZoneMembers(%q): %v, %v", name, z, err)
		}
	}
	t.Logf("db hits: %v", hits)
	if hits["园区1234"] > 200 || hits["别名园区1234"] < 3000 {
		t.Errorf("db hits %v: want the own name found by the index (<= 200), the alias by reading every zone's keys", hits)
	}
	// ZoneByName (zone(name) without a members field) alike.
	byName := map[string]int64{}
	for _, name := range []string{"园区1234", "别名园区1234"} {
		neo4jstore.SetProfile(s, func(op string, n int64) { byName[name] += n })
		z, err := s.ZoneByName(ctx, name)
		neo4jstore.SetProfile(s, nil)
		if err != nil || z == nil || z.Name != "园区1234" || !reflect.DeepEqual(z.Aliases, []string{"别名园区1234"}) {
			t.Fatalf("ZoneByName(%q): %+v, %v", name, z, err)
		}
	}
	t.Logf("ZoneByName db hits: %v", byName)
	if byName["园区1234"] > 100 || byName["别名园区1234"] < 3000 {
		t.Errorf("ZoneByName db hits %v: want the own name found by the index (<= 100), the alias by reading every zone's keys", byName)
	}
	if z, err := s.ZoneByName(ctx, "没有这个园区"); err != nil || z != nil {
		t.Errorf("ZoneByName of no zone's key: %+v, %v; want nil", z, err)
	}
}

// TestZoneNameKeyMigration: a database written before nameKey (the
// property removed from every zone) answers ZoneMembers alike, by reading
// the keys, and gets nameKey back from EnsureSchema; own names win over
// aliases, then the smallest ID, as store.PickZone.
func TestZoneNameKeyMigration(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	if err := s.Clear(ctx); err != nil {
		t.Fatal(err)
	}
	zone := func(name string, aliases ...string) kg.Node {
		return kg.Node{ID: kg.NodeID(kg.LabelZone, name), Label: kg.LabelZone, Name: name, Aliases: aliases}
	}
	// "光谷" is one zone's name and another's alias; "东湖" two zones'
	// aliases only (the smaller ID wins); "ＡＢＣ高新区" width-folds to
	// another zone's name.
	zones := []kg.Node{zone("光谷", "东湖"), zone("东湖高新区", "光谷", "东湖"), zone("abc高新区"), zone("ＡＢＣ高新区")}
	doc := kg.Document{ID: kg.DocumentID("zones.txt"), Name: "zones.txt", SHA256: "zones"}
	if _, err := s.BulkLoad(ctx, doc, &kg.Graph{Nodes: zones}, 0); err != nil {
		t.Fatal(err)
	}
	q := store.MemberQuery{Label: kg.LabelEnterprise, First: 10, IncludeSubZones: true}
	picks := func() []kg.ID {
		var out []kg.ID
		for _, name := range []string{"光谷", "东湖", "ABC高新区", "abc高新区", "没有"} {
			z, _, err := s.ZoneMembers(ctx, name, q)
			if err != nil {
				t.Fatal(err)
			}
			want := store.PickZone(zones, name)
			var got, wantID kg.ID
			if z != nil {
				got = z.ID
			}
			if want != nil && hasKey(*want, name) {
				wantID = want.ID
			}
			if got != wantID {
				t.Errorf("ZoneMembers(%q): zone %q, want %q", name, got, wantID)
			}
			out = append(out, got)
		}
		return out
	}
	before := picks()
	if err := neo4jstore.Exec(ctx, s, `MATCH (z:Zone) REMOVE z.nameKey`); err != nil {
		t.Fatal(err)
	}
	// and its pages unmarked, as such a version wrote them
	if err := neo4jstore.Exec(ctx, s, `MATCH (d:Document) REMOVE d.nameKeys`); err != nil {
		t.Fatal(err)
	}
	if old := picks(); !reflect.DeepEqual(old, before) {
		t.Errorf("without nameKey: %v, with: %v", old, before)
	}
	dump := migratedDump(t, s)
	if n := strings.Count(dump, `"nameKey"`); n != len(zones) {
		t.Errorf("%d zones with nameKey after EnsureSchema, want %d:\n%s", n, len(zones), dump)
	}
	if again := picks(); !reflect.DeepEqual(again, before) {
		t.Errorf("after the migration: %v, before: %v", again, before)
	}
}

// hasKey reports whether name normalises to one of z's keys.
func hasKey(z kg.Node, name string) bool {
	k := store.NormalizeName(name)
	if store.NormalizeName(z.Name) == k {
		return true
	}
	for _, a := range z.Aliases {
		if store.NormalizeName(a) == k {
			return true
		}
	}
	return false
}
