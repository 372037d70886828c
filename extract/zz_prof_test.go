package extract

import (
	"bytes"
	"os"
	"testing"
	"time"
)

func TestProfHostile(t *testing.T) {
	Warm()
	kind := os.Getenv("KIND")
	n := 200 << 10
	var data []byte
	switch kind {
	case "lines":
		data = bytes.Repeat([]byte("有\n"), n/4)
	case "oneline":
		data = bytes.Repeat([]byte("杭州高新区某某科技有限公司投资1亿元建设项目，"), n/66)
	}
	st := time.Now()
	res, err := Page("x.txt", data)
	t.Logf("%s %d bytes: %v err=%v", kind, len(data), time.Since(st), err)
	if res != nil {
		t.Logf("nodes %d rels %d", len(res.Graph.Nodes), len(res.Graph.Relations))
	}
}
