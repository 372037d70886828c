package model

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/zonegraph/zonegraph/kg"
)

func TestCNY(t *testing.T) {
	cases := []struct {
		in   any
		want CNY
		err  bool
	}{
		{int64(10000000000), 10000000000, false},
		{float64(6000000), 6000000, false},
		{json.Number("100000000"), 100000000, false},
		{"42", 42, false},
		{1.5, 0, true},
		{"1e3x", 0, true},
		{true, 0, true},
	}
	for _, tc := range cases {
		var c CNY
		err := c.UnmarshalGQL(tc.in)
		if (err != nil) != tc.err || (!tc.err && c != tc.want) {
			t.Errorf("UnmarshalGQL(%v) = %d, %v", tc.in, c, err)
		}
	}
	var b bytes.Buffer
	CNY(10000000000).MarshalGQL(&b)
	if b.String() != "10000000000" {
		t.Errorf("MarshalGQL = %s, want an integer, not 1e+10", b.String())
	}
}

func TestProps(t *testing.T) {
	p := map[string]any{"a": int64(5), "b": 7.0, "c": "x", "d": "", "e": []string{"y", "z"}, "f": []any{"u", 1}}
	if c := PropCNY(p, "a"); c == nil || *c != 5 {
		t.Errorf("int64: %v", c)
	}
	if c := PropCNY(p, "b"); c == nil || *c != 7 {
		t.Errorf("float64: %v", c)
	}
	if PropCNY(p, "c") != nil || PropCNY(p, "missing") != nil {
		t.Error("non-numbers must be nil")
	}
	if s := PropString(p, "c"); s == nil || *s != "x" {
		t.Errorf("string: %v", s)
	}
	if PropString(p, "d") != nil {
		t.Error("empty string must be nil")
	}
	if got := PropStrings(p, "f"); len(got) != 1 || got[0] != "u" {
		t.Errorf("[]any: %v", got)
	}
	if got := PropStrings(p, "missing"); got == nil || len(got) != 0 {
		t.Errorf("missing: %#v", got)
	}
}

func TestWrap(t *testing.T) {
	for _, l := range kg.AllLabels {
		w := Wrap(kg.Node{ID: "x", Label: l})
		if w == nil || w.KG().Label != l || w.KG().Aliases == nil {
			t.Errorf("%s: %#v", l, w)
		}
		_, entity := w.(Entity)
		if entity != (l != kg.LabelArticle) {
			t.Errorf("%s: entity %v", l, entity)
		}
	}
	if Wrap(kg.Node{Label: "Bogus"}) != nil {
		t.Error("unknown label must wrap to nil")
	}
}
