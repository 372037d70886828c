package memstore

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// nameKey is one normalised name or alias of a node.
type nameKey struct {
	key   string
	id    kg.ID
	label kg.Label
	runes int32
}

// nameIndex finds nodes by normalised name and alias without scanning:
//
//   - byLen holds, per key length in runes, the keys sorted by (key, node
//     ID): exact matches are the keys of the query's length that equal it,
//     prefix matches a binary-searched range of each longer length, so the
//     shortest prefix matches come first and the scan stops once the limit
//     is reached;
//   - grams holds, per rune and per pair of adjacent runes, the keys
//     containing it sorted by (length, node ID): a substring query walks the
//     shortest list of its bigrams (or of its one rune) in that order,
//     checks each key and stops once the limit is reached.
//
// Keys live in a slot table; the lists hold slot numbers. apply updates
// only the lists touched by the changed keys.
type nameIndex struct {
	slots  []nameKey
	free   []int32
	byNode map[kg.ID][]int32
	byLen  map[int32][]int32
	grams  map[string][]int32
	maxLen int32
}

func newNameIndex() *nameIndex {
	return &nameIndex{byNode: map[kg.ID][]int32{}, byLen: map[int32][]int32{}, grams: map[string][]int32{}}
}

// nodeKeys returns the distinct non-empty normalised keys of a node.
func nodeKeys(n *kg.Node) []string {
	if n == nil {
		return nil
	}
	keys := make([]string, 0, 1+len(n.Aliases))
	for _, s := range append([]string{n.Name}, n.Aliases...) {
		k := store.NormalizeName(s)
		if k != "" && !containsString(keys, k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// keys returns the keys indexed for a node, sorted.
func (x *nameIndex) keys(id kg.ID) []string {
	var out []string
	for _, sl := range x.byNode[id] {
		out = append(out, x.slots[sl].key)
	}
	sort.Strings(out)
	return out
}

// gramsOf lists the distinct runes and rune pairs of a key.
func gramsOf(key string) []string {
	rs := []rune(key)
	seen := make(map[string]bool, 2*len(rs))
	var out []string
	add := func(g string) {
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	for i := range rs {
		add(string(rs[i]))
		if i+1 < len(rs) {
			add(string(rs[i : i+2]))
		}
	}
	return out
}

// keyChange replaces the indexed keys of a node (nil keys: remove it).
type keyChange struct {
	id    kg.ID
	label kg.Label
	keys  []string
}

// apply updates the index for a batch of nodes whose keys changed.
func (x *nameIndex) apply(changes []keyChange) {
	if len(changes) == 0 {
		return
	}
	removed := map[int32]bool{}
	lenAdds := map[int32][]int32{}
	gramAdds := map[string][]int32{}
	for _, c := range changes {
		for _, sl := range x.byNode[c.id] {
			removed[sl] = true
			k := &x.slots[sl]
			if _, ok := lenAdds[k.runes]; !ok {
				lenAdds[k.runes] = nil
			}
			for _, g := range gramsOf(k.key) {
				if _, ok := gramAdds[g]; !ok {
					gramAdds[g] = nil
				}
			}
		}
		delete(x.byNode, c.id)
		var slots []int32
		for _, key := range c.keys {
			sl := x.alloc(nameKey{key: key, id: c.id, label: c.label, runes: int32(utf8.RuneCountInString(key))})
			slots = append(slots, sl)
			n := x.slots[sl].runes
			lenAdds[n] = append(lenAdds[n], sl)
			x.maxLen = max(x.maxLen, n)
			for _, g := range gramsOf(key) {
				gramAdds[g] = append(gramAdds[g], sl)
			}
		}
		if len(slots) > 0 {
			x.byNode[c.id] = slots
		}
	}
	for n, adds := range lenAdds {
		x.byLen[n] = x.mergeList(x.byLen[n], adds, removed, x.lessByKey)
		if len(x.byLen[n]) == 0 {
			delete(x.byLen, n)
		}
	}
	for g, adds := range gramAdds {
		x.grams[g] = x.mergeList(x.grams[g], adds, removed, x.lessByLen)
		if len(x.grams[g]) == 0 {
			delete(x.grams, g)
		}
	}
	for sl := range removed {
		x.slots[sl] = nameKey{}
		x.free = append(x.free, sl)
	}
}

func (x *nameIndex) alloc(k nameKey) int32 {
	if n := len(x.free); n > 0 {
		sl := x.free[n-1]
		x.free = x.free[:n-1]
		x.slots[sl] = k
		return sl
	}
	x.slots = append(x.slots, k)
	return int32(len(x.slots) - 1)
}

func (x *nameIndex) lessByKey(a, b int32) bool {
	ka, kb := &x.slots[a], &x.slots[b]
	if ka.key != kb.key {
		return ka.key < kb.key
	}
	return ka.id < kb.id
}

func (x *nameIndex) lessByLen(a, b int32) bool {
	ka, kb := &x.slots[a], &x.slots[b]
	if ka.runes != kb.runes {
		return ka.runes < kb.runes
	}
	if ka.id != kb.id {
		return ka.id < kb.id
	}
	return ka.key < kb.key
}

// mergeList drops the removed slots from a sorted list and merges in adds.
func (x *nameIndex) mergeList(list, adds []int32, removed map[int32]bool, less func(a, b int32) bool) []int32 {
	sort.Slice(adds, func(i, j int) bool { return less(adds[i], adds[j]) })
	out := make([]int32, 0, len(list)+len(adds))
	i := 0
	for _, sl := range list {
		if removed[sl] {
			continue
		}
		for i < len(adds) && less(adds[i], sl) {
			out = append(out, adds[i])
			i++
		}
		out = append(out, sl)
	}
	return append(out, adds[i:]...)
}

// search returns the IDs of up to limit nodes matching q (normalised, not
// empty), ranked as store.Store.Search says: exact, then prefix, then
// substring; shorter matching keys first, then by node ID.
func (x *nameIndex) search(q string, labels map[kg.Label]bool, limit int) []kg.ID {
	var out []kg.ID
	seen := map[kg.ID]bool{}
	accept := func(k *nameKey) bool {
		if seen[k.id] || (labels != nil && !labels[k.label]) {
			return false
		}
		seen[k.id] = true
		out = append(out, k.id)
		return true
	}
	// Exact (length of q), then prefix, one length at a time.
	qn := int32(utf8.RuneCountInString(q))
	for n := qn; n <= x.maxLen && len(out) < limit; n++ {
		list := x.byLen[n]
		i := sort.Search(len(list), func(i int) bool { return x.slots[list[i]].key >= q })
		var level []*nameKey
		for ; i < len(list) && strings.HasPrefix(x.slots[list[i]].key, q); i++ {
			level = append(level, &x.slots[list[i]])
		}
		sort.SliceStable(level, func(i, j int) bool { return level[i].id < level[j].id })
		for _, k := range level {
			accept(k)
		}
	}
	if len(out) >= limit {
		return out[:limit]
	}
	// Substring: walk the rarest gram's list by (length, ID).
	var list []int32
	if qn == 1 {
		list = x.grams[q]
	} else {
		rs := []rune(q)
		for i := 0; i+1 < len(rs); i++ {
			l, ok := x.grams[string(rs[i:i+2])]
			if !ok {
				return out
			}
			if list == nil || len(l) < len(list) {
				list = l
			}
		}
	}
	cur := int32(-1)
	for _, sl := range list {
		k := &x.slots[sl]
		if k.runes < qn {
			continue
		}
		if k.runes != cur {
			if len(out) >= limit {
				break
			}
			cur = k.runes
		}
		if strings.Contains(k.key, q) {
			accept(k)
		}
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}
