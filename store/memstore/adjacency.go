package memstore

import (
	"sort"

	"github.com/zonegraph/zonegraph/kg"
)

// numTypes is len(kg.AllRelTypes); adjacency keeps one run per type.
const numTypes = 8

func init() {
	if len(kg.AllRelTypes) != numTypes {
		panic("memstore: numTypes does not match kg.AllRelTypes")
	}
}

// typeIdx is the position of t in kg.AllRelTypes, or -1.
func typeIdx(t kg.RelType) int {
	switch t {
	case kg.RelPartOf:
		return 0
	case kg.RelLocatedIn:
		return 1
	case kg.RelInvestsIn:
		return 2
	case kg.RelLendsTo:
		return 3
	case kg.RelPartnersWith:
		return 4
	case kg.RelHoldsPosition:
		return 5
	case kg.RelOperates:
		return 6
	case kg.RelMentionedIn:
		return 7
	}
	return -1
}

// typeMask is a set of relation types, one bit per typeIdx.
type typeMask uint16

func (m typeMask) has(t kg.RelType) bool {
	i := typeIdx(t)
	return i >= 0 && m&(1<<i) != 0
}

// runs are the relations at a node in one direction, sorted by (type,
// node at the other end, relation ID), with the bounds of each type's run.
type runs struct {
	rels  []*kg.Relation
	start [numTypes + 1]int32
}

// of returns the run of type index t.
func (r *runs) of(t int) []*kg.Relation { return r.rels[r.start[t]:r.start[t+1]] }

// adjacency is what a node's traversals and relation reads need: every
// live relation at the node sorted by ID (Relations), and the outgoing and
// incoming ones by type and neighbour (traversals, Neighborhood).
type adjacency struct {
	byID []*kg.Relation // From or To is the node; each relation once
	out  runs           // From is the node; other end To
	in   runs           // To is the node; other end From
}

// degree is the number of relations at the node.
func (a *adjacency) degree() int {
	if a == nil {
		return 0
	}
	return len(a.byID)
}

// rebuildRuns recomputes out and in from byID; byID, out and in then
// share one backing array (one object per node for the collector).
func (a *adjacency) rebuildRuns(id kg.ID) {
	nOut, nIn := 0, 0
	for _, r := range a.byID {
		if r.From == id {
			nOut++
		}
		if r.To == id {
			nIn++
		}
	}
	n := len(a.byID)
	buf := make([]*kg.Relation, n+nOut+nIn)
	copy(buf, a.byID)
	a.byID = buf[:n:n]
	out, in := buf[n:n:n+nOut], buf[n+nOut:n+nOut:n+nOut+nIn]
	for _, r := range a.byID {
		if r.From == id {
			out = append(out, r)
		}
		if r.To == id {
			in = append(in, r)
		}
	}
	a.out = makeRuns(out, func(r *kg.Relation) kg.ID { return r.To })
	a.in = makeRuns(in, func(r *kg.Relation) kg.ID { return r.From })
}

func makeRuns(rels []*kg.Relation, other func(*kg.Relation) kg.ID) runs {
	sort.Slice(rels, func(i, j int) bool {
		a, b := rels[i], rels[j]
		if ta, tb := typeIdx(a.Type), typeIdx(b.Type); ta != tb {
			return ta < tb
		}
		if oa, ob := other(a), other(b); oa != ob {
			return oa < ob
		}
		return a.ID < b.ID
	})
	rs := runs{rels: rels}
	i := 0
	for t := 0; t < numTypes; t++ {
		rs.start[t] = int32(i)
		for i < len(rels) && typeIdx(rels[i].Type) == t {
			i++
		}
	}
	rs.start[numTypes] = int32(len(rels))
	return rs
}

// mergeByID merges two lists sorted by relation ID.
func mergeByID(a, b []*kg.Relation) []*kg.Relation {
	out := make([]*kg.Relation, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i].ID <= b[j].ID {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// lowerBound is the first index in run (sorted by other end) whose other
// end is >= id.
func lowerBound(run []*kg.Relation, id kg.ID, other func(*kg.Relation) kg.ID) int {
	return sort.Search(len(run), func(i int) bool { return other(run[i]) >= id })
}

func relTo(r *kg.Relation) kg.ID   { return r.To }
func relFrom(r *kg.Relation) kg.ID { return r.From }
