package neo4jstore

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/zonegraph/zonegraph/kg"
)

// GenerateCorpus builds n deterministic pages in the seed's style, as
// graphs (no text): each page names a zone with a sub-park, a few firms
// located in it, a bank lending to one, a firm investing in and operating a
// project located in the sub-park, an executive, and the article. Zones and
// banks recur across pages, so pages share nodes as real ones do.
func GenerateCorpus(n int) []Page {
	cities := []string{"杭州", "桂林", "潍坊", "泰州", "包头", "武汉", "成都", "西安", "苏州", "合肥", "长沙", "厦门"}
	parts := []string{"华诺", "星辰", "海创", "中科", "天和", "瑞达", "博远", "金山", "云帆", "恒信", "新材", "智联"}
	trades := []string{"生物医药", "电子科技", "新材料", "智能装备", "软件技术", "稀土永磁"}
	banks := []string{"中国工商银行", "中国建设银行", "交通银行", "招商银行", "中国银行"}
	titles := []string{"董事长", "总经理", "副总经理"}
	out := make([]Page, n)
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("%03d_generated.txt", i)
		art := kg.ArticleID(name, 0)
		g := &kg.Graph{}
		off := 0
		ev := func(q string) []kg.Evidence {
			e := []kg.Evidence{{Article: art, Quote: q, Start: off, End: off + len([]rune(q))}}
			off += len([]rune(q)) + 1
			return e
		}
		node := func(l kg.Label, nm string, aliases []string, props map[string]any, q string) kg.ID {
			id := kg.NodeID(l, nm)
			if props == nil {
				props = map[string]any{}
			}
			g.Nodes = append(g.Nodes, kg.Node{ID: id, Label: l, Name: nm, Aliases: aliases, Properties: props, Evidence: ev(q)})
			return id
		}
		rel := func(t kg.RelType, from, to kg.ID, props map[string]any, q string) {
			if props == nil {
				props = map[string]any{}
			}
			g.Relations = append(g.Relations, kg.Relation{ID: kg.RelationID(t, from, to), Type: t, From: from, To: to, Properties: props, Evidence: ev(q)})
		}
		city := cities[i%len(cities)]
		zoneName := city + "高新区"
		zone := node(kg.LabelZone, zoneName, []string{city + "高新技术产业开发区"}, map[string]any{kg.PropKind: "national_hitech_zone", kg.PropCity: city + "市"}, "近日，"+zoneName+"召开大会")
		park := node(kg.LabelZone, fmt.Sprintf("%s%s产业园", city, trades[i%len(trades)]), nil, map[string]any{kg.PropKind: "industrial_park"}, "产业园是高新区重要板块")
		rel(kg.RelPartOf, park, zone, nil, "产业园隶属"+zoneName)
		article := kg.Node{ID: art, Label: kg.LabelArticle, Name: fmt.Sprintf("%s推动高质量发展（%d）", zoneName, i),
			Properties: map[string]any{kg.PropTitle: zoneName + "推动高质量发展", kg.PropDocument: name, kg.PropAuthors: []string{"王亚东"}}, Evidence: ev("标题")}
		g.Nodes = append(g.Nodes, article)
		var firms []kg.ID
		for j := 0; j < 4; j++ {
			fn := fmt.Sprintf("%s%s%s有限公司", city, parts[(i*7+j*3)%len(parts)], trades[(i+j)%len(trades)])
			if j == 0 {
				fn = fmt.Sprintf("%s%s%s股份有限公司%d", city, parts[(i+j)%len(parts)], trades[j%len(trades)], i)
			}
			f := node(kg.LabelEnterprise, fn, []string{parts[(i*7+j*3)%len(parts)]}, map[string]any{kg.PropListed: j == 0}, fn+"落户"+zoneName)
			rel(kg.RelLocatedIn, f, zone, nil, fn+"落户"+zoneName)
			rel(kg.RelMentionedIn, f, art, map[string]any{kg.PropCount: int64(1 + j)}, fn)
			firms = append(firms, f)
		}
		bank := node(kg.LabelEnterprise, banks[i%len(banks)]+city+"分行", nil, map[string]any{kg.PropListed: true}, "银行支持企业发展")
		rel(kg.RelLendsTo, bank, firms[0], map[string]any{kg.PropAmountCNY: int64(10000000 * (1 + i%9)), kg.PropInstrument: "知识产权质押"}, "以知识产权质押方式获得贷款")
		proj := node(kg.LabelProject, fmt.Sprintf("%s%s基地项目%d", city, trades[i%len(trades)], i), nil,
			map[string]any{kg.PropInvestmentCNY: int64(100000000 * (1 + i%5)), kg.PropQualifier: "约"}, "项目总投资约数亿元")
		rel(kg.RelInvestsIn, firms[0], proj, map[string]any{kg.PropAmountCNY: int64(100000000 * (1 + i%5)), kg.PropRole: "投资"}, "公司投资建设项目")
		rel(kg.RelOperates, firms[0], proj, nil, "项目由公司运营")
		rel(kg.RelLocatedIn, proj, park, nil, "项目落户产业园")
		person := node(kg.LabelPerson, fmt.Sprintf("李%s%d", parts[i%len(parts)], i), nil, nil, "董事长表示")
		rel(kg.RelHoldsPosition, person, firms[0], map[string]any{kg.PropTitle: titles[i%len(titles)]}, "董事长表示")
		rel(kg.RelPartnersWith, firms[1], firms[2], map[string]any{kg.PropAgreement: "战略合作协议"}, "双方签署战略合作协议")
		sum := sha256.Sum256([]byte(name))
		out[i].Doc = kg.Document{ID: kg.DocumentID(name), Name: name, SHA256: hex.EncodeToString(sum[:]), Runes: off}
		out[i].Graph = g
	}
	return out
}
