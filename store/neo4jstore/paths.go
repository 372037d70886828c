package neo4jstore

import (
	"context"
	"fmt"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// pathStep is one traversal of a relationship in the search of Paths, by
// element IDs: in a predecessor list, Next is the node it comes from; in the DAG of shortest
// paths, the node it leads to.
type pathStep = store.Step[string, string]

// pathSide is one side of the bidirectional search of Paths.
type pathSide struct {
	dist     map[string]int
	preds    map[string][]pathStep // steps from the previous layer (toward this side's source)
	frontier []string
	deg      map[string]int64 // degree of each frontier node
	cost     int64            // the frontier's degrees: the work of expanding it
	depth    int
}

func newPathSide(src string, deg int64) *pathSide {
	return &pathSide{dist: map[string]int{src: 0}, preds: map[string][]pathStep{}, frontier: []string{src},
		deg: map[string]int64{src: deg}, cost: deg}
}

// Paths returns the first store.MaxPaths shortest paths by store.SortPaths
// (see store.Store.Paths).
//
// The search is breadth-first from both ends, driven from here over
// element IDs (no property is read while searching), like memstore's: it
// always grows the side whose frontier has the smaller degree sum and
// stops at the first layer where the two sides meet; every shortest path
// crosses that layer once. The first statement finds the endpoints, the
// one-hop paths and the first layer (cypherPathEndsT); then each layer is
// one statement (cypherPathLayerT), which finds the meeting in the
// database and then returns only the meeting steps. When checking every
// pair of frontier nodes from its sparser end is cheaper than expanding
// the smaller frontier (a firm's neighbours against a zone with 20,000
// members), that check comes first, in the layer's statement
// (cypherPathMeetLayerT): a meeting ends the search without expanding
// either side, else the same statement expands the smaller one. Then the
// kg IDs of the nodes on shortest paths (and of the relationships parallel
// to another, the only ones that order paths) are read, the first
// MaxPaths paths are taken in order from the DAG of shortest paths
// (never listing them all), and one statement reads those paths' nodes
// and relationships. At most maxHops+2 statements; the first one also
// expands the third layer when both endpoints and that layer are small
// (cypherPathEndsT), so a 3-hop search between ordinary nodes is one
// statement and the paths' read another.
func (s *Store) Paths(ctx context.Context, from, to kg.ID, maxHops int, types []kg.RelType) ([]kg.Path, error) {
	return s.PathsOf(ctx, from, to, maxHops, types, store.TraversalOptions{})
}

// PathsOf is Paths with options (store.TraversalReader): with
// o.NoEvidence the paths' nodes and relationships are read without
// evidence.
func (s *Store) PathsOf(ctx context.Context, from, to kg.ID, maxHops int, types []kg.RelType, o store.TraversalOptions) ([]kg.Path, error) {
	hops, err := store.HopLimit(maxHops)
	if err != nil {
		return nil, err
	}
	ts, err := traversalTypes(types)
	if err != nil {
		return nil, err
	}
	endsQ, layerQ, meetQ := pathsQueries(ts)
	res, err := s.query(ctx, "paths", endsQ, map[string]any{"from": string(from), "to": string(to), "hops": int64(hops),
		"both": int64(bothFirstLayers), "third": int64(thirdLayer)})
	if err != nil {
		return nil, err
	}
	if len(res.Records) != 1 {
		return nil, fmt.Errorf("paths: %d result rows", len(res.Records))
	}
	rec := res.Records[0]
	for _, k := range []string{"fromFound", "toFound"} {
		if v, _ := rec.Get(k); v != true {
			id := from
			if k == "toFound" {
				id = to
			}
			return nil, fmt.Errorf("paths: node %s: %w", id, store.ErrNotFound)
		}
	}
	if from == to {
		n, _ := rec.Get("fromNode")
		node := toNode(n)
		if o.NoEvidence {
			node.Evidence = nil
		}
		return []kg.Path{{Nodes: []kg.Node{node}}}, nil
	}
	fd, _ := rec.Get("fromDeg")
	td, _ := rec.Get("toDeg")
	fe, _ := rec.Get("fromEid")
	te, _ := rec.Get("toEid")
	fromE, toE := str(fe), str(te)
	f, b := newPathSide(fromE, asInt(fd)), newPathSide(toE, asInt(td))
	var meet []string
	// record adds the steps that meet the other side to x's layer.
	record := func(x *pathSide, steps any) {
		for _, v := range asList(steps) {
			cur, rel, nb := stepOf(v)
			if len(x.preds[nb]) == 0 {
				meet = append(meet, nb)
			}
			x.preds[nb] = append(x.preds[nb], pathStep{Rel: rel, Next: cur})
		}
	}
	met, _ := rec.Get("met")
	if len(asList(met)) > 0 {
		f.depth++
		record(f, met)
	} else if hops > 1 {
		// The first layer, from the endpoint of smaller degree.
		x := f
		if ff, _ := rec.Get("fromFirst"); ff != true {
			x = b
		}
		steps, _ := rec.Get("steps")
		degs, _ := rec.Get("degs")
		x.advance(steps, degs)
		if both, _ := rec.Get("both"); both == true {
			// Both first layers: the nodes in both are the 2-hop meeting.
			other := b
			if x == b {
				other = f
			}
			steps, _ := rec.Get("steps2")
			degs, _ := rec.Get("degs2")
			other.advance(steps, degs)
			for _, n := range x.frontier {
				if other.dist[n] == 1 {
					meet = append(meet, n)
				}
			}
			// The third layer, when the statement expanded it: the first
			// turn of the loop below.
			if fs, _ := rec.Get("fromSide"); len(meet) == 0 && fs != nil {
				x := f
				if fs != true {
					x = b
				}
				met, _ := rec.Get("met3")
				if len(asList(met)) > 0 || hops <= 3 {
					x.depth++
					record(x, met)
				} else {
					steps, _ := rec.Get("steps3")
					degs, _ := rec.Get("degs3")
					x.advance(steps, degs)
				}
			}
		}
	}
	for len(meet) == 0 && f.depth+b.depth < hops && len(f.frontier) > 0 && len(b.frontier) > 0 {
		x, other := f, b
		if b.cost < f.cost {
			x, other = b, f
		}
		final := f.depth+b.depth+1 >= hops // no later layer could use this one
		if into := meetCost(f, b); into >= 0 && 2*into < x.cost {
			// The steps between the frontiers, without expanding either;
			// when there are none, the expansion of x in the same
			// statement.
			res, err := s.query(ctx, "paths", meetQ, map[string]any{"pairs": meetPairs(x, other), "ids": x.frontier, "final": final})
			if err != nil {
				return nil, err
			}
			if len(res.Records) != 1 {
				return nil, fmt.Errorf("paths: meet: %d result rows", len(res.Records))
			}
			rec := res.Records[0]
			met, _ := rec.Get("met")
			if len(asList(met)) > 0 || final {
				x.depth++
				record(x, met)
				break
			}
			steps, _ := rec.Get("steps")
			degs, _ := rec.Get("degs")
			x.advance(steps, degs)
			continue
		}
		res, err := s.query(ctx, "paths", layerQ, map[string]any{"ids": x.frontier, "targets": other.frontier, "final": final})
		if err != nil {
			return nil, err
		}
		if len(res.Records) != 1 {
			return nil, fmt.Errorf("paths: layer: %d result rows", len(res.Records))
		}
		rec := res.Records[0]
		met, _ := rec.Get("met")
		if len(asList(met)) > 0 || final {
			x.depth++
			record(x, met)
			break
		}
		steps, _ := rec.Get("steps")
		degs, _ := rec.Get("degs")
		x.advance(steps, degs)
	}
	if len(meet) == 0 {
		return []kg.Path{}, nil
	}
	succ, nodes, rels := shortestPathDAG(f, b, meet)
	if len(nodes)+len(rels) <= smallDAG {
		// Read the whole DAG at once: its kg IDs come with it.
		ns, rs, err := s.readPathElements(ctx, nodes, rels, o.NoEvidence)
		if err != nil {
			return nil, err
		}
		kgID := map[string]string{}
		for e, n := range ns {
			kgID[e] = string(n.ID)
		}
		for e, r := range rs {
			kgID[e] = string(r.ID)
		}
		return buildPaths(firstPathWalks(succ, kgID, fromE, toE), ns, rs)
	}
	// The kg IDs order the walks: those of the DAG's nodes, and of the
	// relationships parallel to another (the steps out of a node are
	// ordered by the node they reach first).
	res, err = s.query(ctx, "paths", cypherPathIDs, map[string]any{"nodes": nodes, "rels": parallelRels(succ)})
	if err != nil {
		return nil, err
	}
	if len(res.Records) != 1 {
		return nil, fmt.Errorf("paths: ids: %d result rows", len(res.Records))
	}
	kgID := map[string]string{}
	for _, k := range []string{"nodes", "rels"} {
		v, _ := res.Records[0].Get(k)
		for _, x := range asList(v) {
			if l := asList(x); len(l) == 2 {
				kgID[str(l[0])] = str(l[1])
			}
		}
	}
	walks := firstPathWalks(succ, kgID, fromE, toE)
	var nodeIDs, relIDs []string
	seen := map[string]bool{}
	for _, w := range walks {
		for _, n := range w.Nodes {
			if !seen[n] {
				seen[n] = true
				nodeIDs = append(nodeIDs, n)
			}
		}
		for _, r := range w.Rels {
			if !seen[r] {
				seen[r] = true
				relIDs = append(relIDs, r)
			}
		}
	}
	ns, rs, err := s.readPathElements(ctx, nodeIDs, relIDs, o.NoEvidence)
	if err != nil {
		return nil, err
	}
	return buildPaths(walks, ns, rs)
}

// parallelRels lists the relationships of the DAG of shortest paths that
// share both ends with another one.
func parallelRels(succ map[string][]pathStep) []string {
	var out []string
	for _, steps := range succ {
		n := map[string]int{}
		for _, st := range steps {
			n[st.Next]++
		}
		for _, st := range steps {
			if n[st.Next] > 1 {
				out = append(out, st.Rel)
			}
		}
	}
	return out
}

// bothFirstLayers is the degree up to which both endpoints' first layers
// come with the first statement.
const bothFirstLayers = 512

// thirdLayer is the work (the degree sum of the frontier expanded) up to
// which the first statement also expands the third layer when it has
// both first layers and they do not meet.
const thirdLayer = 4096

// smallDAG is the size (nodes and relationships) up to which the DAG of
// shortest paths is read whole, in one statement, rather than its IDs
// first and then the paths kept.
const smallDAG = 256

// advance makes the steps of a layer query (none of which meets the
// other side) the side's next layer: the nodes reached that it had not
// seen become its frontier, with their degrees (degs), and every step
// into them from the frontier a predecessor.
func (x *pathSide) advance(steps, degs any) {
	x.depth++
	deg := map[string]int64{}
	for _, v := range asList(degs) {
		if l := asList(v); len(l) == 2 {
			deg[str(l[0])] = asInt(l[1])
		}
	}
	var next []string
	x.cost = 0
	x.deg = map[string]int64{}
	for _, v := range asList(steps) {
		cur, rel, nb := stepOf(v)
		d, seen := x.dist[nb]
		if !seen {
			x.dist[nb] = x.depth
			next = append(next, nb)
			x.cost += deg[nb]
			x.deg[nb] = deg[nb]
		} else if d != x.depth {
			continue
		}
		x.preds[nb] = append(x.preds[nb], pathStep{Rel: rel, Next: cur})
	}
	x.frontier = next
}

// maxMeetPairs bounds the pairs of frontier nodes checked for a meeting
// one by one; denseDegree is the degree from which Neo4j groups a node's
// relationships by type and direction (dense_node_threshold).
const (
	maxMeetPairs = 4096
	denseDegree  = 50
)

// meetCost estimates the work of finding the steps between the two
// frontiers pair by pair (cypherPathMeetT): the smaller degree of each
// pair, a few lookups for two dense nodes; -1 when there are too many
// pairs.
func meetCost(f, b *pathSide) int64 {
	if len(f.frontier)*len(b.frontier) > maxMeetPairs {
		return -1
	}
	var n int64
	for _, u := range f.frontier {
		for _, v := range b.frontier {
			n += pairCost(f.deg[u], b.deg[v])
		}
	}
	return n
}

func pairCost(a, b int64) int64 {
	if a >= denseDegree && b >= denseDegree {
		return 16
	}
	return min(a, b) + 2
}

// meetPairs lists the pairs of frontier nodes for cypherPathMeetT.
func meetPairs(x, other *pathSide) [][]any {
	out := make([][]any, 0, len(x.frontier)*len(other.frontier))
	for _, u := range x.frontier {
		for _, v := range other.frontier {
			out = append(out, []any{u, v, x.deg[u] >= denseDegree && other.deg[v] >= denseDegree})
		}
	}
	return out
}

func stepOf(v any) (cur, rel, nb string) {
	l := asList(v)
	if len(l) != 3 {
		return "", "", ""
	}
	return str(l[0]), str(l[1]), str(l[2])
}

func asInt(v any) int64 { n, _ := v.(int64); return n }

// pathWalk is a path found by the search: the element IDs of its nodes
// and of the relationships between them.
type pathWalk = store.Walk[string, string]

// firstPathWalks is store.FirstWalks over element IDs, ordered by the kg
// IDs they map to (kgID).
func firstPathWalks(succ map[string][]pathStep, kgID map[string]string, from, to string) []pathWalk {
	byKG := func(a, b string) bool { return kgID[a] < kgID[b] }
	return store.FirstWalks(succ, from, to, byKG, byKG)
}

// shortestPathDAG builds the DAG of the shortest paths (memstore's
// shortestWalks): the predecessor steps that lead back from the meeting
// nodes to either source, as the steps out of each node toward the target,
// with the nodes and relationships on it.
func shortestPathDAG(f, b *pathSide, meet []string) (succ map[string][]pathStep, nodes, rels []string) {
	succ = map[string][]pathStep{}
	seenF, seenB, seenR := map[string]bool{}, map[string]bool{}, map[string]bool{}
	add := func(from string, st pathStep) {
		succ[from] = append(succ[from], st)
		if !seenR[st.Rel] {
			seenR[st.Rel] = true
			rels = append(rels, st.Rel)
		}
	}
	var back func(n string) // f's side: edges into n from the previous layer
	back = func(n string) {
		if seenF[n] {
			return
		}
		seenF[n] = true
		if !seenB[n] {
			nodes = append(nodes, n)
		}
		for _, st := range f.preds[n] {
			add(st.Next, pathStep{Rel: st.Rel, Next: n})
			back(st.Next)
		}
	}
	var fwd func(n string) // b's side: edges from n toward the target
	fwd = func(n string) {
		if seenB[n] {
			return
		}
		seenB[n] = true
		if !seenF[n] {
			nodes = append(nodes, n)
		}
		for _, st := range b.preds[n] {
			add(n, st)
			fwd(st.Next)
		}
	}
	for _, m := range meet {
		back(m)
		fwd(m)
	}
	return succ, nodes, rels
}

// readPathElements reads nodes and relationships by element ID in one
// statement, without evidence when noEvidence.
func (s *Store) readPathElements(ctx context.Context, nodeIDs, relIDs []string, noEvidence bool) (map[string]kg.Node, map[string]kg.Relation, error) {
	res, err := s.query(ctx, "paths", pathsMaterializeQ[noEvidence], map[string]any{"nodes": nodeIDs, "rels": relIDs})
	if err != nil {
		return nil, nil, err
	}
	if len(res.Records) != 1 {
		return nil, nil, fmt.Errorf("paths: materialize: %d result rows", len(res.Records))
	}
	nodes := map[string]kg.Node{}
	relations := map[string]kg.Relation{}
	rn, _ := res.Records[0].Get("nodes")
	for _, v := range asList(rn) {
		if l := asList(v); len(l) == 2 {
			nodes[str(l[0])] = toNode(l[1])
		}
	}
	rr, _ := res.Records[0].Get("rels")
	for _, v := range asList(rr) {
		if l := asList(v); len(l) == 2 {
			relations[str(l[0])] = toRelation(l[1])
		}
	}
	return nodes, relations, nil
}

// buildPaths makes the walks paths of the nodes and relationships read.
func buildPaths(walks []pathWalk, nodes map[string]kg.Node, relations map[string]kg.Relation) ([]kg.Path, error) {
	out := make([]kg.Path, 0, len(walks))
	for _, w := range walks {
		p := kg.Path{Nodes: make([]kg.Node, len(w.Nodes)), Relations: make([]kg.Relation, len(w.Rels))}
		for i, id := range w.Nodes {
			n, ok := nodes[id]
			if !ok {
				return nil, fmt.Errorf("paths: a node vanished during the search")
			}
			p.Nodes[i] = n.Clone()
		}
		for i, id := range w.Rels {
			r, ok := relations[id]
			if !ok {
				return nil, fmt.Errorf("paths: a relation vanished during the search")
			}
			p.Relations[i] = r.Clone()
		}
		out = append(out, p)
	}
	return out, nil
}
