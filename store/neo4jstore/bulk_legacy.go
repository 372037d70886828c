package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// bulkLoadLegacy is the previous BulkLoad (one MERGE per row, Upsert's
// statements, one writer, full-text index kept), kept only as the
// baseline RunBulkCompare measures BulkLoad against in the same run.
func (s *Store) bulkLoadLegacy(ctx context.Context, doc kg.Document, g *kg.Graph, batchSize int) (store.UpsertResult, error) {
	doc, g, res, err := s.bulkPrepare(ctx, doc, g)
	if err != nil {
		return res, err
	}
	if batchSize <= 0 {
		batchSize = DefaultBulkBatch
	}
	// Encode the next chunk while Neo4j writes the current one.
	stmts := make(chan statement, 1)
	encErr := make(chan error, 1)
	encCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(stmts)
		encErr <- s.bulkStatementsLegacy(encCtx, doc, g, batchSize, stmts)
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

// bulkStatementsLegacy sends the previous BulkLoad's chunks: nodes,
// relationships, then the document.
func (s *Store) bulkStatementsLegacy(ctx context.Context, doc kg.Document, g *kg.Graph, size int, out chan<- statement) error {
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
		st := statement{name: "bulk nodes (previous)", cypher: cypherUpsertNodes, params: map[string]any{}, rows: len(chunk)}
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
		st := statement{name: "bulk relationships (previous)", cypher: cypherUpsertRels, params: map[string]any{}, rows: len(chunk)}
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
