package neo4jstore

import (
	"context"
	"fmt"
	"sort"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

var _ store.MemberReader = (*Store)(nil)

// Members pages the members of each zone in one query (store.MemberReader):
// filtering, ordering, counting and the keyset cursor run in Neo4j, and
// only the page's nodes and relations are shipped.
func (s *Store) Members(ctx context.Context, zoneIDs []kg.ID, q store.MemberQuery) (map[kg.ID]store.MemberPage, error) {
	if q.Label == "" || q.First < 0 {
		return nil, fmt.Errorf("members: label %q, first %d: %w", q.Label, q.First, store.ErrInvalidArgument)
	}
	curName, curID, hasCur, err := store.ParseMemberCursor(q.After)
	if err != nil {
		return nil, err
	}
	out := make(map[kg.ID]store.MemberPage, len(zoneIDs))
	ids := idList(zoneIDs)
	if len(ids) == 0 {
		return out, nil
	}
	params := map[string]any{"zones": ids, "label": string(q.Label), "listed": nil,
		"first": int64(q.First), "afterName": nil, "afterId": nil}
	if q.Listed != nil {
		params["listed"] = *q.Listed
	}
	if hasCur {
		params["afterName"], params["afterId"] = curName, string(curID)
	}
	var with []string
	if len(q.With) > 0 {
		if with, err = traversalTypes(q.With); err != nil {
			return nil, err
		}
	}
	if !q.Label.Valid() {
		// No node has it (as memstore answers): empty pages, no query.
		for _, z := range ids {
			out[kg.ID(z)] = store.MemberPage{}
		}
		return out, nil
	}
	res, err := s.query(ctx, "members", membersQuery(q.Label, q.IncludeSubZones, with, q.NoEvidence), params)
	if err != nil {
		return nil, err
	}
	for _, rec := range res.Records {
		zid, _ := rec.Get("zid")
		total, _ := rec.Get("total")
		rows, _ := rec.Get("page")
		hasNext, _ := rec.Get("hasNext")
		p := store.MemberPage{TotalCount: int(total.(int64))}
		p.HasNext, _ = hasNext.(bool)
		for _, x := range asList(rows) {
			m, _ := x.(map[string]any)
			n := toNode(m["n"])
			p.Members = append(p.Members, store.Member{Node: n, Located: toRelation(m["rel"]), Cursor: store.MemberCursor(n),
				Relations: withRelations(m["with"], &p)})
		}
		if len(with) > 0 && p.Neighbours == nil {
			p.Neighbours = map[kg.ID]kg.Node{}
		}
		if len(p.Members) > 0 {
			p.EndCursor = p.Members[len(p.Members)-1].Cursor
		}
		if q.NoEvidence {
			p.DropEvidence()
		}
		out[kg.ID(str(zid))] = p
	}
	for _, z := range ids {
		if _, ok := out[kg.ID(z)]; !ok {
			out[kg.ID(z)] = store.MemberPage{}
		}
	}
	return out, nil
}

// withRelations reads a member's relations of MemberQuery.With (rows of
// {type, from, to, props, o}), sorted by ID and each once, and adds the
// nodes at their other ends to the page's Neighbours.
func withRelations(v any, p *store.MemberPage) []kg.Relation {
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
		row, _ := x.(map[string]any)
		r := toRelation(row)
		if seen[r.ID] {
			continue
		}
		seen[r.ID] = true
		out = append(out, r)
		o, _ := row["o"].(map[string]any)
		if id := kg.ID(str(o["id"])); id != "" {
			if _, ok := p.Neighbours[id]; !ok {
				p.Neighbours[id] = toNode(o)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
