// Package memstore provides the in-memory store.Store: the embedded default,
// used when no Neo4j is configured. It keeps every loaded page's graph and a
// merged view of all pages (kg.Graph.Merge, pages in document-ID order) with
// indexes by ID, by normalised name and alias (nameIndex), and by adjacency.
//
// Upsert is incremental: it re-merges only the nodes and relations the old
// and new versions of the page name (and the relations whose endpoints
// appear or disappear with them), and updates only the index entries those
// touch. It is safe for concurrent use.
//
// Ownership: every value returned is a copy owned by the caller (nodes and
// relations are cloned, with their aliases, properties and evidence), so a
// caller may change what it gets without affecting the store. Internally,
// merged nodes and relations are immutable once built: a re-merge builds a
// new value, so a node or relation named by one page only is shared with
// that page's graph rather than copied. Equal values within a page (ID
// strings, property maps, evidence storage) are shared as well (compactor):
// at 1M nodes the store is most of the heap, and every object in it is
// marked on every collection.
package memstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// page is one loaded page: its document and its normalised graph (sorted
// by ID, no duplicates: kg.Graph.Merge), searched by ID. Nothing mutates a
// page once stored.
type page struct {
	doc kg.Document
	g   *kg.Graph
}

func newPage(doc kg.Document, g *kg.Graph) *page { return &page{doc: doc, g: g} }

// node returns the page's version of a node, or nil.
func (p *page) node(id kg.ID) *kg.Node {
	if i, ok := slices.BinarySearchFunc(p.g.Nodes, id, func(n kg.Node, id kg.ID) int { return cmp.Compare(n.ID, id) }); ok {
		return &p.g.Nodes[i]
	}
	return nil
}

// rel returns the page's version of a relation, or nil.
func (p *page) rel(id kg.ID) *kg.Relation {
	if i, ok := slices.BinarySearchFunc(p.g.Relations, id, func(r kg.Relation, id kg.ID) int { return cmp.Compare(r.ID, id) }); ok {
		return &p.g.Relations[i]
	}
	return nil
}

// relEntry is one relation of the merged view: the pages that name it,
// sorted by page ID, its merged version (nil until merged), and whether it
// is live (both endpoints exist, as in a graph database; otherwise it
// waits for the missing one). One map entry holds all three.
type relEntry struct {
	rel   *kg.Relation
	pages []kg.ID
	live  bool
}

// Store is the in-memory store.
type Store struct {
	mu    sync.RWMutex
	pages map[kg.ID]*page

	// which pages name each node, sorted by page ID
	nodePages map[kg.ID][]kg.ID

	// the merged view
	nodes   map[kg.ID]*kg.Node
	rels    map[kg.ID]relEntry           // every relation some page names
	waiting map[kg.ID]map[kg.ID]struct{} // missing endpoint -> relations waiting for it
	adj     map[kg.ID]*adjacency         // live relations by node
	zones   map[kg.ID]*kg.Node           // nodes labelled Zone
	names   *nameIndex                   // Search
	stats   store.Stats
}

var _ store.Store = (*Store)(nil)

// New returns an empty store.
func New() *Store {
	return &Store{
		pages:     map[kg.ID]*page{},
		nodePages: map[kg.ID][]kg.ID{},
		nodes:     map[kg.ID]*kg.Node{},
		rels:      map[kg.ID]relEntry{},
		waiting:   map[kg.ID]map[kg.ID]struct{}{},
		adj:       map[kg.ID]*adjacency{},
		zones:     map[kg.ID]*kg.Node{},
		names:     newNameIndex(),
		stats:     store.Stats{Nodes: map[kg.Label]int{}, Relations: map[kg.RelType]int{}},
	}
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
	if err := store.ValidateGraph(g); err != nil {
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
	newCompactor(s, norm).compact(norm)
	s.apply(doc.ID, old, newPage(doc, norm))
	s.stats.Documents = len(s.pages)
	return res, nil
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
	mask, err := maskOf(types, false)
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
		a := s.adj[id]
		if a == nil {
			continue
		}
		var list []kg.Relation
		for _, r := range a.byID {
			if !mask.has(r.Type) {
				continue
			}
			switch dir {
			case store.Outgoing:
				if r.From != id && !r.Type.Undirected() {
					continue
				}
			case store.Incoming:
				if r.To != id && !r.Type.Undirected() {
					continue
				}
			}
			if list == nil {
				list = make([]kg.Relation, 0, len(a.byID))
			}
			list = append(list, r.Clone())
		}
		if len(list) > 0 {
			out[id] = list
		}
	}
	return out, nil
}

// maskOf turns a type list into a set; empty means every type but
// MENTIONED_IN when traversal is true, every type otherwise.
func maskOf(types []kg.RelType, traversal bool) (typeMask, error) {
	var m typeMask
	if len(types) == 0 {
		for _, t := range kg.AllRelTypes {
			if !traversal || t != kg.RelMentionedIn {
				m |= 1 << typeIdx(t)
			}
		}
		return m, nil
	}
	for _, t := range types {
		i := typeIdx(t)
		if i < 0 {
			return 0, fmt.Errorf("relation type %q: %w", t, store.ErrInvalidArgument)
		}
		m |= 1 << i
	}
	return m, nil
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

// Search finds nodes by name or alias after store.NormalizeName: exact
// matches, then prefix, then substring; within a rank, shorter matching
// names first, then by ID. Blank text is an invalid argument. It reads the
// name index (see nameIndex): its cost follows the number of matches
// ranked before the limit, not the size of the graph.
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
	limit = store.SearchLimit(limit)
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := s.names.search(q, ls, limit)
	out := make([]kg.Node, len(ids))
	for i, id := range ids {
		out[i] = s.nodes[id].Clone()
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
	for id, n := range s.zones {
		if !propIs(n, kg.PropProvince, f.Province) || !propIs(n, kg.PropCity, f.City) || !propIs(n, kg.PropKind, f.Kind) {
			continue
		}
		if q != "" {
			ok := false
			for _, k := range s.names.keys(id) {
				if r, _ := store.MatchRank(k, q); r < store.MatchNone {
					ok = true
					break
				}
			}
			if !ok {
				continue
			}
		}
		if exact != "" && !slices.Contains(s.names.keys(id), exact) {
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
	partOf := typeIdx(kg.RelPartOf)
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
			a := s.adj[cur]
			if a == nil {
				continue
			}
			for _, r := range a.in.of(partOf) {
				if !seen[r.From] {
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
		if v > 0 {
			st.Nodes[k] = v
		}
	}
	for k, v := range s.stats.Relations {
		if v > 0 {
			st.Relations[k] = v
		}
	}
	return st, nil
}

// Ping always succeeds: memory is always reachable.
func (s *Store) Ping(ctx context.Context) error { return ctx.Err() }

// Close releases nothing; the store stays usable.
func (s *Store) Close(context.Context) error { return nil }
