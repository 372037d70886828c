package extract

import (
	"testing"

	"github.com/zonegraph/zonegraph/kg"
)

// A bare 公司 with no name of its own before it is a common noun, not a firm.
func TestBareCompanyNounIsNotAFirm(t *testing.T) {
	for _, text := range []string{
		"“先在市场中立足，再做强科技实力，最后为公司找到发展模式。”这是甲乙的秘方。",
		"我们还找到了适合公司的商业模式，前景一片乐观。",
		"未来将引进10台左右的公司设备。",
	} {
		res, err := Page("bare.txt", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range res.Graph.Nodes {
			if n.Label == kg.LabelEnterprise {
				t.Errorf("%s: spurious firm %q", text, n.Name)
			}
		}
	}
}
