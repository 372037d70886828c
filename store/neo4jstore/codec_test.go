package neo4jstore

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/zonegraph/zonegraph/kg"
)

// TestEvidenceLayouts: evidence is stored as one JSON array string; the
// earlier layout (a list of JSON strings) and a missing property still read.
func TestEvidenceLayouts(t *testing.T) {
	ev := []kg.Evidence{{Article: "article:b", Quote: "乙", Start: 5, End: 6}, {Article: "article:a", Quote: "甲", Start: 1, End: 2}}
	s, err := encodeEvidence(ev)
	if err != nil {
		t.Fatal(err)
	}
	want := append([]kg.Evidence{}, ev...)
	kg.SortEvidence(want)
	if got := decodeEvidence(s); !reflect.DeepEqual(got, want) {
		t.Errorf("one string: got %v, want %v", got, want)
	}
	old := []any{`{"article":"article:b","quote":"乙","start":5,"end":6}`, `{"article":"article:a","quote":"甲","start":1,"end":2}`}
	if got := decodeEvidence(old); !reflect.DeepEqual(got, want) {
		t.Errorf("earlier list layout: got %v, want %v", got, want)
	}
	if s, _ := encodeEvidence(nil); s != "" {
		t.Errorf("no evidence encodes as %q, want empty (property left out)", s)
	}
	for _, v := range []any{nil, []any{}} {
		if got := decodeEvidence(v); got == nil || len(got) != 0 {
			t.Errorf("decodeEvidence(%v) = %#v, want an empty non-nil list", v, got)
		}
	}
	n, err := nodeProps(kg.Node{ID: "person:x", Label: kg.LabelPerson, Name: "某人"}, []kg.ID{"document:d"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"aliases", "evidence"} {
		if _, ok := n[k]; ok {
			t.Errorf("node without %s stores %s = %v", k, k, n[k])
		}
	}
	if got := toNode(n); got.Aliases == nil || len(got.Aliases) != 0 || len(got.Evidence) != 0 {
		t.Errorf("node read back: aliases %#v, evidence %#v", got.Aliases, got.Evidence)
	}
}

// TestEncodeEvidenceIsJSON: the hand-written evidence encoding is
// json.Marshal's, byte for byte, escapes included.
func TestEncodeEvidenceIsJSON(t *testing.T) {
	quotes := []string{"", "中关村科技园区", `a "quoted" \ back`, "<b>&amp;</b>", "line\nbreak\ttab\x01\x1f", "\u2028\u2029 sep", "— … “” 　",
		"bad \xff\xfe utf8", "\xe2\x80", "emoji 😀", "\u007f del", "ends with \xe2"}
	for _, q := range quotes {
		for _, ev := range [][]kg.Evidence{
			{{Article: kg.ID("article:" + q), Quote: q, Start: 0, End: -1}},
			{{Article: "article:a", Quote: q, Start: 12, End: 345}, {Article: "article:b", Quote: "x", Start: 1 << 40, End: 7}},
		} {
			want, err := json.Marshal(ev)
			if err != nil {
				t.Fatal(err)
			}
			got, err := encodeEvidence(ev)
			if err != nil || got != string(want) {
				t.Errorf("quote %q: got %s (%v), want %s", q, got, err, want)
			}
			// Inside a quoted CSV field (the offline import's files).
			wantCSV := strings.ReplaceAll(string(want), `"`, `""`)
			if got := string(appendEvidence([]byte("x"), ev, true)); got != "x"+wantCSV {
				t.Errorf("quote %q in CSV: got %s, want x%s", q, got, wantCSV)
			}
		}
	}
}
