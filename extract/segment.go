package extract

import (
	"reflect"
	"sync"
	"unicode"

	"github.com/go-ego/gse"
)

var (
	segOnce sync.Once
	segErr  error
	// segDict is gse's dictionary in a form the collector need not trace:
	// its keys in a trie stepped by rune (runeTrie; gse's cedar trie steps
	// by byte) and, per token, what the shortest-path segmentation needs.
	// gse's own Dictionary holds over a million small objects; marking them
	// on every collection cost about a fifth of the extraction time.
	segDict struct {
		trie    runeTrie // gse's keys, one step per rune, with their tokInfo
		pos     []string // POS tags by tokInfo.pos
		posX    uint16   // the index of "x", the tag of a pseudo token
		maxLen  int      // the longest token in words
		lowered bool     // gse.ToLower when the dictionary was loaded
	}
)

type tokInfo struct {
	words uint16  // the token's length in words (see viterbi); 0: no token
	pos   uint16  // index into segDict.pos
	dist  float32 // gse's path distance of the token
}

// loadGse loads gse with the embedded zh_s dictionary plus the gazetteer
// words in one LoadDictStr call.
func loadGse(g *gazetteer) (*gse.Segmenter, error) {
	seg := &gse.Segmenter{SkipLog: true}
	if err := seg.LoadDictEmbed("zh_s"); err != nil {
		return nil, err
	}
	if err := seg.LoadDictStr(g.extraWords()); err != nil {
		return nil, err
	}
	return seg, nil
}

// Warm loads the gazetteers and the gse dictionary (embedded zh_s plus the
// gazetteer words in one LoadDictStr call). It runs once per process; later
// calls return at once. It is safe for concurrent use.
func Warm() {
	segOnce.Do(func() {
		g := loadGazetteer()
		seg, err := loadGse(g)
		if err != nil {
			segErr = err
			return
		}
		// copy what segmentation reads out of gse's dictionary (its token
		// text and distance are unexported: read once by reflection)
		d := &segDict
		d.maxLen, d.lowered = seg.Dict.MaxTokenLen(), gse.ToLower
		var rb runeTrieBuilder
		posIdx := map[string]uint16{}
		var key []byte
		for i := range seg.Dict.Tokens {
			t := &seg.Dict.Tokens[i]
			v := reflect.ValueOf(t).Elem()
			text := v.FieldByName("text")
			key = key[:0]
			for w := 0; w < text.Len(); w++ {
				key = append(key, text.Index(w).Bytes()...)
			}
			p, ok := posIdx[t.Pos()]
			if !ok {
				p = uint16(len(d.pos))
				posIdx[t.Pos()] = p
				d.pos = append(d.pos, t.Pos())
			}
			rb.insert(key, tokInfo{words: uint16(text.Len()), pos: p, dist: float32(v.FieldByName("distance").Float())})
		}
		d.trie = rb.build()
		if p, ok := posIdx["x"]; ok {
			d.posX = p
		} else {
			d.posX = uint16(len(d.pos))
			d.pos = append(d.pos, "x")
		}
	})
}

// token is one word of the segmentation with its part-of-speech hint.
type token struct {
	start, end int // rune offsets in the segmented text
	pos        string
}

// tokenize segments text; POS tags are hints only (never entity types).
func tokenize(text []rune) []token {
	Warm()
	if segErr != nil {
		return nil
	}
	sc := scratchPool.Get().(*segScratch)
	defer scratchPool.Put(sc)
	ws := sc.viterbi(text)
	if ws == nil {
		return nil
	}
	out := make([]token, len(ws))
	for k, w := range ws {
		out[k] = token{w.start, w.end, segDict.pos[w.pos]}
	}
	return out
}

// segScratch holds the buffers of one segmentation, reused across sentences.
type segScratch struct {
	wbeg []int32 // rune offset where each word starts, then len(text)
	jump []jumper
	out  []wtok
}

// wtok is a token of viterbi: rune offsets and the index of its POS.
type wtok struct {
	start, end int
	pos        uint16
}

// jumper is the best path ending at a word: its distance, the length in
// words of its last token and that token's POS.
type jumper struct {
	dist  float32
	words int
	pos   uint16 // index into segDict.pos
}

var scratchPool = sync.Pool{New: func() any { return &segScratch{} }}

// viterbi is gse's default segmentation (Segmenter.Segment, no search
// mode, no HMM: the shortest path over the dictionary's tokens, a pseudo
// token of distance 32 for a character no token starts with) written over
// reused buffers: no allocation per character. It splits words like
// SplitTextToWords (a run of Latin letters or digits is one word, lowered),
// looks them up like Dictionary.LookupTokens (in segDict.trie, gse's keys
// by rune) and updates the path like updateJumper, with gse's distances.
// TestViterbiMatchesGse checks it against seg.Pos on every sentence of the
// test pages. The result lives in sc until its next use.
func (sc *segScratch) viterbi(text []rune) []wtok {
	// words, as SplitTextToWords (AlphaNum, Alpha, Num are false): a rune
	// of one or two UTF-8 bytes that is a letter or a number joins a run
	sc.wbeg = sc.wbeg[:0]
	inAlnum := false
	for i, r := range text {
		if r < 0x800 && (unicode.IsLetter(r) || unicode.IsNumber(r)) {
			if !inAlnum {
				sc.wbeg = append(sc.wbeg, int32(i))
				inAlnum = true
			}
			continue
		}
		inAlnum = false
		sc.wbeg = append(sc.wbeg, int32(i))
	}
	nw := len(sc.wbeg)
	if nw == 0 {
		return sc.out[:0]
	}
	sc.wbeg = append(sc.wbeg, int32(len(text)))
	wbeg := sc.wbeg
	// the shortest path, as segmentWords
	d := &segDict
	t := &d.trie
	if cap(sc.jump) < nw {
		sc.jump = make([]jumper, nw)
	}
	jump := sc.jump[:nw]
	clear(jump)
	update := func(j *jumper, base, dist float32, words int, pos uint16) {
		nd := base + dist
		if j.dist == 0 || j.dist > nd {
			j.dist, j.words, j.pos = nd, words, pos
		}
	}
	for c := range nw {
		var base float32
		if c > 0 {
			base = jump[c-1].dist
		}
		// the tokens starting at c, shortest first (Dictionary.LookupTokens)
		first := 0
		id := uint32(0)
		var e *trieEdge // the edge into id (nil at the root)
	words:
		for k := c; k < min(c+d.maxLen, nw); k++ {
			for _, r := range text[wbeg[k]:wbeg[k+1]] {
				if r >= 'A' && r <= 'Z' && d.lowered {
					r += 'a' - 'A'
				}
				if e != nil && e.kids&kidBit(r) == 0 {
					break words // id has no child by r: no probe needed
				}
				if e = t.child(id, r); e.kid == 0 {
					break words
				}
				id = e.kid
			}
			ti := e.info
			if ti.words == 0 {
				continue
			}
			if first == 0 {
				first = int(ti.words)
			}
			update(&jump[c+int(ti.words)-1], base, ti.dist, int(ti.words), ti.pos)
		}
		if first == 0 || first > 1 {
			update(&jump[c], base, 32, 1, d.posX)
		}
	}
	// back from the end: the tokens of the path with their rune offsets
	nseg := 0
	for i := nw - 1; i >= 0; i -= jump[i].words {
		nseg++
	}
	if cap(sc.out) < nseg {
		sc.out = make([]wtok, nseg)
	}
	out := sc.out[:nseg]
	k := nseg
	for i := nw - 1; i >= 0; i -= jump[i].words {
		k--
		out[k] = wtok{start: int(wbeg[i-jump[i].words+1]), end: int(wbeg[i+1]), pos: jump[i].pos}
	}
	return out
}

// segment fills the sentence's tokens on first use: most sentences never
// ask the segmenter (no rule looks at their word boundaries).
func (s *sentence) segment() {
	if !s.toked {
		s.segmentOnce()
	}
}

// segmentOnce is segment, worked out (not inlined, so that segment is).
func (s *sentence) segmentOnce() {
	s.toked = true
	Warm()
	if segErr != nil {
		return
	}
	sc := scratchPool.Get().(*segScratch)
	defer scratchPool.Put(sc)
	ws := sc.viterbi(s.n)
	if len(ws) == 0 {
		return
	}
	s.toks = s.scratch.tokEnds(len(s.n) + 1)
	for _, w := range ws {
		s.toks[w.end] = tokEnd{beg: int32(w.start) + 1, pos: w.pos}
	}
}

// tokEnd is the token ending at a rune of a sentence: 1 + its start (0: no
// token ends there) and its POS (segDict.pos).
type tokEnd struct {
	beg int32
	pos uint16
}

// hasToks reports whether the segmenter gave hints for the sentence.
func (s *sentence) hasToks() bool {
	s.segment()
	return s.toks != nil
}

// tokStart reports whether a token starts at rune i (tokens cover the
// sentence: one starts at 0 and where another ends).
func (s *sentence) tokStart(i int) bool {
	s.segment()
	return s.toks != nil && i >= 0 && i < len(s.n) && (i == 0 || s.toks[i].beg != 0)
}

// tokAt returns the token ending at rune i.
func (s *sentence) tokAt(i int) (token, bool) {
	s.segment()
	if i <= 0 || i >= len(s.toks) || s.toks[i].beg == 0 {
		return token{}, false
	}
	return token{int(s.toks[i].beg) - 1, i, segDict.pos[s.toks[i].pos]}, true
}
