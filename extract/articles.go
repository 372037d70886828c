package extract

import (
	"slices"
	"sort"
	"strings"
	"unsafe"
)

// article is one article of a page: its title, authors and paragraphs.
type article struct {
	title   string
	authors []string
	paras   []span
	norm    string // cached normalised text for headline matching

	// caches for headline matching (built once per article, so matching
	// stays linear in headlines x articles)
	paraNorm []string // normalised paragraphs ("": not yet)
	bigramOf []uint64 // the Han bigrams of norm (bigramKey), sorted
	indexed  bool     // bigramOf was made (by indexBigrams; paragraphs cut off since may leave extra ones)
	textStr  string   // text(), for textOf paragraphs
	textOf   int
}

// normPara returns the article's normalised paragraph i, cached (most
// articles are only asked for their first).
func (a *article) normPara(i int) string {
	if len(a.paraNorm) != len(a.paras) {
		a.paraNorm = make([]string, len(a.paras))
	}
	if a.paraNorm[i] == "" {
		a.paraNorm[i] = normParens(a.paras[i].String())
	}
	return a.paraNorm[i]
}

// hasBigram reports whether the article's text holds the Han bigram b, one
// of the headline bigrams indexBigrams was given.
func (a *article) hasBigram(b [2]rune) bool {
	_, ok := slices.BinarySearch(a.bigramOf, bigramKey(b))
	return ok
}

// indexBigrams records which of the wanted bigrams (the headlines') the
// article's normalised text holds.
func (a *article) indexBigrams(wanted map[uint64]bool, maybe *bigramFilter) {
	// the bigrams of normParens(a.text()), read off the paragraphs' runes:
	// the newlines between them and the parentheses normParens folds are
	// no Han characters either way
	a.bigramOf, a.indexed = a.bigramOf[:0], true
	for _, p := range a.paras {
		var prev rune = -1
		for _, r := range p.text {
			if isHan(r) && prev >= 0 && isHan(prev) {
				if k := bigramKey([2]rune{prev, r}); maybe.has(k) && wanted[k] {
					a.bigramOf = append(a.bigramOf, k)
				}
			}
			prev = r
		}
	}
	slices.Sort(a.bigramOf)
}

func bigramKey(b [2]rune) uint64 { return uint64(uint32(b[0]))<<32 | uint64(uint32(b[1])) }

// bigramFilter is a set of bigram keys that may answer yes for a key not
// in it (a one-hash Bloom filter of 2^16 bits): most of an article's
// bigrams are no headline's, and need no map lookup.
type bigramFilter [1 << 10]uint64

func bigramBit(k uint64) uint64 { return (k * 0x9E3779B97F4A7C15) >> 48 }

func (f *bigramFilter) add(k uint64) { h := bigramBit(k); f[h>>6] |= 1 << (h & 63) }

func (f *bigramFilter) has(k uint64) bool { h := bigramBit(k); return f[h>>6]&(1<<(h&63)) != 0 }

// text is the paragraphs joined by newlines (cached while the paragraphs
// stay: headline matching may only cut an article's tail off).
func (a *article) text() string {
	if a.textOf == len(a.paras) && a.textStr != "" {
		return a.textStr
	}
	size := max(0, len(a.paras)-1)
	for _, p := range a.paras {
		size += runesLen(p.text)
	}
	if size == 0 {
		a.textStr, a.textOf = "", len(a.paras)
		return ""
	}
	b := make([]byte, 0, size)
	for i, p := range a.paras {
		if i > 0 {
			b = append(b, '\n')
		}
		b = appendRunes(b, p.text)
	}
	a.textStr, a.textOf = unsafe.String(&b[0], len(b)), len(a.paras) // b is never written again
	return a.textStr
}

// headline is a title found in a heading group, with the byline printed under it.
type headline struct {
	text    string
	authors []string
	key     string // leading place or zone name, e.g. 包头稀土高新区
	next    int    // index of the article that directly follows a single-title group, or -1
}

// leadingKey returns the zone or place name a headline starts with.
func leadingKey(s string) string {
	r := []rune(normParens(s))
	g := loadGazetteer()
	best := 0
	if n := g.zoneTrie.longest(r, 0); n > best {
		best = n
	}
	if n := g.regionTrie.longest(r, 0); n > best {
		best = n
	}
	if n := g.placeTrie.longest(r, 0); n > best {
		best = n
		// a city followed by a district or a zone name: 桂林七星区, 潍坊高新区
		if m := g.placeTrie.longest(r, n); m > 0 {
			best = n + m
		}
		for _, z := range g.zoneSuffixes {
			if strings.HasPrefix(string(r[best:]), z.Suffix) {
				best += runeLen(z.Suffix)
				break
			}
		}
		for i := best; i < len(r) && i < best+6; i++ {
			if strings.HasPrefix(string(r[i:]), "高新区") {
				best = i + 3
				break
			}
		}
	}
	return string(r[:best])
}

// layoutArticles splits the page into articles and matches headlines back.
func layoutArticles(text []rune) []*article { return layoutArticlesIn(text, nil) }

// layoutArticlesIn is layoutArticles with the lines and paragraphs in sc
// (allocated when sc is nil).
func layoutArticlesIn(text []rune, sc *pageScratch) []*article {
	bl := blocks(splitLines(text, sc), sc)
	var arts []*article
	var heads []headline
	var cur *article
	closed := true
	newArt := func() {
		cur = &article{}
		arts = append(arts, cur)
		closed = false
	}
	seenBody := false
	for i, b := range bl {
		switch b.kind {
		case lineDateline:
			newArt()
			cur.authors = append(cur.authors, bylineNames(b.byline)...)
			cur.authors = append(cur.authors, b.credits...)
			if b.sp.len() > 0 {
				cur.paras = append(cur.paras, b.sp)
			}
			seenBody = true
		case lineBody:
			if closed {
				newArt()
			}
			cur.paras = append(cur.paras, b.sp)
			cur.authors = append(cur.authors, b.credits...)
			seenBody = true
		case lineByline:
			if cur != nil {
				cur.authors = append(cur.authors, bylineNames(b.lines[0].String())...)
				closed = true
			}
		case lineHeading:
			hs := splitHeadlines(b.lines)
			isTitle := !seenBody
			for _, h := range hs {
				if h.key != "" || len(h.authors) > 0 {
					isTitle = true
				}
			}
			if !isTitle {
				if closed {
					newArt()
				}
				for _, l := range b.lines {
					cur.paras = append(cur.paras, join([]span{l}, sc))
				}
				continue
			}
			followed := i+1 < len(bl) && (bl[i+1].kind == lineBody || bl[i+1].kind == lineDateline)
			if followed {
				closed = true
				if len(hs) == 1 {
					hs[0].next = len(arts)
				}
			}
			heads = append(heads, hs...)
		}
	}
	matchHeadlines(&arts, heads)
	for _, a := range arts {
		a.authors = dedup(a.authors)
	}
	return arts
}

// maxHeadlineBytes bounds a headline gathered from several lines (UTF-8 bytes).
const maxHeadlineBytes = 240

func splitHeadlines(lines []span) []headline {
	var out []headline
	for _, l := range lines {
		s := join([]span{l}, nil).String()
		if strings.HasPrefix(s, "▶") || strings.HasPrefix(s, "►") {
			if len(out) > 0 {
				out[len(out)-1].authors = append(out[len(out)-1].authors, bylineNames(s)...)
			}
			continue
		}
		k := leadingKey(s)
		// A headline is short: past maxHeadlineBytes the lines are not one
		// headline (this also keeps the concatenation below linear).
		if len(out) == 0 || k != "" || len(out[len(out)-1].text) > maxHeadlineBytes {
			out = append(out, headline{text: s, key: k, next: -1})
			continue
		}
		out[len(out)-1].text += s
	}
	return out
}

func bigrams(s string) [][2]rune {
	r := []rune(s)
	var out [][2]rune
	for i := 0; i+1 < len(r); i++ {
		if isHan(r[i]) && isHan(r[i+1]) {
			out = append(out, [2]rune{r[i], r[i+1]})
		}
	}
	return out
}

// keyBigramsIn reports whether the article holds every Han bigram of a
// headline's key (the key starts the normalised headline, so its bigrams
// are among those indexBigrams recorded): when one is missing, neither the
// first paragraph nor the article holds the key, and no search is needed.
func keyBigramsIn(key string, a *article) bool {
	if !a.indexed {
		return true // not known: search
	}
	var prev rune = -1
	for _, r := range key {
		if isHan(r) && prev >= 0 && isHan(prev) && !a.hasBigram([2]rune{prev, r}) {
			return false
		}
		prev = r
	}
	return true
}

func titleScore(h headline, bg [][2]rune, a *article, idx int) float64 {
	if len(a.paras) == 0 {
		return 0
	}
	score := 0.0
	if h.key != "" && keyBigramsIn(h.key, a) {
		if a.norm == "" {
			a.norm = normParens(a.text())
		}
		if strings.Contains(a.normPara(0), h.key) {
			score += 4
		}
		if strings.Contains(a.norm, h.key) {
			score += 2
		}
	}
	if len(bg) > 0 {
		hit := 0
		for _, b := range bg {
			if a.hasBigram(b) {
				hit++
			}
		}
		score += 3 * float64(hit) / float64(len(bg))
	}
	if h.next == idx {
		score += 5
	}
	return score
}

// matchHeadlines gives each article its headline: greedily by content score,
// then, for a headline left over, by splitting the article in which its key
// first appears in a later paragraph (an article printed without a dateline).
func matchHeadlines(arts *[]*article, heads []headline) {
	type pair struct {
		h, a int
		s    float64
	}
	var pairs []pair
	bgs := make([][][2]rune, len(heads))
	wanted := map[uint64]bool{}
	maybe := &bigramFilter{}
	for hi, h := range heads {
		bgs[hi] = bigrams(h.text)
		for _, b := range bgs[hi] {
			wanted[bigramKey(b)] = true
			maybe.add(bigramKey(b))
		}
	}
	if len(wanted) > 0 {
		for _, a := range *arts {
			if len(a.paras) > 0 {
				a.indexBigrams(wanted, maybe)
			}
		}
	}
	for hi, h := range heads {
		bg := bgs[hi]
		for ai, a := range *arts {
			if s := titleScore(h, bg, a, ai); s >= 1.5 {
				pairs = append(pairs, pair{hi, ai, s})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].s > pairs[j].s })
	usedH := map[int]bool{}
	for _, p := range pairs {
		a := (*arts)[p.a]
		if usedH[p.h] || a.title != "" {
			continue
		}
		usedH[p.h] = true
		a.title = heads[p.h].text
		a.authors = append(a.authors, heads[p.h].authors...)
	}
	for hi, h := range heads {
		if usedH[hi] || h.key == "" {
			continue
		}
	split:
		for ai, a := range *arts {
			if !keyBigramsIn(h.key, a) {
				continue // no paragraph holds the key
			}
			for pi := 1; pi < len(a.paras); pi++ {
				if strings.Contains(a.normPara(pi), h.key) {
					if strings.Contains(a.normPara(0), h.key) {
						break // the key is already in the article's first paragraph
					}
					na := &article{title: h.text, authors: h.authors, paras: append([]span(nil), a.paras[pi:]...)}
					a.paras = a.paras[:pi]
					rest := append([]*article{na}, (*arts)[ai+1:]...)
					*arts = append((*arts)[:ai+1], rest...)
					usedH[hi] = true
					break split
				}
			}
		}
	}
	for _, a := range *arts {
		if a.title == "" && len(a.paras) > 0 {
			a.title = firstClause(a.paras[0].String())
		}
	}
}

func firstClause(s string) string {
	r := []rune(s)
	for i, c := range r {
		if rsClauseEnd.has(c) || i >= 30 {
			return string(r[:i])
		}
	}
	return s
}

func dedup(s []string) []string {
	var out []string
	if len(s) <= 16 { // a few names: no map
	next:
		for _, x := range s {
			for _, y := range out {
				if x == y {
					continue next
				}
			}
			out = append(out, x)
		}
		return out
	}
	seen := map[string]bool{}
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
