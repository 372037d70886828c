package neo4jstore

import (
	"context"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

var _ store.Exporter = (*Store)(nil)

// Export reads the whole graph back (two queries), sorted like memstore's.
func (s *Store) Export(ctx context.Context) (*kg.Graph, error) {
	g := &kg.Graph{Nodes: []kg.Node{}, Relations: []kg.Relation{}}
	res, err := s.query(ctx, "export nodes", cypherExportNodes, nil)
	if err != nil {
		return nil, err
	}
	for _, rec := range res.Records {
		v, _ := rec.Get("n")
		g.Nodes = append(g.Nodes, toNode(v))
	}
	res, err = s.query(ctx, "export relations", cypherExportRelations, nil)
	if err != nil {
		return nil, err
	}
	for _, rec := range res.Records {
		typ, _ := rec.Get("type")
		from, _ := rec.Get("from")
		to, _ := rec.Get("to")
		props, _ := rec.Get("props")
		g.Relations = append(g.Relations, toRelation(map[string]any{"type": typ, "from": from, "to": to, "props": props}))
	}
	g.Sort()
	return g, nil
}
