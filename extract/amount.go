package extract

import (
	"math"
	"strconv"
	"strings"
)

// amount is a sum of money found in a sentence, in yuan.
type amount struct {
	start, end int
	yuan       int64
	qualifier  string // 约, 超, 左右, 以上 ...
}

var unitScale = []struct {
	unit  string
	scale float64
}{
	{"千亿元", 1e11}, {"万亿元", 1e12}, {"亿元", 1e8}, {"千万元", 1e7}, {"百万元", 1e6}, {"万元", 1e4}, {"元", 1},
	{"亿人民币", 1e8}, {"万人民币", 1e4},
}

// findAmounts finds amounts in yuan: 1亿元, 600万元, 4.06亿元, 约4.06亿元, 1亿元左右.
func findAmounts(n []rune) []amount {
	var out []amount
	for i := 0; i < len(n); i++ {
		if !(n[i] >= '0' && n[i] <= '9') || (i > 0 && (n[i-1] >= '0' && n[i-1] <= '9' || n[i-1] == '.')) {
			continue
		}
		j := i
		for j < len(n) && (n[j] >= '0' && n[j] <= '9' || n[j] == '.' || n[j] == ',') {
			j++
		}
		num, err := strconv.ParseFloat(strings.ReplaceAll(string(n[i:j]), ",", ""), 64)
		if err != nil {
			continue
		}
		k := j
		for k < len(n) && k < j+2 && (n[k] == '多' || n[k] == '余') {
			k++
		}
		for _, u := range unitScale {
			if !hasAt(n, k, u.unit) {
				continue
			}
			a := amount{start: i, end: k + runeLen(u.unit), yuan: int64(math.Round(num * u.scale))}
			pre := string(n[max(0, i-3):i])
			for _, q := range []string{"超过", "约", "超", "逾", "近", "达", "共计"} {
				if strings.HasSuffix(pre, q) {
					a.qualifier = q
					a.start = i - runeLen(q)
					break
				}
			}
			if k > j {
				a.qualifier = string(n[j:k])
			}
			for _, q := range []string{"左右", "以上", "余"} {
				if hasAt(n, a.end, q) {
					a.qualifier = q
					a.end += runeLen(q)
					break
				}
			}
			out = append(out, a)
			i = a.end - 1
			break
		}
	}
	return out
}
