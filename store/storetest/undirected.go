package storetest

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// testUndirectedBothWays: two pages state one undirected relation each
// its own way round, one of them against kg.Relation.Oriented (a producer
// other than the extractor, or an older dump: stores orient their input),
// loaded one call apiece. The store holds one relation, oriented, with
// both pages' evidence; replacing a page by a version without it leaves
// the other page's; replacing both removes it. Then again in the other
// order.
func testUndirectedBothWays(t *testing.T, s store.Store) {
	lo, hi := IDZJU, IDHik
	if hi < lo {
		lo, hi = hi, lo
	}
	page := func(doc string, from, to kg.ID, with bool) Page {
		b := newBuilder(doc)
		b.node(kg.LabelInstitution, InstZJU, nil, nil, "浙江大学")
		b.node(kg.LabelEnterprise, FirmHik, nil, nil, "海康威视")
		if with {
			b.rel(kg.RelPartnersWith, from, to, map[string]any{kg.PropAgreement: "合作协议"}, "浙江大学与海康威视合作")
		}
		p := b.page(fmt.Sprintf("%s %v", doc, with))
		if with { // as stated, not as Sort oriented it
			p.Graph.Relations[0].From, p.Graph.Relations[0].To = from, to
		}
		return p
	}
	back, forth := page("u1.txt", hi, lo, true), page("u2.txt", lo, hi, true)
	backGone, forthGone := page("u1.txt", hi, lo, false), page("u2.txt", lo, hi, false)
	art := func(p Page) kg.ID { return kg.ArticleID(p.Doc.Name, 0) }
	id := kg.RelationID(kg.RelPartnersWith, lo, hi)

	check := func(step string, want ...kg.ID) {
		t.Helper()
		rels, err := s.Relations(ctx(), []kg.ID{lo, hi}, store.Both, []kg.RelType{kg.RelPartnersWith})
		if err != nil {
			t.Fatalf("%s: Relations: %v", step, err)
		}
		for _, end := range []kg.ID{lo, hi} {
			got := rels[end]
			if len(want) == 0 {
				if len(got) != 0 {
					t.Errorf("%s: %s has %s, want none", step, short(end), relSig(got))
				}
				continue
			}
			if len(got) != 1 {
				t.Errorf("%s: %s has %d PARTNERS_WITH (%s), want 1", step, short(end), len(got), relSig(got))
				continue
			}
			r := got[0]
			if r.ID != id || r.From != lo || r.To != hi {
				t.Errorf("%s: %s has %s %s->%s, want %s %s->%s", step, short(end), r.ID, short(r.From), short(r.To), id, short(lo), short(hi))
			}
			if arts := evidenceArticles(r.Evidence); !reflect.DeepEqual(arts, sortedIDs(want...)) {
				t.Errorf("%s: evidence from %v, want %v", step, arts, sortedIDs(want...))
			}
		}
		if n := stats(t, s).Relations[kg.RelPartnersWith]; n != min(len(want), 1) {
			t.Errorf("%s: stats count %d PARTNERS_WITH, want %d", step, n, min(len(want), 1))
		}
		if ex, ok := s.(store.Exporter); ok {
			g, err := ex.Export(ctx())
			if err != nil {
				t.Fatalf("%s: Export: %v", step, err)
			}
			n := 0
			for _, r := range g.Relations {
				if r.ID == id {
					n++
				}
			}
			if n != min(len(want), 1) {
				t.Errorf("%s: Export holds %d relations with the id, want %d", step, n, min(len(want), 1))
			}
		}
	}

	load(t, s, back)
	check("stated backwards", art(back))
	load(t, s, forth)
	check("stated both ways", art(back), art(forth))
	load(t, s, backGone)
	check("backwards page replaced", art(forth))
	load(t, s, forthGone)
	check("both replaced")
	load(t, s, forth)
	check("stated forwards", art(forth))
	load(t, s, back)
	check("stated both ways, other order", art(back), art(forth))
}
