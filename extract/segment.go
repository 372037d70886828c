package extract

import (
	"reflect"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/go-ego/gse"
)

var (
	segOnce sync.Once
	seg     gse.Segmenter
	segErr  error
	// segTok holds, per token of seg.Dict.Tokens (same index), what the
	// shortest-path segmentation needs: the token's length in words and its
	// path distance, read from gse once after loading (see viterbi).
	segTok []tokInfo
)

type tokInfo struct {
	words int
	dist  float32
}

// Warm loads the gazetteers and the gse dictionary (embedded zh_s plus the
// gazetteer words in one LoadDictStr call). It runs once per process; later
// calls return at once. It is safe for concurrent use.
func Warm() {
	segOnce.Do(func() {
		g := loadGazetteer()
		seg.SkipLog = true
		if segErr = seg.LoadDictEmbed("zh_s"); segErr != nil {
			return
		}
		if segErr = seg.LoadDictStr(g.extraWords()); segErr != nil {
			return
		}
		segTok = make([]tokInfo, len(seg.Dict.Tokens))
		for i := range seg.Dict.Tokens {
			v := reflect.ValueOf(&seg.Dict.Tokens[i]).Elem()
			segTok[i] = tokInfo{words: v.FieldByName("text").Len(), dist: float32(v.FieldByName("distance").Float())}
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
	return sc.viterbi(text)
}

// segScratch holds the buffers of one segmentation, reused across sentences.
type segScratch struct {
	buf   []byte
	words []gse.Text
	runes []int // rune length of each word
	jump  []jumper
	toks  []*gse.Token
}

// jumper is the best path ending at a word: its distance, the length in
// words of its last token and that token's POS.
type jumper struct {
	dist  float32
	words int
	pos   string
}

var scratchPool = sync.Pool{New: func() any { return &segScratch{} }}

// viterbi is gse's default segmentation (Segmenter.Segment, no search
// mode, no HMM: the shortest path over the dictionary's tokens, a pseudo
// token of distance 32 for a character no token starts with) written over
// reused buffers: no allocation per character. It splits words like
// SplitTextToWords (a run of Latin letters or digits is one word, lowered),
// looks them up with Dictionary.LookupTokens and updates the path like
// updateJumper, with the distances gse computed (segTok). TestViterbiMatchesGse
// checks it against seg.Pos on every sentence of the test pages.
func (sc *segScratch) viterbi(text []rune) []token {
	// words, as SplitTextToWords (AlphaNum, Alpha, Num are false)
	sc.buf = sc.buf[:0]
	for _, r := range text {
		sc.buf = utf8.AppendRune(sc.buf, r)
	}
	b := sc.buf
	sc.words, sc.runes = sc.words[:0], sc.runes[:0]
	cur, alnumStart, alnumRunes := 0, 0, 0
	inAlnum := true
	for cur < len(b) {
		r, size := utf8.DecodeRune(b[cur:])
		if size <= 2 && (unicode.IsLetter(r) || unicode.IsNumber(r)) {
			if !inAlnum {
				alnumStart, alnumRunes, inAlnum = cur, 0, true
			}
			alnumRunes++
		} else {
			if inAlnum {
				inAlnum = false
				if cur != 0 {
					sc.words = append(sc.words, lowerASCII(b[alnumStart:cur]))
					sc.runes = append(sc.runes, alnumRunes)
				}
			}
			sc.words = append(sc.words, b[cur:cur+size])
			sc.runes = append(sc.runes, 1)
		}
		cur += size
	}
	if inAlnum && cur != 0 {
		sc.words = append(sc.words, lowerASCII(b[alnumStart:cur]))
		sc.runes = append(sc.runes, alnumRunes)
	}
	words := sc.words
	if len(words) == 0 {
		return []token{}
	}
	// the shortest path, as segmentWords
	maxLen := seg.Dict.MaxTokenLen()
	if cap(sc.toks) < maxLen {
		sc.toks = make([]*gse.Token, maxLen)
	}
	toks := sc.toks[:maxLen]
	if cap(sc.jump) < len(words) {
		sc.jump = make([]jumper, len(words))
	}
	jump := sc.jump[:len(words)]
	clear(jump)
	base0 := unsafe.Pointer(unsafe.SliceData(seg.Dict.Tokens))
	size := unsafe.Sizeof(gse.Token{})
	update := func(j *jumper, base, dist float32, words int, pos string) {
		d := base + dist
		if j.dist == 0 || j.dist > d {
			j.dist, j.words, j.pos = d, words, pos
		}
	}
	for c := range words {
		var base float32
		if c > 0 {
			base = jump[c-1].dist
		}
		nt := seg.Dict.LookupTokens(words[c:min(c+maxLen, len(words))], toks)
		first := 0
		for k := 0; k < nt; k++ {
			idx := int((uintptr(unsafe.Pointer(toks[k])) - uintptr(base0)) / size)
			if idx < 0 || idx >= len(segTok) || &seg.Dict.Tokens[idx] != toks[k] {
				return nil // not a dictionary token: never happens
			}
			ti := segTok[idx]
			if k == 0 {
				first = ti.words
			}
			update(&jump[c+ti.words-1], base, ti.dist, ti.words, toks[k].Pos())
		}
		if nt == 0 || first > 1 {
			update(&jump[c], base, 32, 1, "x")
		}
	}
	// back from the end: the tokens of the path, then their rune offsets
	nseg := 0
	for i := len(words) - 1; i >= 0; i -= jump[i].words {
		nseg++
	}
	out := make([]token, nseg)
	k := nseg
	for i := len(words) - 1; i >= 0; i -= jump[i].words {
		k--
		out[k] = token{start: i - jump[i].words + 1, end: i + 1, pos: jump[i].pos} // word offsets for now
	}
	at := 0
	for k := range out {
		n := 0
		for w := out[k].start; w < out[k].end; w++ {
			n += sc.runes[w]
		}
		out[k].start, out[k].end = at, at+n
		at += n
	}
	if at != len(text) {
		return nil // the segmenter altered the text: ignore its hints
	}
	return out
}

// lowerASCII lowers ASCII letters in place (gse.ToLower is on by default).
func lowerASCII(w []byte) []byte {
	if !gse.ToLower {
		return w
	}
	for i, c := range w {
		if c >= 'A' && c <= 'Z' {
			w[i] = c - 'A' + 'a'
		}
	}
	return w
}

// segment fills the sentence's tokens on first use: most sentences never
// ask the segmenter (no rule looks at their word boundaries).
func (s *sentence) segment() {
	if s.toked {
		return
	}
	s.toked = true
	ts := tokenize(s.n)
	if len(ts) == 0 {
		return
	}
	s.toks = make([]token, len(s.n)+1)
	s.tokSt = make([]bool, len(s.n)+1)
	for _, t := range ts {
		s.toks[t.end] = t
		s.tokSt[t.start] = true
	}
}

// hasToks reports whether the segmenter gave hints for the sentence.
func (s *sentence) hasToks() bool {
	s.segment()
	return s.tokSt != nil
}

// tokStart reports whether a token starts at rune i.
func (s *sentence) tokStart(i int) bool {
	s.segment()
	return i >= 0 && i < len(s.tokSt) && s.tokSt[i]
}

// tokAt returns the token ending at rune i.
func (s *sentence) tokAt(i int) (token, bool) {
	s.segment()
	if i < 0 || i >= len(s.toks) || s.toks[i].end != i || i == 0 {
		return token{}, false
	}
	return s.toks[i], true
}
