package neo4jstore

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/zonegraph/zonegraph/kg"
)

// TestImportRowsAreBulkProps: every row of the offline import's CSV files,
// parsed back by the header's types, is exactly the property map BulkLoad
// stores for that node or relationship (bulkNodeProps, bulkRelProps): the
// rows are written field by field, so this is what keeps the two in step.
// Values that need quoting, escaping, canonical order, an int property,
// an empty list and absent properties included. (TestOfflineImportMatchesBulkLoad
// checks the same through neo4j-admin and Neo4j.)
func TestImportRowsAreBulkProps(t *testing.T) {
	g := &kg.Graph{}
	for _, p := range GenerateCorpus(12) {
		g.Merge(p.Graph)
	}
	z := g.Nodes[0]
	odd := kg.Node{ID: "enterprise:odd", Label: kg.LabelEnterprise, Name: `引号"公司", 有限`,
		Aliases: []string{"别名\n二", "别名,一", `"乙"`},
		Properties: map[string]any{"note": "", "count": -42, "share": 0.125, "listed": true,
			"tags": []string{`a"b`, "c,d"}, "none": []string{}},
		Evidence: []kg.Evidence{{Quote: "<b>&</b> \xff", Article: "article:b", Start: 9, End: 12},
			{Quote: `他说:"投资,` + "\n十亿\"", Article: "article:a", Start: 3, End: 9}}}
	g.Nodes = append(g.Nodes, odd)
	g.Relations = append(g.Relations, kg.Relation{ID: kg.RelationID(kg.RelLocatedIn, odd.ID, z.ID), Type: kg.RelLocatedIn,
		From: odd.ID, To: z.ID, Properties: map[string]any{"since": int64(2019), "note": `"q"`},
		Evidence: []kg.Evidence{{Quote: "位于\r\n园区", Article: "article:a", Start: 3, End: 9}}})
	doc := kg.Document{ID: kg.DocumentID("rows.txt"), Name: "rows.txt", SHA256: "x", Runes: 1}

	defer SetImportPartRows(7)()
	dir := t.TempDir()
	files, err := WriteImportFiles(dir, doc, g)
	if err != nil {
		t.Fatal(err)
	}
	nodes := map[kg.ID]kg.Node{}
	for _, n := range g.Nodes {
		nodes[n.ID] = n
	}
	rels := map[kg.ID]kg.Relation{}
	for _, r := range g.Relations {
		rels[r.ID] = r
	}
	byNum := map[int64]string{} // import node ID -> kg ID
	type relEnds struct {
		id   string
		a, b int64
	}
	var ends []relEnds
	seen := map[string]bool{}
	parts := 0
	for _, arg := range files.Args {
		flag, list, ok := strings.Cut(arg, "=")
		if !ok || (flag != "--nodes" && flag != "--relationships") {
			continue
		}
		_, list, _ = strings.Cut(list, "=") // label or type
		var header []string
		for k, path := range strings.Split(list, ",") {
			parts++
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			rows := parseCSV(t, string(data))
			if k == 0 {
				for _, f := range rows[0] {
					header = append(header, f.s)
				}
				rows = rows[1:]
			}
			for _, row := range rows {
				props, num := rowProps(t, filepath.Base(path), header, row)
				id := props["id"].(string)
				if seen[id] {
					t.Errorf("%s written twice", id)
				}
				seen[id] = true
				var want map[string]any
				if flag == "--nodes" {
					byNum[num[":ID"]] = id
					want, err = bulkNodeProps(nodes[kg.ID(id)], doc.ID)
				} else {
					ends = append(ends, relEnds{id, num[":START_ID"], num[":END_ID"]})
					want, err = bulkRelProps(rels[kg.ID(id)], doc.ID)
				}
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(props, want) {
					t.Errorf("%s: row %s\n  is %#v\nwant %#v", path, id, props, want)
				}
			}
		}
	}
	if len(seen) != len(g.Nodes)+len(g.Relations) || parts <= len(kg.AllLabels) {
		t.Errorf("%d items in %d files, graph %d nodes + %d relations", len(seen), parts, len(g.Nodes), len(g.Relations))
	}
	for _, e := range ends {
		r := rels[kg.ID(e.id)]
		if byNum[e.a] != string(r.From) || byNum[e.b] != string(r.To) {
			t.Errorf("%s: ends %d %d are %s %s, want %s %s", e.id, e.a, e.b, byNum[e.a], byNum[e.b], r.From, r.To)
		}
	}
}

// rowProps reads a CSV row by its header (prop:type): the properties it
// stores, and apart the import's own IDs (:ID, :START_ID, :END_ID).
func rowProps(t *testing.T, file string, header []string, row []csvField) (map[string]any, map[string]int64) {
	t.Helper()
	if len(row) != len(header) {
		t.Fatalf("%s: %d fields, header %d: %v", file, len(row), len(header), row)
	}
	props, num := map[string]any{}, map[string]int64{}
	for i, h := range header {
		f := row[i]
		name, typ, _ := strings.Cut(h, ":")
		if !f.quoted && f.s == "" {
			continue // absent
		}
		var v any
		var err error
		switch typ {
		case "ID", "START_ID", "END_ID":
			v, err = strconv.ParseInt(f.s, 10, 64)
		case "string[]":
			v = strings.Split(f.s, importArrayDelimiter)
		case "long":
			v, err = strconv.ParseInt(f.s, 10, 64)
		case "double":
			v, err = strconv.ParseFloat(f.s, 64)
		case "boolean":
			v, err = strconv.ParseBool(f.s)
		case "":
			v = f.s
		default:
			t.Fatalf("%s: header type %q", file, h)
		}
		if err != nil {
			t.Fatalf("%s: %s = %q: %v", file, h, f.s, err)
		}
		if name == "" { // the import's own ID
			num[h] = v.(int64)
			continue
		}
		props[name] = v
	}
	return props, num
}

type csvField struct {
	s      string
	quoted bool
}

// parseCSV parses RFC 4180 rows, telling an empty quoted field (an empty
// string) from an empty one (absent), which encoding/csv does not.
func parseCSV(t *testing.T, data string) [][]csvField {
	t.Helper()
	var rows [][]csvField
	var row []csvField
	for i := 0; i < len(data); {
		var f csvField
		if data[i] == '"' {
			f.quoted = true
			var b strings.Builder
			for i++; ; {
				j := strings.IndexByte(data[i:], '"')
				if j < 0 {
					t.Fatalf("unterminated quote at %d", i)
				}
				b.WriteString(data[i : i+j])
				i += j + 1
				if i < len(data) && data[i] == '"' {
					b.WriteByte('"')
					i++
					continue
				}
				break
			}
			f.s = b.String()
		} else {
			j := strings.IndexAny(data[i:], ",\n")
			if j < 0 {
				t.Fatalf("row without a line end at %d", i)
			}
			f.s = data[i : i+j]
			i += j
		}
		row = append(row, f)
		if i >= len(data) {
			t.Fatalf("row without a line end")
		}
		switch data[i] {
		case ',':
			i++
		case '\n':
			rows = append(rows, row)
			row = nil
			i++
		default:
			t.Fatalf("byte %q after a field at %d", data[i], i)
		}
	}
	return rows
}
