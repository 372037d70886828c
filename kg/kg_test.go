package kg

import (
	"reflect"
	"testing"
)

func TestIDsAreDeterministic(t *testing.T) {
	cases := []struct {
		name string
		a, b ID
		same bool
	}{
		{"same label and name", NodeID(LabelEnterprise, "桂林狮达技术股份有限公司"), NodeID(LabelEnterprise, "桂林狮达技术股份有限公司"), true},
		{"label matters", NodeID(LabelZone, "互联网产业园"), NodeID(LabelProject, "互联网产业园"), false},
		{"name matters", NodeID(LabelPerson, "王晓婷"), NodeID(LabelPerson, "王永生"), false},
		{"undirected relation either way", RelationID(RelPartnersWith, "a", "b"), RelationID(RelPartnersWith, "b", "a"), true},
		{"directed relation keeps direction", RelationID(RelInvestsIn, "a", "b"), RelationID(RelInvestsIn, "b", "a"), false},
		{"article number matters", ArticleID("p.txt", 0), ArticleID("p.txt", 1), false},
	}
	for _, c := range cases {
		if (c.a == c.b) != c.same {
			t.Errorf("%s: %s vs %s, same=%v", c.name, c.a, c.b, c.a == c.b)
		}
	}
	if got := NodeID(LabelZone, "x"); got[:5] != "zone:" {
		t.Errorf("node ID %q lacks its label prefix", got)
	}
}

func TestLabelsAndTypesComeFromFixedTables(t *testing.T) {
	for _, l := range AllLabels {
		if !l.Valid() {
			t.Errorf("%s invalid", l)
		}
	}
	for _, bad := range []Label{"", "zone", "Zone) DETACH DELETE n //"} {
		if bad.Valid() {
			t.Errorf("%q accepted as a label", bad)
		}
	}
	if RelType("KNOWS").Valid() || !RelPartOf.Valid() {
		t.Error("relation type table")
	}
}

func TestMergeUnionsAliasesEvidenceAndKeepsFlags(t *testing.T) {
	id := NodeID(LabelEnterprise, "桂林狮达技术股份有限公司")
	ev1 := Evidence{Article: "a1", Quote: "桂林狮达董事长莫力林介绍说", Start: 10, End: 23}
	ev2 := Evidence{Article: "a2", Quote: "狮达", Start: 5, End: 7}
	g := &Graph{Nodes: []Node{{ID: id, Label: LabelEnterprise, Name: "桂林狮达技术股份有限公司", Aliases: []string{"桂林狮达"},
		Properties: map[string]any{PropListed: false}, Evidence: []Evidence{ev1}}}}
	other := &Graph{
		Nodes: []Node{{ID: id, Label: LabelEnterprise, Name: "狮达", Properties: map[string]any{PropListed: true},
			Evidence: []Evidence{ev2, ev1}}},
		Relations: []Relation{{ID: RelationID(RelLocatedIn, id, "z"), Type: RelLocatedIn, From: id, To: "z", Evidence: []Evidence{ev1}}},
	}
	g.Merge(other)
	g.Merge(other) // merging twice changes nothing
	if len(g.Nodes) != 1 || len(g.Relations) != 1 {
		t.Fatalf("nodes %d relations %d", len(g.Nodes), len(g.Relations))
	}
	n := g.Nodes[0]
	if n.Name != "桂林狮达技术股份有限公司" || !reflect.DeepEqual(n.Aliases, []string{"桂林狮达", "狮达"}) {
		t.Errorf("name %q aliases %v", n.Name, n.Aliases)
	}
	if n.Properties[PropListed] != true {
		t.Errorf("listed stated on one page must stay stated: %v", n.Properties)
	}
	if !reflect.DeepEqual(n.Evidence, []Evidence{ev1, ev2}) {
		t.Errorf("evidence %v", n.Evidence)
	}
	if len(g.Relations[0].Evidence) != 1 {
		t.Errorf("relation evidence duplicated: %v", g.Relations[0].Evidence)
	}
	// the merge copied: changing the input does not change g
	other.Nodes[0].Evidence[0].Quote = "changed"
	if g.Nodes[0].Evidence[1].Quote != "狮达" {
		t.Error("Merge kept a reference to its input")
	}
}

// EvidenceSorted agrees with SortEvidence's order.
func TestEvidenceSorted(t *testing.T) {
	ev := []Evidence{{Article: "article:b", Start: 1, End: 2}, {Article: "article:a", Start: 5, End: 9}, {Article: "article:a", Start: 5, End: 6}, {Article: "article:a", Start: 1, End: 3}}
	if EvidenceSorted(ev) {
		t.Errorf("EvidenceSorted(%v) = true, want false", ev)
	}
	SortEvidence(ev)
	if !EvidenceSorted(ev) {
		t.Errorf("EvidenceSorted after SortEvidence(%v) = false", ev)
	}
	if !EvidenceSorted(nil) || !EvidenceSorted(ev[:1]) {
		t.Error("no or one evidence: not sorted")
	}
}

// TestSortIsTotal: relations sharing an ID (which no store should hold)
// sort by their ends, whatever order they came in.
func TestSortIsTotal(t *testing.T) {
	a := Relation{ID: "rel:1", Type: RelInvestsIn, From: "enterprise:b", To: "enterprise:a"}
	b := Relation{ID: "rel:1", Type: RelInvestsIn, From: "enterprise:a", To: "enterprise:b"}
	for _, in := range [][]Relation{{a, b}, {b, a}} {
		g := &Graph{Relations: append([]Relation(nil), in...)}
		g.Sort()
		if g.Relations[0].From != "enterprise:a" || g.Relations[1].From != "enterprise:b" {
			t.Errorf("sorted %v", g.Relations)
		}
	}
}

// TestUndirectedOriented: an undirected relation stated either way round
// comes out of Sort and Merge from the smaller ID to the larger, and two
// pages stating it both ways round merge into one relation with both
// pages' evidence; directed relations keep their direction.
func TestUndirectedOriented(t *testing.T) {
	id := RelationID(RelPartnersWith, "enterprise:b", "enterprise:a")
	back := Relation{ID: id, Type: RelPartnersWith, From: "enterprise:b", To: "enterprise:a",
		Evidence: []Evidence{{Article: "article:2", Quote: "b 与 a 合作"}}}
	forth := Relation{ID: id, Type: RelPartnersWith, From: "enterprise:a", To: "enterprise:b",
		Evidence: []Evidence{{Article: "article:1", Quote: "a 与 b 合作"}}}
	inv := Relation{ID: RelationID(RelInvestsIn, "enterprise:b", "enterprise:a"), Type: RelInvestsIn, From: "enterprise:b", To: "enterprise:a"}
	if o := back.Oriented(); o.From != "enterprise:a" || o.To != "enterprise:b" {
		t.Errorf("Oriented: %s -> %s", o.From, o.To)
	}
	if o := inv.Oriented(); o.From != "enterprise:b" {
		t.Errorf("a directed relation was turned round: %s -> %s", o.From, o.To)
	}
	g := &Graph{Relations: []Relation{back, inv}}
	if g.IsOriented() {
		t.Error("IsOriented true with b -> a")
	}
	g.Sort()
	if !g.IsOriented() {
		t.Errorf("not oriented after Sort: %v", g.Relations)
	}
	for _, order := range [][]Relation{{back, forth}, {forth, back}} {
		m := &Graph{Relations: []Relation{order[0].Clone()}}
		m.Merge(&Graph{Relations: []Relation{order[1].Clone()}})
		if len(m.Relations) != 1 {
			t.Fatalf("merged into %d relations", len(m.Relations))
		}
		r := m.Relations[0]
		if r.From != "enterprise:a" || r.To != "enterprise:b" || len(r.Evidence) != 2 {
			t.Errorf("merged %s -> %s with %d evidence", r.From, r.To, len(r.Evidence))
		}
	}
}
