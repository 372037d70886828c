package neo4jstore

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// The offline import: neo4j-admin's `database import full` writes the
// store files of an empty, stopped database directly from CSV files, with
// no transactions, so a graph of millions of nodes and relationships goes
// in many times faster than any load over Bolt. WriteImportFiles writes
// those files for one document's graph, with exactly the node and
// relationship shapes BulkLoad writes into an empty database; after the
// import, FinishImport (on the started database) creates the schema,
// waits for the indexes and records the document, so every read answers
// as after BulkLoad(doc, g). The same caveats as BulkLoad hold, and one
// more: the import replaces the whole database (--overwrite-destination).
//
//	files, _ := neo4jstore.WriteImportFiles(dir, doc, g)
//	scripts/neo4j.sh stop
//	NEO4J_LOCAL_IMPORT_ARGS=<files.ArgsFile> scripts/neo4j.sh start  (import, then start)
//	  or: scripts/neo4j.sh admin database import full neo4j <files.Args...>; scripts/neo4j.sh start
//	st.FinishImport(ctx, doc)

// ImportFiles are the files WriteImportFiles wrote and the arguments that
// follow `neo4j-admin database import full <database>`.
type ImportFiles struct {
	Args []string
	// ArgsFile holds Args one per line (dir/import.args), for
	// scripts/neo4j.sh start with NEO4J_LOCAL_IMPORT_ARGS.
	ArgsFile  string
	Nodes     int
	Relations int
}

// importArrayDelimiter separates the elements of list properties (and is
// refused inside them): the ASCII unit separator (U+001F), never in page
// text.
const importArrayDelimiter = "\x1f"

// WriteImportFiles writes CSV files per label and per relationship type
// into dir (created if missing) for neo4j-admin's offline import of g as
// the only content of doc: big groups in parts of importPartRows rows,
// written by one worker per CPU. Each column holds one type: a property
// with different value types under one label (type) is refused, as is a
// list element with the array delimiter; use BulkLoad for such graphs.
// Only when a value spans lines (never, unless a name or property holds a
// line break) are the files parsed as multiline: much slower, as the
// importer cannot split them into chunks.
func WriteImportFiles(dir string, doc kg.Document, g *kg.Graph) (ImportFiles, error) {
	doc, g, err := prepareBulk(doc, g)
	if err != nil {
		return ImportFiles{}, err
	}
	if strings.ContainsAny(dir, ",") {
		return ImportFiles{}, fmt.Errorf("import files: directory %q: neo4j-admin lists files with commas: %w", dir, store.ErrInvalidArgument)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return ImportFiles{}, err
	}
	out := ImportFiles{Nodes: len(g.Nodes), Relations: len(g.Relations)}
	var groups []*importGroup
	byLabel := indexBy(g.Nodes, func(n kg.Node) kg.Label { return n.Label })
	for _, l := range kg.AllLabels {
		idx := byLabel[l]
		if len(idx) == 0 {
			continue
		}
		cols := []importColumn{{"", ":ID"}, {"id", ""}, {"label", ""}, {"name", ""}, {"keys", ":string[]"},
			{"searchText", ""}, {"docs", ""}, {"aliases", ":string[]"}, {"evidence", ""}, {"nameKey", ""}}
		cols, user, err := propColumns(cols, len(idx), func(i int) map[string]any { return g.Nodes[idx[i]].Properties })
		if err != nil {
			return out, fmt.Errorf("import files: label %s: %w", l, err)
		}
		groups = append(groups, &importGroup{flag: "--nodes=KGNode:" + string(l), name: "nodes-" + string(l), cols: cols, n: len(idx),
			row: func(r *csvRow, i int) {
				n := canonicalNode(g.Nodes[idx[i]])
				r.item = n.ID
				keys := nameKeys(n)
				r.int(int64(idx[i]))
				r.str(string(n.ID))
				r.str(string(n.Label))
				r.str(n.Name)
				r.list(keys)
				r.str(strings.Join(keys, searchTextSep))
				r.str(string(doc.ID))
				r.list(n.Aliases)
				r.evidence(n.Evidence)
				r.str(keys[0])
				r.props(user, n.Properties)
			}})
	}

	// The import's own node IDs are the nodes' indexes 0..n-1, taken as
	// the node records' IDs (--id-type=actual; not stored as a property):
	// neo4j-admin then builds and searches no ID map at all (with
	// --id-type=integer its nodes and relationships stages took 17% more
	// CPU). The kg IDs are stored as the id property.
	num := make(map[kg.ID]int, len(g.Nodes))
	for i, n := range g.Nodes {
		num[n.ID] = i
	}
	byType := indexBy(g.Relations, func(r kg.Relation) kg.RelType { return r.Type })
	for _, t := range kg.AllRelTypes {
		idx := byType[t]
		if len(idx) == 0 {
			continue
		}
		cols := []importColumn{{"", ":START_ID"}, {"", ":END_ID"}, {"id", ""}, {"fromId", ""}, {"toId", ""}, {"docs", ""}, {"evidence", ""}}
		cols, user, err := propColumns(cols, len(idx), func(i int) map[string]any { return g.Relations[idx[i]].Properties })
		if err != nil {
			return out, fmt.Errorf("import files: type %s: %w", t, err)
		}
		groups = append(groups, &importGroup{flag: "--relationships=" + string(t), name: "rels-" + string(t), cols: cols, n: len(idx),
			row: func(w *csvRow, i int) {
				r := canonicalRelation(g.Relations[idx[i]])
				w.item = r.ID
				a, okA := num[r.From]
				b, okB := num[r.To]
				if !okA || !okB {
					w.fail(fmt.Errorf("an end (%s, %s) is not a node of the graph: %w", r.From, r.To, store.ErrInvalidArgument))
					return
				}
				w.int(int64(a))
				w.int(int64(b))
				w.str(string(r.ID))
				w.str(string(r.From))
				w.str(string(r.To))
				w.str(string(doc.ID))
				w.evidence(r.Evidence)
				w.props(user, r.Properties)
			}})
	}

	if err := writeImportGroups(dir, groups); err != nil {
		return out, fmt.Errorf("import files: %w", err)
	}
	multiline := false
	for _, gr := range groups {
		var paths []string
		for _, p := range gr.parts {
			paths = append(paths, p.path)
			multiline = multiline || p.multiline
		}
		out.Args = append(out.Args, gr.flag+"="+strings.Join(paths, ","))
	}
	if multiline {
		// For all files: the per-file form (--multiline-fields-format=v2)
		// failed on generated data in 5.26 ("found CR outside a text cell"
		// at a buffer boundary).
		out.Args = append(out.Args, "--multiline-fields=true")
	}
	out.Args = append(out.Args,
		// Two importer threads per CPU: its stages also wait on writing
		// the store files, and with one per CPU (its default) the 1M
		// bench graph's relationship stage took 31.9-42.9 s against
		// 25.2-29.7 s with two, in four alternating pairs (issue #7).
		"--threads="+strconv.Itoa(2*runtime.NumCPU()),
		"--id-type=actual",
		"--array-delimiter=U+001F",
		"--overwrite-destination=true",
		"--report-file="+filepath.Join(dir, "import.report"))
	for _, a := range out.Args {
		if strings.ContainsAny(a, "\r\n") {
			return out, fmt.Errorf("import files: argument %q spans lines: %w", a, store.ErrInvalidArgument)
		}
	}
	out.ArgsFile = filepath.Join(dir, "import.args")
	return out, os.WriteFile(out.ArgsFile, []byte(strings.Join(out.Args, "\n")+"\n"), 0o644)
}

// indexBy groups the indexes of items by key.
func indexBy[T any, K comparable](items []T, key func(T) K) map[K][]int {
	out := map[K][]int{}
	for i, x := range items {
		k := key(x)
		out[k] = append(out[k], i)
	}
	return out
}

// importPartRows is the most rows one CSV file holds.
var importPartRows = 200000

// importGroup is the CSV data of one label or relationship type: its
// columns, its rows, and (once written) its part files.
type importGroup struct {
	flag, name string
	cols       []importColumn
	n          int
	row        func(r *csvRow, i int) // writes item i's fields, in the order of cols
	parts      []importPart
}

type importPart struct {
	path      string
	multiline bool // a value holds a line break
}

// writeImportGroups writes every group's parts, one worker per CPU; the
// header goes into each group's first part only (neo4j-admin reads a
// group's files as one).
func writeImportGroups(dir string, groups []*importGroup) error {
	type job struct {
		gr     *importGroup
		part   int
		lo, hi int
	}
	var jobs []job
	for _, gr := range groups {
		for lo, k := 0, 0; lo < gr.n; lo, k = lo+importPartRows, k+1 {
			gr.parts = append(gr.parts, importPart{path: filepath.Join(dir, fmt.Sprintf("%s-%03d.csv", gr.name, k))})
			jobs = append(jobs, job{gr, k, lo, min(lo+importPartRows, gr.n)})
		}
	}
	todo := make(chan job)
	errs := make(chan error, len(jobs))
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range todo {
				ml, err := writeImportCSV(j.gr.parts[j.part].path, j.gr.cols, j.part == 0, j.lo, j.hi, j.gr.row)
				j.gr.parts[j.part].multiline = ml
				if err != nil {
					errs <- fmt.Errorf("%s: %w", j.gr.name, err)
				}
			}
		}()
	}
	for _, j := range jobs {
		todo <- j
	}
	close(todo)
	wg.Wait()
	close(errs)
	return <-errs
}

// importColumn is one CSV column: the property it holds (empty for
// :START_ID/:END_ID) and its header type suffix.
type importColumn struct{ prop, typ string }

// propColumns appends a column per user property (p_<name>) of the n
// items, typed as putProps stores it; one type per column. It also
// returns the properties' names, in the columns' order.
func propColumns(cols []importColumn, n int, props func(i int) map[string]any) (_ []importColumn, names []string, _ error) {
	types := map[string]string{}
	for i := 0; i < n; i++ {
		for k, v := range props(i) {
			var t string
			switch v.(type) {
			case string:
				t = ""
			case int, int64:
				t = ":long"
			case float64:
				t = ":double"
			case bool:
				t = ":boolean"
			case []string:
				t = ":string[]"
			default:
				return nil, nil, fmt.Errorf("property %s: value %T: %w", k, v, store.ErrInvalidArgument)
			}
			if old, ok := types[k]; ok && old != t {
				return nil, nil, fmt.Errorf("property %s has values of two types (%q, %q): one column holds one type: %w", k, old, t, store.ErrInvalidArgument)
			}
			types[k] = t
		}
	}
	names = make([]string, 0, len(types))
	for k := range types {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		cols = append(cols, importColumn{propPrefix + k, types[k]})
	}
	return cols, names, nil
}

// writeImportCSV writes rows lo..hi (and the header first, if asked).
// It reports whether a value holds a line break.
func writeImportCSV(path string, cols []importColumn, header bool, lo, hi int, row func(r *csvRow, i int)) (multiline bool, err error) {
	f, err := os.Create(path)
	if err != nil {
		return false, err
	}
	defer func() {
		if e := f.Close(); e != nil && err == nil {
			err = e
		}
	}()
	w := bufio.NewWriterSize(f, 1<<20)
	if header {
		for i, c := range cols {
			if i > 0 {
				w.WriteByte(',')
			}
			w.WriteString(c.prop + c.typ)
		}
		w.WriteByte('\n')
	}
	var r csvRow
	for i := lo; i < hi; i++ {
		r.b, r.fields = r.b[:0], 0
		row(&r, i)
		if r.err != nil {
			return false, r.err
		}
		if r.fields != len(cols) {
			return false, fmt.Errorf("row %d: %d fields for %d columns", i, r.fields, len(cols))
		}
		// Only strings can hold a raw line break (evidence JSON escapes it).
		if !multiline && (bytes.IndexByte(r.b, '\n') >= 0 || bytes.IndexByte(r.b, '\r') >= 0) {
			multiline = true
		}
		r.b = append(r.b, '\n')
		if _, err := w.Write(r.b); err != nil {
			return false, err
		}
	}
	return multiline, w.Flush()
}

// csvRow builds one CSV row, field by field, as BulkLoad stores the
// values (bulkNodeProps, bulkRelProps; TestImportRowsAreBulkProps):
// strings always quoted (so "" is an empty string), an absent property an
// empty field, lists joined by the array delimiter.
type csvRow struct {
	b      []byte
	fields int
	item   kg.ID // the node or relation written, for errors
	err    error
}

func (r *csvRow) next() {
	if r.fields > 0 {
		r.b = append(r.b, ',')
	}
	r.fields++
}

func (r *csvRow) fail(err error) {
	if r.err == nil {
		r.err = fmt.Errorf("%s: %w", r.item, err)
	}
}

func (r *csvRow) int(x int64) {
	r.next()
	r.b = strconv.AppendInt(r.b, x, 10)
}

func (r *csvRow) str(s string) {
	r.next()
	r.b = appendQuoted(r.b, s)
}

// list writes an empty list as absent.
func (r *csvRow) list(l []string) {
	r.next()
	if len(l) == 0 {
		return
	}
	r.b = append(r.b, '"')
	for i, s := range l {
		if strings.Contains(s, importArrayDelimiter) {
			r.fail(fmt.Errorf("list element %q holds the import's array delimiter (U+001F): %w", s, store.ErrInvalidArgument))
		}
		if i > 0 {
			r.b = append(r.b, importArrayDelimiter...)
		}
		r.b = appendQuotedBody(r.b, s)
	}
	r.b = append(r.b, '"')
}

// evidence writes no evidence as absent.
func (r *csvRow) evidence(ev []kg.Evidence) {
	r.next()
	if len(ev) == 0 {
		return
	}
	r.b = append(r.b, '"')
	r.b = appendEvidence(r.b, ev, true)
	r.b = append(r.b, '"')
}

// props writes the user property columns (propColumns' names) from p.
func (r *csvRow) props(names []string, p map[string]any) {
	for _, name := range names {
		v, present := p[name]
		if !present {
			r.next() // absent
			continue
		}
		v, stored, err := storedValue(name, v)
		switch {
		case err != nil:
			r.fail(err)
		case !stored:
			r.next() // an empty list: not stored
		default:
			r.value(v)
		}
	}
}

func (r *csvRow) value(v any) {
	switch x := v.(type) {
	case string:
		r.str(x)
	case int64:
		r.int(x)
	case float64:
		r.next()
		r.b = strconv.AppendFloat(r.b, x, 'g', -1, 64)
	case bool:
		r.next()
		r.b = strconv.AppendBool(r.b, x)
	case []string:
		r.list(x)
	default:
		r.fail(fmt.Errorf("value %T: %w", v, store.ErrInvalidArgument))
	}
}

// appendQuoted appends s quoted, its quotes doubled (RFC 4180).
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	b = appendQuotedBody(b, s)
	return append(b, '"')
}

// appendQuotedBody appends s with its quotes doubled.
func appendQuotedBody(b []byte, s string) []byte {
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			return append(b, s...)
		}
		b = append(b, s[:i+1]...)
		b = append(b, '"')
		s = s[i+1:]
	}
}

// FinishImport makes a freshly imported database answer as after
// BulkLoad(doc, g): the schema (constraints, indexes, full-text index),
// built over the imported nodes and waited for, then the document record.
func (s *Store) FinishImport(ctx context.Context, doc kg.Document) error {
	doc, _, err := prepareBulk(doc, nil)
	if err != nil {
		return err
	}
	// The full-text index first: it populates in the background while the
	// uniqueness constraint's index populates (CREATE CONSTRAINT waits).
	if err := s.schema(ctx, schemaFulltext); err != nil {
		return err
	}
	if err := s.EnsureSchema(ctx); err != nil {
		return err
	}
	s.schemaDone.Store(true)
	_, err = s.autoCommit(ctx, cypherUpsertDocuments, map[string]any{"rows": []writeRow{bulkDocumentRow(doc)}})
	return s.wrap("import document "+doc.Name, err)
}
