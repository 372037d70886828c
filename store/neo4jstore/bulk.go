package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// DefaultBulkBatch is BulkLoad's chunk size when batchSize <= 0.
const DefaultBulkBatch = 10000

// bulkWriters is how many chunks BulkLoad writes at once, each in its own
// transaction (disjoint chunks).
var bulkWriters = 2

// bulkIndexThreshold: BulkLoad into a database without nodes drops the
// full-text index before loading at least this many nodes and builds it
// once after (instead of updating it on every write).
var bulkIndexThreshold = 20000

// BulkLoad writes one document's graph in chunks of batchSize nodes (then
// relationships), each chunk in its own transaction, with the same node
// and relationship shapes as Upsert (label, keys, searchText, evidence,
// docs and contrib of this one document), so every read answers the same
// as after Upsert(doc, g), and a later Upsert of another page that states
// the same nodes merges with this document's contribution as usual.
//
// How it is fast: nodes and relationships that cannot exist yet are
// CREATEd (index lookups of both ends for relationships), not MERGEd: into
// a database without nodes everything is new; otherwise each node chunk
// first reads which of its IDs exist (one query), CREATEs the others and
// MERGEs those, and a relationship is MERGEd only when one of its ends
// existed before the load. Chunks go to two writers at once. Into a
// database without nodes, a big graph is loaded without the full-text
// index and the relationship indexes, which are built once at the end
// (the load waits for them).
//
// It is for benchmarks and imports of huge generated graphs only:
//   - it is NOT atomic: a failure leaves the chunks already committed;
//   - it takes the graph as the only statement of its nodes and
//     relationships: one that another page states is overwritten, not
//     merged (load into an empty store);
//   - it records the document without the per-page ID lists Upsert keeps,
//     marked bulk: Upsert refuses to replace a bulk-loaded page (Clear first).
//
// Loading the same graph again is idempotent.
func (s *Store) BulkLoad(ctx context.Context, doc kg.Document, g *kg.Graph, batchSize int) (res store.UpsertResult, err error) {
	doc, g, res, err = s.bulkPrepare(ctx, doc, g)
	if err != nil {
		return res, err
	}
	if batchSize <= 0 {
		batchSize = DefaultBulkBatch
	}
	var fresh bool
	fresh, err = s.noNodes(ctx)
	if err != nil {
		return res, s.wrap("bulk load "+doc.Name, err)
	}
	if fresh && len(g.Nodes) >= bulkIndexThreshold {
		if err := s.schema(ctx, append(relEndSchema(schemaDropRelEndT), schemaDropFulltext)...); err != nil {
			return res, err
		}
		defer func() {
			// Rebuild the indexes whatever happened (ensureSchema would not:
			// it runs once per Store).
			if e := s.schema(context.WithoutCancel(ctx), append(append(relEndSchema(schemaRelEndT), schemaFulltext), schemaAwaitIndexes)...); e != nil && err == nil {
				err = e
			}
		}()
	}
	b := &bulkRun{s: s, doc: doc, fresh: fresh, eid: make(map[kg.ID]string, len(g.Nodes))}
	if err = b.write(ctx, chunks(len(g.Nodes), batchSize), func(i, j int) (bulkChunk, error) {
		return b.nodeChunk(g.Nodes[i:j])
	}); err != nil {
		return res, err
	}
	if err = b.write(ctx, chunks(len(g.Relations), batchSize), func(i, j int) (bulkChunk, error) {
		return b.relChunk(g.Relations[i:j])
	}); err != nil {
		return res, err
	}
	err = b.write(ctx, [][2]int{{0, 1}}, func(int, int) (bulkChunk, error) {
		return bulkChunk{rows: 1, stmts: []statement{{name: "bulk document", cypher: cypherUpsertDocuments, rows: 1,
			params: map[string]any{"rows": []writeRow{bulkDocumentRow(doc)}}}}}, nil
	})
	return res, err
}

// bulkDocumentRow is the record of a bulk-loaded (or imported) document:
// marked bulk, without the per-page ID lists Upsert keeps.
func bulkDocumentRow(doc kg.Document) writeRow {
	return writeRow{"id": string(doc.ID), "name": doc.Name, "sha256": doc.SHA256, "runes": int64(doc.Runes),
		"nodeIds": []string{}, "relIds": []string{}, "relFroms": []string{}, "bulk": true}
}

// bulkRun is one BulkLoad's state.
type bulkRun struct {
	s     *Store
	doc   kg.Document
	fresh bool // the database had no node when the load began
	mu    sync.Mutex
	eid   map[kg.ID]string // element IDs of the nodes this load created
}

// bulkChunk is one transaction of BulkLoad: its statements, run in order,
// or (split) a node chunk for a database that had nodes.
type bulkChunk struct {
	rows  int
	stmts []statement
	split *nodeSplit
}

// nodeSplit is a node chunk for a database that had nodes: its rows, to
// CREATE or MERGE by what exists.
type nodeSplit struct {
	ids    []string
	labels []kg.Label
	rows   []writeRow
}

func chunks(n, size int) [][2]int {
	var out [][2]int
	for i := 0; i < n; i += size {
		out = append(out, [2]int{i, min(i+size, n)})
	}
	return out
}

// write encodes the chunks (one ahead of the writers) and writes them with
// bulkWriters writers, one transaction per chunk.
func (b *bulkRun) write(ctx context.Context, cs [][2]int, encode func(i, j int) (bulkChunk, error)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	todo := make(chan bulkChunk, 1)
	errs := make(chan error, bulkWriters+1)
	go func() {
		defer close(todo)
		for _, c := range cs {
			ch, err := encode(c[0], c[1])
			if err != nil {
				errs <- fmt.Errorf("bulk load %s: %w", b.doc.Name, err)
				cancel()
				return
			}
			select {
			case todo <- ch:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < bulkWriters; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sess := b.s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: b.s.cfg.Database, AccessMode: neo4j.AccessModeWrite})
			defer sess.Close(ctx)
			for ch := range todo {
				if err := b.writeChunk(ctx, sess, ch); err != nil {
					errs <- b.s.wrap("bulk load "+b.doc.Name, err)
					cancel()
					for range todo {
					}
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// writeChunk writes one chunk in one transaction, retried on transient
// errors (two writers may deadlock on a shared node), then records the
// element IDs of the nodes it created.
func (b *bulkRun) writeChunk(ctx context.Context, sess neo4j.SessionWithContext, ch bulkChunk) error {
	t0 := nowFunc()
	defer func() { b.s.timing.add("bulk transactions (with commit)", ch.rows, nowFunc().Sub(t0)) }()
	var err error
	var created map[kg.ID]string
	for attempt := 0; attempt < 8; attempt++ {
		b.s.roundTrips.Add(1)
		created, err = neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (map[kg.ID]string, error) {
			return b.runChunk(ctx, tx, ch)
		})
		var limit *neo4j.TransactionExecutionLimit
		if err == nil || ctx.Err() != nil || !(neo4j.IsRetryable(err) || errors.As(err, &limit)) {
			break
		}
		time.Sleep(time.Duration(attempt+1) * 50 * time.Millisecond)
	}
	if err != nil {
		return err
	}
	b.mu.Lock()
	for id, e := range created {
		b.eid[id] = e
	}
	b.mu.Unlock()
	return nil
}

// runChunk runs a chunk's statements and returns the element IDs of the
// nodes they created. A node chunk for a database that had nodes first
// reads which of its IDs exist, MERGEs those and CREATEs the others.
func (b *bulkRun) runChunk(ctx context.Context, tx neo4j.ManagedTransaction, ch bulkChunk) (map[kg.ID]string, error) {
	stmts := ch.stmts
	if sp := ch.split; sp != nil {
		recs, err := b.s.run(ctx, tx, statement{name: "bulk existing nodes", cypher: cypherBulkExisting,
			params: map[string]any{"ids": sp.ids}, rows: len(sp.ids)})
		if err != nil {
			return nil, err
		}
		exists := make(map[string]bool, len(recs))
		for _, r := range recs {
			id, _ := r.Get("id")
			exists[str(id)] = true
		}
		create, merge := map[kg.Label][]writeRow{}, map[kg.Label][]writeRow{}
		for i, row := range sp.rows {
			if exists[sp.ids[i]] {
				merge[sp.labels[i]] = append(merge[sp.labels[i]], row)
			} else {
				create[sp.labels[i]] = append(create[sp.labels[i]], writeRow{"props": row["props"]})
			}
		}
		stmts = nil
		for _, l := range kg.AllLabels {
			if rows := create[l]; len(rows) > 0 {
				stmts = append(stmts, statement{name: "bulk nodes (create)", cypher: createNodeQ[l], params: map[string]any{"rows": rows}, rows: len(rows)})
			}
			if rows := merge[l]; len(rows) > 0 {
				stmts = append(stmts, statement{name: "bulk nodes (merge)", cypher: nodeByLabelQ[l], params: map[string]any{"rows": rows}, rows: len(rows)})
			}
		}
	}
	created := map[kg.ID]string{}
	for _, st := range stmts {
		recs, err := b.s.run(ctx, tx, st)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			id, _ := r.Get("id")
			e, _ := r.Get("eid")
			created[kg.ID(str(id))] = str(e)
		}
	}
	return created, nil
}

// nodeChunk encodes a chunk of nodes: CREATE statements (one per label)
// into a database without nodes, else rows to split by what exists
// (runChunk).
func (b *bulkRun) nodeChunk(nodes []kg.Node) (bulkChunk, error) {
	ch := bulkChunk{rows: len(nodes)}
	byLabel := map[kg.Label][]writeRow{}
	sp := &nodeSplit{}
	for _, n := range nodes {
		props, err := bulkNodeProps(n, b.doc.ID)
		if err != nil {
			return ch, err
		}
		if !b.fresh {
			sp.ids = append(sp.ids, string(n.ID))
			sp.labels = append(sp.labels, n.Label)
			sp.rows = append(sp.rows, writeRow{"id": string(n.ID), "props": props})
			continue
		}
		byLabel[n.Label] = append(byLabel[n.Label], writeRow{"props": props})
	}
	if !b.fresh {
		ch.split = sp
		return ch, nil
	}
	for _, l := range kg.AllLabels {
		if rows := byLabel[l]; len(rows) > 0 {
			ch.stmts = append(ch.stmts, statement{name: "bulk nodes (create)", cypher: createNodeQ[l], params: map[string]any{"rows": rows}, rows: len(rows)})
		}
	}
	return ch, nil
}

// relChunk encodes a chunk of relationships: CREATE (by the element IDs of
// both ends) for those between nodes this load created, which cannot exist
// yet; MERGE (Upsert's statement) for the others.
func (b *bulkRun) relChunk(rels []kg.Relation) (bulkChunk, error) {
	ch := bulkChunk{rows: len(rels)}
	create, merge := map[kg.RelType][]writeRow{}, map[kg.RelType][]writeRow{}
	// b.eid is complete: every node chunk was written before.
	for _, r := range rels {
		props, err := bulkRelProps(r, b.doc.ID)
		if err != nil {
			return ch, err
		}
		ea, eb := b.eid[r.From], b.eid[r.To]
		if ea != "" && eb != "" {
			create[r.Type] = append(create[r.Type], writeRow{"a": ea, "b": eb, "props": props})
		} else {
			merge[r.Type] = append(merge[r.Type], writeRow{"id": string(r.ID), "from": string(r.From), "to": string(r.To), "props": props})
		}
	}
	for _, t := range kg.AllRelTypes {
		if rows := create[t]; len(rows) > 0 {
			ch.stmts = append(ch.stmts, statement{name: "bulk relationships (create)", cypher: createRelQ[t], params: map[string]any{"rows": rows}, rows: len(rows)})
		}
		if rows := merge[t]; len(rows) > 0 {
			ch.stmts = append(ch.stmts, statement{name: "bulk relationships (merge)", cypher: relByTypeQ[t], params: map[string]any{"rows": rows}, rows: len(rows)})
		}
	}
	return ch, nil
}

// bulkNodeProps are the properties BulkLoad (and the offline import)
// stores for a node of one document (oneDocument).
func bulkNodeProps(n kg.Node, doc kg.ID) (map[string]any, error) {
	return oneDocument(doc)(nodeProps(canonicalNode(n), nil, nil))
}

// bulkRelProps is bulkNodeProps for a relationship.
func bulkRelProps(r kg.Relation, doc kg.ID) (map[string]any, error) {
	return oneDocument(doc)(relProps(canonicalRelation(r), nil, nil))
}

// oneDocument turns an item's stored properties into those of an item of
// the one document doc: contrib left out (implied: the item as stored, see
// storedContributions) and docs one string, stored inline.
func oneDocument(doc kg.ID) func(map[string]any, error) (map[string]any, error) {
	return func(props map[string]any, err error) (map[string]any, error) {
		if err != nil {
			return nil, err
		}
		delete(props, "contrib")
		props["docs"] = string(doc)
		return props, nil
	}
}

// noNodes reports whether the database holds no KGNode.
func (s *Store) noNodes(ctx context.Context) (bool, error) {
	res, err := s.autoCommit(ctx, cypherBulkCountNodes, nil)
	if err != nil {
		return false, err
	}
	c, _ := res.Records[0].Get("c")
	n, _ := c.(int64)
	return n == 0, nil
}

// schema runs schema statements one by one.
func (s *Store) schema(ctx context.Context, qs ...string) error {
	for _, q := range qs {
		if _, err := s.autoCommit(ctx, q, nil); err != nil {
			return s.wrap("schema", err)
		}
	}
	return nil
}

// bulkPrepare checks the document and the graph (merging duplicates) and
// makes sure the schema exists.
func (s *Store) bulkPrepare(ctx context.Context, doc kg.Document, g *kg.Graph) (kg.Document, *kg.Graph, store.UpsertResult, error) {
	doc, g, err := prepareBulk(doc, g)
	if err != nil {
		return doc, g, store.UpsertResult{}, err
	}
	res := store.UpsertResult{Nodes: len(g.Nodes), Relations: len(g.Relations)}
	return doc, g, res, s.ensureSchema(ctx)
}

// prepareBulk names the document by its name when it has no ID, checks the
// graph and merges its duplicates and orients its undirected relations
// (BulkLoad and the offline import).
func prepareBulk(doc kg.Document, g *kg.Graph) (kg.Document, *kg.Graph, error) {
	if doc.ID == "" {
		if doc.Name == "" {
			return doc, g, fmt.Errorf("bulk load: document without id or name: %w", store.ErrInvalidArgument)
		}
		doc.ID = kg.DocumentID(doc.Name)
	}
	if g == nil {
		g = &kg.Graph{}
	}
	if err := store.ValidateGraph(g); err != nil {
		return doc, g, fmt.Errorf("bulk load %s: %w", doc.Name, err)
	}
	switch {
	case hasDuplicates(g):
		m := &kg.Graph{}
		m.Merge(g)
		g = m
	case !g.IsOriented(): // a copy of the relations, not of the whole graph
		o := &kg.Graph{Nodes: g.Nodes, Relations: make([]kg.Relation, len(g.Relations))}
		for i, r := range g.Relations {
			o.Relations[i] = r.Oriented()
		}
		g = o
	}
	return doc, g, nil
}

// canonicalNode orders aliases and evidence as kg.Graph.Merge leaves them
// (what Upsert stores); a node already in that order is returned as is
// (the common case: no copy per item in a bulk load or an import).
func canonicalNode(n kg.Node) kg.Node {
	if sort.StringsAreSorted(n.Aliases) && kg.EvidenceSorted(n.Evidence) {
		return n
	}
	g := kg.Graph{Nodes: []kg.Node{n.Clone()}}
	g.Sort()
	return g.Nodes[0]
}

func canonicalRelation(r kg.Relation) kg.Relation {
	if kg.EvidenceSorted(r.Evidence) {
		return r
	}
	g := kg.Graph{Relations: []kg.Relation{r.Clone()}}
	g.Sort()
	return g.Relations[0]
}

func hasDuplicates(g *kg.Graph) bool {
	seen := make(map[kg.ID]bool, len(g.Nodes)+len(g.Relations))
	for _, n := range g.Nodes {
		if seen[n.ID] {
			return true
		}
		seen[n.ID] = true
	}
	for _, r := range g.Relations {
		if seen[r.ID] {
			return true
		}
		seen[r.ID] = true
	}
	return false
}
