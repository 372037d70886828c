package memstore

import (
	"container/heap"
	"context"
	"fmt"
	"sort"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// step is one traversal of a relation; Next is the node it leads to (or,
// in a predecessor list, the node it comes from).
type step = store.Step[kg.ID, *kg.Relation]

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
type walk = store.Walk[kg.ID, *kg.Relation]

// materialize clones the nodes and relations of the walks into paths.
func (s *Store) materialize(walks []walk) []kg.Path {
	out := make([]kg.Path, len(walks))
	for i, w := range walks {
		p := kg.Path{Nodes: make([]kg.Node, len(w.Nodes)), Relations: make([]kg.Relation, len(w.Rels))}
		for j, id := range w.Nodes {
			p.Nodes[j] = s.nodes[id].Clone()
		}
		for j, r := range w.Rels {
			p.Relations[j] = r.Clone()
		}
		out[i] = p
	}
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

// Paths returns the shortest paths between from and to of at most maxHops,
// ignoring direction, over types (all but MENTIONED_IN when empty): the
// first MaxPaths by SortPaths (see store.Store.Paths).
//
// The search is breadth-first from both ends at once, always growing the
// side whose frontier has fewer relations, and stops at the first layer
// where the two meet: every shortest path crosses that layer once. Then
// shortestWalks takes the first MaxPaths paths in order without listing
// the others.
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
					x.preds[nb] = append(x.preds[nb], step{Rel: r, Next: cur})
					if !met[nb] {
						met[nb] = true
						meet = append(meet, nb)
					}
				}
			})
		}
		if len(meet) > 0 || f.depth+b.depth >= hops {
			break // met, or no later layer could use this one
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
				x.preds[nb] = append(x.preds[nb], step{Rel: r, Next: cur})
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
	return s.materialize(shortestWalks(f, b, meet, from, to)), nil
}

// frontierCost estimates the work of growing a frontier: its relations.
func (s *Store) frontierCost(frontier []kg.ID) int {
	n := 0
	for _, id := range frontier {
		n += s.adj[id].degree()
	}
	return n
}

// shortestWalks returns the first MaxPaths shortest walks from `from` to
// `to` in the order of SortPaths (node IDs, then relation IDs), given the
// two sides of the search and the nodes where they met.
//
// It builds the DAG of the shortest paths (the predecessor steps that lead
// back from the meeting nodes to either source) and walks it depth-first
// from `from`, successors by node ID: the node sequences come in order, and
// every step leads on to `to`, so the walk stops after MaxPaths paths
// whatever the number of shortest paths. Each node sequence then yields its
// paths in order of relation IDs (the parallel relations of each hop).
func shortestWalks(f, b *bfsSide, meet []kg.ID, from, to kg.ID) []walk {
	succ := map[kg.ID][]step{} // DAG edges out of a node, toward `to`
	seenF, seenB := map[kg.ID]bool{}, map[kg.ID]bool{}
	var back func(n kg.ID) // f's side: edges into n from the previous layer
	back = func(n kg.ID) {
		if seenF[n] {
			return
		}
		seenF[n] = true
		for _, st := range f.preds[n] {
			succ[st.Next] = append(succ[st.Next], step{Rel: st.Rel, Next: n})
			back(st.Next)
		}
	}
	var fwd func(n kg.ID) // b's side: edges from n toward `to`
	fwd = func(n kg.ID) {
		if seenB[n] {
			return
		}
		seenB[n] = true
		succ[n] = append(succ[n], b.preds[n]...)
		for _, st := range b.preds[n] {
			fwd(st.Next)
		}
	}
	for _, m := range meet {
		back(m)
		fwd(m)
	}
	return store.FirstWalks(succ, from, to, func(a, b kg.ID) bool { return a < b },
		func(a, b *kg.Relation) bool { return a.ID < b.ID })
}

// Chains returns the money paths from a node (see store.Store.Chains for
// the hop rules and the order): the first MaxPaths maximal simple chains
// in hop order.
//
// The search is depth-first, each node's hops merged from its adjacency
// runs (sorted by the node at the other end, then relation ID), which is
// the contract's order, and stops at the MaxPaths-th chain. Every hop it
// takes leads to at least one chain (a simple path always extends to a
// maximal one), so its cost follows the chains returned, not the degree
// of the hubs on the way.
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
	var out []walk
	keep := func(w walk) {
		out = append(out, walk{Nodes: append([]kg.ID(nil), w.Nodes...), Rels: append([]*kg.Relation(nil), w.Rels...)})
	}
	onPath := map[kg.ID]bool{from: true}
	w := walk{Nodes: []kg.ID{from}}
	var dfs func(id kg.ID)
	dfs = func(id kg.ID) {
		depth := len(w.Rels)
		if depth == hops || (depth > 0 && w.Rels[depth-1].Type == kg.RelLocatedIn) {
			keep(w)
			return
		}
		extended := false
		next(id, depth, func(r *kg.Relation, nb kg.ID) bool {
			if onPath[nb] {
				return true
			}
			extended = true
			onPath[nb] = true
			w.Nodes = append(w.Nodes, nb)
			w.Rels = append(w.Rels, r)
			dfs(nb)
			w.Nodes = w.Nodes[:len(w.Nodes)-1]
			w.Rels = w.Rels[:len(w.Rels)-1]
			onPath[nb] = false
			return len(out) < store.MaxPaths
		})
		if !extended && depth > 0 {
			keep(w) // a dead end
		}
	}
	dfs(from)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.materialize(out), nil
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
	return s.NeighborhoodOf(ctx, id, store.NeighborhoodQuery{Depth: depth, Limit: limit, Types: types})
}

var _ store.NeighborhoodReader = (*Store)(nil)

// NeighborhoodOf is Neighborhood with options (store.NeighborhoodReader):
// with q.NoEvidence the nodes and relations are copied without their
// evidence.
func (s *Store) NeighborhoodOf(ctx context.Context, id kg.ID, q store.NeighborhoodQuery) (*kg.Graph, bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	depth, limit, err := store.NeighborhoodArgs(q.Depth, q.Limit)
	if err != nil {
		return nil, false, err
	}
	mask, err := maskOf(q.Types, true)
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
	cloneNode, cloneRel := kg.Node.Clone, kg.Relation.Clone
	if q.NoEvidence {
		cloneNode = func(n kg.Node) kg.Node { n.Evidence = nil; return n.Clone() }
		cloneRel = func(r kg.Relation) kg.Relation { r.Evidence = nil; return r.Clone() }
	}
	g := &kg.Graph{Nodes: make([]kg.Node, 0, len(order))}
	for _, n := range order {
		g.Nodes = append(g.Nodes, cloneNode(*s.nodes[n]))
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
						g.Relations = append(g.Relations, cloneRel(*r))
					}
				}
				continue
			}
			for _, m := range sortedIncl {
				for i := lowerBound(run, m, relTo); i < len(run) && run[i].To == m; i++ {
					g.Relations = append(g.Relations, cloneRel(*run[i]))
				}
			}
		}
	}
	g.Sort()
	return g, truncated, nil
}
