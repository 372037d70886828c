package extract

import (
	"sync"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

var (
	segOnce sync.Once
	seg     gse.Segmenter
	segErr  error
)

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
		segErr = seg.LoadDictStr(g.extraWords())
	})
}

// token is one word of the segmentation with its part-of-speech hint.
type token struct {
	start, end int // rune offsets in the segmented text
	pos        string
}

// tokenize segments text; POS tags are hints only (never entity types).
// It reads gse's segments (byte offsets and token POS) directly: the same
// segmentation as seg.Pos(text, false) without building its strings.
func tokenize(text []rune) []token {
	Warm()
	if segErr != nil {
		return nil
	}
	b := []byte(string(text))
	segs := seg.Segment(b)
	out := make([]token, 0, len(segs))
	i, at := 0, 0
	for k := range segs {
		sg := &segs[k]
		if sg.Start() != at {
			return nil
		}
		n := utf8.RuneCount(b[sg.Start():sg.End()])
		out = append(out, token{i, i + n, sg.Token().Pos()})
		i += n
		at = sg.End()
	}
	if i != len(text) {
		return nil // the segmenter altered the text: ignore its hints
	}
	return out
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
