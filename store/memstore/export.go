package memstore

import (
	"context"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

var _ store.Exporter = (*Store)(nil)

// Export returns a deep copy of the merged graph of all loaded pages.
func (s *Store) Export(ctx context.Context) (*kg.Graph, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	g := &kg.Graph{Nodes: make([]kg.Node, 0, len(s.nodes)), Relations: make([]kg.Relation, 0, len(s.rels))}
	for _, n := range s.nodes {
		g.Nodes = append(g.Nodes, n.Clone())
	}
	for _, e := range s.rels {
		if e.live {
			g.Relations = append(g.Relations, e.rel.Clone())
		}
	}
	g.Sort()
	return g, nil
}
