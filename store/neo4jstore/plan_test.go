package neo4jstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/zonegraph/zonegraph/store/neo4jstore"
)

// TestWritePlansUseIndexes checks (with EXPLAIN) that every statement of
// the write path finds its nodes through the uniqueness constraints'
// indexes: no label or all-nodes scan, and every MERGE on :KGNode or
// :Document is an index seek.
func TestWritePlansUseIndexes(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	for name, q := range neo4jstore.WriteStatements() {
		t.Run(name, func(t *testing.T) {
			ops, err := neo4jstore.Explain(ctx, s, q)
			if err != nil {
				t.Fatal(err)
			}
			plan := strings.Join(ops, "\n")
			t.Logf("plan:\n%s", plan)
			for _, bad := range []string{"AllNodesScan", "NodeByLabelScan", "DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan"} {
				for _, op := range ops {
					if strings.HasPrefix(strings.TrimSpace(op), bad) {
						t.Errorf("plan has %s: %s", bad, op)
					}
				}
			}
			if !strings.Contains(plan, "NodeUniqueIndexSeek") {
				t.Errorf("no unique index seek in plan:\n%s", plan)
			}
		})
	}
}
