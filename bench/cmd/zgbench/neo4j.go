package main

import (
	"os"
	"strings"
)

// neo4jNote says what became of the Neo4j part of the run. The Neo4j
// backends (zonegraph over store/neo4jstore, the @neo4j/graphql peer, raw
// Cypher as the floor) need store/neo4jstore to load the generated graph in
// the shape both GraphQL servers read; until it is in the tree the run
// records why they are missing instead of failing.
func neo4jNote(uri, peer string) string {
	if _, err := os.Stat("store/neo4jstore"); err != nil {
		return "Neo4j at " + uri + " was started but not used: store/neo4jstore is not in the tree yet, so the generated graph " +
			"cannot be loaded in the store's shape; the peer (" + orNone(peer) + ") and the raw-Cypher floor were not run."
	}
	return "Neo4j backends at " + uri + ": wiring to store/neo4jstore is pending (see bench/README.md)."
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return "none"
	}
	return s
}
