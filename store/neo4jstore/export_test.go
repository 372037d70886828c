package neo4jstore

import (
	"context"
	"fmt"
	"github.com/zonegraph/zonegraph/kg"
	"reflect"
	"sort"
	"strings"
	"unsafe"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// SetFailAfterWrites makes every batch fail before its n-th write statement
// (0 turns it off): tests of atomicity.
func SetFailAfterWrites(s *Store, n int) { s.failAfterWrites = n }

// SetBulk sets BulkLoad's writers and the node count from which it drops
// the full-text index while loading into an empty database; it returns a
// function restoring the previous values.
func SetBulk(writers, indexThreshold int) (restore func()) {
	w, t := bulkWriters, bulkIndexThreshold
	bulkWriters, bulkIndexThreshold = writers, indexThreshold
	return func() { bulkWriters, bulkIndexThreshold = w, t }
}

// SetImportPartRows sets the most rows of one import CSV file; it returns
// a function restoring the previous value.
func SetImportPartRows(n int) (restore func()) {
	old := importPartRows
	importPartRows = n
	return func() { importPartRows = old }
}

// BulkStatements lists BulkLoad's own Cypher by name, for plan checks.
func BulkStatements() map[string]string {
	out := map[string]string{"bulk existing nodes": cypherBulkExisting}
	for l, q := range createNodeQ {
		out["bulk create "+string(l)] = q
	}
	for t, q := range createRelQ {
		out["bulk create "+string(t)] = q
	}
	return out
}

// WriteStatements lists the write path's Cypher by name, for plan checks.
func WriteStatements() map[string]string {
	return map[string]string{
		"read documents":       cypherDocumentStates,
		"read contributions":   cypherAffected,
		"delete relationships": cypherDeleteRels,
		"delete nodes":         cypherDeleteNodes,
		"write nodes":          cypherUpsertNodes,
		"write relationships":  cypherUpsertRels,
		"write documents":      cypherUpsertDocuments,
	}
}

// Explain returns the operators of the plan of cypher (EXPLAIN: nothing runs).
func Explain(ctx context.Context, s *Store, cypher string) ([]string, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, "EXPLAIN "+cypher, map[string]any{}, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.cfg.Database))
	if err != nil {
		return nil, err
	}
	var ops []string
	if p := res.Summary.Plan(); p != nil {
		walkPlan(planValue(p), 0, &ops)
	}
	return ops, nil
}

// planValue reaches the driver's internal plan tree: Plan.Children() of
// neo4j-go-driver v5.28.4 returns every child as the last one (a loop
// variable's address taken under pre-1.22 semantics), losing the left
// branches of Apply, Foreach, Union... so the tree is read by reflection.
func planValue(p neo4j.Plan) reflect.Value {
	v := reflect.ValueOf(p).Elem().FieldByName("plan")
	v = reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
	return v.Elem()
}

func walkPlan(v reflect.Value, depth int, ops *[]string) {
	op := v.FieldByName("Operator").String()
	if args, ok := v.FieldByName("Arguments").Interface().(map[string]any); ok {
		if d, ok := args["Details"].(string); ok {
			op += " " + d
		}
	}
	*ops = append(*ops, strings.Repeat("  ", depth)+op)
	children := v.FieldByName("Children")
	for i := 0; i < children.Len(); i++ {
		walkPlan(children.Index(i), depth+1, ops)
	}
}

// RawDump returns every node's labels and stored properties and every
// relationship's type, ends and stored properties, sorted: the layout as
// stored, before any decoding.
func RawDump(ctx context.Context, s *Store) ([]string, error) {
	var out []string
	for _, q := range []string{cypherRawNodes, cypherRawRelations} {
		res, err := s.query(ctx, "raw dump", q, nil)
		if err != nil {
			return nil, err
		}
		for _, r := range res.Records {
			if ls, ok := r.Values[0].([]any); ok { // label order is token order
				sort.Slice(ls, func(i, j int) bool { return ls[i].(string) < ls[j].(string) })
			}
			out = append(out, fmt.Sprintf("%#v", r.Values))
		}
	}
	return out, nil
}

// SetProfile runs s's read statements under PROFILE and passes each
// statement's total db hits to fn (nil turns it off).
func SetProfile(s *Store, fn func(op string, dbHits int64)) {
	if fn == nil {
		s.profile = nil
		return
	}
	s.profile = func(op string, res *neo4j.EagerResult) {
		if p := res.Summary.Profile(); p != nil {
			fn(op, dbHits(p))
		}
	}
}

func dbHits(p neo4j.ProfiledPlan) int64 {
	n := p.DbHits()
	for _, c := range p.Children() {
		n += dbHits(c)
	}
	return n
}

// ZoneMembersStatement is ZoneMembers' statement for listed enterprises
// with sub-zones.
func ZoneMembersStatement() string {
	yes := true
	return zoneMembersQuery(kg.LabelEnterprise, &yes, true, nil, true)
}

// ZoneByNameStatement is ZoneByName's statement.
func ZoneByNameStatement() string { return cypherZoneByName }

// Exec runs a write statement (tests that shape a database's layout).
func Exec(ctx context.Context, s *Store, cypher string) error {
	_, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.cfg.Database))
	return err
}

// MisorientedStatement is the statement orientUndirected finds its work with.
func MisorientedStatement() string { return cypherMisoriented }

// NodeByNameStatement is the statement of Store.NodeByName.
func NodeByNameStatement() string { return cypherNodeByName }

// SetSeekDegree sets the degree above which a neighbourhood layer reads a
// node's first neighbours from the relationship indexes; it returns a
// function restoring the previous value.
func SetSeekDegree(n int) (restore func()) {
	old := seekDegree
	seekDegree = n
	return func() { seekDegree = old }
}
