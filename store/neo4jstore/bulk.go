package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// DefaultBulkBatch is BulkLoad's chunk size when batchSize <= 0.
const DefaultBulkBatch = 10000

// BulkLoad writes one document's graph in chunks of batchSize nodes (then
// relationships), each chunk in its own transaction, with the same UNWIND
// statements and the same node and relationship shapes as Upsert (label,
// keys, searchText, evidence, docs and contrib of this one document), so
// every read answers the same as after Upsert(doc, g).
//
// It is for benchmarks and imports of huge generated graphs only:
//   - it is NOT atomic: a failure leaves the chunks already committed;
//   - it takes the graph as the only statement of its nodes and
//     relationships: one that another page states is overwritten, not
//     merged (load into an empty store);
//   - it records the document without the per-page ID lists Upsert keeps,
//     marked bulk: Upsert refuses to replace a bulk-loaded page (Clear first).
//
// Loading the same graph again is idempotent (MERGE on id).
func (s *Store) BulkLoad(ctx context.Context, doc kg.Document, g *kg.Graph, batchSize int) (store.UpsertResult, error) {
	if batchSize <= 0 {
		batchSize = DefaultBulkBatch
	}
	if doc.ID == "" {
		if doc.Name == "" {
			return store.UpsertResult{}, fmt.Errorf("bulk load: document without id or name: %w", store.ErrInvalidArgument)
		}
		doc.ID = kg.DocumentID(doc.Name)
	}
	if g == nil {
		g = &kg.Graph{}
	}
	if err := store.ValidateGraph(g); err != nil {
		return store.UpsertResult{}, fmt.Errorf("bulk load %s: %w", doc.Name, err)
	}
	if hasDuplicates(g) {
		m := &kg.Graph{}
		m.Merge(g)
		g = m
	}
	res := store.UpsertResult{Nodes: len(g.Nodes), Relations: len(g.Relations)}
	if err := s.ensureSchema(ctx); err != nil {
		return res, err
	}

	// Encode the next chunk while Neo4j writes the current one.
	stmts := make(chan statement, 1)
	encErr := make(chan error, 1)
	encCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(stmts)
		encErr <- s.bulkStatements(encCtx, doc, g, batchSize, stmts)
	}()
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	for st := range stmts {
		s.roundTrips.Add(1)
		_, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (any, error) {
			return s.run(ctx, tx, st)
		})
		if err != nil {
			cancel()
			for range stmts {
			}
			return res, s.wrap("bulk load "+doc.Name, err)
		}
	}
	if err := <-encErr; err != nil {
		return res, err
	}
	return res, nil
}

// bulkStatements sends BulkLoad's chunks: nodes, relationships, then the
// document.
func (s *Store) bulkStatements(ctx context.Context, doc kg.Document, g *kg.Graph, size int, out chan<- statement) error {
	send := func(st statement) error {
		select {
		case out <- st:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	docs := []kg.ID{doc.ID}
	for i := 0; i < len(g.Nodes); i += size {
		chunk := g.Nodes[i:min(i+size, len(g.Nodes))]
		st := statement{name: "bulk nodes", cypher: cypherUpsertNodes, params: map[string]any{}, rows: len(chunk)}
		for _, l := range kg.AllLabels {
			st.params["rows_"+string(l)] = []writeRow{}
		}
		for _, n := range chunk {
			n = canonicalNode(n)
			c, err := nodeContribution(doc.ID, n)
			if err != nil {
				return fmt.Errorf("bulk load %s: %w", doc.Name, err)
			}
			props, err := nodeProps(n, docs, []string{c})
			if err != nil {
				return fmt.Errorf("bulk load %s: %w", doc.Name, err)
			}
			k := "rows_" + string(n.Label)
			st.params[k] = append(st.params[k].([]writeRow), writeRow{"id": string(n.ID), "props": props})
		}
		if err := send(st); err != nil {
			return err
		}
	}
	for i := 0; i < len(g.Relations); i += size {
		chunk := g.Relations[i:min(i+size, len(g.Relations))]
		st := statement{name: "bulk relationships", cypher: cypherUpsertRels, params: map[string]any{}, rows: len(chunk)}
		for _, t := range kg.AllRelTypes {
			st.params["rows_"+string(t)] = []writeRow{}
		}
		for _, r := range chunk {
			r = canonicalRelation(r)
			c, err := relContribution(doc.ID, r)
			if err != nil {
				return fmt.Errorf("bulk load %s: %w", doc.Name, err)
			}
			props, err := relProps(r, docs, []string{c})
			if err != nil {
				return fmt.Errorf("bulk load %s: %w", doc.Name, err)
			}
			k := "rows_" + string(r.Type)
			st.params[k] = append(st.params[k].([]writeRow), writeRow{"id": string(r.ID), "from": string(r.From), "to": string(r.To), "props": props})
		}
		if err := send(st); err != nil {
			return err
		}
	}
	return send(statement{name: "bulk document", cypher: cypherUpsertDocuments, rows: 1, params: map[string]any{"rows": []writeRow{{
		"id": string(doc.ID), "name": doc.Name, "sha256": doc.SHA256, "runes": int64(doc.Runes),
		"nodeIds": []string{}, "relIds": []string{}, "relFroms": []string{}, "bulk": true}}}})
}

// canonicalNode orders aliases and evidence as kg.Graph.Merge leaves them
// (what Upsert stores).
func canonicalNode(n kg.Node) kg.Node {
	g := kg.Graph{Nodes: []kg.Node{n.Clone()}}
	g.Sort()
	return g.Nodes[0]
}

func canonicalRelation(r kg.Relation) kg.Relation {
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
