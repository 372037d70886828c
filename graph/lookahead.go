package graph

import (
	"context"
	"errors"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
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
	return memberRelationsIn(graphql.GetOperationContext(ctx), fc.Field.Selections, label)
}

// memberRelationsIn is memberRelations for the selection of a members
// connection field.
func memberRelationsIn(oc *graphql.OperationContext, sel ast.SelectionSet, label kg.Label) []kg.RelType {
	typ := string(label)
	found := map[kg.RelType]bool{}
	collect := func(sel ast.SelectionSet) {
		for _, f := range graphql.CollectFields(oc, sel, []string{typ, "Node", "Entity"}) {
			if t, ok := relationFields[f.Name]; ok {
				found[t] = true
			}
		}
	}
	for _, f := range graphql.CollectFields(oc, sel, []string{typ + "Connection"}) {
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

// memberFields are Zone's members connection fields and their members' label.
var memberFields = map[string]kg.Label{
	"enterprises":  kg.LabelEnterprise,
	"institutions": kg.LabelInstitution,
	"projects":     kg.LabelProject,
}

// aheadMemberQuery looks ahead from a field returning a Zone (zone(name))
// into its first members connection field (enterprises, projects,
// institutions) and returns the store.MemberQuery that field's resolver
// (connectMembers) will ask, from its arguments (variables and defaults
// applied), limits and selection; false when there is none or its
// arguments are refused (the field's resolver then reports that).
func aheadMemberQuery(ctx context.Context, l Limits) (store.MemberQuery, bool) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !graphql.HasOperationContext(ctx) {
		return store.MemberQuery{}, false
	}
	return aheadMemberQueryIn(graphql.GetOperationContext(ctx), fc.Field.Selections, l)
}

// aheadMemberQueryIn is aheadMemberQuery for the selection of a field
// returning a Zone.
func aheadMemberQueryIn(oc *graphql.OperationContext, sel ast.SelectionSet, l Limits) (store.MemberQuery, bool) {
	for _, f := range graphql.CollectFields(oc, sel, []string{"Zone", "Node", "Entity"}) {
		label, ok := memberFields[f.Name]
		if !ok {
			continue
		}
		q, err := memberArgs(f.ArgumentMap(oc.Variables), l)
		if err != nil {
			return store.MemberQuery{}, false
		}
		q.Label = label
		q.With = memberRelationsIn(oc, f.Selections, label)
		q.NoEvidence = !selectsEvidence(oc, f.Selections)
		return q, true
	}
	return store.MemberQuery{}, false
}

// memberArgs reads a members connection field's arguments (listed,
// includeSubZones, first, after) as its resolver receives them (a bad
// cursor is left to the store, which refuses it).
func memberArgs(args map[string]any, l Limits) (store.MemberQuery, error) {
	listed, e1 := optArg(args, "listed", graphql.UnmarshalBoolean)
	subZones, e2 := optArg(args, "includeSubZones", graphql.UnmarshalBoolean)
	first, e3 := optArg(args, "first", graphql.UnmarshalInt)
	after, e4 := optArg(args, "after", graphql.UnmarshalString)
	if err := errors.Join(e1, e2, e3, e4); err != nil {
		return store.MemberQuery{}, err
	}
	return l.withPage(store.MemberQuery{Listed: listed, IncludeSubZones: deref(subZones, true)}, first, after)
}

// optArg unmarshals an optional argument; nil when it is absent or null.
func optArg[T any](args map[string]any, name string, unmarshal func(any) (T, error)) (*T, error) {
	v := args[name]
	if v == nil {
		return nil, nil
	}
	x, err := unmarshal(v)
	return &x, err
}
