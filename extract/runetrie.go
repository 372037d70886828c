package extract

import "unicode/utf8"

// runeTrie maps the segmentation dictionary's keys (a token's words, their
// UTF-8 bytes concatenated, as gse's cedar trie holds them) to what
// segmentation needs of the token (tokInfo), one step per rune: a Han character is one step instead of
// three byte steps through cedar's double array. Exact-key semantics are
// those of gse's reduced cedar trie: a walk continues while the runes so
// far are a prefix of some key, and a node has a value if they are a key.
//
// The children of the root sit in a dense table (runes below 0x10000);
// every other edge is in one open-addressing hash table keyed by
// (parent, rune). Node 0 is the root; a child id of 0 means no child. Each
// entry holds the child's tokInfo next to its id, so a step costs one
// memory access, not two. Everything is pointer-free: the collector never
// traces it.
type runeTrie struct {
	root  []trieEdge // child of the root by rune (< len(root)); key unused
	edges []trieEdge // by edgeHash(key); key 0 = empty slot
	mask  uint64
}

// trieEdge is an edge and the node it leads to.
type trieEdge struct {
	key  uint64 // edgeKey(parent, rune)
	kid  uint32
	kids uint32  // kidBit of every rune the child has a child by (a filter: most failing steps need no probe)
	info tokInfo // the node's value; words == 0 when it is not a key
}

// kidBit is r's bit in trieEdge.kids.
func kidBit(r rune) uint32 { return 1 << (uint32(r) * 0x9E3779B1 >> 27) }

func edgeKey(parent uint32, r rune) uint64 {
	return (uint64(parent)+1)<<32 | uint64(uint32(r))
}

func edgeHash(k uint64) uint64 {
	k *= 0x9E3779B97F4A7C15
	return k ^ k>>29
}

// noEdge is what child returns when there is no child: kid 0.
var noEdge trieEdge

// child returns the edge from node id by rune r (its kid is the child and
// its info the child's value); an edge with kid 0 when there is none.
func (t *runeTrie) child(id uint32, r rune) *trieEdge {
	if id == 0 && uint32(r) < uint32(len(t.root)) {
		return &t.root[r]
	}
	return t.lookup(id, r)
}

// lookup finds the edge from id by r in the hash table. Not inlined, so
// that child (whose root step is most of the calls) is.
//
//go:noinline
func (t *runeTrie) lookup(id uint32, r rune) *trieEdge {
	k := edgeKey(id, r)
	for i := edgeHash(k) & t.mask; ; i = (i + 1) & t.mask {
		e := &t.edges[i]
		if e.key == k {
			return e
		}
		if e.key == 0 {
			return &noEdge
		}
	}
}

// runeTrieBuilder collects the keys before build.
type runeTrieBuilder struct {
	edges map[uint64]uint32
	val   []tokInfo
}

// insert adds key with value v; a key inserted again takes the new value
// (as cedar's Insert). A key that is not valid UTF-8 can never equal a
// sentence's words (valid UTF-8 by construction) and is skipped.
func (b *runeTrieBuilder) insert(key []byte, v tokInfo) {
	if !utf8.Valid(key) {
		return
	}
	if b.edges == nil {
		b.edges = map[uint64]uint32{}
		b.val = []tokInfo{{}}
	}
	id := uint32(0)
	for len(key) > 0 {
		r, size := utf8.DecodeRune(key)
		key = key[size:]
		k := edgeKey(id, r)
		c, ok := b.edges[k]
		if !ok {
			c = uint32(len(b.val))
			b.val = append(b.val, tokInfo{})
			b.edges[k] = c
		}
		id = c
	}
	b.val[id] = v
}

func (b *runeTrieBuilder) build() runeTrie {
	t := runeTrie{root: make([]trieEdge, 0x10000)}
	n := uint64(1)
	for n < 2*uint64(len(b.edges))+2 {
		n <<= 1
	}
	t.edges, t.mask = make([]trieEdge, n), n-1
	kids := make([]uint32, len(b.val))
	for k := range b.edges {
		kids[k>>32-1] |= kidBit(rune(uint32(k)))
	}
	for k, c := range b.edges {
		e := trieEdge{key: k, kid: c, kids: kids[c], info: b.val[c]}
		if k>>32 == 1 && k&0xffffffff < 0x10000 {
			t.root[k&0xffffffff] = e
			continue
		}
		i := edgeHash(k) & t.mask
		for t.edges[i].key != 0 {
			i = (i + 1) & t.mask
		}
		t.edges[i] = e
	}
	return t
}
