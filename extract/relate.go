package extract

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/zonegraph/zonegraph/kg"
)

func (x *extractor) buildSurfaceTrie() {
	if x.surfTr == nil {
		sc := x.pageScratch()
		if sc.surfTr == nil {
			sc.surfTr = newSurfaceTrie()
		}
		x.surfTr = sc.surfTr
	}
	x.surfTr.reset()
	// in map order: the trie's layout depends on it, what it finds does
	// not (a form names at most one entity per label, and the entities of
	// a form are put in labelPref order, one label per rank, below)
	for k, e := range x.surf {
		if _, size := utf8.DecodeRuneInString(k.s); size < len(k.s) { // two runes or more
			x.surfTr.add(k.s, e)
		}
	}
	for _, es := range x.surfTr.ents {
		if len(es) > 1 {
			slices.SortFunc(es, func(a, b *entity) int { return cmp.Compare(labelPref[a.label], labelPref[b.label]) })
		}
	}
}

// runesEqual reports whether rs spells s (string(rs) == s without the string).
func runesEqual(rs []rune, s string) bool {
	i := 0
	for _, r := range s {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return i == len(rs)
}

// labelPref orders entities sharing a surface form.
var labelPref = map[kg.Label]int{kg.LabelZone: 0, kg.LabelEnterprise: 1, kg.LabelInstitution: 2, kg.LabelProject: 3, kg.LabelPerson: 4}

// mentions finds the known names and coreferences of a sentence (pass 2).
// last and recent are updated as mentions are read, so that 该公司 can
// point back to a firm named earlier in the same sentence.
//
// The result lives in a scratch buffer until the next call: a caller that
// keeps it copies it (keepMentions).
func (x *extractor) mentions(s *sentence, last map[kg.Label]*entity, recentp *[]*entity) []mention {
	n := s.n
	ms := x.msBuf[:0]
	defer func() { x.msBuf = ms[:0] }()
	var recent []*entity
	if recentp != nil {
		recent = *recentp
	}
	add := func(m mention) {
		ms = append(ms, m)
		last[m.ent.label] = m.ent
		recent = append(recent, m.ent)
	}
	for i := 0; i < len(n); i++ {
		if n[i] == '该' {
			if m, ok := x.coref(s, i, last, recent); ok {
				add(m)
				i = m.end - 1
				continue
			}
		}
		l, es := x.surfTr.longest(n, i)
		if e, k := x.bareBody(n, i, recent); e != nil && l <= k {
			add(mention{start: i, end: i + k, ent: e, coref: true})
			i += k - 1
			continue
		}
		if l == 0 {
			if e, k := x.abbrevAt(n, i); e != nil {
				add(mention{start: i, end: i + k, ent: e})
				i += k - 1
				continue
			}
			if n[i] == '高' && hasAt(n, i, "高新区") && x.mainZ[s.art] != nil && (i == 0 || !isHan(n[i-1]) || n[i-1] == '在' || n[i-1] == '和' || n[i-1] == '与') {
				add(mention{start: i, end: i + 3, ent: x.mainZ[s.art], coref: true})
				i += 2
			}
			continue
		}
		add(mention{start: i, end: i + l, ent: es[0]}) // es sorted by labelPref
		i += l - 1
	}
	if recentp != nil {
		*recentp = recent
	}
	return ms
}

// keepMentions copies a sentence's mentions out of mentions' scratch
// buffer into the page's mention arena (capacity cut to the length, so an
// append never reaches the next sentence's); nil when there are none, as
// mentions returned before it had a scratch buffer.
func (x *extractor) keepMentions(ms []mention) []mention {
	if len(ms) == 0 {
		return nil
	}
	if len(x.msArena)+len(ms) > cap(x.msArena) {
		sc := x.pageScratch()
		x.msArena = nextChunk(&sc.ms, &sc.nMs, len(ms), 256)
	}
	st := len(x.msArena)
	x.msArena = append(x.msArena, ms...)
	return x.msArena[st:len(x.msArena):len(x.msArena)]
}

// coref resolves 该公司, 该企业, 该项目, 该高新区, 该X to an antecedent.
func (x *extractor) coref(s *sentence, i int, last map[kg.Label]*entity, recent []*entity) (mention, bool) {
	n := s.n
	for _, w := range []struct {
		word  string
		label kg.Label
	}{{"公司", kg.LabelEnterprise}, {"企业", kg.LabelEnterprise}, {"项目", kg.LabelProject}, {"高新区", kg.LabelZone}, {"园区", kg.LabelZone}, {"区", kg.LabelZone}} {
		if hasAt(n, i+1, w.word) {
			e := last[w.label]
			if e != nil && isBank(e) {
				// a bank is 该行: 该公司 after a bank is the firm before it
				// (B向该公司发放贷款)
				e = nil
				for k := len(recent) - 1; k >= 0; k-- {
					if recent[k].label == kg.LabelEnterprise && !isBank(recent[k]) {
						e = recent[k]
						break
					}
				}
			}
			if w.label == kg.LabelZone && x.mainZ[s.art] != nil && w.word != "园区" {
				e = x.mainZ[s.art]
			}
			if e != nil {
				return mention{start: i, end: i + 1 + runeLen(w.word), ent: e, coref: true}, true
			}
		}
	}
	// 该所, 该院, 该行, 该校: the last body whose name holds that word
	// (中车某某研究所有限公司, 某某研究院, 某某银行, 某某大学)
	if i+1 < len(n) {
		for _, abbr := range []struct {
			r     rune
			words []string
		}{{'所', []string{"研究所", "事务所"}}, {'院', []string{"研究院", "学院", "科学院", "医院", "设计院"}}, {'行', []string{"银行", "支行", "分行"}}, {'校', []string{"大学", "学院", "学校"}}} {
			if n[i+1] != abbr.r {
				continue
			}
			for k := len(recent) - 1; k >= 0; k-- {
				for _, w := range abbr.words {
					if strings.Contains(recent[k].name, w) {
						return mention{start: i, end: i + 2, ent: recent[k], coref: true}, true
					}
				}
			}
		}
	}
	for l := 8; l >= 2; l-- {
		if i+1+l > len(n) {
			continue
		}
		w := s.str(i+1, i+1+l)
		for k := len(recent) - 1; k >= 0; k-- {
			if strings.HasSuffix(normParens(recent[k].name), w) {
				return mention{start: i, end: i + 1 + l, ent: recent[k], coref: true}, true
			}
		}
	}
	return mention{}, false
}

// mainZones finds the zone each article is about: the zone its headline
// starts with, else the zone named most often.
func (x *extractor) mainZones() {
	x.mainZ = make([]*entity, len(x.arts))
	for ai, a := range x.arts {
		k := normParens(leadingKey(a.title))
		if k != "" {
			if e := x.lookup(kg.LabelZone, k); e != nil {
				x.mainZ[ai] = e
				continue
			}
		}
		counts := map[*entity]int{}
		var best *entity
		for _, s := range x.sents[ai] {
			for _, m := range x.mentions(s, map[kg.Label]*entity{}, nil) {
				if m.ent.label == kg.LabelZone && m.ent.parent == nil && (m.ent.row != nil || m.ent.props[kg.PropKind] == "district") {
					counts[m.ent]++
					if best == nil || counts[m.ent] > counts[best] {
						best = m.ent
					}
				}
			}
		}
		x.mainZ[ai] = best
	}
}

// relKey is a relation's type and ends, the key of extractor.relIDs.
type relKey struct {
	t        kg.RelType
	from, to kg.ID
}

func (x *extractor) addRel(t kg.RelType, from, to *entity, s *sentence, props map[string]any) {
	if from == nil || to == nil || from == to {
		return
	}
	fid, tid := x.id(from), x.id(to)
	rk := relKey{t, fid, tid}
	id, ok := x.relIDs[rk]
	if !ok {
		id = kg.RelationID(t, fid, tid)
		if x.relIDs == nil {
			x.relIDs = map[relKey]kg.ID{} // x not made by buildGraphIn
		}
		x.relIDs[rk] = id
	}
	r, ok := x.rels[id]
	if !ok {
		r = &kg.Relation{ID: id, Type: t, From: x.id(from), To: x.id(to), Properties: map[string]any{}}
		x.rels[id] = r
		x.relOrd = append(x.relOrd, id)
	}
	for k, v := range props {
		if old, ok := r.Properties[k]; ok {
			if k == kg.PropAgreement && old != v {
				r.Properties[k] = fmt.Sprint(old) + "; " + fmt.Sprint(v)
			}
			continue
		}
		r.Properties[k] = v
	}
	if s != nil {
		ev := x.evidence(s)
		for _, e := range r.Evidence {
			if e == ev {
				return
			}
		}
		r.Evidence = append(r.Evidence, ev)
	}
}

// id is the entity's node ID, derived once per key (a key may change:
// qualifyBodies renames bare zone bodies).
func (x *extractor) id(e *entity) kg.ID {
	if e.idKey != e.key || e.id == "" {
		e.id, e.idKey = kg.NodeID(e.label, e.key), e.key
	}
	return e.id
}

var (
	coBuildFirst = newRuneSet("共联合") // the first runes of the co-building words
	loanRunes    = newRuneSet("贷融授质")
)

// The verbs of building before a project (F … 新建 P), the ones of them
// that end in 的 (F投资建设的P), and locCues, as runes.
var (
	buildVerbs  = runesOf([]string{"投资建设的", "建设的", "新建的", "投建的", "新建", "建设", "扩建", "兴建"})
	builtBy     = runesOf([]string{"投资建设的", "建设的", "新建的", "投建的"})
	locCueRunes = runesOf(locCues)
)

// hasAnyRune reports whether n holds a rune of rs.
func hasAnyRune(n []rune, rs *runeSet) bool {
	for _, r := range n {
		if rs.has(r) {
			return true
		}
	}
	return false
}

func isBank(e *entity) bool {
	return e.label == kg.LabelEnterprise && strings.Contains(e.name, "银行")
}

// relate reads the relations of one article (pass 2).
func (x *extractor) relate(ai int) {
	last := map[kg.Label]*entity{}
	var recent []*entity
	zone := x.mainZ[ai]
	paraSpeaker := map[int]*entity{}
	paraTopic := map[int]*entity{}
	type sm struct {
		s  *sentence
		ms []mention
	}
	all := make([]sm, 0, len(x.sents[ai]))
	for _, s := range x.sents[ai] {
		ms := x.keepMentions(x.mentions(s, last, &recent))
		for _, m := range ms {
			e := m.ent
			if !m.coref {
				if s.str(m.start, m.end) != normParens(e.name) { // runesEqual(s.n[m.start:m.end], ...): str is their UTF-8
					e.addAlias(string(s.sp.text[m.start:m.end]))
				}
			}
			e.countIn(ai)
			ev := x.evidence(s)
			if len(e.ev) == 0 || e.ev[len(e.ev)-1] != ev {
				e.ev = append(e.ev, ev)
			}
			if _, ok := paraTopic[s.para]; !ok {
				paraTopic[s.para] = e
			}
			if e.label == kg.LabelPerson {
				x.paraPeople[[2]int{ai, s.para}] = append(x.paraPeople[[2]int{ai, s.para}], e)
			}
			if o, ok := e.props["owner"].(*entity); ok {
				o.countIn(ai)
				o.ev = append(o.ev, ev)
			}
			if e.parent != nil && e.parent.countAt(ai) == 0 {
				e.parent.countIn(ai) // named inside 杭州高新区党工委, 杭州高新区物联网产业园
				e.parent.ev = append(e.parent.ev, ev)
			}
		}
		for _, tf := range x.titleFacts(s, ms) {
			p := x.lookup(kg.LabelPerson, tf.person)
			org := tf.org
			if org == nil && tf.orgName != "" {
				org = x.lookup(kg.LabelEnterprise, tf.orgName)
			}
			if p == nil {
				continue
			}
			if org != nil {
				x.addRel(kg.RelHoldsPosition, p, org, s, map[string]any{kg.PropTitle: tf.title})
				if org.label == kg.LabelEnterprise && x.personOrg[p] == nil {
					x.personOrg[p] = org
				}
				if _, ok := paraSpeaker[s.para]; !ok && org.label == kg.LabelEnterprise {
					paraSpeaker[s.para] = org
				}
			}
		}
		all = append(all, sm{s, ms})
	}
	for _, a := range all {
		x.relateSentence(a.s, a.ms, zone, paraSpeaker, paraTopic)
	}
}

func (x *extractor) relateSentence(s *sentence, ms []mention, zone *entity, paraSpeaker, paraTopic map[int]*entity) {
	n := s.n
	str := s.normText()
	amounts := findAmounts(n)
	clauseStart := func(i int) int {
		for i > 0 && !rsClauseEnd.has(n[i-1]) {
			i--
		}
		return i
	}
	// zones: PART_OF
	for _, m := range ms {
		e := m.ent
		if e.label != kg.LabelZone || e.row != nil {
			continue
		}
		if e.parent != nil {
			x.addRel(kg.RelPartOf, e, e.parent, s, nil)
			continue
		}
		// 在宝鸡高新区共建X: the zone named with 在 in the same clause
		host := zone
		for _, zm := range ms {
			if zm.ent.row != nil && zm.end <= m.start && zm.start > 0 && n[zm.start-1] == '在' && zm.start > clauseStart(m.start) {
				host = zm.ent
				e.parent = host // later mentions keep it
			}
		}
		if host != nil && e != host && e.props[kg.PropKind] != "district" {
			x.addRel(kg.RelPartOf, e, host, s, nil)
		}
	}
	// project amounts and owners
	status, statusDone := "", false
	for _, m := range ms {
		if m.ent.label != kg.LabelProject {
			continue
		}
		p := m.ent
		var amt *amount
		for i := range amounts {
			a := amounts[i]
			pre := s.str(max(0, a.start-4), a.start)
			if a.end <= m.start && m.start-a.end <= 2 && strings.Contains(pre, "投资") {
				amt = &amounts[i] // 总投资100亿元的P
			}
			if a.start >= m.end && strings.Contains(s.str(m.end, a.start), "投资") && a.start-m.end <= 8 {
				amt = &amounts[i] // P总投资约4.06亿元
			}
		}
		if amt != nil && p.props[kg.PropInvestmentCNY] == nil {
			p.setProp(kg.PropInvestmentCNY, amt.yuan)
			if amt.qualifier != "" {
				p.setProp(kg.PropQualifier, amt.qualifier)
			}
		}
		if !statusDone {
			status, statusDone = projectStatus(str), true // the sentence's, for each of its projects
		}
		if st := status; st != "" && p.props[kg.PropStatus] == nil {
			p.setProp(kg.PropStatus, st)
		}
		owner, _ := p.props["owner"].(*entity)
		if owner == nil {
			owner = x.ownerByName(p)
		}
		builds := false
		if owner == nil {
			// a firm's own project: 氢储科技（以下简称…）年产5000吨…项目签约落户
			for _, fm := range ms {
				if fm.ent.label == kg.LabelEnterprise && !isBank(fm.ent) && fm.end <= m.start && adjacentName(n, fm.end, m.start) {
					owner = fm.ent
					builds = strings.ContainsAny(str, "签投建") && (strings.Contains(str, "签约") || strings.Contains(str, "投资") || strings.Contains(str, "建设") || strings.Contains(str, "落户"))
				}
				// F总投资X的P, F在Z投资X的P: the firm's own investment
				if fm.ent.label == kg.LabelEnterprise && !isBank(fm.ent) && fm.end <= m.start && amt != nil && amt.start >= fm.end && amt.end <= m.start && investGap(n, fm.end, m.start) {
					owner, builds = fm.ent, true
				}
			}
		}
		if owner == nil && m.start >= 2 {
			// F … 新建/建设/扩建 P: the firm named before builds it
			for _, v := range buildVerbs {
				if endsWith(n, m.start, v) {
					for _, fm := range ms {
						if fm.ent.label == kg.LabelEnterprise && !isBank(fm.ent) && fm.end <= m.start-2 {
							owner, builds = fm.ent, true
						}
					}
					break
				}
			}
		}
		if owner != nil && !builds {
			// the owner named before F…投资建设的P builds it
			for _, v := range builtBy {
				if endsWith(n, m.start, v) {
					for _, fm := range ms {
						if fm.ent == owner && fm.end <= m.start {
							builds = true
						}
					}
				}
			}
		}
		if owner != nil {
			if amt == nil && builds {
				x.addRel(kg.RelInvestsIn, owner, p, s, map[string]any{kg.PropRole: "投资"})
			} else if amt != nil {
				x.addRel(kg.RelInvestsIn, owner, p, s, map[string]any{kg.PropAmountCNY: amt.yuan, kg.PropRole: "投资"})
			} else if !x.hasRel(kg.RelInvestsIn, owner, p) {
				x.addRel(kg.RelOperates, owner, p, s, nil)
			}
		}
		if zone != nil {
			target := zone
			for _, zm := range ms {
				if zm.ent.label == kg.LabelZone && zm.end <= m.start && zm.ent.parent != nil {
					target = zm.ent
				}
			}
			x.addRel(kg.RelLocatedIn, p, target, s, nil)
		}
	}
	// INVESTS_IN: E 投入/投资 AMOUNT ... P
	for _, trig := range []string{"投入", "投资"} {
		for k := strings.Index(str, trig); k >= 0; {
			pos := runeLen(str[:k])
			var subj *entity
			for _, m := range ms {
				if m.end <= pos && (m.ent.label == kg.LabelEnterprise || m.ent.label == kg.LabelInstitution) {
					subj = m.ent
				}
			}
			var amt *amount
			for i := range amounts {
				if amounts[i].start >= pos && amounts[i].start-pos <= 6 {
					amt = &amounts[i]
					break
				}
			}
			if subj != nil && amt != nil && !strings.HasSuffix(s.str(0, pos), "总") {
				// F设立P，计划投资X: the amount follows the project's clause
				for _, m := range ms {
					if m.ent.label == kg.LabelProject && m.end < pos && pos-m.end <= 3 && strings.ContainsRune(s.str(m.end, pos), '，') &&
						!x.hasRel(kg.RelInvestsIn, subj, m.ent) && listedProjectAmount(n, m.end) {
						x.addRel(kg.RelInvestsIn, subj, m.ent, s, map[string]any{kg.PropAmountCNY: amt.yuan, kg.PropRole: "投资"})
						if m.ent.props[kg.PropInvestmentCNY] == nil {
							m.ent.setProp(kg.PropInvestmentCNY, amt.yuan)
						}
					}
				}
				for _, m := range ms {
					if m.ent.label == kg.LabelProject && m.start >= amt.end && m.start-amt.end <= 8 {
						x.addRel(kg.RelInvestsIn, subj, m.ent, s, map[string]any{kg.PropAmountCNY: amt.yuan, kg.PropRole: "投资"})
						if m.ent.props[kg.PropInvestmentCNY] == nil {
							m.ent.setProp(kg.PropInvestmentCNY, amt.yuan)
							if amt.qualifier != "" {
								m.ent.setProp(kg.PropQualifier, amt.qualifier)
							}
						}
						break
					}
				}
			}
			nk := strings.Index(str[k+len(trig):], trig)
			if nk < 0 {
				break
			}
			k += len(trig) + nk
		}
	}
	// P由F(自主)投资建设 / 该项目…，由F投资建设: the firm after 由 funds the
	// project named before it in the sentence
	for _, fm := range ms {
		if fm.ent.label != kg.LabelEnterprise && fm.ent.label != kg.LabelInstitution || fm.start == 0 || n[fm.start-1] != '由' || isBank(fm.ent) {
			continue
		}
		rest := s.str(fm.end, min(len(n), fm.end+8))
		for _, adv := range []string{"自主", "独资", "全额", "全资", "负责", "出资"} {
			rest = strings.TrimPrefix(rest, adv)
		}
		if !(strings.HasPrefix(rest, "投资") || strings.HasPrefix(rest, "建设") || strings.HasPrefix(rest, "投建") || strings.HasPrefix(rest, "承建") || strings.HasPrefix(rest, "兴建")) {
			continue
		}
		var proj *entity
		for _, pm := range ms {
			if pm.ent.label == kg.LabelProject && pm.end < fm.start {
				proj = pm.ent
			}
		}
		if proj == nil {
			continue
		}
		props := map[string]any{kg.PropRole: "投资"}
		if v, ok := proj.props[kg.PropInvestmentCNY]; ok {
			props[kg.PropAmountCNY] = v
		}
		x.addRel(kg.RelInvestsIn, fm.ent, proj, s, props)
	}
	// co-building: P 由 A 与 B 联合共建 / A 与 B 共建 P
	coBuild := []string{"共同组建", "联合共建", "共建", "共同建设", "联合建设", "合资建设", "共同投资", "联合打造", "共同打造"}
	if !hasAnyRune(n, coBuildFirst) {
		coBuild = nil // no co-building word can start anywhere
	}
	for _, cb := range coBuild {
		k := strings.Index(str, cb)
		if k < 0 {
			continue
		}
		pos := runeLen(str[:k])
		var parties []*entity
		var proj *entity
		you := strings.LastIndex(str[:k], "由")
		for _, m := range ms {
			if m.end <= pos && (m.ent.label == kg.LabelEnterprise || m.ent.label == kg.LabelInstitution) && (you < 0 || m.start > runeLen(str[:you])) && m.start >= clauseStart(pos) {
				parties = append(parties, m.ent)
			}
			if m.ent.label == kg.LabelProject && (m.end <= pos && you >= 0 && m.end <= runeLen(str[:you]) || m.start >= pos && proj == nil) {
				proj = m.ent
			}
		}
		role := "共建"
		if strings.Contains(cb, "组建") {
			role = "共同组建"
		}
		cs := clauseStart(pos)
		if len(parties) == 0 && strings.Contains(s.str(cs, pos), "双方") {
			// 双方: the two partners named before (A与B签署…，双方将共建P)
			pair := x.lastPair[s.art]
			for i, m := range ms {
				if m.end > cs || i == 0 || m.start == 0 || !rsWith.has(n[m.start-1]) || !partnerLabel(m.ent) {
					continue
				}
				for j := i - 1; j >= 0; j-- {
					if partnerLabel(ms[j].ent) && ms[j].ent.label != kg.LabelProject {
						pair = [2]*entity{ms[j].ent, m.ent}
						break
					}
				}
			}
			for _, p := range pair {
				if p != nil && (p.label == kg.LabelEnterprise || p.label == kg.LabelInstitution) {
					parties = append(parties, p)
				}
			}
		}
		if len(parties) == 1 && proj == nil && cs > 0 {
			// an elided subject: A…，与B共建联合实验室
			for _, m := range ms {
				if m.ent == parties[0] && m.start > 0 && rsWith.has(n[m.start-1]) {
					var subj *entity
					for _, o := range ms {
						if o.end <= cs && (o.ent.label == kg.LabelEnterprise || o.ent.label == kg.LabelInstitution) && o.ent != m.ent {
							subj = o.ent
						}
					}
					if subj != nil {
						parties = []*entity{subj, m.ent}
					}
					break
				}
			}
		}
		// 在Z共建X: what is built lies in the zone named with 在 in the clause
		cbEnd := pos + runeLen(cb)
		for _, m := range ms {
			if m.start < cbEnd || m.start > cbEnd+2 || m.ent.label != kg.LabelInstitution && m.ent.label != kg.LabelProject {
				continue
			}
			for _, zm := range ms {
				if zm.ent.label == kg.LabelZone && zm.start > 0 && n[zm.start-1] == '在' && zm.start >= cs && zm.end <= pos {
					x.addRel(kg.RelLocatedIn, m.ent, zm.ent, s, nil)
				}
			}
			break
		}
		if proj != nil {
			for _, p := range parties {
				x.addRel(kg.RelInvestsIn, p, proj, s, map[string]any{kg.PropRole: role})
			}
		} else if len(parties) >= 2 {
			x.addRel(kg.RelPartnersWith, parties[0], parties[1], s, map[string]any{kg.PropAgreement: role})
		}
		break
	}
	// LENDS_TO: a bank lends (贷款, 融资, 授信, 质押)
	if hasAnyRune(n, loanRunes) && (strings.Contains(str, "贷") || strings.Contains(str, "融资") || strings.Contains(str, "授信") || strings.Contains(str, "质押")) {
		for _, bm := range ms {
			lender := isBank(bm.ent) || lenderFirm(n, bm, ms)
			if !lender {
				continue
			}
			// the borrower: the firm after 向/为/给 right behind the bank, else
			// the nearest firm before the bank in its clause group (F获得B授信),
			// else the first firm after it; clauses split at ； and 。
			segStart, segEnd := bm.start, bm.end
			for segStart > 0 && !rsFullStop.has(n[segStart-1]) {
				segStart--
			}
			for segEnd < len(n) && !rsFullStop.has(n[segEnd]) {
				segEnd++
			}
			var borrower, before, after *entity
			to := bm.end
			for _, adv := range []string{"则", "也", "还", "已", "将", "近日", "今年", "累计", "先后", "分别"} {
				if hasAt(n, to, adv) {
					to += runeLen(adv)
					break
				}
			}
			toward := to < len(n) && rsFor.has(n[to])
			for _, m := range ms {
				if m.ent.label != kg.LabelEnterprise || isBank(m.ent) || m.start < segStart || m.end > segEnd {
					continue
				}
				if toward && m.start == to+1 {
					borrower = m.ent
				}
				if m.end <= bm.start {
					before = m.ent
				}
				if m.start >= bm.end && after == nil {
					after = m.ent
				}
			}
			if borrower == nil {
				borrower = before
			}
			if borrower == nil {
				borrower = after
			}
			if borrower == nil {
				for _, m := range ms {
					if m.ent.label == kg.LabelEnterprise && !isBank(m.ent) {
						borrower = m.ent
						break
					}
				}
			}
			if borrower == nil && s.quote {
				borrower = paraSpeaker[s.para]
			}
			if borrower == nil {
				continue
			}
			props := map[string]any{kg.PropInstrument: instrument(str)}
			for _, a := range amounts {
				if a.start >= bm.end {
					props[kg.PropAmountCNY] = a.yuan
					break
				}
			}
			x.addRel(kg.RelLendsTo, bm.ent, borrower, s, props)
		}
	}
	// PARTNERS_WITH: A 与 B 签署/达成 ... 合作/协议
	for i, m := range ms {
		if m.start == 0 || !rsWith.has(n[m.start-1]) {
			continue
		}
		if !partnerLabel(m.ent) {
			continue
		}
		ce := m.end
		for ce < len(n) && !rsClauseEnd.has(n[ce]) {
			ce++
		}
		clause := s.str(m.end, ce)
		trig := ""
		for _, t := range []string{"签署", "签订", "达成", "签约", "合作", "协议", "备忘录", "对接", "共同发起", "共同出资", "共同设立", "联合发起"} {
			if strings.Contains(clause, t) {
				trig = t
				break
			}
		}
		if trig == "" || strings.Contains(s.str(max(0, m.start-12), m.start), "由") {
			continue
		}
		co := false
		for _, cb := range coBuild {
			if strings.Contains(clause, cb) {
				co = true
			}
		}
		if co {
			continue
		}
		var a *entity
		ai := -1
		for j := i - 1; j >= 0; j-- {
			if ms[j].start > 0 && rsWith.has(n[ms[j].start-1]) {
				continue // the partner of an earlier 与: the subject is further left
			}
			if partnerLabel(ms[j].ent) && ms[j].ent != m.ent && ms[j].ent.label != kg.LabelProject {
				a, ai = ms[j].ent, j
				break
			}
		}
		if a == nil {
			continue
		}
		props := map[string]any{}
		if k := strings.Index(clause, trig); k >= 0 {
			ag := strings.TrimPrefix(strings.TrimPrefix(clause[k:], trig), "了")
			if trig == "合作" || trig == "协议" || trig == "对接" {
				ag = clause
				ag = strings.TrimPrefix(strings.TrimPrefix(ag, "进行"), "已")
			}
			props[kg.PropAgreement] = strings.TrimSpace(ag)
		}
		for _, am := range amounts {
			if am.start >= m.end && am.end <= ce {
				props[kg.PropAmountCNY] = am.yuan
			}
		}
		x.addRel(kg.RelPartnersWith, a, m.ent, s, props)
		// A与B、C签订…: every body listed after 与 is a partner
		for j := i + 1; j < len(ms) && ms[j].end <= ce && ms[j-1].end <= ms[j].start && partnerLabel(ms[j].ent) && ms[j].ent.label != kg.LabelProject; j++ {
			gap := s.str(ms[j-1].end, ms[j].start)
			if gap != "、" && gap != "和" && gap != "及" && gap != "以及" {
				break
			}
			if ms[j].ent != a {
				x.addRel(kg.RelPartnersWith, a, ms[j].ent, s, props)
			}
		}
		// every firm of an enumeration signs: 中电建、蜜蜂科技等15家企业与X签约
		for _, g := range listGroup(n, ms, ai) {
			if ms[g].ent != a && ms[g].ent != m.ent {
				x.addRel(kg.RelPartnersWith, ms[g].ent, m.ent, s, props)
			}
		}
		x.lastPair[s.art] = [2]*entity{a, m.ent}
	}
	defer func() {
		for _, zm := range ms {
			if zm.ent.label == kg.LabelZone && zm.ent.row == nil && zm.ent.props[kg.PropKind] != "district" {
				x.lastPark[s.art] = zm.ent
				x.lastParkPara[s.art] = s.para
			}
		}
	}()
	// LOCATED_IN for firms: a cue in the clause or a zone named with them
	for mi, m := range ms {
		e := m.ent
		if e.label != kg.LabelEnterprise || isBank(e) || e.props["derived"] != nil {
			continue
		}
		cs := clauseStart(m.start)
		pre := s.str(cs, m.start)
		// after the name: skip the rest of an enumeration (、B、C等12个项目)
		// and an adverb (已, 将) before the cue verb
		pe := m.end
		for _, g := range listGroup(n, ms, mi) {
			if ms[g].end > pe {
				pe = ms[g].end
			}
		}
		post := afterList(n, pe)
		strong := strings.Contains(pre, "驻扎") || strings.Contains(pre, "入驻") || strings.Contains(pre, "进驻") || strings.Contains(pre, "落户") || strings.Contains(pre, "引进")
		for _, v := range locCues {
			if strings.HasPrefix(post, v) {
				strong = true
			}
		}
		// a cue verb later in the clause, right before a zone: F是较早扎根Z的企业
		if !strong {
			ce := m.end
			for ce < len(n) && ce-m.end < 14 && !rsClauseEnd.has(n[ce]) {
				ce++
			}
			for _, zm := range ms {
				if zm.ent.label == kg.LabelZone && zm.start > m.end && zm.end <= ce {
					for _, v := range locCueRunes {
						if endsWith(n, zm.start, v) {
							strong = true
						}
					}
					// F(近日|已|将)在Z: the firm acts in the zone
					if zm.start-m.end <= 4 && zm.start > m.end && (n[zm.start-1] == '在' || n[zm.start-1] == '于') && !rsListJoin.has(n[m.end]) {
						strong = true
					}
				}
			}
		}
		cue := strong || strings.HasSuffix(pre, "在") || strings.Contains(pre, "走进") || strings.Contains(pre, "型企业")
		partner := m.start > 0 && rsWith.has(n[m.start-1]) || strings.Contains(s.str(m.end, min(len(n), m.end+12)), "签")
		var target *entity
		for _, zm := range ms {
			if zm.ent.label == kg.LabelZone && (zm.end <= m.start || cue) {
				if target == nil || zm.ent.parent != nil || zm.end <= m.start {
					target = zm.ent
				}
			}
		}
		if target == nil && cue {
			target = zone
		}
		// 园区内的F: the park last named in the article
		for _, w := range []string{"园区内的", "园区里的", "园内的", "园区内"} {
			if strings.HasSuffix(pre, w) && x.lastPark[s.art] != nil && !strong {
				target, cue = x.lastPark[s.art], true
				break
			}
		}
		// F成功进驻 with no zone in the sentence: the park named just before
		// in the paragraph (…科技园迎来新一批入驻企业。F成功进驻)
		if strong && target == zone && x.lastPark[s.art] != nil && x.lastParkPara[s.art] == s.para {
			named := false
			for _, zm := range ms {
				if zm.ent.label == kg.LabelZone {
					named = true
				}
			}
			if !named {
				target = x.lastPark[s.art]
			}
		}
		if target == nil || (!cue && (!zoneBefore(ms, m) || partner)) {
			continue
		}
		if !strong && x.foreignPlace(e, target) {
			continue
		}
		x.addRel(kg.RelLocatedIn, e, target, s, nil)
	}
	// a firm helped by a zone or incubator: 得益于Z的帮助 / 在Z的帮助下 (the firm
	// named after it or the speaker's firm), Z(孵化器)为F匹配…
	for _, zm := range ms {
		if zm.ent.label != kg.LabelZone {
			continue
		}
		helped := (zm.start >= 3 && s.str(zm.start-3, zm.start) == "得益于" || zm.start >= 1 && n[zm.start-1] == '在') &&
			(hasAt(n, zm.end, "的帮助") || hasAt(n, zm.end, "的支持") || hasAt(n, zm.end, "的帮扶"))
		serves := zm.ent.props[kg.PropKind] == "incubator" && (hasAt(n, zm.end, "为") || hasAt(n, zm.end, "帮助") || hasAt(n, zm.end, "迅速为"))
		if !helped && !serves {
			continue
		}
		var firm *entity
		for _, m := range ms {
			if m.start >= zm.end && m.ent.label == kg.LabelEnterprise && !isBank(m.ent) && (serves || clauseStart(m.start) != clauseStart(zm.start) || helped) {
				firm = m.ent
				break
			}
		}
		if firm == nil && helped {
			for _, p := range x.paraPeople[[2]int{s.art, s.para}] {
				if o := x.personOrg[p]; o != nil {
					firm = o
					break
				}
			}
		}
		if firm != nil && !x.foreignPlace(firm, zm.ent) {
			x.addRel(kg.RelLocatedIn, firm, zm.ent, s, nil)
		}
	}
	// a clause that settles in a zone with no firm named: 选择落户稀土高新区
	// (the subject is the firm named or speaking earlier in the sentence)
	for _, zm := range ms {
		if zm.ent.label != kg.LabelZone {
			continue
		}
		cs := clauseStart(zm.start)
		pre := s.str(cs, zm.start)
		if cs == 0 || !(strings.HasSuffix(pre, "落户") || strings.HasSuffix(pre, "入驻") || strings.HasSuffix(pre, "进驻") || strings.HasSuffix(pre, "扎根")) {
			continue
		}
		var subj *entity
		named := false
		for _, m := range ms {
			if m.ent.label == kg.LabelEnterprise && !isBank(m.ent) {
				if m.start >= cs && m.end <= zm.start {
					named = true
				}
				if m.end <= cs {
					subj = m.ent
				}
			}
		}
		if !named && subj != nil && !x.foreignPlace(subj, zm.ent) {
			x.addRel(kg.RelLocatedIn, subj, zm.ent, s, nil)
		}
	}
	// OPERATES: a firm speaking in a paragraph about a project
	if p := paraTopic[s.para]; p != nil && p.label == kg.LabelProject {
		if e := paraSpeaker[s.para]; e != nil && !x.hasRel(kg.RelInvestsIn, e, p) {
			for _, m := range ms {
				if m.ent == e {
					x.addRel(kg.RelOperates, e, p, s, nil)
				}
			}
		}
	}
}

func zoneBefore(ms []mention, m mention) bool {
	for _, z := range ms {
		if z.ent.label == kg.LabelZone && z.end <= m.start {
			return true
		}
	}
	return false
}

func partnerLabel(e *entity) bool {
	return e.label == kg.LabelEnterprise || e.label == kg.LabelInstitution || e.label == kg.LabelPerson || e.label == kg.LabelZone
}

// foreignPlace: the firm's name starts with a place outside the zone's province.
func (x *extractor) foreignPlace(e, zone *entity) bool {
	r := []rune(normParens(e.name))
	l := x.gaz.placeTrie.longest(r, 0)
	if l == 0 {
		return false
	}
	d := x.gaz.divisions[string(r[:l])]
	prov, _ := zone.props[kg.PropProvince].(string)
	if d == nil || prov == "" {
		return false
	}
	return d.Province != prov
}

func (x *extractor) hasRel(t kg.RelType, a, b *entity) bool {
	return x.relExists(t, x.id(a), x.id(b))
}

// relExists reports whether x.rels holds the relation kg.RelationID(t,
// from, to), without deriving the ID: every relation came through addRel,
// which recorded its ID in relIDs under its type and ends (an undirected
// relation may have been added the other way round).
func (x *extractor) relExists(t kg.RelType, from, to kg.ID) bool {
	if _, ok := x.relIDs[relKey{t, from, to}]; ok {
		return true
	}
	if t.Undirected() {
		_, ok := x.relIDs[relKey{t, to, from}]
		return ok
	}
	return false
}

// ownerByName: a project named after a known firm (华诺威生物医药基地).
func (x *extractor) ownerByName(p *entity) *entity {
	name := normParens(p.name)
	nameLen := utf8.RuneCountInString(name)
	var best *entity
	bl := 0
	try := func(e *entity, v string) {
		if !strings.HasPrefix(name, v) {
			return
		}
		if l := utf8.RuneCountInString(v); l >= 2 && l > bl && nameLen > l {
			best, bl = e, l
		}
	}
	for _, e := range x.ents {
		if e.label != kg.LabelEnterprise {
			continue
		}
		try(e, normParens(e.name))
		for _, v := range e.variants {
			try(e, v)
		}
	}
	return best
}

func projectStatus(s string) string {
	for _, st := range []struct{ w, v string }{{"揭牌", "inaugurated"}, {"投入运营", "operating"}, {"竣工", "completed"}, {"开工建设", "under_construction"},
		{"施工", "under_construction"}, {"签约", "signed"}, {"开工", "started"}, {"推动", "planned"}} {
		if strings.Contains(s, st.w) {
			return st.v
		}
	}
	return ""
}

func instrument(s string) string {
	if k := strings.Index(s, "质押"); k >= 0 {
		pre := []rune(s[:k])
		i := len(pre)
		if i > 0 && (pre[i-1] == '’' || pre[i-1] == '”') {
			j := i - 1
			for j > 0 && pre[j-1] != '‘' && pre[j-1] != '“' {
				j--
			}
			return string(pre[j:i-1]) + "质押"
		}
		j := i
		for j > 0 && isHan(pre[j-1]) && i-j < 4 {
			j--
		}
		return string(pre[j:i]) + "质押"
	}
	for _, w := range []string{"授信", "贷款", "融资"} {
		if strings.Contains(s, w) {
			return w
		}
	}
	return ""
}

// graph assembles the nodes and relations.
func (x *extractor) graph(text []rune) *kg.Graph {
	// room for the articles and the entities read as mentions, their
	// MENTIONED_IN relations and the others
	nodes, rels := len(x.arts), len(x.relOrd)
	for _, e := range x.ents {
		if !e.dead && len(e.count) > 0 {
			nodes++
			rels += len(e.count)
		}
	}
	g := &kg.Graph{Nodes: make([]kg.Node, 0, nodes), Relations: make([]kg.Relation, 0, rels)}
	for ai, a := range x.arts {
		props := map[string]any{kg.PropTitle: a.title, kg.PropAuthors: append([]string{}, a.authors...), kg.PropText: x.artRaw[ai], kg.PropDocument: x.doc}
		if len(a.paras) > 0 {
			st, _ := a.paras[0].origRange()
			_, en := a.paras[len(a.paras)-1].origRange()
			props[kg.PropStart], props[kg.PropEnd] = st, en
		}
		g.Nodes = append(g.Nodes, kg.Node{ID: x.artIDs[ai], Label: kg.LabelArticle, Name: a.title, Aliases: []string{}, Properties: props})
	}
	for _, e := range x.ents {
		if e.dead {
			continue
		}
		total := 0
		for _, c := range e.count {
			total += c.n
		}
		if total == 0 {
			continue // registered but never read as a mention
		}
		var aliases []string
		for a := range e.aliases {
			if a != e.name {
				aliases = append(aliases, a)
			}
		}
		props := make(map[string]any, len(e.props))
		for k, v := range e.props {
			if _, internal := v.(*entity); internal {
				continue
			}
			props[k] = v
		}
		ev := e.ev
		if len(ev) > 20 {
			ev = ev[:20]
		}
		g.Nodes = append(g.Nodes, kg.Node{ID: x.id(e), Label: e.label, Name: e.name, Aliases: nonNil(aliases), Properties: props, Evidence: append([]kg.Evidence(nil), ev...)})
		for _, ac := range e.count { // by article
			ai := ac.art
			var aev []kg.Evidence
			for _, v := range e.ev {
				if v.Article == x.artIDs[ai] {
					aev = append(aev, v)
					break
				}
			}
			g.Relations = append(g.Relations, kg.Relation{ID: kg.RelationID(kg.RelMentionedIn, x.id(e), x.artIDs[ai]), Type: kg.RelMentionedIn,
				From: x.id(e), To: x.artIDs[ai], Properties: map[string]any{kg.PropCount: int64(ac.n)}, Evidence: aev})
		}
	}
	present := make(map[kg.ID]bool, len(g.Nodes))
	for _, nd := range g.Nodes {
		present[nd.ID] = true
	}
	for _, id := range x.relOrd {
		r := x.rels[id]
		if r.Type == kg.RelOperates {
			if x.relExists(kg.RelInvestsIn, r.From, r.To) {
				continue // building it says more than running it
			}
		}
		if present[r.From] && present[r.To] {
			g.Relations = append(g.Relations, *r)
		}
	}
	if len(g.Nodes) == 0 {
		g.Nodes = nil // as before the capacity was reserved
	}
	if len(g.Relations) == 0 {
		g.Relations = nil
	}
	g.Sort()
	return g
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// locCues are the verbs after a firm's name that place it in a zone.
var locCues = []string{"落户", "入驻", "进驻", "落地", "坐落", "位于", "扎根", "在这里", "在此", "在园区", "集聚于此"}

// afterList returns the text after position i, past an enumeration tail
// (等12个项目, 等15家企业) and an adverb (已, 将, 正式), so that a cue verb
// (进驻, 入驻) is found at its start.
func afterList(n []rune, i int) string {
	k := i
	if k < len(n) && n[k] == '等' {
		k++
		for k < len(n) && (isASCIIAlnum(n[k]) || rsCountNumeral.has(n[k])) {
			k++
		}
		if k < len(n) && rsGeJia.has(n[k]) {
			k++
		}
		// 等12家企业, 等企业
		for _, w := range []string{"上市企业", "上市公司", "企业", "公司", "项目"} {
			if hasAt(n, k, w) {
				k += runeLen(w)
				break
			}
		}
	}
	for _, adv := range []string{"已经", "已", "将", "正式", "先后", "均", "也", "还", "都", "成功", "顺利", "近日"} {
		if hasAt(n, k, adv) {
			k += runeLen(adv)
			break
		}
	}
	return string(n[k:min(len(n), k+6)])
}

// listGroup returns the indices of the mentions enumerated with ms[i]
// (A、B、C等): neighbours of the same label joined by 、 or 和/及 at the end.
func listGroup(n []rune, ms []mention, i int) []int {
	out := []int{i}
	sep := func(a, b int) bool { // only a separator between ms[a] and ms[b]
		gap := string(n[ms[a].end:ms[b].start])
		return gap == "、" || gap == "，" && false || gap == "和" || gap == "及" || gap == "以及"
	}
	for j := i - 1; j >= 0 && ms[j].end <= ms[j+1].start && ms[j].ent.label == ms[i].ent.label && sep(j, j+1); j-- {
		out = append(out, j)
	}
	for j := i + 1; j < len(ms) && ms[j-1].end <= ms[j].start && ms[j].ent.label == ms[i].ent.label && sep(j-1, j); j++ {
		out = append(out, j)
	}
	return out
}

// abbrevAt finds an abbreviation of a known zone or institution name starting
// at i (内蒙古留创园 for 内蒙古留学人员创业园): same first and last rune, its
// runes in order within the full name. It returns the entity and the length.
func (x *extractor) abbrevAt(n []rune, i int) (*entity, int) {
	if x.abbrevs == nil {
		x.abbrevs = map[rune][]*entity{}
		for _, e := range x.ents {
			if (e.label == kg.LabelZone || e.label == kg.LabelInstitution) && !e.dead {
				if name := normParens(e.name); utf8.RuneCountInString(name) >= 6 {
					r0, _ := utf8.DecodeRuneInString(name)
					x.abbrevs[r0] = append(x.abbrevs[r0], e)
				}
			}
		}
	}
	if x.abbrevCAS == nil {
		x.abbrevCAS = map[rune][]*entity{}
		for _, e := range x.ents {
			if e.label != kg.LabelInstitution || e.dead {
				continue
			}
			if t, ok := strings.CutPrefix(normParens(e.name), "中国科学院"); ok && utf8.RuneCountInString(t) >= 6 {
				r0, _ := utf8.DecodeRuneInString(t)
				x.abbrevCAS[r0] = append(x.abbrevCAS[r0], e)
			}
		}
		x.abbrevFirst = x.pageScratch().abbrevFirst()
		for _, m := range []map[rune][]*entity{x.abbrevs, x.abbrevCAS} {
			for r := range m {
				if r >= 0 && r < 1<<16 {
					x.abbrevFirst.add(r)
				} else {
					x.abbrevWide = true
				}
			}
		}
	}
	if !x.abbrevWide && !x.abbrevFirst.has(n[i]) {
		return nil, 0 // no abbreviated name starts with n[i]
	}
	cands := x.abbrevs[n[i]]
	for ci, cas := 0, x.abbrevCAS[n[i]]; ci < len(cands)+len(cas); ci++ {
		var e *entity
		if ci < len(cands) {
			e = cands[ci]
		} else {
			e = cas[ci-len(cands)]
		}
		if e.abbrName != e.name || e.abbrLong == nil {
			e.abbrName, e.abbrLong = e.name, []rune(normParens(e.name))
		}
		long := e.abbrLong
		last := long[len(long)-1]
		uni := len(long) >= 2 && long[len(long)-2] == '大' && last == '学'
		for k := 3; k < len(long) && i+k <= len(n); k++ {
			if n[i+k-1] != last && !(uni && n[i+k-1] == '大') {
				continue
			}
			if k == 3 && n[i+k-1] != '大' {
				continue // three runes only for a university (哈工大)
			}
			if isAbbrevOf(n[i:i+k], long) {
				return e, k
			}
		}
	}
	return nil, 0
}

// investGap reports whether the words between a firm's name and a project
// name say the firm invests in it: 总投资25亿元的, 在松山湖投资80亿元的.
func investGap(n []rune, a, b int) bool {
	gap := string(n[a:b])
	if runeLen(gap) > 16 || strings.ContainsAny(gap, "，。；！？、") || !strings.HasSuffix(gap, "的") {
		return false
	}
	return strings.Contains(gap, "投资") || strings.Contains(gap, "投入")
}

// adjacentName reports whether only a parenthetical (（以下简称“X”）) or 的
// lies between a firm's name ending at a and a project starting at b.
func adjacentName(n []rune, a, b int) bool {
	gap := string(n[a:b])
	if gap == "" || gap == "的" {
		return true
	}
	return strings.HasPrefix(gap, "(") && strings.HasSuffix(gap, ")") && strings.Count(gap, ")") == 1
}

// lenderFirm reports whether a firm that is no bank lends: F向G发放(委托)贷款,
// F为G提供贷款 (an investment company's entrusted loan).
func lenderFirm(n []rune, fm mention, ms []mention) bool {
	if fm.ent.label != kg.LabelEnterprise || fm.end >= len(n) || !rsFor.has(n[fm.end]) {
		return false
	}
	for _, m := range ms {
		if m.start != fm.end+1 || m.ent.label != kg.LabelEnterprise || m.ent == fm.ent {
			continue
		}
		k := m.end
		for k < len(n) && k < m.end+4 && !rsClauseEndShort.has(n[k]) && !hasAt(n, k, "发放") && !hasAt(n, k, "提供") {
			k++
		}
		if !hasAt(n, k, "发放") && !hasAt(n, k, "提供") {
			return false
		}
		rest := n[k:min(len(n), k+12)]
		for i := range rest {
			if rest[i] == '，' || rest[i] == '。' || rest[i] == '；' {
				break
			}
			if hasAt(rest, i, "贷款") {
				return true
			}
		}
	}
	return false
}

// bareBodyWords name a kind of body; written bare at a clause start before a
// title (研究所所长X) they refer to the last body of that kind named.
var bareBodyWords = []string{"研究所", "研究院", "大学", "学院", "实验室"}

// bareBody resolves a bare body word before a title at i (…研究所共建了…，
// 研究所所长陈其宏) to the last such body named; it returns its length.
func (x *extractor) bareBody(n []rune, i int, recent []*entity) (*entity, int) {
	if i > 0 && !isPunct(n[i-1]) {
		return nil, 0
	}
	for _, w := range bareBodyWords {
		if !hasAt(n, i, w) {
			continue
		}
		k := utf8.RuneCountInString(w)
		if !x.titleAt(n, i+k) {
			continue
		}
		for j := len(recent) - 1; j >= 0; j-- {
			if e := recent[j]; e.label != kg.LabelPerson && strings.HasSuffix(normParens(e.name), w) && e.name != w {
				return e, k
			}
		}
	}
	return nil, 0
}
