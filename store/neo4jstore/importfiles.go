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
		if cols, err = propColumns(cols, len(idx), func(i int) map[string]any { return g.Nodes[idx[i]].Properties }); err != nil {
			return out, fmt.Errorf("import files: label %s: %w", l, err)
		}
		groups = append(groups, &importGroup{flag: "--nodes=KGNode:" + string(l), name: "nodes-" + string(l), cols: cols, n: len(idx),
			row: func(i int) (map[string]any, error) {
				props, err := bulkNodeProps(g.Nodes[idx[i]], doc.ID)
				if err == nil {
					props[":ID"] = int64(idx[i])
				}
				return props, err
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
		if cols, err = propColumns(cols, len(idx), func(i int) map[string]any { return g.Relations[idx[i]].Properties }); err != nil {
			return out, fmt.Errorf("import files: type %s: %w", t, err)
		}
		groups = append(groups, &importGroup{flag: "--relationships=" + string(t), name: "rels-" + string(t), cols: cols, n: len(idx),
			row: func(i int) (map[string]any, error) {
				r := g.Relations[idx[i]]
				props, err := bulkRelProps(r, doc.ID)
				if err != nil {
					return nil, err
				}
				a, okA := num[r.From]
				b, okB := num[r.To]
				if !okA || !okB {
					return nil, fmt.Errorf("relation %s: an end (%s, %s) is not a node of the graph: %w", r.ID, r.From, r.To, store.ErrInvalidArgument)
				}
				props[":START_ID"], props[":END_ID"] = int64(a), int64(b)
				return props, nil
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
	row        func(i int) (map[string]any, error)
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

func (c importColumn) key() string {
	if c.prop == "" {
		return c.typ
	}
	return c.prop
}

// propColumns appends a column per user property (p_<name>) of the n
// items, typed as putProps stores it; one type per column.
func propColumns(cols []importColumn, n int, props func(i int) map[string]any) ([]importColumn, error) {
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
				return nil, fmt.Errorf("property %s: value %T: %w", k, v, store.ErrInvalidArgument)
			}
			if old, ok := types[k]; ok && old != t {
				return nil, fmt.Errorf("property %s has values of two types (%q, %q): one column holds one type: %w", k, old, t, store.ErrInvalidArgument)
			}
			types[k] = t
		}
	}
	names := make([]string, 0, len(types))
	for k := range types {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		cols = append(cols, importColumn{propPrefix + k, types[k]})
	}
	return cols, nil
}

// writeImportCSV writes rows lo..hi (and the header first, if asked):
// strings always quoted (so "" is an empty string), an absent property an
// empty field. It reports whether a value holds a line break.
func writeImportCSV(path string, cols []importColumn, header bool, lo, hi int, row func(i int) (map[string]any, error)) (multiline bool, err error) {
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
	var buf []byte
	for i := lo; i < hi; i++ {
		props, err := row(i)
		if err != nil {
			return false, err
		}
		buf = buf[:0]
		used := 0
		for j, c := range cols {
			if j > 0 {
				buf = append(buf, ',')
			}
			v, ok := props[c.key()]
			if !ok {
				continue
			}
			used++
			at := len(buf)
			if buf, err = appendImportValue(buf, v); err != nil {
				return false, fmt.Errorf("%s %v: %w", c.key(), props["id"], err)
			}
			if !multiline && (bytes.IndexByte(buf[at:], '\n') >= 0 || bytes.IndexByte(buf[at:], '\r') >= 0) {
				multiline = true
			}
		}
		if used != len(props) {
			return false, fmt.Errorf("item %v: %d properties, %d columns written: a property without a column", props["id"], len(props), used)
		}
		buf = append(buf, '\n')
		if _, err := w.Write(buf); err != nil {
			return false, err
		}
	}
	return multiline, w.Flush()
}

func appendImportValue(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case string:
		return appendQuoted(b, x), nil
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(b, x, 10), nil
	case float64:
		return strconv.AppendFloat(b, x, 'g', -1, 64), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	case []string:
		for _, s := range x {
			if strings.Contains(s, importArrayDelimiter) {
				return b, fmt.Errorf("list element %q holds the import's array delimiter (U+001F): %w", s, store.ErrInvalidArgument)
			}
		}
		return appendQuoted(b, strings.Join(x, importArrayDelimiter)), nil
	}
	return b, fmt.Errorf("value %T: %w", v, store.ErrInvalidArgument)
}

// appendQuoted appends s quoted, its quotes doubled (RFC 4180).
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		b = append(b, s[:i+1]...)
		b = append(b, '"')
		s = s[i+1:]
	}
	b = append(b, s...)
	return append(b, '"')
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
