package extract

import (
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/zonegraph/zonegraph/kg"
)

// sentence is one sentence of an article with its normalised text
// (parentheses and full-width digits folded, same length as sp).
type sentence struct {
	art                int
	para               int
	sp                 span
	n                  []rune
	toked              bool     // toks is filled (segmentation is lazy)
	toks               []tokEnd // the token ending at rune i; nil when the segmenter gave no hints
	quote              bool     // inside a quotation
	cands              []cand   // cached rule candidates
	sel                []cand   // cached selectCands(cands)
	candsDone, selDone bool
	ev                 kg.Evidence  // the sentence as evidence, once (x.evidence)
	orig, norm         string       // string(sp.text) and string(n), once (text, normText)
	boff               []int32      // the byte offset in norm of each rune of n, then len(norm) (str)
	stops              []int32      // stopEndsAt(i) once known: 0 not yet, 1 false, 2 true
	titled, hasTitle   bool         // hasTitle (a rune that ends a title) is known; titleFacts
	scratch            *pageScratch // where boff and toks are cut from (nil: allocated)
}

// str is string(s.n[i:j]) without a copy: a substring of normText.
func (s *sentence) str(i, j int) string {
	if s.boff == nil {
		s.byteOffsets()
	}
	return s.norm[s.boff[i]:s.boff[j]]
}

// byteOffsets fills s.boff (and s.norm) for str, once; not inlined, so
// that str is.
func (s *sentence) byteOffsets() {
	{
		s.normText()
		s.boff = s.scratch.int32s(len(s.n) + 1)
		k := 0
		for x, r := range s.n {
			s.boff[x] = int32(k)
			if l := utf8.RuneLen(r); l > 0 {
				k += l
			} else {
				k += utf8.RuneLen(utf8.RuneError) // string([]rune) writes U+FFFD
			}
		}
		s.boff[len(s.n)] = int32(k) // == len(s.norm)
	}
}

// text is the sentence as written (the evidence's quote), built once.
func (s *sentence) text() string {
	if s.orig == "" {
		s.orig = s.sp.String()
	}
	return s.orig
}

// normText is string(s.n), built once; text itself when nothing folded
// (normRunes returned the span's own runes).
func (s *sentence) normText() string {
	if s.norm == "" {
		if len(s.n) > 0 && len(s.sp.text) > 0 && &s.n[0] == &s.sp.text[0] {
			s.norm = s.text()
		} else {
			s.norm = runesString(s.n)
		}
	}
	return s.norm
}

// normRunes folds full-width parentheses, digits and letters to ASCII, one rune for one.
// It returns t itself (capacity cut to its length) when nothing folds:
// the result is only read.
func normRunes(t []rune) []rune {
	for i, r := range t {
		if r >= '％' && normRune(r) != r { // every rune normRune folds is U+FF05 or above
			out := make([]rune, len(t))
			copy(out, t[:i])
			for k := i; k < len(t); k++ {
				out[k] = normRune(t[k])
			}
			return out
		}
	}
	return t[:len(t):len(t)]
}

// normRune is normRunes for one rune.
func normRune(r rune) rune {
	switch {
	case r == '（':
		return '('
	case r == '）':
		return ')'
	case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ', r == '％', r == '．':
		return r - 0xFEE0
	}
	return r
}

// normString is string(normRunes([]rune(s))) without the round trip
// through runes; s itself when nothing folds.
func normString(s string) string {
	// every rune normRune folds is in U+FF00-U+FFFF, whose UTF-8 starts
	// with the byte 0xEF (never a continuation byte): only runes starting
	// there need decoding
	i := 0
	for {
		j := strings.IndexByte(s[i:], 0xEF)
		if j < 0 {
			return s
		}
		i += j
		r, size := utf8.DecodeRuneInString(s[i:])
		if normRune(r) != r {
			break
		}
		i += size
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		b.WriteRune(normRune(r))
	}
	return b.String()
}

// cand is a candidate mention found by a rule.
type cand struct {
	start, end int
	label      kg.Label
	name       string // surface (normalised)
	kind       string // zone kind, or a rule tag
	parent     string // zone: key of the zone it is anchored on
	parentKey  string
	listed     bool
	alias      []string // extra surface forms (e.g. a district in parentheses)
	key        string   // canonical key when known (gazetteer zones)
	row        *zoneRow
	surf       string // the name as written (original parentheses and widths)
}

func (c cand) len() int { return c.end - c.start }

const punct = "，。；：！？、,;:!?“”‘’\"'《》「」『』…—-·/ \t\u3000【】[]"

var punctSet = newRuneSet(punct)

// isPunct reports whether r is in punct.
func isPunct(r rune) bool { return punctSet.has(r) }

var stopWords = byLenDescCopy([]string{
	"在", "与", "和", "及", "同", "由", "向", "从", "为", "对", "把", "被", "将", "让", "给", "跟", "于", "是", "的", "了", "着", "等",
	"包括", "走进", "进驻", "落户", "入驻", "签约", "引进", "帮助", "对接", "推动", "支持", "联合", "携手", "依托", "通过", "获得",
	"成立", "组建", "以及", "据", "经", "走访", "考察", "调研", "来到", "到", "赴", "前往", "参观", "开工建设", "开工", "建设", "投资",
	"打造", "拥有", "还有", "其中", "首先", "已", "还", "也", "都", "即", "如", "像", "有", "位于", "地处", "驻扎", "签署", "达成",
	"并", "或", "而", "但", "就", "则", "又", "再", "更", "最", "很", "重点推动", "推进", "加快", "启动", "举行", "召开", "出台",
	"新增", "新引进", "获批", "获评", "入选", "成为", "作为", "属于", "以", "用", "至", "向着", "聚焦", "聚力", "发挥", "适合",
	"今年", "去年", "近日", "日前", "目前", "当前", "此前", "同时", "此外", "另外", "其次", "最后", "如今", "未来",
	"调试", "投用", "参观了", "服务", "首场", "型企业", "类企业", "企业", "公司", "家", "个", "名", "位", "近", "约", "超", "共", "总", "总投资", "投入",
})

// zoneFirmWord are the words that follow a zone's name in the name of the
// zone's own investment company (stop words elsewhere).
var zoneFirmWord = map[string]bool{"投资": true, "建设": true, "发展": true, "开发": true, "产业": true, "城市": true, "科技": true}

func byLenDescCopy(s []string) []string { return byLenDesc(append([]string(nil), s...)) }

var stopRunes = runesOf(stopWords)

// stopByLast holds the stop words by their last rune, in stopRunes order;
// stopLast is the set of those last runes.
var stopByLast = byLastRune(stopRunes)

// stopByLastT and hardStopsByLastT are stopByLast and hardStopsByLast as
// tables.
var stopByLastT, hardStopsByLastT = newByRune(stopByLast), newByRune(hardStopsByLast)

var stopLast = func() *runeSet {
	rs := &runeSet{}
	for r := range stopByLast {
		rs.add(r)
	}
	return rs
}()

func runesOf(ws []string) [][]rune {
	out := make([][]rune, 0, len(ws))
	for _, w := range ws {
		out = append(out, []rune(w))
	}
	return out
}

// byLastRune indexes words by their last rune, keeping their order: the
// words that may end at a position are those ending with the rune there.
func byLastRune(ws [][]rune) map[rune][][]rune {
	m := map[rune][][]rune{}
	for _, w := range ws {
		if len(w) > 0 {
			m[w[len(w)-1]] = append(m[w[len(w)-1]], w)
		}
	}
	return m
}

// okInName are words the segmenter tags as verbs that often sit inside names.
var okInName = map[string]bool{"发展": true, "建设": false, "控股": true, "制造": true, "创新": true, "科技": true, "服务": false,
	"投资": false, "智造": true, "交大": true, "纺织": true, "研发": true, "咨询": true, "印刷": true, "医药": true, "生产": true,
	"转化": true, "研究": true, "检测": true, "孵化": true, "促进": true, "育成": true, "创业": true, "设计": true, "开发": true, "制药": true, "航运": true}

// leftStart finds where a name ending in front of index e begins: at the
// nearest punctuation, stop word, or verb/preposition hinted by the
// segmenter, scanning at most max runes left.
func (s *sentence) leftStart(e, max int) int {
	i := e
	for i > 0 && e-i < max {
		r := s.n[i-1]
		if isPunct(r) || !(isHan(r) || r == '(' || r == ')' || isASCIIAlnum(r)) {
			break
		}
		if r == ')' { // skip a parenthesised place: (泰州)
			j := i - 1
			for j > 0 && s.n[j-1] != '(' {
				j--
			}
			if j > 0 {
				i = j - 1
				continue
			}
		}
		if s.stopEndsAt(i) {
			break
		}
		i--
	}
	if i < e && s.stopEndsAt(i) {
		return s.fixStart(i, e)
	}
	i = s.fixStart(i, e)
	// digits and measure words never start a name; a word in Latin letters
	// does (ABB(中国)有限公司, TCL科技集团股份有限公司)
	for i < e && (isASCIIAlnum(s.n[i]) || s.n[i] == '(' || s.n[i] == ')') {
		if latinWordAt(s.n, i, e) {
			break
		}
		i++
	}
	return i
}

// fixStart corrects a name start i (before e) found at a stop word: a
// preposition the segmenter glued to a place (向山|东华光电) is dropped, and a
// cut inside an organisation word of the segmenter (中国建设|银行济南高新支行)
// moves to the word's start.
func (s *sentence) fixStart(i, e int) int {
	if !s.hasToks() {
		return i
	}
	if i < e-2 && rsGluedPrep.has(s.n[i]) && !s.tokStart(i+1) && loadGazetteer().placeTrie.longest(s.n, i+1) >= 2 {
		return i + 1
	}
	if i > 0 && i < e && !s.tokStart(i) {
		for k := i + 1; k <= e && k <= i+8; k++ {
			if t, ok := s.tokAt(k); ok && t.start < i && t.pos == "nt" {
				return t.start
			}
		}
	}
	return i
}

// latinWordAt reports whether a run of at least two Latin letters (no digit)
// starts at i and is followed by more of the name before e.
func latinWordAt(n []rune, i, e int) bool {
	if i > 0 && isASCIIAlnum(n[i-1]) {
		return false
	}
	k := i
	for k < e && k < len(n) && (n[k] >= 'A' && n[k] <= 'Z' || n[k] >= 'a' && n[k] <= 'z') {
		k++
	}
	if k-i < 2 || k >= e {
		return false
	}
	return !isASCIIAlnum(n[k]) || n[k] == '('
}

// hardStops are the stop words a name is never extended over.
var hardStops = byLenDescCopy([]string{"的", "是", "在", "由", "向", "从", "对", "把", "被", "给", "获得", "等", "企业", "公司",
	"走进", "进驻", "落户", "入驻", "包括", "其中", "引进", "新引进", "新增", "签约", "签署", "达成", "推动", "支持", "帮助", "对接", "通过", "依托", "携手", "联合", "以及", "和", "及", "同", "了", "着", "型企业", "类企业"})

var hardStopsByLast = byLastRune(runesOf(hardStops))

// nameWords are the generic words of a name's trade part: a name whose part
// in front of the suffix has nothing else (信息技术有限公司, 控股集团有限公司,
// 工程学院) lost its brand to a stop word the segmenter found inside it.
var nameWords = byLenDescCopy([]string{"数字", "系统", "国家", "重点", "工程", "设备", "产业", "控制", "计算", "运载", "集团", "有限", "股份",
	"高新", "创新", "机械", "信息", "技术", "科学", "研究", "联合", "综合", "实验", "先进"})

// genericNameCore reports whether core, stripped of industry and trade words
// and a parenthesised place, keeps fewer than two runes.
func (x *extractor) genericNameCore(core string) bool {
	if g, ok := x.genericMemo[core]; ok {
		return g
	}
	g := genericNameCore(x.gaz, core)
	if x.genericMemo == nil {
		x.genericMemo = map[string]bool{}
	}
	x.genericMemo[core] = g
	return g
}

func genericNameCore(gz *gazetteer, core string) bool {
	if i := strings.Index(core, "("); i >= 0 {
		if j := strings.Index(core[i:], ")"); j > 0 {
			core = core[:i] + core[i+j+1:]
		}
	}
	for changed := true; changed && core != ""; {
		changed = false
		for _, wm := range gz.coreWords {
			// the words in order, as a loop over all of them would try them,
			// but only those that can cut the core as it is: ending with its
			// last rune (a suffix) or starting with its first (a prefix)
			mask := wm.candidates(core)
			for k := 0; k < len(wm.words); k++ {
				if mask[k>>6]&(1<<(k&63)) == 0 {
					if k = nextBit(mask, k); k >= len(wm.words) {
						break
					}
				}
				w := wm.words[k]
				cut := false
				// the last byte first: most words do not end the core
				if len(core) >= len(w) && len(w) > 0 && core[len(core)-1] == w[len(w)-1] {
					if t, ok := strings.CutSuffix(core, w); ok {
						core, changed, cut = t, true, true
					}
				}
				// likewise the byte where w would end as a prefix
				if len(core) >= len(w) && len(w) > 0 && core[len(w)-1] == w[len(w)-1] {
					if t, ok := strings.CutPrefix(core, w); ok {
						core, changed, cut = t, true, true
					}
				}
				if cut {
					mask = wm.candidates(core)
				}
			}
		}
	}
	return runeLen(core) < 2
}

// wordMasks indexes a word list (at most 128 words) by the last and the
// first rune of its words, as bit masks over the words' indexes.
type wordMasks struct {
	words           []string
	byLast, byFirst map[rune][2]uint64
	// the same below U+10000: masks[lastIdx[r]] and masks[firstIdx[r]]
	// (masks[0] is empty)
	lastIdx, firstIdx []uint16
	masks             [][2]uint64
}

// maskOf returns m[r] through the rune's index in idx below U+10000.
func (wm *wordMasks) maskOf(idx []uint16, m map[rune][2]uint64, r rune) [2]uint64 {
	if r >= 0 && r < 1<<16 {
		return wm.masks[idx[r]]
	}
	return m[r]
}

func newWordMasks(words []string) *wordMasks {
	if len(words) > 128 {
		panic("extract: wordMasks holds at most 128 words")
	}
	wm := &wordMasks{words: words, byLast: map[rune][2]uint64{}, byFirst: map[rune][2]uint64{}}
	for k, w := range words {
		if w == "" {
			continue
		}
		f, _ := utf8.DecodeRuneInString(w)
		l, _ := utf8.DecodeLastRuneInString(w)
		m := wm.byFirst[f]
		m[k>>6] |= 1 << (k & 63)
		wm.byFirst[f] = m
		m = wm.byLast[l]
		m[k>>6] |= 1 << (k & 63)
		wm.byLast[l] = m
	}
	wm.lastIdx, wm.firstIdx, wm.masks = make([]uint16, 1<<16), make([]uint16, 1<<16), [][2]uint64{{}}
	for _, t := range []struct {
		m   map[rune][2]uint64
		idx []uint16
	}{{wm.byLast, wm.lastIdx}, {wm.byFirst, wm.firstIdx}} {
		for r, m := range t.m {
			if r >= 0 && r < 1<<16 {
				t.idx[r] = uint16(len(wm.masks)) // at most 2 x 128 masks and the empty one
				wm.masks = append(wm.masks, m)
			}
		}
	}
	return wm
}

// candidates are the words that may be a suffix or a prefix of core.
func (wm *wordMasks) candidates(core string) [2]uint64 {
	if core == "" {
		return [2]uint64{}
	}
	f, _ := utf8.DecodeRuneInString(core)
	l, _ := utf8.DecodeLastRuneInString(core)
	a, b := wm.maskOf(wm.lastIdx, wm.byLast, l), wm.maskOf(wm.firstIdx, wm.byFirst, f)
	return [2]uint64{a[0] | b[0], a[1] | b[1]}
}

// nextBit returns the index of the first bit of mask at k or above, 128
// when there is none.
func nextBit(mask [2]uint64, k int) int {
	for ; k < 128; k = (k | 63) + 1 {
		if m := mask[k>>6] >> (k & 63); m != 0 {
			return k + bits.TrailingZeros64(m)
		}
	}
	return 128
}

// extendGeneric moves the start st of a name ending at e further left over
// one soft stop word (与, 为, 超, a verb inside the name) when the part found
// has no brand: 湖大华龙电气与信息技术有限公司, 华为技术有限公司.
func (x *extractor) extendGeneric(s *sentence, st, e int) int {
	n := s.n
	for try := 0; try < 2 && st > 0 && (x.genericNameCore(s.str(st, e)) || subUnitBefore(s, st)); try++ {
		if isPunct(n[st-1]) || !isHan(n[st-1]) {
			return st
		}
		for _, w := range hardStopsByLastT.get(n[st-1]) {
			if endsWith(n, st, w) {
				return st
			}
		}
		l := 0
		for _, w := range stopByLastT.get(n[st-1]) {
			if endsWith(n, st, w) {
				l = len(w)
				break
			}
		}
		if t, ok := s.tokAt(st); ok && l == 0 {
			l = t.end - t.start
		}
		if l == 0 || l >= st {
			return st
		}
		nst := s.leftStart(st-l, 20-(e-st))
		if nst > st-l {
			return st
		}
		st = nst
	}
	return st
}

// subUnitBefore: a 与 in front of st joins two trade words of one unit's name
// when the words before it continue an institution's name
// (湖南大学机械|与|运载工程学院, 某某大学机器人技术|与|系统国家重点实验室).
func subUnitBefore(s *sentence, st int) bool {
	n := s.n
	if st < 2 || n[st-1] != '与' {
		return false
	}
	b := s.leftStart(st-1, 20)
	left := s.str(b, st-1)
	for _, suf := range []string{"大学", "学院", "研究院", "研究所", "科学院"} {
		if k := strings.LastIndex(left, suf); k >= 0 && k+len(suf) < len(left) {
			return true
		}
	}
	return false
}

// inWord reports whether rune e lies inside a segmenter token (格局, 布局).
func (s *sentence) inWord(e int) bool {
	return s.hasToks() && !s.tokStart(e)
}

// stopEndsAt reports whether a stop word or a function word ends at rune i.
// The answer depends on the sentence alone and is kept: leftStart asks
// again for the same runes for every suffix found to their right.
func (s *sentence) stopEndsAt(i int) bool {
	if i < 0 || i > len(s.n) {
		return s.stopEndsAtOnce(i)
	}
	if s.stops == nil {
		s.stops = s.scratch.int32s(len(s.n) + 1)
	}
	if v := s.stops[i]; v != 0 {
		return v == 2
	}
	stop := s.stopEndsAtOnce(i)
	s.stops[i] = 1
	if stop {
		s.stops[i] = 2
	}
	return stop
}

// stopEndsAtOnce is stopEndsAt, worked out.
func (s *sentence) stopEndsAtOnce(i int) bool {
	var ws [][]rune
	if i > 0 && i <= len(s.n) && stopLast.has(s.n[i-1]) {
		ws = stopByLastT.get(s.n[i-1])
	}
	for _, w := range ws {
		if endsWith(s.n, i, w) {
			if len(w) == 1 && rsApprox.has(w[0]) && i < len(s.n) && !isASCIIAlnum(s.n[i]) && !rsNumeralHalf.has(s.n[i]) {
				continue // 超聚变: a quantifier only before a number (超10亿元)
			}
			if len(w) == 1 && rsMeasureFirm.has(w[0]) && i >= 2 && !isASCIIAlnum(s.n[i-2]) && !rsNumeralEach.has(s.n[i-2]) {
				continue // 国家重点实验室: a measure word only after a number (15家)
			}
			if len(w) == 1 && s.hasToks() && !s.tokStart(i) && i < len(s.n) && isHan(s.n[i]) {
				continue // inside a word of the segmenter: 数字经济 (经), 合作 (作)
			}
			if len(w) == 1 && rsWordTail.has(w[0]) && s.hasToks() && !s.tokStart(i-1) && i >= 2 && isHan(s.n[i-2]) {
				continue // the last rune of a word of the segmenter: 图像, 国有
			}
			if len(w) == 1 && w[0] == '的' && s.hasToks() && !s.tokStart(i-1) {
				if t, ok := s.tokAt(i); ok && t.pos == "nr" || ok && t.pos == "nz" {
					continue // the last rune of a brand the segmenter knows: 美的
				}
			}
			return true
		}
	}
	if i >= 1 && s.n[i-1] == '访' && (i == 1 || isPunct(s.n[i-2])) {
		return true // an interview subtitle: ——访X
	}
	if t, ok := s.tokAt(i); ok {
		switch t.pos {
		case "p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud":
			return true
		case "v", "vn":
			// a verb of two or more runes ending here, unless common in names
			w := s.str(t.start, i)
			if _, place := loadGazetteer().divisions[w]; place {
				return false
			}
			return t.end-t.start >= 2 && !okInName[w] && t.pos == "v"
		}
	}
	return false
}

func hasAt(n []rune, i int, w string) bool {
	// Most calls fail on the first rune: compare it without decoding w
	// when it is a three-byte rune (CJK), as almost all of ours are.
	if len(w) >= 3 && w[0]&0xF0 == 0xE0 {
		if i >= len(n) || n[i] != rune(w[0]&0x0F)<<12|rune(w[1]&0x3F)<<6|rune(w[2]&0x3F) {
			return false
		}
	}
	k := i
	for _, r := range w {
		if k >= len(n) || n[k] != r {
			return false
		}
		k++
	}
	return true
}

// endsWith reports whether n[:i] ends with w.
func endsWith(n []rune, i int, w []rune) bool {
	if len(w) > i {
		return false
	}
	for k := range w {
		if n[i-len(w)+k] != w[k] {
			return false
		}
	}
	return true
}

var badCore = []string{"该", "这", "那", "本", "每", "各", "多", "其", "我", "贵", "母", "子", "分", "上市", "两", "几", "某", "此", "大型", "小型", "民营", "国有", "外资", "当地", "有关", "相关", "辖区", "区内", "园区", "合作", "商业", "地方"}

// demonstrativeNext are the runes that make a one-rune prefix such as 本 or 该
// a demonstrative or quantifier rather than the start of a name.
const demonstrativeNext = "市区县省地国镇乡村园年月批家项个类些次司企公所院行单位种条名位他它余中期部届方人"

// badCoreByFirst holds badCore by first rune.
var badCoreByFirst = func() map[rune][]string {
	m := map[rune][]string{}
	for _, b := range badCore {
		r, _ := utf8.DecodeRuneInString(b)
		m[r] = append(m[r], b)
	}
	return m
}()

// goodCore reports whether core can be the part of a name in front of its
// suffix: two runes or more, no demonstrative or quantifier in front (see
// badCore), no digit, no generic word (企业, 公司, 项目, 一批), no counted 家.
func goodCore(core string) bool {
	r0, n0 := utf8.DecodeRuneInString(core)
	r1, n1 := utf8.DecodeRuneInString(core[n0:])
	if n0 == 0 || n1 == 0 {
		return false // fewer than two runes
	}
	for _, b := range badCoreByFirst[r0] {
		if !strings.HasPrefix(core, b) {
			continue
		}
		// a one-rune demonstrative or quantifier (该, 本, 贵, 多 ...) only when a
		// measure word, place or generic noun follows: 本市, 多家, 贵司, but
		// 贵州白山云科技, 本源量子 are names
		if len(b) == n0 && !rsDemonstrativeNext.has(r1) {
			continue
		}
		return false
	}
	if !uncounted(core) {
		return false
	}
	for _, w := range []string{"企业", "公司", "项目", "一批"} {
		if strings.Contains(core, w) {
			return false
		}
	}
	return true
}

// uncounted reports whether core has no digit and no 家 that counts firms
// (多家, 15家; 国家, 专家 are words), scanning its bytes: a byte '0'-'9' is
// a digit in UTF-8, and only 家's own bytes spell 家.
func uncounted(core string) bool {
	for i := 0; i < len(core); i++ {
		if core[i] >= '0' && core[i] <= '9' {
			return false
		}
	}
	for k, off := strings.Index(core, "家"), 0; k >= 0; k = strings.Index(core[off:], "家") {
		k += off
		if k == 0 {
			return false
		}
		if prev, _ := utf8.DecodeLastRuneInString(core[:k]); rsNumeralEachNum.has(prev) {
			return false
		}
		off = k + len("家")
	}
	return true
}

// findCandidates runs every mention rule over one sentence.
// The result is cached on the sentence and shared: callers must not change it.
func (x *extractor) findCandidates(s *sentence) []cand {
	if !s.candsDone {
		s.candsDone = true
		s.cands = x.findCandidatesOnce(s)
		for i := range s.cands {
			c := &s.cands[i]
			w := s.sp.text[c.start:c.end]
			// runesEqual(w, c.name); most names are the normalised text
			// there, whose runes compare without decoding the name
			same := false
			if c.name == s.str(c.start, c.end) {
				same = slices.Equal(w, s.n[c.start:c.end])
			} else {
				same = runesEqual(w, c.name)
			}
			if same {
				c.surf = c.name // written as normalised: the same string
			} else {
				c.surf = string(w)
			}
		}
	}
	return s.cands
}

// selectedCands is selectCands of the sentence's candidates, cached and
// shared: callers must not change it.
func (x *extractor) selectedCands(s *sentence) []cand {
	if !s.selDone {
		s.selDone = true
		// sorted in a scratch copy: selectCands returns a new slice
		x.candSort = append(x.candSort[:0], x.findCandidates(s)...)
		s.sel = x.keepCands(selectCands(x.candSort))
	}
	return s.sel
}

func (x *extractor) findCandidatesOnce(s *sentence) []cand {
	g := x.gaz
	n := s.n
	// the candidates grow in a scratch buffer reused across sentences; the
	// sentence keeps an exact-size copy
	out := x.candBuf[:0]
	defer func() { x.candBuf = out[:0] }()
	// 1. national zones, with a parenthesised district and a sub-zone suffix
	zoneEnds := map[int]cand{}
	for i := 0; i < len(n); i++ {
		if !g.zoneTrie.mayStart(n[i]) {
			continue
		}
		l := g.zoneTrie.longest(n, i)
		if l == 0 {
			continue
		}
		form := s.str(i, i+l)
		row := g.zones[form]
		c := cand{start: i, end: i + l, label: kg.LabelZone, name: form, kind: "national_hitech_zone", key: row.Name, row: row}
		if c.end < len(n) && n[c.end] == '(' {
			j := c.end + 1
			for j < len(n) && j < c.end+8 && n[j] != ')' && isHan(n[j]) {
				j++
			}
			if j < len(n) && n[j] == ')' && j > c.end+1 {
				d := s.str(c.end+1, j)
				c.alias = append(c.alias, s.str(i, i+l), d)
				if !strings.HasSuffix(d, "区") {
					c.alias = append(c.alias, d+"区")
				}
				c.end = j + 1
				c.name = s.str(i, c.end)
			}
		}
		if k := strings.Index(c.name, "("); k > 0 && strings.HasSuffix(c.name, ")") && len(c.alias) == 0 {
			// a gazetteer form with the district in parentheses: 杭州高新区(滨江)
			d := strings.TrimSuffix(c.name[k+1:], ")")
			c.alias = append(c.alias, c.name[:k], d)
			if !strings.HasSuffix(d, "区") {
				c.alias = append(c.alias, d+"区")
			}
		}
		out = append(out, c)
		zoneEnds[c.end] = c
		i = c.end - 1
	}
	// 1b. a zone's sub-park named after a district: 佛山高新区顺德园
	for ze, zc := range zoneEnds {
		if zc.row == nil {
			continue
		}
		end := -1
		for l := 2; l <= 4 && ze+l < len(n); l++ {
			if n[ze+l] != '园' || hasAt(n, ze+l, "园区") {
				continue
			}
			form := s.str(ze, ze+l)
			for _, f := range []string{form, form + "区", form + "县"} {
				if d := g.divisions[f]; d != nil && d.Level == "district" {
					end = ze + l
				}
			}
			break
		}
		if end < 0 {
			continue
		}
		c := cand{start: zc.start, end: end + 1, label: kg.LabelZone, name: s.str(zc.start, end+1), kind: "industrial_park",
			parent: zc.name, parentKey: zc.key}
		out = append(out, c)
	}
	// 2. suffix-anchored names: companies, institutions, zones, projects
	for e := 0; e < len(n); e++ {
		if !g.sufFirst.has(n[e]) {
			continue // no suffix starts here
		}
		// sub-zones and parks
		first := g.suffixesAt(n[e])
		for k, zs := range first.zone {
			if !hasRunesAt(n, e, first.zoneR[k]) {
				continue
			}
			end := e + len(first.zoneR[k])
			if zs.Kind == "national_hitech_zone" || zs.Kind == "hitech_zone" {
				break // handled by the gazetteer (or coreference 该高新区)
			}
			st := x.anchoredStart(s, e, zoneEnds, 12)
			if st < 0 {
				break
			}
			core := s.str(st, e)
			c := cand{start: st, end: end, label: kg.LabelZone, name: s.str(st, end), kind: zs.Kind}
			for ze, zc := range zoneEnds {
				if ze <= e && ze > st && zc.start >= st {
					c.parent = zc.name
					c.parentKey = zc.key
				}
			}
			c.end = extendPhase(n, c.end)
			c.name = s.str(st, c.end)
			if zs.Suffix == "产业基地" && c.parent == "" {
				break // a base is a park only when anchored on a zone; otherwise a project
			}
			// an incubator or a national university science park is a place
			// even when built (建成了云岭众创空间), unless named a project
			body := (zs.Kind == "incubator" && zs.Suffix != "创业园" || zs.Suffix == "科技园" && strings.HasSuffix(core, "国家大学")) &&
				c.end == end && !hasAt(n, end, "项目") && runeLen(core) >= 2
			if (x.projectContext(s, c) || c.end > end) && !genericZone(core) && zs.Kind != "cooperation_zone" && !anchoredPark(n, c) && !body {
				c.label = kg.LabelProject
				c.kind = "project"
				c.parent = ""
			}
			if c.parent == "" && c.label == kg.LabelZone && (!goodCore(core) || genericZone(core) || (zs.Suffix == "园区" || zs.Kind == "incubator" && zs.Suffix != "创业园" || zs.Suffix == "示范区" || zs.Suffix == "科技园") && x.gaz.placeTrie.longest(n, st) == 0 && !body) {
				break
			}
			if c.parent == "" && !goodCore(core) {
				break
			}
			out = append(out, c)
			break
		}
		// companies and banks
		for k, suf := range first.company {
			if !hasRunesAt(n, e, first.companyR[k]) {
				continue
			}
			end := e + len(first.companyR[k])
			if end < len(n) && (suf == "公司" || suf == "集团") && hasAt(n, end, "有限") {
				break
			}
			st := s.leftStart(e, 20)
			if st == e {
				// no core of its own before the suffix (最后为|公司, 适合|公司):
				// the stop word is the boundary and nothing is named
				break
			}
			st = x.extendGeneric(s, st, e)
			// a zone's own company: 青岛高新区投资开发集团有限公司
			for ze, zc := range zoneEnds {
				if ze < st && st-ze <= 2 && zoneFirmWord[s.str(ze, st)] {
					st = zc.start
				}
			}
			core := s.str(st, e)
			if suf == "分行" || suf == "支行" {
				if !strings.Contains(core, "银行") {
					break
				}
			}
			if suf == "银行" && (hasAt(n, end, "机构") || hasAt(n, end, "业") || hasAt(n, end, "网点") || hasAt(n, end, "卡")) {
				break // 辖区银行机构, 银行业: banks in general
			}
			if !goodCore(strings.TrimSuffix(core, "集团")) || subsidiaryWord(core) || countFollows(n, end) {
				break
			}
			out = append(out, cand{start: st, end: end, label: kg.LabelEnterprise, name: s.str(st, end), kind: suf})
			break
		}
		// institutions
		for k, suf := range first.org {
			if !hasRunesAt(n, e, first.orgR[k]) {
				continue
			}
			end := e + len(first.orgR[k])
			if suf == "中心" || suf == "局" || suf == "部" || suf == "厅" {
				if end < len(n) && isHan(n[end]) && !x.titleAt(n, end) && !hasAt(n, end, "与") && !hasAt(n, end, "和") && !hasAt(n, end, "的") && !hasAt(n, end, "揭") && !hasAt(n, end, "三期") && !hasAt(n, end, "二期") && !hasAt(n, end, "项目") && !hasAt(n, end, "由") {
					break // inside a longer word (中心区, 局面, 部署)
				}
			}
			if suf == "部" && end-e == 1 {
				break
			}
			if (suf == "局" || suf == "厅" || suf == "中心") && s.inWord(e) {
				break
			}
			st := x.anchoredStart(s, e, zoneEnds, 20)
			joint := false
			if (st < 0 || st >= e-2) && endsWith(n, e, []rune("联合")) {
				// 联合 is part of the name right before the suffix: 智能制造联合实验室
				if st2 := s.leftStart(e-2, 18); st2 < e-2 {
					st, joint = st2, true
				}
			}
			if st < 0 {
				break
			}
			if !joint {
				st = x.extendGeneric(s, st, e)
			}
			core := s.str(st, e)
			if !goodCore(core) || countFollows(n, end) {
				break
			}
			c := cand{start: st, end: end, label: kg.LabelInstitution, name: s.str(st, end), kind: suf}
			if strings.HasSuffix(suf, "中心") {
				c.end = extendPhase(n, c.end)
				c.name = s.str(st, c.end)
				if x.projectContext(s, c) {
					c.label = kg.LabelProject
					if pst, intro := s.projectStart(e, 20); intro && pst < c.start {
						c.start = pst
						c.name = s.str(pst, c.end)
					}
				}
			}
			out = append(out, c)
			break
		}
		// projects: X项目, X基地, X广场, X生产线
		for k, suf := range first.proj {
			if !hasRunesAt(n, e, first.projR[k]) {
				continue
			}
			end := e + len(first.projR[k])
			st, intro := s.projectStart(e, 20)
			if st < 0 || !intro && !hasAt(n, st, "年产") {
				st = s.leftStart(e, 18)
			}
			// an item of a list of projects, each followed by its amount
			// (：P项目，总投资X，由F投资建设；): the whole clause is the name
			item := false
			if suf == "项目" && listedProjectAmount(n, end) {
				if pst, pintro := s.projectStart(e, 24); pst >= 0 && !pintro && (pst == 0 || rsItemStart.has(n[pst-1])) {
					st, item = pst, true
				}
			}
			if countedBefore(n, st) {
				break // 12条|智能化生产线: a count of things, not a named project
			}
			core := s.str(st, e)
			capacity := strings.HasPrefix(core, "年产")
			if suf == "项目" && (runeLen(core) < 4 || genericProject(core) || !facility(core) && !capacity && !intro && !item) {
				break
			}
			if suf == "基地" && !x.projectContext(s, cand{start: st, end: end}) {
				break
			}
			if !goodCore(stripAlnum(core)) || strings.HasPrefix(core, "国家") || genericProject(core) {
				break
			}
			c := cand{start: st, end: extendPhase(n, end), label: kg.LabelProject, kind: "project"}
			c.name = s.str(st, c.end)
			out = append(out, c)
			break
		}
	}
	// 2b. funds: 合肥高新量子产业基金, 安徽省科技成果转化引导基金 (an Enterprise)
	for e := 0; e+2 <= len(n); e++ {
		if n[e] != '基' || n[e+1] != '金' || e < 2 {
			continue
		}
		kindOK := false
		for _, w := range fundKinds {
			if endsWith(n, e, []rune(w)) {
				kindOK = true
				break
			}
		}
		if !kindOK || hasAt(n, e+2, "规模") || hasAt(n, e+2, "管理") || hasAt(n, e+2, "公司") || hasAt(n, e+2, "会") || hasAt(n, e+2, "项目") {
			continue // 基金规模, 基金管理, 基金会: not the fund's name
		}
		st := x.extendGeneric(s, s.leftStart(e, 20), e)
		core := s.str(st, e)
		if !goodCore(core) || x.genericNameCore(core) || countFollows(n, e+2) {
			continue
		}
		out = append(out, cand{start: st, end: e + 2, label: kg.LabelEnterprise, name: s.str(st, e+2), kind: "基金"})
	}
	// 3. ministries and well-known bodies
	for i := 0; i < len(n); i++ {
		if !g.ministries.mayStart(n[i]) {
			continue
		}
		if l := g.ministries.longest(n, i); l > 0 && (i == 0 || !isHan(n[i-1]) || s.stopEndsAt(i)) {
			out = append(out, cand{start: i, end: i + l, label: kg.LabelInstitution, name: s.str(i, i+l), kind: "ministry"})
			i += l - 1
		}
	}
	// 4. city + district: 桂林七星区
	for i := 0; i < len(n); i++ {
		if !g.placeTrie.mayStart(n[i]) {
			continue
		}
		l := g.placeTrie.longest(n, i)
		if l == 0 {
			continue
		}
		d := g.divisions[s.str(i, i+l)]
		if d != nil && d.Level == "city" {
			if m := g.placeTrie.longest(n, i+l); m > 0 {
				dd := g.divisions[s.str(i+l, i+l+m)]
				if dd != nil && dd.Level == "district" && strings.HasSuffix(dd.Name, "区") && shortPlace(dd.City) == shortPlace(d.Name) && s.str(i+l, i+l+m) == dd.Name {
					out = append(out, cand{start: i, end: i + l + m, label: kg.LabelZone, name: s.str(i, i+l+m), kind: "district",
						alias: []string{dd.Name}, key: s.str(i, i+l+m)})
				}
			}
		} else if d != nil && d.Level == "district" && l >= 3 && strings.HasSuffix(d.Name, "区") && s.str(i, i+l) == d.Name &&
			(i == 0 || g.placeTrie.longest(n[max(0, i-4):i], 0) == 0) {
			// a bare district (七星区) in an article that names its city (桂林):
			// the same node as 桂林七星区
			if city := shortPlace(d.City); city != "" && strings.Contains(x.articleText(s.art), city) {
				out = append(out, cand{start: i, end: i + l, label: kg.LabelZone, name: city + d.Name, kind: "district",
					alias: []string{d.Name}, key: city + d.Name})
			}
		}
		i += l - 1
	}
	// 5. short names listed before 等N家企业 / 等企业
	out = append(out, x.listedNames(s)...)
	// 6. quoted park names put into operation: ‘蓝思三园’正式投入运营
	for i := 0; i < len(n); i++ {
		if n[i] != '‘' && n[i] != '“' {
			continue
		}
		j := i + 1
		for j < len(n) && j < i+12 && !isPunct(n[j]) {
			j++
		}
		if j < len(n) && j > i+2 && (n[j] == '’' || n[j] == '”') && strings.HasSuffix(s.str(i+1, j), "园") {
			rest := s.str(j+1, len(n))
			if strings.Contains(rest[:min(len(rest), 30)], "投入运营") || strings.Contains(rest[:min(len(rest), 30)], "投产") || strings.Contains(rest[:min(len(rest), 30)], "开工") {
				out = append(out, cand{start: i + 1, end: j, label: kg.LabelProject, name: s.str(i+1, j), kind: "project"})
			}
		}
	}
	return x.keepCands(out)
}

// anchoredStart returns the start of a name ending at e: a zone mention
// directly in front anchors it (杭州高新区（滨江）物联网产业园), otherwise
// the left boundary. -1 when there is no name.
func (x *extractor) anchoredStart(s *sentence, e int, zoneEnds map[int]cand, max int) int {
	st := s.leftStart(e, max)
	for ze, zc := range zoneEnds {
		if ze <= e && zc.start < st && ze > st-1 {
			st = zc.start
		}
		if ze <= e && ze >= st && zc.start < st {
			st = zc.start
		}
	}
	if st >= e {
		return -1
	}
	return st
}

// fundKinds are the words in front of 基金 in the name of an investment fund.
var fundKinds = []string{"产业", "引导", "发展", "投资", "创投", "天使", "母", "并购", "股权", "创业", "风险"}

// subsidiaryWord: 全资子公司, 控股子公司 name a relation, not a firm.
func subsidiaryWord(core string) bool {
	for _, w := range []string{"全资子", "控股子", "下属子", "旗下子", "参股子", "全资", "子"} {
		if strings.HasSuffix(core, w) {
			return true
		}
	}
	return false
}

// countFollows: a count right after a name (孵化产业化公司40余家, 高校3所)
// makes it a class of bodies, not one.
func countFollows(n []rune, i int) bool {
	k := i
	for k < len(n) && (isASCIIAlnum(n[k]) || rsCountNumeral.has(n[k])) {
		k++
	}
	return k > i && k < len(n) && rsBodyMeasure.has(n[k])
}

// anchoredPark reports whether a park named after a zone (长沙高新区麓谷产业基地,
// 厦门火炬高新区软件园三期) is spoken of as a place: not followed by 项目 and not the
// object of a building verb.
func anchoredPark(n []rune, c cand) bool {
	if c.parent == "" || strings.HasSuffix(c.name, "项目") || hasAt(n, c.end, "项目") {
		return false
	}
	for _, v := range []string{"建设", "新建", "共建", "扩建", "打造", "投资", "开工", "签约", "建成"} {
		if endsWith(n, c.start, []rune(v)) {
			return false
		}
	}
	return true
}

// extendPhase extends a name over a phase suffix: 二期, 三期.
func extendPhase(n []rune, end int) int {
	if end+1 < len(n) && n[end+1] == '期' && rsPhaseNumeral.has(n[end]) {
		return end + 2
	}
	if end < len(n) && hasAt(n, end, "项目") {
		return end + 2
	}
	return end
}

// facility reports whether a project name ends with what gets built.
func facility(core string) bool {
	for _, w := range []string{"中心", "广场", "基地", "园", "工程", "生产线", "大厦", "工厂", "厂", "医院", "学校", "城", "港", "码头", "电站", "线", "路", "桥", "馆",
		"综合体", "期", "仓储", "机场", "总部", "产业化", "扩建", "改造", "技改", "楼", "站", "平台", "车间", "园区", "谷", "湾"} {
		if strings.HasSuffix(core, w) {
			return true
		}
	}
	return false
}

var genericZoneWords = []string{"世界", "领先", "一流", "专业", "高科技", "特色", "各类", "全国", "国家级", "省级", "重点", "当年", "亿元", "各", "相关", "周边", "区内", "新型", "一批", "多个"}

func genericZone(core string) bool {
	if runeLen(core) < 2 {
		return true
	}
	for _, w := range genericZoneWords {
		if strings.Contains(core, w) {
			return true
		}
	}
	return false
}

func genericProject(core string) bool {
	for _, w := range []string{"重点", "重大", "产业", "工业", "优选", "大项目", "好项目", "一批", "个", "示范", "招商", "技改", "合作", "建设", "签约", "开工", "在建", "新建", "续建", "储备", "科技", "民生", "基础设施", "政府", "亿元"} {
		if core == w || strings.HasSuffix(core, w) && runeLen(core) <= runeLen(w)+2 {
			return true
		}
	}
	return strings.ContainsAny(core, "”“‘’")
}

// projectContext reports whether a park or centre is spoken of as a project.
func (x *extractor) projectContext(s *sentence, c cand) bool {
	n := s.n
	if strings.HasSuffix(s.str(c.start, c.end), "项目") {
		return true
	}
	a, b := c.start, c.end
	for a > 0 && !rsClauseEndColon.has(n[a-1]) {
		a--
	}
	for b < len(n) && !rsClauseEndColon.has(n[b]) {
		b++
	}
	if listedProjectAmount(n, c.end) {
		return true // 设立P，计划投资X
	}
	clause := s.str(a, c.start) + "|" + s.str(c.end, b)
	for _, w := range []string{"项目", "揭牌", "开工", "竣工", "投产", "落成", "签约", "共建", "建设", "推动", "建成", "运营", "施工", "总投资"} {
		if strings.Contains(clause, w) {
			return true
		}
	}
	return false
}

// titleAt reports whether a title word starts at i.
func (x *extractor) titleAt(n []rune, i int) bool {
	return x.titleStartingAt(n, i) != ""
}

// titleStartingAt returns the longest title word starting at i, or "".
func (x *extractor) titleStartingAt(n []rune, i int) string {
	if i < 0 || i >= len(n) || !x.gaz.titleFirstSet.has(n[i]) {
		return ""
	}
	for _, k := range x.gaz.titleFirstT.get(n[i]) {
		if hasRunesAt(n, i, x.gaz.titleRunes[k]) {
			return x.gaz.titles[k]
		}
	}
	return ""
}

// hasRunesAt reports whether n holds w at i.
func hasRunesAt(n []rune, i int, w []rune) bool {
	if i < 0 || i+len(w) > len(n) {
		return false
	}
	for k, r := range w {
		if n[i+k] != r {
			return false
		}
	}
	return true
}

// listTails are the bodies counted after 等 (A、B等5家企业); listCountRunes
// the counts between.
var (
	listTails      = runesOf([]string{"上市企业", "上市公司", "企业", "公司", "单位", "银行", "机构"})
	listCountRunes = newRuneSet("0123456789一二三四五六七八九十百多余家个")
	classFirmWords = runesOf([]string{"型企业", "类企业", "龙头企业"})
	// classFirmWordsFirm: every class word ends in 企业 (a sentence without
	// it holds none of them)
	classFirmWordsFirm = func() bool {
		for _, w := range classFirmWords {
			if !strings.HasSuffix(string(w), "企业") {
				return false
			}
		}
		return true
	}()
)

// listedNames finds short firm names in 「A、B、C等N家(上市)企业」 and
// 「企业A」 constructions.
func (x *extractor) listedNames(s *sentence) []cand {
	n := s.n
	var out []cand
	for pos := range n {
		if n[pos] != '等' {
			continue
		}
		{
			// the 13 runes after 等: counts, then the kind of body
			rest := n[:min(len(n), pos+14)]
			j := pos + 1
			for j < len(rest) && listCountRunes.has(rest[j]) {
				j++
			}
			listed := false
			ok := false
			for _, tail := range listTails {
				if hasRunesAt(rest, j, tail) {
					ok = true
					listed = tail[0] == '上'
				}
			}
			if !ok {
				continue
			}
			// walk back over items separated by 、 or …
			end := pos
			for end > 0 {
				st := end
				for st > 0 && isHan(n[st-1]) && end-st < 10 {
					st--
					if s.stopEndsAt(st) && st < end-1 {
						break
					}
				}
				if st < end && st > 0 && isHan(n[st-1]) {
					// stopped at a stop word
				}
				item := s.str(st, end)
				if runeLen(item) >= 2 && goodCore(item) {
					out = append(out, cand{start: st, end: end, label: kg.LabelEnterprise, name: item, kind: "short", listed: listed})
				}
				if st > 0 && (n[st-1] == '、' || n[st-1] == '…') {
					end = st - 1
					for end > 0 && n[end-1] == '…' {
						end--
					}
					continue
				}
				break
			}
		}
	}
	// 出口型企业天和磁材 / 高新技术企业X
	hasFirm := !classFirmWordsFirm // when every class word ends in 企业: whether n holds it
	for i := 0; i+1 < len(n) && !hasFirm; i++ {
		hasFirm = n[i] == '企' && n[i+1] == '业'
	}
	for _, m := range classFirmWords {
		if !hasFirm {
			break
		}
		for i := 0; i < len(n); {
			if !hasRunesAt(n, i, m) {
				i++
				continue
			}
			st := i + len(m)
			i = st
			e := st
			for e < len(n) && isHan(n[e]) && e-st < 8 {
				e++
				if e < len(n) && (hasAt(n, e, "通过") || hasAt(n, e, "在") || hasAt(n, e, "的") || hasAt(n, e, "与") || hasAt(n, e, "已") || hasAt(n, e, "是")) {
					break
				}
			}
			if e-st >= 2 && e-st <= 6 && !s.verbAt(st) && !rsConjunction.has(n[st]) && !notShortName(s.str(st, e)) {
				out = append(out, cand{start: st, end: e, label: kg.LabelEnterprise, name: s.str(st, e), kind: "short"})
			}
		}
	}
	return out
}

// projectSuffixes end project names.
// listedProjectAmount reports whether the amount of a project follows its
// name at i: ，总投资X, ，计划投资X, ，投资X.
func listedProjectAmount(n []rune, i int) bool {
	if i < len(n) && (n[i] == '，' || n[i] == ',') {
		i++
	}
	for _, w := range []string{"总投资", "计划投资", "投资", "拟投资", "协议投资"} {
		if hasAt(n, i, w) {
			k := i + runeLen(w)
			for k < len(n) && rsApproxAmount.has(n[k]) {
				k++
			}
			return k < len(n) && (isASCIIAlnum(n[k]) || rsAmountNumeral.has(n[k]))
		}
	}
	return false
}

var projectSuffixes = []string{"项目", "基地", "广场", "生产线", "工厂", "产业城", "综合体"}

// projectIntro are the words that introduce a project's name: what is built,
// signed or funded comes right after them.
var projectIntro = byLenDescCopy([]string{"新建", "建设", "共建", "扩建", "投资建设", "打造", "推进", "推动", "签约", "开工", "引进", "用于",
	"启动", "实施", "建成", "扩大", "加快", "开工建设", "落地", "布局", "承建", "运营", "揭牌", "的", "了"})

var projectIntroByLast = byLastRune(runesOf(projectIntro))

// projectStart finds where a project name ending in front of e begins: right
// after an introducing word (建设, 新建, 共建, 签约, 的 ...), a punctuation mark or
// a parenthesis that is not a place (格力电器（桂林）智能制造生产基地 keeps its
// place). Digits may sit inside (年产5000吨…). intro says whether an
// introducing word was found; -1 when nothing is left.
func (s *sentence) projectStart(e, max int) (int, bool) {
	n := s.n
	i := e
	for i > 0 && e-i < max {
		for _, w := range projectIntroByLast[n[i-1]] {
			if endsWith(n, i, w) && i < e {
				return i, true
			}
		}
		if i < e && endsWithAny(n, i, projectStops) {
			return i, true
		}
		r := n[i-1]
		if r == ')' {
			j := i - 1
			for j > 0 && n[j-1] != '(' {
				j--
			}
			if j > 0 && j < i-1 {
				if _, place := loadGazetteer().divisions[s.str(j, i-1)]; place {
					i = j - 1
					continue
				}
			}
			break
		}
		if r == '(' || isPunct(r) || !(isHan(r) || isASCIIAlnum(r)) {
			break
		}
		if rsProjectMeasure.has(r) && i >= 2 && (isASCIIAlnum(n[i-2]) || rsProjectNumeral.has(n[i-2])) || endsWith(n, i, []rune("以上")) {
			break // 230个|重点产业项目, 亿元以上|工业项目
		}
		i--
	}
	for i < e && !isHan(n[i]) {
		i++
	}
	if i >= e {
		return -1, false
	}
	return i, false
}

// stripAlnum drops ASCII letters and digits (年产10GWh新型锂电池 -> 年产新型锂电池).
func stripAlnum(s string) string {
	return strings.Map(func(r rune) rune {
		if isASCIIAlnum(r) {
			return -1
		}
		return r
	}, s)
}

// verbAt reports whether the segmenter reads a verb starting at i
// (科技型企业|解决融资需求: not a name).
func (s *sentence) verbAt(i int) bool {
	for e := i + 1; e <= i+4 && e <= len(s.n); e++ {
		if t, ok := s.tokAt(e); ok && t.start == i {
			return t.pos == "v" || t.pos == "vn" || t.pos == "vd"
		}
	}
	return false
}

// measureWords count things built (12条生产线, 3座厂房, 两个项目).
const measureWords = "条个座栋台套家批处间幢"

// countedBefore reports whether a project name starting at st is a count of
// things (12条智能化生产线, 新建3座厂房): a numeral and a measure word right
// before st, or at its start.
func countedBefore(n []rune, st int) bool {
	numeral := func(r rune) bool {
		return r >= '0' && r <= '9' || rsCountedNumeral.has(r)
	}
	i := st
	for i < len(n) && numeral(n[i]) {
		i++
	}
	if i > st && i < len(n) && rsMeasureWord.has(n[i]) {
		return true
	}
	return st >= 2 && rsMeasureWord.has(n[st-1]) && numeral(n[st-2])
}

// notShortNameWords are what follows X型企业 without naming a firm: a generic
// noun (龙头企业项目9个) or an activity (与科技型企业面对面洽谈).
var notShortNameWords = []string{"项目", "产品", "数量", "名单", "面对面", "现场", "集中", "共同", "一对一", "洽谈", "对接", "交流", "座谈", "签约", "路演", "参会", "参展", "代表", "负责人", "总数"}

// notShortName reports whether a short name found after X型企业 is a generic
// word or an activity rather than a firm.
func notShortName(name string) bool {
	for _, w := range notShortNameWords {
		if strings.HasPrefix(name, w) || strings.HasSuffix(name, w) {
			return true
		}
	}
	return false
}

// projectStops are verbs and adverbs that never sit inside a project's name:
// what follows them is the thing worked on (正在调试|图像传感器生产线).
var projectStops = [][]rune{[]rune("调试"), []rune("正在"), []rune("投用"), []rune("参观了")}

func endsWithAny(n []rune, i int, ws [][]rune) bool {
	for _, w := range ws {
		if endsWith(n, i, w) {
			return true
		}
	}
	return false
}
