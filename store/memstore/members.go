package memstore

import (
	"context"
	"fmt"
	"sort"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

var _ store.MemberReader = (*Store)(nil)

// memberRef is a candidate member before paging: nothing is cloned until
// the member is on the page.
type memberRef struct {
	node *kg.Node
	rel  *kg.Relation
}

// Members pages the members of each zone (store.MemberReader). The work is
// a walk over the zone's (and sub-zones') incoming LOCATED_IN runs with the
// label, listed and cursor filters applied in place; only the members past
// the cursor are ordered (a bounded selection when First is small), and
// only the page is cloned.
func (s *Store) Members(ctx context.Context, zoneIDs []kg.ID, q store.MemberQuery) (map[kg.ID]store.MemberPage, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if q.Label == "" || q.First < 0 {
		return nil, fmt.Errorf("members: label %q, first %d: %w", q.Label, q.First, store.ErrInvalidArgument)
	}
	curName, curID, hasCur, err := store.ParseMemberCursor(q.After)
	if err != nil {
		return nil, err
	}
	var with typeMask
	if len(q.With) > 0 {
		if with, err = maskOf(q.With, false); err != nil {
			return nil, err
		}
	}
	var subs map[kg.ID][]kg.ID
	if q.IncludeSubZones {
		if subs, err = s.SubZones(ctx, zoneIDs); err != nil {
			return nil, err
		}
	}
	located := typeIdx(kg.RelLocatedIn)
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[kg.ID]store.MemberPage, len(zoneIDs))
	for _, z := range zoneIDs {
		if _, done := out[z]; done {
			continue
		}
		seen := map[kg.ID]int{} // member -> index in after, or -1 when before the cursor
		var after []memberRef
		total := 0
		for i, zz := range append([]kg.ID{z}, subs[z]...) {
			a := s.adj[zz]
			if a == nil {
				continue
			}
			for _, r := range a.in.of(located) {
				n := s.nodes[r.From]
				if n == nil || n.Label != q.Label || !listedMatches(n, q.Listed) {
					continue
				}
				if k, ok := seen[n.ID]; ok {
					// A direct relation wins; among sub-zones the smallest ID.
					if i > 0 && k >= 0 && after[k].rel.To != z && r.ID < after[k].rel.ID {
						after[k].rel = r
					}
					continue
				}
				total++
				if hasCur && !store.MemberAfter(n.Name, n.ID, curName, curID) {
					seen[n.ID] = -1
					continue
				}
				seen[n.ID] = len(after)
				after = append(after, memberRef{node: n, rel: r})
			}
		}
		sort.Slice(after, func(i, j int) bool {
			a, b := after[i].node, after[j].node
			if a.Name != b.Name {
				return a.Name < b.Name
			}
			return a.ID < b.ID
		})
		p := store.MemberPage{TotalCount: total, HasNext: len(after) > q.First}
		for _, m := range after[:min(q.First, len(after))] {
			n := m.node.Clone()
			p.Members = append(p.Members, store.Member{Node: n, Located: m.rel.Clone(), Cursor: store.MemberCursor(n),
				Relations: s.relationsWith(n.ID, with, &p)})
		}
		if len(p.Members) > 0 {
			p.EndCursor = p.Members[len(p.Members)-1].Cursor
		}
		if with != 0 && p.Neighbours == nil {
			p.Neighbours = map[kg.ID]kg.Node{}
		}
		if q.NoEvidence {
			p.DropEvidence()
		}
		out[z] = p
	}
	return out, nil
}

// relationsWith returns id's relations of the types in mask (none when
// mask is empty), by ID, and adds the nodes at their other ends to the
// page's Neighbours. The caller holds s.mu.
func (s *Store) relationsWith(id kg.ID, mask typeMask, p *store.MemberPage) []kg.Relation {
	if mask == 0 {
		return nil
	}
	if p.Neighbours == nil {
		p.Neighbours = map[kg.ID]kg.Node{}
	}
	a := s.adj[id]
	if a == nil {
		return nil
	}
	var out []kg.Relation
	for _, r := range a.byID {
		if !mask.has(r.Type) {
			continue
		}
		out = append(out, r.Clone())
		o := r.To
		if o == id {
			o = r.From
		}
		if _, ok := p.Neighbours[o]; !ok {
			if n := s.nodes[o]; n != nil {
				p.Neighbours[o] = n.Clone()
			}
		}
	}
	return out
}

func listedMatches(n *kg.Node, want *bool) bool {
	if want == nil {
		return true
	}
	b, _ := n.Properties[kg.PropListed].(bool)
	return b == *want
}

var _ store.ZoneMemberReader = (*Store)(nil)

// ZoneMembers finds the zone by its keys (Zones with ZoneFilter.Name,
// store.PickZone) and reads its page with Members (store.ZoneMemberReader).
func (s *Store) ZoneMembers(ctx context.Context, name string, q store.MemberQuery) (*kg.Node, store.MemberPage, error) {
	if err := store.CheckMemberQuery(q); err != nil || store.NormalizeName(name) == "" {
		return nil, store.MemberPage{}, err
	}
	zs, err := s.Zones(ctx, store.ZoneFilter{Name: name})
	if err != nil {
		return nil, store.MemberPage{}, err
	}
	z := store.PickZone(zs, name)
	if z == nil {
		return nil, store.MemberPage{}, nil
	}
	pages, err := s.Members(ctx, []kg.ID{z.ID}, q)
	if err != nil {
		return nil, store.MemberPage{}, err
	}
	return z, pages[z.ID], nil
}

// ZoneByName is Zones with ZoneFilter.Name and store.PickZone
// (store.ZoneMemberReader).
func (s *Store) ZoneByName(ctx context.Context, name string) (*kg.Node, error) {
	if store.NormalizeName(name) == "" {
		return nil, nil
	}
	zs, err := s.Zones(ctx, store.ZoneFilter{Name: name})
	if err != nil {
		return nil, err
	}
	return store.PickZone(zs, name), nil
}
