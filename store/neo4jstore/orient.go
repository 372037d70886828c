package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/zonegraph/zonegraph/kg"
)

// orientBatch is how many misoriented relationships one transaction of
// orientUndirected rewrites.
const orientBatch = 500

// orientUndirected rewrites the undirected relationships stored against
// kg.Relation.Oriented, which databases written before the write path
// oriented them may hold: one stored the other way round becomes the
// oriented one, and one stored both ways round (two pages in different
// batches stating it each their way) becomes one relationship with both
// copies' contributions, merged as Upsert merges them. The pages that
// stated it record its new start node. EnsureSchema calls it only when
// some page was written by a version that did not orient them.
func (s *Store) orientUndirected(ctx context.Context) error {
	// One scan finds them all (a scan per batch would read the relationships
	// before them again every time), then batches of orientBatch.
	res, err := s.autoCommit(ctx, cypherMisoriented, nil)
	if err != nil {
		return s.wrap("orient undirected relationships", err)
	}
	for len(res.Records) > 0 {
		batch := res.Records[:min(orientBatch, len(res.Records))]
		res.Records = res.Records[len(batch):]
		var keys, stale, docs []writeRow
		for _, rec := range batch {
			m := rec.AsMap()
			id, from, to := str(m["id"]), str(m["from"]), str(m["to"])
			// the relationship, and its oriented twin if there is one
			keys = append(keys, writeRow{"id": id, "from": from}, writeRow{"id": id, "from": to})
			stale = append(stale, writeRow{"id": id, "from": from})
			for _, d := range docList(m["docs"]) {
				docs = append(docs, writeRow{"doc": d, "id": id, "from": from, "to": to})
			}
		}
		s.roundTrips.Add(1)
		sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: neo4j.AccessModeWrite})
		_, err = neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (int, error) {
			ents, err := s.readContributions(ctx, tx, nil, keys)
			if err != nil {
				return 0, err
			}
			dirty := make(map[kg.ID]bool, len(ents))
			for id := range ents {
				dirty[id] = true
			}
			writes, err := recompute(ents, dirty)
			if err != nil {
				return 0, err
			}
			stmts := append([]statement{{name: "delete misoriented relationships", cypher: cypherDeleteRels,
				params: map[string]any{"rows": stale}, rows: len(stale)}}, writes...)
			if len(docs) > 0 {
				stmts = append(stmts, statement{name: "orient documents' relationships", cypher: cypherOrientDocRels,
					params: map[string]any{"rows": docs}, rows: len(docs)})
			}
			for _, st := range stmts {
				if _, err := s.run(ctx, tx, st); err != nil {
					return 0, err
				}
			}
			return len(stmts), nil
		})
		sess.Close(ctx)
		if err != nil {
			return s.wrap("orient undirected relationships", err)
		}
	}
	if _, err := s.autoCommit(ctx, cypherMarkOriented, nil); err != nil {
		return s.wrap("orient undirected relationships", err)
	}
	return nil
}
