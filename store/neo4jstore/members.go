package neo4jstore

import (
	"context"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

var _ store.MemberReader = (*Store)(nil)

// Members pages the members of each zone in one query (store.MemberReader):
// filtering, ordering, counting and the keyset cursor run in Neo4j, and
// only the page's nodes and relations are shipped.
func (s *Store) Members(ctx context.Context, zoneIDs []kg.ID, q store.MemberQuery) (map[kg.ID]store.MemberPage, error) {
	params, with, err := memberParams(q)
	if err != nil {
		return nil, err
	}
	out := make(map[kg.ID]store.MemberPage, len(zoneIDs))
	ids := idList(zoneIDs)
	if len(ids) == 0 {
		return out, nil
	}
	if q.Label.Valid() {
		params["zones"] = ids
		res, err := s.query(ctx, "members", membersQuery(q.Label, q.Listed, q.IncludeSubZones, with, q.NoEvidence), params)
		if err != nil {
			return nil, err
		}
		for _, rec := range res.Records {
			zid, _ := rec.Get("zid")
			out[kg.ID(str(zid))] = memberPage(rec, q, len(with) > 0)
		}
	}
	// A zone without members, or a label no node has (as memstore
	// answers: no query): an empty page.
	for _, z := range ids {
		if _, ok := out[kg.ID(z)]; !ok {
			out[kg.ID(z)] = store.MemberPage{}
		}
	}
	return out, nil
}

var _ store.ZoneMemberReader = (*Store)(nil)

// ZoneMembers finds the zone by name and reads its page in one query
// (store.ZoneMemberReader): the zone is chosen in Neo4j as store.PickZone
// chooses, then paged as Members pages it.
func (s *Store) ZoneMembers(ctx context.Context, name string, q store.MemberQuery) (*kg.Node, store.MemberPage, error) {
	params, with, err := memberParams(q)
	key := store.NormalizeName(name)
	if err != nil || key == "" {
		return nil, store.MemberPage{}, err
	}
	params["name"] = key
	if !q.Label.Valid() {
		// No node has the label: the zone alone, with an empty page.
		z, err := s.ZoneByName(ctx, name)
		return z, store.MemberPage{}, err
	}
	res, err := s.query(ctx, "zonemembers", zoneMembersQuery(q.Label, q.Listed, q.IncludeSubZones, with, q.NoEvidence), params)
	if err != nil || len(res.Records) == 0 {
		return nil, store.MemberPage{}, err
	}
	rec := res.Records[0]
	zv, _ := rec.Get("zone")
	z := toNode(zv)
	return &z, memberPage(rec, q, len(with) > 0), nil
}

// ZoneByName finds the zone a name stands for as ZoneMembers finds it
// (store.ZoneMemberReader): the zones whose own name it is by the nameKey
// index, every zone's keys only for an alias.
func (s *Store) ZoneByName(ctx context.Context, name string) (*kg.Node, error) {
	key := store.NormalizeName(name)
	if key == "" {
		return nil, nil
	}
	res, err := s.query(ctx, "zonebyname", cypherZoneByName, map[string]any{"name": key})
	if err != nil || len(res.Records) == 0 {
		return nil, err
	}
	zv, _ := res.Records[0].Get("zone")
	z := toNode(zv)
	return &z, nil
}

// memberParams checks a MemberQuery and returns the members statement's
// parameters (but the zones) and its With types.
func memberParams(q store.MemberQuery) (map[string]any, []string, error) {
	if err := store.CheckMemberQuery(q); err != nil {
		return nil, nil, err
	}
	curName, curID, hasCur, _ := store.ParseMemberCursor(q.After)
	// The listed filter is in the statement (membersQueryFrom).
	params := map[string]any{"first": int64(q.First), "afterName": nil, "afterId": nil}
	if hasCur {
		params["afterName"], params["afterId"] = curName, string(curID)
	}
	var with []string
	if len(q.With) > 0 {
		var err error
		if with, err = traversalTypes(q.With); err != nil {
			return nil, nil, err
		}
	}
	return params, with, nil
}

// memberPage decodes one zone's page of a members record (total,
// hasNext, page).
func memberPage(rec *neo4j.Record, q store.MemberQuery, withAny bool) store.MemberPage {
	total, _ := rec.Get("total")
	rows, _ := rec.Get("page")
	hasNext, _ := rec.Get("hasNext")
	p := store.MemberPage{TotalCount: int(total.(int64))}
	p.HasNext, _ = hasNext.(bool)
	for _, x := range asList(rows) {
		m, _ := x.(map[string]any)
		n := toNode(m["n"])
		p.Members = append(p.Members, store.Member{Node: n, Located: toRelation(m["rel"]), Cursor: store.MemberCursor(n),
			Relations: withRelations(m["with"], n.ID, &p)})
	}
	if withAny && p.Neighbours == nil {
		p.Neighbours = map[kg.ID]kg.Node{}
	}
	if len(p.Members) > 0 {
		p.EndCursor = p.Members[len(p.Members)-1].Cursor
	}
	if q.NoEvidence {
		p.DropEvidence()
	}
	return p
}

// withRelations reads a member's relations of MemberQuery.With (rows of
// withRow's layout), sorted by ID and each once, and adds the nodes at
// their other ends to the page's Neighbours.
func withRelations(v any, member kg.ID, p *store.MemberPage) []kg.Relation {
	rows := asList(v)
	if len(rows) == 0 {
		return nil
	}
	if p.Neighbours == nil {
		p.Neighbours = map[kg.ID]kg.Node{}
	}
	out := make([]kg.Relation, 0, len(rows))
	seen := make(map[kg.ID]bool, len(rows))
	for _, x := range rows {
		r, o, isOut, ok := withRow(x)
		if !ok || seen[r.ID] {
			continue
		}
		seen[r.ID] = true
		if isOut {
			r.From, r.To = member, o.ID
		} else {
			r.From, r.To = o.ID, member
		}
		out = append(out, r)
		if o.ID != "" {
			if _, ok := p.Neighbours[o.ID]; !ok {
				p.Neighbours[o.ID] = o
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// withRow decodes one row of membersWithT: [type, out, relation id, its
// property pairs, its evidence, other end's id, label, name, aliases,
// property pairs, evidence] (the relation without its ends, set by the
// caller from out: whether the relation starts at the member).
func withRow(x any) (r kg.Relation, o kg.Node, out bool, ok bool) {
	row := asList(x)
	if len(row) != 11 {
		return r, o, false, false
	}
	out, _ = row[1].(bool)
	r = kg.Relation{ID: kg.ID(str(row[2])), Type: kg.RelType(str(row[0])),
		Properties: readPairs(asList(row[3])), Evidence: decodeEvidence(row[4])}
	o = nodeFrom(row[5], row[6], row[7], row[8], readPairs(asList(row[9])), row[10])
	return r, o, out, true
}

// ZoneMembersStatementFor is the statement and parameters ZoneMembers sends
// for name and q (bench/cmd/zgzoneab PROFILEs and times it against the
// bench's hand-written floor).
func ZoneMembersStatementFor(name string, q store.MemberQuery) (string, map[string]any, error) {
	params, with, err := memberParams(q)
	if err != nil {
		return "", nil, err
	}
	params["name"] = store.NormalizeName(name)
	return zoneMembersQuery(q.Label, q.Listed, q.IncludeSubZones, with, q.NoEvidence), params, nil
}
