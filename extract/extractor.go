package extract

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/zonegraph/zonegraph/kg"
)

// entity is a node under construction.
type entity struct {
	label    kg.Label
	key      string // canonical key (normalised name or gazetteer name)
	name     string // fullest surface form
	aliases  map[string]bool
	props    map[string]any
	ev       []kg.Evidence
	count    []artCount // mentions per article, by article index (countIn)
	variants []string
	row      *zoneRow
	parent   *entity
	parSurf  string // the parent zone's surface form at the start of the name
	order    int
	firstArt int  // the article where the name was first registered
	dead     bool // merged into another entity
	id       kg.ID
	idKey    string // the key id was derived from
	abbrName string // the name abbrLong was made from (abbrevAt)
	abbrLong []rune // normParens(abbrName) as runes
}

// setProp sets a property (props is made on the first: many registered
// names never get one).
func (e *entity) setProp(k string, v any) {
	if e.props == nil {
		e.props = map[string]any{}
	}
	e.props[k] = v
}

// addAlias records a surface form (aliases is made on the first).
func (e *entity) addAlias(a string) {
	if e.aliases == nil {
		e.aliases = map[string]bool{}
	}
	e.aliases[a] = true
}

// artCount is an entity's mentions in one article.
type artCount struct{ art, n int }

// countIn counts a mention in article ai. count stays sorted by article;
// mentions come article by article, so the search from the end stops at
// once.
func (e *entity) countIn(ai int) {
	k := len(e.count)
	for k > 0 && e.count[k-1].art > ai {
		k--
	}
	if k > 0 && e.count[k-1].art == ai {
		e.count[k-1].n++
		return
	}
	e.count = slices.Insert(e.count, k, artCount{ai, 1})
}

// countAt is the number of e's mentions in article ai.
func (e *entity) countAt(ai int) int {
	for _, c := range e.count {
		if c.art == ai {
			return c.n
		}
	}
	return 0
}

// mention is an entity named in a sentence.
type mention struct {
	start, end int
	ent        *entity
	coref      bool
}

type extractor struct {
	gaz    *gazetteer
	doc    string
	arts   []*article
	artIDs []kg.ID
	sents  [][]*sentence
	ents   []*entity
	byKey  map[surfKey]*entity // by label and normalised key
	surf   map[surfKey]*entity // by label and surface form
	surfTr *surfaceTrie        // x.surf's forms of two runes or more, by buildSurfaceTrie
	rels   map[kg.ID]*kg.Relation
	relIDs map[relKey]kg.ID // kg.RelationID by type and ends, derived once
	// candBuf and candSort are scratch buffers of findCandidatesOnce and
	// selectedCands, reused across sentences
	candBuf, candSort []cand
	candArena         []cand       // where keepCands copies the kept candidates
	msBuf, msArena    []mention    // mentions' scratch buffer; where keepMentions copies
	sentChunk         []sentence   // where newSentence puts sentences
	entChunk          []entity     // where newEntity puts entities
	scratch           *pageScratch // the chunks of candArena, msArena and sentChunk
	relOrd            []kg.ID
	mainZ             []*entity
	// lastPair is the last two partners named per article (双方 refers to them)
	lastPair map[int][2]*entity
	artText  []string // each article's normalised text, once asked for (articleText; "" before)
	artRaw   []string // each article's text (a.text())
	// paraPeople are the people named per (article, paragraph); personOrg
	// the firm a person holds a post in (the speaker's firm of a quote)
	abbrevs   map[rune][]*entity // zones and institutions by first rune
	abbrevCAS map[rune][]*entity // CAS institutes by the first rune after 中国科学院
	// abbrevFirst holds the keys of abbrevs and abbrevCAS below U+10000;
	// abbrevWide says whether one is above
	abbrevFirst *runeSet
	abbrevWide  bool
	paraPeople  map[[2]int][]*entity
	personOrg   map[*entity]*entity
	// projNames are the names of all project candidates (a park named inside
	// one, 光学镜头产业园 in …光学镜头产业园项目, is that project)
	projNames []string
	// lastPark is the sub-park last named per article (园区内的F)
	lastPark     map[int]*entity
	lastParkPara map[int]int
	// genericMemo caches genericNameCore by core (the same names come back)
	genericMemo map[string]bool
}

// buildGraphIn builds the page's graph from its articles, with the page's
// scratch sc (taken by Page before decoding), which it releases.
func buildGraphIn(doc string, text []rune, arts []*article, sc *pageScratch) *kg.Graph {
	if sc.byKey == nil {
		sc.byKey, sc.surf, sc.rels, sc.relIDs = map[surfKey]*entity{}, map[surfKey]*entity{}, map[kg.ID]*kg.Relation{}, map[relKey]kg.ID{}
	}
	x := &extractor{gaz: loadGazetteer(), doc: doc, arts: arts, byKey: sc.byKey, surf: sc.surf,
		rels: sc.rels, relIDs: sc.relIDs, lastPair: map[int][2]*entity{},
		paraPeople: map[[2]int][]*entity{}, personOrg: map[*entity]*entity{}, lastPark: map[int]*entity{}, lastParkPara: map[int]int{}}
	x.scratch = sc
	x.candBuf, x.candSort, x.msBuf = x.scratch.candBuf, x.scratch.candSort, x.scratch.msBuf
	for ai, a := range arts {
		x.artRaw = append(x.artRaw, a.text())
		x.artText = append(x.artText, "") // built on first use (articleText)
		x.artIDs = append(x.artIDs, kg.ArticleID(doc, ai))
		x.sents = append(x.sents, x.sentences(ai, a))
	}
	x.register()
	x.bodyParents()
	x.buildSurfaceTrie()
	x.mainZones()
	if x.qualifyBodies() {
		x.buildSurfaceTrie()
	}
	for ai := range arts {
		x.relate(ai)
	}
	g := x.graph(text)
	x.releaseScratch()
	return g
}

// Bounds on sentence length (runes) and the marks a long sentence may break at.
const (
	maxSentenceRunes = 240
	softBreak        = "，、；：,; "
)

// sentences splits an article's paragraphs into sentences.
func (x *extractor) sentences(ai int, a *article) []*sentence {
	var out []*sentence
	for pi, p := range a.paras {
		depth := 0
		st := 0
		for i := 0; i <= p.len(); i++ {
			if i < p.len() && i-st < maxSentenceRunes && !rsSentenceSplit.has(p.text[i]) {
				continue // no quote, no end mark, not long: nothing below applies
			}
			if i < p.len() {
				switch p.text[i] {
				case '“', '‘':
					depth++
				case '”', '’':
					if depth > 0 {
						depth--
					}
				}
			}
			// A sentence ends at 。！？ …; a very long one (no end mark) also at
			// a soft break past maxSentenceRunes, or hard at twice that, so
			// quotes stay readable and work per sentence stays bounded.
			long := i < p.len() && (i-st >= 2*maxSentenceRunes ||
				i-st >= maxSentenceRunes && rsSoftBreak.has(p.text[i]))
			if i == p.len() || long || rsSentenceEnd.has(p.text[i]) {
				e := i + 1
				if i == p.len() {
					e = i
				}
				for e < p.len() && rsSentenceEnd.has(p.text[e]) {
					e++
				}
				sp := p.sub(st, e).trim()
				if sp.len() > 0 {
					out = append(out, x.newSentence(sentence{art: ai, para: pi, sp: sp, n: normRunes(sp.text), quote: depth > 0}))
				}
				st = e
				if i == p.len() {
					break
				}
				i = e - 1
			}
		}
	}
	return out
}

// newSentence returns a pointer to a copy of s in the page's sentence
// chunks: one allocation per 64 sentences (a full chunk is never grown,
// so the pointers stay valid).
func (x *extractor) newSentence(s sentence) *sentence {
	if len(x.sentChunk) == cap(x.sentChunk) {
		sc := x.pageScratch()
		x.sentChunk = nextChunk(&sc.sents, &sc.nSents, 1, 64)
	}
	s.scratch = x.pageScratch()
	x.sentChunk = append(x.sentChunk, s)
	return &x.sentChunk[len(x.sentChunk)-1]
}

// articleText is article ai's normalised text (its title, a newline and
// its text), built on first use: few sentences ask for it.
func (x *extractor) articleText(ai int) string {
	if x.artText[ai] == "" {
		x.artText[ai] = normString(x.arts[ai].title + "\n" + x.artRaw[ai])
	}
	return x.artText[ai]
}

// evidence is the sentence's evidence, made once per sentence.
func (x *extractor) evidence(s *sentence) kg.Evidence {
	if s.ev.Article == "" {
		st, en := s.sp.origRange()
		s.ev = kg.Evidence{Article: x.artIDs[s.art], Quote: s.text(), Start: st, End: en}
	}
	return s.ev
}

// ---- registration (pass 1) ----

// surfKey is a label and a name: the key of x.surf and x.byKey (a struct,
// so that a lookup builds no string).
type surfKey struct {
	label kg.Label
	s     string
}

func (x *extractor) lookup(label kg.Label, surface string) *entity {
	return x.surf[surfKey{label, surface}]
}

func (x *extractor) addSurface(e *entity, s string) {
	k := surfKey{e.label, s}
	if _, ok := x.surf[k]; !ok {
		x.surf[k] = e
	}
}

func (x *extractor) newEntity(label kg.Label, key, name string) *entity {
	k := surfKey{label, normParens(key)}
	if e, ok := x.byKey[k]; ok {
		return e
	}
	if len(x.entChunk) == cap(x.entChunk) {
		sc := x.pageScratch()
		x.entChunk = nextChunk(&sc.ents, &sc.nEnts, 1, 64)
	}
	x.entChunk = append(x.entChunk, entity{label: label, key: normParens(key), name: name, order: len(x.ents), firstArt: -1})
	e := &x.entChunk[len(x.entChunk)-1]
	x.byKey[k] = e
	x.ents = append(x.ents, e)
	x.addSurface(e, normParens(name))
	return e
}

func strength(c cand) int {
	switch {
	case c.row != nil:
		return 0
	case c.label == kg.LabelEnterprise && (strings.Contains(c.kind, "有限") || strings.Contains(c.kind, "行")):
		return 1
	case c.label == kg.LabelZone && c.parent != "":
		return 1
	case c.label == kg.LabelInstitution:
		return 2
	case c.label == kg.LabelZone:
		return 3
	case c.label == kg.LabelProject:
		return 5
	}
	return 4
}

// located is a candidate of a sentence (in the sentence's shared cache)
// with its strength.
type located struct {
	s   *sentence
	c   *cand
	str int // strength(*c)
}

func (x *extractor) register() {
	size := 0
	for _, ss := range x.sents {
		for _, s := range ss {
			size += len(x.findCandidates(s)) + len(x.selectedCands(s))
		}
	}
	all := make([]located, 0, size)
	for _, ss := range x.sents {
		for _, s := range ss {
			cs := x.findCandidates(s)
			for i := range cs {
				if c := &cs[i]; c.row != nil || c.kind == "district" { // zones, also when named inside a longer name
					all = append(all, located{s, c, strength(*c)})
				}
			}
			sel := x.selectedCands(s)
			for i := range sel {
				if c := &sel[i]; c.row == nil && c.kind != "district" {
					all = append(all, located{s, c, strength(*c)})
				}
			}
		}
	}
	for _, l := range all {
		if l.c.label == kg.LabelProject {
			x.projNames = append(x.projNames, normParens(l.c.name))
		}
	}
	slices.SortStableFunc(all, func(a, b located) int { return cmp.Compare(a.str, b.str) })
	for i, l := range all {
		if l.str >= 3 {
			// persons and the firms that employ them, before weak names
			if i == 0 || all[i-1].str < 3 {
				x.registerPeople()
			}
		}
		if e := x.registerCand(*l.c); e != nil && e.firstArt < 0 {
			e.firstArt = l.s.art
		}
	}
	if len(all) == 0 || all[len(all)-1].str < 3 {
		x.registerPeople()
	}
	// explicit aliases: X（以下简称“Y”）
	for _, l := range all {
		n := l.s.n
		e := l.c.end
		if e >= len(n) || n[e] != '(' || !hasAt(n, e+1, "以下简称") {
			continue
		}
		k := e + 5
		for k < len(n) && rsQuoteColon.has(n[k]) {
			k++
		}
		st := k
		for k < len(n) && isHan(n[k]) && k-st < 10 {
			k++
		}
		if ent := x.lookup(l.c.label, normParens(l.c.name)); ent != nil && k-st >= 2 {
			x.addSurface(ent, string(n[st:k]))
		}
	}
}

// selectCands keeps the longest non-overlapping candidates. It reorders cs
// and returns them in cs's own array (the caller copies them out).
func selectCands(cs []cand) []cand {
	listed := map[[2]int]bool{}
	for _, c := range cs {
		if c.listed {
			listed[[2]int{c.start, c.end}] = true
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int {
		if a.len() != b.len() {
			return cmp.Compare(b.len(), a.len())
		}
		return cmp.Compare(a.start, b.start)
	})
	out := cs[:0] // kept in place (cs is the caller's scratch copy), then copied out exactly
	for _, c := range cs {
		ok := true
		for _, o := range out {
			if c.start < o.end && o.start < c.end {
				ok = false
				break
			}
		}
		if ok {
			c.listed = c.listed || listed[[2]int{c.start, c.end}] // 吉利控股: a 控股 name in a listed enumeration
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b cand) int { return cmp.Compare(a.start, b.start) })
	return out
}

// keepCands copies a sentence's candidates out of a scratch buffer into
// the page's candidate arena: one allocation per many sentences instead of
// one per sentence. The copy's capacity is its length, so an append to it
// never reaches the next sentence's candidates.
func (x *extractor) keepCands(cs []cand) []cand {
	if cs == nil {
		return nil // as slices.Clone did
	}
	if len(cs) == 0 {
		return []cand{}
	}
	if len(x.candArena)+len(cs) > cap(x.candArena) {
		sc := x.pageScratch()
		x.candArena = nextChunk(&sc.cands, &sc.nCands, len(cs), 128)
	}
	st := len(x.candArena)
	x.candArena = append(x.candArena, cs...)
	return x.candArena[st:len(x.candArena):len(x.candArena)]
}

func (x *extractor) registerCand(c cand) *entity {
	name := normParens(c.name)
	disp := c.surf
	if disp == "" || c.kind == "district" {
		disp = c.name
	}
	if c.kind == "district" && len(c.alias) > 0 {
		// 滨江区 already names a zone (杭州高新区（滨江）)
		if o := x.lookup(kg.LabelZone, normParens(c.alias[0])); o != nil && o.props[kg.PropKind] != "district" {
			return o
		}
	}
	if e := x.lookup(c.label, name); e != nil {
		if c.listed && e.label == kg.LabelEnterprise {
			e.setProp(kg.PropListed, true)
		}
		if e.row != nil {
			x.zoneDisplayName(e, c, disp)
		}
		return e
	}
	g := x.gaz
	var e *entity
	switch c.label {
	case kg.LabelZone:
		if c.row != nil {
			e = x.newEntity(kg.LabelZone, c.row.Name, c.row.Name)
			e.row = c.row
			e.setProp(kg.PropKind, "national_hitech_zone")
			e.setProp(kg.PropProvince, c.row.Province)
			e.setProp(kg.PropCity, c.row.City)
			x.addSurface(e, normParens(c.row.FullName))
			e.addAlias(c.row.FullName)
			x.zoneDisplayName(e, c, disp)
		} else if c.parentKey != "" {
			parent := x.byKey[surfKey{kg.LabelZone, c.parentKey}]
			rest := strings.TrimPrefix(name, normParens(c.parent))
			e = x.newEntity(kg.LabelZone, c.parentKey+rest, disp)
			e.parent = parent
			e.setProp(kg.PropKind, c.kind)
			x.addSurface(e, rest)
			if parent != nil {
				for _, k := range []string{kg.PropProvince, kg.PropCity} {
					if v, ok := parent.props[k]; ok {
						e.setProp(k, v)
					}
				}
			}
		} else {
			if p := x.projectNaming(name); p != "" {
				pc := c
				pc.label, pc.name, pc.surf, pc.kind, pc.alias = kg.LabelProject, p, "", "project", nil
				e = x.registerCand(pc)
				x.addSurface(e, name)
				return e
			}
			if o := x.containing(kg.LabelZone, name); o != nil {
				e = o
			} else {
				e = x.newEntity(kg.LabelZone, name, disp)
				e.setProp(kg.PropKind, c.kind)
				if c.kind == "district" {
					if d := g.divisions[c.alias[0]]; d != nil {
						e.setProp(kg.PropProvince, d.Province)
						e.setProp(kg.PropCity, d.City)
					}
				}
			}
		}
	case kg.LabelEnterprise:
		if o := x.containing(kg.LabelEnterprise, name); o != nil && c.kind != "" && !strings.HasSuffix(c.kind, "公司") {
			e = o
		} else if o := x.informalFirm(name); o != nil {
			e = o
		} else if o := x.lookup(kg.LabelEnterprise, trimCompanySuffix(g, name)); o != nil {
			e = o
		} else {
			e = x.newEntity(kg.LabelEnterprise, name, disp)
			e.variants = g.shortVariants(name)
			for _, v := range e.variants {
				x.addSurface(e, v)
			}
			if e.props[kg.PropListed] == nil {
				e.setProp(kg.PropListed, false)
			}
		}
		if c.listed {
			e.setProp(kg.PropListed, true)
		}
	case kg.LabelProject:
		if o := x.lookup(kg.LabelProject, strings.TrimSuffix(name, "项目")); o != nil {
			e = o
		} else if o := x.lookup(kg.LabelProject, name+"项目"); o != nil {
			e = o
		} else {
			e = x.newEntity(kg.LabelProject, name, disp)
			if b, ok := strings.CutSuffix(name, "项目"); ok && runeLen(b) >= 3 {
				x.addSurface(e, b)
			}
			// an owner named with a place in parentheses: 格力电器(桂林)智能制造生产基地
			if i := strings.Index(name, "("); i > 0 {
				if j := strings.Index(name, ")"); j > i {
					if d := g.divisions[name[i+1:j]]; d != nil && runeLen(name[:i]) >= 2 {
						o := x.lookup(kg.LabelEnterprise, name[:i])
						if o == nil {
							o = x.newEntity(kg.LabelEnterprise, name[:i], name[:i])
							o.setProp(kg.PropListed, false)
						}
						e.setProp("owner", o)
					}
				}
			}
		}
	case kg.LabelInstitution:
		if o := x.containing(kg.LabelInstitution, name); o != nil {
			e = o
		} else {
			e = x.newEntity(kg.LabelInstitution, name, disp)
		}
	default:
		e = x.newEntity(c.label, name, disp)
	}
	x.addSurface(e, name)
	for _, a := range c.alias {
		x.addSurface(e, normParens(a))
		if e.label == kg.LabelZone && a != e.name {
			e.addAlias(a)
		}
	}
	if e.row == nil && runeLen(c.name) > runeLen(e.name) && strings.HasSuffix(normParens(c.name), strings.TrimSuffix(e.key, "项目")) {
		e.name = disp
	}
	return e
}

// informalFirm resolves a firm written informally as brand + trade + 公司
// (浪潮超高清视频公司) to the legal name that contains its core
// (山东浪潮超高清视频产业有限公司); nil for legal names, branches and subsidiaries.
func (x *extractor) informalFirm(name string) *entity {
	core, ok := strings.CutSuffix(name, "公司")
	if !ok || runeLen(core) < 4 || x.genericNameCore(core) {
		return nil
	}
	for _, w := range []string{"有限", "股份", "分", "子", "集团", "总", "("} {
		if strings.Contains(core, w) {
			return nil
		}
	}
	if o := x.containing(kg.LabelEnterprise, core); o != nil && o.key != name && strings.Contains(o.name, "有限") {
		return o
	}
	return nil
}

// projectNaming returns the project whose name ends with the park name
// followed by 项目 (联创电子光学镜头产业园项目 for 光学镜头产业园), or "".
func (x *extractor) projectNaming(park string) string {
	if runeLen(park) < 4 {
		return ""
	}
	for _, p := range x.projNames {
		if strings.HasSuffix(p, park+"项目") {
			return p
		}
	}
	return ""
}

// zoneDisplayName gives a national zone the fullest form the text writes
// that starts with its gazetteer short name (杭州高新区（滨江）), keeping the
// written parentheses; the short name, the official name and a district in
// parentheses (滨江) become aliases. The key (and so the ID) stays the short name.
func (x *extractor) zoneDisplayName(e *entity, c cand, disp string) {
	for _, a := range c.alias {
		e.addAlias(a)
		x.addSurface(e, normParens(a))
	}
	if c.row == nil || !strings.HasPrefix(normParens(disp), normParens(c.row.Name)) {
		return
	}
	if runeLen(disp) > runeLen(e.name) {
		e.addAlias(e.name)
		e.name = disp
	}
}

// containing finds an entity of the label whose name ends with or contains
// name (a short form), or whose name is an abbreviation of it.
func (x *extractor) containing(label kg.Label, name string) *entity {
	nameLen := utf8.RuneCountInString(name) // runeLen(name), once
	if nameLen < 2 {
		return nil
	}
	name0, _ := utf8.DecodeRuneInString(name)
	for _, e := range x.ents {
		if e.label != label {
			continue
		}
		en := normParens(e.name)
		if en == name {
			return e
		}
		if label == kg.LabelZone && strings.HasSuffix(en, name) && nameLen >= 4 {
			return e
		}
		if label == kg.LabelEnterprise && strings.Contains(en, name) && nameLen >= 2 {
			return e
		}
		if label == kg.LabelInstitution && strings.HasPrefix(en, name) && nameLen >= 6 {
			return e
		}
		if (label == kg.LabelZone || label == kg.LabelInstitution) && mayAbbrev(name0, en) && isAbbrev(name, en) {
			return e
		}
	}
	return nil
}

// mayAbbrev is isAbbrev's first test, on strings: an abbreviation starts
// with its full name's first rune, or with the first rune after 中国科学院.
func mayAbbrev(short0 rune, long string) bool {
	long0, _ := utf8.DecodeRuneInString(long)
	return short0 == long0 || strings.HasPrefix(long, "中国科学院")
}

// isAbbrev reports whether short is an abbreviation of long: same first and
// last rune, its runes in order within long (内蒙古留创园 / 内蒙古留学人员创业园).
func isAbbrev(short, long string) bool { return isAbbrevOf([]rune(short), []rune(long)) }

var (
	casRunes = []rune("中国科学院")
	uniRunes = []rune("大学")
)

// isAbbrevOf is isAbbrev on runes.
func isAbbrevOf(short, long []rune) bool {
	// a CAS institute is abbreviated without 中国科学院 (长春光机所)
	if t := long[min(len(casRunes), len(long)):]; hasRunesAt(long, 0, casRunes) && len(t) >= 6 && isAbbrevOf(short, t) {
		return true
	}
	// a university's abbreviation ends in 大 (哈工大)
	if t := long[:max(0, len(long)-len(uniRunes))]; hasRunesAt(long, len(t), uniRunes) && len(short) > 0 && short[len(short)-1] == '大' && len(t) >= 3 && isAbbrevRunes(short, append(t[:len(t):len(t)], '大')) {
		return true
	}
	return isAbbrevRunes(short, long)
}

func isAbbrevRunes(s, l []rune) bool {
	if len(s) < 3 || len(s) >= len(l) || s[0] != l[0] || s[len(s)-1] != l[len(l)-1] {
		return false
	}
	j := 0
	for _, r := range l {
		if j < len(s) && s[j] == r {
			j++
		}
	}
	return j == len(s)
}

func trimCompanySuffix(g *gazetteer, name string) string {
	for _, s := range g.companySuf {
		if t, ok := strings.CutSuffix(name, s); ok && runeLen(t) >= 2 {
			return t
		}
	}
	return name
}

// shortVariants derives the short names a firm is called by: without the
// legal suffix, the place in parentheses, the leading place and the trailing
// industry words (桂林狮达技术股份有限公司 -> 桂林狮达技术, 桂林狮达, 狮达技术, 狮达).
func (g *gazetteer) shortVariants(name string) []string {
	core := trimCompanySuffix(g, name)
	if strings.HasSuffix(core, "股份") {
		core = strings.TrimSuffix(core, "股份")
	}
	if i := strings.Index(core, "("); i > 0 {
		if j := strings.Index(core, ")"); j > i {
			core = core[:i] + core[j+1:]
		}
	}
	r := []rune(core)
	place := ""
	if l := g.placeTrie.longest(r, 0); l > 0 && len(r)-l >= 2 {
		place = string(r[:l])
	}
	body := strings.TrimPrefix(core, place)
	var bodies []string
	b := body
	for {
		bodies = append(bodies, b)
		cut := false
		wm := g.coreWords[0] // g.industry, by last rune: only words ending like b can end it
		l, _ := utf8.DecodeLastRuneInString(b)
		mask := wm.maskOf(wm.lastIdx, wm.byLast, l)
		for k := nextBit(mask, 0); k < len(wm.words); k = nextBit(mask, k+1) {
			if t, ok := strings.CutSuffix(b, wm.words[k]); ok && runeLen(t) >= 2 {
				b, cut = t, true
				break
			}
		}
		if !cut {
			break
		}
	}
	var out []string
	for _, b := range bodies {
		if place != "" {
			out = append(out, place+b)
		}
		out = append(out, b)
	}
	var kept []string
	for _, v := range dedup(out) {
		if g.goodShortName(v, name) {
			kept = append(kept, v)
		}
	}
	return kept
}

// genericShort are words that are never a firm's short name on their own.
var genericShort = map[string]bool{"中国": true, "中华": true, "国家": true, "全国": true, "国际": true, "华夏": true, "东方": true, "新型": true,
	"科技": true, "技术": true, "实业": true, "发展": true, "投资": true, "控股": true, "集团": true, "股份": true, "建设": true, "开发": true,
	"高新": true, "高新区": true, "产业": true, "工业": true, "商业": true, "人民": true}

// goodShortName reports whether v may stand for the firm name: at least two
// Han characters, not a bare place (province, city, district or country),
// not a generic word, and never derived for a bank (中国银行 is not 中国;
// short forms like 中行 only when the text says so, with 以下简称).
func (g *gazetteer) goodShortName(v, full string) bool {
	han := 0
	for _, r := range v {
		if isHan(r) {
			han++
		}
	}
	if (han < 2 && !latinBrand(v)) || genericShort[v] || v == full {
		return false
	}
	if strings.Contains(full, "银行") {
		return false
	}
	if _, place := g.divisions[v]; place {
		return false
	}
	r := []rune(v)
	if l := g.placeTrie.longest(r, 0); l == len(r) {
		return false
	}
	if g.zoneTrie.longest(r, 0) == len(r) || g.regionTrie.longest(r, 0) == len(r) {
		return false
	}
	return true
}

// ---- people and positions ----

type titleFact struct {
	person     string
	pStart     int
	pEnd       int
	org        *entity
	orgName    string // when no known org: a name read from the text
	title      string
	orgSt, end int
}

// personAt returns the length of a personal name starting at i, or 0.
func (x *extractor) personAt(n []rune, i int) int {
	if i >= len(n) || !isHan(n[i]) {
		return 0
	}
	if !x.gaz.isSurname1(n[i]) && !x.gaz.surname2First.has(n[i]) {
		return 0 // no surname starts here (the test below, without the words)
	}
	if notNameFirst.has(n[i]) {
		for _, w := range notNameRunes {
			if hasRunesAt(n, i, w) {
				return 0 // a word before a title, not a name: 相关负责人, 党委书记
			}
		}
	}
	sl := 0
	if i+2 <= len(n) && x.gaz.isSurname2(n[i], n[i+1]) {
		sl = 2
	} else if x.gaz.isSurname1(n[i]) {
		sl = 1
	} else {
		return 0
	}
	after := func(k int) bool { // a name may end before k
		if k >= len(n) {
			return true
		}
		if !isHan(n[k]) {
			return true
		}
		for _, w := range nameEndByFirstT.get(n[k]) {
			if hasRunesAt(n, k, w) {
				return true
			}
		}
		return x.titleAt(n, k)
	}
	if sl == 2 {
		if i+3 <= len(n) && isHan(n[i+2]) && after(i+3) {
			return 3
		}
		return 0
	}
	if i+3 <= len(n) && isHan(n[i+1]) && isHan(n[i+2]) && after(i+3) && !after(i+2) {
		return 3
	}
	if i+2 <= len(n) && isHan(n[i+1]) && after(i+2) {
		return 2
	}
	if i+3 <= len(n) && isHan(n[i+1]) && isHan(n[i+2]) && after(i+3) {
		return 3
	}
	return 0
}

// nameEndWords may follow a personal name (verbs of saying, function words, 先生).
var nameEndWords = []string{"说", "表示", "介绍", "指出", "认为", "称", "告诉", "强调", "坦言", "很", "也", "的", "正", "欣喜", "笑", "亲自", "首先",
	"在", "和", "与", "及", "等", "一行", "对", "谈", "还", "就", "向", "为", "是", "将", "会", "更", "同", "主持", "带领", "率", "透露", "当", "并", "作",
	"于", "被", "把", "让", "给", "曾", "已", "都", "又", "来", "到", "从", "出席", "参加", "讲话", "致辞", "一起", "感慨", "回忆", "解释", "算", "深有",
	"多次", "团队", "带队", "先生", "女士", "同志", "正在", "刚刚", "一直", "坦承", "本报", "记者", "通讯员"}

// nameEndByFirst indexes nameEndWords by their first rune.
// nameEndByFirstT is nameEndByFirst as a table.
var nameEndByFirstT = newByRune(nameEndByFirst)

var nameEndByFirst = func() map[rune][][]rune {
	m := map[rune][][]rune{}
	for _, w := range runesOf(nameEndWords) {
		m[w[0]] = append(m[w[0]], w)
	}
	return m
}()

// notNames are common words that start with a surname and stand before a
// title or a verb of saying (相关负责人, 党委书记, 常务副主任).
var notNames = []string{"相关", "党委", "党组", "党工委", "党支部", "常务", "时任", "原任", "现任", "主要", "分管", "全体", "高级", "首席", "双方", "各方"}

var notNameRunes = runesOf(notNames)

// notNameFirst holds the first runes of notNames: a name starting with
// another rune needs no comparison with them.
var notNameFirst = func() *runeSet {
	rs := &runeSet{}
	for _, w := range notNameRunes {
		rs.add(w[0])
	}
	return rs
}()

// titleEndingAt returns the longest title word ending at i.
func (x *extractor) titleEndingAt(n []rune, i int) string {
	if i == 0 || i > len(n) || !x.gaz.titleLastSet.has(n[i-1]) {
		return ""
	}
	for _, k := range x.gaz.titleLastT.get(n[i-1]) {
		if endsWith(n, i, x.gaz.titleRunes[k]) {
			return x.gaz.titles[k]
		}
	}
	return ""
}

// honours are titles that are no post (中国科学院院士): a chain ending in one
// holds its first post in the first body named.
var honours = map[string]bool{"院士": true}

// bodyWords end the names of bodies that take a title in a chain
// (党工委、滨江区委书记 -> 党工委书记、滨江区委书记).
var bodyWords = []string{"党工委", "工委", "党委", "区委", "市委", "县委", "省委", "管委会", "委员会", "党组"}

// zoneBodyWords are a zone's party bodies: a post in them is held in the zone
// itself (杭州高新区党工委书记 -> the zone). A post in its 管委会 or a
// 委员会 is held in that institution.
var zoneBodyWords = []string{"党工委", "工委", "党委", "区委", "市委", "县委", "省委", "党组"}

// titleFacts finds 「ORG TITLE NAME」, 「NAME TITLE」 and title chains split by 、.
func (x *extractor) titleFacts(s *sentence, ms []mention) []titleFact {
	n := s.n
	if !s.titled {
		s.titled, s.hasTitle = true, hasAnyRune(n, x.gaz.titleLastSet)
	}
	if !s.hasTitle {
		return nil // no title ends (or starts) anywhere: neither rule below finds one
	}
	var out []titleFact
	var personEnd map[int]bool // made at the first fact (most sentences have none)
	for j := 1; j < len(n); j++ {
		if !x.gaz.titleLastSet.has(n[j-1]) {
			continue // no title ends here (titleEndingAt's first test, without a call)
		}
		t := x.titleEndingAt(n, j)
		if t == "" {
			continue
		}
		l := x.personAt(n, j)
		if l == 0 || x.titleAt(n, j) && l < 3 {
			continue
		}
		tf := titleFact{person: s.str(j, j+l), pStart: j, pEnd: j + l, end: j}
		// the descriptor: back to punctuation other than 、, or to a 、
		// right after another titled person (A主任张三、B主任李四)
		st := j - runeLen(t)
		for st > 0 && !rsDescStop.has(n[st-1]) && !(n[st-1] == '、' && personEnd[st-1]) {
			st--
		}
		descSt := st
		for _, m := range ms {
			if m.start >= st && m.end <= j-runeLen(t) && m.ent.label != kg.LabelPerson && m.ent.label != kg.LabelProject {
				st = m.start
				break
			}
		}
		// skip a leading stop word: 正是, 由
		for k := st; k < j; k++ {
			found := false
			for _, m := range ms {
				if m.start == k && m.ent.label != kg.LabelPerson {
					found = true
				}
			}
			if found || x.isOrgStart(n, k) {
				st = k
				break
			}
		}
		tf.orgSt = st
		if personEnd == nil {
			personEnd = map[int]bool{}
		}
		personEnd[j+l] = true
		// a chain of posts each with its own title (市委常委、统战部部长、
		// 高新区工委书记): the last post names the organisation
		te := j - runeLen(t)
		lastPart := st
		ownTitles := false
		if k := strings.LastIndex(s.str(descSt, te), "、"); k >= 0 && descSt < te {
			lastPart = descSt + runeLen(s.str(descSt, te)[:k]) + 1
			ownTitles = true
			for _, p := range strings.Split(s.str(descSt, lastPart-1), "、") {
				if x.titleEndingAt([]rune(p), runeLen(p)) == "" {
					ownTitles = false
				}
			}
		}
		var org *mention
		for _, from := range []int{lastPart, st} {
			if org != nil || from == st && lastPart == st && org != nil {
				break
			}
			if !ownTitles && from == lastPart && lastPart != st {
				continue
			}
			for i := range ms {
				m := ms[i]
				// the body may share its last word with the title: 高新区工委|工委书记
				if m.start >= from && (m.end <= te || m.start < te && m.end <= j) && m.ent.label != kg.LabelPerson && m.ent.label != kg.LabelProject {
					if org == nil {
						org = &ms[i]
					}
				}
			}
		}
		rest := ""
		if org != nil {
			tf.org = org.ent
			// a zone's party body: the position is held in the zone
			if org.ent.label == kg.LabelInstitution && org.ent.parent != nil {
				for _, b := range zoneBodyWords {
					if strings.HasSuffix(normParens(org.ent.name), b) {
						tf.org = org.ent.parent
						rest = strings.TrimPrefix(normParens(org.ent.name), org.ent.parSurf)
						break
					}
				}
			}
			rest += s.str(org.end, j)
		} else {
			desc := s.str(st, j)
			if name := x.speakerOrg(s, st, j-runeLen(t)); name != "" {
				tf.orgName = name
				rest = strings.TrimPrefix(desc, name)
			} else {
				rest = desc
			}
		}
		tf.title = distributeTitle(x, rest, t)
		if ownTitles {
			tf.title = s.str(descSt, j)
			if org != nil && org.start == descSt { // 成都高新区党工委书记、… -> 党工委书记、…
				cut := org.end
				if org.ent.parent != nil && org.ent.parSurf != "" {
					cut = org.start + runeLen(org.ent.parSurf)
				}
				if cut < j {
					tf.title = s.str(cut, j)
				}
			}
		}
		// two bodies in a chain ending in an honour (长春光机所所长、中国科学院院士
		// X): the first post is held in the first body, the honour in the last
		if ownTitles && org != nil && org.start >= lastPart && honours[t] {
			if k := strings.IndexRune(s.str(descSt, lastPart), '、'); k >= 0 {
				firstEnd := descSt + runeLen(s.str(descSt, lastPart)[:k])
				for i := range ms {
					fm := ms[i]
					if fm.start != descSt || fm.end >= firstEnd || fm.ent == org.ent || fm.ent.label == kg.LabelPerson || fm.ent.label == kg.LabelProject {
						continue
					}
					t1 := s.str(fm.end, firstEnd)
					if x.titleEndingAt([]rune(t1), runeLen(t1)) != t1 {
						continue
					}
					first := tf
					first.org, first.orgName, first.title = fm.ent, "", t1
					out = append(out, first)
					tf.title = s.str(org.end, j)
					break
				}
			}
		}
		out = append(out, tf)
	}
	// NAME TITLE: 刘伟新副主任介绍
	for k := 0; k < len(n); k++ {
		if !x.gaz.isSurname1(n[k]) && !x.gaz.surname2First.has(n[k]) {
			continue // no name starts here (isPersonNameRunes' first test)
		}
		if k > 0 && isHan(n[k-1]) && !endsMention(ms, k) {
			continue
		}
		for _, l := range []int{3, 2} {
			if k+l >= len(n) || !x.gaz.isPersonNameRunes(n[k:k+l]) {
				continue
			}
			t := x.titleStartingAt(n, k+l)
			if t == "" {
				continue
			}
			e := k + l + runeLen(t)
			if e < len(n) && isHan(n[e]) && x.personAt(n, e) > 0 {
				continue // a title before another name: ORG TITLE NAME
			}
			ok := e >= len(n) || !isHan(n[e])
			for _, v := range []string{"介绍", "说", "表示", "指出", "认为", "称", "告诉", "强调", "坦言", "一行", "带队", "主持", "出席"} {
				if hasAt(n, e, v) {
					ok = true
				}
			}
			if !ok {
				continue
			}
			tf := titleFact{person: s.str(k, k+l), pStart: k, pEnd: k + l, title: t, orgSt: k, end: e}
			for i := range ms {
				if ms[i].end == k && ms[i].ent.label != kg.LabelPerson && ms[i].ent.label != kg.LabelProject {
					tf.org = ms[i].ent
				}
			}
			out = append(out, tf)
			break
		}
	}
	return out
}

func endsMention(ms []mention, k int) bool {
	for _, m := range ms {
		if m.end == k {
			return true
		}
	}
	return false
}

// isOrgStart: a place name or a coreference starts an organisation name here.
func (x *extractor) isOrgStart(n []rune, k int) bool {
	return hasAt(n, k, "该") || x.gaz.placeTrie.longest(n, k) > 0
}

// speakerOrg reads a firm's name in front of a title when no rule found one:
// the leading proper-noun words (segmenter hints ns/nr/nz/j) of the descriptor.
func (x *extractor) speakerOrg(s *sentence, st, e int) string {
	toks := tokenize(s.n[st:e])
	l := 0
	for _, t := range toks {
		if t.pos == "ns" || t.pos == "nr" || t.pos == "nz" || t.pos == "nrt" || t.pos == "nrfg" || t.pos == "x" || t.pos == "j" || t.pos == "ng" {
			l = t.end
			continue
		}
		break
	}
	if l >= 3 && l <= 6 && l < e-st {
		return string(s.n[st : st+l])
	}
	return ""
}

// distributeTitle gives every element of a title chain its title word:
// 党工委、滨江区委书记 -> 党工委书记、滨江区委书记.
func distributeTitle(x *extractor, chain, last string) string {
	parts := strings.Split(chain, "、")
	for i, p := range parts[:len(parts)-1] {
		has := false
		for _, t := range x.gaz.titles {
			if strings.HasSuffix(p, t) {
				has = true
			}
		}
		if !has {
			for _, b := range bodyWords {
				if strings.HasSuffix(p, b) {
					parts[i] = p + last
				}
			}
		}
	}
	return strings.TrimSpace(strings.Join(parts, "、"))
}

func (x *extractor) registerPeople() {
	for _, ss := range x.sents {
		for _, s := range ss {
			ms := x.candMentions(s)
			for _, tf := range x.titleFacts(s, ms) {
				p := x.newEntity(kg.LabelPerson, tf.person, tf.person)
				_ = p
				if tf.org == nil && tf.orgName != "" {
					if x.lookup(kg.LabelEnterprise, tf.orgName) == nil && x.containing(kg.LabelEnterprise, tf.orgName) == nil {
						o := x.newEntity(kg.LabelEnterprise, tf.orgName, tf.orgName)
						o.setProp(kg.PropListed, false)
					}
				}
			}
		}
	}
}

// candMentions maps a sentence's candidates to registered entities (pass 1).
func (x *extractor) candMentions(s *sentence) []mention {
	var ms []mention
	for _, c := range x.selectedCands(s) {
		if e := x.lookup(c.label, normParens(c.name)); e != nil {
			ms = append(ms, mention{start: c.start, end: c.end, ent: e})
		}
	}
	return ms
}

// qualifyBodies names a bare zone body (高新区管委会, 高新区工委) after the zone
// its article is about (新余高新区管委会), so that bodies of different zones
// never merge across pages. It reports whether any name changed.
func (x *extractor) qualifyBodies() bool {
	changed := false
	for _, e := range x.ents {
		if e.label != kg.LabelInstitution || e.dead || !strings.HasPrefix(e.key, "高新区") || e.firstArt < 0 {
			continue
		}
		z := x.mainZ[e.firstArt]
		if z == nil || z.row == nil {
			continue
		}
		key := z.key + strings.TrimPrefix(e.key, "高新区")
		if o, ok := x.byKey[surfKey{kg.LabelInstitution, key}]; ok && o != e {
			for k, v := range x.surf {
				if v == e {
					x.surf[k] = o
				}
			}
			e.dead = true
		} else {
			e.addAlias(e.name)
			e.key, e.name = key, key
			x.byKey[surfKey{kg.LabelInstitution, key}] = e
			x.addSurface(e, key)
			e.parent, e.parSurf = z, z.key
		}
		changed = true
	}
	return changed
}

// bodyParents links a zone's bodies to the zone their name starts with
// (杭州高新区党工委, 包头稀土高新区知识产权局, 七星区金融办).
func (x *extractor) bodyParents() {
	var zs []string
	for k, z := range x.surf {
		if k.label == kg.LabelZone && z.label == kg.LabelZone {
			zs = append(zs, k.s)
		}
	}
	sort.Strings(zs)
	for _, e := range x.ents {
		if e.label != kg.LabelInstitution || e.parent != nil {
			continue
		}
		for _, s := range zs {
			if strings.HasPrefix(e.key, s) && len(s) > len(e.parSurf) && len(s) < len(e.key) {
				e.parent, e.parSurf = x.surf[surfKey{kg.LabelZone, s}], s
			}
		}
	}
}

// latinBrand reports whether v is a brand of three or more capital Latin
// letters (ABB of ABB(中国)有限公司).
func latinBrand(v string) bool {
	if len(v) < 3 {
		return false
	}
	for _, r := range v {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// pageScratch holds the chunks a page's sentences, kept candidates and
// kept mentions live in (newSentence, keepCands, keepMentions). Nothing of
// them outlives buildGraphIn (the graph holds copies and strings), so they
// are cleared and reused by the next page (scratchPages): about a sixth of
// the bytes a page allocated, and so of the collections.
type pageScratch struct {
	sents               [][]sentence
	cands               [][]cand
	ms                  [][]mention
	nSents, nCands, nMs int // chunks handed out to the current page
	// the chunks handed out last, filled up to their length (the page's
	// sentChunk, candArena and msArena), set when the page is done
	lastSents []sentence
	lastCands []cand
	lastMs    []mention
	// the page's entities, in chunks of which ents[:nEnts] are handed out
	// (lastEnts the last, filled up to its length)
	ents     [][]entity
	nEnts    int
	lastEnts []entity
	// the page's maps (extractor.byKey, surf, rels, relIDs), emptied
	byKey, surf map[surfKey]*entity
	rels        map[kg.ID]*kg.Relation
	relIDs      map[relKey]kg.ID
	// slabs the sentences' boff and toks, the page's runes and the
	// layout's offsets are cut from (pointer-free)
	i32s               [][]int32
	toks               [][]tokEnd
	rns                [][]rune
	nI32s, nToks, nRns int
	curI32s            []int32
	curToks            []tokEnd
	curRns             []rune
	lines              []line // splitLines' lines
	candBuf, candSort  []cand
	msBuf              []mention
	// the page's surface trie (rebuilt in place) and abbrevFirst's set,
	// emptied for the next page by releaseScratch
	surfTr   *surfaceTrie
	abbrev   *runeSet
	abbrevOn bool // abbrev handed out to the current page
}

// abbrevFirst returns an empty rune set for the page's abbrevFirst.
func (sc *pageScratch) abbrevFirst() *runeSet {
	if sc.abbrev == nil {
		sc.abbrev = new(runeSet)
	} else if sc.abbrevOn {
		clear(sc.abbrev[:])
	}
	sc.abbrevOn = true
	return sc.abbrev
}

var scratchPages = sync.Pool{New: func() any { return new(pageScratch) }}

// nextChunk hands out the next unused chunk of *chunks with room for n
// values, empty; a new one of capacity max(size, n) when none is left.
func nextChunk[T any](chunks *[][]T, used *int, n, size int) []T {
	for *used < len(*chunks) {
		c := (*chunks)[*used]
		*used++
		if cap(c) >= n {
			return c[:0]
		}
	}
	c := make([]T, 0, max(size, n))
	*chunks = append(*chunks, c)
	*used++
	return c
}

// clearChunks zeroes the chunks handed out (no pointer into a finished
// page stays reachable) and makes them unused. last is the chunk handed
// out last, filled up to its length: only that much of it is cleared.
func clearChunks[T any](chunks [][]T, used *int, last []T) {
	for k, c := range chunks[:*used] {
		if k == *used-1 && cap(last) > 0 && &c[:1][0] == &last[:1][0] {
			clear(last)
			continue
		}
		clear(c[:cap(c)])
	}
	*used = 0
}

// pageScratch is x.scratch, made when x was not made by buildGraphIn.
func (x *extractor) pageScratch() *pageScratch {
	if x.scratch == nil {
		x.scratch = new(pageScratch)
	}
	return x.scratch
}

// releaseScratch gives the page's chunks and scratch buffers back for the
// next page. x must not be used after it.
func (x *extractor) releaseScratch() {
	sc := x.scratch
	if sc == nil {
		return
	}
	sc.candBuf, sc.candSort, sc.msBuf = x.candBuf, x.candSort, x.msBuf
	sc.lastSents, sc.lastCands, sc.lastMs, sc.lastEnts = x.sentChunk, x.candArena, x.msArena, x.entChunk
	x.entChunk = nil
	x.scratch, x.sentChunk, x.candArena, x.msArena, x.surfTr, x.abbrevFirst = nil, nil, nil, nil, nil, nil
	sc.release()
}

// release empties sc (no pointer into the finished page stays reachable)
// and gives it back for the next page.
func (sc *pageScratch) release() {
	clearChunks(sc.sents, &sc.nSents, sc.lastSents)
	clearChunks(sc.cands, &sc.nCands, sc.lastCands)
	clearChunks(sc.ms, &sc.nMs, sc.lastMs)
	clearChunks(sc.ents, &sc.nEnts, sc.lastEnts)
	sc.lastSents, sc.lastCands, sc.lastMs, sc.lastEnts = nil, nil, nil, nil
	clear(sc.byKey)
	clear(sc.surf)
	clear(sc.rels)
	clear(sc.relIDs)
	clearChunks(sc.i32s, &sc.nI32s, sc.curI32s)
	clearChunks(sc.toks, &sc.nToks, sc.curToks)
	clearChunks(sc.rns, &sc.nRns, sc.curRns)
	sc.curI32s, sc.curToks, sc.curRns = nil, nil, nil
	sc.lines = clearAll(sc.lines)
	if sc.surfTr != nil {
		sc.surfTr.reset()
	}
	if sc.abbrevOn {
		clear(sc.abbrev[:])
		sc.abbrevOn = false
	}
	sc.candBuf, sc.candSort, sc.msBuf = clearAll(sc.candBuf), clearAll(sc.candSort), clearAll(sc.msBuf)
	scratchPages.Put(sc)
}

// clearAll zeroes s up to its capacity and returns it empty.
func clearAll[T any](s []T) []T {
	clear(s[:cap(s)])
	return s[:0]
}

// cut returns n zero values from the slab *cur, taking the next chunk of
// *chunks when it is full.
func cut[T any](chunks *[][]T, used *int, cur *[]T, n, size int) []T {
	if len(*cur)+n > cap(*cur) {
		*cur = nextChunk(chunks, used, n, size)
	}
	st := len(*cur)
	*cur = (*cur)[:st+n]
	return (*cur)[st : st+n : st+n]
}

// int32s returns n zero int32s of the page (allocated when sc is nil).
func (sc *pageScratch) int32s(n int) []int32 {
	if sc == nil {
		return make([]int32, n)
	}
	return cut(&sc.i32s, &sc.nI32s, &sc.curI32s, n, 8192)
}

// runes returns n zero runes of the page (allocated when sc is nil).
func (sc *pageScratch) runes(n int) []rune {
	if sc == nil {
		return make([]rune, n)
	}
	return cut(&sc.rns, &sc.nRns, &sc.curRns, n, 1<<15)
}

// lineBuf returns an empty slice of lines with room for n (splitLines';
// allocated when sc is nil).
func (sc *pageScratch) lineBuf(n int) []line {
	if sc == nil {
		return make([]line, 0, n)
	}
	if cap(sc.lines) < n {
		sc.lines = make([]line, 0, n)
	}
	return sc.lines[:0]
}

// tokEnds returns n zero tokEnds of the page (allocated when sc is nil).
func (sc *pageScratch) tokEnds(n int) []tokEnd {
	if sc == nil {
		return make([]tokEnd, n)
	}
	return cut(&sc.toks, &sc.nToks, &sc.curToks, n, 8192)
}
