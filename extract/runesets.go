package extract

// Rune sets for the constant character classes the rules test rune by rune
// (strings.ContainsRune on a literal scanned the literal on every call).
var (
	rsClauseEnd         = newRuneSet("，。；！？")
	rsSoftBreak         = newRuneSet(softBreak)
	rsSentenceEnd       = newRuneSet(sentenceEnd)
	rsSentenceSplit     = newRuneSet(sentenceEnd + "“‘”’") // what sentences looks at below a long sentence's length
	rsQuoteColon        = newRuneSet("“”\"'‘’：:")
	rsDescStop          = newRuneSet("，。；：！？,;:!?“”‘’\"《》 ")
	rsCloser            = newRuneSet("”’」』)）")
	rsParagraphEnd      = newRuneSet(sentenceEnd + "；")
	rsClausePunct       = newRuneSet("，。；：！？、,;:!?")
	rsGluedPrep         = newRuneSet("向为与由在从给对把被和及同将")
	rsApprox            = newRuneSet("超约近")
	rsNumeralHalf       = newRuneSet("一二三四五六七八九十百千万两半")
	rsMeasureFirm       = newRuneSet("家个名位")
	rsNumeralEach       = newRuneSet("一二三四五六七八九十百千万两几多余每各")
	rsWordTail          = newRuneSet("像有即如")
	rsDemonstrativeNext = newRuneSet(demonstrativeNext)
	rsNumeralEachNum    = newRuneSet("一二三四五六七八九十百千万两几多余每各数")
	rsItemStart         = newRuneSet("：:；;，,。")
	rsCountNumeral      = newRuneSet("一二三四五六七八九十百千多余几")
	rsBodyMeasure       = newRuneSet("家个所座批")
	rsPhaseNumeral      = newRuneSet("一二三四五六七八九十")
	rsClauseEndColon    = newRuneSet("，。；！？：")
	rsConjunction       = newRuneSet("和与及或、等")
	rsApproxAmount      = newRuneSet("约超近达逾")
	rsAmountNumeral     = newRuneSet("一二三四五六七八九十两")
	rsProjectMeasure    = newRuneSet("个家批")
	rsProjectNumeral    = newRuneSet("一二三四五六七八九十百千几多")
	rsCountedNumeral    = newRuneSet("一二三四五六七八九十百千两几多余数")
	rsMeasureWord       = newRuneSet(measureWords)
	rsWith              = newRuneSet("与和同")
	rsFullStop          = newRuneSet("；。")
	rsFor               = newRuneSet("向为给")
	rsListJoin          = newRuneSet("与和同及、")
	rsGeJia             = newRuneSet("个家")
	rsClauseEndShort    = newRuneSet("，。；")
)

// byRune is a map by rune read through a table below U+10000: the index
// of the rune's value in vals (0: none, the zero value).
type byRune[T any] struct {
	idx  []uint16
	vals []T
	wide map[rune]T
}

func newByRune[T any](m map[rune]T) *byRune[T] {
	b := &byRune[T]{idx: make([]uint16, 1<<16), vals: make([]T, 1), wide: map[rune]T{}}
	for r, v := range m {
		if r >= 0 && r < 1<<16 {
			if len(b.vals) == 1<<16 {
				panic("extract: byRune holds at most 65535 runes")
			}
			b.idx[r] = uint16(len(b.vals))
			b.vals = append(b.vals, v)
		} else {
			b.wide[r] = v
		}
	}
	return b
}

// get is m[r].
func (b *byRune[T]) get(r rune) T {
	if r >= 0 && r < 1<<16 {
		return b.vals[b.idx[r]]
	}
	return b.wide[r]
}
