package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/zonegraph/zonegraph/kg"
)

// relationFields maps the fields of the member types (Enterprise, Project,
// Institution) that each read one relation type of the node to that type.
// A members page whose selection asks for them reads those relations, and
// the nodes at their other ends, in its own store call
// (store.MemberQuery.With) instead of one call per nesting level.
var relationFields = map[string]kg.RelType{
	"zones":         kg.RelLocatedIn,
	"zone":          kg.RelLocatedIn,
	"positions":     kg.RelHoldsPosition,
	"investments":   kg.RelInvestsIn,
	"investors":     kg.RelInvestsIn,
	"loansGiven":    kg.RelLendsTo,
	"loansReceived": kg.RelLendsTo,
	"partners":      kg.RelPartnersWith,
	"operates":      kg.RelOperates,
	"operator":      kg.RelOperates,
	"mentions":      kg.RelMentionedIn,
}

// memberRelations looks ahead from a members connection field (Zone's
// enterprises, projects, institutions) into the selection of its nodes
// (nodes { ... } and edges { node { ... } }) and returns the relation types
// those nodes' fields will read, in kg's order; nil when none or outside a
// GraphQL operation.
func memberRelations(ctx context.Context, label kg.Label) []kg.RelType {
	if !graphql.HasOperationContext(ctx) {
		return nil
	}
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return nil
	}
	oc := graphql.GetOperationContext(ctx)
	typ := string(label)
	found := map[kg.RelType]bool{}
	collect := func(sel ast.SelectionSet) {
		for _, f := range graphql.CollectFields(oc, sel, []string{typ, "Node", "Entity"}) {
			if t, ok := relationFields[f.Name]; ok {
				found[t] = true
			}
		}
	}
	for _, f := range graphql.CollectFields(oc, fc.Field.Selections, []string{typ + "Connection"}) {
		switch f.Name {
		case "nodes":
			collect(f.Selections)
		case "edges":
			for _, e := range graphql.CollectFields(oc, f.Selections, []string{typ + "Edge"}) {
				if e.Name == "node" {
					collect(e.Selections)
				}
			}
		}
	}
	var out []kg.RelType
	for _, t := range kg.AllRelTypes {
		if found[t] {
			out = append(out, t)
		}
	}
	return out
}
