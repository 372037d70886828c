package graph

import (
	"reflect"
	"slices"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/zonegraph/zonegraph/graph/generated"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// resolverFields are, per GraphQL object type, the fields gqlgen resolves
// through a resolver (lower-cased): the methods of the type's resolver
// interface in the generated ResolverRoot. Every other field is read from
// the Go value at hand and never waits on a loader.
var resolverFields = func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	root := reflect.TypeFor[generated.ResolverRoot]()
	for i := range root.NumMethod() {
		m := root.Method(i)
		fields := map[string]bool{}
		for j := range m.Type.Out(0).NumMethod() {
			fields[strings.ToLower(m.Type.Out(0).Method(j).Name)] = true
		}
		out[m.Name] = fields
	}
	return out
}()

// isResolverField reports whether field f may run a resolver: on an
// object type when that type resolves it, on an interface or union when
// any type does.
func isResolverField(f *ast.Field) bool {
	name := strings.ToLower(f.Name)
	if f.ObjectDefinition != nil && f.ObjectDefinition.Kind == ast.Object {
		return resolverFields[f.ObjectDefinition.Name][name]
	}
	for _, fields := range resolverFields {
		if fields[name] {
			return true
		}
	}
	return false
}

// settledZone reports whether a zone(name) field whose members page q
// zoneAhead has read is then answered without any loader wait: the
// operation has no other root field, and the zone's selection asks for
// nothing but plain fields, that one members connection (q.Label's) and,
// on its nodes, the relation fields of q.With with plain fields of the
// relations and their ends. Its lists can then be marshalled in place
// (listexec). Fragments count; @defer and unknown fragments do not
// settle.
func settledZone(oc *graphql.OperationContext, zone *ast.Field, q store.MemberQuery) bool {
	if !soleRoot(oc) {
		return false
	}
	members := 0
	return eachField(oc, zone.SelectionSet, func(f *ast.Field) bool {
		if plainField(oc, f) {
			return true
		}
		if label, ok := memberFields[f.Name]; !ok || label != q.Label || members > 0 {
			return false
		}
		members++
		return settledConnection(oc, f.SelectionSet, q.With)
	})
}

// settledConnection: the selection of a members connection whose page
// was read with the relations of the types in with.
func settledConnection(oc *graphql.OperationContext, sel ast.SelectionSet, with []kg.RelType) bool {
	return eachField(oc, sel, func(c *ast.Field) bool {
		switch {
		case isResolverField(c):
			return false
		case c.Name == "nodes":
			return settledMembers(oc, c.SelectionSet, with)
		case c.Name == "edges":
			return eachField(oc, c.SelectionSet, func(e *ast.Field) bool {
				if e.Name == "node" {
					return !isResolverField(e) && settledMembers(oc, e.SelectionSet, with)
				}
				return plainField(oc, e)
			})
		}
		return plainSelection(oc, c.SelectionSet)
	})
}

// settledRoot reports whether a query's root field is answered, below
// the field itself, without any loader wait: it is the operation's only
// root field and no field of its selection, at any depth, runs a resolver
// (neighborhood's nodes and edges, search's nodes). Its lists can then be
// marshalled in place (listexec).
func settledRoot(oc *graphql.OperationContext, root *ast.Field) bool {
	return oc.Operation.Operation == ast.Query && soleRoot(oc) && plainSelection(oc, root.SelectionSet)
}

// soleRoot reports whether the operation has one root field (besides
// __typename and the like).
func soleRoot(oc *graphql.OperationContext) bool {
	roots := 0
	return eachField(oc, oc.Operation.SelectionSet, func(f *ast.Field) bool {
		if !strings.HasPrefix(f.Name, "__") {
			roots++
		}
		return true
	}) && roots == 1
}

// settledMembers: the selection of a members page's nodes, read with the
// relations of the types in with and the nodes at their other ends.
func settledMembers(oc *graphql.OperationContext, sel ast.SelectionSet, with []kg.RelType) bool {
	return eachField(oc, sel, func(f *ast.Field) bool {
		if plainField(oc, f) {
			return true
		}
		if t, ok := relationFields[f.Name]; !ok || !slices.Contains(with, t) {
			return false
		}
		// The relations (or the nodes at their ends) of one type: their
		// from and to are at hand, nothing further.
		return eachField(oc, f.SelectionSet, func(r *ast.Field) bool {
			if isResolverField(r) && !(r.ObjectDefinition.Name == "Relation" && (r.Name == "from" || r.Name == "to")) {
				return false
			}
			return plainSelection(oc, r.SelectionSet)
		})
	})
}

// plainSelection reports whether no field of sel, at any depth, runs a
// resolver.
func plainSelection(oc *graphql.OperationContext, sel ast.SelectionSet) bool {
	return eachField(oc, sel, func(f *ast.Field) bool { return plainField(oc, f) })
}

// plainField reports whether neither f nor any field below it runs a
// resolver.
func plainField(oc *graphql.OperationContext, f *ast.Field) bool {
	return !isResolverField(f) && plainSelection(oc, f.SelectionSet)
}

// eachField calls ok for every field of sel, through inline fragments and
// fragment spreads, until ok returns false; false also for a @defer or a
// fragment the document does not define.
func eachField(oc *graphql.OperationContext, sel ast.SelectionSet, ok func(*ast.Field) bool) bool {
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if !ok(s) {
				return false
			}
		case *ast.InlineFragment:
			if s.Directives.ForName("defer") != nil || !eachField(oc, s.SelectionSet, ok) {
				return false
			}
		case *ast.FragmentSpread:
			f := oc.Doc.Fragments.ForName(s.Name)
			if f == nil || s.Directives.ForName("defer") != nil || !eachField(oc, f.SelectionSet, ok) {
				return false
			}
		}
	}
	return true
}
