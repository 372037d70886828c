package storetest

import (
	"errors"
	"reflect"
	"testing"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// PageMembers is a zone with two sub-parks and members spread over them:
// listed and unlisted firms, a firm located both in the zone and in a
// sub-park (the direct relation places it), a firm in both sub-parks (the
// smaller relation ID places it), a project, and a firm of another zone.
func PageMembers() Page {
	b := newBuilder("m_members.txt")
	z := b.node(kg.LabelZone, "甲高新区", nil, nil, "甲高新区")
	s1 := b.node(kg.LabelZone, "甲一园", nil, nil, "甲一园")
	s2 := b.node(kg.LabelZone, "甲二园", nil, nil, "甲二园")
	other := b.node(kg.LabelZone, "乙高新区", nil, nil, "乙高新区")
	b.rel(kg.RelPartOf, s1, z, nil, "甲一园属甲高新区")
	b.rel(kg.RelPartOf, s2, s1, nil, "甲二园属甲一园")
	firm := func(name string, listed bool, zones ...kg.ID) {
		props := map[string]any{}
		if listed {
			props[kg.PropListed] = true
		}
		id := b.node(kg.LabelEnterprise, name, nil, props, name)
		for _, zz := range zones {
			b.rel(kg.RelLocatedIn, id, zz, nil, name+"位于园区")
		}
	}
	firm("阿尔法科技有限公司", true, z)
	firm("贝塔科技有限公司", false, z)
	firm("伽马科技有限公司", true, s1, z)
	firm("德尔塔科技有限公司", true, s2)
	firm("艾普西隆科技有限公司", false, s1, s2)
	firm("泽塔科技有限公司", true, other)
	p := b.node(kg.LabelProject, "甲高新区智造项目", nil, nil, "甲高新区智造项目")
	b.rel(kg.RelLocatedIn, p, s1, nil, "智造项目落户甲一园")
	// For MemberQuery.With: a person in two firms, a project operated.
	boss := b.node(kg.LabelPerson, "王甲", nil, nil, "王甲")
	b.rel(kg.RelHoldsPosition, boss, ID(kg.LabelEnterprise, "阿尔法科技有限公司"), map[string]any{kg.PropTitle: "董事长"}, "阿尔法科技有限公司董事长王甲")
	b.rel(kg.RelHoldsPosition, boss, ID(kg.LabelEnterprise, "伽马科技有限公司"), map[string]any{kg.PropTitle: "董事"}, "伽马科技有限公司董事王甲")
	b.rel(kg.RelOperates, ID(kg.LabelEnterprise, "阿尔法科技有限公司"), p, nil, "阿尔法科技有限公司运营智造项目")
	return b.page("members page")
}

func testMembers(t *testing.T, s store.Store) {
	mr, ok := s.(store.MemberReader)
	if !ok {
		t.Fatalf("%T does not implement store.MemberReader", s)
	}
	load(t, s, PageMembers())
	ent := func(name string) kg.ID { return ID(kg.LabelEnterprise, name) }
	z, s1, s2 := ID(kg.LabelZone, "甲高新区"), ID(kg.LabelZone, "甲一园"), ID(kg.LabelZone, "甲二园")
	yes, no := true, false
	// names sorted by Go string order (bytes): 伽 < 德 < 艾 < 贝 < 阿
	all := []kg.ID{ent("伽马科技有限公司"), ent("德尔塔科技有限公司"), ent("艾普西隆科技有限公司"), ent("贝塔科技有限公司"), ent("阿尔法科技有限公司")}
	cases := []struct {
		name    string
		zone    kg.ID
		q       store.MemberQuery
		want    []kg.ID
		located []kg.ID // the zone each member's relation points to
		total   int
		next    bool
	}{
		{"direct only", z, store.MemberQuery{Label: kg.LabelEnterprise, First: 10},
			[]kg.ID{all[0], all[3], all[4]}, []kg.ID{z, z, z}, 3, false},
		{"with sub-zones", z, store.MemberQuery{Label: kg.LabelEnterprise, IncludeSubZones: true, First: 10},
			all, []kg.ID{z, s2, minID(kg.RelationID(kg.RelLocatedIn, all[2], s1), kg.RelationID(kg.RelLocatedIn, all[2], s2), s1, s2), z, z}, 5, false},
		{"listed", z, store.MemberQuery{Label: kg.LabelEnterprise, IncludeSubZones: true, Listed: &yes, First: 10},
			[]kg.ID{all[0], all[1], all[4]}, []kg.ID{z, s2, z}, 3, false},
		{"not listed", z, store.MemberQuery{Label: kg.LabelEnterprise, IncludeSubZones: true, Listed: &no, First: 10},
			[]kg.ID{all[2], all[3]}, nil, 2, false},
		{"first page", z, store.MemberQuery{Label: kg.LabelEnterprise, IncludeSubZones: true, First: 2},
			all[:2], nil, 5, true},
		{"count only", z, store.MemberQuery{Label: kg.LabelEnterprise, IncludeSubZones: true, First: 0},
			nil, nil, 5, true},
		{"projects", z, store.MemberQuery{Label: kg.LabelProject, IncludeSubZones: true, First: 10},
			[]kg.ID{ID(kg.LabelProject, "甲高新区智造项目")}, []kg.ID{s1}, 1, false},
		{"sub-zone", s1, store.MemberQuery{Label: kg.LabelEnterprise, IncludeSubZones: true, First: 10},
			[]kg.ID{all[0], all[1], all[2]}, []kg.ID{s1, s2, s1}, 3, false},
		{"unknown zone", "zone:missing", store.MemberQuery{Label: kg.LabelEnterprise, First: 10}, nil, nil, 0, false},
	}
	for _, c := range cases {
		got, err := mr.Members(ctx(), []kg.ID{c.zone, s2}, c.q)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		p := got[c.zone]
		if ids := memberIDs(p); !reflect.DeepEqual(ids, c.want) {
			t.Errorf("%s: members %v, want %v", c.name, ids, c.want)
		}
		if p.TotalCount != c.total || p.HasNext != c.next {
			t.Errorf("%s: total %d next %v, want %d %v", c.name, p.TotalCount, p.HasNext, c.total, c.next)
		}
		for i, m := range p.Members {
			if m.Located.Type != kg.RelLocatedIn || m.Located.From != m.Node.ID ||
				m.Located.ID != kg.RelationID(kg.RelLocatedIn, m.Node.ID, m.Located.To) || len(m.Located.Evidence) == 0 {
				t.Errorf("%s: %s located by %+v", c.name, m.Node.Name, m.Located)
			}
			if c.located != nil && m.Located.To != c.located[i] {
				t.Errorf("%s: %s located in %s, want %s", c.name, m.Node.Name, m.Located.To, c.located[i])
			}
			if m.Cursor != store.MemberCursor(m.Node) || len(m.Node.Evidence) == 0 {
				t.Errorf("%s: member %s: cursor %q, evidence %v", c.name, m.Node.Name, m.Cursor, m.Node.Evidence)
			}
		}
		if n := len(p.Members); n > 0 && p.EndCursor != p.Members[n-1].Cursor {
			t.Errorf("%s: end cursor %q", c.name, p.EndCursor)
		}
		if _, ok := got[s2]; !ok {
			t.Errorf("%s: no page for the second zone", c.name)
		}
	}

	testMembersWith(t, s, mr, z)
	testMembersNoEvidence(t, mr, z)

	// Walking the pages two at a time gives every member once, in order.
	var walked []kg.ID
	after := ""
	for range 10 {
		got, err := mr.Members(ctx(), []kg.ID{z}, store.MemberQuery{Label: kg.LabelEnterprise, IncludeSubZones: true, First: 2, After: after})
		if err != nil {
			t.Fatal(err)
		}
		p := got[z]
		if p.TotalCount != 5 {
			t.Errorf("page after %q: total %d, want 5", after, p.TotalCount)
		}
		walked = append(walked, memberIDs(p)...)
		if !p.HasNext {
			break
		}
		after = p.EndCursor
	}
	if !reflect.DeepEqual(walked, all) {
		t.Errorf("paged walk %v, want %v", walked, all)
	}

	for _, q := range []store.MemberQuery{
		{Label: kg.LabelEnterprise, First: 1, After: "!!"},
		{Label: kg.LabelEnterprise, First: -1},
		{First: 1},
	} {
		if _, err := mr.Members(ctx(), []kg.ID{z}, q); !errors.Is(err, store.ErrInvalidArgument) {
			t.Errorf("Members(%+v): %v, want ErrInvalidArgument", q, err)
		}
	}
}

// testMembersWith checks MemberQuery.With: each member's relations of the
// types and the nodes at their other ends are what Relations (Both) and
// Nodes give; no types, no relations; a bad type is refused.
func testMembersWith(t *testing.T, s store.Store, mr store.MemberReader, z kg.ID) {
	t.Helper()
	for _, with := range [][]kg.RelType{
		{kg.RelHoldsPosition, kg.RelOperates},
		{kg.RelLocatedIn},
		{kg.RelPartnersWith},
		nil,
	} {
		q := store.MemberQuery{Label: kg.LabelEnterprise, IncludeSubZones: true, First: 10, With: with}
		got, err := mr.Members(ctx(), []kg.ID{z}, q)
		if err != nil {
			t.Fatalf("with %v: %v", with, err)
		}
		p := got[z]
		if len(p.Members) != 5 {
			t.Fatalf("with %v: %d members, want 5", with, len(p.Members))
		}
		if len(with) == 0 {
			if p.Neighbours != nil {
				t.Errorf("no With: neighbours %v", p.Neighbours)
			}
			for _, m := range p.Members {
				if m.Relations != nil {
					t.Errorf("no With: %s has relations %v", m.Node.Name, m.Relations)
				}
			}
			continue
		}
		ids := memberIDs(p)
		want, err := s.Relations(ctx(), ids, store.Both, with)
		if err != nil {
			t.Fatal(err)
		}
		others := map[kg.ID]bool{}
		n := 0
		for _, m := range p.Members {
			w := want[m.Node.ID]
			if len(w) == 0 {
				w = nil
			}
			if !reflect.DeepEqual(m.Relations, w) {
				t.Errorf("with %v: %s relations\n %+v\nwant\n %+v", with, m.Node.Name, m.Relations, w)
			}
			for _, r := range w {
				n++
				if r.From == m.Node.ID {
					others[r.To] = true
				} else {
					others[r.From] = true
				}
			}
		}
		if with[0] == kg.RelHoldsPosition && n != 3 {
			t.Errorf("with %v: %d relations, want 3 (two positions, one project)", with, n)
		}
		var oids []kg.ID
		for id := range others {
			oids = append(oids, id)
		}
		nodes, err := s.Nodes(ctx(), oids)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Neighbours) != len(nodes) {
			t.Errorf("with %v: %d neighbours, want %d", with, len(p.Neighbours), len(nodes))
		}
		for id, wn := range nodes {
			if gn, ok := p.Neighbours[id]; !ok || !reflect.DeepEqual(gn, wn) {
				t.Errorf("with %v: neighbour %s = %+v, want %+v", with, id, gn, wn)
			}
		}
	}
	if _, err := mr.Members(ctx(), []kg.ID{z}, store.MemberQuery{Label: kg.LabelEnterprise, First: 1, With: []kg.RelType{"NOPE"}}); !errors.Is(err, store.ErrInvalidArgument) {
		t.Errorf("With a bad type: %v, want ErrInvalidArgument", err)
	}
}

// testMembersNoEvidence checks MemberQuery.NoEvidence: the same page as
// without it, evidence left nil everywhere (the fixture has some).
func testMembersNoEvidence(t *testing.T, mr store.MemberReader, z kg.ID) {
	t.Helper()
	q := store.MemberQuery{Label: kg.LabelEnterprise, IncludeSubZones: true, First: 10,
		With: []kg.RelType{kg.RelHoldsPosition, kg.RelOperates, kg.RelPartnersWith}}
	full, err := mr.Members(ctx(), []kg.ID{z}, q)
	if err != nil {
		t.Fatal(err)
	}
	had := 0
	p := full[z]
	for _, m := range p.Members {
		had += len(m.Node.Evidence) + len(m.Located.Evidence)
		for _, r := range m.Relations {
			had += len(r.Evidence)
		}
	}
	if had == 0 {
		t.Fatal("fixture members have no evidence")
	}
	p.DropEvidence()
	q.NoEvidence = true
	lean, err := mr.Members(ctx(), []kg.ID{z}, q)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(lean[z], p) {
		t.Errorf("NoEvidence page\n %+v\nwant\n %+v", lean[z], p)
	}
}

// minID returns a when a < b else the alternative for b: the zone placing a
// member located by two relations is the one of the smaller relation ID.
func minID(a, b, za, zb kg.ID) kg.ID {
	if a < b {
		return za
	}
	return zb
}

func memberIDs(p store.MemberPage) []kg.ID {
	var out []kg.ID
	for _, m := range p.Members {
		out = append(out, m.Node.ID)
	}
	return out
}

// PageZoneNames adds zones whose keys collide with PageMembers' zones and
// with each other: 丙园 has 甲一园 (a zone's own name) as an alias, 丁一园
// and 丁二园 share the alias 丁, and ＡＢ园 is written in full-width forms.
func PageZoneNames() Page {
	b := newBuilder("m_zone_names.txt")
	b.node(kg.LabelZone, "丙园", []string{"甲一园"}, nil, "丙园又称甲一园")
	d1 := b.node(kg.LabelZone, "丁一园", []string{"丁"}, nil, "丁一园简称丁")
	b.node(kg.LabelZone, "丁二园", []string{"丁"}, nil, "丁二园简称丁")
	ab := b.node(kg.LabelZone, "ＡＢ园", nil, nil, "ＡＢ园")
	firm := b.node(kg.LabelEnterprise, "戊科技有限公司", nil, map[string]any{kg.PropListed: true}, "戊科技有限公司")
	b.rel(kg.RelLocatedIn, firm, d1, nil, "戊科技有限公司位于丁一园")
	b.rel(kg.RelLocatedIn, firm, ab, nil, "戊科技有限公司位于ＡＢ园")
	return b.page("zone names page")
}

// testZoneMembers checks store.ZoneMemberReader against the two reads it
// folds: Zones by name with store.PickZone (which ZoneByName gives alone),
// then Members of that zone,
// for names that collide, normalise or match nothing, and for the
// queries of testMembers (filters, sub-zones, cursor, count only, With,
// NoEvidence).
func testZoneMembers(t *testing.T, s store.Store) {
	zr, ok := s.(store.ZoneMemberReader)
	if !ok {
		t.Fatalf("%T does not implement store.ZoneMemberReader", s)
	}
	mr := s.(store.MemberReader)
	load(t, s, PageMembers(), PageZoneNames())
	d1, d2 := ID(kg.LabelZone, "丁一园"), ID(kg.LabelZone, "丁二园")
	wantZone := map[string]kg.ID{
		"甲高新区": ID(kg.LabelZone, "甲高新区"), " 甲高新区 ": ID(kg.LabelZone, "甲高新区"),
		"甲一园": ID(kg.LabelZone, "甲一园"), // its own name before 丙园's alias
		"丁":   min(d1, d2),             // shared alias: the smallest ID
		"ab园": ID(kg.LabelZone, "ＡＢ园"), "ＡＢ园": ID(kg.LabelZone, "ＡＢ园"),
		"甲": "", "missing": "", "": "",
	}
	yes := true
	first := store.MemberQuery{Label: kg.LabelEnterprise, IncludeSubZones: true, First: 2}
	fp, err := mr.Members(ctx(), []kg.ID{ID(kg.LabelZone, "甲高新区")}, first)
	if err != nil {
		t.Fatal(err)
	}
	queries := []store.MemberQuery{
		{Label: kg.LabelEnterprise, First: 10},
		{Label: kg.LabelEnterprise, IncludeSubZones: true, Listed: &yes, First: 20},
		first,
		{Label: kg.LabelEnterprise, IncludeSubZones: true, First: 2, After: fp[ID(kg.LabelZone, "甲高新区")].EndCursor},
		{Label: kg.LabelEnterprise, IncludeSubZones: true},
		{Label: kg.LabelProject, IncludeSubZones: true, First: 10},
		{Label: kg.LabelEnterprise, IncludeSubZones: true, First: 10, With: []kg.RelType{kg.RelHoldsPosition, kg.RelOperates}},
		{Label: kg.LabelEnterprise, IncludeSubZones: true, First: 10, With: []kg.RelType{kg.RelOperates}, NoEvidence: true},
	}
	for name, want := range wantZone {
		z, err := zr.ZoneByName(ctx(), name)
		if err != nil {
			t.Fatalf("ZoneByName(%q): %v", name, err)
		}
		zs, err := s.Zones(ctx(), store.ZoneFilter{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		switch pick := store.PickZone(zs, name); {
		case want == "" && z != nil:
			t.Errorf("ZoneByName(%q): %+v, want none", name, *z)
		case want != "" && (z == nil || z.ID != want || !reflect.DeepEqual(*z, *pick)):
			t.Errorf("ZoneByName(%q): %+v, want %s as Zones and PickZone give it: %+v", name, z, want, pick)
		}
		for i, q := range queries {
			z, p, err := zr.ZoneMembers(ctx(), name, q)
			if err != nil {
				t.Fatalf("ZoneMembers(%q, #%d): %v", name, i, err)
			}
			if want == "" {
				if z != nil || !reflect.DeepEqual(p, store.MemberPage{}) {
					t.Errorf("ZoneMembers(%q, #%d): zone %v, page %+v; want none", name, i, z, p)
				}
				continue
			}
			if z == nil || z.ID != want {
				t.Errorf("ZoneMembers(%q, #%d): zone %v, want %s", name, i, z, want)
				continue
			}
			zs, err := s.Zones(ctx(), store.ZoneFilter{Name: name})
			if err != nil {
				t.Fatal(err)
			}
			if pick := store.PickZone(zs, name); !reflect.DeepEqual(*z, *pick) {
				t.Errorf("ZoneMembers(%q, #%d): zone %+v, Zones and PickZone give %+v", name, i, *z, *pick)
			}
			pages, err := mr.Members(ctx(), []kg.ID{want}, q)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(p, pages[want]) {
				t.Errorf("ZoneMembers(%q, #%d): page %+v, Members gives %+v", name, i, p, pages[want])
			}
		}
	}
	if _, _, err := zr.ZoneMembers(ctx(), "missing", store.MemberQuery{Label: kg.LabelEnterprise, First: 1, After: "!!"}); !errors.Is(err, store.ErrInvalidArgument) {
		t.Errorf("ZoneMembers with a malformed cursor: %v, want ErrInvalidArgument", err)
	}
}
