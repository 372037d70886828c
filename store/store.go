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
	"encoding/base64"
	"errors"
	"fmt"
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

// ZoneFilter narrows Zones: province, city and kind exactly; NameContains
// a normalised substring of the name or an alias; Name (not a GraphQL
// argument: the zone(name) lookup uses it) the whole normalised name or an
// alias, an exact match of the zone's keys, with no full-text search.
type ZoneFilter struct {
	Province     string
	City         string
	Kind         string
	NameContains string
	Name         string `json:"-"`
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
	// ignoring direction, over the given types (all but MENTIONED_IN when
	// empty): all of them when there are at most MaxPaths, else the first
	// MaxPaths in the order of SortPaths (by their node IDs, then their
	// relation IDs). A result of exactly MaxPaths paths may have been cut.
	// from == to gives one path of length 0; no path an empty result; an
	// unknown endpoint is ErrNotFound.
	Paths(ctx context.Context, from, to kg.ID, maxHops int, types []kg.RelType) ([]kg.Path, error)
	// Chains returns the money paths from a node: maximal simple paths (no
	// node twice; a chain ends at the hop bound, after a LOCATED_IN hop, or
	// where no hop leads to a node off the chain) of at most maxHops hops.
	//
	// Downstream, a hop follows an outgoing LENDS_TO, INVESTS_IN or
	// OPERATES relation (who lends to, invests in or runs what), or, except
	// as the first hop, an outgoing LOCATED_IN, which ends the chain: where
	// the money lands. Upstream, a hop follows an incoming LENDS_TO,
	// INVESTS_IN or OPERATES relation: who lends to, funds or runs the node.
	// Relations keep their own direction; Nodes[0] is the start node.
	//
	// The result is the first MaxPaths chains in hop order (SortChains):
	// chains compare by the node their first hop reaches, then by that
	// hop's relation ID, then likewise hop by hop (no chain is a prefix of
	// another). This is the order of a depth-first walk that takes each
	// node's hops by (next node ID, relation ID); it is not by length. A
	// result of exactly MaxPaths chains may have been cut. A node without
	// chains gives an empty result; an unknown node is ErrNotFound.
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

// NeighborhoodQuery is a Neighborhood read with options, for
// NeighborhoodReader: Depth, Limit and Types as Store.Neighborhood's
// arguments.
type NeighborhoodQuery struct {
	Depth int
	Limit int
	Types []kg.RelType
	// NoEvidence leaves Evidence nil on the nodes and relations
	// (everything else as without it): a caller that will not show
	// evidence then does not pay for reading and decoding it. Such partial
	// nodes and relations must not be cached where a reader expects whole
	// ones.
	NoEvidence bool
}

// NeighborhoodReader is Store.Neighborhood with options (NeighborhoodQuery):
// the same subgraph, nodes and truncation. memstore and neo4jstore
// implement it.
type NeighborhoodReader interface {
	NeighborhoodOf(ctx context.Context, id kg.ID, q NeighborhoodQuery) (g *kg.Graph, truncated bool, err error)
}

// TraversalOptions are the options of TraversalReader's reads.
type TraversalOptions struct {
	// NoEvidence leaves Evidence nil on the paths' nodes and relations
	// (everything else as without it), as NeighborhoodQuery.NoEvidence.
	NoEvidence bool
}

// TraversalReader is Store.Chains and Store.Paths with options
// (TraversalOptions): the same paths, in the same order. neo4jstore
// implements it.
type TraversalReader interface {
	ChainsOf(ctx context.Context, from kg.ID, dir ChainDirection, maxHops int, o TraversalOptions) ([]kg.Path, error)
	PathsOf(ctx context.Context, from, to kg.ID, maxHops int, types []kg.RelType, o TraversalOptions) ([]kg.Path, error)
}

// MemberQuery selects and pages the members of zones for MemberReader.Members.
type MemberQuery struct {
	// Label of the members: Enterprise, Project, Institution, ... (required).
	Label kg.Label
	// Listed, when set, keeps the members whose listed property equals it
	// (a member without the property counts as not listed).
	Listed *bool
	// IncludeSubZones counts members of the zone's transitive sub-zones
	// (PART_OF closure) too.
	IncludeSubZones bool
	// First is the page size; 0 returns only TotalCount.
	First int
	// After is the cursor of the last member seen (a Member's Cursor or a
	// page's EndCursor); empty starts at the beginning.
	After string
	// With lists relation types to read along with the page, in the same
	// call: each member comes with its relations of these types (both
	// directions, as Relations with Both gives them) and the page with the
	// nodes at their other ends. A caller about to read them (the nested
	// fields of a GraphQL query) then needs no further round trip. Empty:
	// none. Types must be valid (ErrInvalidArgument).
	With []kg.RelType
	// NoEvidence leaves Evidence nil on the members, their Located and
	// Relations and the Neighbours (everything else as without it): a
	// caller that will not show evidence then does not pay for reading
	// and decoding it. Such partial nodes and relations must not be
	// cached where a reader expects whole ones.
	NoEvidence bool
}

// Member is a node located in a zone with the LOCATED_IN relation that
// places it there: the one to the zone itself when there is one, else the
// one with the smallest relation ID (to a sub-zone).
type Member struct {
	Node    kg.Node
	Located kg.Relation
	Cursor  string // MemberCursor(Node)
	// Relations are the member's relations of MemberQuery.With's types,
	// sorted by ID; nil when With is empty or there are none.
	Relations []kg.Relation
}

// MemberPage is one page of a zone's members, ordered by name, then ID.
type MemberPage struct {
	Members    []Member
	TotalCount int    // all members matching the query, whatever After and First
	EndCursor  string // cursor of the last member of the page; empty when the page is empty
	HasNext    bool   // members follow the page
	// Neighbours are the nodes at the other ends of the members'
	// Relations (MemberQuery.With), by ID; nil when With is empty.
	Neighbours map[kg.ID]kg.Node
}

// DropEvidence sets the Evidence of the page's members, their Located and
// Relations and its Neighbours to nil (MemberQuery.NoEvidence).
func (p *MemberPage) DropEvidence() {
	for i := range p.Members {
		m := &p.Members[i]
		m.Node.Evidence, m.Located.Evidence = nil, nil
		for j := range m.Relations {
			m.Relations[j].Evidence = nil
		}
	}
	for id, n := range p.Neighbours {
		n.Evidence = nil
		p.Neighbours[id] = n
	}
}

// MemberReader is the paged, filtered read of zone members: one call (one
// database round trip in neo4jstore) for many zones, whose cost grows with
// the page, not with the zone. memstore and neo4jstore implement it.
type MemberReader interface {
	// Members returns, for each zone ID, the page of its members matching q;
	// a zone without members (or unknown) has an empty page.
	Members(ctx context.Context, zoneIDs []kg.ID, q MemberQuery) (map[kg.ID]MemberPage, error)
}

// ZoneMemberReader finds a zone by name and reads a page of its members
// in one call (one database round trip in neo4jstore): the zone(name) {
// enterprises { ... } } query's two reads folded into one. memstore and
// neo4jstore implement it.
type ZoneMemberReader interface {
	// ZoneMembers returns the zone PickZone chooses among the zones whose
	// name or an alias normalises to NormalizeName(name) (the zones
	// Zones(ZoneFilter{Name: name}) gives), and the page of its members
	// matching q, as MemberReader.Members reads it; a nil zone (and an
	// empty page) when no zone's keys match.
	ZoneMembers(ctx context.Context, name string, q MemberQuery) (*kg.Node, MemberPage, error)
	// ZoneByName returns the zone ZoneMembers finds for name (PickZone
	// among Zones(ZoneFilter{Name: name})) without reading any member;
	// nil when no zone's keys match. neo4jstore finds a zone by its own
	// name through an index (Zones reads every zone's keys).
	ZoneByName(ctx context.Context, name string) (*kg.Node, error)
}

// NameReader finds a node by its own name through an index, where Search
// runs a ranked text search (neo4jstore: a full-text query, or a scan of
// every node for a name that is not all Han). The resolver looks up a
// name given for an entity (neighborhood(id: "<name>"), entity(name:))
// this way first and searches only for an alias.
type NameReader interface {
	// NodeByName returns, among the nodes with a label in labels (every
	// label when none) whose own name normalises to NormalizeName(name),
	// the one with the smallest ID; nil when there is none. Aliases are
	// not looked up.
	NodeByName(ctx context.Context, name string, labels []kg.Label) (*kg.Node, error)
}

// PickZone chooses the zone a name stands for among zones whose name or
// an alias normalises to the same key as name: one whose own name does
// first, then the smallest ID; nil when zones is empty.
func PickZone(zones []kg.Node, name string) *kg.Node {
	want := NormalizeName(name)
	var best *kg.Node
	bestNamed := false
	for i := range zones {
		z := &zones[i]
		named := NormalizeName(z.Name) == want
		if best == nil || (named && !bestNamed) || (named == bestNamed && z.ID < best.ID) {
			best, bestNamed = z, named
		}
	}
	return best
}

// CheckMemberQuery refuses a MemberQuery every store refuses (no label, a
// negative First, a malformed cursor) with ErrInvalidArgument.
func CheckMemberQuery(q MemberQuery) error {
	if q.Label == "" || q.First < 0 {
		return fmt.Errorf("members: label %q, first %d: %w", q.Label, q.First, ErrInvalidArgument)
	}
	_, _, _, err := ParseMemberCursor(q.After)
	return err
}

// MemberCursor is the opaque keyset cursor of a member: its name and ID.
func MemberCursor(n kg.Node) string {
	return base64.RawURLEncoding.EncodeToString([]byte(n.Name + "\x00" + string(n.ID)))
}

// ParseMemberCursor reads a MemberCursor back; an empty cursor gives ok false.
func ParseMemberCursor(c string) (name string, id kg.ID, ok bool, err error) {
	if c == "" {
		return "", "", false, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", "", false, fmt.Errorf("malformed cursor %q: %w", c, ErrInvalidArgument)
	}
	name, rest, found := strings.Cut(string(b), "\x00")
	if !found || rest == "" {
		return "", "", false, fmt.Errorf("malformed cursor %q: %w", c, ErrInvalidArgument)
	}
	return name, kg.ID(rest), true, nil
}

// MemberAfter reports whether a member named name with the given ID comes
// after the cursor's (name, id) in member order.
func MemberAfter(name string, id kg.ID, curName string, curID kg.ID) bool {
	if name != curName {
		return name > curName
	}
	return id > curID
}
