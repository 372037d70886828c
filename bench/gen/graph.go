package gen

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"unicode/utf8"

	"github.com/zonegraph/zonegraph/kg"
)

// GraphConfig sizes a generated graph.
type GraphConfig struct {
	Seed        uint64
	Nodes       int     // total nodes, articles included (>= 1000)
	RelsPerNode float64 // relationships per node; default 5
	ZipfS       float64 // skew exponent of popularity; default 1.0
}

// GraphGen generates a kg.Graph directly (no text): zones, enterprises
// (banks first), institutions, projects and people, the relations between
// them with evidence, and the articles the evidence points to. Popularity is
// Zipf-like: a few zones hold thousands of firms, a few firms partner, invest
// and employ far more than the rest. Output is a pure function of the config.
//
// Items are generated in a fixed order (articles, zones, enterprises,
// institutions, projects, people); each item owns the relations it states,
// and a relation only points at items earlier in that order, so any prefix of
// batches is a closed graph that loads without dangling endpoints.
type GraphGen struct {
	cfg                     GraphConfig
	nArticle, nZone, nEnt   int
	nBank, nInst, nProj, nP int
	names                   namer
	zZone, zEnt, zBank      zipf
	zInst, zProj            zipf
	qLend, qPartner, qInstP float64
	qInvest, qExtraPos      float64
}

// NewGraph checks the config and prepares the generator.
func NewGraph(cfg GraphConfig) (*GraphGen, error) {
	if cfg.RelsPerNode == 0 {
		cfg.RelsPerNode = 5
	}
	if cfg.ZipfS == 0 {
		cfg.ZipfS = 1.0
	}
	if cfg.Nodes < 1000 {
		return nil, fmt.Errorf("gen: %d nodes: at least 1000", cfg.Nodes)
	}
	g := &GraphGen{cfg: cfg, names: newNamer(cfg.Seed)}
	n := cfg.Nodes
	g.nArticle = n / 20
	g.nZone = max(len(nationalZones), n/200)
	rest := n - g.nArticle - g.nZone
	g.nEnt = rest * 45 / 100
	g.nInst = rest * 8 / 100
	g.nProj = rest * 17 / 100
	g.nP = rest - g.nEnt - g.nInst - g.nProj
	g.nBank = min(bankCap, max(20, g.nEnt/1000))
	if err := mustf(uint64(g.nZone-len(nationalZones)) <= parkCap && uint64(g.nEnt) <= firmCap &&
		uint64(g.nInst) <= instCap && uint64(g.nProj) <= projectCap && uint64(g.nP) <= personCap,
		"gen: %d nodes exceed the name space", n); err != nil {
		return nil, err
	}
	s := cfg.ZipfS
	g.zZone, g.zEnt, g.zBank = newZipf(g.nZone, s), newZipf(g.nEnt, s), newZipf(g.nBank, s)
	g.zInst, g.zProj = newZipf(g.nInst, s), newZipf(g.nProj, s)

	// Relations every item has, then the rest of the budget spread over the
	// optional kinds.
	fixed := (g.nZone - len(nationalZones)) + (g.nEnt + g.nInst + g.nProj) + 2*g.nProj + g.nP
	rem := math.Max(0, cfg.RelsPerNode*float64(n)-float64(fixed))
	borrowers := float64(g.nEnt - g.nBank)
	g.qPartner = 0.40 * rem / borrowers
	g.qInstP = 0.05 * rem / float64(g.nInst)
	g.qInvest = 0.25 * rem / float64(g.nProj)
	g.qLend = 0.15 * rem / borrowers
	g.qExtraPos = 0.15 * rem / float64(g.nP)
	return g, nil
}

// Counts returns how many nodes of each label the generator makes.
func (g *GraphGen) Counts() map[kg.Label]int {
	return map[kg.Label]int{kg.LabelArticle: g.nArticle, kg.LabelZone: g.nZone, kg.LabelEnterprise: g.nEnt,
		kg.LabelInstitution: g.nInst, kg.LabelProject: g.nProj, kg.LabelPerson: g.nP}
}

// Items is the number of nodes (= items) generated.
func (g *GraphGen) Items() int { return g.nArticle + g.nZone + g.nEnt + g.nInst + g.nProj + g.nP }

// ZoneName names the zone of the given popularity rank (0 is the largest).
func (g *GraphGen) ZoneName(rank int) string {
	if rank < len(nationalZones) {
		return nationalZones[rank].Name
	}
	name, _ := g.names.parkAt(rank - len(nationalZones))
	return name
}

// EnterpriseName names the enterprise of the given rank (banks first).
func (g *GraphGen) EnterpriseName(rank int) string {
	if rank < g.nBank {
		return bankAt(rank)
	}
	return g.names.firmAt(rank - g.nBank).Name()
}

// ProjectName names the project of the given index.
func (g *GraphGen) ProjectName(i int) string { return g.names.projectAt(i) }

// PersonName names the person of the given index.
func (g *GraphGen) PersonName(i int) string { return g.names.personAt(i) }

// ID returns the node ID of the i-th node of a label.
func (g *GraphGen) ID(label kg.Label, i int) kg.ID {
	switch label {
	case kg.LabelZone:
		return kg.NodeID(label, g.ZoneName(i))
	case kg.LabelEnterprise:
		return kg.NodeID(label, g.EnterpriseName(i))
	case kg.LabelInstitution:
		return kg.NodeID(label, g.names.institutionAt(i))
	case kg.LabelProject:
		return kg.NodeID(label, g.names.projectAt(i))
	case kg.LabelPerson:
		return kg.NodeID(label, g.names.personAt(i))
	case kg.LabelArticle:
		return g.articleID(i)
	}
	return ""
}

const articlesPerDoc = 8

func (g *GraphGen) articleDoc(i int) string {
	return fmt.Sprintf("gen-%d-%06d.txt", g.cfg.Seed, i/articlesPerDoc)
}

func (g *GraphGen) articleID(i int) kg.ID { return kg.ArticleID(g.articleDoc(i), i%articlesPerDoc) }

// Document is the one document the whole graph is loaded as (memstore
// rebuilds its merged view on every Upsert): bench.graph, its hash naming
// the seed and size.
func (g *GraphGen) Document() kg.Document {
	return kg.Document{ID: kg.DocumentID("bench.graph"), Name: "bench.graph", SHA256: fmt.Sprint(g.cfg.Seed, g.cfg.Nodes)}
}

// Graph generates the whole graph in memory.
func (g *GraphGen) Graph() *kg.Graph {
	out := &kg.Graph{}
	_ = g.Batches(g.Items(), func(_ kg.Document, b *kg.Graph) error {
		out.Nodes = append(out.Nodes, b.Nodes...)
		out.Relations = append(out.Relations, b.Relations...)
		return nil
	})
	return out
}

// Batches generates the graph in batches of size items (nodes), each with the
// relations its items own, as a document ready for store.Upsert. Batches come
// in order and only reference nodes of their own or earlier batches.
func (g *GraphGen) Batches(size int, fn func(doc kg.Document, b *kg.Graph) error) error {
	if size <= 0 {
		size = 10000
	}
	total := g.Items()
	for start, n := 0, 0; start < total; start, n = start+size, n+1 {
		end := min(total, start+size)
		b := &kg.Graph{Nodes: make([]kg.Node, 0, end-start)}
		for k := start; k < end; k++ {
			g.item(k, b)
		}
		name := fmt.Sprintf("bench-%d-%d-%06d.graph", g.cfg.Seed, g.cfg.Nodes, n)
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s/%d/%d/%g/%g", name, start, end, g.cfg.RelsPerNode, g.cfg.ZipfS)))
		doc := kg.Document{ID: kg.DocumentID(name), Name: name, SHA256: hex.EncodeToString(sum[:])}
		if err := fn(doc, b); err != nil {
			return err
		}
	}
	return nil
}

// item generates item k (a node and the relations it owns) into b.
func (g *GraphGen) item(k int, b *kg.Graph) {
	r := rand.New(rand.NewPCG(g.cfg.Seed, uint64(k)))
	e := &emitter{g: g, r: r, b: b}
	switch {
	case k < g.nArticle:
		g.article(k, b)
		return
	case k < g.nArticle+g.nZone:
		g.zone(k-g.nArticle, e)
	case k < g.nArticle+g.nZone+g.nEnt:
		g.enterprise(k-g.nArticle-g.nZone, e)
	case k < g.nArticle+g.nZone+g.nEnt+g.nInst:
		g.institution(k-g.nArticle-g.nZone-g.nEnt, e)
	case k < g.nArticle+g.nZone+g.nEnt+g.nInst+g.nProj:
		g.project(k-g.nArticle-g.nZone-g.nEnt-g.nInst, e)
	default:
		g.person(k-g.nArticle-g.nZone-g.nEnt-g.nInst-g.nProj, e)
	}
}

func (g *GraphGen) article(i int, b *kg.Graph) {
	zone := g.ZoneName(i % g.nZone)
	b.Nodes = append(b.Nodes, kg.Node{ID: g.articleID(i), Label: kg.LabelArticle, Name: fmt.Sprintf("%s动态（%d）", zone, i),
		Properties: map[string]any{kg.PropTitle: fmt.Sprintf("%s动态（%d）", zone, i), kg.PropDocument: g.articleDoc(i)}})
}

// emitter appends nodes and relations with evidence to a batch.
type emitter struct {
	g *GraphGen
	r *rand.Rand
	b *kg.Graph
}

func (e *emitter) evidence(quote string) []kg.Evidence {
	start := e.r.IntN(3000)
	return []kg.Evidence{{Article: e.g.articleID(e.r.IntN(e.g.nArticle)), Quote: quote, Start: start, End: start + utf8.RuneCountInString(quote)}}
}

func (e *emitter) node(label kg.Label, name string, aliases []string, props map[string]any) kg.ID {
	if props == nil {
		props = map[string]any{}
	}
	id := kg.NodeID(label, name)
	e.b.Nodes = append(e.b.Nodes, kg.Node{ID: id, Label: label, Name: name, Aliases: aliases, Properties: props, Evidence: e.evidence(name)})
	return id
}

func (e *emitter) rel(t kg.RelType, from, to kg.ID, props map[string]any, quote string) {
	if props == nil {
		props = map[string]any{}
	}
	e.b.Relations = append(e.b.Relations, kg.Relation{ID: kg.RelationID(t, from, to), Type: t, From: from, To: to,
		Properties: props, Evidence: e.evidence(quote)}.Oriented()) // as the extractor's output
}

func (g *GraphGen) zone(i int, e *emitter) {
	if i < len(nationalZones) {
		z := nationalZones[i]
		e.node(kg.LabelZone, z.Name, append([]string{z.FullName}, z.Aliases...), map[string]any{
			kg.PropKind: "national_hitech_zone", kg.PropProvince: z.Province, kg.PropCity: z.City})
		return
	}
	name, parent := g.names.parkAt(i - len(nationalZones))
	p := nationalZones[parent]
	id := e.node(kg.LabelZone, name, nil, map[string]any{kg.PropKind: "industrial_park", kg.PropProvince: p.Province, kg.PropCity: p.City})
	e.rel(kg.RelPartOf, id, g.ID(kg.LabelZone, parent), nil, name+"是"+p.Name+"的重要园区")
}

func (g *GraphGen) locate(e *emitter, id kg.ID, name string) {
	z := g.zZone.draw(e.r)
	e.rel(kg.RelLocatedIn, id, g.ID(kg.LabelZone, z), nil, name+"落户"+g.ZoneName(z))
}

func (g *GraphGen) enterprise(i int, e *emitter) {
	name := g.EnterpriseName(i)
	var aliases []string
	listed := i < g.nBank || e.r.Float64() < 0.02+0.3*math.Pow(0.999, float64(i))
	if i >= g.nBank {
		f := g.names.firmAt(i - g.nBank)
		aliases = []string{f.Short(), f.CityShort()}
	}
	id := e.node(kg.LabelEnterprise, name, aliases, map[string]any{kg.PropListed: listed})
	g.locate(e, id, name)
	if i < g.nBank {
		return
	}
	seen := map[int]bool{}
	for n := count(e.r, g.qLend); n > 0 && len(seen) < g.nBank; {
		bank := g.zBank.draw(e.r)
		if seen[bank] {
			continue
		}
		seen[bank] = true
		n--
		amount := int64(e.r.IntN(500)+1) * 1_000_000
		inst := loanInstruments[e.r.IntN(len(loanInstruments))]
		e.rel(kg.RelLendsTo, g.ID(kg.LabelEnterprise, bank), id, map[string]any{kg.PropAmountCNY: amount, kg.PropInstrument: inst},
			fmt.Sprintf("%s向%s发放%d万元%s贷款", bankAt(bank), name, amount/10000, inst))
	}
	// Partners among earlier enterprises, preferring the popular ones.
	clear(seen)
	want := min(count(e.r, g.qPartner), i-g.nBank)
	for tries := 0; len(seen) < want && tries < 8*want+8; tries++ {
		j := g.zEnt.drawBelow(e.r, i)
		if j < g.nBank || seen[j] {
			continue
		}
		seen[j] = true
		ag := agreements[e.r.IntN(len(agreements))]
		e.rel(kg.RelPartnersWith, id, g.ID(kg.LabelEnterprise, j), map[string]any{kg.PropAgreement: ag},
			name+"与"+g.EnterpriseName(j)+"签署"+ag)
	}
}

func (g *GraphGen) institution(i int, e *emitter) {
	name := g.names.institutionAt(i)
	id := e.node(kg.LabelInstitution, name, nil, nil)
	g.locate(e, id, name)
	seen := map[int]bool{}
	want := count(e.r, g.qInstP)
	for tries := 0; len(seen) < want && tries < 8*want+8; tries++ {
		j := g.zEnt.draw(e.r)
		if j < g.nBank || seen[j] {
			continue
		}
		seen[j] = true
		ag := agreements[e.r.IntN(len(agreements))]
		e.rel(kg.RelPartnersWith, id, g.ID(kg.LabelEnterprise, j), map[string]any{kg.PropAgreement: ag},
			name+"与"+g.EnterpriseName(j)+"签署"+ag)
	}
}

func (g *GraphGen) project(i int, e *emitter) {
	name := g.names.projectAt(i)
	total := int64(math.Exp(e.r.Float64()*math.Log(1000))) * 10_000_000 // 1千万 .. 100亿
	id := e.node(kg.LabelProject, name, nil, map[string]any{kg.PropInvestmentCNY: total,
		kg.PropStatus: projectStatuses[e.r.IntN(len(projectStatuses))]})
	g.locate(e, id, name)
	op := g.nBank + g.zEnt.drawBelow(e.r, g.nEnt-g.nBank)
	opName := g.EnterpriseName(op)
	opID := g.ID(kg.LabelEnterprise, op)
	e.rel(kg.RelOperates, opID, id, nil, opName+"建设运营"+name)
	e.rel(kg.RelInvestsIn, opID, id, map[string]any{kg.PropAmountCNY: total / 2, kg.PropRole: "投资"},
		fmt.Sprintf("%s投资%d万元建设%s", opName, total/2/10000, name))
	seen := map[kg.ID]bool{opID: true}
	want := count(e.r, g.qInvest)
	for tries := 0; len(seen) < want+1 && tries < 8*want+8; tries++ {
		var inv kg.ID
		var invName string
		if e.r.IntN(10) == 0 {
			j := g.zInst.draw(e.r)
			inv, invName = g.ID(kg.LabelInstitution, j), g.names.institutionAt(j)
		} else {
			j := g.zEnt.draw(e.r)
			inv, invName = g.ID(kg.LabelEnterprise, j), g.EnterpriseName(j)
		}
		if seen[inv] {
			continue
		}
		seen[inv] = true
		role := investRoles[e.r.IntN(len(investRoles))]
		amount := total / int64(4+e.r.IntN(20))
		e.rel(kg.RelInvestsIn, inv, id, map[string]any{kg.PropAmountCNY: amount, kg.PropRole: role},
			fmt.Sprintf("%s%s%d万元参与%s", invName, role, amount/10000, name))
	}
}

func (g *GraphGen) person(i int, e *emitter) {
	name := g.names.personAt(i)
	id := e.node(kg.LabelPerson, name, nil, nil)
	seen := map[kg.ID]bool{}
	want := 1 + count(e.r, g.qExtraPos)
	for tries := 0; len(seen) < want && tries < 8*want+8; tries++ {
		var to kg.ID
		var toName, title string
		switch x := e.r.IntN(100); {
		case x < 85:
			j := g.zEnt.draw(e.r)
			to, toName, title = g.ID(kg.LabelEnterprise, j), g.EnterpriseName(j), firmTitles[e.r.IntN(len(firmTitles))]
		case x < 97:
			j := g.zInst.draw(e.r)
			to, toName, title = g.ID(kg.LabelInstitution, j), g.names.institutionAt(j), institutionTitles[e.r.IntN(len(institutionTitles))]
		default:
			j := g.zZone.draw(e.r)
			to, toName, title = g.ID(kg.LabelZone, j), g.ZoneName(j), zoneTitles[e.r.IntN(len(zoneTitles))]
		}
		if seen[to] {
			continue
		}
		seen[to] = true
		e.rel(kg.RelHoldsPosition, id, to, map[string]any{kg.PropTitle: title}, toName+title+name+"介绍说")
	}
}
