package extract

// surfaceTrie holds a page's surface forms (x.surf) for the longest-match
// lookup at every rune of every sentence (mentions), with the entities each
// form names on its last node. It is rebuilt when the forms change (twice
// per page at most), so it is built from a few flat slices: one allocation
// per growth instead of one per node, and no string per lookup.
type surfaceTrie struct {
	first runeSet        // the first runes of the forms (below U+10000)
	root  []int32        // the node of a form's first rune below U+10000 (a table: one per pooled trie)
	wide  map[rune]int32 // the same above U+FFFF
	roots []rune         // the runes set in root (reset clears them)
	nodes []surfNode     // nodes[0] is unused: index 0 means none
	ents  [][]*entity    // the entities of a form, by surfNode.ents-1
}

type surfNode struct {
	r    rune
	kid  int32 // the first child, 0 = none
	next int32 // the next sibling, 0 = none
	ents int32 // 1 + the index of the node's entities; 0: no form ends here
}

func newSurfaceTrie() *surfaceTrie {
	return &surfaceTrie{root: make([]int32, 1<<16), wide: map[rune]int32{}, nodes: make([]surfNode, 1, 256)}
}

// rootNode is the node of a form's first rune r, 0 when none.
func (t *surfaceTrie) rootNode(r rune) int32 {
	if r >= 0 && r < 1<<16 {
		return t.root[r]
	}
	return t.wide[r]
}

// reset empties t for the next build, keeping its memory (the trie of a
// page is rebuilt in place, and pages share tries through pageScratch):
// no entity stays reachable from it.
func (t *surfaceTrie) reset() {
	for _, r := range t.roots {
		t.first[r>>6] = 0
		t.root[r] = 0
	}
	t.roots = t.roots[:0]
	clear(t.wide)
	clear(t.nodes)
	t.nodes = t.nodes[:1]
	for i, es := range t.ents {
		clear(es)
		t.ents[i] = es[:0]
	}
	t.ents = t.ents[:0]
}

// child returns the child of node id by rune r, 0 when there is none.
func (t *surfaceTrie) child(id int32, r rune) int32 {
	for k := t.nodes[id].kid; k != 0; k = t.nodes[k].next {
		if t.nodes[k].r == r {
			return k
		}
	}
	return 0
}

// add records that the form s names e (after the entities it named before).
func (t *surfaceTrie) add(s string, e *entity) {
	var id int32
	for i, r := range s {
		var c int32
		if i == 0 {
			if r >= 0 && r < 1<<16 {
				t.first.add(r)
			}
			c = t.rootNode(r)
			if c == 0 {
				c = int32(len(t.nodes))
				t.nodes = append(t.nodes, surfNode{r: r})
				if r >= 0 && r < 1<<16 {
					t.root[r] = c
					t.roots = append(t.roots, r)
				} else {
					t.wide[r] = c
				}
			}
		} else if c = t.child(id, r); c == 0 {
			c = int32(len(t.nodes))
			t.nodes = append(t.nodes, surfNode{r: r, next: t.nodes[id].kid})
			t.nodes[id].kid = c
		}
		id = c
	}
	if id == 0 {
		return
	}
	if t.nodes[id].ents == 0 {
		if len(t.ents) < cap(t.ents) {
			t.ents = t.ents[:len(t.ents)+1] // an emptied slice of a former build
		} else {
			t.ents = append(t.ents, nil)
		}
		t.nodes[id].ents = int32(len(t.ents))
	}
	k := t.nodes[id].ents - 1
	t.ents[k] = append(t.ents[k], e)
}

// longest returns the length in runes of the longest form starting at
// text[i] and the entities it names, or 0 and nil.
func (t *surfaceTrie) longest(text []rune, i int) (int, []*entity) {
	if i >= len(text) {
		return 0, nil
	}
	r := text[i]
	if r >= 0 && r < 1<<16 && !t.first.has(r) {
		return 0, nil
	}
	id := t.rootNode(r)
	if id == 0 {
		return 0, nil
	}
	best, bestEnts := 0, t.nodes[id].ents
	if bestEnts != 0 {
		best = 1
	}
	for j := i + 1; j < len(text); j++ {
		if id = t.child(id, text[j]); id == 0 {
			break
		}
		if e := t.nodes[id].ents; e != 0 {
			best, bestEnts = j-i+1, e
		}
	}
	if best == 0 {
		return 0, nil
	}
	return best, t.ents[bestEnts-1]
}
