// Package queries holds the bench's questions, shared by its commands
// (zgbench, zgzoneab): the README's example GraphQL queries in the shapes
// of examples/queries.graphql, and the raw-Cypher floor the bench measures
// our server against. (Product Cypher lives in store/neo4jstore; the floor
// is the bench's yardstick.)
package queries

import (
	"github.com/zonegraph/zonegraph/bench/gen"
	"github.com/zonegraph/zonegraph/kg"
)

// Firm is the enterprise (its index among g's enterprises) the
// neighborhood2 query is asked about, the same in every bench command.
func Firm(g *gen.GraphGen) int { return g.Counts()[kg.LabelEnterprise] / 50 }

// The GraphQL queries zgbench times, by its query names.
const (
	// ZoneListedFirms is zoneListedFirms: a zone's listed firms with their
	// positions and projects ($zone: a zone's name).
	ZoneListedFirms = `query ($zone: String!) { zone(name: $zone) { name enterprises(listed: true, first: 20) { totalCount nodes { name positions { title from { name } } operates { name investmentCNY } } } } }`
	// Neighborhood is neighborhood2: two hops around $id, at most 200 nodes.
	Neighborhood = `query ($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) { truncated nodes { id label name } edges { id type source target } } }`
	// Paths is paths4.
	Paths = `query ($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4) { length nodes { name } relations { type } } }`
	// InvestmentChains is investmentChains4.
	InvestmentChains = `query ($from: ID!) { investmentChains(from: $from, direction: DOWNSTREAM, maxHops: 4) { length minAmountCNY nodes { name } } }`
	// Search is search.
	Search = `query ($text: String!) { search(text: $text, first: 10) { id name label } }`
)

// FloorZoneListedFirms is the floor of ZoneListedFirms: the same question
// as one hand-written Cypher query, sent through the Go driver with no
// GraphQL layer ($zone: the zone's normalised name). It finds the zone by
// its nameKey (indexed, as the store's own statement does) rather than by
// the name's scan.
const FloorZoneListedFirms = `
MATCH (z:Zone {nameKey: $zone})
CALL {
  WITH z MATCH (e:Enterprise)-[:LOCATED_IN]->(z) WHERE e.p_listed RETURN e
  UNION
  WITH z MATCH (e:Enterprise)-[:LOCATED_IN]->(:Zone)-[:PART_OF]->(z) WHERE e.p_listed RETURN e
}
WITH e ORDER BY e.name
WITH collect(e) AS es
RETURN size(es) AS totalCount, [e IN es[..20] | {
  name: e.name,
  positions: [(p:Person)-[h:HOLDS_POSITION]->(e) | {title: h.p_title, from: p.name}],
  operates: [(e)-[:OPERATES]->(pr:Project) | {name: pr.name, investmentCNY: pr.p_investmentCNY}]}] AS firms`
