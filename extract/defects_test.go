package extract

import (
	"slices"
	"testing"

	"github.com/zonegraph/zonegraph/kg"
)

// TestKnownDefects is the case table of the defects found on the seed page
// (issue list of round 2): each row extracts a short text and checks one fact.
func TestKnownDefects(t *testing.T) {
	for _, c := range []struct {
		name  string
		text  string
		check func(t *testing.T, g *kg.Graph)
	}{
		{"a bank keeps its full name: no alias that is a bare place",
			"通过知识产权质押，包头甲乙科技有限公司从中国银行融资600万元贷款。",
			func(t *testing.T, g *kg.Graph) {
				n := find(g, kg.LabelEnterprise, "中国银行")
				if n == nil {
					t.Fatal("no 中国银行")
				}
				for _, a := range n.Aliases {
					if a == "中国" || len([]rune(a)) < 2 {
						t.Errorf("中国银行 has alias %q", a)
					}
				}
			}},
		{"a firm named after a province keeps no province alias",
			"浙江海正药业股份有限公司落户杭州高新区。",
			func(t *testing.T, g *kg.Graph) {
				n := find(g, kg.LabelEnterprise, "浙江海正药业股份有限公司")
				if n == nil {
					t.Fatal("no firm")
				}
				if slices.Contains(n.Aliases, "浙江") {
					t.Errorf("aliases %v hold a bare province", n.Aliases)
				}
			}},
		{"every item of an enumeration before 等…上市企业 is listed (OCR line break)",
			"如今，在杭州高新区（滨江）物联网产业园，驻扎着海康威视、吉利\n\n控股、安恒信息等 13家上市企业。吉利控股发展很快。",
			func(t *testing.T, g *kg.Graph) {
				for _, name := range []string{"海康威视", "吉利控股", "安恒信息"} {
					n := find(g, kg.LabelEnterprise, name)
					if n == nil {
						t.Fatalf("no %s", name)
					}
					if n.Properties[kg.PropListed] != true {
						t.Errorf("%s listed = %v, want true", name, n.Properties[kg.PropListed])
					}
				}
			}},
		{"a zone shows the fullest written form, keeps its gazetteer ID and answers to 滨江",
			"近日，杭州高新区（滨江）召开经济高质量发展大会。杭州高新区发布方案。",
			func(t *testing.T, g *kg.Graph) {
				n := find(g, kg.LabelZone, "滨江")
				if n == nil {
					t.Fatal("no zone answering to 滨江")
				}
				if n.Name != "杭州高新区（滨江）" {
					t.Errorf("name %q, want 杭州高新区（滨江）", n.Name)
				}
				if n.ID != kg.NodeID(kg.LabelZone, "杭州高新区") {
					t.Errorf("ID %s is not derived from the gazetteer short name", n.ID)
				}
				for _, a := range []string{"杭州高新区", "杭州高新技术产业开发区", "滨江"} {
					if !slices.Contains(n.Aliases, a) {
						t.Errorf("aliases %v lack %s", n.Aliases, a)
					}
				}
			}},
		{"display names keep the written parentheses",
			"首场服务走进蓝思精密(泰州)有限公司。在杭州高新区（滨江）物联网产业园，驻扎着甲乙威视等 13家上市企业。",
			func(t *testing.T, g *kg.Graph) {
				if n := find(g, kg.LabelEnterprise, "蓝思精密(泰州)有限公司"); n == nil || n.Name != "蓝思精密(泰州)有限公司" {
					t.Errorf("firm %v, want the half-width name as written", n)
				}
				if n := find(g, kg.LabelZone, "杭州高新区（滨江）物联网产业园"); n == nil || n.Name != "杭州高新区（滨江）物联网产业园" {
					t.Errorf("park %v, want the full-width name as written", n)
				}
			}},
		{"a firm helped by an incubator is located in it",
			"内蒙古北科交大机器人有限公司总经理虞军很惆怅。正是内蒙古留学人员创业园负责人王晓婷的工作方向。内蒙古留创园迅速为北科交大机器人匹配到了专属的高端资源。",
			func(t *testing.T, g *kg.Graph) {
				if rel(g, kg.RelLocatedIn, find(g, kg.LabelEnterprise, "北科交大机器人"), find(g, kg.LabelZone, "内蒙古留学人员创业园")) == nil {
					t.Error("no LOCATED_IN 北科交大机器人 -> 内蒙古留学人员创业园")
				}
				if find(g, kg.LabelZone, "内蒙古留创园") == nil {
					t.Error("the abbreviation 内蒙古留创园 is not an alias")
				}
			}},
		{"a bare 高新区 body takes the article's zone; the chain is kept",
			"新余高新区举行重大项目集中签约活动\n\n本报讯 近日，新余高新区举行签约活动。市委常委、统战部部长、高新区工委书记陈飞出席活动。高新区管委会主任李明致辞。",
			func(t *testing.T, g *kg.Graph) {
				r := rel(g, kg.RelHoldsPosition, find(g, kg.LabelPerson, "陈飞"), find(g, kg.LabelZone, "新余高新区"))
				if r == nil {
					t.Fatal("no 陈飞 HOLDS_POSITION 新余高新区")
				}
				if r.Properties[kg.PropTitle] != "市委常委、统战部部长、高新区工委书记" {
					t.Errorf("title %q", r.Properties[kg.PropTitle])
				}
				body := find(g, kg.LabelInstitution, "新余高新区管委会")
				if body == nil {
					t.Fatal("no institution 新余高新区管委会")
				}
				if rel(g, kg.RelHoldsPosition, find(g, kg.LabelPerson, "李明"), body) == nil {
					t.Error("no 李明 HOLDS_POSITION 新余高新区管委会")
				}
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := Page("case.txt", []byte(c.text))
			if err != nil {
				t.Fatal(err)
			}
			c.check(t, res.Graph)
		})
	}
}

// TestBareBodiesDoNotMergeAcrossZones: 高新区管委会 on pages about two zones
// are two institutions.
func TestBareBodiesDoNotMergeAcrossZones(t *testing.T) {
	r1, err := Page("a.txt", []byte("青岛高新区推进改革\n\n本报讯 近日，青岛高新区召开大会。高新区管委会主任王明表示，要优化服务。"))
	if err != nil {
		t.Fatal(err)
	}
	r2, err := Page("b.txt", []byte("西安高新区推进改革\n\n本报讯 近日，西安高新区召开大会。高新区管委会主任张亮表示，要优化服务。"))
	if err != nil {
		t.Fatal(err)
	}
	b1, b2 := find(r1.Graph, kg.LabelInstitution, "青岛高新区管委会"), find(r2.Graph, kg.LabelInstitution, "西安高新区管委会")
	if b1 == nil || b2 == nil {
		t.Fatalf("bodies not qualified with their zone: %v, %v", b1, b2)
	}
	if b1.ID == b2.ID {
		t.Error("the two 管委会 share one ID")
	}
}
