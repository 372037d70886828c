// Prototype (issue #7, 2026-11-27), kept as the record of its measurement; the product now does
// this (store/neo4jstore: relEndIndexes, cypherNeighborhoodStageT, with fromId/toId for s/e and
// an index only on the sides the model makes dense; ANALYSIS, "Thirteenth run"): a neighbourhood layer that reads a
// high-degree node's first neighbours by ID from relationship indexes instead of expanding all
// its relationships (or walking the node id index, the hub rule). Same answers as the store's
// statement for the 1M bench firm (records compared); 1M bench graph, zgzoneab, 10 rounds of 10
// alternating with the current statement: p50 33.5 against 79.9 ms and 35.0 against 88.1 ms,
// database CPU 40.3 against 81.4 and 34.8 against 89.4 ms per request; db hits 19,880 against
// 87,881. Setup on a copy of the bench database: the SET took 3 min 17 s, the 14 indexes 30 s.
//
// 1. Every relationship of the neighbourhood's types carries its ends' kg IDs:
MATCH ()-[r:PART_OF|LOCATED_IN|INVESTS_IN|LENDS_TO|PARTNERS_WITH|HOLDS_POSITION|OPERATES]->()
CALL { WITH r SET r.s = startNode(r).id, r.e = endNode(r).id } IN TRANSACTIONS OF 50000 ROWS;
//
// 2. Two composite range indexes per type, one per direction (shown for LENDS_TO; the
//    prototype made them for all seven types):
CREATE RANGE INDEX rx_lends_to_se IF NOT EXISTS FOR ()-[r:LENDS_TO]-() ON (r.s, r.e);
CREATE RANGE INDEX rx_lends_to_es IF NOT EXISTS FOR ()-[r:LENDS_TO]-() ON (r.e, r.s);
//
// 3. The stage, in place of cypherNeighborhoodStageT (the head and the tail unchanged; $scanFrom
//    and the hub walk are no longer needed). A node of more than 1000 relationships reads, per
//    type and direction, its first $limit + 1 neighbours by ID from the index: the ORDER BY
//    must name both properties in the index's order (r.s, r.e) for the planner to take the
//    index's order and stop after $limit + 1 entries; ORDER BY r.e alone sorts all of them.
CALL {
  WITH seen, frontier, total
  UNWIND frontier AS f
  WITH f, COUNT { (f)-[:PART_OF|LOCATED_IN|INVESTS_IN|LENDS_TO|PARTNERS_WITH|HOLDS_POSITION|OPERATES]-() } AS deg
  CALL {
    WITH f, deg
    WITH f WHERE deg <= 1000
    MATCH (f)-[:PART_OF|LOCATED_IN|INVESTS_IN|LENDS_TO|PARTNERS_WITH|HOLDS_POSITION|OPERATES]-(m:KGNode)
    RETURN m.id AS mid
  UNION ALL
    WITH f, deg
    WITH f WHERE deg > 1000
    CALL {
      WITH f MATCH ()-[r:PART_OF]->() WHERE r.s = f.id AND r.e > '' RETURN r.e AS mid ORDER BY r.s, r.e LIMIT $limit + 1
    UNION ALL
      WITH f MATCH ()-[r:PART_OF]->() WHERE r.e = f.id AND r.s > '' RETURN r.s AS mid ORDER BY r.e, r.s LIMIT $limit + 1
    UNION ALL
      WITH f MATCH ()-[r:LOCATED_IN]->() WHERE r.s = f.id AND r.e > '' RETURN r.e AS mid ORDER BY r.s, r.e LIMIT $limit + 1
    UNION ALL
      WITH f MATCH ()-[r:LOCATED_IN]->() WHERE r.e = f.id AND r.s > '' RETURN r.s AS mid ORDER BY r.e, r.s LIMIT $limit + 1
    UNION ALL
      WITH f MATCH ()-[r:INVESTS_IN]->() WHERE r.s = f.id AND r.e > '' RETURN r.e AS mid ORDER BY r.s, r.e LIMIT $limit + 1
    UNION ALL
      WITH f MATCH ()-[r:INVESTS_IN]->() WHERE r.e = f.id AND r.s > '' RETURN r.s AS mid ORDER BY r.e, r.s LIMIT $limit + 1
    UNION ALL
      WITH f MATCH ()-[r:LENDS_TO]->() WHERE r.s = f.id AND r.e > '' RETURN r.e AS mid ORDER BY r.s, r.e LIMIT $limit + 1
    UNION ALL
      WITH f MATCH ()-[r:LENDS_TO]->() WHERE r.e = f.id AND r.s > '' RETURN r.s AS mid ORDER BY r.e, r.s LIMIT $limit + 1
    UNION ALL
      WITH f MATCH ()-[r:PARTNERS_WITH]->() WHERE r.s = f.id AND r.e > '' RETURN r.e AS mid ORDER BY r.s, r.e LIMIT $limit + 1
    UNION ALL
      WITH f MATCH ()-[r:PARTNERS_WITH]->() WHERE r.e = f.id AND r.s > '' RETURN r.s AS mid ORDER BY r.e, r.s LIMIT $limit + 1
    UNION ALL
      WITH f MATCH ()-[r:HOLDS_POSITION]->() WHERE r.s = f.id AND r.e > '' RETURN r.e AS mid ORDER BY r.s, r.e LIMIT $limit + 1
    UNION ALL
      WITH f MATCH ()-[r:HOLDS_POSITION]->() WHERE r.e = f.id AND r.s > '' RETURN r.s AS mid ORDER BY r.e, r.s LIMIT $limit + 1
    UNION ALL
      WITH f MATCH ()-[r:OPERATES]->() WHERE r.s = f.id AND r.e > '' RETURN r.e AS mid ORDER BY r.s, r.e LIMIT $limit + 1
    UNION ALL
      WITH f MATCH ()-[r:OPERATES]->() WHERE r.e = f.id AND r.s > '' RETURN r.s AS mid ORDER BY r.e, r.s LIMIT $limit + 1
    }
    RETURN mid
  }
  WITH DISTINCT mid ORDER BY mid LIMIT $limit + 1
  MATCH (m:KGNode {id: mid})
  WITH m ORDER BY m.id
  RETURN collect(m) AS near
}
