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
	out, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (store.UpsertResult, error) {
		r := res
		err := s.upsertTx(ctx, tx, doc, page, &r)
		return r, err
	})
	if err != nil {
		return res, s.wrap("upsert "+doc.Name, err)
	}
	return out, nil
}

type writeRow = map[string]any

func (s *Store) upsertTx(ctx context.Context, tx neo4j.ManagedTransaction, doc kg.Document, page *kg.Graph, res *store.UpsertResult) error {
	run := func(q string, params map[string]any) ([]*neo4j.Record, error) {
		r, err := tx.Run(ctx, q, params)
		if err != nil {
			return nil, err
		}
		return r.Collect(ctx)
	}
	recs, err := run(cypherDocumentHash, map[string]any{"id": string(doc.ID)})
	if err != nil {
		return err
	}
	if len(recs) == 1 {
		exists, _ := recs[0].Get("exists")
		sha, _ := recs[0].Get("sha256")
		if exists == true {
			if doc.SHA256 != "" && str(sha) == doc.SHA256 {
				res.Skipped = true
				return nil
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
	recs, err = run(cypherAffected, map[string]any{"doc": string(doc.ID), "ids": ids, "rels": relKeys})
	if err != nil {
		return err
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
			return err
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
				return err
			}
		}
		props, err := nodeProps(merged.Nodes[0], docs, strs)
		if err != nil {
			return err
		}
		nodeRows[label] = append(nodeRows[label], writeRow{"id": string(id), "props": props})
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
				return err
			}
			docs = append(docs, d)
			strs = append(strs, c)
			merged.Merge(&kg.Graph{Relations: []kg.Relation{entries[d]}})
		}
		r := merged.Relations[0]
		props, err := relProps(r, docs, strs)
		if err != nil {
			return err
		}
		relRows[r.Type] = append(relRows[r.Type], writeRow{"id": string(id), "from": string(r.From), "to": string(r.To), "props": props})
	}

	// Write: deletions, nodes by label, relationships by type, the document.
	batches := func(q string, key string, rows []writeRow) error {
		if len(rows) == 0 {
			return nil
		}
		if !s.cfg.RowByRow {
			_, err := run(q, map[string]any{key: rows})
			return err
		}
		for _, row := range rows {
			if _, err := run(q, map[string]any{key: []writeRow{row}}); err != nil {
				return err
			}
		}
		return nil
	}
	if err := batches(cypherDeleteRels, "rows", deleteRels); err != nil {
		return err
	}
	if len(deleteNodes) > 0 {
		if _, err := run(cypherDeleteNodes, map[string]any{"ids": deleteNodes}); err != nil {
			return err
		}
	}
	for _, l := range kg.AllLabels {
		if err := batches(upsertNode[l], "rows", nodeRows[l]); err != nil {
			return err
		}
	}
	for _, t := range kg.AllRelTypes {
		if err := batches(upsertRel[t], "rows", relRows[t]); err != nil {
			return err
		}
	}
	_, err = run(cypherUpsertDocument, map[string]any{"id": string(doc.ID), "name": doc.Name, "sha256": doc.SHA256, "runes": int64(doc.Runes)})
	return err
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
