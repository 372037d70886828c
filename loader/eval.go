package main

import (
	"fmt"
	"io"

	"github.com/zonegraph/zonegraph/kg"
)

// score prints precision, recall and F1 of g against the gold annotation.
func score(goldPath string, g *kg.Graph, w io.Writer) error {
	return fmt.Errorf("-eval: the scorer is not built yet")
}
