package graph

import (
	"context"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/zonegraph/zonegraph/graph/model"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// Loaders batch the store reads of one request: every field at the same
// level of a query asks for its keys within the wait window and the
// loader makes one store call for all of them. A nested query therefore
// costs a number of store calls bounded by its depth, not by its size.
type Loaders struct {
	// nodes: kg.Node by ID; nil for a missing ID.
	nodes *dataloadgen.Loader[kg.ID, *kg.Node]
	// relations: the relations of a node in both directions, of the key's
	// types (all when empty). A batch makes one store call over the union
	// of its keys' types, so a level asking for positions and operates of
	// 20 firms reads only those two types, in one call.
	relations *dataloadgen.Loader[relKey, []kg.Relation]
	// subZones: the transitive PART_OF closure of a zone.
	subZones *dataloadgen.Loader[kg.ID, []kg.ID]
	// members: one page of a zone's members (store.MemberReader); the keys
	// of one batch that share a query make one store call.
	members *dataloadgen.Loader[memberKey, store.MemberPage]
	// lean holds what members pages read without evidence brought along
	// (MemberQuery.NoEvidence): it answers only the fields whose selection
	// shows no evidence, so the loaders above never hold partial objects.
	lean leanCache
	// ahead: members pages read along with their zone (zoneAhead).
	ahead aheadPages
}

// leanCache is the request's store of nodes and relations read without
// their evidence, keyed like the loaders; safe for concurrent fields.
type leanCache struct {
	mu    sync.RWMutex
	nodes map[kg.ID]kg.Node
	rels  map[relKey][]kg.Relation
}

// putPage stores a page read with NoEvidence: its members and neighbours,
// and each member's relations under the one-type keys (as primePage).
func (c *leanCache) putPage(p store.MemberPage, with []kg.RelType) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.nodes == nil {
		c.nodes = make(map[kg.ID]kg.Node, len(p.Members)+len(p.Neighbours))
		c.rels = make(map[relKey][]kg.Relation, len(p.Members)*len(with))
	}
	for _, m := range p.Members {
		c.nodes[m.Node.ID] = m.Node
		for _, t := range with {
			c.rels[relKey{id: m.Node.ID, types: string(t)}] = ofType(m.Relations, t)
		}
	}
	for id, n := range p.Neighbours {
		c.nodes[id] = n
	}
}

// putNodes stores nodes read without evidence (a NoEvidence neighbourhood).
func (c *leanCache) putNodes(nodes []kg.Node) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.nodes == nil {
		c.nodes, c.rels = map[kg.ID]kg.Node{}, map[relKey][]kg.Relation{}
	}
	for _, n := range nodes {
		c.nodes[n.ID] = n
	}
}

// ofType returns the relations of type t, in their order.
func ofType(rels []kg.Relation, t kg.RelType) []kg.Relation {
	var out []kg.Relation
	for _, r := range rels {
		if r.Type == t {
			out = append(out, r)
		}
	}
	return out
}

// node returns the lean node of id, if held.
func (c *leanCache) node(id kg.ID) (kg.Node, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	n, ok := c.nodes[id]
	return n, ok
}

// relations returns the lean relations of a key, if held.
func (c *leanCache) relations(k relKey) ([]kg.Relation, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	rels, ok := c.rels[k]
	return rels, ok
}

// attachEnds sets the FromNode (with from) and ToNode (with to) of the
// relations whose ends it holds.
func (c *leanCache) attachEnds(rels []model.Relation, from, to bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	for i := range rels {
		rel := &rels[i]
		if n, ok := c.nodes[rel.From]; ok && from {
			rel.FromNode = model.Wrap(clean(n))
		}
		if n, ok := c.nodes[rel.To]; ok && to {
			rel.ToNode = model.Wrap(clean(n))
		}
	}
}

// empty reports whether nothing was stored (the common case: no lookup).
func (c *leanCache) empty() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.nodes == nil
}

// leanFor returns the request's lean cache when the current field may be
// answered from it (it holds something and the field shows no evidence).
func (r *Resolver) leanFor(ctx context.Context) *leanCache {
	c := &r.loaders(ctx).lean
	if c.empty() || fieldNeedsEvidence(ctx) {
		return nil
	}
	return c
}

// loaderWait is how long a loader gathers keys before it calls the store.
const loaderWait = 2 * time.Millisecond

// NewLoaders returns the dataloaders of one request.
func NewLoaders(st store.Store) *Loaders {
	opt := dataloadgen.WithWait(loaderWait)
	l := &Loaders{
		nodes: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []kg.ID) (map[kg.ID]*kg.Node, error) {
			found, err := st.Nodes(ctx, ids)
			if err != nil {
				return nil, err
			}
			out := make(map[kg.ID]*kg.Node, len(ids))
			for _, id := range ids {
				if n, ok := found[id]; ok {
					out[id] = &n
				} else {
					out[id] = nil
				}
			}
			return out, nil
		}, opt),
		relations: dataloadgen.NewMappedLoader(func(ctx context.Context, keys []relKey) (map[relKey][]kg.Relation, error) {
			return loadRelations(ctx, st, keys)
		}, opt),
		subZones: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []kg.ID) (map[kg.ID][]kg.ID, error) {
			found, err := st.SubZones(ctx, ids)
			if err != nil {
				return nil, err
			}
			out := make(map[kg.ID][]kg.ID, len(ids))
			for _, id := range ids {
				out[id] = found[id]
			}
			return out, nil
		}, opt),
	}
	l.members = dataloadgen.NewMappedLoader(func(ctx context.Context, keys []memberKey) (map[memberKey]store.MemberPage, error) {
		return loadMembers(ctx, st, l, keys)
	}, opt)
	return l
}

type loadersKey struct{}

// WithLoaders attaches a request's loaders to its context.
func WithLoaders(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, loadersKey{}, l)
}

// loaders returns the request's loaders, or fresh ones (unbatched across
// fields) when none were attached.
func (r *Resolver) loaders(ctx context.Context) *Loaders {
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		return l
	}
	return NewLoaders(r.Store)
}

// prime puts nodes already read (search results, path nodes) into the
// node loader so that later fields do not read them again.
func (l *Loaders) prime(nodes ...kg.Node) {
	for i := range nodes {
		n := nodes[i]
		l.nodes.Prime(n.ID, &n)
	}
}

// node loads one node; nil when it does not exist.
func (r *Resolver) node(ctx context.Context, id kg.ID) (*kg.Node, error) {
	if c := r.leanFor(ctx); c != nil {
		if n, ok := c.node(id); ok {
			return &n, nil
		}
	}
	return r.loaders(ctx).nodes.Load(ctx, id)
}

// nodesByID loads nodes, skipping IDs that do not exist, in the given order.
func (r *Resolver) nodesByID(ctx context.Context, ids []kg.ID) ([]kg.Node, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	if c := r.leanFor(ctx); c != nil {
		out := make([]kg.Node, 0, len(ids))
		for _, id := range ids {
			n, ok := c.node(id)
			if !ok {
				out = nil
				break
			}
			out = append(out, n)
		}
		if out != nil {
			return out, nil
		}
	}
	found, err := r.loaders(ctx).nodes.LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]kg.Node, 0, len(found))
	for _, n := range found {
		if n != nil {
			out = append(out, *n)
		}
	}
	return out, nil
}

// relationsOf loads the relations of a node in a direction, of the given
// types (all when none). Undirected relations count in both directions.
func (r *Resolver) relationsOf(ctx context.Context, id kg.ID, dir store.Direction, types ...kg.RelType) ([]kg.Relation, error) {
	k := newRelKey(id, types)
	if c := r.leanFor(ctx); c != nil {
		if all, ok := c.relations(k); ok {
			return filterRelations(all, id, dir, types), nil
		}
	}
	all, err := r.loaders(ctx).relations.Load(ctx, k)
	if err != nil {
		return nil, err
	}
	return filterRelations(all, id, dir, types), nil
}

// relationsOfMany loads the relations of several nodes in one batch.
func (r *Resolver) relationsOfMany(ctx context.Context, ids []kg.ID, dir store.Direction, types ...kg.RelType) (map[kg.ID][]kg.Relation, error) {
	keys := make([]relKey, len(ids))
	for i, id := range ids {
		keys[i] = newRelKey(id, types)
	}
	lists, err := r.loaders(ctx).relations.LoadAll(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := make(map[kg.ID][]kg.Relation, len(ids))
	for i, id := range ids {
		out[id] = filterRelations(lists[i], id, dir, types)
	}
	return out, nil
}

func filterRelations(all []kg.Relation, id kg.ID, dir store.Direction, types []kg.RelType) []kg.Relation {
	out := []kg.Relation{}
	for _, rel := range all {
		if len(types) > 0 && !hasType(types, rel.Type) {
			continue
		}
		out2 := rel.From == id || (rel.Type.Undirected() && rel.To == id)
		in := rel.To == id || (rel.Type.Undirected() && rel.From == id)
		if (dir == store.Outgoing && out2) || (dir == store.Incoming && in) || (dir == store.Both && (out2 || in)) {
			out = append(out, rel)
		}
	}
	return out
}

func hasType(types []kg.RelType, t kg.RelType) bool {
	for _, x := range types {
		if x == t {
			return true
		}
	}
	return false
}

// otherEnd is the node at the other end of rel from id.
func otherEnd(rel kg.Relation, id kg.ID) kg.ID {
	if rel.From == id {
		return rel.To
	}
	return rel.From
}

// neighbours loads the nodes at the other end of id's relations in a
// direction and of the given types, with the given label, deduplicated and
// ordered by name.
func (r *Resolver) neighbours(ctx context.Context, id kg.ID, label kg.Label, dir store.Direction, types ...kg.RelType) ([]kg.Node, error) {
	rels, err := r.relationsOf(ctx, id, dir, types...)
	if err != nil {
		return nil, err
	}
	ids := make([]kg.ID, 0, len(rels))
	seen := map[kg.ID]bool{}
	for _, rel := range rels {
		o := otherEnd(rel, id)
		if !seen[o] {
			seen[o] = true
			ids = append(ids, o)
		}
	}
	nodes, err := r.nodesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	return sortByName(withLabel(nodes, label)), nil
}

// rels is relationsOf as GraphQL Relations, with the ends the selection
// asks for attached when the lean cache holds them (the members lookahead
// read them): their from and to fields then load nothing.
func (r *Resolver) rels(ctx context.Context, id kg.ID, dir store.Direction, types ...kg.RelType) ([]model.Relation, error) {
	rels, err := r.relationsOf(ctx, id, dir, types...)
	out := asRelations(rels)
	if c := r.leanFor(ctx); c != nil && len(out) > 0 {
		from, to := selectsEnds(ctx)
		c.attachEnds(out, from, to)
	}
	return out, err
}

// relKey is a key of the relations loader: a node and a set of relation
// types ("" all; else the types sorted and joined with ",").
type relKey struct {
	id    kg.ID
	types string
}

func newRelKey(id kg.ID, types []kg.RelType) relKey {
	ts := make([]string, len(types))
	for i, t := range types {
		ts[i] = string(t)
	}
	sort.Strings(ts)
	return relKey{id: id, types: strings.Join(ts, ",")}
}

// loadRelations reads the relations of a batch's nodes in one store call,
// over the union of the keys' types (every type when a key asks for all).
func loadRelations(ctx context.Context, st store.Store, keys []relKey) (map[relKey][]kg.Relation, error) {
	var ids []kg.ID
	seenID := map[kg.ID]bool{}
	union := map[kg.RelType]bool{}
	all := false
	for _, k := range keys {
		if !seenID[k.id] {
			seenID[k.id] = true
			ids = append(ids, k.id)
		}
		if k.types == "" {
			all = true
		}
		for _, t := range strings.Split(k.types, ",") {
			if t != "" {
				union[kg.RelType(t)] = true
			}
		}
	}
	var types []kg.RelType
	if !all {
		for _, t := range kg.AllRelTypes {
			if union[t] {
				types = append(types, t)
			}
		}
	}
	found, err := st.Relations(ctx, ids, store.Both, types)
	if err != nil {
		return nil, err
	}
	out := make(map[relKey][]kg.Relation, len(keys))
	for _, k := range keys {
		if k.types == "" {
			out[k] = found[k.id]
			continue
		}
		want := strings.Split(k.types, ",")
		var rels []kg.Relation
		for _, r := range found[k.id] {
			if slices.Contains(want, string(r.Type)) {
				rels = append(rels, r)
			}
		}
		out[k] = rels
	}
	return out, nil
}
