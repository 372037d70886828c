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
