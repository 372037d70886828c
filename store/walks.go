package store

import "sort"

// Step is one hop of a shortest-path search: the relation taken (a
// store's handle for it) and the node it leads to.
type Step[N comparable, R any] struct {
	Rel  R
	Next N
}

// Walk is a path as the stores' handles of its nodes and relations.
type Walk[N comparable, R any] struct {
	Nodes []N
	Rels  []R
}

// FirstWalks returns the first MaxPaths walks from `from` to `to` through
// succ, a DAG of shortest paths in which every step leads on to `to`, in
// the order of SortPaths: a depth-first walk with successors by node
// (nodeLess), so the node sequences come in order, each then spelled out
// over the parallel relations of its hops by relation (relLess). The walk
// stops after MaxPaths paths whatever the number of shortest paths. Both
// stores' Paths end with it.
func FirstWalks[N comparable, R any](succ map[N][]Step[N, R], from, to N, nodeLess func(a, b N) bool, relLess func(a, b R) bool) []Walk[N, R] {
	var out []Walk[N, R]
	nodes := []N{from}
	var choices [][]Step[N, R] // per hop of nodes, the relations it may take, in order
	var dfs func(u N)
	dfs = func(u N) {
		if u == to {
			out = appendCombos(out, nodes, choices)
			return
		}
		steps := succ[u]
		sort.Slice(steps, func(i, j int) bool {
			if steps[i].Next != steps[j].Next {
				return nodeLess(steps[i].Next, steps[j].Next)
			}
			return relLess(steps[i].Rel, steps[j].Rel)
		})
		for k := 0; k < len(steps) && len(out) < MaxPaths; {
			v, e := steps[k].Next, k+1
			for e < len(steps) && steps[e].Next == v {
				e++
			}
			nodes = append(nodes, v)
			choices = append(choices, steps[k:e])
			dfs(v)
			nodes = nodes[:len(nodes)-1]
			choices = choices[:len(choices)-1]
			k = e
		}
	}
	dfs(from)
	return out
}

// appendCombos appends the walks along nodes, one per choice of a relation
// for each hop (choices, in order), in lexicographic order of the choices,
// while out has fewer than MaxPaths.
func appendCombos[N comparable, R any](out []Walk[N, R], nodes []N, choices [][]Step[N, R]) []Walk[N, R] {
	pick := make([]int, len(choices))
	for more := true; more && len(out) < MaxPaths; more = nextCombo(pick, choices) {
		w := Walk[N, R]{Nodes: append([]N(nil), nodes...), Rels: make([]R, len(choices))}
		for i, k := range pick {
			w.Rels[i] = choices[i][k].Rel
		}
		out = append(out, w)
	}
	return out
}

// nextCombo advances pick (one index into each of choices) to the next
// combination, the last position fastest; false after the last.
func nextCombo[N comparable, R any](pick []int, choices [][]Step[N, R]) bool {
	for i := len(pick) - 1; i >= 0; i-- {
		if pick[i]++; pick[i] < len(choices[i]) {
			return true
		}
		pick[i] = 0
	}
	return false
}
