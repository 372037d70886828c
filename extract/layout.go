package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// span is reflowed text with, for each rune, its rune offset in the
// original file. Reflowing only ever drops whitespace, so the original text
// between pos[0] and pos[len-1] is the span's text plus whitespace.
type span struct {
	text []rune
	pos  []int32 // 32 bits: a page is at most MaxPageBytes
}

func (s span) String() string { return runesString(s.text) }
func (s span) len() int       { return len(s.text) }

// runesString is string(rs): the page's runes become strings (sentences,
// paragraphs, articles) about twice over, and the runtime's conversion
// encodes every rune twice (once to measure, once to write).
func runesString(rs []rune) string {
	n := runesLen(rs)
	if n == 0 {
		return ""
	}
	b := appendRunes(make([]byte, 0, n), rs)
	return unsafe.String(&b[0], len(b)) // b is new and never written again
}

// runesLen is len(string(rs)): an invalid rune becomes U+FFFD, 3 bytes.
func runesLen(rs []rune) int {
	n := 0
	for _, r := range rs {
		switch {
		case uint32(r) < 0x80:
			n++
		case uint32(r) < 0x800:
			n += 2
		case uint32(r) < 0x10000:
			n += 3 // a surrogate too (U+FFFD)
		case uint32(r) <= utf8.MaxRune:
			n += 4
		default:
			n += 3
		}
	}
	return n
}

// appendRunes appends the UTF-8 of rs to b, as string(rs) has it; a Han
// character (three bytes) is written inline.
func appendRunes(b []byte, rs []rune) []byte {
	for _, r := range rs {
		switch {
		case uint32(r) < 0x80:
			b = append(b, byte(r))
		case uint32(r) >= 0x800 && uint32(r) < 0xD800 || uint32(r) >= 0xE000 && uint32(r) < 0x10000:
			b = append(b, byte(0xE0|r>>12), byte(0x80|(r>>6)&0x3F), byte(0x80|r&0x3F))
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// sub returns the part [i, j) of the span.
func (s span) sub(i, j int) span { return span{s.text[i:j], s.pos[i:j]} }

// origRange returns the original rune offsets [start, end) the span covers.
func (s span) origRange() (int, int) {
	if len(s.pos) == 0 {
		return 0, 0
	}
	return int(s.pos[0]), int(s.pos[len(s.pos)-1]) + 1
}

func (s span) trim() span {
	i, j := 0, len(s.text)
	for i < j && isSpace(s.text[i]) {
		i++
	}
	for j > i && isSpace(s.text[j-1]) {
		j--
	}
	return s.sub(i, j)
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u3000' || r == '\r' || r == '\u00a0'
}

func isHan(r rune) bool {
	if uint32(r) < 1<<16 {
		return hanBMP[r>>6]&(1<<(r&63)) != 0 // a table: inlined, no branch on the block
	}
	return isHanWide(r)
}

// isHanWide is isHan above U+FFFF (and for a negative rune); not inlined,
// so that isHan is.
//
//go:noinline
func isHanWide(r rune) bool { return unicode.Is(unicode.Han, r) }

// hanBMP is unicode.Han below U+10000 (a value: isHan reads it without a
// pointer).
var hanBMP = func() runeSet {
	var rs runeSet
	for _, rg := range unicode.Han.R16 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			rs.add(r)
		}
	}
	for _, rg := range unicode.Han.R32 {
		for r := rune(rg.Lo); r <= rune(rg.Hi) && r < 1<<16; r += rune(rg.Stride) {
			rs.add(r)
		}
	}
	return rs
}()

func isASCIIAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '%' || r == '.'
}

// line is one non-blank line of the page.
type line struct {
	sp   span
	kind lineKind
}

type lineKind int

const (
	lineBody lineKind = iota
	lineHeading
	lineByline   // ▶ 本报特约通讯员 ...
	lineDateline // 本报讯 ...
	lineCredit   // 图片来源：...
)

const sentenceEnd = "。！？!?…"

func endsParagraph(s span) bool {
	t := s.text
	n := len(t)
	for n > 0 && rsCloser.has(t[n-1]) {
		n--
	}
	return n > 0 && rsParagraphEnd.has(t[n-1])
}

func hasClausePunct(s span) bool {
	for _, r := range s.text {
		if rsClausePunct.has(r) {
			return true
		}
	}
	return false
}

func balancedQuotes(s span) bool {
	open := 0
	for _, r := range s.text {
		switch r {
		case '“', '‘', '「', '《':
			open++
		case '”', '’', '」', '》':
			open--
		}
	}
	return open == 0
}

// splitLines cuts the page into trimmed non-blank lines and classifies them
// (the lines and their offsets in sc; allocated when sc is nil).
func splitLines(text []rune, sc *pageScratch) []line {
	nl := 0
	for _, r := range text {
		if r == '\n' {
			nl++
		}
	}
	lines := sc.lineBuf(nl + 1)
	start := 0
	offsets := sc.int32s(len(text)) // shared by the lines' spans (never appended to in place)
	for i := range offsets {
		offsets[i] = int32(i)
	}
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == '\n' {
			sp := span{text[start:i:i], offsets[start:i:i]}.trim()
			if sp.len() > 0 {
				lines = append(lines, line{sp: sp})
			}
			start = i + 1
		}
	}
	// typical line width: median length of lines with clause punctuation
	var widths []int
	for _, l := range lines {
		if hasClausePunct(l.sp) {
			widths = append(widths, l.sp.len())
		}
	}
	w := 30
	if len(widths) > 0 {
		sort.Ints(widths)
		w = widths[len(widths)/2]
	}
	hmax := w - 4
	if hmax > 30 {
		hmax = 30
	}
	if hmax < 8 {
		hmax = 8
	}
	cand := make([]bool, len(lines))
	prevEnds := true
	for i := range lines {
		s := lines[i].sp.text
		switch {
		case hasAt(s, 0, "▶") || hasAt(s, 0, "►"):
			lines[i].kind = lineByline
		case hasAt(s, 0, "本报讯") || hasAt(s, 0, "本报消息"):
			lines[i].kind = lineDateline
		case hasAt(s, 0, "图片来源") || hasAt(s, 0, "图片提供") || hasAt(s, 0, "摄影："):
			lines[i].kind = lineCredit
		default:
			cand[i] = prevEnds && !hasClausePunct(lines[i].sp) && balancedQuotes(lines[i].sp) &&
				!endsParagraph(lines[i].sp) && lines[i].sp.len() <= 40
		}
		prevEnds = lines[i].kind != lineBody || endsParagraph(lines[i].sp) || cand[i]
	}
	for i := len(lines) - 1; i >= 0; i-- {
		if !cand[i] {
			continue
		}
		last := i == len(lines)-1
		nextHead := !last && (lines[i+1].kind == lineHeading || lines[i+1].kind == lineByline || lines[i+1].kind == lineDateline)
		if lines[i].sp.len() <= hmax || last || nextHead {
			lines[i].kind = lineHeading
		}
	}
	return lines
}

// join concatenates line spans and drops OCR spaces: every space next to a
// digit, a Latin letter or punctuation goes; a space between two Han
// characters stays (bylines, slogans), collapsed to one. The result is in
// sc (allocated when sc is nil).
func join(parts []span, sc *pageScratch) span {
	size := 0
	for _, p := range parts {
		size += len(p.text)
	}
	out := span{text: sc.runes(size)[:0], pos: sc.int32s(size)[:0]}
	inSpace := false   // in a run of spaces
	var spacePos int32 // the offset of the run's first space
	for _, p := range parts {
		for i, r := range p.text {
			if isSpace(r) {
				if !inSpace {
					inSpace, spacePos = true, p.pos[i]
				}
				continue
			}
			if inSpace {
				if len(out.text) > 0 && isHan(out.text[len(out.text)-1]) && isHan(r) {
					out.text = append(out.text, ' ')
					out.pos = append(out.pos, spacePos)
				}
				inSpace = false
			}
			out.text = append(out.text, r)
			out.pos = append(out.pos, p.pos[i])
		}
	}
	return out
}

// block is a paragraph, a heading group, or a byline.
type block struct {
	kind    lineKind
	sp      span     // paragraph text (body, dateline)
	lines   []span   // heading group lines (headings and bylines)
	byline  string   // dateline byline, e.g. （特约通讯员 王亚东）
	credits []string // trailing photo credit names
}

// blocks groups lines into paragraphs and heading groups.
func blocks(lines []line, sc *pageScratch) []block {
	var out []block
	var cur []span
	curKind := lineBody
	flush := func() {
		if len(cur) > 0 {
			out = append(out, block{kind: curKind, sp: join(cur, sc)})
			cur = cur[:0] // join copied the lines
		}
		curKind = lineBody
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch l.kind {
		case lineHeading, lineByline:
			flush()
			if n := len(out); n > 0 && out[n-1].kind == lineHeading && l.kind != lineBody {
				out[n-1].lines = append(out[n-1].lines, l.sp)
				continue
			}
			if l.kind == lineByline {
				out = append(out, block{kind: lineByline, lines: []span{l.sp}})
				continue
			}
			out = append(out, block{kind: lineHeading, lines: []span{l.sp}})
		case lineCredit:
			flush()
			out = append(out, block{kind: lineCredit, lines: []span{l.sp}})
		case lineDateline:
			flush()
			curKind = lineDateline
			cur = append(cur, l.sp)
			if endsParagraph(l.sp) {
				flush()
			}
		default:
			cur = append(cur, l.sp)
			if endsParagraph(l.sp) {
				flush()
			}
		}
	}
	flush()
	for i := range out {
		if out[i].kind == lineDateline {
			out[i].sp, out[i].byline = stripDateline(out[i].sp)
		}
		if out[i].kind == lineBody || out[i].kind == lineDateline {
			out[i].sp, out[i].credits = stripCredit(out[i].sp)
		}
	}
	return out
}

// stripDateline removes 本报讯 and its parenthesised byline from a paragraph.
func stripDateline(s span) (span, string) {
	t := s.text
	i := 0
	for _, p := range []string{"本报讯", "本报消息"} {
		if hasAt(t, 0, p) {
			i = runeLen(p)
			break
		}
	}
	for i < len(t) && isSpace(t[i]) {
		i++
	}
	by := ""
	if i < len(t) && (t[i] == '（' || t[i] == '(') {
		j := i + 1
		for j < len(t) && t[j] != '）' && t[j] != ')' {
			j++
		}
		if j < len(t) {
			by = string(t[i+1 : j])
			i = j + 1
		}
	}
	for i < len(t) && isSpace(t[i]) {
		i++
	}
	return s.sub(i, len(t)), by
}

// stripCredit removes a trailing photo credit ("…现场。 高欣").
func stripCredit(s span) (span, []string) {
	t := s.text
	j := len(t)
	i := j
	for i > 0 && isHan(t[i-1]) {
		i--
	}
	k := i
	if k > 0 && isSpace(t[k-1]) {
		k--
	}
	if n := j - i; n >= 2 && n <= 3 && k >= 1 && rsSentenceEnd.has(t[k-1]) && loadGazetteer().isPersonName(string(t[i:j])) {
		return s.sub(0, k).trim(), []string{string(t[i:j])}
	}
	return s, nil
}

// bylineNames extracts reporters' names from a byline.
func bylineNames(s string) []string {
	for _, w := range []string{"本报特约通讯员", "本报通讯员", "特约通讯员", "本报记者", "通讯员", "记者", "本报讯", "实习生", "摄影", "▶", "►", "（", "）", "(", ")", "文/", "图/", "摄"} {
		s = strings.ReplaceAll(s, w, " ")
	}
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return isSpace(r) || r == '、' || r == '，' || r == ',' }) {
		if n := runeLen(f); n >= 2 && n <= 4 && loadGazetteer().isPersonName(f) {
			out = append(out, f)
		}
	}
	return out
}

// isPersonName reports whether s looks like a Chinese personal name.
func (g *gazetteer) isPersonName(s string) bool {
	return g.isPersonNameRunes([]rune(s))
}

func (g *gazetteer) isPersonNameRunes(r []rune) bool {
	if len(r) < 2 || len(r) > 4 {
		return false
	}
	// the surname first (the cheapest test that fails most often)
	if !(len(r) >= 3 && g.isSurname2(r[0], r[1])) && !(g.isSurname1(r[0]) && len(r) <= 3) {
		return false
	}
	if notNameFirst.has(r[0]) {
		for _, w := range notNameRunes {
			if hasRunesAt(r, 0, w) {
				return false
			}
		}
	}

	for _, c := range r {
		if !isHan(c) {
			return false
		}
	}
	if len(r) >= 3 && g.isSurname2(r[0], r[1]) {
		return true
	}
	return g.isSurname1(r[0]) && len(r) <= 3
}

// runeLen is len([]rune(s)) for valid UTF-8, which every string of the
// extractor is (the page is checked by decode, the gazetteers are ours): the
// bytes that start a rune, counted without decoding.
func runeLen(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
}
