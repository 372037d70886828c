// Package store is the contract between the graph model and its storage:
// batch-shaped reads ([]kg.ID in, map[kg.ID]... out) so that the GraphQL layer
// serves a nested query with a bounded number of round trips, and Upsert,
// which loads one page wholly or not at all.
//
// Implementations: store/memstore (embedded default) and store/neo4jstore.
// Both must pass store/storetest.
package store

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/zonegraph/zonegraph/kg"
)

// Errors returned by stores, wrapped with %w and context.
var (
	// ErrNotFound: the asked-for node does not exist.
	ErrNotFound = errors.New("not found")
	// ErrUnavailable: the database cannot be reached.
	ErrUnavailable = errors.New("database unavailable")
	// ErrInvalidArgument: a filter, label or limit the store refuses.
	ErrInvalidArgument = errors.New("invalid argument")
)

// Direction selects which relations of a node to read.
type Direction int

const (
	Outgoing Direction = iota // node is the relation's From
	Incoming                  // node is the relation's To
	Both
)

// ChainDirection is the way an investment chain is followed.
type ChainDirection int

const (
	Downstream ChainDirection = iota // where the money goes
	Upstream                         // who funds it
)

// UpsertResult says what loading one page did.
type UpsertResult struct {
	Skipped   bool // content hash unchanged: nothing written
	Replaced  bool // an earlier version of the page was replaced
	Nodes     int  // nodes in the page's graph
	Relations int  // relations in the page's graph
}

// ZoneFilter narrows Zones.
type ZoneFilter struct {
	Province     string
	City         string
	Kind         string
	NameContains string
}

// Stats counts what a store holds.
type Stats struct {
	Documents int                `json:"documents"`
	Nodes     map[kg.Label]int   `json:"nodes"`
	Relations map[kg.RelType]int `json:"relationships"`
}

// Store is implemented by memstore and neo4jstore. All slices returned are
// sorted deterministically (by ID unless stated) and owned by the caller.
type Store interface {
	// Upsert loads one page's graph in one transaction. The page's earlier
	// facts and evidence are replaced; other pages' are untouched; a page
	// whose SHA256 is unchanged is skipped.
	Upsert(ctx context.Context, doc kg.Document, g *kg.Graph) (UpsertResult, error)

	// Nodes returns the nodes with the given IDs; missing IDs are absent from the map.
	Nodes(ctx context.Context, ids []kg.ID) (map[kg.ID]kg.Node, error)
	// Relations returns, for each node ID, its relations in the given
	// direction, restricted to types when types is non-empty.
	Relations(ctx context.Context, ids []kg.ID, dir Direction, types []kg.RelType) (map[kg.ID][]kg.Relation, error)
	// Search finds nodes by name or alias: exact matches first, then prefix,
	// then substring; restricted to labels when non-empty.
	Search(ctx context.Context, text string, labels []kg.Label, limit int) ([]kg.Node, error)
	// Zones lists zones matching the filter, by name.
	Zones(ctx context.Context, f ZoneFilter) ([]kg.Node, error)
	// SubZones returns each zone's transitive sub-zones (PART_OF closure),
	// not including the zone itself.
	SubZones(ctx context.Context, ids []kg.ID) (map[kg.ID][]kg.ID, error)

	// Paths returns the shortest paths between two nodes of at most maxHops,
	// ignoring direction, over the given types (all but MENTIONED_IN when empty).
	Paths(ctx context.Context, from, to kg.ID, maxHops int, types []kg.RelType) ([]kg.Path, error)
	// Chains returns the money paths from a node: downstream over LENDS_TO,
	// INVESTS_IN then OPERATES/LOCATED_IN; upstream the reverse.
	Chains(ctx context.Context, from kg.ID, dir ChainDirection, maxHops int) ([]kg.Path, error)
	// Neighborhood returns the subgraph within depth hops of id, with at most
	// limit nodes; truncated says whether nodes were left out.
	Neighborhood(ctx context.Context, id kg.ID, depth, limit int, types []kg.RelType) (g *kg.Graph, truncated bool, err error)

	// Documents lists the loaded pages.
	Documents(ctx context.Context) ([]kg.Document, error)
	// Stats counts nodes by label and relations by type.
	Stats(ctx context.Context) (Stats, error)
	// Ping checks the store is reachable.
	Ping(ctx context.Context) error
	Close(ctx context.Context) error
}

// NormalizeName folds a name for matching: lower case, full-width forms
// (（）, Ａ, １ ...) to their half-width equivalents, and surrounding space
// trimmed. Every store matches names and aliases through it.
func NormalizeName(s string) string {
	return strings.TrimSpace(strings.ToLower(width.Fold.String(s)))
}

// Match ranks of Search: exact matches first, then prefix, then substring.
const (
	MatchExact     = 0
	MatchPrefix    = 1
	MatchSubstring = 2
	MatchNone      = 3
)

// MatchRank ranks how the normalised key matches the normalised query, and
// returns the key's length in runes (shorter keys sort first within a rank).
func MatchRank(key, query string) (rank, keyLen int) {
	n := utf8.RuneCountInString(key)
	switch {
	case key == query:
		return MatchExact, n
	case strings.HasPrefix(key, query):
		return MatchPrefix, n
	case strings.Contains(key, query):
		return MatchSubstring, n
	}
	return MatchNone, n
}

// Exporter is implemented by stores that can read back their whole graph:
// the loader's -dump and the crash-safety checks compare it across loads.
// Nodes and relations are sorted by ID, evidence canonically (kg.Graph.Sort).
type Exporter interface {
	Export(ctx context.Context) (*kg.Graph, error)
}
