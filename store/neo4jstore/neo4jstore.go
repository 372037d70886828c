// Package neo4jstore provides the Neo4j store.Store: Cypher as named
// constants with $parameters, an idempotent schema, one transaction per
// loaded page written in UNWIND batches, and one query per read.
//
// Graph layout. Every node has the label :KGNode plus its kg label, and the
// properties id, label, name, aliases (left out when there are none), keys
// (normalised name and aliases), searchText (keys joined by a space, for
// the full-text index; older databases joined them by newlines), nameKey
// (the normalised name, keys[0], under range indexes; older databases get
// it from EnsureSchema), evidence (one string, the JSON array of the evidence; left out
// when there is none), docs (IDs of the pages that state it), contrib (one
// JSON per page: what that page says) and the kg properties prefixed with
// "p_" (native types: int64 stays integer, []string stays a list).
// Relationships carry the same id, evidence, docs, contrib and p_*
// properties. A :Document node records each page's name and SHA256. A node
// or relationship written by BulkLoad has no contrib: its one document is
// docs, a string instead of a list (stored inline), and what that document
// says is its own stored state (Upsert rebuilds the contribution from it
// when a later page touches it). Every property written is one more record
// for Neo4j to write and commit: hence no empty lists and no one-element
// lists of strings on the bulk path. Databases written before this layout
// (evidence as a list of JSON strings, one per evidence; empty aliases and
// evidence lists) still read the same: the readers accept both.
//
// Page replacement: Upsert reads the contributions of the nodes and
// relationships the page touched before and touches now, recomputes them in
// Go (kg.Graph.Merge in document-ID order, like memstore), and writes the
// result; what no page supports any more is deleted. All in one transaction.
// UpsertBatch does the same for many pages in one transaction with a fixed
// number of statements (two reads, at most five UNWIND writes), which is
// what makes loading fast (cmd/loadbench, BenchmarkLoad); BulkLoad writes a
// huge generated graph in chunks over many transactions (not atomic), with
// CREATE instead of MERGE where nothing can exist yet.
package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/zonegraph/zonegraph/store"
)

// Config says how to reach Neo4j.
type Config struct {
	URI      string // bolt://127.0.0.1:7687 or neo4j://...
	Username string // default neo4j
	Password string
	Database string // default neo4j
	// RowByRow makes Upsert write one statement per node and relationship
	// instead of UNWIND batches (for the load benchmark only).
	RowByRow bool
}

// ConfigFromEnv reads NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and
// NEO4J_DATABASE. URI is empty when NEO4J_URI is not set.
func ConfigFromEnv() Config {
	c := Config{
		URI:      os.Getenv("NEO4J_URI"),
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
	return c.withDefaults()
}

func (c Config) withDefaults() Config {
	if c.Username == "" {
		c.Username = "neo4j"
	}
	if c.Database == "" {
		c.Database = "neo4j"
	}
	return c
}

// Store is the Neo4j store.
type Store struct {
	cfg        Config
	driver     neo4j.DriverWithContext
	roundTrips atomic.Int64
	schemaDone atomic.Bool
	timing     timings
	// failAfterWrites > 0 makes a batch fail before its n-th write
	// statement (tests of atomicity only).
	failAfterWrites int
	// profile, when set, runs every read statement under PROFILE and is
	// given its result (tests and benchmarks counting db hits only).
	profile func(op string, res *neo4j.EagerResult)
}

var _ store.Store = (*Store)(nil)

// Open creates the driver. It does not connect: with Neo4j down, Open
// succeeds and every call fails with an error wrapping store.ErrUnavailable
// until Neo4j is back, when calls succeed again by themselves.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	cfg = cfg.withDefaults()
	if cfg.URI == "" {
		return nil, fmt.Errorf("neo4jstore: no URI (set NEO4J_URI): %w", store.ErrInvalidArgument)
	}
	drv, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""),
		func(c *config.Config) {
			c.SocketConnectTimeout = 3 * time.Second
			c.ConnectionAcquisitionTimeout = 10 * time.Second
			c.MaxTransactionRetryTime = 3 * time.Second
		})
	if err != nil {
		return nil, fmt.Errorf("neo4jstore: %w", err)
	}
	return &Store{cfg: cfg, driver: drv}, nil
}

// Database names the database the store uses.
func (s *Store) Database() string { return s.cfg.Database }

// RoundTrips counts the queries (transactions) sent to Neo4j so far.
func (s *Store) RoundTrips() int64 { return s.roundTrips.Load() }

// SetRowByRow switches Upsert between UNWIND batches (false, the default)
// and one statement per node and relationship (true; benchmark only).
func (s *Store) SetRowByRow(on bool) { s.cfg.RowByRow = on }

// Ping checks that the configured database answers a query (not only that
// Bolt accepts connections: a starting Neo4j accepts them before its
// database can serve, and /healthz must not say ok then).
func (s *Store) Ping(ctx context.Context) error {
	s.roundTrips.Add(1)
	_, err := neo4j.ExecuteQuery(ctx, s.driver, cypherPing, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.cfg.Database), neo4j.ExecuteQueryWithReadersRouting())
	return s.wrap("ping", err)
}

// Close closes the driver.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// wrap maps driver errors: connectivity failures wrap store.ErrUnavailable.
func (s *Store) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrInvalidArgument) || errors.Is(err, store.ErrUnavailable) {
		return err
	}
	if Unavailable(err) {
		return fmt.Errorf("neo4j %s (%s): %w: %v", op, s.cfg.Database, store.ErrUnavailable, err)
	}
	return fmt.Errorf("neo4j %s: %w", op, err)
}

// Unavailable reports whether err means Neo4j cannot be reached.
func Unavailable(err error) bool {
	if neo4j.IsConnectivityError(err) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	// The driver's retry loop gives up with its own error type, which does
	// not unwrap: a database that stayed unavailable through the retries
	// shows only in the attempts' errors.
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) {
		for _, e := range limit.Errors {
			if Unavailable(e) {
				return true
			}
		}
		return false
	}
	var ce *neo4j.Neo4jError
	if errors.As(err, &ce) {
		// transient errors (a database starting or stopping, a leader
		// switch) are the database being unavailable for now
		return strings.HasPrefix(ce.Code, "Neo.TransientError.")
	}
	msg := err.Error()
	for _, s := range []string{"connection refused", "ConnectivityError", "server unavailable", "no such host", "i/o timeout", "broken pipe", "connection reset"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// query runs one auto-committed query: one round trip.
func (s *Store) query(ctx context.Context, op, cypher string, params map[string]any) (*neo4j.EagerResult, error) {
	if err := s.ensureSchema(ctx); err != nil {
		return nil, err
	}
	s.roundTrips.Add(1)
	if s.profile != nil {
		cypher = "PROFILE " + cypher
	}
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.cfg.Database), neo4j.ExecuteQueryWithReadersRouting(),
		neo4j.ExecuteQueryWithTransactionConfig(txTimeout(ctx)))
	if err != nil {
		return nil, s.wrap(op, err)
	}
	if s.profile != nil {
		s.profile(op, res)
	}
	return res, nil
}

// autoCommit runs one statement in its own transaction, one round trip,
// without query's schema check and request deadline: the schema, the
// migrations and the bulk paths' bookkeeping.
func (s *Store) autoCommit(ctx context.Context, cypher string, params map[string]any) (*neo4j.EagerResult, error) {
	s.roundTrips.Add(1)
	return neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.cfg.Database))
}

// txTimeout passes the request's deadline to Neo4j as the transaction
// timeout, so the database itself stops work the client no longer waits for.
func txTimeout(ctx context.Context) func(*neo4j.TransactionConfig) {
	return func(c *neo4j.TransactionConfig) {
		if d, ok := ctx.Deadline(); ok {
			if left := time.Until(d); left > 0 {
				c.Timeout = left
			} else {
				c.Timeout = time.Millisecond
			}
		}
	}
}

// ensureSchema creates the schema once per Store (lazily, so Open works
// with Neo4j down).
func (s *Store) ensureSchema(ctx context.Context) error {
	if s.schemaDone.Load() {
		return nil
	}
	if err := s.EnsureSchema(ctx); err != nil {
		return err
	}
	s.schemaDone.Store(true)
	return nil
}

// EnsureSchema creates the uniqueness constraints and indexes if missing
// and brings data written by older versions up to date (every node's
// nameKey, relationships' ends' IDs, undirected relationships'
// orientation), which the documents' marks say it holds (cypherDocMarks);
// it is idempotent.
func (s *Store) EnsureSchema(ctx context.Context) error {
	if err := s.schema(ctx, schemaStatements()...); err != nil {
		return err
	}
	res, err := s.autoCommit(ctx, cypherDocMarks, nil)
	if err != nil {
		return s.wrap("schema", err)
	}
	marks := res.Records[0].AsMap()
	// Every node's nameKey (written by a version that set it on zones
	// only, or on none) and every relationship's fromId and toId (written
	// before the relationship indexes on them).
	for _, m := range []struct{ mark, what, fill, done string }{
		{"unkeyed", "fill nameKey", cypherFillNameKeys, cypherMarkKeyed},
		{"unended", "fill relationship ends", cypherFillRelEnds, cypherMarkRelEnds},
	} {
		if n, _ := marks[m.mark].(int64); n > 0 {
			if err := s.fill(ctx, m.what, m.fill, m.done); err != nil {
				return err
			}
		}
	}
	if n, _ := marks["unoriented"].(int64); n > 0 {
		return s.orientUndirected(ctx)
	}
	return nil
}

// fill runs a batched migration statement, then marks the documents
// (mark), so that it runs once.
func (s *Store) fill(ctx context.Context, what, fill, mark string) error {
	if err := s.implicit(ctx, fill); err != nil {
		return s.wrap(what, err)
	}
	if _, err := s.autoCommit(ctx, mark, nil); err != nil {
		return s.wrap(what, err)
	}
	return nil
}

// Clear deletes every node and relationship (tests and benchmarks).
func (s *Store) Clear(ctx context.Context) error {
	if err := s.ensureSchema(ctx); err != nil {
		return err
	}
	for _, q := range []string{cypherClearRels, cypherClearNodes} {
		if err := s.implicit(ctx, q); err != nil {
			return s.wrap("clear", err)
		}
	}
	return nil
}

// implicit runs a statement in an implicit (auto-commit) transaction, as
// CALL ... IN TRANSACTIONS needs.
func (s *Store) implicit(ctx context.Context, q string) error {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database})
	defer sess.Close(ctx)
	s.roundTrips.Add(1)
	res, err := sess.Run(ctx, q, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	return err
}
