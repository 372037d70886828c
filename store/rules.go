package store

import (
	"fmt"
	"sort"
	"strings"

	"github.com/zonegraph/zonegraph/kg"
)

// Argument rules every Store applies the same way, so that memstore and
// neo4jstore accept, refuse and order alike.
const (
	DefaultSearchLimit       = 20
	MaxSearchLimit           = 1000
	DefaultMaxHops           = 4
	MaxHops                  = 10
	MaxPaths                 = 50 // cap on the number of paths Paths and Chains return
	DefaultNeighborhoodLimit = 100
	MaxNeighborhoodDepth     = 6
)

// ValidateGraph checks that every label and type comes from kg's fixed
// tables and that every node and relation has an ID; errors wrap
// ErrInvalidArgument.
func ValidateGraph(g *kg.Graph) error {
	for _, n := range g.Nodes {
		if n.ID == "" {
			return fmt.Errorf("node %q without id: %w", n.Name, ErrInvalidArgument)
		}
		if !n.Label.Valid() {
			return fmt.Errorf("node %s: unknown label %q: %w", n.ID, n.Label, ErrInvalidArgument)
		}
	}
	for _, r := range g.Relations {
		if r.ID == "" || r.From == "" || r.To == "" {
			return fmt.Errorf("relation %s without id or endpoint: %w", r.Type, ErrInvalidArgument)
		}
		if !r.Type.Valid() {
			return fmt.Errorf("relation %s: unknown type %q: %w", r.ID, r.Type, ErrInvalidArgument)
		}
	}
	return nil
}

// SearchLimit applies the default and the cap to a Search limit.
func SearchLimit(limit int) int {
	if limit <= 0 {
		return DefaultSearchLimit
	}
	if limit > MaxSearchLimit {
		return MaxSearchLimit
	}
	return limit
}

// HopLimit applies the default (DefaultMaxHops for <= 0) and the cap
// (MaxHops, beyond which the argument is invalid) to a hop count.
func HopLimit(maxHops int) (int, error) {
	if maxHops <= 0 {
		return DefaultMaxHops, nil
	}
	if maxHops > MaxHops {
		return 0, fmt.Errorf("maxHops %d > %d: %w", maxHops, MaxHops, ErrInvalidArgument)
	}
	return maxHops, nil
}

// NeighborhoodArgs applies defaults and caps: depth in [0, MaxNeighborhoodDepth],
// limit <= 0 means DefaultNeighborhoodLimit.
func NeighborhoodArgs(depth, limit int) (int, int, error) {
	if depth < 0 || depth > MaxNeighborhoodDepth {
		return 0, 0, fmt.Errorf("neighborhood: depth %d not in [0, %d]: %w", depth, MaxNeighborhoodDepth, ErrInvalidArgument)
	}
	if limit <= 0 {
		limit = DefaultNeighborhoodLimit
	}
	return depth, limit, nil
}

// SortPaths orders paths by length, then by their node IDs, then by their
// relation IDs: the order of Paths.
func SortPaths(paths []kg.Path) {
	key := func(p kg.Path) []kg.ID {
		k := make([]kg.ID, 0, len(p.Nodes)+len(p.Relations))
		for _, n := range p.Nodes {
			k = append(k, n.ID)
		}
		for _, r := range p.Relations {
			k = append(k, r.ID)
		}
		return k
	}
	sort.SliceStable(paths, func(i, j int) bool {
		if paths[i].Len() != paths[j].Len() {
			return paths[i].Len() < paths[j].Len()
		}
		a, b := key(paths[i]), key(paths[j])
		for x := 0; x < len(a) && x < len(b); x++ {
			if a[x] != b[x] {
				return a[x] < b[x]
			}
		}
		return len(a) < len(b)
	})
}

// SortChains orders chains hop by hop: by the node the first hop reaches,
// then by the first hop's relation ID, then the same for the second hop
// and so on; a chain that is a prefix of another sorts first (maximal
// chains never are). It is the order of Chains.
func SortChains(paths []kg.Path) {
	sort.SliceStable(paths, func(i, j int) bool { return CompareChains(paths[i], paths[j]) < 0 })
}

// CompareChains compares two chains in the order of SortChains.
func CompareChains(a, b kg.Path) int {
	for i := 0; i < len(a.Relations) && i < len(b.Relations); i++ {
		if x, y := a.Nodes[i+1].ID, b.Nodes[i+1].ID; x != y {
			return strings.Compare(string(x), string(y))
		}
		if x, y := a.Relations[i].ID, b.Relations[i].ID; x != y {
			return strings.Compare(string(x), string(y))
		}
	}
	return len(a.Relations) - len(b.Relations)
}
