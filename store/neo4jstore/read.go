package neo4jstore

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// The read methods share memstore's argument rules (defaults, caps,
// ErrInvalidArgument) and orderings, so both pass storetest alike.

func traversalTypes(types []kg.RelType) ([]string, error) {
	var out []string
	if len(types) == 0 {
		for _, t := range kg.AllRelTypes {
			if t != kg.RelMentionedIn {
				out = append(out, string(t))
			}
		}
		return out, nil
	}
	for _, t := range types {
		if !t.Valid() {
			return nil, fmt.Errorf("relation type %q: %w", t, store.ErrInvalidArgument)
		}
		out = append(out, string(t))
	}
	return out, nil
}

func idList(ids []kg.ID) []string {
	out := make([]string, 0, len(ids))
	seen := map[kg.ID]bool{}
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, string(id))
		}
	}
	return out
}

// Nodes returns the nodes with the given IDs in one query.
func (s *Store) Nodes(ctx context.Context, ids []kg.ID) (map[kg.ID]kg.Node, error) {
	out := map[kg.ID]kg.Node{}
	if len(ids) == 0 {
		return out, nil
	}
	res, err := s.query(ctx, "nodes", cypherNodes, map[string]any{"ids": idList(ids)})
	if err != nil {
		return nil, err
	}
	for _, rec := range res.Records {
		v, _ := rec.Get("n")
		n := toNode(v)
		out[n.ID] = n
	}
	return out, nil
}

// Relations returns each node's relations in one query (see memstore for
// the rules: undirected types count both ways; empty results are absent).
func (s *Store) Relations(ctx context.Context, ids []kg.ID, dir store.Direction, types []kg.RelType) (map[kg.ID][]kg.Relation, error) {
	ts := []string{}
	if len(types) == 0 {
		for _, t := range kg.AllRelTypes {
			ts = append(ts, string(t))
		}
	} else {
		var err error
		if ts, err = traversalTypes(types); err != nil {
			return nil, err
		}
	}
	if dir != store.Outgoing && dir != store.Incoming && dir != store.Both {
		return nil, fmt.Errorf("relations: direction %d: %w", dir, store.ErrInvalidArgument)
	}
	out := map[kg.ID][]kg.Relation{}
	if len(ids) == 0 {
		return out, nil
	}
	res, err := s.query(ctx, "relations", cypherRelations, map[string]any{
		"ids": idList(ids), "types": ts, "dir": int64(dir), "undirected": undirectedTypes})
	if err != nil {
		return nil, err
	}
	seen := map[[2]kg.ID]bool{}
	for _, rec := range res.Records {
		id, _ := rec.Get("id")
		typ, _ := rec.Get("type")
		from, _ := rec.Get("from")
		to, _ := rec.Get("to")
		props, _ := rec.Get("props")
		r := toRelation(map[string]any{"type": typ, "from": from, "to": to, "props": props})
		key := [2]kg.ID{kg.ID(str(id)), r.ID}
		if seen[key] {
			continue
		}
		seen[key] = true
		out[key[0]] = append(out[key[0]], r)
	}
	for id := range out {
		list := out[id]
		sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	}
	return out, nil
}

// Search ranks like memstore (exact, prefix, substring; shorter key; ID) in
// one query; a query of two or more Han characters takes its candidates from
// the cjk full-text index, anything else scans the names.
func (s *Store) Search(ctx context.Context, text string, labels []kg.Label, limit int) ([]kg.Node, error) {
	q := store.NormalizeName(text)
	if q == "" {
		return nil, fmt.Errorf("search: empty text: %w", store.ErrInvalidArgument)
	}
	ls, err := labelStrings(labels)
	if err != nil {
		return nil, err
	}
	params := map[string]any{"q": q, "labels": ls, "limit": int64(store.SearchLimit(limit))}
	cypher := cypherSearchScan
	if hanOnly(q) {
		cypher = cypherSearchFulltext
		params["phrase"] = `"` + q + `"`
	}
	res, err := s.query(ctx, "search", cypher, params)
	if err != nil {
		return nil, err
	}
	out := make([]kg.Node, 0, len(res.Records))
	for _, rec := range res.Records {
		v, _ := rec.Get("n")
		out = append(out, toNode(v))
	}
	return out, nil
}

// labelStrings checks labels and returns them as strings; none is every label.
func labelStrings(labels []kg.Label) ([]string, error) {
	ls := []string{}
	for _, l := range labels {
		if !l.Valid() {
			return nil, fmt.Errorf("label %q: %w", l, store.ErrInvalidArgument)
		}
		ls = append(ls, string(l))
	}
	if len(ls) == 0 {
		for _, l := range kg.AllLabels {
			ls = append(ls, string(l))
		}
	}
	return ls, nil
}

var _ store.NameReader = (*Store)(nil)

// NodeByName finds the node by the nameKey index (store.NameReader): one
// index seek, where Search runs a full-text query (a scan of every node
// for a name that is not all Han) and ranks what it finds.
func (s *Store) NodeByName(ctx context.Context, name string, labels []kg.Label) (*kg.Node, error) {
	key := store.NormalizeName(name)
	if key == "" {
		return nil, nil
	}
	ls, err := labelStrings(labels)
	if err != nil {
		return nil, err
	}
	res, err := s.query(ctx, "nodebyname", cypherNodeByName, map[string]any{"name": key, "labels": ls})
	if err != nil || len(res.Records) == 0 {
		return nil, err
	}
	v, _ := res.Records[0].Get("n")
	n := toNode(v)
	return &n, nil
}

// hanOnly reports whether q is at least two Han characters and nothing
// else: then every node whose key contains q is found by a phrase query on
// the cjk (bigram) full-text index.
func hanOnly(q string) bool {
	n := 0
	for _, r := range q {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		n++
	}
	return n >= 2
}

// Zones lists zones matching the filter, by name then ID.
func (s *Store) Zones(ctx context.Context, f store.ZoneFilter) ([]kg.Node, error) {
	res, err := s.query(ctx, "zones", cypherZones, map[string]any{
		"province": f.Province, "city": f.City, "kind": f.Kind, "q": store.NormalizeName(f.NameContains),
		"name": store.NormalizeName(f.Name)})
	if err != nil {
		return nil, err
	}
	out := make([]kg.Node, 0, len(res.Records))
	for _, rec := range res.Records {
		v, _ := rec.Get("n")
		out = append(out, toNode(v))
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// SubZones returns each zone's transitive sub-zones in one query.
func (s *Store) SubZones(ctx context.Context, ids []kg.ID) (map[kg.ID][]kg.ID, error) {
	out := map[kg.ID][]kg.ID{}
	if len(ids) == 0 {
		return out, nil
	}
	res, err := s.query(ctx, "subzones", cypherSubZones, map[string]any{"ids": idList(ids)})
	if err != nil {
		return nil, err
	}
	for _, rec := range res.Records {
		id, _ := rec.Get("id")
		subs, _ := rec.Get("subs")
		var list []kg.ID
		for _, x := range strList(subs) {
			list = append(list, kg.ID(x))
		}
		if len(list) > 0 {
			sort.Slice(list, func(i, j int) bool { return list[i] < list[j] })
			out[kg.ID(str(id))] = list
		}
	}
	return out, nil
}

func asList(v any) []any { l, _ := v.([]any); return l }

// seekDegree is the degree over the followed types above which a
// neighbourhood layer reads a node's first neighbours from the
// relationship indexes (relEndIndexes) instead of expanding all its
// relationships: a seek per side against one expansion per relationship.
var seekDegree = 1000

// chainScanFrom is where a hub's ordered index walk starts: after every
// article ID ("article:..."), since articles are never on a chain.
var chainScanFrom = strings.ToLower(string(kg.LabelArticle)) + ";"

// Chains returns the first store.MaxPaths money chains in hop order in one
// query: a beam of at most MaxPaths partial chains, extended hop by hop in
// order (see cypherChainStageT).
func (s *Store) Chains(ctx context.Context, from kg.ID, dir store.ChainDirection, maxHops int) ([]kg.Path, error) {
	return s.ChainsOf(ctx, from, dir, maxHops, store.TraversalOptions{})
}

var _ store.TraversalReader = (*Store)(nil)

// ChainsOf is Chains with options (store.TraversalReader): with
// o.NoEvidence the query neither reads nor ships evidence.
func (s *Store) ChainsOf(ctx context.Context, from kg.ID, dir store.ChainDirection, maxHops int, o store.TraversalOptions) ([]kg.Path, error) {
	hops, err := store.HopLimit(maxHops)
	if err != nil {
		return nil, err
	}
	if dir != store.Downstream && dir != store.Upstream {
		return nil, fmt.Errorf("chains: direction %d: %w", dir, store.ErrInvalidArgument)
	}
	q := chainQ[chainKey{hops: hops, up: dir == store.Upstream, lean: o.NoEvidence}]
	res, err := s.query(ctx, "chains", q, map[string]any{"from": string(from), "cap": int64(store.MaxPaths), "hops": int64(hops),
		"scanFrom": chainScanFrom})
	if err != nil {
		return nil, err
	}
	if len(res.Records) == 0 {
		return nil, fmt.Errorf("chains: node %s: %w", from, store.ErrNotFound)
	}
	rec := res.Records[0]
	nodes := map[string]kg.Node{}
	relations := map[string]kg.Relation{}
	rn, _ := rec.Get("nodes")
	for _, v := range asList(rn) {
		n := toNode(v)
		nodes[string(n.ID)] = n
	}
	rr, _ := rec.Get("rels")
	for _, v := range asList(rr) {
		r := toRelation(v)
		relations[string(r.ID)] = r
	}
	paths := []kg.Path{}
	raw, _ := rec.Get("paths")
	for _, v := range asList(raw) {
		m, _ := v.(map[string]any)
		var p kg.Path
		for _, id := range strList(m["nodes"]) {
			p.Nodes = append(p.Nodes, nodes[id].Clone())
		}
		for i, id := range strList(m["rels"]) {
			r := relations[id].Clone()
			r.From, r.To = p.Nodes[i].ID, p.Nodes[i+1].ID // the hop's ends
			if dir == store.Upstream {
				r.From, r.To = r.To, r.From
			}
			p.Relations = append(p.Relations, r)
		}
		paths = append(paths, p)
	}
	store.SortChains(paths) // already in order; guards the contract
	return paths, nil
}

// Neighborhood returns the subgraph within depth hops in one query: a
// layered breadth-first search (one stage per depth, see
// cypherNeighborhoodStageT) with memstore's limit and truncated semantics:
// nearest first, by ID within a layer; a layer cut by the limit ends the
// search.
func (s *Store) Neighborhood(ctx context.Context, id kg.ID, depth, limit int, types []kg.RelType) (*kg.Graph, bool, error) {
	return s.NeighborhoodOf(ctx, id, store.NeighborhoodQuery{Depth: depth, Limit: limit, Types: types})
}

var _ store.NeighborhoodReader = (*Store)(nil)

// NeighborhoodOf is Neighborhood with options (store.NeighborhoodReader):
// with q.NoEvidence the query neither reads nor ships evidence.
func (s *Store) NeighborhoodOf(ctx context.Context, id kg.ID, q store.NeighborhoodQuery) (*kg.Graph, bool, error) {
	depth, limit, err := store.NeighborhoodArgs(q.Depth, q.Limit)
	if err != nil {
		return nil, false, err
	}
	cypher, params, err := NeighborhoodStatement(id, store.NeighborhoodQuery{Depth: depth, Limit: limit, Types: q.Types, NoEvidence: q.NoEvidence})
	if err != nil {
		return nil, false, err
	}
	res, err := s.query(ctx, "neighborhood", cypher, params)
	if err != nil {
		return nil, false, err
	}
	if len(res.Records) == 0 {
		return nil, false, fmt.Errorf("neighborhood: node %s: %w", id, store.ErrNotFound)
	}
	g := &kg.Graph{}
	truncated := false
	for _, rec := range res.Records {
		n, _ := rec.Get("n")
		rs, _ := rec.Get("rels")
		if t, _ := rec.Get("truncated"); t == true {
			truncated = true
		}
		g.Nodes = append(g.Nodes, toNode(n))
		for _, r := range asList(rs) {
			if r != nil {
				g.Relations = append(g.Relations, toRelation(r))
			}
		}
	}
	if q.NoEvidence {
		dropEvidence(g)
	}
	g.Sort()
	return g, truncated, nil
}

// NeighborhoodStatement is the Cypher statement and parameters
// NeighborhoodOf sends for q around id (q.Depth and q.Limit already
// checked by store.NeighborhoodArgs). Exported for the bench's floor,
// which sends the same statement through the driver without the server.
func NeighborhoodStatement(id kg.ID, q store.NeighborhoodQuery) (string, map[string]any, error) {
	ts, err := traversalTypes(q.Types)
	if err != nil {
		return "", nil, err
	}
	return neighborhoodQuery(q.Depth, ts, q.NoEvidence), map[string]any{"id": string(id), "limit": int64(q.Limit), "seekDegree": int64(seekDegree)}, nil
}

// dropEvidence sets the evidence of g's nodes and relations to nil (the
// decoder makes an empty list of a projection without evidence).
func dropEvidence(g *kg.Graph) {
	for i := range g.Nodes {
		g.Nodes[i].Evidence = nil
	}
	for i := range g.Relations {
		g.Relations[i].Evidence = nil
	}
}

// Documents lists the loaded pages by name, then ID.
func (s *Store) Documents(ctx context.Context) ([]kg.Document, error) {
	res, err := s.query(ctx, "documents", cypherDocuments, nil)
	if err != nil {
		return nil, err
	}
	out := make([]kg.Document, 0, len(res.Records))
	for _, rec := range res.Records {
		id, _ := rec.Get("id")
		name, _ := rec.Get("name")
		sha, _ := rec.Get("sha256")
		runes, _ := rec.Get("runes")
		r, _ := runes.(int64)
		out = append(out, kg.Document{ID: kg.ID(str(id)), Name: str(name), SHA256: str(sha), Runes: int(r)})
	}
	return out, nil
}

// Stats counts documents, nodes by label and relationships by type.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	st := store.Stats{Nodes: map[kg.Label]int{}, Relations: map[kg.RelType]int{}}
	res, err := s.query(ctx, "stats", cypherStats, nil)
	if err != nil {
		return st, err
	}
	for _, rec := range res.Records {
		kind, _ := rec.Get("kind")
		key, _ := rec.Get("key")
		c, _ := rec.Get("c")
		n, _ := c.(int64)
		if n == 0 {
			continue
		}
		switch kind {
		case "doc":
			st.Documents = int(n)
		case "node":
			st.Nodes[kg.Label(str(key))] = int(n)
		case "rel":
			st.Relations[kg.RelType(str(key))] = int(n)
		}
	}
	return st, nil
}
