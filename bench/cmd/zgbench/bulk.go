package main

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/zonegraph/zonegraph/bench/gen"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/neo4jstore"
)

// The bench's own bulk path, used while store/neo4jstore has no BulkLoad:
// generated graphs are fresh (nothing to merge or replace), so nodes and
// relationships are CREATEd in UNWIND batches, one transaction per batch,
// in the layout neo4jstore reads (see its package comment): :KGNode plus the
// label; id, label, name, aliases, keys, searchText, evidence (JSON strings),
// docs and the p_* properties. contrib is left empty: the bench never
// replaces a page afterwards. Labels and types come from kg's fixed tables.
const (
	bulkNodesT = `UNWIND $rows AS row CREATE (n:KGNode:{{LABEL}}) SET n = row`
	bulkRelsT  = `UNWIND $rows AS row
MATCH (a:KGNode {id: row.from}) MATCH (b:KGNode {id: row.to})
CREATE (a)-[r:{{TYPE}}]->(b) SET r = row.props`
	bulkDocument = `CREATE (d:Document {id: $id, name: $name, sha256: $sha256, runes: 0, nodeIds: [], relIds: [], relFroms: []})`
)

// bulkLoadBench writes the generated graph batch items at a time and
// returns nodes+relationships written.
func bulkLoadBench(ctx context.Context, cfg neo4jstore.Config, g *gen.GraphGen, batch int) (int, error) {
	drv, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		return 0, err
	}
	defer drv.Close(ctx)
	exec := func(q string, params map[string]any) error {
		_, err := neo4j.ExecuteQuery(ctx, drv, q, params, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database))
		return err
	}
	doc := kg.DocumentID("bench.graph")
	items := 0
	err = g.Batches(batch, func(_ kg.Document, b *kg.Graph) error {
		nodes := map[kg.Label][]map[string]any{}
		for _, n := range b.Nodes {
			row, err := bulkNodeRow(n, doc)
			if err != nil {
				return err
			}
			nodes[n.Label] = append(nodes[n.Label], row)
		}
		for _, l := range kg.AllLabels {
			if rows := nodes[l]; len(rows) > 0 {
				if err := exec(strings.ReplaceAll(bulkNodesT, "{{LABEL}}", string(l)), map[string]any{"rows": rows}); err != nil {
					return err
				}
			}
		}
		rels := map[kg.RelType][]map[string]any{}
		for _, r := range b.Relations {
			props, err := bulkProps(map[string]any{"id": string(r.ID), "docs": []string{string(doc)}, "contrib": []string{}}, r.Properties, r.Evidence)
			if err != nil {
				return err
			}
			rels[r.Type] = append(rels[r.Type], map[string]any{"from": string(r.From), "to": string(r.To), "props": props})
		}
		for _, t := range kg.AllRelTypes {
			if rows := rels[t]; len(rows) > 0 {
				if err := exec(strings.ReplaceAll(bulkRelsT, "{{TYPE}}", string(t)), map[string]any{"rows": rows}); err != nil {
					return err
				}
			}
		}
		items += len(b.Nodes) + len(b.Relations)
		return nil
	})
	if err != nil {
		return items, err
	}
	return items, exec(bulkDocument, map[string]any{"id": string(doc), "name": "bench.graph", "sha256": ""})
}

func bulkNodeRow(n kg.Node, doc kg.ID) (map[string]any, error) {
	keys := []string{store.NormalizeName(n.Name)}
	for _, a := range n.Aliases {
		keys = append(keys, store.NormalizeName(a))
	}
	aliases := n.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	return bulkProps(map[string]any{"id": string(n.ID), "label": string(n.Label), "name": n.Name, "aliases": aliases,
		"keys": keys, "searchText": strings.Join(keys, " "), "docs": []string{string(doc)}, "contrib": []string{}},
		n.Properties, n.Evidence)
}

// bulkProps adds the evidence and the kg properties (p_*, native types) to m.
func bulkProps(m map[string]any, props map[string]any, ev []kg.Evidence) (map[string]any, error) {
	evs := make([]string, 0, len(ev))
	for _, e := range ev {
		b, err := json.Marshal(e)
		if err != nil {
			return nil, err
		}
		evs = append(evs, string(b))
	}
	m["evidence"] = evs
	for k, v := range props {
		switch x := v.(type) {
		case int:
			v = int64(x)
		case []string:
			if len(x) == 0 {
				continue
			}
		}
		m["p_"+k] = v
	}
	return m, nil
}
