// Package reference is the previous, scan-based memstore (a full rebuild
// of the merged view per Upsert, linear scans for Search): slow but simple.
// memstore's differential tests compare the indexed store against it.
package reference

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// Limits shared by the traversals.
const (
	DefaultSearchLimit       = 20
	MaxSearchLimit           = 1000
	DefaultMaxHops           = 4
	MaxHops                  = 10
	MaxPaths                 = 50 // cap on the number of paths Paths and Chains return
	DefaultNeighborhoodLimit = 100
	MaxNeighborhoodDepth     = 6
)

type page struct {
	doc   kg.Document
	graph *kg.Graph
}

// Store is the in-memory store.
type Store struct {
	mu    sync.RWMutex
	pages map[kg.ID]page

	// merged view and its indexes, rebuilt by rebuild()
	nodes map[kg.ID]*kg.Node
	rels  map[kg.ID]*kg.Relation
	out   map[kg.ID][]*kg.Relation // by From, sorted by relation ID
	in    map[kg.ID][]*kg.Relation // by To, sorted by relation ID
	keys  map[kg.ID][]string       // normalised name and aliases
	stats store.Stats
}

var _ store.Store = (*Store)(nil)

// New returns an empty store.
func New() *Store {
	s := &Store{pages: map[kg.ID]page{}}
	s.rebuild()
	return s
}

// Upsert loads one page. An unchanged page (same non-empty SHA256) is
// skipped; a changed one replaces the page's earlier graph.
func (s *Store) Upsert(ctx context.Context, doc kg.Document, g *kg.Graph) (store.UpsertResult, error) {
	if err := ctx.Err(); err != nil {
		return store.UpsertResult{}, err
	}
	if doc.ID == "" {
		if doc.Name == "" {
			return store.UpsertResult{}, fmt.Errorf("upsert: document without id or name: %w", store.ErrInvalidArgument)
		}
		doc.ID = kg.DocumentID(doc.Name)
	}
	if g == nil {
		g = &kg.Graph{}
	}
	if err := ValidateGraph(g); err != nil {
		return store.UpsertResult{}, fmt.Errorf("upsert %s: %w", doc.Name, err)
	}
	norm := &kg.Graph{}
	norm.Merge(g) // deep copy, duplicates merged, sorted

	s.mu.Lock()
	defer s.mu.Unlock()
	old, existed := s.pages[doc.ID]
	res := store.UpsertResult{Nodes: len(norm.Nodes), Relations: len(norm.Relations)}
	if existed && doc.SHA256 != "" && old.doc.SHA256 == doc.SHA256 {
		res.Skipped = true
		return res, nil
	}
	res.Replaced = existed
	s.pages[doc.ID] = page{doc: doc, graph: norm}
	s.rebuild()
	return res, nil
}

// ValidateGraph checks that every label and type comes from kg's fixed
// tables and that every node and relation has an ID; errors wrap
// store.ErrInvalidArgument.
func ValidateGraph(g *kg.Graph) error {
	for _, n := range g.Nodes {
		if n.ID == "" {
			return fmt.Errorf("node %q without id: %w", n.Name, store.ErrInvalidArgument)
		}
		if !n.Label.Valid() {
			return fmt.Errorf("node %s: unknown label %q: %w", n.ID, n.Label, store.ErrInvalidArgument)
		}
	}
	for _, r := range g.Relations {
		if r.ID == "" || r.From == "" || r.To == "" {
			return fmt.Errorf("relation %s without id or endpoint: %w", r.Type, store.ErrInvalidArgument)
		}
		if !r.Type.Valid() {
			return fmt.Errorf("relation %s: unknown type %q: %w", r.ID, r.Type, store.ErrInvalidArgument)
		}
	}
	return nil
}

// rebuild recomputes the merged view from the pages. Caller holds s.mu.
func (s *Store) rebuild() {
	ids := make([]kg.ID, 0, len(s.pages))
	for id := range s.pages {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	merged := &kg.Graph{}
	for _, id := range ids {
		merged.Merge(s.pages[id].graph)
	}
	s.nodes = make(map[kg.ID]*kg.Node, len(merged.Nodes))
	s.keys = make(map[kg.ID][]string, len(merged.Nodes))
	s.stats = store.Stats{Documents: len(s.pages), Nodes: map[kg.Label]int{}, Relations: map[kg.RelType]int{}}
	for i := range merged.Nodes {
		n := &merged.Nodes[i]
		s.nodes[n.ID] = n
		keys := []string{store.NormalizeName(n.Name)}
		for _, a := range n.Aliases {
			keys = append(keys, store.NormalizeName(a))
		}
		s.keys[n.ID] = keys
		s.stats.Nodes[n.Label]++
	}
	s.rels = make(map[kg.ID]*kg.Relation, len(merged.Relations))
	s.out = map[kg.ID][]*kg.Relation{}
	s.in = map[kg.ID][]*kg.Relation{}
	for i := range merged.Relations {
		r := &merged.Relations[i]
		// A relation needs both endpoints (as in a graph database).
		if s.nodes[r.From] == nil || s.nodes[r.To] == nil {
			continue
		}
		s.rels[r.ID] = r
		s.out[r.From] = append(s.out[r.From], r) // merged.Relations is sorted by ID
		s.in[r.To] = append(s.in[r.To], r)
		s.stats.Relations[r.Type]++
	}
}

// Nodes returns the nodes with the given IDs.
func (s *Store) Nodes(ctx context.Context, ids []kg.ID) (map[kg.ID]kg.Node, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[kg.ID]kg.Node, len(ids))
	for _, id := range ids {
		if n := s.nodes[id]; n != nil {
			out[id] = n.Clone()
		}
	}
	return out, nil
}

// Relations returns each node's relations in the given direction, sorted
// by relation ID. Undirected relations (PARTNERS_WITH) count as both
// outgoing and incoming. IDs without any matching relation are absent.
func (s *Store) Relations(ctx context.Context, ids []kg.ID, dir store.Direction, types []kg.RelType) (map[kg.ID][]kg.Relation, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	allowed, err := typeSet(types, false)
	if err != nil {
		return nil, err
	}
	if dir != store.Outgoing && dir != store.Incoming && dir != store.Both {
		return nil, fmt.Errorf("relations: direction %d: %w", dir, store.ErrInvalidArgument)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[kg.ID][]kg.Relation, len(ids))
	for _, id := range ids {
		if _, done := out[id]; done {
			continue
		}
		seen := map[kg.ID]bool{}
		var list []kg.Relation
		add := func(rs []*kg.Relation, matchAll bool) {
			for _, r := range rs {
				if !allowed[r.Type] || seen[r.ID] {
					continue
				}
				if !matchAll && !r.Type.Undirected() {
					continue
				}
				seen[r.ID] = true
				list = append(list, r.Clone())
			}
		}
		add(s.out[id], dir != store.Incoming)
		add(s.in[id], dir != store.Outgoing)
		if len(list) == 0 {
			continue
		}
		sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
		out[id] = list
	}
	return out, nil
}

// typeSet turns a type list into a set; empty means every type but
// MENTIONED_IN when traversal is true, every type otherwise.
func typeSet(types []kg.RelType, traversal bool) (map[kg.RelType]bool, error) {
	set := map[kg.RelType]bool{}
	if len(types) == 0 {
		for _, t := range kg.AllRelTypes {
			if !traversal || t != kg.RelMentionedIn {
				set[t] = true
			}
		}
		return set, nil
	}
	for _, t := range types {
		if !t.Valid() {
			return nil, fmt.Errorf("relation type %q: %w", t, store.ErrInvalidArgument)
		}
		set[t] = true
	}
	return set, nil
}

func labelSet(labels []kg.Label) (map[kg.Label]bool, error) {
	if len(labels) == 0 {
		return nil, nil
	}
	set := map[kg.Label]bool{}
	for _, l := range labels {
		if !l.Valid() {
			return nil, fmt.Errorf("label %q: %w", l, store.ErrInvalidArgument)
		}
		set[l] = true
	}
	return set, nil
}

// SearchLimit applies the default and the cap to a Search limit.
func SearchLimit(limit int) int {
	if limit <= 0 {
		return DefaultSearchLimit
	}
	if limit > MaxSearchLimit {
		return MaxSearchLimit
	}
	return limit
}

// Search finds nodes by name or alias after store.NormalizeName: exact
// matches, then prefix, then substring; within a rank, shorter matching
// names first, then by ID. Blank text is an invalid argument.
func (s *Store) Search(ctx context.Context, text string, labels []kg.Label, limit int) ([]kg.Node, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	q := store.NormalizeName(text)
	if q == "" {
		return nil, fmt.Errorf("search: empty text: %w", store.ErrInvalidArgument)
	}
	ls, err := labelSet(labels)
	if err != nil {
		return nil, err
	}
	limit = SearchLimit(limit)
	type hit struct {
		n          *kg.Node
		rank, size int
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var hits []hit
	for id, keys := range s.keys {
		n := s.nodes[id]
		if ls != nil && !ls[n.Label] {
			continue
		}
		best := hit{n: n, rank: store.MatchNone}
		for _, k := range keys {
			r, size := store.MatchRank(k, q)
			if r < best.rank || (r == best.rank && size < best.size) {
				best.rank, best.size = r, size
			}
		}
		if best.rank < store.MatchNone {
			hits = append(hits, best)
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		if a.size != b.size {
			return a.size < b.size
		}
		return a.n.ID < b.n.ID
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	out := make([]kg.Node, len(hits))
	for i, h := range hits {
		out[i] = h.n.Clone()
	}
	return out, nil
}

// Zones lists zones matching every set field of the filter (province, city
// and kind exactly; NameContains as a normalised substring of the name or an
// alias), sorted by name then ID.
func (s *Store) Zones(ctx context.Context, f store.ZoneFilter) ([]kg.Node, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	q := store.NormalizeName(f.NameContains)
	exact := store.NormalizeName(f.Name)
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []kg.Node
	for id, n := range s.nodes {
		if n.Label != kg.LabelZone {
			continue
		}
		if !propIs(n, kg.PropProvince, f.Province) || !propIs(n, kg.PropCity, f.City) || !propIs(n, kg.PropKind, f.Kind) {
			continue
		}
		if q != "" {
			ok := false
			for _, k := range s.keys[id] {
				if r, _ := store.MatchRank(k, q); r < store.MatchNone {
					ok = true
					break
				}
			}
			if !ok {
				continue
			}
		}
		if exact != "" && !slices.Contains(s.keys[id], exact) {
			continue
		}
		out = append(out, n.Clone())
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

func propIs(n *kg.Node, key, want string) bool {
	if want == "" {
		return true
	}
	v, _ := n.Properties[key].(string)
	return v == want
}

// SubZones returns each zone's transitive sub-zones (incoming PART_OF,
// followed transitively), sorted by ID. Zones without sub-zones and unknown
// IDs are absent.
func (s *Store) SubZones(ctx context.Context, ids []kg.ID) (map[kg.ID][]kg.ID, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := map[kg.ID][]kg.ID{}
	for _, id := range ids {
		if s.nodes[id] == nil {
			continue
		}
		seen := map[kg.ID]bool{id: true}
		queue := []kg.ID{id}
		var subs []kg.ID
		for len(queue) > 0 {
			cur := queue[0]
			queue = queue[1:]
			for _, r := range s.in[cur] {
				if r.Type == kg.RelPartOf && !seen[r.From] {
					seen[r.From] = true
					subs = append(subs, r.From)
					queue = append(queue, r.From)
				}
			}
		}
		if len(subs) > 0 {
			sort.Slice(subs, func(i, j int) bool { return subs[i] < subs[j] })
			out[id] = subs
		}
	}
	return out, nil
}

// HopLimit applies the default (DefaultMaxHops for <= 0) and the cap
// (MaxHops, beyond which the argument is invalid) to a hop count.
func HopLimit(maxHops int) (int, error) {
	if maxHops <= 0 {
		return DefaultMaxHops, nil
	}
	if maxHops > MaxHops {
		return 0, fmt.Errorf("maxHops %d > %d: %w", maxHops, MaxHops, store.ErrInvalidArgument)
	}
	return maxHops, nil
}

// step is one traversal of a relation from a node.
type step struct {
	rel  *kg.Relation
	next kg.ID
}

// undirected lists the relations at id in either direction over allowed
// types, sorted by relation ID then neighbour.
func (s *Store) undirected(id kg.ID, allowed map[kg.RelType]bool) []step {
	var steps []step
	for _, r := range s.out[id] {
		if allowed[r.Type] {
			steps = append(steps, step{r, r.To})
		}
	}
	for _, r := range s.in[id] {
		if allowed[r.Type] && r.From != r.To {
			steps = append(steps, step{r, r.From})
		}
	}
	sort.Slice(steps, func(i, j int) bool {
		if steps[i].rel.ID != steps[j].rel.ID {
			return steps[i].rel.ID < steps[j].rel.ID
		}
		return steps[i].next < steps[j].next
	})
	return steps
}

// Paths returns all shortest paths (at most MaxPaths) between from and to
// of at most maxHops, ignoring direction, over types (all but MENTIONED_IN
// when empty). Unknown endpoints are ErrNotFound; no path is an empty
// result. from == to yields one path of length 0.
func (s *Store) Paths(ctx context.Context, from, to kg.ID, maxHops int, types []kg.RelType) ([]kg.Path, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	hops, err := HopLimit(maxHops)
	if err != nil {
		return nil, err
	}
	allowed, err := typeSet(types, true)
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
	// BFS layers from `from`; preds[n] = steps reaching n from the previous layer.
	dist := map[kg.ID]int{from: 0}
	preds := map[kg.ID][]step{}
	frontier := []kg.ID{from}
	for d := 1; d <= hops && len(frontier) > 0 && dist[to] == 0; d++ {
		var next []kg.ID
		for _, cur := range frontier {
			for _, st := range s.undirected(cur, allowed) {
				dn, seen := dist[st.next]
				if !seen {
					dist[st.next] = d
					next = append(next, st.next)
				} else if dn != d {
					continue
				}
				preds[st.next] = append(preds[st.next], step{st.rel, cur})
			}
		}
		frontier = next
	}
	if _, ok := dist[to]; !ok {
		return []kg.Path{}, nil
	}
	// Enumerate back from `to`.
	var paths []kg.Path
	var walk func(id kg.ID, nodes []kg.ID, rels []*kg.Relation)
	walk = func(id kg.ID, nodes []kg.ID, rels []*kg.Relation) {
		if id == from {
			p := kg.Path{}
			for i := len(nodes) - 1; i >= 0; i-- {
				p.Nodes = append(p.Nodes, s.nodes[nodes[i]].Clone())
			}
			for i := len(rels) - 1; i >= 0; i-- {
				p.Relations = append(p.Relations, rels[i].Clone())
			}
			paths = append(paths, p)
			return
		}
		for _, st := range preds[id] {
			walk(st.next, append(nodes, st.next), append(rels, st.rel))
		}
	}
	walk(to, []kg.ID{to}, nil)
	SortPaths(paths)
	if len(paths) > MaxPaths {
		paths = paths[:MaxPaths]
	}
	return paths, nil
}

// SortPaths orders paths by length, then by their node IDs, then by their
// relation IDs: the deterministic order of Paths and Chains.
func SortPaths(paths []kg.Path) {
	key := func(p kg.Path) []kg.ID {
		k := make([]kg.ID, 0, len(p.Nodes)+len(p.Relations))
		for _, n := range p.Nodes {
			k = append(k, n.ID)
		}
		for _, r := range p.Relations {
			k = append(k, r.ID)
		}
		return k
	}
	sort.SliceStable(paths, func(i, j int) bool {
		if paths[i].Len() != paths[j].Len() {
			return paths[i].Len() < paths[j].Len()
		}
		a, b := key(paths[i]), key(paths[j])
		for x := 0; x < len(a) && x < len(b); x++ {
			if a[x] != b[x] {
				return a[x] < b[x]
			}
		}
		return len(a) < len(b)
	})
}

// Chains returns the money paths from a node, each a maximal simple path
// (it ends at a dead end or at maxHops; no node twice): all of them,
// sorted by store.SortChains and cut to MaxPaths (the contract's order,
// found by brute force).
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
func (s *Store) Chains(ctx context.Context, from kg.ID, dir store.ChainDirection, maxHops int) ([]kg.Path, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	hops, err := HopLimit(maxHops)
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
	next := func(id kg.ID, depth int) []step {
		var steps []step
		if dir == store.Downstream {
			for _, r := range s.out[id] {
				switch r.Type {
				case kg.RelLendsTo, kg.RelInvestsIn, kg.RelOperates:
					steps = append(steps, step{r, r.To})
				case kg.RelLocatedIn:
					if depth > 0 {
						steps = append(steps, step{r, r.To})
					}
				}
			}
		} else {
			for _, r := range s.in[id] {
				switch r.Type {
				case kg.RelLendsTo, kg.RelInvestsIn, kg.RelOperates:
					steps = append(steps, step{r, r.From})
				}
			}
		}
		return steps
	}
	var paths []kg.Path
	onPath := map[kg.ID]bool{from: true}
	var dfs func(id kg.ID, nodes []kg.ID, rels []*kg.Relation)
	dfs = func(id kg.ID, nodes []kg.ID, rels []*kg.Relation) {
		extended := false
		last := len(rels) > 0 && rels[len(rels)-1].Type == kg.RelLocatedIn
		if len(rels) < hops && !last {
			for _, st := range next(id, len(rels)) {
				if onPath[st.next] {
					continue
				}
				extended = true
				onPath[st.next] = true
				dfs(st.next, append(nodes, st.next), append(rels, st.rel))
				onPath[st.next] = false
			}
		}
		if !extended && len(rels) > 0 {
			p := kg.Path{}
			for _, n := range nodes {
				p.Nodes = append(p.Nodes, s.nodes[n].Clone())
			}
			for _, r := range rels {
				p.Relations = append(p.Relations, r.Clone())
			}
			paths = append(paths, p)
		}
	}
	dfs(from, []kg.ID{from}, nil)
	store.SortChains(paths)
	if len(paths) > MaxPaths {
		paths = paths[:MaxPaths]
	}
	if paths == nil {
		paths = []kg.Path{}
	}
	return paths, nil
}

// NeighborhoodArgs applies defaults and caps: depth in [0, MaxNeighborhoodDepth],
// limit <= 0 means DefaultNeighborhoodLimit.
func NeighborhoodArgs(depth, limit int) (int, int, error) {
	if depth < 0 || depth > MaxNeighborhoodDepth {
		return 0, 0, fmt.Errorf("neighborhood: depth %d not in [0, %d]: %w", depth, MaxNeighborhoodDepth, store.ErrInvalidArgument)
	}
	if limit <= 0 {
		limit = DefaultNeighborhoodLimit
	}
	return depth, limit, nil
}

// Neighborhood returns the nodes within depth hops of id (ignoring
// direction, over types; all but MENTIONED_IN when empty), nearest first and
// by ID within a distance, at most limit of them, with every allowed
// relation among the included nodes. truncated reports nodes left out.
func (s *Store) Neighborhood(ctx context.Context, id kg.ID, depth, limit int, types []kg.RelType) (*kg.Graph, bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	depth, limit, err := NeighborhoodArgs(depth, limit)
	if err != nil {
		return nil, false, err
	}
	allowed, err := typeSet(types, true)
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
		layer := map[kg.ID]bool{}
		for _, cur := range frontier {
			for _, st := range s.undirected(cur, allowed) {
				if !included[st.next] {
					layer[st.next] = true
				}
			}
		}
		next := make([]kg.ID, 0, len(layer))
		for n := range layer {
			next = append(next, n)
		}
		sort.Slice(next, func(i, j int) bool { return next[i] < next[j] })
		if room := limit - len(order); len(next) > room {
			next, truncated = next[:room], true
		}
		for _, n := range next {
			included[n] = true
			order = append(order, n)
		}
		frontier = next
	}
	g := &kg.Graph{}
	for _, n := range order {
		g.Nodes = append(g.Nodes, s.nodes[n].Clone())
	}
	for _, n := range order {
		for _, r := range s.out[n] {
			if allowed[r.Type] && included[r.To] {
				g.Relations = append(g.Relations, r.Clone())
			}
		}
	}
	g.Sort()
	return g, truncated, nil
}

// Documents lists the loaded pages by name, then ID.
func (s *Store) Documents(ctx context.Context) ([]kg.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]kg.Document, 0, len(s.pages))
	for _, p := range s.pages {
		out = append(out, p.doc)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// Stats counts documents, nodes by label and relations by type (labels and
// types with no member are absent).
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	if err := ctx.Err(); err != nil {
		return store.Stats{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := store.Stats{Documents: s.stats.Documents, Nodes: map[kg.Label]int{}, Relations: map[kg.RelType]int{}}
	for k, v := range s.stats.Nodes {
		st.Nodes[k] = v
	}
	for k, v := range s.stats.Relations {
		st.Relations[k] = v
	}
	return st, nil
}

// Ping always succeeds: memory is always reachable.
func (s *Store) Ping(ctx context.Context) error { return ctx.Err() }

// Close releases nothing; the store stays usable.
func (s *Store) Close(context.Context) error { return nil }
