package extract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zonegraph/zonegraph/kg"
)

func seedBytes(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "seeds", "000_7ba3bcd1ecf2bdfd.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestPageInputErrors(t *testing.T) {
	for _, c := range []struct {
		name, in, reason string
	}{
		{"empty", "", "empty file"},
		{"spaces", " \n\t\u3000\n", "whitespace only"},
		{"invalid", "高新区\xff\xfe区", "not valid UTF-8 at byte offset 9"},
		{"truncated", "高新区" + string([]byte("区")[:2]), "truncated UTF-8"},
		{"nul", "高新\x00区", "NUL byte at byte offset 6"},
		{"control", "高新\x07区", "control character"},
		{"large", strings.Repeat("高", MaxPageBytes/3+1), "too large"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Page(c.name+".txt", []byte(c.in))
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("got %v, want *InputError", err)
			}
			if ie.File != c.name+".txt" || !strings.Contains(ie.Reason, c.reason) {
				t.Errorf("got %q, want reason containing %q", ie.Error(), c.reason)
			}
		})
	}
}

// find returns the node of a label holding name as name or alias.
func find(g *kg.Graph, label kg.Label, name string) *kg.Node {
	for i, n := range g.Nodes {
		if n.Label == label && (n.HasName(name) || normParens(n.Name) == normParens(name)) {
			return &g.Nodes[i]
		}
	}
	return nil
}

func rel(g *kg.Graph, t kg.RelType, from, to *kg.Node) *kg.Relation {
	if from == nil || to == nil {
		return nil
	}
	for i, r := range g.Relations {
		if r.Type == t && (r.From == from.ID && r.To == to.ID || t.Undirected() && r.From == to.ID && r.To == from.ID) {
			return &g.Relations[i]
		}
	}
	return nil
}

type wantNode struct {
	label kg.Label
	name  string
}

type wantRel struct {
	t        kg.RelType
	from, to wantNode
	props    map[string]any
}

// TestRules is the case table of the extraction rules: one short text per
// phenomenon, asserting the entities and relations it must produce.
func TestRules(t *testing.T) {
	E, I, P, Z, J := kg.LabelEnterprise, kg.LabelInstitution, kg.LabelPerson, kg.LabelZone, kg.LabelProject
	for _, c := range []struct {
		name  string
		text  string
		nodes []wantNode
		rels  []wantRel
	}{
		{"full company name with place prefix and short name",
			"在桂林华诺威基因药业有限公司的厂房内，工人们正在生产。华诺威生物医药基地将开工建设。",
			[]wantNode{{E, "桂林华诺威基因药业有限公司"}, {J, "华诺威生物医药基地"}},
			[]wantRel{{kg.RelOperates, wantNode{E, "桂林华诺威基因药业有限公司"}, wantNode{J, "华诺威生物医药基地"}, nil}}},
		{"half-width and full-width parentheses are one firm",
			"首场服务走进蓝思精密(泰州)有限公司。蓝思精密（泰州）有限公司高级总监温珍瀛表示，企业发展很快。",
			[]wantNode{{E, "蓝思精密(泰州)有限公司"}, {P, "温珍瀛"}},
			[]wantRel{{kg.RelHoldsPosition, wantNode{P, "温珍瀛"}, wantNode{E, "蓝思精密(泰州)有限公司"}, map[string]any{kg.PropTitle: "高级总监"}}}},
		{"batch of short names before 等N家企业",
			"园区驻扎着甲乙科技、丙丁控股、戊己信息等3家上市企业。",
			[]wantNode{{E, "甲乙科技"}, {E, "丙丁控股"}, {E, "戊己信息"}}, nil},
		{"org title name",
			"包头金蒙汇磁材料有限责任公司董事长孙喜平说，企业发展很好。",
			[]wantNode{{E, "包头金蒙汇磁材料有限责任公司"}, {P, "孙喜平"}},
			[]wantRel{{kg.RelHoldsPosition, wantNode{P, "孙喜平"}, wantNode{E, "包头金蒙汇磁材料有限责任公司"}, map[string]any{kg.PropTitle: "董事长"}}}},
		{"title chain split by 、 on a zone body",
			"杭州高新区党工委、滨江区委书记章登峰说，要建设世界领先科技园区。",
			[]wantNode{{Z, "杭州高新区"}, {P, "章登峰"}},
			[]wantRel{{kg.RelHoldsPosition, wantNode{P, "章登峰"}, wantNode{Z, "杭州高新区"}, map[string]any{kg.PropTitle: "党工委书记、滨江区委书记"}}}},
		{"coreference 该公司 and investment amount with qualifier",
			"在桂林甲乙药业有限公司，该公司副总经理韦明华正在讨论生产细节。该公司今年将投入 1亿元左右扩大药品生产线。",
			[]wantNode{{P, "韦明华"}, {J, "药品生产线"}},
			[]wantRel{{kg.RelHoldsPosition, wantNode{P, "韦明华"}, wantNode{E, "桂林甲乙药业有限公司"}, nil},
				{kg.RelInvestsIn, wantNode{E, "桂林甲乙药业有限公司"}, wantNode{J, "药品生产线"}, map[string]any{kg.PropAmountCNY: int64(100000000)}}}},
		{"bank lends to a firm",
			"通过知识产权质押，包头甲乙科技有限公司从中国银行融资600 万元贷款。",
			[]wantNode{{E, "中国银行"}, {E, "包头甲乙科技有限公司"}},
			[]wantRel{{kg.RelLendsTo, wantNode{E, "中国银行"}, wantNode{E, "包头甲乙科技有限公司"}, map[string]any{kg.PropAmountCNY: int64(6000000)}}}},
		{"co-building by 由 A 与 B 联合共建",
			"近日，甲乙技术产业转化中心揭牌活动在广州高新区举行。该转化中心由广州生物岛实验室与一品红药业股份有限公司联合共建。",
			[]wantNode{{J, "甲乙技术产业转化中心"}, {I, "广州生物岛实验室"}, {Z, "广州高新区"}},
			[]wantRel{{kg.RelInvestsIn, wantNode{I, "广州生物岛实验室"}, wantNode{J, "甲乙技术产业转化中心"}, map[string]any{kg.PropRole: "共建"}},
				{kg.RelInvestsIn, wantNode{E, "一品红药业股份有限公司"}, wantNode{J, "甲乙技术产业转化中心"}, nil},
				{kg.RelLocatedIn, wantNode{J, "甲乙技术产业转化中心"}, wantNode{Z, "广州高新区"}, nil}}},
		{"partners with agreement and amount",
			"甲乙机器人有限公司已与包头丙丁微电机科技有限公司签署了 300万元的合作协议。",
			nil,
			[]wantRel{{kg.RelPartnersWith, wantNode{E, "甲乙机器人有限公司"}, wantNode{E, "包头丙丁微电机科技有限公司"}, map[string]any{kg.PropAmountCNY: int64(3000000)}}}},
		{"sub-zone anchored on a national zone",
			"如今，在杭州高新区（滨江）物联网产业园，驻扎着甲乙威视等 13家上市企业。",
			[]wantNode{{Z, "杭州高新区（滨江）物联网产业园"}, {E, "甲乙威视"}},
			[]wantRel{{kg.RelPartOf, wantNode{Z, "杭州高新区（滨江）物联网产业园"}, wantNode{Z, "杭州高新区"}, nil},
				{kg.RelLocatedIn, wantNode{E, "甲乙威视"}, wantNode{Z, "杭州高新区（滨江）物联网产业园"}, nil}}},
		{"zone written several ways is one node",
			"包头市稀土高新区召开大会。包头稀土高新区管委会负责人介绍，稀土高新区将扩大开放。",
			[]wantNode{{Z, "包头稀土高新区"}, {Z, "包头市稀土高新区"}}, nil},
		{"national zone with 国家",
			"青岛国家高新区与甲乙科技有限公司签约。青岛高新区将提供服务。",
			[]wantNode{{Z, "青岛高新区"}, {Z, "青岛国家高新区"}},
			[]wantRel{{kg.RelPartnersWith, wantNode{Z, "青岛高新区"}, wantNode{E, "甲乙科技有限公司"}, nil}}},
		{"project with investment",
			"近日，在渤海湾航运中心项目施工现场，一派繁忙景象。该项目总投资约 4.06亿元，是潍坊高新区的重点工程。",
			[]wantNode{{J, "渤海湾航运中心项目"}},
			[]wantRel{{kg.RelLocatedIn, wantNode{J, "渤海湾航运中心项目"}, wantNode{Z, "潍坊高新区"}, nil}}},
		{"owner named with place in parentheses",
			"桂林七星区顺利签约总投资 100亿元的甲乙电器（桂林）智能制造生产基地等一批大项目。",
			[]wantNode{{E, "甲乙电器"}, {Z, "桂林七星区"}},
			[]wantRel{{kg.RelInvestsIn, wantNode{E, "甲乙电器"}, wantNode{J, "甲乙电器（桂林）智能制造生产基地"}, map[string]any{kg.PropAmountCNY: int64(10000000000)}}}},
		{"explicit alias 以下简称 and half-width parentheses",
			"近日，氢储(上海)能源科技有限公司（以下简称“氢储科技”）与包头稀土高新区签约。氢储科技将投资5亿元建设氢能产业园项目。",
			[]wantNode{{E, "氢储(上海)能源科技有限公司"}, {E, "氢储科技"}, {J, "氢能产业园项目"}},
			[]wantRel{{kg.RelInvestsIn, wantNode{E, "氢储科技"}, wantNode{J, "氢能产业园项目"}, map[string]any{kg.PropAmountCNY: int64(500000000)}},
				{kg.RelPartnersWith, wantNode{E, "氢储科技"}, wantNode{Z, "包头稀土高新区"}, nil}}},
		{"group and legal names are one firm",
			"中国钢研科技集团有限公司与青岛高新区签署战略合作协议。中国钢研集团将加大投入。",
			[]wantNode{{E, "中国钢研科技集团有限公司"}, {E, "中国钢研集团"}}, nil},
		{"bank branch lends with 向",
			"赣州银行新余分行向江西甲乙锂电有限公司发放贷款2000万元。",
			[]wantNode{{E, "赣州银行新余分行"}},
			[]wantRel{{kg.RelLendsTo, wantNode{E, "赣州银行新余分行"}, wantNode{E, "江西甲乙锂电有限公司"}, map[string]any{kg.PropAmountCNY: int64(20000000)}}}},
		{"government bodies are institutions; short names in a batch signing",
			"新余高新区经济发展局、投促中心负责人参加。中电建、蜜蜂科技等15家企业现场签约。",
			[]wantNode{{I, "新余高新区经济发展局"}, {I, "投促中心"}, {E, "中电建"}, {E, "蜜蜂科技"}}, nil},
		{"co-founded venture and 落户",
			"甲乙新材料有限公司与丙丁科技有限公司共同组建江西戊己材料有限公司。江西庚辛科技有限公司落户新余高新区。",
			nil,
			[]wantRel{{kg.RelPartnersWith, wantNode{E, "甲乙新材料有限公司"}, wantNode{E, "丙丁科技有限公司"}, map[string]any{kg.PropAgreement: "共同组建"}},
				{kg.RelLocatedIn, wantNode{E, "江西庚辛科技有限公司"}, wantNode{Z, "新余高新区"}, nil}}},
		{"zone-to-zone memorandum",
			"新余高新区与赣州高新区签订合作备忘录。",
			nil,
			[]wantRel{{kg.RelPartnersWith, wantNode{Z, "新余高新区"}, wantNode{Z, "赣州高新区"}, nil}}},
		{"title chain of a city official holding a zone post",
			"市委常委、统战部部长、高新区工委书记陈飞出席活动。",
			[]wantNode{{P, "陈飞"}}, nil},
		{"name before title",
			"潍坊高新区管委会刘伟新副主任介绍，今年项目进展顺利。",
			[]wantNode{{P, "刘伟新"}},
			[]wantRel{{kg.RelHoldsPosition, wantNode{P, "刘伟新"}, wantNode{I, "潍坊高新区管委会"}, map[string]any{kg.PropTitle: "副主任"}}}},
		{"posts of two people split by 、 each in its own body",
			"西安高新区管委会副主任郭涛、宝鸡高新区管委会主任曹明出席签约仪式。",
			nil,
			[]wantRel{{kg.RelHoldsPosition, wantNode{P, "郭涛"}, wantNode{I, "西安高新区管委会"}, nil},
				{kg.RelHoldsPosition, wantNode{P, "曹明"}, wantNode{I, "宝鸡高新区管委会"}, nil}}},
		{"a zone's party body and 管委会 in one chain: the post is in the zone",
			"成都高新区党工委书记、管委会主任钟勇说，要优化营商环境。",
			nil,
			[]wantRel{{kg.RelHoldsPosition, wantNode{P, "钟勇"}, wantNode{Z, "成都高新区"}, map[string]any{kg.PropTitle: "党工委书记、管委会主任"}}}},
		{"a zone's investment company keeps the zone in its name",
			"青岛高新区投资开发集团有限公司与甲乙科技有限公司签署合作协议。",
			[]wantNode{{E, "青岛高新区投资开发集团有限公司"}},
			[]wantRel{{kg.RelPartnersWith, wantNode{E, "青岛高新区投资开发集团有限公司"}, wantNode{E, "甲乙科技有限公司"}, nil}}},
		{"capacity project of a firm named with its alias",
			"甲乙(上海)能源科技有限公司（以下简称“甲乙科技”）年产5000吨储氢材料项目签约落户包头市稀土高新区。",
			[]wantNode{{J, "年产5000吨储氢材料项目"}},
			[]wantRel{{kg.RelInvestsIn, wantNode{E, "甲乙科技"}, wantNode{J, "年产5000吨储氢材料项目"}, nil},
				{kg.RelLocatedIn, wantNode{J, "年产5000吨储氢材料项目"}, wantNode{Z, "包头稀土高新区"}, nil}}},
		{"enumeration before 等N个项目进驻 settles every firm",
			"已有天津甲乙新材料有限公司、包头丙丁磁材料有限公司等12个项目进驻包头稀土高新区。",
			nil,
			[]wantRel{{kg.RelLocatedIn, wantNode{E, "天津甲乙新材料有限公司"}, wantNode{Z, "包头稀土高新区"}, nil},
				{kg.RelLocatedIn, wantNode{E, "包头丙丁磁材料有限公司"}, wantNode{Z, "包头稀土高新区"}, nil}}},
		{"batch signing: every short name partners with the zone",
			"中电建、蜜蜂科技、甲乙锂电等15家企业与新余高新区集中签约。",
			nil,
			[]wantRel{{kg.RelPartnersWith, wantNode{E, "中电建"}, wantNode{Z, "新余高新区"}, nil},
				{kg.RelPartnersWith, wantNode{E, "蜜蜂科技"}, wantNode{Z, "新余高新区"}, nil},
				{kg.RelPartnersWith, wantNode{E, "甲乙锂电"}, wantNode{Z, "新余高新区"}, nil}}},
		{"双方 co-build a project named after the verb",
			"苏州工业园区科技创新委员会与新加坡国立大学苏州研究院签署合作协议，双方将共建人工智能联合创新中心。",
			[]wantNode{{J, "人工智能联合创新中心"}},
			[]wantRel{{kg.RelInvestsIn, wantNode{I, "苏州工业园区科技创新委员会"}, wantNode{J, "人工智能联合创新中心"}, map[string]any{kg.PropRole: "共建"}},
				{kg.RelInvestsIn, wantNode{I, "新加坡国立大学苏州研究院"}, wantNode{J, "人工智能联合创新中心"}, nil}}},
		{"park anchored on a zone written with its city; 新引进 settles listed firms",
			"在武汉东湖高新区光谷生物城，甲乙医疗科技有限公司的车间里一片繁忙。光谷生物城新引进丙丁医药、戊己基因等 20家上市企业。",
			[]wantNode{{Z, "光谷生物城"}},
			[]wantRel{{kg.RelPartOf, wantNode{Z, "光谷生物城"}, wantNode{Z, "东湖高新区"}, nil},
				{kg.RelLocatedIn, wantNode{E, "甲乙医疗科技有限公司"}, wantNode{Z, "光谷生物城"}, nil},
				{kg.RelLocatedIn, wantNode{E, "丙丁医药"}, wantNode{Z, "光谷生物城"}, nil}}},
		{"cooperation park built in the zone named with 在; a new firm moves in",
			"两区将在宝鸡高新区共建西宝先进制造产业协作园。甲乙齿轮有限公司与丙丁部件有限公司共同组建戊己传动科技有限公司，新公司将入驻西宝先进制造产业协作园。",
			[]wantNode{{Z, "西宝先进制造产业协作园"}},
			[]wantRel{{kg.RelPartOf, wantNode{Z, "西宝先进制造产业协作园"}, wantNode{Z, "宝鸡高新区"}, nil},
				{kg.RelPartnersWith, wantNode{E, "甲乙齿轮有限公司"}, wantNode{E, "丙丁部件有限公司"}, map[string]any{kg.PropAgreement: "共同组建"}},
				{kg.RelLocatedIn, wantNode{E, "戊己传动科技有限公司"}, wantNode{Z, "西宝先进制造产业协作园"}, nil}}},
		{"bare district in an article naming its city; bank branch lends; 新建 project",
			"近日，桂林银行七星支行向桂林甲乙技术股份有限公司发放科技信用贷款2000万元。桂林甲乙董事长莫明介绍说，这笔贷款将主要用于新建智能焊接装备生产线。七星区金融办联合辖区银行机构开展活动。",
			[]wantNode{{Z, "桂林七星区"}, {I, "七星区金融办"}, {J, "智能焊接装备生产线"}},
			[]wantRel{{kg.RelLendsTo, wantNode{E, "桂林银行七星支行"}, wantNode{E, "桂林甲乙技术股份有限公司"}, map[string]any{kg.PropAmountCNY: int64(20000000)}},
				{kg.RelInvestsIn, wantNode{E, "桂林甲乙技术股份有限公司"}, wantNode{J, "智能焊接装备生产线"}, nil}}},
		{"the speaker's firm settles: 选择落户",
			"甲乙科技董事长张伟表示，选择落户稀土高新区，看中的是完善的产业配套。甲乙科技有限公司成立于2015年。",
			nil,
			[]wantRel{{kg.RelLocatedIn, wantNode{E, "甲乙科技有限公司"}, wantNode{Z, "包头稀土高新区"}, nil}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkRuleCase(t, c.text, c.nodes, nil, c.rels)
		})
	}
}

func TestFindAmounts(t *testing.T) {
	for _, c := range []struct {
		in   string
		yuan int64
		q    string
	}{
		{"投入1亿元左右", 100000000, "左右"},
		{"融资600万元贷款", 6000000, ""},
		{"总投资约4.06亿元", 406000000, "约"},
		{"超100亿元", 10000000000, "超"},
		{"获得贷款7370万元", 73700000, ""},
	} {
		a := findAmounts(normRunes([]rune(c.in)))
		if len(a) != 1 || a[0].yuan != c.yuan || a[0].qualifier != c.q {
			t.Errorf("%s: got %+v, want %d %q", c.in, a, c.yuan, c.q)
		}
	}
}

// TestSeedLayout checks articles, titles and authors of the seed page.
func TestSeedLayout(t *testing.T) {
	res, err := Page("000_7ba3bcd1ecf2bdfd.txt", seedBytes(t))
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 6 {
		t.Fatalf("%d articles, want 6", res.Articles)
	}
	want := []struct{ title, starts, authors string }{
		{"杭州高新区高歌猛进世界领先科技园区", "近日，杭州高新区（滨江）召开经济高质量发展大会", "张留,肖鳕桐"},
		{"桂林七星区以大项目支撑工业大发展", "在桂林华诺威基因药业有限公司的药品生产厂房内", "王亚东"},
		{"潍坊高新区精准施策确保疫情防控和经济发展两不误", "近日，在渤海湾航运中心项目施工现场", "刘晓杰,魏小慧,李硕"},
		{"泰州医药高新区（高港区）筑人才高地再出实招", "近日，“乐居高新 共享未来", "王馨凤,刘昊宇"},
		{"包头稀土高新区打通科技企业发展“最后一公里”", "当前，在全球新冠肺炎疫情影响和市场不稳定的环境下", "李宝乐"},
		{"粤港澳大湾区创新疫苗技术产业转化中心揭牌", "近日，粤港澳大湾区创新疫苗技术产业转化中心揭牌活动", "高欣"},
	}
	for i, w := range want {
		var art *kg.Node
		for j, n := range res.Graph.Nodes {
			if n.ID == kg.ArticleID("000_7ba3bcd1ecf2bdfd.txt", i) {
				art = &res.Graph.Nodes[j]
			}
		}
		if art == nil {
			t.Fatalf("article %d missing", i)
		}
		if art.Name != w.title || art.Properties[kg.PropTitle] != w.title {
			t.Errorf("article %d title %q, want %q", i, art.Name, w.title)
		}
		if txt, _ := art.Properties[kg.PropText].(string); !strings.HasPrefix(txt, w.starts) {
			t.Errorf("article %d starts %q, want %q", i, txt[:min(len(txt), 60)], w.starts)
		}
		if a := strings.Join(art.Properties[kg.PropAuthors].([]string), ","); a != w.authors {
			t.Errorf("article %d authors %q, want %q", i, a, w.authors)
		}
	}
}

// checkEvidence asserts the evidence invariant: offsets in range, and the
// original text at [Start, End) equals Quote once whitespace is removed.
func checkEvidence(t *testing.T, content []byte, g *kg.Graph) {
	t.Helper()
	runes := []rune(string(content))
	strip := func(s string) string {
		return strings.Map(func(r rune) rune {
			if isSpace(r) || r == '\n' {
				return -1
			}
			return r
		}, s)
	}
	check := func(what string, ev []kg.Evidence) {
		for _, e := range ev {
			if e.Start < 0 || e.Start > e.End || e.End > len(runes) {
				t.Fatalf("%s: offsets [%d,%d) out of range %d", what, e.Start, e.End, len(runes))
			}
			if got := strip(string(runes[e.Start:e.End])); got != strip(e.Quote) {
				t.Fatalf("%s: text at [%d,%d) = %q, quote %q", what, e.Start, e.End, got, e.Quote)
			}
		}
	}
	for _, n := range g.Nodes {
		check(n.Name, n.Evidence)
	}
	for _, r := range g.Relations {
		check(string(r.Type), r.Evidence)
		if !r.Type.Valid() {
			t.Fatalf("invalid type %s", r.Type)
		}
	}
}

func TestSeedEvidence(t *testing.T) {
	b := seedBytes(t)
	res, err := Page("000_7ba3bcd1ecf2bdfd.txt", b)
	if err != nil {
		t.Fatal(err)
	}
	checkEvidence(t, b, res.Graph)
	for _, r := range res.Graph.Relations {
		if len(r.Evidence) == 0 {
			t.Errorf("%s %s -> %s has no evidence", r.Type, r.From, r.To)
		}
	}
	if res.Document.Runes != utf8.RuneCount(b) {
		t.Errorf("document runes %d", res.Document.Runes)
	}
}

// TestSeedTwiceMerges: loading the same page twice and merging changes nothing.
func TestSeedTwiceMerges(t *testing.T) {
	b := seedBytes(t)
	r1, err := Page("000_7ba3bcd1ecf2bdfd.txt", b)
	if err != nil {
		t.Fatal(err)
	}
	r2, _ := Page("000_7ba3bcd1ecf2bdfd.txt", b)
	merged := &kg.Graph{Nodes: append([]kg.Node(nil), r1.Graph.Nodes...), Relations: append([]kg.Relation(nil), r1.Graph.Relations...)}
	merged.Merge(r2.Graph)
	if len(merged.Nodes) != len(r1.Graph.Nodes) || len(merged.Relations) != len(r1.Graph.Relations) {
		t.Fatalf("merge grew the graph: %d/%d nodes, %d/%d relations", len(merged.Nodes), len(r1.Graph.Nodes), len(merged.Relations), len(r1.Graph.Relations))
	}
	for i := range merged.Nodes {
		if merged.Nodes[i].ID != r1.Graph.Nodes[i].ID || len(merged.Nodes[i].Evidence) != len(r1.Graph.Nodes[i].Evidence) {
			t.Fatalf("node %d differs after merge", i)
		}
	}
}

// TestTwoPages: a firm and a person named on two pages are one node each.
func TestTwoPages(t *testing.T) {
	r1, err := Page("000_7ba3bcd1ecf2bdfd.txt", seedBytes(t))
	if err != nil {
		t.Fatal(err)
	}
	b2, err := os.ReadFile(filepath.Join("testdata", "second_page.txt"))
	if err != nil {
		t.Fatal(err)
	}
	r2, err := Page("second_page.txt", b2)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []wantNode{{kg.LabelEnterprise, "桂林狮达技术股份有限公司"}, {kg.LabelPerson, "莫力林"}, {kg.LabelZone, "桂林七星区"}} {
		n1, n2 := find(r1.Graph, w.label, w.name), find(r2.Graph, w.label, w.name)
		if n1 == nil || n2 == nil || n1.ID != n2.ID {
			t.Fatalf("%s %s: not the same node on both pages (%v, %v)", w.label, w.name, n1, n2)
		}
	}
	g := &kg.Graph{}
	g.Merge(r1.Graph)
	g.Merge(r2.Graph)
	firm := find(g, kg.LabelEnterprise, "桂林狮达技术股份有限公司")
	arts := map[kg.ID]bool{}
	for _, e := range firm.Evidence {
		arts[e.Article] = true
	}
	if len(arts) < 2 {
		t.Errorf("merged firm has evidence from %d articles, want 2", len(arts))
	}
	if rel(g, kg.RelHoldsPosition, find(g, kg.LabelPerson, "莫力林"), firm) == nil {
		t.Errorf("HOLDS_POSITION lost in merge")
	}
}

func FuzzPage(f *testing.F) {
	f.Add(seedBytes(f))
	f.Add([]byte("本报讯 （记者 王明）近日，甲乙科技有限公司落户青岛高新区。"))
	f.Add([]byte("标题\n\n正文。该公司投入1亿元。"))
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := Page("fuzz.txt", b)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error is not an *InputError: %v", err)
			}
			return
		}
		checkEvidence(t, b, res.Graph)
		n := utf8.RuneCount(b)
		for _, nd := range res.Graph.Nodes {
			if nd.Label == kg.LabelArticle {
				st, _ := nd.Properties[kg.PropStart].(int)
				en, _ := nd.Properties[kg.PropEnd].(int)
				if st < 0 || st > en || en > n {
					t.Fatalf("article offsets [%d,%d) out of %d", st, en, n)
				}
			}
		}
	})
}

func BenchmarkPage(b *testing.B) {
	content := seedBytes(b)
	Warm()
	runes := utf8.RuneCount(content)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Page("000_7ba3bcd1ecf2bdfd.txt", content); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(runes)*float64(b.N)/b.Elapsed().Seconds(), "chars/s")
}

// checkRuleCase extracts text as a page and checks that every wanted node
// and relation (with its properties) is there and no absent node is.
func checkRuleCase(t *testing.T, text string, nodes, absent []wantNode, rels []wantRel) {
	t.Helper()
	res, err := Page("case.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	g := res.Graph
	var have []string
	for _, n := range g.Nodes {
		if n.Label != kg.LabelArticle {
			have = append(have, string(n.Label)+":"+n.Name)
		}
	}
	for _, w := range nodes {
		if find(g, w.label, w.name) == nil {
			t.Errorf("no %s %s; have %v", w.label, w.name, have)
		}
	}
	for _, w := range absent {
		if find(g, w.label, w.name) != nil {
			t.Errorf("unwanted %s %s; have %v", w.label, w.name, have)
		}
	}
	for _, w := range rels {
		r := rel(g, w.t, find(g, w.from.label, w.from.name), find(g, w.to.label, w.to.name))
		if r == nil {
			t.Errorf("no %s %s -> %s; have %v", w.t, w.from.name, w.to.name, have)
			continue
		}
		for k, v := range w.props {
			if r.Properties[k] != v {
				t.Errorf("%s %s -> %s: %s = %v, want %v", w.t, w.from.name, w.to.name, k, r.Properties[k], v)
			}
		}
	}
}
