package extract

import (
	"testing"

	"github.com/zonegraph/zonegraph/kg"
)

// blind3Case is one error class found in blind round 3 (testdata/blind3),
// stated with invented names.
type blind3Case struct {
	name   string
	text   string
	nodes  []wantNode
	absent []wantNode
	rels   []wantRel
}

var blind3Cases = []blind3Case{
	{"a Latin-letter brand starts a firm's name (ABB(中国)有限公司, TCL科技…)",
		"近日，ABC(中国)有限公司与珠海高新区管委会签署战略合作协议。另据了解，XYZ科技集团股份有限公司全资子公司XYZ甲乙技术有限公司将在珠海高新区投资。",
		[]wantNode{{kg.LabelEnterprise, "ABC(中国)有限公司"}, {kg.LabelEnterprise, "XYZ科技集团股份有限公司"}, {kg.LabelEnterprise, "XYZ甲乙技术有限公司"}},
		[]wantNode{{kg.LabelEnterprise, "中国)有限公司"}, {kg.LabelEnterprise, "科技集团股份有限公司"}},
		[]wantRel{{kg.RelPartnersWith, wantNode{kg.LabelEnterprise, "ABC(中国)有限公司"}, wantNode{kg.LabelInstitution, "珠海高新区管委会"}, nil}}},
	{"的 ending a brand the segmenter knows does not cut the name (美的集团)",
		"与此同时，美的集团股份有限公司与华南理工大学签订产学研合作协议。",
		[]wantNode{{kg.LabelEnterprise, "美的集团股份有限公司"}},
		[]wantNode{{kg.LabelEnterprise, "集团股份有限公司"}},
		[]wantRel{{kg.RelPartnersWith, wantNode{kg.LabelEnterprise, "美的集团股份有限公司"}, wantNode{kg.LabelInstitution, "华南理工大学"}, nil}}},
	{"a name before 多次/团队 is a person; 相关负责人 and 党委书记 name nobody",
		"研究所所长陈其宏多次带队到企业对接需求。湖南甲乙大学机电工程学院院长、教授赵杰团队孵化了一家企业。管委会相关负责人表示。济南甲乙控股集团有限公司党委书记、董事长王晓东表示。",
		[]wantNode{{kg.LabelPerson, "陈其宏"}, {kg.LabelPerson, "赵杰"}, {kg.LabelPerson, "王晓东"}},
		[]wantNode{{kg.LabelPerson, "相关"}, {kg.LabelPerson, "党委"}},
		[]wantRel{{kg.RelHoldsPosition, wantNode{kg.LabelPerson, "赵杰"}, wantNode{kg.LabelInstitution, "湖南甲乙大学机电工程学院"}, nil}}},
	{"each item of a list of projects with its amount is a project funded by the firm after 由 (集中签约)",
		"签约的重点项目包括：甲乙光智能车载光学模组项目，总投资50亿元，由江西甲乙光学有限公司投资建设；丙丁半导体LED芯片扩产项目，总投资32亿元，由江西丙丁半导体有限公司投资建设。",
		[]wantNode{{kg.LabelProject, "甲乙光智能车载光学模组项目"}, {kg.LabelProject, "丙丁半导体LED芯片扩产项目"}},
		nil,
		[]wantRel{{kg.RelInvestsIn, wantNode{kg.LabelEnterprise, "江西甲乙光学有限公司"}, wantNode{kg.LabelProject, "甲乙光智能车载光学模组项目"}, map[string]any{"amountCNY": int64(5000000000)}},
			{kg.RelInvestsIn, wantNode{kg.LabelEnterprise, "江西丙丁半导体有限公司"}, wantNode{kg.LabelProject, "丙丁半导体LED芯片扩产项目"}, map[string]any{"amountCNY": int64(3200000000)}}}},
	{"在Z共建X places what is co-built in the zone; 联合 right before 实验室 belongs to the name",
		"双方将在兰州高新区共建甲乙大学先进材料研究院。甲乙集团股份有限公司与华南丙丁大学签订合作协议，双方将在佛山高新区共建智能制造联合实验室。",
		[]wantNode{{kg.LabelInstitution, "甲乙大学先进材料研究院"}, {kg.LabelInstitution, "智能制造联合实验室"}},
		[]wantNode{{kg.LabelInstitution, "佛山高新区共建智能制造联合实验室"}},
		[]wantRel{{kg.RelLocatedIn, wantNode{kg.LabelInstitution, "甲乙大学先进材料研究院"}, wantNode{kg.LabelZone, "兰州高新区"}, nil},
			{kg.RelLocatedIn, wantNode{kg.LabelInstitution, "智能制造联合实验室"}, wantNode{kg.LabelZone, "佛山高新区"}, nil}}},
	{"a name cut inside a bank's word (中国建设|银行…支行) or glued to 向 (向山|东…) gets its true start",
		"帮助企业获得中国建设银行济南高新支行1.5亿元贷款。济南甲乙投资有限公司向山东华光丙丁股份有限公司发放委托贷款8000万元。",
		[]wantNode{{kg.LabelEnterprise, "中国建设银行济南高新支行"}, {kg.LabelEnterprise, "山东华光丙丁股份有限公司"}},
		[]wantNode{{kg.LabelEnterprise, "银行济南高新支行"}, {kg.LabelEnterprise, "向山东华光丙丁股份有限公司"}},
		nil},
	{"a university's abbreviation ends in 大 (哈工大)",
		"哈尔滨工业大学与哈尔滨高新区共建科技园。哈工大副校长周乙林院士说。",
		[]wantNode{{kg.LabelPerson, "周乙林"}},
		nil,
		[]wantRel{{kg.RelHoldsPosition, wantNode{kg.LabelPerson, "周乙林"}, wantNode{kg.LabelInstitution, "哈尔滨工业大学"}, nil}}},
}

// TestBlind3Rules runs one row per error class of blind round 3.
func TestBlind3Rules(t *testing.T) {
	for _, c := range blind3Cases {
		t.Run(c.name, func(t *testing.T) {
			checkRuleCase(t, c.text, c.nodes, c.absent, c.rels)
		})
	}
}
