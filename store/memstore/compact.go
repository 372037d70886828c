package memstore

import (
	"maps"
	"slices"
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
//   - the evidence of the page's nodes and relations lives in one array;
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
	total := 0
	for i := range g.Nodes {
		total += len(g.Nodes[i].Evidence)
	}
	for i := range g.Relations {
		total += len(g.Relations[i].Evidence)
	}
	arena := make([]kg.Evidence, 0, total)
	for i := range g.Nodes {
		n := &g.Nodes[i]
		n.Properties = c.props(n.Properties)
		n.Evidence, arena = c.evidence(n.Evidence, arena)
	}
	for i := range g.Relations {
		r := &g.Relations[i]
		r.From, r.To = c.id(r.From), c.id(r.To)
		r.Properties = c.props(r.Properties)
		r.Evidence, arena = c.evidence(r.Evidence, arena)
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

// evidence moves ev into the page's one evidence array (capped, so that
// nothing appends into a neighbour's) with shared article IDs.
func (c *compactor) evidence(ev, arena []kg.Evidence) ([]kg.Evidence, []kg.Evidence) {
	if len(ev) == 0 {
		return ev, arena
	}
	start := len(arena)
	for _, e := range ev {
		e.Article = c.id(e.Article)
		arena = append(arena, e)
	}
	return arena[start:len(arena):len(arena)], arena
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

func sortedKeys(p map[string]any) []string { return slices.Sorted(maps.Keys(p)) }
