package neo4jstore

import (
	"context"
	"fmt"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/memstore"
)

// Upsert loads one page in one write transaction: wholly or not at all.
func (s *Store) Upsert(ctx context.Context, doc kg.Document, g *kg.Graph) (store.UpsertResult, error) {
	if doc.ID == "" {
		if doc.Name == "" {
			return store.UpsertResult{}, fmt.Errorf("upsert: document without id or name: %w", store.ErrInvalidArgument)
		}
		doc.ID = kg.DocumentID(doc.Name)
	}
	if g == nil {
		g = &kg.Graph{}
	}
	if err := memstore.ValidateGraph(g); err != nil {
		return store.UpsertResult{}, fmt.Errorf("upsert %s: %w", doc.Name, err)
	}
	page := &kg.Graph{}
	page.Merge(g)
	res := store.UpsertResult{Nodes: len(page.Nodes), Relations: len(page.Relations)}
	if err := s.ensureSchema(ctx); err != nil {
		return res, err
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	s.roundTrips.Add(1)
	var rows []statement
	out, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (store.UpsertResult, error) {
		r := res
		stmts, err := s.upsertTx(ctx, tx, doc, page, &r)
		if err != nil || r.Skipped {
			return r, err
		}
		if s.cfg.RowByRow {
			rows = stmts // written below, one transaction each
			return r, nil
		}
		for _, st := range stmts {
			if _, err := tx.Run(ctx, st.cypher, st.params); err != nil {
				return r, err
			}
		}
		return r, nil
	})
	if err != nil {
		return res, s.wrap("upsert "+doc.Name, err)
	}
	// Row by row (benchmark only): every node and relationship in its own
	// auto-commit transaction, as a naive loader would; not atomic.
	for _, st := range rows {
		s.roundTrips.Add(1)
		if _, err := neo4j.ExecuteQuery(ctx, s.driver, st.cypher, st.params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.cfg.Database)); err != nil {
			return res, s.wrap("upsert row "+doc.Name, err)
		}
	}
	return out, nil
}

// statement is one write of a page.
type statement struct {
	cypher string
	params map[string]any
}

type writeRow = map[string]any

// upsertTx reads what the page changes (inside tx) and returns the writes.
func (s *Store) upsertTx(ctx context.Context, tx neo4j.ManagedTransaction, doc kg.Document, page *kg.Graph, res *store.UpsertResult) ([]statement, error) {
	run := func(q string, params map[string]any) ([]*neo4j.Record, error) {
		r, err := tx.Run(ctx, q, params)
		if err != nil {
			return nil, err
		}
		return r.Collect(ctx)
	}
	recs, err := run(cypherDocumentHash, map[string]any{"id": string(doc.ID)})
	if err != nil {
		return nil, err
	}
	// The IDs the page stated before (recorded on its :Document).
	var oldNodeIDs, oldRelIDs, oldRelFroms []string
	if len(recs) == 1 {
		v, _ := recs[0].Get("nodeIds")
		oldNodeIDs = strList(v)
		v, _ = recs[0].Get("relIds")
		oldRelIDs = strList(v)
		v, _ = recs[0].Get("relFroms")
		oldRelFroms = strList(v)
		exists, _ := recs[0].Get("exists")
		sha, _ := recs[0].Get("sha256")
		if exists == true {
			if doc.SHA256 != "" && str(sha) == doc.SHA256 {
				res.Skipped = true
				return nil, nil
			}
			res.Replaced = true
		}
	}

	// What this page says now, by ID.
	newNodes := map[kg.ID]kg.Node{}
	ids := make([]string, 0, len(page.Nodes))
	for _, n := range page.Nodes {
		newNodes[n.ID] = n
		ids = append(ids, string(n.ID))
	}
	newRels := map[kg.ID]kg.Relation{}
	relKeys := make([]map[string]any, 0, len(page.Relations))
	for _, r := range page.Relations {
		newRels[r.ID] = r
		relKeys = append(relKeys, map[string]any{"id": string(r.ID), "from": string(r.From)})
	}
	// What every page says about the affected nodes and relationships.
	pageNodeIDs := append([]string(nil), ids...)
	var pageRelIDs, pageRelFroms []string
	for _, r := range page.Relations {
		pageRelIDs = append(pageRelIDs, string(r.ID))
		pageRelFroms = append(pageRelFroms, string(r.From))
	}
	seenNode := map[string]bool{}
	for _, id := range ids {
		seenNode[id] = true
	}
	for _, id := range oldNodeIDs {
		if !seenNode[id] {
			seenNode[id] = true
			ids = append(ids, id)
		}
	}
	for i, id := range oldRelIDs {
		if _, ok := newRels[kg.ID(id)]; !ok && i < len(oldRelFroms) {
			relKeys = append(relKeys, map[string]any{"id": id, "from": oldRelFroms[i]})
		}
	}
	recs, err = run(cypherAffected, map[string]any{"ids": ids, "rels": relKeys})
	if err != nil {
		return nil, err
	}
	nodeContribs := map[kg.ID][]contribution{}
	relContribs := map[kg.ID][]contribution{}
	oldRelFrom := map[kg.ID]kg.ID{}
	for _, rec := range recs {
		id, _ := rec.Get("id")
		label, _ := rec.Get("label")
		raw, _ := rec.Get("contrib")
		list, _ := raw.([]any)
		cs, err := decodeContributions(list)
		if err != nil {
			return nil, err
		}
		if kg.Label(str(label)).Valid() {
			nodeContribs[kg.ID(str(id))] = cs
		} else {
			relContribs[kg.ID(str(id))] = cs
			for _, c := range cs {
				oldRelFrom[kg.ID(str(id))] = c.From
			}
		}
	}
	for id := range newNodes {
		if _, ok := nodeContribs[id]; !ok {
			nodeContribs[id] = nil
		}
	}
	for id := range newRels {
		if _, ok := relContribs[id]; !ok {
			relContribs[id] = nil
		}
	}

	// Recompute nodes.
	var deleteNodes []string
	nodeRows := map[kg.Label][]writeRow{}
	for _, id := range sortedKeys(nodeContribs) {
		others := without(nodeContribs[id], doc.ID)
		var docs []kg.ID
		var strs []string
		merged := &kg.Graph{}
		var label kg.Label
		add := func(d kg.ID, n kg.Node) error {
			c, err := nodeContribution(d, n)
			if err != nil {
				return err
			}
			docs = append(docs, d)
			strs = append(strs, c)
			merged.Merge(&kg.Graph{Nodes: []kg.Node{n}})
			label = n.Label
			return nil
		}
		entries := map[kg.ID]kg.Node{}
		for _, c := range others {
			entries[c.Doc] = kg.Node{ID: id, Label: c.Label, Name: c.Name, Aliases: c.Aliases, Properties: decodeProps(c.Props), Evidence: c.Evidence}
		}
		if n, ok := newNodes[id]; ok {
			entries[doc.ID] = n
		}
		if len(entries) == 0 {
			deleteNodes = append(deleteNodes, string(id))
			continue
		}
		for _, d := range sortedKeys(entries) {
			if err := add(d, entries[d]); err != nil {
				return nil, err
			}
		}
		props, err := nodeProps(merged.Nodes[0], docs, strs)
		if err != nil {
			return nil, err
		}
		nodeRows[label] = append(nodeRows[label], writeRow{"id": string(id), "label": string(label), "props": props})
	}
	// Recompute relationships.
	var deleteRels []writeRow
	relRows := map[kg.RelType][]writeRow{}
	for _, id := range sortedKeys(relContribs) {
		entries := map[kg.ID]kg.Relation{}
		for _, c := range without(relContribs[id], doc.ID) {
			entries[c.Doc] = kg.Relation{ID: id, Type: c.Type, From: c.From, To: c.To, Properties: decodeProps(c.Props), Evidence: c.Evidence}
		}
		if r, ok := newRels[id]; ok {
			entries[doc.ID] = r
		}
		if len(entries) == 0 {
			deleteRels = append(deleteRels, writeRow{"id": string(id), "from": string(oldRelFrom[id])})
			continue
		}
		var docs []kg.ID
		var strs []string
		merged := &kg.Graph{}
		for _, d := range sortedKeys(entries) {
			c, err := relContribution(d, entries[d])
			if err != nil {
				return nil, err
			}
			docs = append(docs, d)
			strs = append(strs, c)
			merged.Merge(&kg.Graph{Relations: []kg.Relation{entries[d]}})
		}
		r := merged.Relations[0]
		props, err := relProps(r, docs, strs)
		if err != nil {
			return nil, err
		}
		relRows[r.Type] = append(relRows[r.Type], writeRow{"id": string(id), "type": string(r.Type), "from": string(r.From), "to": string(r.To), "props": props})
	}

	// Writes: deletions, nodes, relationships, the document.
	var stmts []statement
	batch := func(q string, rows []writeRow) {
		if len(rows) == 0 {
			return
		}
		if !s.cfg.RowByRow {
			stmts = append(stmts, statement{q, map[string]any{"rows": rows}})
			return
		}
		for _, row := range rows {
			stmts = append(stmts, statement{q, map[string]any{"rows": []writeRow{row}}})
		}
	}
	batch(cypherDeleteRels, deleteRels)
	if len(deleteNodes) > 0 {
		stmts = append(stmts, statement{cypherDeleteNodes, map[string]any{"ids": deleteNodes}})
	}
	var allNodes, allRels []writeRow
	for _, l := range kg.AllLabels {
		allNodes = append(allNodes, nodeRows[l]...)
	}
	for _, t := range kg.AllRelTypes {
		allRels = append(allRels, relRows[t]...)
	}
	batch(cypherUpsertNodes, allNodes)
	batch(cypherUpsertRels, allRels)
	stmts = append(stmts, statement{cypherUpsertDocument, map[string]any{"id": string(doc.ID), "name": doc.Name,
		"sha256": doc.SHA256, "runes": int64(doc.Runes),
		"nodeIds": nonNil(pageNodeIDs), "relIds": nonNil(pageRelIDs), "relFroms": nonNil(pageRelFroms)}})
	return stmts, nil
}

func without(cs []contribution, doc kg.ID) []contribution {
	out := cs[:0:0]
	for _, c := range cs {
		if c.Doc != doc {
			out = append(out, c)
		}
	}
	return out
}

func sortedKeys[V any](m map[kg.ID]V) []kg.ID {
	out := make([]kg.ID, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
