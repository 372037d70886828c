package extract

import (
	"sync"

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
func tokenize(text []rune) []token {
	Warm()
	if segErr != nil {
		return nil
	}
	var out []token
	i := 0
	for _, sp := range seg.Pos(string(text), false) {
		n := len([]rune(sp.Text))
		out = append(out, token{i, i + n, sp.Pos})
		i += n
	}
	if i != len(text) {
		return nil // the segmenter altered the text: ignore its hints
	}
	return out
}
