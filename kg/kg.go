// Package kg is the domain model of zonegraph: the entities found in Chinese
// high-tech-zone news (zones, enterprises, institutions, people, projects),
// the articles they are read from, and the relations between them, each tied
// to the evidence that states it. It imports nothing but the standard library.
package kg

import (
	"cmp"
	"crypto/sha1"
	"encoding/hex"
	"slices"
	"sort"
	"strings"
)

// ID identifies a node or a relation. It is derived deterministically from
// the label and the canonical name (nodes) or type and endpoints (relations),
// so loading the same page twice produces the same IDs.
type ID string

// Label is a node label.
type Label string

// The node labels of the graph.
const (
	LabelZone        Label = "Zone"
	LabelEnterprise  Label = "Enterprise"
	LabelInstitution Label = "Institution"
	LabelPerson      Label = "Person"
	LabelProject     Label = "Project"
	LabelArticle     Label = "Article"
)

// EntityLabels are the labels of real-world entities (everything but Article).
var EntityLabels = []Label{LabelZone, LabelEnterprise, LabelInstitution, LabelPerson, LabelProject}

// AllLabels lists every node label; stores take labels only from this table.
var AllLabels = append(append([]Label{}, EntityLabels...), LabelArticle)

// Valid reports whether l is one of the fixed labels.
func (l Label) Valid() bool {
	for _, x := range AllLabels {
		if x == l {
			return true
		}
	}
	return false
}

// RelType is a relationship type.
type RelType string

// The relationship types of the graph (direction as written in DESIGN.md).
const (
	RelPartOf        RelType = "PART_OF"        // Zone -> Zone
	RelLocatedIn     RelType = "LOCATED_IN"     // Enterprise|Institution|Project -> Zone
	RelInvestsIn     RelType = "INVESTS_IN"     // Enterprise|Institution -> Project; amountCNY, role
	RelLendsTo       RelType = "LENDS_TO"       // Enterprise(bank) -> Enterprise; amountCNY, instrument
	RelPartnersWith  RelType = "PARTNERS_WITH"  // undirected; agreement, amountCNY
	RelHoldsPosition RelType = "HOLDS_POSITION" // Person -> Enterprise|Institution|Zone; title
	RelOperates      RelType = "OPERATES"       // Enterprise -> Project
	RelMentionedIn   RelType = "MENTIONED_IN"   // any entity -> Article; count
)

// AllRelTypes lists every relationship type; stores take types only from this table.
var AllRelTypes = []RelType{RelPartOf, RelLocatedIn, RelInvestsIn, RelLendsTo, RelPartnersWith,
	RelHoldsPosition, RelOperates, RelMentionedIn}

// Valid reports whether t is one of the fixed relationship types.
func (t RelType) Valid() bool {
	for _, x := range AllRelTypes {
		if x == t {
			return true
		}
	}
	return false
}

// Undirected reports whether the relation has no meaningful direction.
func (t RelType) Undirected() bool { return t == RelPartnersWith }

// Property names shared by the extractor, the stores, the API and the evaluation.
const (
	PropListed        = "listed"        // Enterprise: bool
	PropKind          = "kind"          // Zone: national_hitech_zone, industrial_park, district ...
	PropProvince      = "province"      // Zone
	PropCity          = "city"          // Zone
	PropInvestmentCNY = "investmentCNY" // Project: int64 yuan
	PropQualifier     = "qualifier"     // beside an amount: 约, 超, 左右 ...
	PropStatus        = "status"        // Project
	PropAmountCNY     = "amountCNY"     // relation: int64 yuan
	PropTitle         = "title"         // HOLDS_POSITION title; Article title
	PropRole          = "role"          // INVESTS_IN: 投资, 共建 ...
	PropInstrument    = "instrument"    // LENDS_TO: 知识产权质押 ...
	PropAgreement     = "agreement"     // PARTNERS_WITH
	PropCount         = "count"         // MENTIONED_IN
	PropAuthors       = "authors"       // Article: []string
	PropText          = "text"          // Article: reflowed body text
	PropDocument      = "document"      // Article: the page file name
	PropStart         = "start"         // Article: rune offset of the body in the page file
	PropEnd           = "end"           // Article
)

// Evidence ties a fact to the text that states it: the article, the quoted
// sentence, and rune offsets [Start, End) into the original page file.
type Evidence struct {
	Article ID     `json:"article"`
	Quote   string `json:"quote"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// Node is one vertex of the graph: an entity or an article. Properties hold
// label-specific facts (see the Prop* names); values are string, bool,
// int64, float64 or []string.
type Node struct {
	ID         ID             `json:"id"`
	Label      Label          `json:"label"`
	Name       string         `json:"name"`
	Aliases    []string       `json:"aliases"`
	Properties map[string]any `json:"properties"`
	Evidence   []Evidence     `json:"evidence,omitempty"`
}

// Relation is one edge of the graph.
type Relation struct {
	ID         ID             `json:"id"`
	Type       RelType        `json:"type"`
	From       ID             `json:"source"`
	To         ID             `json:"target"`
	Properties map[string]any `json:"properties"`
	Evidence   []Evidence     `json:"evidence"`
}

// Document is one page file: the unit of loading (wholly or not at all).
type Document struct {
	ID     ID     `json:"id"`
	Name   string `json:"name"`   // file name, e.g. 000_7ba3bcd1ecf2bdfd.txt
	SHA256 string `json:"sha256"` // hex content hash; an unchanged page is skipped
	Runes  int    `json:"runes"`
}

// Path is a walk through the graph: Nodes[i] and Nodes[i+1] are joined by
// Relations[i], which keeps its own direction (From/To).
type Path struct {
	Nodes     []Node
	Relations []Relation
}

// Len is the number of hops.
func (p Path) Len() int { return len(p.Relations) }

// NodeID derives the deterministic ID of a node from its label and canonical name.
func NodeID(label Label, canonicalName string) ID {
	return digestID(strings.ToLower(string(label))+":", string(label), canonicalName)
}

// ArticleID derives the ID of the n-th article (0-based) of a document.
func ArticleID(documentName string, n int) ID {
	return digestID("article:", documentName, itoa(n))
}

// DocumentID derives the ID of a page file from its name.
func DocumentID(name string) ID { return digestID("document:", name) }

// RelationID derives the deterministic ID of a relation from its type and
// endpoints; undirected relations get the same ID either way round.
func RelationID(t RelType, from, to ID) ID {
	if t.Undirected() && to < from {
		from, to = to, from
	}
	return digestID("rel:", string(t), string(from), string(to))
}

// digestID is prefix followed by the first 16 hex digits of the SHA-1 of
// the parts, each followed by a NUL byte. The input goes through a stack
// buffer when it is short, and the ID is built in one allocation (IDs are
// derived for every mention while extracting).
func digestID(prefix string, parts ...string) ID {
	var buf [256]byte
	in := buf[:0]
	for _, p := range parts {
		in = append(in, p...)
		in = append(in, 0)
	}
	sum := sha1.Sum(in)
	var ob [64]byte
	out := append(ob[:0], prefix...)
	out = hex.AppendEncode(out, sum[:8])
	return ID(out)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}

// HasName reports whether s is the node's name or one of its aliases.
func (n Node) HasName(s string) bool {
	if n.Name == s {
		return true
	}
	for _, a := range n.Aliases {
		if a == s {
			return true
		}
	}
	return false
}

// Prop returns a property value or nil.
func (n Node) Prop(key string) any { return n.Properties[key] }

// Clone returns a deep copy of the node.
func (n Node) Clone() Node {
	c := n
	c.Aliases = append([]string(nil), n.Aliases...)
	c.Properties = cloneProps(n.Properties)
	c.Evidence = append([]Evidence(nil), n.Evidence...)
	return c
}

// Oriented returns r with its ends in canonical order: an undirected
// relation (PARTNERS_WITH) runs from the smaller node ID to the larger, so
// that whichever way round pages state it, it is stored as one
// relationship; any other relation is returned as it is.
func (r Relation) Oriented() Relation {
	if r.misoriented() {
		r.From, r.To = r.To, r.From
	}
	return r
}

// IsOriented reports whether every relation of g is Oriented already.
func (g *Graph) IsOriented() bool {
	for _, r := range g.Relations {
		if r.misoriented() {
			return false
		}
	}
	return true
}

func (r Relation) misoriented() bool { return r.Type.Undirected() && r.To < r.From }

// Clone returns a deep copy of the relation.
func (r Relation) Clone() Relation {
	c := r
	c.Properties = cloneProps(r.Properties)
	c.Evidence = append([]Evidence(nil), r.Evidence...)
	return c
}

func cloneProps(p map[string]any) map[string]any {
	if p == nil {
		return map[string]any{}
	}
	c := make(map[string]any, len(p))
	for k, v := range p {
		if s, ok := v.([]string); ok {
			v = append([]string(nil), s...)
		}
		c[k] = v
	}
	return c
}

// Graph is a set of nodes and relations, e.g. what the extractor reads from
// one page, or a neighbourhood returned by a store.
type Graph struct {
	Nodes     []Node     `json:"nodes"`
	Relations []Relation `json:"edges"`
}

// Merge adds other into g: nodes and relations with the same ID are merged
// (aliases unioned, evidence appended without duplicates, properties of g win
// unless absent). The result is in Sort's canonical form.
func (g *Graph) Merge(other *Graph) {
	nodes := make(map[ID]*Node, len(g.Nodes)+len(other.Nodes))
	for _, list := range [][]Node{g.Nodes, other.Nodes} {
		for _, n := range list {
			if cur, ok := nodes[n.ID]; ok {
				mergeNode(cur, n)
				continue
			}
			c := n.Clone()
			nodes[n.ID] = &c
		}
	}
	rels := make(map[ID]*Relation, len(g.Relations)+len(other.Relations))
	for _, list := range [][]Relation{g.Relations, other.Relations} {
		for _, r := range list {
			if cur, ok := rels[r.ID]; ok {
				cur.Evidence = unionEvidence(cur.Evidence, r.Evidence)
				mergeProps(cur.Properties, r.Properties)
				continue
			}
			c := r.Clone()
			rels[r.ID] = &c
		}
	}
	g.Nodes = g.Nodes[:0]
	for _, n := range nodes {
		g.Nodes = append(g.Nodes, *n)
	}
	g.Relations = g.Relations[:0]
	for _, r := range rels {
		g.Relations = append(g.Relations, *r)
	}
	g.Sort()
}

// Sort puts the graph in canonical form: nodes and relations ordered by
// ID, aliases and evidence sorted, undirected relations Oriented.
func (g *Graph) Sort() {
	for i := range g.Relations {
		g.Relations[i] = g.Relations[i].Oriented()
	}
	// slices.SortFunc orders exactly as sort.Slice did (the same pdqsort,
	// generated from one template) without reflection's swapper; it sorts
	// the indexes (sortPermuted), so a swap moves 4 bytes, not a node
	sortPermuted(g.Nodes, func(a, b *Node) int { return strings.Compare(string(a.ID), string(b.ID)) })
	sortPermuted(g.Relations, func(a, b *Relation) int {
		// the ends are compared only between equal IDs (cmp.Or would
		// compare all three every time)
		if a.ID != b.ID {
			return strings.Compare(string(a.ID), string(b.ID))
		}
		return cmp.Or(strings.Compare(string(a.From), string(b.From)), strings.Compare(string(a.To), string(b.To)))
	})
	for i := range g.Nodes {
		sort.Strings(g.Nodes[i].Aliases)
		SortEvidence(g.Nodes[i].Evidence)
	}
	for i := range g.Relations {
		SortEvidence(g.Relations[i].Evidence)
	}
}

// sortPermuted orders s as slices.SortFunc(s, cmp) does, equal elements
// included: pdqsort sees the same comparisons whether it moves the
// elements or their indexes, so it sorts the indexes and then moves each
// element once, following the permutation's cycles.
func sortPermuted[T any](s []T, cmp func(a, b *T) int) {
	if len(s) < 2 {
		return
	}
	idx := make([]int32, len(s))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int { return cmp(&s[a], &s[b]) })
	// s[i] takes the element at idx[i]
	for i := range idx {
		if idx[i] == int32(i) {
			continue
		}
		tmp := s[i]
		j := i
		for {
			k := int(idx[j])
			idx[j] = int32(j)
			if k == i {
				s[j] = tmp
				break
			}
			s[j] = s[k]
			j = k
		}
	}
}

// SortEvidence orders evidence by article, then offset.
func SortEvidence(ev []Evidence) {
	slices.SortFunc(ev, compareEvidence)
}

// EvidenceSorted reports whether ev is in SortEvidence's order.
func EvidenceSorted(ev []Evidence) bool { return slices.IsSortedFunc(ev, compareEvidence) }

// compareEvidence orders evidence by article, then offset.
func compareEvidence(a, b Evidence) int {
	if a.Article != b.Article {
		return strings.Compare(string(a.Article), string(b.Article))
	}
	if a.Start != b.Start {
		return cmp.Compare(a.Start, b.Start)
	}
	return cmp.Compare(a.End, b.End)
}

func mergeNode(cur *Node, n Node) {
	for _, a := range append([]string{n.Name}, n.Aliases...) {
		if a != cur.Name && !contains(cur.Aliases, a) {
			cur.Aliases = append(cur.Aliases, a)
		}
	}
	mergeProps(cur.Properties, n.Properties)
	cur.Evidence = unionEvidence(cur.Evidence, n.Evidence)
}

func mergeProps(dst, src map[string]any) {
	for k, v := range src {
		if _, ok := dst[k]; !ok {
			dst[k] = v
		} else if b, ok := v.(bool); ok && b {
			dst[k] = true // a flag once stated (listed) stays stated
		}
	}
}

func unionEvidence(a, b []Evidence) []Evidence {
	seen := make(map[Evidence]bool, len(a)+len(b))
	out := make([]Evidence, 0, len(a)+len(b))
	for _, e := range append(append([]Evidence{}, a...), b...) {
		if !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
