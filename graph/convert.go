package graph

import (
	"github.com/zonegraph/zonegraph/graph/model"
	"github.com/zonegraph/zonegraph/kg"
)

// clean gives a node the non-null lists the schema promises.
func clean(n kg.Node) kg.Node {
	if n.Aliases == nil {
		n.Aliases = []string{}
	}
	if n.Properties == nil {
		n.Properties = map[string]any{}
	}
	if n.Evidence == nil {
		n.Evidence = []kg.Evidence{}
	}
	return n
}

// cleanRel gives a relation the non-null lists the schema promises.
func cleanRel(rel kg.Relation) kg.Relation {
	if rel.Properties == nil {
		rel.Properties = map[string]any{}
	}
	if rel.Evidence == nil {
		rel.Evidence = []kg.Evidence{}
	}
	return rel
}

func wrapAll[T any](nodes []kg.Node, wrap func(kg.Node) T) []T {
	out := make([]T, len(nodes))
	for i, n := range nodes {
		out[i] = wrap(clean(n))
	}
	return out
}

func asZone(n kg.Node) model.Zone               { return model.Zone{Node: n} }
func asEnterprise(n kg.Node) model.Enterprise   { return model.Enterprise{Node: n} }
func asProject(n kg.Node) model.Project         { return model.Project{Node: n} }
func asArticle(n kg.Node) model.Article         { return model.Article{Node: n} }
func asInstitution(n kg.Node) model.Institution { return model.Institution{Node: n} }

// firstOf wraps the first node, or returns nil.
func firstOf[T any](nodes []kg.Node, wrap func(kg.Node) T) *T {
	if len(nodes) == 0 {
		return nil
	}
	v := wrap(clean(nodes[0]))
	return &v
}

// entitiesOf wraps the nodes that are entities (not articles).
func entitiesOf(nodes []kg.Node) []model.Entity {
	out := []model.Entity{}
	for _, n := range nodes {
		if e, ok := model.Wrap(clean(n)).(model.Entity); ok {
			out = append(out, e)
		}
	}
	return out
}

// nodesOf wraps nodes of any label (unknown labels are left out).
func nodesOf(nodes []kg.Node) []model.Node {
	out := make([]model.Node, 0, len(nodes))
	for _, n := range nodes {
		if w := model.Wrap(clean(n)); w != nil {
			out = append(out, w)
		}
	}
	return out
}

func cleanRels(rels []kg.Relation) []kg.Relation {
	out := make([]kg.Relation, len(rels))
	for i, rel := range rels {
		out[i] = cleanRel(rel)
	}
	return out
}

// asRelations gives relations their GraphQL type, cleaned.
func asRelations(rels []kg.Relation) []model.Relation {
	out := make([]model.Relation, len(rels))
	for i, rel := range rels {
		out[i] = model.Relation{Relation: cleanRel(rel)}
	}
	return out
}

func filterListed(ms []member, listed bool) []member {
	out := ms[:0:0]
	for _, m := range ms {
		if (&model.Enterprise{Node: m.node}).Listed() == listed {
			out = append(out, m)
		}
	}
	return out
}
