package neo4jstore

import (
	"slices"
	"strconv"
	"strings"

	"github.com/zonegraph/zonegraph/kg"
)

// All Cypher of the project lives in this file. Labels, relationship types
// and hop bounds cannot be parameters in Cypher: they are filled into the
// templates below from kg's fixed tables and from integers, never from input.

var (
	schemaNodeID = `CREATE CONSTRAINT kgnode_id IF NOT EXISTS FOR (n:KGNode) REQUIRE n.id IS UNIQUE`
	// Earlier versions also had one uniqueness constraint per label
	// ({{lower}}_id): redundant with kgnode_id, unused by any query, and a
	// second index entry to write per node; dropped.
	schemaDropLabelIDT = `DROP CONSTRAINT {{lower}}_id IF EXISTS`
	schemaDocumentID   = `CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE`
	// The full-text index holds searchText alone: Search keeps only the
	// candidates with a key containing the query, and every key is in
	// searchText, so indexing name too (as earlier databases do) found no
	// more results and cost a quarter more CPU to populate.
	schemaFulltext = `CREATE FULLTEXT INDEX kg_names IF NOT EXISTS FOR (n:KGNode) ON EACH [n.searchText] OPTIONS {indexConfig: {` + "`fulltext.analyzer`" + `: 'cjk'}}`
	// A zone's nameKey (its normalised own name, keys[0]; see nodeProps)
	// is indexed: zoneMembersHead finds the zone a name stands for by an
	// index seek rather than by reading every zone's keys (5,000 zones at
	// 1M nodes: a few ms of the database's CPU per zone listing).
	// Databases written before nameKey get it from their keys
	// (cypherFillNameKeys).
	schemaZoneNameKey = `CREATE RANGE INDEX zone_namekey IF NOT EXISTS FOR (z:Zone) ON (z.nameKey)`
	// Every node's nameKey is indexed too (kg_namekey): an entity named in
	// a query (neighborhood(id: "<name>"), entity(name:)) is found by one
	// seek (cypherNodeByName) instead of a full-text search and its
	// ranking. Nodes written before every label had nameKey (zones
	// included, when written before zones had it) get it once, when some
	// page was written by such a version (cypherDocMarks, EnsureSchema),
	// in batches: a 1M graph's nodes in one transaction would not fit a
	// 1 GB heap.
	schemaNodeNameKey  = `CREATE RANGE INDEX kg_namekey IF NOT EXISTS FOR (n:KGNode) ON (n.nameKey)`
	cypherFillNameKeys = `MATCH (n:KGNode) WHERE n.nameKey IS NULL AND size(n.keys) > 0
CALL { WITH n SET n.nameKey = n.keys[0] } IN TRANSACTIONS OF 10000 ROWS`
	cypherMarkKeyed    = `MATCH (d:Document) WHERE d.nameKeys IS NULL SET d.nameKeys = true`
	schemaAwaitIndexes = `CALL db.awaitIndexes(300)`
	// Relationship indexes on the ends' kg IDs (every relationship stores
	// them as fromId and toId, see relProps), one per side of a type on
	// which the model puts thousands of relationships on one node
	// (relEndIndexes): the neighbourhood reads a dense node's first
	// neighbours by ID from them (cypherSideSeekT). schemaRelEndT is
	// filled with the index name, the type and the two properties (the
	// node's own end first: relSide.ends).
	schemaRelEndT     = `CREATE RANGE INDEX {{NAME}} IF NOT EXISTS FOR ()-[r:{{TYPE}}]-() ON (r.{{OWN}}, r.{{OTHER}})`
	schemaDropRelEndT = `DROP INDEX {{NAME}} IF EXISTS`
	// Databases written before relationships had fromId and toId get them
	// once, when some page was written by such a version (cypherDocMarks:
	// d.relEnds), in batches.
	cypherFillRelEnds = `MATCH (a:KGNode)-[r]->(b:KGNode) WHERE r.fromId IS NULL
CALL { WITH r, a, b SET r.fromId = a.id, r.toId = b.id } IN TRANSACTIONS OF 10000 ROWS`
	cypherMarkRelEnds = `MATCH (d:Document) WHERE d.relEnds IS NULL SET d.relEnds = true`
	// cypherDocMarks counts the pages written by a version before
	// undirected relations were oriented (d.oriented), before every node
	// had nameKey (d.nameKeys) and before relationships stored their ends'
	// IDs (d.relEnds): only then has EnsureSchema anything to bring up to
	// date (orientUndirected, cypherFillNameKeys, cypherFillRelEnds). Every
	// document written since carries the three marks
	// (cypherUpsertDocuments), so a current database costs one read of its
	// documents per start.
	cypherDocMarks = `MATCH (d:Document)
RETURN count(CASE WHEN d.oriented IS NULL THEN 1 END) AS unoriented, count(CASE WHEN d.nameKeys IS NULL THEN 1 END) AS unkeyed,
  count(CASE WHEN d.relEnds IS NULL THEN 1 END) AS unended`

	// Clear deletes the relationships first, then the nodes, each in
	// batches of 10000 rows: a batch of nodes with DETACH DELETE would also
	// hold every relationship of its hubs (a bank lending to 100k firms) in
	// one transaction, beyond a 1 GB heap on a bulk-loaded 1M graph.
	cypherClearRels  = `MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 10000 ROWS`
	cypherClearNodes = `MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`

	// Write path (inside the page's transaction).
	cypherDocumentStates = `UNWIND $ids AS id OPTIONAL MATCH (d:Document {id: id})
RETURN id, d IS NOT NULL AS exists, coalesce(d.bulk, false) AS bulk, d.sha256 AS sha256,
  d.nodeIds AS nodeIds, d.relIds AS relIds, d.relFroms AS relFroms`
	// A node or relationship without contrib was bulk-loaded: its one
	// contribution is its own state (own), from the document in docs.
	cypherAffected = `
UNWIND $ids AS i MATCH (n:KGNode {id: i})
RETURN n.id AS id, n.label AS label, n.contrib AS contrib, n.docs AS docs,
  CASE WHEN n.contrib IS NULL THEN properties(n) END AS own, null AS from
UNION ALL
UNWIND $rels AS row MATCH (a:KGNode {id: row.from})-[r {id: row.id}]->(b) USING INDEX a:KGNode(id)
RETURN r.id AS id, type(r) AS label, r.contrib AS contrib, r.docs AS docs,
  CASE WHEN r.contrib IS NULL THEN {type: type(r), from: a.id, to: b.id, props: properties(r)} END AS own, a.id AS from`
	// The hint keeps the plan a unique index seek on the start node
	// whatever the statistics say: on a nearly empty database the planner
	// may otherwise pick a scan of the whole id index per row.
	cypherDeleteRels = `UNWIND $rows AS row MATCH (a:KGNode {id: row.from})-[r {id: row.id}]->() USING INDEX a:KGNode(id) DELETE r`
	// Undirected relationships stored against kg.Relation.Oriented (from the
	// larger node ID to the smaller: written before the write path oriented
	// them; a relation stated both ways round by pages in different batches
	// was then stored twice with one ID). EnsureSchema rewrites them
	// (orientUndirected); a relationship type scan reads only the
	// undirected types' relationships (TestMisorientedPlan).
	cypherMisorientedT = `MATCH ()-[r:{{TYPES}}]->() WITH r, startNode(r).id AS from, endNode(r).id AS to WHERE from > to
RETURN r.id AS id, from, to, r.docs AS docs`
	// Only when a page was written by a version before undirected
	// relations were oriented is there anything to scan for
	// (cypherDocMarks; a scan of a 1M graph's 1.7M PARTNERS_WITH
	// relationships takes seconds).
	cypherMarkOriented = `MATCH (d:Document) WHERE d.oriented IS NULL SET d.oriented = true`
	// The pages that stated a rewritten relationship record its new start.
	cypherOrientDocRels = `UNWIND $rows AS row MATCH (d:Document {id: row.doc}) WHERE d.relIds IS NOT NULL
SET d.relFroms = [i IN range(0, size(d.relIds) - 1) |
  CASE WHEN d.relIds[i] = row.id AND d.relFroms[i] = row.from THEN row.to ELSE d.relFroms[i] END]`
	cypherDeleteNodes = `UNWIND $ids AS id MATCH (n:KGNode {id: id}) DETACH DELETE n`
	// Node and relationship writes: one UNWIND per label (type) from kg's
	// fixed tables, so every plan is a plain index-backed MERGE; the batch
	// statement runs them all as unit subqueries over $rows_<Label>
	// ($rows_<TYPE>), one round trip.
	cypherUpsertNodeT = `UNWIND $rows AS row MERGE (n:KGNode {id: row.id}) SET n = row.props, n:{{LABEL}}`
	cypherUpsertRelT  = `UNWIND $rows AS row MATCH (a:KGNode {id: row.from}) MATCH (b:KGNode {id: row.to})
MERGE (a)-[r:{{TYPE}} {id: row.id}]->(b) SET r = row.props`
	// BulkLoad: CREATE what cannot exist yet, one statement per label
	// (type), each on its own (unit subqueries side by side would make the
	// planner put an Eager between them). Created nodes return their
	// element IDs; relationships between nodes created by the load find
	// both ends by element ID (NodeByElementIdSeek: no index lookup, and
	// no property read that SET r = row.props could conflict with, so no
	// Eager either).
	cypherCreateNodeT = `UNWIND $rows AS row CREATE (n:KGNode:{{LABEL}}) SET n = row.props RETURN row.props.id AS id, elementId(n) AS eid`
	cypherCreateRelT  = `UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.a MATCH (b) WHERE elementId(b) = row.b
CREATE (a)-[r:{{TYPE}}]->(b) SET r = row.props`
	// BulkLoad into a database with nodes: which of a chunk's IDs exist.
	cypherBulkExisting    = `UNWIND $ids AS id MATCH (n:KGNode {id: id}) RETURN n.id AS id`
	cypherBulkCountNodes  = `MATCH (n:KGNode) RETURN count(n) AS c`
	schemaDropFulltext    = `DROP INDEX kg_names IF EXISTS`
	cypherUpsertDocuments = `UNWIND $rows AS row MERGE (d:Document {id: row.id})
SET d.name = row.name, d.sha256 = row.sha256, d.runes = row.runes, d.bulk = row.bulk, d.oriented = true, d.nameKeys = true, d.relEnds = true,
  d.nodeIds = row.nodeIds, d.relIds = row.relIds, d.relFroms = row.relFroms`

	// Reads: one query each.
	cypherNodes     = `UNWIND $ids AS id MATCH (n:KGNode {id: id}) RETURN ` + nodeProj("n") + ` AS n`
	cypherRelations = `
UNWIND $ids AS id
MATCH (n:KGNode {id: id})-[r]-(m:KGNode)
WHERE type(r) IN $types
  AND ($dir = 2 OR type(r) IN $undirected
       OR ($dir = 0 AND startNode(r) = n) OR ($dir = 1 AND endNode(r) = n))
RETURN id, type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, ` + relProj("r") + ` AS props`
	// searchRank scores a node: rank*100000 + length of the best key.
	searchRank = `
WITH n, reduce(best = 1000000, k IN n.keys |
  CASE WHEN (CASE WHEN k = $q THEN 0 WHEN k STARTS WITH $q THEN 1 WHEN k CONTAINS $q THEN 2 ELSE 3 END) * 100000 + size(k) < best
       THEN (CASE WHEN k = $q THEN 0 WHEN k STARTS WITH $q THEN 1 WHEN k CONTAINS $q THEN 2 ELSE 3 END) * 100000 + size(k)
       ELSE best END) AS score
WHERE score < 300000
RETURN ` + nodeProj("n") + ` AS n, score ORDER BY score, n.id LIMIT $limit`
	// cypherNodeByName (store.NameReader): among the nodes of $labels whose
	// own normalised name is $name, the smallest ID, by the kg_namekey index.
	// The hint keeps the seek on a nearly empty database too.
	cypherNodeByName = `MATCH (n:KGNode {nameKey: $name}) USING INDEX n:KGNode(nameKey) WHERE n.label IN $labels
RETURN ` + nodeProj("n") + ` AS n ORDER BY n.id LIMIT 1`
	cypherSearchScan     = `MATCH (n:KGNode) WHERE n.label IN $labels AND any(k IN n.keys WHERE k CONTAINS $q)` + searchRank
	cypherSearchFulltext = `CALL db.index.fulltext.queryNodes('kg_names', $phrase, {limit: 100000}) YIELD node AS n
WITH n WHERE n.label IN $labels AND any(k IN n.keys WHERE k CONTAINS $q)` + searchRank
	cypherZones = `
MATCH (n:Zone)
WHERE ($province = '' OR n.p_province = $province)
  AND ($city = '' OR n.p_city = $city)
  AND ($kind = '' OR n.p_kind = $kind)
  AND ($q = '' OR any(k IN n.keys WHERE k CONTAINS $q))
  AND ($name = '' OR $name IN n.keys)
RETURN ` + nodeProj("n") + ` AS n ORDER BY n.name, n.id`
	cypherSubZones = `
UNWIND $ids AS id
MATCH (s:Zone)-[:PART_OF*1..]->(:KGNode {id: id})
WHERE s.id <> id
RETURN id, collect(DISTINCT s.id) AS subs`
	// Paths: a bidirectional breadth-first search driven from Go
	// (paths.go), one statement per layer, over the allowed relationship
	// types (validated kg types filled in). The search runs on element IDs:
	// it reads no property, so a hub's thousands of neighbours cost their
	// relationship records only; the kg IDs (the order of the paths) are
	// read for the nodes and relationships on shortest paths alone.
	// cypherPathEndsT finds both endpoints, their degrees, the
	// relationships between them (paths of one hop) and, when there are
	// none and $hops > 1, the first layer: the steps from the endpoint of
	// smaller degree (fromFirst: from `from`), with the degrees of the
	// nodes reached, and when both endpoints have at most $both
	// relationships the first layer from the other one too (steps2,
	// degs2): then a 2-hop path needs no further statement. Then, when the
	// first layers do not meet, $hops > 2 and the frontier Paths would
	// expand next has a degree sum of at most $third, its expansion as
	// cypherPathLayerT's (fromSide: the side expanded, met3, steps3,
	// degs3; null when not expanded): a 3-hop path needs none either. Degrees (the cost of expanding a node, and whether
	// Neo4j groups its relationships by type: a dense node) count every
	// type: a typed COUNT is a subquery per node, the untyped one a degree
	// lookup.
	cypherPathEndsT = `
OPTIONAL MATCH (a:KGNode {id: $from})
OPTIONAL MATCH (b:KGNode {id: $to})
WITH a, b, CASE WHEN a IS NULL THEN 0 ELSE COUNT { (a)--() } END AS da,
  CASE WHEN b IS NULL THEN 0 ELSE COUNT { (b)--() } END AS db
WITH a, b, da, db, CASE WHEN a IS NOT NULL AND b IS NOT NULL AND a <> b
  THEN [(a)-[r:{{TYPES}}]-(b) | [elementId(a), elementId(r), elementId(b)]] ELSE [] END AS met
CALL {
  WITH a, b, da, db, met
  WITH CASE WHEN da <= db THEN a ELSE b END AS x WHERE size(met) = 0 AND $hops > 1 AND a <> b
  MATCH (x)-[r:{{TYPES}}]-(m)
  WITH elementId(x) AS id, elementId(r) AS rid, m, elementId(m) AS mid
  WITH collect([id, rid, mid]) AS steps, collect(DISTINCT m) AS ms
  RETURN steps, [m IN ms | [elementId(m), COUNT { (m)--() }]] AS degs
}
CALL {
  WITH a, b, da, db, met
  WITH CASE WHEN da <= db THEN b ELSE a END AS y
  WHERE size(met) = 0 AND $hops > 1 AND a <> b AND da <= $both AND db <= $both
  MATCH (y)-[r:{{TYPES}}]-(m)
  WITH elementId(y) AS id, elementId(r) AS rid, m, elementId(m) AS mid
  WITH collect([id, rid, mid]) AS steps, collect(DISTINCT m) AS ms
  RETURN steps AS steps2, [m IN ms | [elementId(m), COUNT { (m)--() }]] AS degs2
}
OPTIONAL CALL {
  WITH a, b, da, db, met, degs, degs2
  WITH a, b, da <= db AS ff, degs, degs2
  WHERE size(met) = 0 AND $hops > 2 AND a <> b AND da <= $both AND db <= $both
  WITH ff, [d IN degs WHERE d[0] <> elementId(CASE WHEN ff THEN a ELSE b END)] AS dx,
    [d IN degs2 WHERE d[0] <> elementId(CASE WHEN ff THEN b ELSE a END)] AS dy
  WITH ff, dx, dy, reduce(c = 0, d IN dx | c + d[1]) AS cx, reduce(c = 0, d IN dy | c + d[1]) AS cy,
    [d IN dy | d[0]] AS ey
  WHERE none(d IN dx WHERE d[0] IN ey)
  WITH ff, dx, dy, cx, cy, CASE WHEN ff THEN cy >= cx ELSE cx < cy END AS onX
  WITH ff = onX AS fromSide, CASE WHEN onX THEN dx ELSE dy END AS fr, CASE WHEN onX THEN dy ELSE dx END AS other
  WHERE reduce(c = 0, d IN fr | c + d[1]) <= $third
  WITH fromSide, [d IN other | d[0]] AS targets, fr
  UNWIND fr AS d
  MATCH (n) WHERE elementId(n) = d[0]
  MATCH (n)-[r:{{TYPES}}]-(m)
  WITH fromSide, targets, d[0] AS id, elementId(r) AS rid, m, elementId(m) AS mid
  WITH fromSide, collect([id, rid, m, mid]) AS rows, collect(CASE WHEN mid IN targets THEN [id, rid, mid] END) AS met3
  WITH fromSide, CASE WHEN size(met3) > 0 OR $hops <= 3 THEN [] ELSE rows END AS rows, met3
  CALL {
    WITH rows
    UNWIND rows AS x
    WITH DISTINCT x[2] AS m, x[3] AS mid
    RETURN collect([mid, COUNT { (m)--() }]) AS degs3
  }
  RETURN fromSide, met3, [x IN rows | [x[0], x[1], x[3]]] AS steps3, degs3
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
  CASE WHEN a IS NOT NULL THEN ` + nodeProj("a") + ` END AS fromNode,
  elementId(a) AS fromEid, elementId(b) AS toEid, da AS fromDeg, db AS toDeg, da <= db AS fromFirst,
  met, steps, degs, steps2, degs2, size(met) = 0 AND $hops > 1 AND a <> b AND da <= $both AND db <= $both AS both,
  fromSide, met3, steps3, degs3`
	// cypherPathLayerT expands a frontier ($ids) by one hop: each step as
	// [frontier node, relationship, node reached]. The steps that reach the
	// other side's frontier ($targets) meet it: when there are any, only
	// those are returned (that layer is the last); with $final (no later
	// layer could be used) only they are returned anyway. Otherwise every
	// step, with the (untyped) degrees of the nodes reached.
	cypherPathLayerT = `
UNWIND $ids AS id
MATCH (n) WHERE elementId(n) = id
MATCH (n)-[r:{{TYPES}}]-(m)
WITH id, elementId(r) AS rid, m, elementId(m) AS mid
WITH collect([id, rid, m, mid]) AS rows, collect(CASE WHEN mid IN $targets THEN [id, rid, mid] END) AS met
WITH CASE WHEN size(met) > 0 OR $final THEN [] ELSE rows END AS rows, met
CALL {
  WITH rows
  UNWIND rows AS x
  WITH DISTINCT x[2] AS m, x[3] AS mid
  RETURN collect([mid, COUNT { (m)--() }]) AS degs
}
RETURN met, [x IN rows | [x[0], x[1], x[3]]] AS steps, degs`
	// cypherPathMeetT finds the steps between two frontiers, given as
	// pairs of nodes [a, b, dense], without expanding either frontier: an
	// expand-into from the sparser node of each pair, and between two
	// dense nodes (both with their relationships grouped by type and
	// direction) one expand-into per type and direction, so that a hub's
	// LOCATED_IN to a zone with thousands of members costs a lookup.
	cypherPathMeetT = `
UNWIND $pairs AS p
MATCH (n) WHERE elementId(n) = p[0]
MATCH (m) WHERE elementId(m) = p[1]
CALL {
  WITH n, m, p
  WITH n, m WHERE NOT p[2]
  MATCH (n)-[r:{{TYPES}}]-(m)
  RETURN r
{{DENSE}}}
RETURN collect([elementId(n), elementId(r), elementId(m)]) AS met`
	// cypherPathMeetLayerT is cypherPathMeetT ({{MEET}}) and, when the
	// frontiers do not meet and $final is false (a later layer may be
	// used), the expansion of $ids by one hop, as cypherPathLayerT's
	// steps and degs without targets: one round trip whether or not they
	// meet.
	cypherPathMeetLayerT = `
CALL {
{{MEET}}
}
CALL {
  WITH met
  UNWIND CASE WHEN size(met) = 0 AND NOT $final THEN $ids ELSE [] END AS id
  MATCH (n) WHERE elementId(n) = id
  MATCH (n)-[r:{{TYPES}}]-(m)
  WITH id, elementId(r) AS rid, m, elementId(m) AS mid
  WITH collect([id, rid, m, mid]) AS rows
  CALL {
    WITH rows
    UNWIND rows AS x
    WITH DISTINCT x[2] AS m, x[3] AS mid
    RETURN collect([mid, COUNT { (m)--() }]) AS degs
  }
  RETURN [x IN rows | [x[0], x[1], x[3]]] AS steps, degs
}
RETURN met, steps, degs`
	cypherPathMeetDenseT = `UNION
  WITH n, m, p
  WITH n, m WHERE p[2]
  MATCH (n){{HOP}}(m)
  RETURN r
`
	// cypherPathIDs reads the kg IDs of nodes and relationships by
	// element ID (those on shortest paths that order them).
	cypherPathIDs = `
CALL {
  UNWIND $nodes AS e
  MATCH (n) WHERE elementId(n) = e
  RETURN collect([e, n.id]) AS nodes
}
CALL {
  UNWIND $rels AS e
  MATCH ()-[r]->() WHERE elementId(r) = e
  RETURN collect([e, r.id]) AS rels
}
RETURN nodes, rels`
	// cypherPathsMaterializeT reads the nodes and relationships of the
	// paths kept, by element ID ({{NODE_n}}, {{REL_r}}: the projections,
	// with or without evidence).
	cypherPathsMaterializeT = `
CALL {
  UNWIND $nodes AS e
  MATCH (n) WHERE elementId(n) = e
  RETURN collect([e, {{NODE_n}}]) AS nodes
}
CALL {
  UNWIND $rels AS e
  MATCH ()-[r]->() WHERE elementId(r) = e
  RETURN collect([e, {type: type(r), from: startNode(r).id, to: endNode(r).id, props: {{REL_r}}}]) AS rels
}
RETURN nodes, rels`
	// Chains: the first $cap chains in hop order (store.SortChains), found
	// by a beam in hop order, one CALL stage per hop (filled in from the hop
	// bound): items is the ordered list of partial chains (done ones are
	// chains already); a stage replaces each open item by its extensions,
	// the hops from its end to a node off it ordered by (node ID,
	// relationship ID), or, when there are none, by itself as a dead end;
	// then it keeps the first $cap items. Every item leads to at least one
	// chain and items are kept in chain order, so the first $cap chains
	// descend from the $cap items kept, and each item needs no more than
	// its first $cap extensions. A LOCATED_IN hop and the $hops-th hop
	// close a chain; the start alone (size(rels) = 0) is not one. One row
	// when the start node exists, none when it does not.
	//
	// An item's first $cap hops (node ID, then relationship ID: parallel
	// relationships included) come from one of two plans, chosen by its
	// degree (a count-store read for a dense node; computed in each UNION
	// branch: computed once before the CALL, the planner runs the hub
	// branch's index walk before filtering on it, for every item): a
	// low-degree node expands its relationships and keeps the first $cap
	// hops (cost: its degree); a hub (degree^2 > $cap * total nodes) walks
	// the id index in order from $scanFrom and expands each node reached
	// back toward the hub (from the node's side: its few relationships,
	// not the hub's thousands; no second expand-into for the hops kept),
	// stopping at $cap hops (cost about $cap * total / degree node
	// chains). Both are bounded by sqrt($cap * total), whatever the hub's
	// degree. The walk starts after the articles' IDs ($scanFrom):
	// articles only have MENTIONED_IN relationships, which no chain
	// follows. {{HOPRBACK}} is the stage's hop read from its far end.
	cypherChainHead = `
MATCH (a:KGNode {id: $from})
CALL { MATCH (n:KGNode) RETURN count(n) AS total }
WITH total, [{nodes: [a], ids: [$from], rels: [], rids: [], done: false}] AS items`
	cypherChainStageT = `
CALL {
  WITH items, total
  UNWIND range(0, size(items) - 1) AS i
  WITH i, items[i] AS it, total
  CALL {
    WITH it, total
    WITH it, total, last(it.nodes) AS x WHERE NOT it.done
    CALL {
      WITH x, it, total
      WITH x, it, total, {{DEG}} AS deg WHERE deg * deg <= $cap * total
      MATCH (x){{HOPR}}(y)
      WHERE NOT y IN it.nodes
      RETURN r, y, y.id AS yid, r.id AS rid ORDER BY yid, rid LIMIT $cap
    UNION ALL
      WITH x, it, total
      WITH x, it, total, {{DEG}} AS deg WHERE deg * deg > $cap * total
      MATCH (y:KGNode) USING INDEX y:KGNode(id) WHERE y.id > $scanFrom
      WITH x, it, y ORDER BY y.id
      MATCH (y){{HOPRBACK}}(z) WHERE z = x AND NOT y IN it.nodes
      RETURN r, y, y.id AS yid, r.id AS rid ORDER BY yid, rid LIMIT $cap
    }
    WITH r, y, yid, rid ORDER BY yid, rid
    RETURN collect({r: r, y: y, yid: yid, rid: rid}) AS kids
  }
  WITH i, it, kids ORDER BY i
  WITH collect(CASE WHEN size(kids) = 0 THEN [{nodes: it.nodes, ids: it.ids, rels: it.rels, rids: it.rids, done: true}]
    ELSE [k IN kids | {nodes: it.nodes + k.y, ids: it.ids + k.yid, rels: it.rels + k.r, rids: it.rids + k.rid,
                       done: type(k.r) = 'LOCATED_IN' OR size(it.rels) + 1 >= $hops}] END) AS lists
  RETURN reduce(acc = [], l IN lists | acc + l)[..$cap] AS next
}
WITH total, next AS items`
	// The tail returns the chains as IDs (carried in the items: ids, rids,
	// read once when ordering the hops) and each node and relationship on
	// them once (the start node and the first hops are on most chains);
	// a relationship's ends are its hop's nodes, filled in by Chains.
	// {{NODE_n}} and {{REL_r}} are the projections, with or without
	// evidence.
	cypherChainTail = `
WITH [it IN items WHERE size(it.rels) > 0] AS items
CALL {
  WITH items
  UNWIND items AS it
  UNWIND it.nodes AS n
  WITH DISTINCT n
  RETURN collect({{NODE_n}}) AS nodes
}
CALL {
  WITH items
  UNWIND items AS it
  UNWIND it.rels AS r
  WITH DISTINCT r
  RETURN collect({type: type(r), props: {{REL_r}}}) AS rels
}
RETURN [it IN items | {nodes: it.ids, rels: it.rids}] AS paths, nodes, rels`
	// chainDegree is the degree of a stage's node x over its hops, or 0
	// when its degree over all types is too small for a hub: that one is a
	// read of the relationship chain's head for a sparse node (the hops'
	// degree would read the chain).
	chainDegree = `CASE WHEN COUNT { (x)--() } ^ 2 > $cap * total THEN COUNT { (x){{HOP}}() } ELSE 0 END`
	// Hops of a chain stage: {{VAR}} is the relationship variable.
	chainDnFirst = `-[{{VAR}}:LENDS_TO|INVESTS_IN|OPERATES]->`
	chainDnNext  = `-[{{VAR}}:LENDS_TO|INVESTS_IN|OPERATES|LOCATED_IN]->`
	chainUp      = `<-[{{VAR}}:LENDS_TO|INVESTS_IN|OPERATES]-`

	// Neighborhood, layered: a breadth-first search with one CALL stage per
	// depth (filled in from the depth integer), each expanding only the
	// previous layer's nodes to those not yet seen, sorted by ID and cut to
	// the room left under $limit (like memstore); a cut layer ends the
	// search and sets truncated. The layer is cut inside the stage to
	// $limit + 1 candidates by ID (LIMIT cannot refer to the room), seen
	// or not, and the seen ones are dropped from those: the first room + 1
	// unseen (room = $limit - seen, so whether the layer is cut is known)
	// are among the first $limit + 1. A low-degree node's neighbours are
	// thus not checked against the list of those seen where they are
	// expanded: that check, and the UNION's deduplication, whose rows
	// carried the list, cost the 1M bench's neighbourhood (15k neighbours
	// expanded in its second layer) a quarter of its time
	// (bench/cmd/zgzoneab, issue #7). The relationship
	// types ({{TYPES}}, from kg's table) are in the patterns, so a dense
	// node's other relationships are never read and its degree is a
	// count-store read.
	//
	// A layer's candidates come from each frontier node by one of two
	// plans, chosen by its degree over the types: a node of at most
	// $seekDegree relationships expands them; a denser one (a zone with
	// thousands of firms, a bank lending to thousands) reads, per type and
	// direction, its first $limit + 1 neighbours by ID from that side's
	// relationship index on the ends' IDs (relEndIndexes: an index-ordered
	// seek stopped by the LIMIT), or expands the side when the model gives
	// it no index ({{SIDES}}). The first $limit + 1 of the layer are among
	// the union of each node's first $limit + 1. Its cost thus does not
	// grow with the graph: the 1M bench's neighbourhood read a bank's
	// 12,584 loans and walked 1,602 entries of the node index for its
	// zone's firms before (0.4x the time with the seeks).
	//
	// Then every allowed relationship among the included nodes, each once:
	// a node with at most $limit relationships (not a hub) expands them
	// and keeps those to included nodes that start at it or end at it from
	// a hub; a hub checks each other hub, one type at a time
	// ({{HUBRELS}}: one UNION branch per type), so that the check walks the
	// side with fewer relationships of that type and direction (a bank's
	// one LOCATED_IN, not its thousands of loans).
	cypherNeighborhoodHead = `
MATCH (c:KGNode {id: $id})
WITH [c] AS seen, [0] AS dist, [c] AS frontier, false AS truncated`
	cypherNeighborhoodStageT = `
CALL {
  WITH frontier
  UNWIND frontier AS f
  CALL {
    WITH f
    WITH f WHERE COUNT { (f)-[:{{TYPES}}]-() } <= $seekDegree
    MATCH (f)-[:{{TYPES}}]-(m:KGNode)
    RETURN m.id AS mid
  UNION ALL
    WITH f
    WITH f WHERE COUNT { (f)-[:{{TYPES}}]-() } > $seekDegree
    CALL {
{{SIDES}}
    }
    RETURN mid
  }
  WITH DISTINCT mid ORDER BY mid LIMIT $limit + 1
  MATCH (m:KGNode {id: mid})
  WITH m ORDER BY m.id
  RETURN collect(m) AS near
}
WITH seen, dist, truncated, [x IN near WHERE NOT x IN seen] AS layer, $limit - size(seen) AS room
WITH seen + layer[..room] AS seen, dist + [x IN layer[..room] | {{D}}] AS dist,
  CASE WHEN size(layer) > room THEN [] ELSE layer END AS frontier, truncated OR size(layer) > room AS truncated`
	// A dense node's neighbours on one side of one type: from the side's
	// index ({{OWN}}, {{OTHER}}: relSide.ends; the ORDER BY must name both
	// index properties in the index's order for the planner to take its
	// order and stop at the LIMIT; with the second alone it sorts every
	// entry), or by expansion ({{HOP}}: the side's pattern). The hint
	// keeps the seek whatever the statistics said when the plan was
	// cached: planned on a database with few relationships, the statement
	// was once cached with a plan reading every entry of the side (2,948
	// db hits for TestNeighborhoodDenseSeek's zone instead of 549).
	cypherSideSeekT         = `      WITH f MATCH ()-[r:{{TYPE}}]->() USING INDEX r:{{TYPE}}({{OWN}}, {{OTHER}}) WHERE r.{{OWN}} = f.id AND r.{{OTHER}} > '' RETURN r.{{OTHER}} AS mid ORDER BY r.{{OWN}}, r.{{OTHER}} LIMIT $limit + 1`
	cypherSideExpandT       = `      WITH f MATCH (f){{HOP}}(m) RETURN m.id AS mid`
	cypherNeighborhoodTailT = `
WITH seen, dist, truncated, [x IN seen WHERE COUNT { (x)-[:{{TYPES}}]-() } > $limit] AS hubs
UNWIND range(0, size(seen) - 1) AS i
WITH seen, hubs, seen[i] AS m, dist[i] AS d, truncated
CALL {
  WITH m, seen, hubs
  CALL {
    WITH m, seen, hubs
    WITH m, seen, hubs WHERE NOT m IN hubs
    MATCH (m)-[r:{{TYPES}}]-(o)
    WHERE o IN seen AND (startNode(r) = m OR o IN hubs)
    RETURN r
  UNION
    WITH m, hubs
    WITH m, hubs WHERE m IN hubs
    UNWIND hubs AS o
    CALL {
{{HUBRELS}}
    }
    RETURN r
  }
  RETURN collect({type: type(r), from: startNode(r).id, to: endNode(r).id, props: {{REL_r}}}) AS rels
}
RETURN {{NODE_m}} AS n, d, truncated, rels`

	cypherDocuments = `MATCH (d:Document) RETURN d.id AS id, d.name AS name, d.sha256 AS sha256, d.runes AS runes ORDER BY d.name, d.id`
	cypherStats     = `
CALL { MATCH (d:Document) RETURN 'doc' AS kind, '' AS key, count(d) AS c
  UNION ALL MATCH (n:KGNode) RETURN 'node' AS kind, n.label AS key, count(n) AS c
  UNION ALL MATCH (:KGNode)-[r]->(:KGNode) RETURN 'rel' AS kind, type(r) AS key, count(r) AS c }
RETURN kind, key, c`
)

var (
	// cypherUpsertNodes (cypherUpsertRels) writes a batch's nodes
	// (relationships) in one statement: one CALL per label (type), each
	// over its own parameter $rows_<Label>; nodeByLabelQ (relByTypeQ) is
	// one label's (type's) statement over $rows.
	cypherUpsertNodes string
	cypherUpsertRels  string
	createNodeQ       = map[kg.Label]string{}
	createRelQ        = map[kg.RelType]string{}
	nodeByLabelQ      = map[kg.Label]string{}
	relByTypeQ        = map[kg.RelType]string{}
	// chainQ is the Chains query by hop bound, direction and evidence;
	// pathsMaterializeQ cypherPathsMaterializeT with (false) and without
	// (true) evidence.
	chainQ = map[chainKey]string{}
	// undirectedTypes are kg's undirected relation types; cypherMisoriented
	// is cypherMisorientedT over them.
	undirectedTypes   []string
	cypherMisoriented string
	pathsMaterializeQ = map[bool]string{}
)

func init() {
	var b strings.Builder
	for _, l := range kg.AllLabels {
		q := strings.ReplaceAll(cypherUpsertNodeT, "{{LABEL}}", string(l))
		nodeByLabelQ[l] = q
		b.WriteString("CALL {\n  " + strings.ReplaceAll(q, "$rows", "$rows_"+string(l)) + "\n}\n")
	}
	cypherUpsertNodes = b.String()
	b.Reset()
	for _, t := range kg.AllRelTypes {
		q := strings.ReplaceAll(cypherUpsertRelT, "{{TYPE}}", string(t))
		relByTypeQ[t] = q
		b.WriteString("CALL {\n  " + strings.ReplaceAll(q, "$rows", "$rows_"+string(t)) + "\n}\n")
	}
	cypherUpsertRels = b.String()
	for _, t := range kg.AllRelTypes {
		if t.Undirected() {
			undirectedTypes = append(undirectedTypes, string(t))
		}
	}
	cypherMisoriented = strings.ReplaceAll(cypherMisorientedT, "{{TYPES}}", strings.Join(undirectedTypes, "|"))
	for _, l := range kg.AllLabels {
		createNodeQ[l] = strings.ReplaceAll(cypherCreateNodeT, "{{LABEL}}", string(l))
	}
	for _, t := range kg.AllRelTypes {
		createRelQ[t] = strings.ReplaceAll(cypherCreateRelT, "{{TYPE}}", string(t))
	}
	for _, lean := range []bool{false, true} {
		pathsMaterializeQ[lean] = withProjections(cypherPathsMaterializeT, lean)
	}
	for h := 1; h <= 10; h++ {
		dn, up := cypherChainHead, cypherChainHead
		for k := 1; k <= h; k++ {
			hop := chainDnNext
			if k == 1 {
				hop = chainDnFirst
			}
			dn += chainStage(hop)
			up += chainStage(chainUp)
		}
		for _, lean := range []bool{false, true} {
			chainQ[chainKey{h, false, lean}] = withProjections(dn+cypherChainTail, lean)
			chainQ[chainKey{h, true, lean}] = withProjections(up+cypherChainTail, lean)
		}
	}
}

// neighborhoodQuery is the Neighborhood query for a depth, relationship
// types (kg type names, validated by the caller) and with or without the
// evidence of its nodes and relationships (store.NeighborhoodQuery.NoEvidence).
func neighborhoodQuery(depth int, types []string, noEvidence bool) string {
	var b strings.Builder
	b.WriteString(cypherNeighborhoodHead)
	for k := 1; k <= depth; k++ {
		b.WriteString(strings.ReplaceAll(cypherNeighborhoodStageT, "{{D}}", strconv.Itoa(k)))
	}
	b.WriteString(cypherNeighborhoodTailT)
	hubRels := make([]string, len(types))
	for i, t := range types {
		hubRels[i] = "      WITH m, o\n      MATCH (m)-[r:" + t + "]->(o)\n      RETURN r"
	}
	node, rel := nodeProj, relProj
	if noEvidence {
		node, rel = nodeProjNoEvidence, relProjNoEvidence
	}
	return strings.NewReplacer("{{TYPES}}", strings.Join(types, "|"), "{{SIDES}}", neighborhoodSides(types),
		"{{HUBRELS}}", strings.Join(hubRels, "\n    UNION\n"), "{{NODE_m}}", node("m"),
		"{{REL_r}}", rel("r")).Replace(b.String())
}

// chainKey selects a Chains query: the hop bound, upstream or
// downstream, without (lean) or with evidence.
type chainKey struct {
	hops     int
	up, lean bool
}

// withProjections fills the node and relationship projections {{NODE_n}}
// and {{REL_r}} into q, without evidence when lean.
func withProjections(q string, lean bool) string {
	node, rel := nodeProj, relProj
	if lean {
		node, rel = nodeProjNoEvidence, relProjNoEvidence
	}
	return strings.NewReplacer("{{NODE_n}}", node("n"), "{{REL_r}}", rel("r")).Replace(q)
}

// chainStage fills a hop pattern into the chain stage.
func chainStage(hop string) string {
	back := strings.NewReplacer("-[", "<-[", "]->", "]-").Replace(hop)
	if strings.HasPrefix(hop, "<-[") {
		back = strings.NewReplacer("<-[", "-[", "]-", "]->").Replace(hop)
	}
	return strings.NewReplacer("{{HOPRBACK}}", strings.ReplaceAll(back, "{{VAR}}", "r"), "{{HOPR}}", strings.ReplaceAll(hop, "{{VAR}}", "r"),
		"{{HOP}}", strings.ReplaceAll(hop, "{{VAR}}", "")).Replace(strings.ReplaceAll(cypherChainStageT, "{{DEG}}", chainDegree))
}

// pathsQueries are the Paths queries (endpoints, one layer, a meeting
// check then one layer) for the relationship types (kg type names, validated by the
// caller).
func pathsQueries(types []string) (ends, layer, meet string) {
	t := strings.Join(types, "|")
	var dense strings.Builder
	for _, typ := range types {
		for _, hop := range []string{"-[r:" + typ + "]->", "<-[r:" + typ + "]-"} {
			dense.WriteString(strings.ReplaceAll(cypherPathMeetDenseT, "{{HOP}}", hop))
		}
	}
	meet = strings.NewReplacer("{{TYPES}}", t, "{{DENSE}}", dense.String()).Replace(cypherPathMeetT)
	meet = strings.NewReplacer("{{TYPES}}", t, "{{MEET}}", meet).Replace(cypherPathMeetLayerT)
	return strings.ReplaceAll(cypherPathEndsT, "{{TYPES}}", t), strings.ReplaceAll(cypherPathLayerT, "{{TYPES}}", t), meet
}

func schemaStatements() []string {
	out := []string{schemaNodeID, schemaDocumentID}
	for _, l := range kg.AllLabels {
		out = append(out, strings.ReplaceAll(schemaDropLabelIDT, "{{lower}}", strings.ToLower(string(l))))
	}
	out = append(out, schemaFulltext, schemaZoneNameKey, schemaNodeNameKey)
	return append(append(out, relEndSchema(schemaRelEndT)...), schemaAwaitIndexes)
}

// relSide is one side of a relationship type: the relationships a node
// starts (out) or ends (in).
type relSide struct {
	t   kg.RelType
	out bool
}

// relEndIndexes are the sides on which the model puts thousands of
// relationships on one node, each with an index on the ends' IDs: a
// zone's parks, firms and people (PART_OF, LOCATED_IN, HOLDS_POSITION
// in), an investor's, a bank's and an operator's investments, loans and
// projects (INVESTS_IN, LENDS_TO, OPERATES out) and an entity's articles
// (MENTIONED_IN out). The other sides (a firm's zones, a project's
// investors, a person's positions; partnerships, the 1M bench's densest
// partner having 803 of one side) are expanded even on a dense node: an
// index costs every relationship of the type an entry (the 1.7M
// PARTNERS_WITH of the 1M bench graph would be 3.4M), and the offline
// import waits for them.
var relEndIndexes = []relSide{
	{kg.RelPartOf, false}, {kg.RelLocatedIn, false}, {kg.RelHoldsPosition, false},
	{kg.RelInvestsIn, true}, {kg.RelLendsTo, true}, {kg.RelOperates, true}, {kg.RelMentionedIn, true},
}

// relEndIndexName names a side's index (rel_located_in_in).
func relEndIndexName(sd relSide) string {
	dir := "in"
	if sd.out {
		dir = "out"
	}
	return "rel_" + strings.ToLower(string(sd.t)) + "_" + dir
}

// ends are the properties holding the side's own end's and its other
// end's IDs: the side's index is on (own, other).
func (sd relSide) ends() (own, other string) {
	if sd.out {
		return "fromId", "toId"
	}
	return "toId", "fromId"
}

// relEndSchema fills t (schemaRelEndT or schemaDropRelEndT) for every
// side of relEndIndexes.
func relEndSchema(t string) []string {
	var out []string
	for _, sd := range relEndIndexes {
		own, other := sd.ends()
		out = append(out, strings.NewReplacer("{{NAME}}", relEndIndexName(sd), "{{TYPE}}", string(sd.t), "{{OWN}}", own, "{{OTHER}}", other).Replace(t))
	}
	return out
}

// neighborhoodSides is the stage's {{SIDES}} for the types: one UNION ALL
// branch per type and direction, an index seek where relEndIndexes has the
// side, an expansion elsewhere.
func neighborhoodSides(types []string) string {
	var branches []string
	for _, t := range types {
		for _, sd := range []relSide{{kg.RelType(t), true}, {kg.RelType(t), false}} {
			q, hop := cypherSideExpandT, "<-[:"+t+"]-"
			if slices.Contains(relEndIndexes, sd) {
				q = cypherSideSeekT
			}
			if sd.out {
				hop = "-[:" + t + "]->"
			}
			own, other := sd.ends()
			branches = append(branches, strings.NewReplacer("{{TYPE}}", t, "{{OWN}}", own, "{{OTHER}}", other, "{{HOP}}", hop).Replace(q))
		}
	}
	return strings.Join(branches, "\n    UNION ALL\n")
}

// Export: the whole graph, for dumps and crash-safety comparisons.
const (
	cypherExportNodes = `MATCH (n:KGNode) RETURN properties(n) AS n ORDER BY n.id`
	// Relations ordered by id, then ends (as kg.Graph.Sort): a total order
	// even if a relationship id were stored twice.
	cypherExportRelations = `MATCH (a:KGNode)-[r]->(b:KGNode) RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props ORDER BY r.id, a.id, b.id`
	// The stored layout, undecoded (tests comparing BulkLoad with the
	// offline import).
	cypherRawNodes     = `MATCH (n) RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id`
	cypherRawRelations = `MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props ORDER BY r.id`
)

// Members: one query for many zones. Per zone, the members with the label
// (and listed filter, {{LISTED}}) LOCATED_IN the zone or, with {{SUBS}},
// in one of its PART_OF sub-zones; each member once; ordered by name then
// ID; the total counted over all (in a subquery of its own, so that a zone
// without members still gives one row); the keyset cursor (name, id)
// applied inside the collect; whether more than $first follow the cursor
// (hasNext); at most $first kept, and only those get their LOCATED_IN
// relation (the direct one when there is one, else the smallest relation
// ID, to a sub-zone) and are projected. The label is checked as the node's
// Neo4j label ({{LABEL}}, from kg's table; every node has the Neo4j label
// of its kg label, and only kg nodes are LOCATED_IN): no property read for
// the other members of the zone.
//
// At 1M nodes a zone has tens of thousands of members, and the read of
// each one (its label, then its listed flag) is the statement's cost: the
// members are collected per zone by a pattern comprehension (rows of one
// node each) and the relation is read for the page alone; with the listed
// filter as a plain predicate rather than a parameter's expression, the
// statement costs the database's CPU what the floor's hand-written one
// does (zgbench's zone listing at 1M, issue #7: 56 ms of Neo4j CPU per
// request, floor 57, the earlier statement 66, with the same db hits).
var (
	cypherMembersT = `
{{HEAD}}
CALL {
  WITH z
  {{SUBS}}
  CALL {
    WITH z, subs
    UNWIND [zz IN [z] + subs | [(m:{{LABEL}})-[:LOCATED_IN]->(zz){{LISTED}} | m]] AS ms
    UNWIND ms AS m
    WITH DISTINCT m
    WITH m ORDER BY m.name, m.id
    RETURN count(*) AS total,
      collect(CASE WHEN $afterId IS NULL OR m.name > $afterName OR (m.name = $afterName AND m.id > $afterId)
                   THEN m END) AS rest
  }
  WITH z, subs, total, size(rest) > $first AS hasNext, rest[..$first] AS page
  CALL {
    WITH z, subs, page
    UNWIND page AS m
    CALL {
      WITH z, subs, m
      MATCH (m)-[r:LOCATED_IN]->(x) WHERE x = z OR x IN subs
      RETURN r ORDER BY CASE WHEN x = z THEN 0 ELSE 1 END, r.id LIMIT 1
    }
    RETURN collect({n: {{NODE_m}}, rel: {type: 'LOCATED_IN', from: m.id, to: endNode(r).id, props: {{REL_r}}}{{WITH}}}) AS rows
  }
  RETURN total, hasNext, rows
}
RETURN {{OUT}}, total, hasNext, rows AS page`
	// membersListedAny, membersListedYes and membersListedNo are the
	// listed filter ({{LISTED}}) by store.MemberQuery.Listed: none, listed,
	// not listed (a member without the flag, or with a flag that is not a
	// boolean, counts as not listed, as in memstore). Fixed predicates:
	// `$listed IS NULL OR coalesce(m.p_listed, false) = $listed` cost the
	// database about 8% more CPU per zone listing at 1M. And not a bare
	// `m.p_listed = true`: the planner rewrites it to `m.p_listed IN [true]`,
	// a property predicate it evaluates before the label, so the flag is
	// looked for on every node LOCATED_IN the zone (persons, projects, ...)
	// rather than on its enterprises alone: +13 ms of Neo4j CPU per zone
	// listing at 1M (bench/cmd/zgzoneab, 68 against 54 ms, the floor 56),
	// though PROFILE counts 20k db hits fewer.
	membersListedAny = ``
	membersListedYes = ` WHERE coalesce(m.p_listed = true, false)`
	membersListedNo  = ` WHERE NOT coalesce(m.p_listed = true, false)`
	// membersHead: the zones by ID ($zones), each with its page.
	membersHead = `UNWIND $zones AS zid
MATCH (z:KGNode {id: zid})`
	membersOut = `zid`
	// zoneMembersHead (store.ZoneMemberReader): the one zone that
	// store.PickZone chooses among those with $name (normalised) among
	// their keys: one whose own name it is first (keys[0], and nameKey, is
	// the normalised name, see nodeProps), then the smallest ID; the zone
	// is returned whole beside its page. The zones whose own name it is
	// come from the nameKey index; only when there is none are every
	// zone's keys read, for an alias (the UNWIND of an empty list keeps
	// the planner from scanning first and filtering after:
	// TestZoneMembersSeeksNameKey counts the db hits). The hint names the
	// zones' index (kg_namekey covers zones too) and keeps the seek
	// whatever the statistics say.
	zoneMembersHead = `OPTIONAL MATCH (n:Zone {nameKey: $name}) USING INDEX n:Zone(nameKey)
WITH n ORDER BY n.id LIMIT 1
CALL (n) {
  WITH n WHERE n IS NOT NULL RETURN n AS z
  UNION
  UNWIND CASE WHEN n IS NULL THEN [1] ELSE [] END AS alias
  MATCH (z:Zone) WHERE $name IN z.keys
  RETURN z ORDER BY CASE WHEN z.keys[0] = $name THEN 0 ELSE 1 END, z.id LIMIT 1
}
WITH z`
	zoneMembersOut = `z.id AS zid, {{NODE_z}} AS zone`
	// cypherZoneByName (Store.ZoneByName) is zoneMembersHead alone: the
	// zone a name stands for, by the nameKey index for its own name, with
	// no member read.
	cypherZoneByName = zoneMembersHead + "\nRETURN " + nodeProj("z") + " AS zone"
	// membersWithT adds to each member its relations of the asked types
	// (store.MemberQuery.With, from kg's fixed table) with the node at the
	// other end, in the same query, as rows of withRow's layout (lists, not
	// maps: a zone listing's page carries a couple of hundred of them, and
	// maps repeat their keys in every row, half the result's bytes; lists
	// took its latency at 10k from 5.7 to 4.5 ms at p50, bench/cmd/zgzoneab);
	// out says whether the relation starts at the member (its ends' IDs are
	// then the member's and o's, with no property read for them).
	membersWithT = `, with: [(m)-[w:{{TYPES}}]-(o) |
      [type(w), startNode(w) = m, {{RELROW_w}}, {{NODEROW_o}}]]`
	membersSubs = `OPTIONAL MATCH (s:Zone)-[:PART_OF*1..]->(z) WHERE s <> z
  WITH z, collect(DISTINCT s) AS subs`
	membersNoSubs = `WITH z, [] AS subs`
)

// membersQuery is the Members query for a label (valid, checked by the
// caller), with or without sub-zones, with the
// relations of the given types (kg type names, validated by the caller;
// none when empty), and with or without the evidence of its nodes and
// relations (store.MemberQuery.NoEvidence).
func membersQuery(label kg.Label, listed *bool, subZones bool, with []string, noEvidence bool) string {
	return membersQueryFrom(membersHead, membersOut, label, listed, subZones, with, noEvidence)
}

// zoneMembersQuery is membersQuery for the zone found by name ($name, a
// normalised key) instead of zones by ID: store.ZoneMemberReader's one
// statement.
func zoneMembersQuery(label kg.Label, listed *bool, subZones bool, with []string, noEvidence bool) string {
	return membersQueryFrom(zoneMembersHead, zoneMembersOut, label, listed, subZones, with, noEvidence)
}

func membersQueryFrom(head, out string, label kg.Label, listed *bool, subZones bool, with []string, noEvidence bool) string {
	filter := membersListedAny
	if listed != nil {
		filter = membersListedNo
		if *listed {
			filter = membersListedYes
		}
	}
	subs := membersNoSubs
	if subZones {
		subs = membersSubs
	}
	w := ""
	if len(with) > 0 {
		w = strings.ReplaceAll(membersWithT, "{{TYPES}}", strings.Join(with, "|"))
	}
	node, rel := nodeProj, relProj
	if noEvidence {
		node, rel = nodeProjNoEvidence, relProjNoEvidence
	}
	evidence := func(v string) string { return v + ".evidence" }
	if noEvidence {
		evidence = func(string) string { return "null" }
	}
	q := strings.NewReplacer("{{HEAD}}", head, "{{OUT}}", out, "{{SUBS}}", subs, "{{WITH}}", w, "{{LABEL}}", string(label),
		"{{LISTED}}", filter).Replace(cypherMembersT)
	return strings.NewReplacer("{{NODE_m}}", node("m"), "{{REL_r}}", rel("r"),
		"{{NODEROW_o}}", `o.id, o.label, o.name, o.aliases, `+propPairs("o")+`, `+evidence("o"),
		"{{RELROW_w}}", `w.id, `+propPairs("w")+`, `+evidence("w"), "{{NODE_z}}", nodeProj("z")).Replace(q)
}

// Ping: the configured database answers a query.
const cypherPing = `RETURN 1 AS ok`

// Read projections: a node's or relationship's own fields and its kg
// properties (the p_* keys, as [key, value] pairs), without reading the
// per-page provenance (contrib, docs) and the search keys (keys,
// searchText) that only Upsert and Search need: a map projection with .*
// reads every property value, and the provenance strings are the biggest.
// Export and the write path read properties() whole.
func nodeProj(v string) string {
	return v + ` {.id, .label, .name, .aliases, .evidence, p: ` + propPairs(v) + `}`
}

// propPairs is a node's or relationship's kg properties as [key, value]
// pairs (readPairs decodes them).
func propPairs(v string) string {
	return `[k IN keys(` + v + `) WHERE k STARTS WITH 'p_' | [k, ` + v + `[k]]]`
}

func relProj(v string) string {
	return v + ` {.id, .evidence, p: [k IN keys(` + v + `) WHERE k STARTS WITH 'p_' | [k, ` + v + `[k]]]}`
}

// nodeProjNoEvidence and relProjNoEvidence are the read projections
// without the evidence (its JSON strings are most of a node's or
// relationship's bytes), for readers that will not show it.
func nodeProjNoEvidence(v string) string {
	return v + ` {.id, .label, .name, .aliases, p: [k IN keys(` + v + `) WHERE k STARTS WITH 'p_' | [k, ` + v + `[k]]]}`
}

func relProjNoEvidence(v string) string {
	return v + ` {.id, p: [k IN keys(` + v + `) WHERE k STARTS WITH 'p_' | [k, ` + v + `[k]]]}`
}
