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

// selectsEnds reports whether the current field's selection (a list of
// Relations) asks for the relations' from and to; fragments count.
func selectsEnds(ctx context.Context) (from, to bool) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !graphql.HasOperationContext(ctx) {
		return false, false
	}
	for _, f := range graphql.CollectFields(graphql.GetOperationContext(ctx), fc.Field.Selections, []string{"Relation"}) {
		from = from || f.Name == "from"
		to = to || f.Name == "to"
	}
	return from, to
}

// selectsEvidence reports whether a selection asks, at any depth, for an
// evidence field (of a node, a relation or an edge); fragments count.
func selectsEvidence(oc *graphql.OperationContext, sel ast.SelectionSet) bool {
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if s.Name == "evidence" || selectsEvidence(oc, s.SelectionSet) {
				return true
			}
		case *ast.InlineFragment:
			if selectsEvidence(oc, s.SelectionSet) {
				return true
			}
		case *ast.FragmentSpread:
			if f := oc.Doc.Fragments.ForName(s.Name); f == nil || selectsEvidence(oc, f.SelectionSet) {
				return true
			}
		}
	}
	return false
}

// fieldNeedsEvidence reports whether the current field's selection may
// show evidence; true outside a GraphQL field (the safe answer).
func fieldNeedsEvidence(ctx context.Context) bool {
	if !graphql.HasOperationContext(ctx) {
		return true
	}
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil {
		return true
	}
	return selectsEvidence(graphql.GetOperationContext(ctx), fc.Field.Selections)
}
