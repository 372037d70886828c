package main

import (
	"io"

	"github.com/zonegraph/zonegraph/eval"
	"github.com/zonegraph/zonegraph/kg"
)

// score prints precision, recall and F1 of g against the gold annotation.
func score(goldPath string, g *kg.Graph, w io.Writer) error {
	gold, err := eval.LoadGold(goldPath)
	if err != nil {
		return err
	}
	eval.Score(gold, g).Format(w)
	return nil
}
