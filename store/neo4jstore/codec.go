package neo4jstore

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// propPrefix marks the kg properties among a node's or relationship's
// Neo4j properties.
const propPrefix = "p_"

// typedValue keeps a property's Go type through JSON (int64 vs float64).
type typedValue struct {
	T string   `json:"t"` // s, b, i, f, l
	S string   `json:"s,omitempty"`
	B bool     `json:"b,omitempty"`
	I int64    `json:"i,omitempty"`
	F float64  `json:"f,omitempty"`
	L []string `json:"l,omitempty"`
}

func encodeValue(v any) (typedValue, error) {
	switch x := v.(type) {
	case string:
		return typedValue{T: "s", S: x}, nil
	case bool:
		return typedValue{T: "b", B: x}, nil
	case int:
		return typedValue{T: "i", I: int64(x)}, nil
	case int64:
		return typedValue{T: "i", I: x}, nil
	case float64:
		return typedValue{T: "f", F: x}, nil
	case []string:
		return typedValue{T: "l", L: append([]string{}, x...)}, nil
	}
	return typedValue{}, fmt.Errorf("property value %T: %w", v, store.ErrInvalidArgument)
}

func (tv typedValue) value() any {
	switch tv.T {
	case "b":
		return tv.B
	case "i":
		return tv.I
	case "f":
		return tv.F
	case "l":
		if tv.L == nil {
			return []string{}
		}
		return tv.L
	}
	return tv.S
}

// contribution is what one page says about a node or a relationship.
type contribution struct {
	Doc      kg.ID                 `json:"doc"`
	Name     string                `json:"name,omitempty"`
	Aliases  []string              `json:"aliases,omitempty"`
	Label    kg.Label              `json:"label,omitempty"`
	Type     kg.RelType            `json:"type,omitempty"`
	From     kg.ID                 `json:"from,omitempty"`
	To       kg.ID                 `json:"to,omitempty"`
	Props    map[string]typedValue `json:"props,omitempty"`
	Evidence []kg.Evidence         `json:"evidence,omitempty"`
}

func encodeProps(p map[string]any) (map[string]typedValue, error) {
	out := make(map[string]typedValue, len(p))
	for k, v := range p {
		tv, err := encodeValue(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		out[k] = tv
	}
	return out, nil
}

func decodeProps(p map[string]typedValue) map[string]any {
	out := make(map[string]any, len(p))
	for k, v := range p {
		out[k] = v.value()
	}
	return out
}

func nodeContribution(doc kg.ID, n kg.Node) (string, error) {
	props, err := encodeProps(n.Properties)
	if err != nil {
		return "", fmt.Errorf("node %s: %w", n.ID, err)
	}
	b, err := json.Marshal(contribution{Doc: doc, Name: n.Name, Aliases: n.Aliases, Label: n.Label, Props: props, Evidence: n.Evidence})
	return string(b), err
}

func relContribution(doc kg.ID, r kg.Relation) (string, error) {
	props, err := encodeProps(r.Properties)
	if err != nil {
		return "", fmt.Errorf("relation %s: %w", r.ID, err)
	}
	b, err := json.Marshal(contribution{Doc: doc, Type: r.Type, From: r.From, To: r.To, Props: props, Evidence: r.Evidence})
	return string(b), err
}

func decodeContributions(list []any) ([]contribution, error) {
	out := make([]contribution, 0, len(list))
	for _, x := range list {
		s, _ := x.(string)
		var c contribution
		if err := json.Unmarshal([]byte(s), &c); err != nil {
			return nil, fmt.Errorf("stored contribution: %w", err)
		}
		out = append(out, c)
	}
	return out, nil
}

// nodeProps turns a merged node into its Neo4j property map.
// searchTextSep joins the keys into searchText. A space, like the newline
// of older databases, is a token break for the full-text analyzer (and
// matches never rely on it: Search filters candidates by keys), and it
// keeps searchText on one line, so neo4j-admin's import parses the CSV
// files in parallel chunks.
const searchTextSep = " "

func nodeProps(n kg.Node, docs []kg.ID, contribs []string) (map[string]any, error) {
	keys := nameKeys(n)
	ev, err := encodeEvidence(n.Evidence)
	if err != nil {
		return nil, err
	}
	m := map[string]any{
		"id": string(n.ID), "label": string(n.Label), "name": n.Name,
		"keys": keys, "searchText": strings.Join(keys, searchTextSep),
		// The own normalised name, indexed (schemaNodeNameKey, and for
		// zones schemaZoneNameKey): a node named in a query is looked up
		// through it (cypherNodeByName, zoneMembersHead).
		"nameKey": keys[0],
		"docs":    idStrings(docs), "contrib": contribs,
	}
	if len(n.Aliases) > 0 {
		m["aliases"] = n.Aliases
	}
	if ev != "" {
		m["evidence"] = ev
	}
	if err := putProps(m, n.Properties); err != nil {
		return nil, fmt.Errorf("node %s: %w", n.ID, err)
	}
	return m, nil
}

// nameKeys are a node's normalised names: its own first, then its
// aliases' (stored as keys; joined, as searchText).
func nameKeys(n kg.Node) []string {
	keys := make([]string, 1, 1+len(n.Aliases))
	keys[0] = store.NormalizeName(n.Name)
	for _, a := range n.Aliases {
		keys = append(keys, store.NormalizeName(a))
	}
	return keys
}

func relProps(r kg.Relation, docs []kg.ID, contribs []string) (map[string]any, error) {
	ev, err := encodeEvidence(r.Evidence)
	if err != nil {
		return nil, err
	}
	// The ends' IDs too: the relationship indexes of dense sides are on
	// them (relEndIndexes).
	m := map[string]any{"id": string(r.ID), "fromId": string(r.From), "toId": string(r.To), "docs": idStrings(docs), "contrib": contribs}
	if ev != "" {
		m["evidence"] = ev
	}
	if err := putProps(m, r.Properties); err != nil {
		return nil, fmt.Errorf("relation %s: %w", r.ID, err)
	}
	return m, nil
}

func putProps(m map[string]any, p map[string]any) error {
	for k, v := range p {
		sv, ok, err := storedValue(k, v)
		if err != nil {
			return err
		}
		if ok {
			m[propPrefix+k] = sv
		}
	}
	return nil
}

// storedValue is a kg property's value as stored (int as int64); ok is
// false for an empty list, which is not stored (Neo4j cannot type one).
func storedValue(k string, v any) (_ any, ok bool, _ error) {
	switch x := v.(type) {
	case int:
		return int64(x), true, nil
	case string, bool, int64, float64:
		return v, true, nil
	case []string:
		return v, len(x) > 0, nil
	}
	return nil, false, fmt.Errorf("property %s: value %T: %w", k, v, store.ErrInvalidArgument)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func idStrings(ids []kg.ID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return out
}

// encodeEvidence is the evidence as stored: one JSON array in one string
// property ("" for none: the property is left out). One string is one
// property value for Neo4j to write, where a list of JSON strings (the
// earlier layout, still read) was a string array per node and
// relationship.
func encodeEvidence(ev []kg.Evidence) (string, error) {
	if len(ev) == 0 {
		return "", nil
	}
	return string(appendEvidence(make([]byte, 0, 64*len(ev)), ev, false)), nil
}

// appendEvidence appends ev (not empty) as encodeEvidence stores it; with
// csv, its quotes doubled, as inside a quoted CSV field.
func appendEvidence(b []byte, ev []kg.Evidence, csv bool) []byte {
	// json.Marshal's bytes, written by hand (reflection was a sixth of
	// the offline import's file writing); TestEncodeEvidenceIsJSON.
	lit := &evidenceJSON
	if csv {
		lit = &evidenceCSV
	}
	for i, e := range ev {
		if i == 0 {
			b = append(b, lit[0]...)
		} else {
			b = append(b, lit[1]...)
		}
		b = appendJSONString(b, string(e.Article), csv)
		b = append(b, lit[2]...)
		b = appendJSONString(b, e.Quote, csv)
		b = append(b, lit[3]...)
		b = strconv.AppendInt(b, int64(e.Start), 10)
		b = append(b, lit[4]...)
		b = strconv.AppendInt(b, int64(e.End), 10)
		b = append(b, '}')
	}
	return append(b, ']')
}

// The literal parts of the evidence JSON, and as inside a CSV field.
var (
	evidenceJSON = [5]string{`[{"article":`, `,{"article":`, `,"quote":`, `,"start":`, `,"end":`}
	evidenceCSV  = func() (out [5]string) {
		for i, s := range evidenceJSON {
			out[i] = strings.ReplaceAll(s, `"`, `""`)
		}
		return out
	}()
)

// appendJSONString appends s as json.Marshal writes it (with csv, its
// quotes doubled): as is, quoted, when no byte needs escaping (no control
// character, quote, backslash, HTML character, invalid UTF-8 or
// line/paragraph separator), else through json.Marshal.
func appendJSONString(b []byte, s string, csv bool) []byte {
	plain := utf8.ValidString(s)
	for i := 0; plain && i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '"', c == '\\', c == '<', c == '>', c == '&':
			plain = false
		case c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9): // U+2028, U+2029
			plain = false
		}
	}
	q := `"`
	if csv {
		q = `""`
	}
	if plain {
		b = append(b, q...)
		b = append(b, s...)
		return append(b, q...)
	}
	m, _ := json.Marshal(s)
	if !csv {
		return append(b, m...)
	}
	return appendQuotedBody(b, string(m))
}

// decodeEvidence reads the stored evidence: one JSON array string, or a
// list of JSON strings, one per evidence (the earlier layout).
func decodeEvidence(v any) []kg.Evidence {
	var out []kg.Evidence
	switch x := v.(type) {
	case string:
		if json.Unmarshal([]byte(x), &out) != nil {
			out = nil
		}
	case []any:
		for _, y := range x {
			s, _ := y.(string)
			var e kg.Evidence
			if json.Unmarshal([]byte(s), &e) == nil {
				out = append(out, e)
			}
		}
	}
	if out == nil {
		out = []kg.Evidence{}
	}
	kg.SortEvidence(out)
	return out
}

func str(v any) string { s, _ := v.(string); return s }

func strList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// readProps extracts the kg properties (p_*) from a Neo4j property map.
// A read projection (nodeProj, relProj) carries them as [key, value]
// pairs under "p" instead.
func readProps(m map[string]any) map[string]any {
	if pairs, ok := m["p"].([]any); ok {
		return readPairs(pairs)
	}
	out := map[string]any{}
	for k, v := range m {
		if !strings.HasPrefix(k, propPrefix) {
			continue
		}
		if list, ok := v.([]any); ok {
			v = strList(list)
		}
		out[strings.TrimPrefix(k, propPrefix)] = v
	}
	return out
}

// readPairs reads the kg properties from [key, value] pairs (propPairs).
func readPairs(pairs []any) map[string]any {
	out := make(map[string]any, len(pairs))
	for _, x := range pairs {
		kv, _ := x.([]any)
		if len(kv) != 2 {
			continue
		}
		k, v := str(kv[0]), kv[1]
		if list, ok := v.([]any); ok {
			v = strList(list)
		}
		out[strings.TrimPrefix(k, propPrefix)] = v
	}
	return out
}

// toNode reads a node from its Neo4j property map.
func toNode(v any) kg.Node {
	m, _ := v.(map[string]any)
	return nodeFrom(m["id"], m["label"], m["name"], m["aliases"], readProps(m), m["evidence"])
}

// nodeFrom is a node from its stored fields (aliases sorted, evidence
// decoded), however the statement returned them (a map, or a row).
func nodeFrom(id, label, name, aliases any, props map[string]any, evidence any) kg.Node {
	as := strList(aliases)
	sort.Strings(as)
	return kg.Node{ID: kg.ID(str(id)), Label: kg.Label(str(label)), Name: str(name),
		Aliases: as, Properties: props, Evidence: decodeEvidence(evidence)}
}

// toRelation reads a relationship from a {type, from, to, props} map.
func toRelation(v any) kg.Relation {
	m, _ := v.(map[string]any)
	props, _ := m["props"].(map[string]any)
	return kg.Relation{
		ID: kg.ID(str(props["id"])), Type: kg.RelType(str(m["type"])), From: kg.ID(str(m["from"])), To: kg.ID(str(m["to"])),
		Properties: readProps(props), Evidence: decodeEvidence(props["evidence"]),
	}
}
