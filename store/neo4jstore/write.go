package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// Page is one page to load: its document and the graph read from it.
type Page struct {
	Doc   kg.Document
	Graph *kg.Graph
}

// Upsert loads one page in one write transaction: wholly or not at all.
func (s *Store) Upsert(ctx context.Context, doc kg.Document, g *kg.Graph) (store.UpsertResult, error) {
	out, err := s.upsert(ctx, []Page{{Doc: doc, Graph: g}}, s.cfg.RowByRow)
	if len(out) == 0 {
		return store.UpsertResult{}, err
	}
	return out[0], err
}

// UpsertBatch loads many pages in ONE write transaction (all of them or
// none) with a fixed number of statements whatever the batch size: two
// reads (the pages' documents, then what the touched nodes and
// relationships hold) and at most five UNWIND writes (deleted relationships,
// deleted nodes, nodes, relationships, documents). Provenance stays per page,
// so a page of the batch can later be replaced or skipped on its own. The
// result is the same as upserting the pages one by one in order: a page
// whose SHA256 is unchanged is skipped, a page named twice is replaced by
// its later version. Results are in the order of pages.
func (s *Store) UpsertBatch(ctx context.Context, pages []Page) ([]store.UpsertResult, error) {
	return s.upsert(ctx, pages, false)
}

// preparedPage is a page checked, merged and encoded before the transaction.
type preparedPage struct {
	doc       kg.Document
	nodes     []kg.Node
	rels      []kg.Relation
	nodeJSON  []string // contribution of nodes[i]
	relJSON   []string
	nodeIDs   []string
	relIDs    []string
	relFroms  []string
	newNodes  map[kg.ID]int // index into nodes
	newRels   map[kg.ID]int
	sizeNodes int
	sizeRels  int
}

func preparePage(p Page) (*preparedPage, error) {
	doc, g := p.Doc, p.Graph
	if doc.ID == "" {
		if doc.Name == "" {
			return nil, fmt.Errorf("upsert: document without id or name: %w", store.ErrInvalidArgument)
		}
		doc.ID = kg.DocumentID(doc.Name)
	}
	if g == nil {
		g = &kg.Graph{}
	}
	if err := store.ValidateGraph(g); err != nil {
		return nil, fmt.Errorf("upsert %s: %w", doc.Name, err)
	}
	page := &kg.Graph{}
	page.Merge(g)
	pp := &preparedPage{doc: doc, nodes: page.Nodes, rels: page.Relations,
		newNodes: make(map[kg.ID]int, len(page.Nodes)), newRels: make(map[kg.ID]int, len(page.Relations)),
		sizeNodes: len(page.Nodes), sizeRels: len(page.Relations)}
	for i, n := range page.Nodes {
		c, err := nodeContribution(doc.ID, n)
		if err != nil {
			return nil, fmt.Errorf("upsert %s: %w", doc.Name, err)
		}
		pp.nodeJSON = append(pp.nodeJSON, c)
		pp.nodeIDs = append(pp.nodeIDs, string(n.ID))
		pp.newNodes[n.ID] = i
	}
	for i, r := range page.Relations {
		c, err := relContribution(doc.ID, r)
		if err != nil {
			return nil, fmt.Errorf("upsert %s: %w", doc.Name, err)
		}
		pp.relJSON = append(pp.relJSON, c)
		pp.relIDs = append(pp.relIDs, string(r.ID))
		pp.relFroms = append(pp.relFroms, string(r.From))
		pp.newRels[r.ID] = i
	}
	return pp, nil
}

// upsert prepares the pages (any invalid page fails the whole call before
// anything is written), then loads them in one transaction; rowByRow (the
// benchmark's naive loader) does the reads in a transaction and then sends
// every node and relationship as its own auto-commit statement.
func (s *Store) upsert(ctx context.Context, pages []Page, rowByRow bool) ([]store.UpsertResult, error) {
	prepared := make([]*preparedPage, 0, len(pages))
	for _, p := range pages {
		pp, err := preparePage(p)
		if err != nil {
			return nil, err
		}
		prepared = append(prepared, pp)
	}
	if len(prepared) == 0 {
		return []store.UpsertResult{}, nil
	}
	if err := s.ensureSchema(ctx); err != nil {
		return nil, err
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	s.roundTrips.Add(1)
	var rows []statement
	out, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) ([]store.UpsertResult, error) {
		res, stmts, err := s.plan(ctx, tx, prepared)
		if err != nil {
			return nil, err
		}
		if rowByRow {
			rows = splitRows(stmts)
			return res, nil
		}
		for i, st := range stmts {
			if s.failAfterWrites > 0 && i == s.failAfterWrites {
				return nil, errInjected
			}
			if _, err := s.run(ctx, tx, st); err != nil {
				return nil, err
			}
		}
		return res, nil
	})
	if err != nil {
		return nil, s.wrap("upsert "+batchName(prepared), err)
	}
	// Row by row (benchmark only): every node and relationship in its own
	// auto-commit transaction, as a naive loader would; not atomic.
	for _, st := range rows {
		s.roundTrips.Add(1)
		t0 := nowFunc()
		if _, err := neo4j.ExecuteQuery(ctx, s.driver, st.cypher, st.params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.cfg.Database)); err != nil {
			return nil, s.wrap("upsert row "+batchName(prepared), err)
		}
		s.timing.add(st.name+" (row)", 1, nowFunc().Sub(t0))
	}
	return out, nil
}

// errInjected is the failure tests inject between the writes of a batch.
var errInjected = errors.New("neo4jstore: injected failure")

func batchName(pp []*preparedPage) string {
	if len(pp) == 1 {
		return pp[0].doc.Name
	}
	return fmt.Sprintf("%d pages from %s", len(pp), pp[0].doc.Name)
}

// statement is one write of a batch.
type statement struct {
	name   string
	cypher string
	params map[string]any
	rows   int
}

// singleStatement returns the one-label (one-type) statement behind the
// parameter rows_<Label> (rows_<TYPE>) of the node (relationship) writes,
// for row-by-row loading.
func singleStatement(param string) (string, bool) {
	if l := kg.Label(strings.TrimPrefix(param, "rows_")); l.Valid() && strings.HasPrefix(param, "rows_") {
		return nodeByLabelQ[l], true
	}
	if t := kg.RelType(strings.TrimPrefix(param, "rows_")); t.Valid() && strings.HasPrefix(param, "rows_") {
		return relByTypeQ[t], true
	}
	return "", false
}

type writeRow = map[string]any

// run executes one statement inside tx and records its time.
func (s *Store) run(ctx context.Context, tx neo4j.ManagedTransaction, st statement) ([]*neo4j.Record, error) {
	t0 := nowFunc()
	r, err := tx.Run(ctx, st.cypher, st.params)
	if err != nil {
		return nil, err
	}
	recs, err := r.Collect(ctx)
	s.timing.add(st.name, st.rows, nowFunc().Sub(t0))
	return recs, err
}

// splitRows turns each UNWIND statement into one statement per row.
func splitRows(stmts []statement) []statement {
	var out []statement
	for _, st := range stmts {
		if rows, ok := st.params["rows"].([]writeRow); ok {
			for _, row := range rows {
				out = append(out, statement{name: st.name, cypher: st.cypher, params: map[string]any{"rows": []writeRow{row}}, rows: 1})
			}
			continue
		}
		split := false
		for _, k := range sortedParams(st.params) {
			q, ok := singleStatement(k)
			if !ok {
				continue
			}
			split = true
			for _, row := range st.params[k].([]writeRow) {
				out = append(out, statement{name: st.name, cypher: q, params: map[string]any{"rows": []writeRow{row}}, rows: 1})
			}
		}
		if !split {
			out = append(out, st)
		}
	}
	return out
}

// docState is what a :Document records about the page's last version.
type docState struct {
	exists   bool
	bulk     bool
	sha256   string
	nodeIDs  []string
	relIDs   []string
	relFroms []string
}

// entity is a node or relationship touched by the batch: every page's
// contribution to it, by document.
type entity struct {
	rel      bool
	from     kg.ID // a relationship's stored start node (for deletion)
	contribs map[kg.ID]contribEntry
}

type contribEntry struct {
	json string
	node kg.Node
	rel  kg.Relation
}

// plan reads (inside tx) what the pages change and returns the results and
// the writes.
func (s *Store) plan(ctx context.Context, tx neo4j.ManagedTransaction, pages []*preparedPage) ([]store.UpsertResult, []statement, error) {
	// 1. The pages' documents.
	docIDs := make([]string, 0, len(pages))
	seenDoc := map[kg.ID]bool{}
	for _, p := range pages {
		if !seenDoc[p.doc.ID] {
			seenDoc[p.doc.ID] = true
			docIDs = append(docIDs, string(p.doc.ID))
		}
	}
	recs, err := s.run(ctx, tx, statement{name: "read documents", cypher: cypherDocumentStates,
		params: map[string]any{"ids": docIDs}, rows: len(docIDs)})
	if err != nil {
		return nil, nil, err
	}
	states := map[kg.ID]*docState{}
	for _, rec := range recs {
		m := rec.AsMap()
		states[kg.ID(str(m["id"]))] = &docState{exists: m["exists"] == true, bulk: m["bulk"] == true, sha256: str(m["sha256"]),
			nodeIDs: strList(m["nodeIds"]), relIDs: strList(m["relIds"]), relFroms: strList(m["relFroms"])}
	}

	// 2. Which pages are written, and which IDs they touch (stated now or before).
	results := make([]store.UpsertResult, len(pages))
	var active []*preparedPage
	var oldOf []*docState
	var nodeIDs []string
	var relKeys []writeRow
	seenNode, seenRel := map[string]bool{}, map[string]bool{}
	addNode := func(id string) {
		if !seenNode[id] {
			seenNode[id] = true
			nodeIDs = append(nodeIDs, id)
		}
	}
	addRel := func(id, from string) {
		if !seenRel[id] {
			seenRel[id] = true
			relKeys = append(relKeys, writeRow{"id": id, "from": from})
		}
	}
	for i, p := range pages {
		st := states[p.doc.ID]
		if st == nil {
			st = &docState{}
		}
		results[i] = store.UpsertResult{Nodes: p.sizeNodes, Relations: p.sizeRels}
		if st.exists && st.bulk {
			return nil, nil, fmt.Errorf("upsert %s: the page was bulk-loaded and cannot be replaced (clear the store first): %w",
				p.doc.Name, store.ErrInvalidArgument)
		}
		if st.exists && p.doc.SHA256 != "" && st.sha256 == p.doc.SHA256 {
			results[i].Skipped = true
			continue
		}
		results[i].Replaced = st.exists
		active = append(active, p)
		oldOf = append(oldOf, st)
		for _, id := range st.nodeIDs {
			addNode(id)
		}
		for j, id := range st.relIDs {
			if j < len(st.relFroms) {
				addRel(id, st.relFroms[j])
			}
		}
		for _, id := range p.nodeIDs {
			addNode(id)
		}
		for j, id := range p.relIDs {
			addRel(id, p.relFroms[j])
		}
		states[p.doc.ID] = &docState{exists: true, sha256: p.doc.SHA256, nodeIDs: p.nodeIDs, relIDs: p.relIDs, relFroms: p.relFroms}
	}
	if len(active) == 0 {
		return results, nil, nil
	}

	// 3. What every page says about the touched nodes and relationships.
	ents, err := s.readContributions(ctx, tx, nodeIDs, relKeys)
	if err != nil {
		return nil, nil, err
	}
	get := func(id kg.ID, rel bool) *entity {
		e := ents[id]
		if e == nil {
			e = &entity{rel: rel, contribs: map[kg.ID]contribEntry{}}
			ents[id] = e
		}
		return e
	}

	// 4. Apply the pages in order: drop each page's old contributions, add its new ones.
	dirty := map[kg.ID]bool{}
	for i, p := range active {
		old := oldOf[i]
		for _, id := range old.nodeIDs {
			delete(get(kg.ID(id), false).contribs, p.doc.ID)
			dirty[kg.ID(id)] = true
		}
		for j, id := range old.relIDs {
			e := get(kg.ID(id), true)
			delete(e.contribs, p.doc.ID)
			if e.from == "" && j < len(old.relFroms) {
				e.from = kg.ID(old.relFroms[j])
			}
			dirty[kg.ID(id)] = true
		}
		for j, n := range p.nodes {
			get(n.ID, false).contribs[p.doc.ID] = contribEntry{json: p.nodeJSON[j], node: n}
			dirty[n.ID] = true
		}
		for j, r := range p.rels {
			e := get(r.ID, true)
			e.contribs[p.doc.ID] = contribEntry{json: p.relJSON[j], rel: r}
			if e.from == "" {
				e.from = r.From
			}
			dirty[r.ID] = true
		}
	}

	// 5. and 6. Recompute what changed and write it; then the documents.
	stmts, err := recompute(ents, dirty)
	if err != nil {
		return nil, nil, err
	}
	var docRows []writeRow
	written := map[kg.ID]bool{}
	for i := len(active) - 1; i >= 0; i-- { // the last version of a page named twice wins
		p := active[i]
		if written[p.doc.ID] {
			continue
		}
		written[p.doc.ID] = true
		docRows = append(docRows, writeRow{"id": string(p.doc.ID), "name": p.doc.Name, "sha256": p.doc.SHA256,
			"runes": int64(p.doc.Runes), "nodeIds": nonNil(p.nodeIDs), "relIds": nonNil(p.relIDs), "relFroms": nonNil(p.relFroms),
			"bulk": false})
	}
	stmts = append(stmts, statement{name: "write documents", cypher: cypherUpsertDocuments,
		params: map[string]any{"rows": docRows}, rows: len(docRows)})
	return results, stmts, nil
}

// storedContributions is what the pages say about a node or relationship
// read by cypherAffected: its contrib list, or for a bulk-loaded one
// (without contrib) its own state as the contribution of its document.
func storedContributions(rel bool, m map[string]any) ([]any, error) {
	if m["own"] == nil {
		return asList(m["contrib"]), nil
	}
	docs := docList(m["docs"])
	if len(docs) != 1 {
		return nil, fmt.Errorf("bulk-loaded %s: %d documents, want 1", str(m["id"]), len(docs))
	}
	var c string
	var err error
	if rel {
		c, err = relContribution(kg.ID(docs[0]), toRelation(m["own"]))
	} else {
		c, err = nodeContribution(kg.ID(docs[0]), toNode(m["own"]))
	}
	return []any{c}, err
}

// docList reads a stored docs property: a list of document IDs, or
// BulkLoad's one document as a string.
func docList(v any) []string {
	if d, ok := v.(string); ok {
		return []string{d}
	}
	return strList(v)
}

func sortedParams(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedKeys[V any](m map[kg.ID]V) []kg.ID {
	out := make([]kg.ID, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// readContributions reads (inside tx) every page's contribution to the
// given nodes and relationships (relKeys: rows of id and stored start
// node). Two relationships with one ID (an undirected relation stored both
// ways round by an older version) give one entity with both's
// contributions.
func (s *Store) readContributions(ctx context.Context, tx neo4j.ManagedTransaction, nodeIDs []string, relKeys []writeRow) (map[kg.ID]*entity, error) {
	recs, err := s.run(ctx, tx, statement{name: "read contributions", cypher: cypherAffected,
		params: map[string]any{"ids": nodeIDs, "rels": relKeys}, rows: len(nodeIDs) + len(relKeys)})
	if err != nil {
		return nil, err
	}
	ents := map[kg.ID]*entity{}
	for _, rec := range recs {
		m := rec.AsMap()
		id := kg.ID(str(m["id"]))
		e := ents[id]
		if e == nil {
			e = &entity{rel: !kg.Label(str(m["label"])).Valid(), contribs: map[kg.ID]contribEntry{}}
			ents[id] = e
		}
		if e.rel && e.from == "" {
			e.from = kg.ID(str(m["from"])) // the stored start node
		}
		jsons, err := storedContributions(e.rel, m)
		if err != nil {
			return nil, err
		}
		cs, err := decodeContributions(jsons)
		if err != nil {
			return nil, err
		}
		for j, c := range cs {
			ce := contribEntry{json: str(jsons[j])}
			if e.rel {
				ce.rel = kg.Relation{ID: id, Type: c.Type, From: c.From, To: c.To, Properties: decodeProps(c.Props), Evidence: c.Evidence}
			} else {
				ce.node = kg.Node{ID: id, Label: c.Label, Name: c.Name, Aliases: c.Aliases, Properties: decodeProps(c.Props), Evidence: c.Evidence}
			}
			e.contribs[c.Doc] = ce
		}
	}
	return ents, nil
}

// recompute merges the contributions of the dirty entities in document
// order (like memstore) and returns the writes: what no page states any
// more is deleted, the rest written whole.
func recompute(ents map[kg.ID]*entity, dirty map[kg.ID]bool) ([]statement, error) {
	var deleteNodes []string
	var deleteRels []writeRow
	all := &kg.Graph{}
	docsOf := map[kg.ID][]kg.ID{}
	jsonOf := map[kg.ID][]string{}
	for _, id := range sortedKeys(dirty) {
		e := ents[id]
		if len(e.contribs) == 0 {
			if e.rel {
				deleteRels = append(deleteRels, writeRow{"id": string(id), "from": string(e.from)})
			} else {
				deleteNodes = append(deleteNodes, string(id))
			}
			continue
		}
		for _, d := range sortedKeys(e.contribs) {
			c := e.contribs[d]
			docsOf[id] = append(docsOf[id], d)
			jsonOf[id] = append(jsonOf[id], c.json)
			if e.rel {
				all.Relations = append(all.Relations, c.rel)
			} else {
				all.Nodes = append(all.Nodes, c.node)
			}
		}
	}
	merged := &kg.Graph{}
	merged.Merge(all)
	nodeRows := make([]writeRow, 0, len(merged.Nodes))
	for _, n := range merged.Nodes {
		props, err := nodeProps(n, docsOf[n.ID], jsonOf[n.ID])
		if err != nil {
			return nil, err
		}
		nodeRows = append(nodeRows, writeRow{"id": string(n.ID), "label": string(n.Label), "props": props})
	}
	relRows := make([]writeRow, 0, len(merged.Relations))
	for _, r := range merged.Relations {
		props, err := relProps(r, docsOf[r.ID], jsonOf[r.ID])
		if err != nil {
			return nil, err
		}
		relRows = append(relRows, writeRow{"id": string(r.ID), "type": string(r.Type), "from": string(r.From), "to": string(r.To), "props": props})
	}

	// Writes: deletions, nodes, relationships.
	var stmts []statement
	add := func(name, q string, rows []writeRow) {
		if len(rows) > 0 {
			stmts = append(stmts, statement{name: name, cypher: q, params: map[string]any{"rows": rows}, rows: len(rows)})
		}
	}
	add("delete relationships", cypherDeleteRels, deleteRels)
	if len(deleteNodes) > 0 {
		stmts = append(stmts, statement{name: "delete nodes", cypher: cypherDeleteNodes,
			params: map[string]any{"ids": deleteNodes}, rows: len(deleteNodes)})
	}
	if len(nodeRows) > 0 {
		st := statement{name: "write nodes", cypher: cypherUpsertNodes, params: map[string]any{}, rows: len(nodeRows)}
		for _, l := range kg.AllLabels {
			st.params["rows_"+string(l)] = []writeRow{}
		}
		for i, row := range nodeRows {
			l := merged.Nodes[i].Label
			st.params["rows_"+string(l)] = append(st.params["rows_"+string(l)].([]writeRow), row)
		}
		stmts = append(stmts, st)
	}
	if len(relRows) > 0 {
		st := statement{name: "write relationships", cypher: cypherUpsertRels, params: map[string]any{}, rows: len(relRows)}
		for _, t := range kg.AllRelTypes {
			st.params["rows_"+string(t)] = []writeRow{}
		}
		for i, row := range relRows {
			t := merged.Relations[i].Type
			st.params["rows_"+string(t)] = append(st.params["rows_"+string(t)].([]writeRow), row)
		}
		stmts = append(stmts, st)
	}
	return stmts, nil
}
