// Package eval scores an extracted graph against a gold annotation. It is a
// Go port of the project's scorer (shared/eval/score.py) with the same
// matching rules: entities match by type and normalised name or alias,
// optional gold entities are neither rewarded nor penalised, a second node
// for one gold entity is a false positive, LOCATED_IN and PART_OF also match
// through the gold PART_OF closure, PARTNERS_WITH in either direction.
package eval

import (
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"github.com/zonegraph/zonegraph/kg"
)

// Gold is a gold annotation of one page.
type Gold struct {
	Document  string         `yaml:"document" json:"document"`
	Articles  []GoldArticle  `yaml:"articles" json:"articles"`
	Entities  []GoldEntity   `yaml:"entities" json:"entities"`
	Relations []GoldRelation `yaml:"relations" json:"relations"`
}

// GoldArticle is one article of the page.
type GoldArticle struct {
	ID         string   `yaml:"id" json:"id"`
	Title      string   `yaml:"title" json:"title"`
	StartsWith string   `yaml:"starts_with" json:"starts_with"`
	Authors    []string `yaml:"authors" json:"authors"`
}

// GoldEntity is one entity a careful reader extracts.
type GoldEntity struct {
	ID       string         `yaml:"id" json:"id"`
	Type     string         `yaml:"type" json:"type"`
	Name     string         `yaml:"name" json:"name"`
	Aliases  []string       `yaml:"aliases" json:"aliases"`
	Optional bool           `yaml:"optional" json:"optional"`
	Attrs    map[string]any `yaml:"attrs" json:"attrs"`
	Articles []string       `yaml:"articles" json:"articles"`
}

// GoldRelation is one relation between gold entities.
type GoldRelation struct {
	Type     string         `yaml:"type" json:"type"`
	From     string         `yaml:"from" json:"from"`
	To       string         `yaml:"to" json:"to"`
	Optional bool           `yaml:"optional" json:"optional"`
	Attrs    map[string]any `yaml:"attrs" json:"attrs"`
	Evidence string         `yaml:"evidence" json:"evidence"`
}

// LoadGold reads a gold annotation (YAML, or JSON which is YAML too).
func LoadGold(path string) (*Gold, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	var g Gold
	if err := yaml.Unmarshal(b, &g); err != nil {
		return nil, fmt.Errorf("eval: %s: %w", path, err)
	}
	return &g, nil
}

// Counts are true positives, false positives and false negatives.
type Counts struct{ TP, FP, FN int }

// PRF returns precision, recall and F1 (0 when undefined).
func (c Counts) PRF() (p, r, f float64) {
	if c.TP+c.FP > 0 {
		p = float64(c.TP) / float64(c.TP+c.FP)
	}
	if c.TP+c.FN > 0 {
		r = float64(c.TP) / float64(c.TP+c.FN)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

func (c *Counts) add(o Counts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// Report is the result of scoring one graph.
type Report struct {
	Entities        map[string]Counts // by node label
	Relations       map[string]Counts // by relationship type
	AttrOK, AttrAll int               // amounts and titles right / stated
	ArticlesMatched int
	ArticlesTotal   int
	Missed          []string // "Type: name" of gold facts not found
	Spurious        []string // "Type: name" of facts not in the gold
}

func total(m map[string]Counts) Counts {
	var t Counts
	for _, c := range m {
		t.add(c)
	}
	return t
}

// EntityF1 is the micro F1 over all entity types.
func (r Report) EntityF1() float64 { _, _, f := total(r.Entities).PRF(); return f }

// RelationF1 is the micro F1 over all relationship types.
func (r Report) RelationF1() float64 { _, _, f := total(r.Relations).PRF(); return f }

// Attributes is the share of stated amounts and titles found right.
func (r Report) Attributes() float64 {
	if r.AttrAll == 0 {
		return 0
	}
	return float64(r.AttrOK) / float64(r.AttrAll)
}

// Add sums another report into r (micro-average over pages).
func (r *Report) Add(o Report) {
	if r.Entities == nil {
		r.Entities, r.Relations = map[string]Counts{}, map[string]Counts{}
	}
	for k, c := range o.Entities {
		x := r.Entities[k]
		x.add(c)
		r.Entities[k] = x
	}
	for k, c := range o.Relations {
		x := r.Relations[k]
		x.add(c)
		r.Relations[k] = x
	}
	r.AttrOK += o.AttrOK
	r.AttrAll += o.AttrAll
	r.ArticlesMatched += o.ArticlesMatched
	r.ArticlesTotal += o.ArticlesTotal
	r.Missed = append(r.Missed, o.Missed...)
	r.Spurious = append(r.Spurious, o.Spurious...)
}

// Format prints the tables and the summary line, like score.py.
func (r Report) Format(w io.Writer) {
	table := func(title string, m map[string]Counts) {
		fmt.Fprintf(w, "%-16s %4s %4s %4s %6s %6s %6s\n", title, "tp", "fp", "fn", "P", "R", "F1")
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p, rr, f := m[k].PRF()
			fmt.Fprintf(w, "  %-14s %4d %4d %4d %6.2f %6.2f %6.2f\n", k, m[k].TP, m[k].FP, m[k].FN, p, rr, f)
		}
		t := total(m)
		p, rr, f := t.PRF()
		fmt.Fprintf(w, "  %-14s %4d %4d %4d %6.2f %6.2f %6.2f\n", "ALL", t.TP, t.FP, t.FN, p, rr, f)
	}
	table("entities", r.Entities)
	table("relations", r.Relations)
	fmt.Fprintf(w, "attributes       %d/%d amounts and titles right\n", r.AttrOK, r.AttrAll)
	fmt.Fprintf(w, "articles         %d/%d titles matched\n", r.ArticlesMatched, r.ArticlesTotal)
	fmt.Fprintf(w, "entity_f1=%.3f relation_f1=%.3f attributes=%.3f articles=%d/%d\n",
		r.EntityF1(), r.RelationF1(), r.Attributes(), r.ArticlesMatched, r.ArticlesTotal)
}

// Norm is the scorer's name normalisation: NFKC, spaces and quotes
// dropped, lower case.
func Norm(s string) string {
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(" \t\r\n\u3000\"'“”‘’「」『』《》", r) {
			return -1
		}
		return r
	}, s)
	return strings.ToLower(s)
}

var entityTypes = map[string]bool{"Zone": true, "Enterprise": true, "Institution": true, "Person": true, "Project": true}
var relTypes = map[string]bool{"PART_OF": true, "LOCATED_IN": true, "INVESTS_IN": true, "LENDS_TO": true, "PARTNERS_WITH": true, "HOLDS_POSITION": true, "OPERATES": true}

func nodeNames(n kg.Node) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if s == "" {
			return
		}
		if k := Norm(s); !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	add(n.Name)
	for _, k := range []string{"name", "fullName", "shortName"} {
		if s, ok := n.Properties[k].(string); ok {
			add(s)
		}
	}
	for _, a := range n.Aliases {
		add(a)
	}
	if as, ok := n.Properties["aliases"].([]string); ok {
		for _, a := range as {
			add(a)
		}
	}
	return out
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case float64:
		return x, true
	case int32:
		return float64(x), true
	}
	return 0, false
}

// Score matches graph against the gold annotation.
func Score(g *Gold, graph *kg.Graph) Report {
	rep := Report{Entities: map[string]Counts{}, Relations: map[string]Counts{}}
	gid := map[string]*GoldEntity{}
	nameIndex := map[string][]string{}
	for i := range g.Entities {
		e := &g.Entities[i]
		gid[e.ID] = e
		for _, nm := range append([]string{e.Name}, e.Aliases...) {
			k := e.Type + "\x00" + Norm(nm)
			nameIndex[k] = append(nameIndex[k], e.ID)
		}
	}
	// entities
	nodeToGold := map[kg.ID]string{}
	matched := map[string]kg.ID{}
	for _, n := range graph.Nodes {
		lab := string(n.Label)
		if !entityTypes[lab] {
			continue
		}
		var cands []string
		seen := map[string]bool{}
		for _, nm := range nodeNames(n) {
			for _, c := range nameIndex[lab+"\x00"+nm] {
				if !seen[c] {
					seen[c] = true
					cands = append(cands, c)
				}
			}
		}
		c := rep.Entities[lab]
		if len(cands) == 0 {
			c.FP++
			rep.Entities[lab] = c
			rep.Spurious = append(rep.Spurious, lab+": "+n.Name)
			continue
		}
		pick := cands[0]
		for _, x := range cands {
			if _, ok := matched[x]; !ok {
				pick = x
				break
			}
		}
		if gid[pick].Optional {
			nodeToGold[n.ID] = pick
			continue
		}
		if _, ok := matched[pick]; ok {
			c.FP++
			rep.Entities[lab] = c
			rep.Spurious = append(rep.Spurious, lab+": "+n.Name+" (duplicate)")
			nodeToGold[n.ID] = pick
			continue
		}
		matched[pick] = n.ID
		nodeToGold[n.ID] = pick
		c.TP++
		rep.Entities[lab] = c
	}
	for _, e := range g.Entities {
		if _, ok := matched[e.ID]; !e.Optional && !ok {
			c := rep.Entities[e.Type]
			c.FN++
			rep.Entities[e.Type] = c
			rep.Missed = append(rep.Missed, e.Type+": "+e.Name)
		}
	}
	// relations
	partOf := map[string]map[string]bool{}
	link := func(a, b string) {
		if partOf[a] == nil {
			partOf[a] = map[string]bool{}
		}
		partOf[a][b] = true
	}
	for _, r := range g.Relations {
		if r.Type == "PART_OF" {
			link(r.From, r.To)
			link(r.To, r.From)
		}
	}
	family := func(z string) map[string]bool {
		seen := map[string]bool{z: true}
		stack := []string{z}
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for nb := range partOf[x] {
				if !seen[nb] {
					seen[nb] = true
					stack = append(stack, nb)
				}
			}
		}
		return seen
	}
	optional := func(id string) bool { return id != "" && gid[id].Optional }
	hit := map[int]bool{}
	seenPairs := map[string]bool{}
	for _, ed := range graph.Relations {
		t := string(ed.Type)
		if !relTypes[t] {
			continue
		}
		gs, go_ := nodeToGold[ed.From], nodeToGold[ed.To]
		found := -1
		if gs != "" && go_ != "" {
			for i, r := range g.Relations {
				if r.Type != t {
					continue
				}
				ends := [][2]string{{r.From, r.To}}
				if t == "PARTNERS_WITH" {
					ends = append(ends, [2]string{r.To, r.From})
				}
				for _, e := range ends {
					if gs != e[0] {
						continue
					}
					if go_ == e[1] || ((t == "LOCATED_IN" || t == "PART_OF") && family(e[1])[go_]) {
						found = i
						break
					}
				}
				if found >= 0 {
					break
				}
			}
		}
		if found >= 0 {
			if hit[found] {
				continue
			}
			hit[found] = true
			if !g.Relations[found].Optional {
				c := rep.Relations[t]
				c.TP++
				rep.Relations[t] = c
			}
			continue
		}
		if optional(gs) || optional(go_) {
			continue
		}
		a, b := gs, go_
		if a == "" {
			a = string(ed.From)
		}
		if b == "" {
			b = string(ed.To)
		}
		key := t + "\x00" + a + "\x00" + b
		if seenPairs[key] {
			continue
		}
		seenPairs[key] = true
		c := rep.Relations[t]
		c.FP++
		rep.Relations[t] = c
		rep.Spurious = append(rep.Spurious, t+": "+a+" -> "+b)
	}
	for i, r := range g.Relations {
		if !r.Optional && !hit[i] {
			c := rep.Relations[r.Type]
			c.FN++
			rep.Relations[r.Type] = c
			rep.Missed = append(rep.Missed, r.Type+": "+gid[r.From].Name+" -> "+gid[r.To].Name)
		}
	}
	// attributes: investment on projects, amounts and titles on relations
	nodes := map[kg.ID]kg.Node{}
	for _, n := range graph.Nodes {
		nodes[n.ID] = n
	}
	for _, e := range g.Entities {
		want, ok := number(e.Attrs["investment_cny"])
		if !ok || e.Optional {
			continue
		}
		rep.AttrAll++
		if nid, ok := matched[e.ID]; ok {
			p := nodes[nid].Properties
			got, ok := number(firstOf(p, "investmentCNY", "investment_cny", "investment"))
			if ok && math.Abs(got-want) < 0.5 {
				rep.AttrOK++
			}
		}
	}
	amountOK := map[int]bool{}
	titleOK := map[int]bool{}
	for _, ed := range graph.Relations {
		gs, go_ := nodeToGold[ed.From], nodeToGold[ed.To]
		for i, r := range g.Relations {
			if r.Type != string(ed.Type) || r.From != gs || r.To != go_ || r.Optional {
				continue
			}
			if want, ok := number(r.Attrs["amount_cny"]); ok {
				got, ok := number(firstOf(ed.Properties, "amountCNY", "amount_cny", "amount"))
				if ok && math.Abs(got-want) < 0.5 {
					amountOK[i] = true
				}
			}
			if w, ok := r.Attrs["title"].(string); ok {
				got := ""
				if s, ok := ed.Properties["title"].(string); ok {
					got = Norm(s)
				}
				want := Norm(w)
				if got != "" && (strings.Contains(want, got) || strings.Contains(got, want)) {
					titleOK[i] = true
				}
			}
		}
	}
	for i, r := range g.Relations {
		if r.Optional {
			continue
		}
		if _, ok := r.Attrs["amount_cny"]; ok {
			rep.AttrAll++
			if amountOK[i] {
				rep.AttrOK++
			}
		}
		if _, ok := r.Attrs["title"]; ok {
			rep.AttrAll++
			if titleOK[i] {
				rep.AttrOK++
			}
		}
	}
	// articles
	titles := map[string]bool{}
	for _, a := range g.Articles {
		titles[Norm(a.Title)] = true
	}
	got := map[string]bool{}
	for _, n := range graph.Nodes {
		if n.Label != kg.LabelArticle && n.Label != "Document" {
			continue
		}
		t, _ := n.Properties["title"].(string)
		if t == "" {
			t = n.Name
		}
		if k := Norm(t); titles[k] {
			got[k] = true
		}
	}
	rep.ArticlesMatched, rep.ArticlesTotal = len(got), len(titles)
	return rep
}

func firstOf(p map[string]any, keys ...string) any {
	for _, k := range keys {
		if v, ok := p[k]; ok {
			return v
		}
	}
	return nil
}
