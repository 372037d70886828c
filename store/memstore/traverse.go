package memstore

import (
	"container/heap"
	"context"
	"fmt"
	"sort"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// step is one traversal of a relation; next is the node it leads to (or,
// in a predecessor list, the node it comes from).
type step struct {
	rel  *kg.Relation
	next kg.ID
}

// eachStep calls fn for every relation at id of a type in mask, in either
// direction, with the node at the other end (self-loops once).
func (s *Store) eachStep(id kg.ID, mask typeMask, fn func(r *kg.Relation, next kg.ID)) {
	a := s.adj[id]
	if a == nil {
		return
	}
	for t := 0; t < numTypes; t++ {
		if mask&(1<<t) == 0 {
			continue
		}
		for _, r := range a.out.of(t) {
			fn(r, r.To)
		}
		for _, r := range a.in.of(t) {
			if r.From != r.To {
				fn(r, r.From)
			}
		}
	}
}

// walk is a path under construction: node IDs and the relations between.
type walk struct {
	nodes []kg.ID
	rels  []*kg.Relation
}

// compareWalks is the order of SortPaths: length, then node IDs, then
// relation IDs.
func compareWalks(a, b walk) int {
	if len(a.rels) != len(b.rels) {
		return cmpInt(len(a.rels), len(b.rels))
	}
	for i := range a.nodes {
		if a.nodes[i] != b.nodes[i] {
			return cmpID(a.nodes[i], b.nodes[i])
		}
	}
	for i := range a.rels {
		if a.rels[i].ID != b.rels[i].ID {
			return cmpID(a.rels[i].ID, b.rels[i].ID)
		}
	}
	return 0
}

func cmpInt(a, b int) int {
	if a < b {
		return -1
	}
	return 1
}

func cmpID(a, b kg.ID) int {
	if a < b {
		return -1
	}
	return 1
}

// materialize clones the nodes and relations of the walks into paths.
func (s *Store) materialize(walks []walk) []kg.Path {
	out := make([]kg.Path, len(walks))
	for i, w := range walks {
		p := kg.Path{Nodes: make([]kg.Node, len(w.nodes)), Relations: make([]kg.Relation, len(w.rels))}
		for j, id := range w.nodes {
			p.Nodes[j] = s.nodes[id].Clone()
		}
		for j, r := range w.rels {
			p.Relations[j] = r.Clone()
		}
		out[i] = p
	}
	return out
}

// best keeps the first MaxPaths walks by compareWalks (a max-heap).
type best []walk

func (b best) Len() int           { return len(b) }
func (b best) Less(i, j int) bool { return compareWalks(b[i], b[j]) > 0 }
func (b best) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }
func (b *best) Push(x any)        { *b = append(*b, x.(walk)) }
func (b *best) Pop() any {
	old := *b
	x := old[len(old)-1]
	*b = old[:len(old)-1]
	return x
}

func (b *best) full() bool { return len(*b) >= store.MaxPaths }

// worstLen is the length of the last walk kept (when full).
func (b *best) worstLen() int { return len((*b)[0].rels) }

// offer keeps a copy of w if it is among the first MaxPaths.
func (b *best) offer(w walk) {
	if b.full() && compareWalks(w, (*b)[0]) >= 0 {
		return
	}
	c := walk{nodes: append([]kg.ID(nil), w.nodes...), rels: append([]*kg.Relation(nil), w.rels...)}
	heap.Push(b, c)
	if len(*b) > store.MaxPaths {
		heap.Pop(b)
	}
}

// sorted returns the kept walks in order.
func (b *best) sorted() []walk {
	out := append([]walk(nil), *b...)
	sort.Slice(out, func(i, j int) bool { return compareWalks(out[i], out[j]) < 0 })
	return out
}

// bfsSide is one side of the bidirectional search of Paths.
type bfsSide struct {
	dist     map[kg.ID]int
	preds    map[kg.ID][]step // steps from the previous layer (toward this side's source)
	frontier []kg.ID
	depth    int
}

func newSide(src kg.ID) *bfsSide {
	return &bfsSide{dist: map[kg.ID]int{src: 0}, preds: map[kg.ID][]step{}, frontier: []kg.ID{src}}
}

// Paths returns all shortest paths (at most MaxPaths, the first by
// SortPaths among the first maxCollected found) between from and to of at
// most maxHops, ignoring direction, over types (all but MENTIONED_IN when
// empty). Unknown endpoints are ErrNotFound; no path is an empty result.
// from == to yields one path of length 0.
//
// The search is breadth-first from both ends at once, always growing the
// side whose frontier has fewer relations, and stops at the first layer
// where the two meet: every shortest path crosses that layer once.
func (s *Store) Paths(ctx context.Context, from, to kg.ID, maxHops int, types []kg.RelType) ([]kg.Path, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	hops, err := store.HopLimit(maxHops)
	if err != nil {
		return nil, err
	}
	mask, err := maskOf(types, true)
	if err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, id := range []kg.ID{from, to} {
		if s.nodes[id] == nil {
			return nil, fmt.Errorf("paths: node %s: %w", id, store.ErrNotFound)
		}
	}
	if from == to {
		return []kg.Path{{Nodes: []kg.Node{s.nodes[from].Clone()}}}, nil
	}
	f, b := newSide(from), newSide(to)
	var meet []kg.ID
	for f.depth+b.depth < hops && len(f.frontier) > 0 && len(b.frontier) > 0 && len(meet) == 0 {
		x, other := f, b
		if s.frontierCost(b.frontier) < s.frontierCost(f.frontier) {
			x, other = b, f
		}
		x.depth++
		// First only look for the meeting nodes: when there are any, this
		// layer is the last and nothing else of it needs recording.
		met := map[kg.ID]bool{}
		for _, cur := range x.frontier {
			s.eachStep(cur, mask, func(r *kg.Relation, nb kg.ID) {
				if _, ok := other.dist[nb]; ok {
					x.preds[nb] = append(x.preds[nb], step{r, cur})
					if !met[nb] {
						met[nb] = true
						meet = append(meet, nb)
					}
				}
			})
		}
		if len(meet) > 0 {
			break
		}
		var next []kg.ID
		for _, cur := range x.frontier {
			s.eachStep(cur, mask, func(r *kg.Relation, nb kg.ID) {
				d, seen := x.dist[nb]
				if !seen {
					x.dist[nb] = x.depth
					next = append(next, nb)
				} else if d != x.depth {
					return
				}
				x.preds[nb] = append(x.preds[nb], step{r, cur})
			})
		}
		x.frontier = next
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	if len(meet) == 0 {
		return []kg.Path{}, nil
	}
	sort.Slice(meet, func(i, j int) bool { return meet[i] < meet[j] })
	var kept best
	collected := 0
	for _, m := range meet {
		heads := halfWalks(f, m, from, true)
		tails := halfWalks(b, m, to, false)
		for _, h := range heads {
			for _, t := range tails {
				if collected >= maxCollected {
					break
				}
				collected++
				kept.offer(walk{nodes: append(h.nodes[:len(h.nodes):len(h.nodes)], t.nodes[1:]...),
					rels: append(h.rels[:len(h.rels):len(h.rels)], t.rels...)})
			}
		}
	}
	return s.materialize(kept.sorted()), nil
}

// frontierCost estimates the work of growing a frontier: its relations.
func (s *Store) frontierCost(frontier []kg.ID) int {
	n := 0
	for _, id := range frontier {
		n += s.adj[id].degree()
	}
	return n
}

// halfWalks lists the walks between src and m along side's predecessor
// steps (at most maxCollected): from src to m when forward, else from m
// to src.
func halfWalks(side *bfsSide, m, src kg.ID, forward bool) []walk {
	var out []walk
	var rec func(id kg.ID, nodes []kg.ID, rels []*kg.Relation)
	rec = func(id kg.ID, nodes []kg.ID, rels []*kg.Relation) {
		if len(out) >= maxCollected {
			return
		}
		if id == src {
			w := walk{nodes: make([]kg.ID, len(nodes)), rels: make([]*kg.Relation, len(rels))}
			copy(w.nodes, nodes)
			copy(w.rels, rels)
			if forward {
				reverse(w.nodes)
				reverse(w.rels)
			}
			out = append(out, w)
			return
		}
		for _, st := range side.preds[id] {
			rec(st.next, append(nodes, st.next), append(rels, st.rel))
		}
	}
	rec(m, []kg.ID{m}, nil)
	return out
}

func reverse[T any](s []T) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

// Chains returns the money paths from a node, each a maximal simple path
// (it ends at a dead end or at maxHops; no node twice), the first MaxPaths
// by SortPaths.
//
// Downstream, a hop follows an outgoing LENDS_TO, INVESTS_IN or OPERATES
// relation (who lends to, invests in or runs what), and finally an outgoing
// LOCATED_IN: where the money lands. LOCATED_IN is never the first hop and
// always the last.
//
// Upstream, a hop follows an incoming INVESTS_IN, LENDS_TO or OPERATES
// relation: who funds, lends to or runs the node.
//
// Relations keep their own direction in the returned paths; Nodes[0] is
// the start node. A node with no chain yields an empty result; an unknown
// node is ErrNotFound.
//
// The search deepens one length at a time (chains of length 1, then 2 ...)
// and stops after the first length that fills MaxPaths, since longer
// chains sort after. Within a length it walks neighbours in ID order, the
// order of SortPaths, and stops a branch as soon as its prefix sorts after
// the last chain kept; so its cost follows the chains returned, not the
// degree of the hubs on the way.
func (s *Store) Chains(ctx context.Context, from kg.ID, dir store.ChainDirection, maxHops int) ([]kg.Path, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	hops, err := store.HopLimit(maxHops)
	if err != nil {
		return nil, err
	}
	if dir != store.Downstream && dir != store.Upstream {
		return nil, fmt.Errorf("chains: direction %d: %w", dir, store.ErrInvalidArgument)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.nodes[from] == nil {
		return nil, fmt.Errorf("chains: node %s: %w", from, store.ErrNotFound)
	}
	money := []int{typeIdx(kg.RelLendsTo), typeIdx(kg.RelInvestsIn), typeIdx(kg.RelOperates)}
	located := typeIdx(kg.RelLocatedIn)
	// next calls fn for each hop from id at the given depth, in order of
	// (next node, relation ID), until fn returns false.
	next := func(id kg.ID, depth int, fn func(r *kg.Relation, nb kg.ID) bool) {
		a := s.adj[id]
		if a == nil {
			return
		}
		var cs [4]cursor
		n := 0
		for _, t := range money {
			if dir == store.Upstream {
				cs[n] = cursor{a.in.of(t), relFrom}
			} else {
				cs[n] = cursor{a.out.of(t), relTo}
			}
			n++
		}
		if dir == store.Downstream && depth > 0 {
			cs[n] = cursor{a.out.of(located), relTo}
			n++
		}
		mergeCursors(cs[:n], fn)
	}
	// hopCount is the number of hops next offers (a cheap upper bound of
	// those to nodes not on the path).
	hopCount := func(id kg.ID, depth int) int {
		a := s.adj[id]
		if a == nil {
			return 0
		}
		n := 0
		for _, t := range money {
			if dir == store.Upstream {
				n += len(a.in.of(t))
			} else {
				n += len(a.out.of(t))
			}
		}
		if dir == store.Downstream && depth > 0 {
			n += len(a.out.of(located))
		}
		return n
	}
	var kept best
	onPath := map[kg.ID]bool{from: true}
	w := walk{nodes: []kg.ID{from}}
	var dfs func(id kg.ID, length int)
	dfs = func(id kg.ID, length int) {
		depth := len(w.rels)
		last := depth > 0 && w.rels[depth-1].Type == kg.RelLocatedIn
		if depth == length {
			extends := false
			if depth < hops && !last {
				// More hops than relations back onto the path: one leads on.
				extends = hopCount(id, depth) > numTypes*len(w.nodes)
			}
			if depth < hops && !last && !extends {
				next(id, depth, func(_ *kg.Relation, nb kg.ID) bool {
					extends = !onPath[nb]
					return !extends
				})
			}
			if !extends {
				kept.offer(w)
			}
			return
		}
		if last {
			return // a shorter chain, kept at its own length
		}
		next(id, depth, func(r *kg.Relation, nb kg.ID) bool {
			if onPath[nb] {
				return true
			}
			if kept.full() && prefixAfter(w.nodes, nb, kept[0].nodes) {
				return false // this and every later neighbour sort after what is kept
			}
			onPath[nb] = true
			w.nodes = append(w.nodes, nb)
			w.rels = append(w.rels, r)
			dfs(nb, length)
			w.nodes = w.nodes[:len(w.nodes)-1]
			w.rels = w.rels[:len(w.rels)-1]
			onPath[nb] = false
			return true
		})
	}
	for length := 1; length <= hops && !kept.full(); length++ {
		dfs(from, length)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	return s.materialize(kept.sorted()), nil
}

// prefixAfter reports whether the node IDs prefix+next sort after the same
// positions of worst (a walk of at least that many nodes).
func prefixAfter(prefix []kg.ID, next kg.ID, worst []kg.ID) bool {
	for i, id := range prefix {
		if id != worst[i] {
			return id > worst[i]
		}
	}
	return next > worst[len(prefix)]
}

// mergeCursors calls fn for the relations of several runs sorted by the
// node at the other end, in order of (other end, relation ID), until fn
// returns false.
func mergeCursors(cs []cursor, fn func(r *kg.Relation, other kg.ID) bool) {
	for {
		best := -1
		var bestID kg.ID
		for i := range cs {
			if len(cs[i].run) == 0 {
				continue
			}
			id := cs[i].head()
			if best < 0 || id < bestID || (id == bestID && cs[i].run[0].ID < cs[best].run[0].ID) {
				best, bestID = i, id
			}
		}
		if best < 0 {
			return
		}
		r := cs[best].run[0]
		cs[best].run = cs[best].run[1:]
		if !fn(r, bestID) {
			return
		}
	}
}

// cursor walks one run of relations sorted by the node at the other end.
type cursor struct {
	run   []*kg.Relation
	other func(*kg.Relation) kg.ID
}

func (c cursor) head() kg.ID { return c.other(c.run[0]) }

// cursors merges runs in order of the other end (a min-heap).
type cursors []cursor

func (h cursors) Len() int           { return len(h) }
func (h cursors) Less(i, j int) bool { return h[i].head() < h[j].head() }
func (h cursors) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *cursors) Push(x any)        { *h = append(*h, x.(cursor)) }
func (h *cursors) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// Neighborhood returns the nodes within depth hops of id (ignoring
// direction, over types; all but MENTIONED_IN when empty), nearest first and
// by ID within a distance, at most limit of them, with every allowed
// relation among the included nodes. truncated reports nodes left out.
//
// Each layer is read by merging the frontier's adjacency runs (sorted by
// neighbour ID) and stops once the layer is full, so a hub in the frontier
// costs what is taken from it, not its degree.
func (s *Store) Neighborhood(ctx context.Context, id kg.ID, depth, limit int, types []kg.RelType) (*kg.Graph, bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	depth, limit, err := store.NeighborhoodArgs(depth, limit)
	if err != nil {
		return nil, false, err
	}
	mask, err := maskOf(types, true)
	if err != nil {
		return nil, false, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.nodes[id] == nil {
		return nil, false, fmt.Errorf("neighborhood: node %s: %w", id, store.ErrNotFound)
	}
	included := map[kg.ID]bool{id: true}
	order := []kg.ID{id}
	truncated := false
	frontier := []kg.ID{id}
	for d := 1; d <= depth && len(frontier) > 0 && !truncated; d++ {
		room := limit - len(order)
		var h cursors
		for _, cur := range frontier {
			a := s.adj[cur]
			if a == nil {
				continue
			}
			for t := 0; t < numTypes; t++ {
				if mask&(1<<t) == 0 {
					continue
				}
				if run := a.out.of(t); len(run) > 0 {
					h = append(h, cursor{run, relTo})
				}
				if run := a.in.of(t); len(run) > 0 {
					h = append(h, cursor{run, relFrom})
				}
			}
		}
		heap.Init(&h)
		var next []kg.ID
		var last kg.ID
		for h.Len() > 0 {
			nb := h[0].head()
			if h[0].run = h[0].run[1:]; len(h[0].run) == 0 {
				heap.Pop(&h)
			} else {
				heap.Fix(&h, 0)
			}
			if nb == last || included[nb] {
				continue
			}
			if len(next) == room {
				truncated = true
				break
			}
			next = append(next, nb)
			last = nb
		}
		for _, n := range next {
			included[n] = true
			order = append(order, n)
		}
		frontier = next
	}
	sortedIncl := append([]kg.ID(nil), order...)
	sort.Slice(sortedIncl, func(i, j int) bool { return sortedIncl[i] < sortedIncl[j] })
	g := &kg.Graph{Nodes: make([]kg.Node, 0, len(order))}
	for _, n := range order {
		g.Nodes = append(g.Nodes, s.nodes[n].Clone())
		a := s.adj[n]
		if a == nil {
			continue
		}
		for t := 0; t < numTypes; t++ {
			if mask&(1<<t) == 0 {
				continue
			}
			run := a.out.of(t)
			if len(run) <= 4*len(sortedIncl) {
				for _, r := range run {
					if included[r.To] {
						g.Relations = append(g.Relations, r.Clone())
					}
				}
				continue
			}
			for _, m := range sortedIncl {
				for i := lowerBound(run, m, relTo); i < len(run) && run[i].To == m; i++ {
					g.Relations = append(g.Relations, run[i].Clone())
				}
			}
		}
	}
	g.Sort()
	return g, truncated, nil
}
