package memstore

import (
	"reflect"
	"sort"

	"github.com/zonegraph/zonegraph/kg"
)

// apply replaces page old (nil when new) of document id by nw and updates
// the merged view incrementally. Caller holds s.mu for writing.
//
// Only what the two versions name is re-merged: the nodes and relations of
// old and nw, and the relations at nodes that appear or disappear. Each is
// merged again from every page that names it, in page-ID order, exactly as
// kg.Graph.Merge over all pages would; adjacency and name-index entries are
// updated for those alone.
func (s *Store) apply(id kg.ID, old, nw *page) {
	// Most nodes and relations are named by one page: their page lists
	// share one backing array (insertID and removeID never write to a
	// full one-element list).
	self := []kg.ID{id}
	touchedNodes := map[kg.ID]struct{}{}
	touchedRels := map[kg.ID]struct{}{}
	if old != nil {
		for i := range old.g.Nodes {
			nid := old.g.Nodes[i].ID
			touchedNodes[nid] = struct{}{}
			s.nodePages[nid] = removeID(s.nodePages[nid], id)
		}
		for i := range old.g.Relations {
			rid := old.g.Relations[i].ID
			touchedRels[rid] = struct{}{}
			e := s.rels[rid]
			e.pages = removeID(e.pages, id)
			s.rels[rid] = e
		}
	}
	for i := range nw.g.Nodes {
		nid := nw.g.Nodes[i].ID
		touchedNodes[nid] = struct{}{}
		s.nodePages[nid] = insertID(s.nodePages[nid], self)
	}
	for i := range nw.g.Relations {
		rid := nw.g.Relations[i].ID
		touchedRels[rid] = struct{}{}
		e := s.rels[rid]
		e.pages = insertID(e.pages, self)
		s.rels[rid] = e
	}
	s.pages[id] = nw

	// Nodes.
	var flipped []kg.ID
	var keyChanges []keyChange
	for nid := range touchedNodes {
		prev := s.nodes[nid]
		cur := s.mergedNode(nid)
		if len(s.nodePages[nid]) == 0 {
			delete(s.nodePages, nid)
		}
		if prev == nil && cur == nil {
			continue
		}
		if prev != nil {
			s.stats.Nodes[prev.Label]--
			delete(s.zones, nid)
		}
		if cur != nil {
			s.nodes[nid] = cur
			s.stats.Nodes[cur.Label]++
			if cur.Label == kg.LabelZone {
				s.zones[nid] = cur
			}
		} else {
			delete(s.nodes, nid)
		}
		if (prev == nil) != (cur == nil) {
			flipped = append(flipped, nid)
		}
		if keys := nodeKeys(cur); !reflect.DeepEqual(keys, s.names.keys(nid)) {
			kc := keyChange{id: nid, keys: keys}
			if cur != nil {
				kc.label = cur.Label
			}
			keyChanges = append(keyChanges, kc)
		}
	}
	s.names.apply(keyChanges)

	// Relations at nodes that appeared or disappeared.
	for _, nid := range flipped {
		if a := s.adj[nid]; a != nil {
			for _, r := range a.byID {
				touchedRels[r.ID] = struct{}{}
			}
		}
		for rid := range s.waiting[nid] {
			touchedRels[rid] = struct{}{}
		}
	}

	// Relations: unlink the previous version, link the new one.
	adds := map[kg.ID][]*kg.Relation{} // node -> live relations to add; key present = adjacency touched
	for rid := range touchedRels {
		e := s.rels[rid]
		if prev := e.rel; prev != nil {
			if e.live {
				s.stats.Relations[prev.Type]--
				touchAdj(adds, prev.From)
				touchAdj(adds, prev.To)
			} else {
				s.unwait(prev)
			}
		}
		cur := s.mergedRelation(e.pages, rid)
		if cur == nil {
			delete(s.rels, rid)
			continue
		}
		e.rel, e.live = cur, false
		if s.nodes[cur.From] == nil || s.nodes[cur.To] == nil {
			s.rels[rid] = e
			s.wait(cur)
			continue
		}
		e.live = true
		s.rels[rid] = e
		s.stats.Relations[cur.Type]++
		adds[cur.From] = append(adds[cur.From], cur)
		if cur.To != cur.From {
			adds[cur.To] = append(adds[cur.To], cur)
		}
	}

	// Adjacency of the nodes whose relations changed.
	for nid, added := range adds {
		a := s.adj[nid]
		var kept []*kg.Relation
		if a != nil {
			kept = make([]*kg.Relation, 0, len(a.byID)+len(added))
			for _, r := range a.byID {
				if _, gone := touchedRels[r.ID]; !gone {
					kept = append(kept, r)
				}
			}
		}
		sort.Slice(added, func(i, j int) bool { return added[i].ID < added[j].ID })
		all := mergeByID(kept, added)
		if len(all) == 0 || s.nodes[nid] == nil {
			delete(s.adj, nid)
			continue
		}
		a = &adjacency{byID: all}
		a.rebuildRuns(nid)
		s.adj[nid] = a
	}
}

func touchAdj(adds map[kg.ID][]*kg.Relation, id kg.ID) {
	if _, ok := adds[id]; !ok {
		adds[id] = nil
	}
}

// wait registers a relation under its missing endpoints.
func (s *Store) wait(r *kg.Relation) {
	for _, e := range []kg.ID{r.From, r.To} {
		if s.nodes[e] == nil {
			w := s.waiting[e]
			if w == nil {
				w = map[kg.ID]struct{}{}
				s.waiting[e] = w
			}
			w[r.ID] = struct{}{}
		}
	}
}

func (s *Store) unwait(r *kg.Relation) {
	for _, e := range []kg.ID{r.From, r.To} {
		if w := s.waiting[e]; w != nil {
			delete(w, r.ID)
			if len(w) == 0 {
				delete(s.waiting, e)
			}
		}
	}
}

// mergedNode merges the versions of a node from the pages that name it, in
// page-ID order; a node named by one page is that page's (immutable) node.
func (s *Store) mergedNode(id kg.ID) *kg.Node {
	pages := s.nodePages[id]
	switch len(pages) {
	case 0:
		return nil
	case 1:
		return s.pages[pages[0]].node(id)
	}
	versions := make([]kg.Node, len(pages))
	for i, p := range pages {
		versions[i] = *s.pages[p].node(id)
	}
	g := &kg.Graph{}
	g.Merge(&kg.Graph{Nodes: versions})
	return &g.Nodes[0]
}

// mergedRelation is mergedNode for relations, given the pages naming it.
func (s *Store) mergedRelation(pages []kg.ID, id kg.ID) *kg.Relation {
	switch len(pages) {
	case 0:
		return nil
	case 1:
		return s.pages[pages[0]].rel(id)
	}
	versions := make([]kg.Relation, len(pages))
	for i, p := range pages {
		versions[i] = *s.pages[p].rel(id)
	}
	g := &kg.Graph{}
	g.Merge(&kg.Graph{Relations: versions})
	return &g.Relations[0]
}

// insertID adds self[0] to a sorted list (once); an empty list becomes
// self (shared, capacity 1, so that a later insert copies it).
func insertID(list []kg.ID, self []kg.ID) []kg.ID {
	id := self[0]
	if len(list) == 0 {
		return self[:1:1]
	}
	i := sort.Search(len(list), func(i int) bool { return list[i] >= id })
	if i < len(list) && list[i] == id {
		return list
	}
	list = append(list, "")
	copy(list[i+1:], list[i:])
	list[i] = id
	return list
}

// removeID removes id from a sorted list; the last one leaves nil (so
// that a shared one-element list is never written to).
func removeID(list []kg.ID, id kg.ID) []kg.ID {
	i := sort.Search(len(list), func(i int) bool { return list[i] >= id })
	if i < len(list) && list[i] == id {
		if len(list) == 1 {
			return nil
		}
		return append(list[:i], list[i+1:]...)
	}
	return list
}
