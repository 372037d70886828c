# Local Neo4j without Docker (tools/neo4j-local, Java 17 + Maven).
# Port and home: NEO4J_LOCAL_PORT (7687), NEO4J_LOCAL_HOME (.neo4j/);
# password: NEO4J_PASSWORD (zonegraph-dev).

.PHONY: neo4j-start neo4j-stop neo4j-status neo4j-build neo4j-test

neo4j-build:
	bash scripts/neo4j.sh build

neo4j-start:
	bash scripts/neo4j.sh start

neo4j-stop:
	bash scripts/neo4j.sh stop

neo4j-status:
	bash scripts/neo4j.sh status

# The store conformance suite against the local Neo4j (start it first).
neo4j-test:
	NEO4J_URI=$${NEO4J_URI:-bolt://127.0.0.1:$${NEO4J_LOCAL_PORT:-7687}} \
	NEO4J_USERNAME=$${NEO4J_USERNAME:-neo4j} NEO4J_PASSWORD=$${NEO4J_PASSWORD:-zonegraph-dev} \
		$(GO) test ./store/neo4jstore/...
