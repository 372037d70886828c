package extract

import (
	"testing"

	"github.com/zonegraph/zonegraph/kg"
)

// TestBlindRules has one row per error class found in the blind round
// (testdata/blind): each row states the general rule with invented names.
func TestBlindRules(t *testing.T) {
	E, I, P, Z, J := kg.LabelEnterprise, kg.LabelInstitution, kg.LabelPerson, kg.LabelZone, kg.LabelProject
	_, _, _, _, _ = E, I, P, Z, J
	for _, c := range []struct {
		name   string
		text   string
		nodes  []wantNode
		absent []wantNode
		rels   []wantRel
	}{
		{"a name whose trade part is generic extends over the stop word inside it",
			"东莞甲乙学院与华为技术有限公司签订共建协议。湖南丙丁智能控制设备有限公司业绩增长。由贵阳高新区产业投资（集团）有限公司出资。",
			[]wantNode{{E, "华为技术有限公司"}, {E, "湖南丙丁智能控制设备有限公司"}, {E, "贵阳高新区产业投资（集团）有限公司"}},
			[]wantNode{{E, "技术有限公司"}, {E, "设备有限公司"}, {E, "（集团）有限公司"}},
			nil},
		{"a firm placed by a cue verb later in its clause (是较早扎根Z的企业)",
			"贵州戊己科技股份有限公司是较早扎根贵阳高新区的企业之一。",
			nil, nil,
			[]wantRel{{kg.RelLocatedIn, wantNode{E, "贵州戊己科技股份有限公司"}, wantNode{Z, "贵阳高新区"}, nil}}},
		{"超 is a quantifier only before a number (超聚变 is a name)",
			"其中，超甲数字技术有限公司计划投资40亿元。项目总投资超10亿元。",
			[]wantNode{{E, "超甲数字技术有限公司"}},
			[]wantNode{{E, "数字技术有限公司"}},
			nil},
		{"a park named after a zone stays a zone in a project context; 产业基地, 软件园, 创业中心 anchored on a zone",
			"湖南甲乙机械有限公司在长沙高新区麓谷产业基地举行新园区投产仪式。厦门火炬高新区软件园三期日前迎来项目封顶。在长沙高新区岳麓山大学科技城创业中心，企业发展很快。",
			[]wantNode{{Z, "长沙高新区麓谷产业基地"}, {Z, "厦门火炬高新区软件园三期"}, {Z, "长沙高新区岳麓山大学科技城创业中心"}},
			[]wantNode{{J, "长沙高新区麓谷产业基地"}, {I, "长沙高新区岳麓山大学科技城创业中心"}},
			[]wantRel{{kg.RelPartOf, wantNode{Z, "长沙高新区麓谷产业基地"}, wantNode{Z, "长沙高新区"}, nil},
				{kg.RelPartOf, wantNode{Z, "厦门火炬高新区软件园三期"}, wantNode{Z, "厦门火炬高新区"}, nil},
				{kg.RelLocatedIn, wantNode{E, "湖南甲乙机械有限公司"}, wantNode{Z, "长沙高新区麓谷产业基地"}, nil}}},
		{"全资子公司, a counted class (孵化产业化公司40余家) and a conjunction after 龙头企业 are not firms",
			"甲乙重科股份有限公司全资子公司湖南甲乙智能机械有限公司投产。实验室已累计孵化产业化公司40余家。基金重点投向龙头企业和初创团队。",
			[]wantNode{{E, "甲乙重科股份有限公司"}, {E, "湖南甲乙智能机械有限公司"}},
			[]wantNode{{E, "全资子公司"}, {E, "孵化产业化公司"}, {E, "和初创团队"}},
			nil},
		{"a one-rune stop word inside a segmenter word does not cut a name (数字经济); 家 cuts only after a number",
			"近日，贵阳高新区数字经济产业园迎来新一批企业进驻。芜湖高新区先后与哈尔滨工业大学机器人技术与系统国家重点实验室、安徽工程大学签订合作协议。",
			[]wantNode{{Z, "贵阳高新区数字经济产业园"}, {I, "哈尔滨工业大学机器人技术与系统国家重点实验室"}, {I, "安徽工程大学"}},
			[]wantNode{{I, "重点实验室"}},
			[]wantRel{{kg.RelPartOf, wantNode{Z, "贵阳高新区数字经济产业园"}, wantNode{Z, "贵阳高新区"}, nil}}},
		{"a university's school joined by 与 is one institution",
			"湖南大学机械与运载工程学院院长、教授韩明带领团队攻关。",
			[]wantNode{{I, "湖南大学机械与运载工程学院"}, {P, "韩明"}},
			[]wantNode{{I, "运载工程学院"}, {I, "工程学院"}},
			[]wantRel{{kg.RelHoldsPosition, wantNode{P, "韩明"}, wantNode{I, "湖南大学机械与运载工程学院"}, nil}}},
		{"该所 refers back to the last body named 研究所; its chief holds the post there",
			"在株洲高新区，甲乙电力机车研究所有限公司的生产线正满负荷运转。该所党委书记、董事长李明林说，今年企业计划投入12亿元，扩建IGBT模块生产线。",
			[]wantNode{{P, "李明林"}},
			nil,
			[]wantRel{{kg.RelHoldsPosition, wantNode{P, "李明林"}, wantNode{E, "甲乙电力机车研究所有限公司"}, map[string]any{kg.PropTitle: "党委书记、董事长"}},
				{kg.RelInvestsIn, wantNode{E, "甲乙电力机车研究所有限公司"}, wantNode{J, "IGBT模块生产线"}, map[string]any{kg.PropAmountCNY: int64(1200000000)}}}},
		{"the borrower is the firm after 向 behind the bank, or the firm before it in its clause (F获得B授信)",
			"湖南甲乙控制设备有限公司近期获得长沙银行麓谷支行2亿元综合授信；华融湘江银行长沙分行则向湖南丙丁科技股份有限公司发放知识产权质押贷款8000万元。",
			nil, nil,
			[]wantRel{{kg.RelLendsTo, wantNode{E, "长沙银行麓谷支行"}, wantNode{E, "湖南甲乙控制设备有限公司"}, map[string]any{kg.PropAmountCNY: int64(200000000)}},
				{kg.RelLendsTo, wantNode{E, "华融湘江银行长沙分行"}, wantNode{E, "湖南丙丁科技股份有限公司"}, map[string]any{kg.PropAmountCNY: int64(80000000)}}}},
		{"P由F投资建设 and 该项目…，由F自主投资建设: the firm after 由 funds the project",
			"据了解，总投资12亿元的量子甲乙测量产业园项目由丙丁量子技术有限公司投资建设。戊己网络技术股份有限公司研发总部项目封顶。该项目总投资18亿元，由戊己网络自主投资建设。",
			[]wantNode{{J, "量子甲乙测量产业园项目"}},
			nil,
			[]wantRel{{kg.RelInvestsIn, wantNode{E, "丙丁量子技术有限公司"}, wantNode{J, "量子甲乙测量产业园项目"}, map[string]any{kg.PropAmountCNY: int64(1200000000)}},
				{kg.RelInvestsIn, wantNode{E, "戊己网络技术股份有限公司"}, wantNode{J, "研发总部项目"}, map[string]any{kg.PropAmountCNY: int64(1800000000)}}}},
		{"F总投资X的P: the firm named before its investment funds the project",
			"宁波甲乙光电信息有限公司总投资25亿元的车载光学产业园项目已于近日开工。",
			nil, nil,
			[]wantRel{{kg.RelInvestsIn, wantNode{E, "宁波甲乙光电信息有限公司"}, wantNode{J, "车载光学产业园项目"}, map[string]any{kg.PropAmountCNY: int64(2500000000)}}}},
		{"an investment fund is an Enterprise; 基金规模 is not a name",
			"此外，合肥高新区与安徽省甲乙转化引导基金共同发起设立合肥高新丙丁产业基金，基金规模20亿元。",
			[]wantNode{{E, "安徽省甲乙转化引导基金"}, {E, "合肥高新丙丁产业基金"}},
			[]wantNode{{E, "产业基金"}},
			[]wantRel{{kg.RelPartnersWith, wantNode{Z, "合肥高新区"}, wantNode{E, "安徽省甲乙转化引导基金"}, nil}}},
		{"a name may start with 贵 or 本 when no measure word follows (贵州, 本源)",
			"贵州甲乙科技股份有限公司是较早扎根贵阳高新区的企业之一。本源丙丁计算科技有限公司与贵阳高新区管委会签约。本市企业发展很快。",
			[]wantNode{{E, "贵州甲乙科技股份有限公司"}, {E, "本源丙丁计算科技有限公司"}, {I, "贵阳高新区管委会"}},
			nil,
			[]wantRel{{kg.RelLocatedIn, wantNode{E, "贵州甲乙科技股份有限公司"}, wantNode{Z, "贵阳高新区"}, nil}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkRuleCase(t, c.text, c.nodes, c.absent, c.rels)
		})
	}
}
