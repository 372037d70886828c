package memstore

import (
	"strings"

	"github.com/zonegraph/zonegraph/kg"
)

// emptyProps is the properties of every stored node and relation without
// any: stored values are never mutated (callers get clones), so one empty
// map serves them all.
var emptyProps = map[string]any{}

// compactor shares equal values among the nodes and relations of a page
// before they are stored, so that the store holds fewer objects (less for
// the collector to mark on every cycle; at 1M nodes the store is most of
// the heap) and fewer bytes:
//
//   - a relation's endpoints and an evidence's article are the ID strings
//     of the nodes they name (the page's own, or the store's), not equal
//     copies;
//   - empty property maps are emptyProps; maps whose values are all strings
//     or bools (a position's title, an agreement) are shared by content,
//     and string values are shared in the others.
//
// Sharing is invisible to callers: every read clones what it returns.
type compactor struct {
	s     *Store
	ids   map[kg.ID]kg.ID
	maps  map[string]map[string]any
	strs  map[string]any
	keyer strings.Builder
}

func newCompactor(s *Store, g *kg.Graph) *compactor {
	c := &compactor{s: s, ids: make(map[kg.ID]kg.ID, len(g.Nodes)), maps: map[string]map[string]any{}, strs: map[string]any{}}
	for i := range g.Nodes {
		c.ids[g.Nodes[i].ID] = g.Nodes[i].ID
	}
	return c
}

// compact rewrites g (the store's own normalised copy of a page) in place.
func (c *compactor) compact(g *kg.Graph) {
	for i := range g.Nodes {
		n := &g.Nodes[i]
		n.Properties = c.props(n.Properties)
		c.evidence(n.Evidence)
	}
	for i := range g.Relations {
		r := &g.Relations[i]
		r.From, r.To = c.id(r.From), c.id(r.To)
		r.Properties = c.props(r.Properties)
		c.evidence(r.Evidence)
	}
}

// id returns the node ID string equal to id: the page's, else the store's,
// else id itself.
func (c *compactor) id(id kg.ID) kg.ID {
	if v, ok := c.ids[id]; ok {
		return v
	}
	if n := c.s.nodes[id]; n != nil {
		return n.ID
	}
	return id
}

func (c *compactor) evidence(ev []kg.Evidence) {
	for i := range ev {
		ev[i].Article = c.id(ev[i].Article)
	}
}

// props returns a shared equal map when there is one (see compactor).
func (c *compactor) props(p map[string]any) map[string]any {
	if len(p) == 0 {
		return emptyProps
	}
	c.keyer.Reset()
	plain := true
	for _, k := range sortedKeys(p) {
		switch v := p[k].(type) {
		case string:
			p[k] = c.str(v)
			c.keyer.WriteString(k)
			c.keyer.WriteString("\x00s")
			c.keyer.WriteString(v)
			c.keyer.WriteByte(0)
		case bool:
			c.keyer.WriteString(k)
			if v {
				c.keyer.WriteString("\x00t\x00")
			} else {
				c.keyer.WriteString("\x00f\x00")
			}
		default:
			plain = false
		}
	}
	if !plain {
		return p
	}
	key := c.keyer.String()
	if m, ok := c.maps[key]; ok {
		return m
	}
	c.maps[key] = p
	return p
}

// str returns one boxed value per distinct string.
func (c *compactor) str(v string) any {
	if b, ok := c.strs[v]; ok {
		return b
	}
	var b any = v
	c.strs[v] = b
	return b
}

func sortedKeys(p map[string]any) []string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	// small maps: insertion sort
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}
