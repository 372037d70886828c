// Package storetest is the conformance suite every store.Store must pass,
// with the small hand-built fixture graph it runs on.
package storetest

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/zonegraph/zonegraph/kg"
)

// Names of the fixture's entities, in the style of the seed page.
const (
	ZoneHangzhou   = "杭州高新区（滨江）"
	ZoneBaima      = "白马湖生态创意城"
	ZoneBaimaEast  = "白马湖东区"
	ZoneBaotou     = "包头稀土高新区"
	FirmHik        = "杭州海康威视数字技术股份有限公司"
	FirmHikAuto    = "海康威视汽车技术有限公司"
	FirmBank       = "杭州银行股份有限公司"
	FirmTianhe     = "包头天和磁材科技股份有限公司"
	InstZJU        = "浙江大学"
	PersonHu       = "胡扬忠"
	ProjectSmart   = "萧山海康威视智能制造基地"
	ProjectMagnet  = "稀土永磁材料产业化项目"
	FirmNewInPageA = "杭州新华三技术有限公司"
)

// ID returns the fixture ID of a named entity.
func ID(label kg.Label, name string) kg.ID { return kg.NodeID(label, name) }

// Fixture IDs.
var (
	IDHangzhou  = ID(kg.LabelZone, ZoneHangzhou)
	IDBaima     = ID(kg.LabelZone, ZoneBaima)
	IDBaimaEast = ID(kg.LabelZone, ZoneBaimaEast)
	IDBaotou    = ID(kg.LabelZone, ZoneBaotou)
	IDHik       = ID(kg.LabelEnterprise, FirmHik)
	IDHikAuto   = ID(kg.LabelEnterprise, FirmHikAuto)
	IDBank      = ID(kg.LabelEnterprise, FirmBank)
	IDTianhe    = ID(kg.LabelEnterprise, FirmTianhe)
	IDZJU       = ID(kg.LabelInstitution, InstZJU)
	IDHu        = ID(kg.LabelPerson, PersonHu)
	IDSmart     = ID(kg.LabelProject, ProjectSmart)
	IDMagnet    = ID(kg.LabelProject, ProjectMagnet)
	IDNewFirm   = ID(kg.LabelEnterprise, FirmNewInPageA)
)

// Page is one fixture page: its document and graph.
type Page struct {
	Doc   kg.Document
	Graph *kg.Graph
}

type builder struct {
	doc     string
	article kg.ID
	g       *kg.Graph
	offset  int
}

func newBuilder(doc string) *builder {
	return &builder{doc: doc, article: kg.ArticleID(doc, 0), g: &kg.Graph{}}
}

func (b *builder) ev(quote string) []kg.Evidence {
	start := b.offset
	b.offset += len([]rune(quote)) + 1
	return []kg.Evidence{{Article: b.article, Quote: quote, Start: start, End: start + len([]rune(quote))}}
}

func (b *builder) node(label kg.Label, name string, aliases []string, props map[string]any, quote string) kg.ID {
	id := kg.NodeID(label, name)
	if label == kg.LabelArticle {
		id = b.article
	}
	if props == nil {
		props = map[string]any{}
	}
	if aliases == nil {
		aliases = []string{}
	}
	b.g.Nodes = append(b.g.Nodes, kg.Node{ID: id, Label: label, Name: name, Aliases: aliases, Properties: props, Evidence: b.ev(quote)})
	return id
}

func (b *builder) rel(t kg.RelType, from, to kg.ID, props map[string]any, quote string) {
	if props == nil {
		props = map[string]any{}
	}
	b.g.Relations = append(b.g.Relations, kg.Relation{ID: kg.RelationID(t, from, to), Type: t, From: from, To: to, Properties: props, Evidence: b.ev(quote)})
}

func (b *builder) page(text string) Page {
	sum := sha256.Sum256([]byte(text))
	b.g.Sort()
	return Page{
		Doc:   kg.Document{ID: kg.DocumentID(b.doc), Name: b.doc, SHA256: hex.EncodeToString(sum[:]), Runes: len([]rune(text))},
		Graph: b.g,
	}
}

// PageA is the Hangzhou page: a zone with a sub-park (and its block), a
// listed firm located in it, a bank lending to the firm, the firm investing
// in and operating a project located in the sub-park, a person holding a
// position, a university partnering with the firm, and the article.
func PageA() Page {
	b := newBuilder("a_hangzhou.txt")
	art := b.node(kg.LabelArticle, "杭州高新区高歌猛进世界领先科技园区", nil, map[string]any{
		kg.PropTitle: "杭州高新区高歌猛进世界领先科技园区", kg.PropAuthors: []string{"张留", "肖鳕桐"},
		kg.PropDocument: "a_hangzhou.txt", kg.PropStart: int64(0), kg.PropEnd: int64(420),
	}, "杭州高新区高歌猛进世界领先科技园区")
	hz := b.node(kg.LabelZone, ZoneHangzhou, []string{"杭州高新区", "滨江"}, map[string]any{
		kg.PropKind: "national_hitech_zone", kg.PropProvince: "浙江省", kg.PropCity: "杭州市",
	}, "近日，杭州高新区（滨江）召开经济高质量发展大会")
	bm := b.node(kg.LabelZone, ZoneBaima, []string{"白马湖"}, map[string]any{
		kg.PropKind: "industrial_park", kg.PropProvince: "浙江省", kg.PropCity: "杭州市",
	}, "白马湖生态创意城是杭州高新区（滨江）的重要板块")
	bme := b.node(kg.LabelZone, ZoneBaimaEast, nil, map[string]any{kg.PropKind: "block"}, "白马湖东区隶属白马湖生态创意城")
	hik := b.node(kg.LabelEnterprise, FirmHik, []string{"海康威视"}, map[string]any{kg.PropListed: true}, "杭州海康威视数字技术股份有限公司总部位于滨江")
	bank := b.node(kg.LabelEnterprise, FirmBank, []string{"杭州银行"}, map[string]any{kg.PropListed: true}, "杭州银行股份有限公司科技支行")
	zju := b.node(kg.LabelInstitution, InstZJU, []string{"浙大"}, nil, "浙江大学与海康威视签署战略合作协议")
	hu := b.node(kg.LabelPerson, PersonHu, nil, nil, "海康威视总经理胡扬忠表示")
	smart := b.node(kg.LabelProject, ProjectSmart, []string{"智能制造基地"}, map[string]any{
		kg.PropInvestmentCNY: int64(1000000000), kg.PropQualifier: "约", kg.PropStatus: "在建",
	}, "萧山海康威视智能制造基地总投资约10亿元")
	b.rel(kg.RelPartOf, bm, hz, nil, "白马湖生态创意城是杭州高新区（滨江）的重要板块")
	b.rel(kg.RelPartOf, bme, bm, nil, "白马湖东区隶属白马湖生态创意城")
	b.rel(kg.RelLocatedIn, hik, hz, nil, "杭州海康威视数字技术股份有限公司总部位于滨江")
	b.rel(kg.RelLocatedIn, bank, hz, nil, "杭州银行股份有限公司科技支行落户杭州高新区")
	b.rel(kg.RelLendsTo, bank, hik, map[string]any{kg.PropAmountCNY: int64(50000000), kg.PropInstrument: "知识产权质押"},
		"杭州银行以知识产权质押方式向海康威视提供贷款5000万元")
	b.rel(kg.RelInvestsIn, hik, smart, map[string]any{kg.PropAmountCNY: int64(1000000000), kg.PropRole: "投资", kg.PropQualifier: "约"},
		"海康威视投资约10亿元建设萧山海康威视智能制造基地")
	b.rel(kg.RelOperates, hik, smart, nil, "智能制造基地由海康威视运营")
	b.rel(kg.RelLocatedIn, smart, bm, nil, "智能制造基地落户白马湖生态创意城")
	b.rel(kg.RelHoldsPosition, hu, hik, map[string]any{kg.PropTitle: "总经理"}, "海康威视总经理胡扬忠表示")
	b.rel(kg.RelPartnersWith, zju, hik, map[string]any{kg.PropAgreement: "战略合作协议"}, "浙江大学与海康威视签署战略合作协议")
	b.rel(kg.RelMentionedIn, hik, art, map[string]any{kg.PropCount: int64(3)}, "杭州海康威视数字技术股份有限公司总部位于滨江")
	return b.page("page A, version 1")
}

// PageA2 is a changed version of page A: the firm, its project, person and
// partner are gone from it (the firm survives through page B), the bank now
// lends to a new firm, and the zone gains an alias.
func PageA2() Page {
	b := newBuilder("a_hangzhou.txt")
	hz := b.node(kg.LabelZone, ZoneHangzhou, []string{"杭州高新区", "滨江", "杭州高新区(滨江)"}, map[string]any{
		kg.PropKind: "national_hitech_zone", kg.PropProvince: "浙江省", kg.PropCity: "杭州市",
	}, "杭州高新区（滨江）召开大会")
	bm := b.node(kg.LabelZone, ZoneBaima, []string{"白马湖"}, map[string]any{
		kg.PropKind: "industrial_park", kg.PropProvince: "浙江省", kg.PropCity: "杭州市",
	}, "白马湖生态创意城是杭州高新区（滨江）的重要板块")
	bank := b.node(kg.LabelEnterprise, FirmBank, []string{"杭州银行"}, map[string]any{kg.PropListed: true}, "杭州银行股份有限公司科技支行")
	nf := b.node(kg.LabelEnterprise, FirmNewInPageA, []string{"新华三"}, nil, "杭州新华三技术有限公司获得贷款")
	b.rel(kg.RelPartOf, bm, hz, nil, "白马湖生态创意城是杭州高新区（滨江）的重要板块")
	b.rel(kg.RelLocatedIn, nf, hz, nil, "杭州新华三技术有限公司位于滨江")
	b.rel(kg.RelLendsTo, bank, nf, map[string]any{kg.PropAmountCNY: int64(80000000), kg.PropInstrument: "信用贷款"},
		"杭州银行向新华三发放信用贷款8000万元")
	return b.page("page A, version 2")
}

// PageB is the Baotou page: a second zone, a local firm, the Hangzhou firm
// named again (so it is supported by two pages) investing in a project
// located in the zone, and a firm whose name starts with the firm's alias.
func PageB() Page {
	b := newBuilder("b_baotou.txt")
	bt := b.node(kg.LabelZone, ZoneBaotou, []string{"包头稀土高新技术产业开发区"}, map[string]any{
		kg.PropKind: "national_hitech_zone", kg.PropProvince: "内蒙古自治区", kg.PropCity: "包头市",
	}, "包头稀土高新区打通科技企业发展“最后一公里”")
	th := b.node(kg.LabelEnterprise, FirmTianhe, []string{"天和磁材"}, map[string]any{kg.PropListed: true}, "包头天和磁材科技股份有限公司成功上市")
	hik := b.node(kg.LabelEnterprise, FirmHik, []string{"海康"}, nil, "杭州海康威视数字技术股份有限公司在包头投资")
	auto := b.node(kg.LabelEnterprise, FirmHikAuto, nil, nil, "海康威视汽车技术有限公司入驻稀土高新区")
	mg := b.node(kg.LabelProject, ProjectMagnet, nil, map[string]any{kg.PropInvestmentCNY: int64(250000000)}, "稀土永磁材料产业化项目总投资2.5亿元")
	b.rel(kg.RelLocatedIn, th, bt, nil, "包头天和磁材科技股份有限公司位于稀土高新区")
	b.rel(kg.RelLocatedIn, auto, bt, nil, "海康威视汽车技术有限公司入驻稀土高新区")
	b.rel(kg.RelInvestsIn, hik, mg, map[string]any{kg.PropAmountCNY: int64(250000000), kg.PropRole: "投资"},
		"海康投资2.5亿元建设稀土永磁材料产业化项目")
	b.rel(kg.RelLocatedIn, mg, bt, nil, "稀土永磁材料产业化项目落户包头稀土高新区")
	return b.page("page B, version 1")
}
