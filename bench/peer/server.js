// The @neo4j/graphql peer of the bench (issue #7): a minimal GraphQL server
// over the same Neo4j and data as zonegraph, for a side-by-side comparison.
// It serves POST /graphql on 127.0.0.1 with graphql-js's execute, no framework.
//
// Type definitions read the layout store/neo4jstore writes: nodes carry
// :KGNode plus their kg label (Zone, Enterprise, ...), the properties id,
// name and aliases, and the kg properties prefixed with "p_" (p_listed,
// p_investmentCNY; p_title and p_amountCNY on relationships), mapped back to
// their kg names with @alias. Amounts are Neo4j integers: BigInt.
//
//   NEO4J_URI=bolt://127.0.0.1:7689 NEO4J_PASSWORD=... PORT=0 node server.js
// prints {"ready":true,"addr":"127.0.0.1:PORT"} on stdout when it listens.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const http = require("node:http");
const { graphql, parse, validate } = require("graphql");
const neo4j = require("neo4j-driver");
const { Neo4jGraphQL } = require("@neo4j/graphql");

const typeDefs = /* GraphQL */ `
  type Position @relationshipProperties {
    title: String @alias(property: "p_title")
  }
  type Investment @relationshipProperties {
    amountCNY: BigInt @alias(property: "p_amountCNY")
    role: String @alias(property: "p_role")
  }
  type Zone @node {
    id: ID!
    name: String!
    aliases: [String!]
    kind: String @alias(property: "p_kind")
    province: String @alias(property: "p_province")
    city: String @alias(property: "p_city")
    parent: [Zone!]! @relationship(type: "PART_OF", direction: OUT)
    subZones: [Zone!]! @relationship(type: "PART_OF", direction: IN)
    enterprises: [Enterprise!]! @relationship(type: "LOCATED_IN", direction: IN)
  }
  type Enterprise @node {
    id: ID!
    name: String!
    aliases: [String!]
    listed: Boolean @alias(property: "p_listed")
    zones: [Zone!]! @relationship(type: "LOCATED_IN", direction: OUT)
    people: [Person!]! @relationship(type: "HOLDS_POSITION", direction: IN, properties: "Position")
    operates: [Project!]! @relationship(type: "OPERATES", direction: OUT)
    investsIn: [Project!]! @relationship(type: "INVESTS_IN", direction: OUT, properties: "Investment")
    partners: [Enterprise!]! @relationship(type: "PARTNERS_WITH", direction: OUT)
    partnerOf: [Enterprise!]! @relationship(type: "PARTNERS_WITH", direction: IN)
    # PARTNERS_WITH is stored from the end with the smaller id: enterprise:... < institution:...
    institutionPartners: [Institution!]! @relationship(type: "PARTNERS_WITH", direction: OUT)
    lendsTo: [Enterprise!]! @relationship(type: "LENDS_TO", direction: OUT)
    lenders: [Enterprise!]! @relationship(type: "LENDS_TO", direction: IN)
  }
  type Institution @node {
    id: ID!
    name: String!
    aliases: [String!]
    zones: [Zone!]! @relationship(type: "LOCATED_IN", direction: OUT)
    partners: [Enterprise!]! @relationship(type: "PARTNERS_WITH", direction: IN)
  }
  type Person @node {
    id: ID!
    name: String!
    positions: [Enterprise!]! @relationship(type: "HOLDS_POSITION", direction: OUT, properties: "Position")
  }
  type Project @node {
    id: ID!
    name: String!
    investmentCNY: BigInt @alias(property: "p_investmentCNY")
    status: String @alias(property: "p_status")
    zone: [Zone!]! @relationship(type: "LOCATED_IN", direction: OUT)
    operator: [Enterprise!]! @relationship(type: "OPERATES", direction: IN)
    investors: [Enterprise!]! @relationship(type: "INVESTS_IN", direction: IN, properties: "Investment")
  }
`;

async function main() {
  const uri = process.env.NEO4J_URI || "bolt://127.0.0.1:7689";
  if (!/^(bolt|neo4j):\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(uri)) {
    throw new Error("the peer only talks to a loopback Neo4j: " + uri);
  }
  const driver = neo4j.driver(uri, neo4j.auth.basic(process.env.NEO4J_USERNAME || "neo4j", process.env.NEO4J_PASSWORD || "zonegraph-dev"));
  const database = process.env.NEO4J_DATABASE || "neo4j";
  const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
  if (process.argv.includes("--check")) {
    const doc = parse(fs.readFileSync(path.join(__dirname, "queries.graphql"), "utf8"));
    const errors = validate(schema, doc).map((e) => e.message);
    process.stdout.write(JSON.stringify({ schema: "ok", queryErrors: errors }) + "\n");
    if (errors.length) process.exitCode = 1;
    await driver.close();
    return;
  }
  const server = http.createServer((req, res) => {
    if (req.method !== "POST" || req.url !== "/graphql") {
      res.writeHead(404).end();
      return;
    }
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      let result;
      try {
        const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        result = await graphql({ schema, source: query, variableValues: variables, operationName, contextValue: { sessionConfig: { database } } });
      } catch (e) {
        result = { errors: [{ message: String(e && e.message) }] };
      }
      const body = JSON.stringify(result);
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60000;
  server.listen(Number(process.env.PORT || 0), "127.0.0.1", () => {
    const a = server.address();
    process.stdout.write(JSON.stringify({ ready: true, addr: `${a.address}:${a.port}` }) + "\n");
  });
  const stop = async () => {
    server.close();
    await driver.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
