#!/usr/bin/env bash
# extract_ab.sh: extraction CPU of a base revision against the working tree,
# measured in one process so that both see the same machine load.
#
#   scripts/extract_ab.sh [BASE_REV] [PASSES]    (default: main, 8 passes)
#
# It copies BASE_REV's extract and kg packages into _extractab/ (ignored by
# ./... patterns; removed on exit), builds a runner importing both
# extractors, and extracts bench/gen's 300 generated pages (zgbench's
# extraction corpus) page by page, alternating which extractor goes first.
# Per pass it prints both CPU seconds (getrusage, the whole process) and
# their ratio; the summary gives the median ratio and its quartiles. Set
# GOMAXPROCS=1 GOGC=off to compare the work alone: with the collector on,
# both extractors share one heap, so its cost is smeared over both.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-main}
passes=${2:-8}
dir=_extractab
rm -rf "$dir"
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/extractbase" "$dir/kgbase" "$dir/abrun"
for f in $(git ls-tree -r --name-only "$base" extract/ kg/); do
	case "$f" in
	*_test.go) ;;
	extract/testdata/*) ;;
	extract/*) mkdir -p "$dir/extractbase/$(dirname "${f#extract/}")"; git show "$base:$f" >"$dir/extractbase/${f#extract/}" ;;
	kg/*.go) git show "$base:$f" >"$dir/kgbase/${f#kg/}" ;;
	esac
done
sed -i 's#"github.com/zonegraph/zonegraph/kg"#kg "github.com/zonegraph/zonegraph/_extractab/kgbase"#' "$dir"/extractbase/*.go
cat >"$dir/abrun/main.go" <<'GO'
// Command abrun is extract_ab.sh's runner (generated; see the script).
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"syscall"
	"unicode/utf8"

	extractbase "github.com/zonegraph/zonegraph/_extractab/extractbase"
	"github.com/zonegraph/zonegraph/bench/gen"
	"github.com/zonegraph/zonegraph/extract"
)

func cpu() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

func main() {
	var ps []gen.Page
	runes := 0
	gen.TextCorpus(gen.TextConfig{Seed: 1, Pages: 300}, func(p gen.Page) error { ps = append(ps, p); runes += utf8.RuneCountInString(p.Text); return nil })
	contents := make([][]byte, len(ps))
	for i, p := range ps {
		contents[i] = []byte(p.Text)
	}
	extractbase.Warm()
	extract.Warm()
	runtime.GC()
	passes := 20
	fmt.Sscan(os.Getenv("PASSES"), &passes)
	if os.Getenv("PERPAGE") != "0" {
		// page by page, alternating which extractor goes first: both see
		// the same load within milliseconds
		var b, n, r []float64
		for i := 0; i < passes; i++ {
			var cb, cn float64
			for j, p := range ps {
				if (i+j)%2 == 0 {
					c0 := cpu()
					extractbase.Page(p.Name, contents[j])
					c1 := cpu()
					extract.Page(p.Name, contents[j])
					cb, cn = cb+c1-c0, cn+cpu()-c1
				} else {
					c0 := cpu()
					extract.Page(p.Name, contents[j])
					c1 := cpu()
					extractbase.Page(p.Name, contents[j])
					cn, cb = cn+c1-c0, cb+cpu()-c1
				}
			}
			b, n, r = append(b, cb), append(n, cn), append(r, cb/cn)
			fmt.Printf("pass %2d (pages interleaved): base %.3f s new %.3f s CPU  ratio %.3f\n", i+1, cb, cn, cb/cn)
		}
		report(runes, b, n, r)
		return
	}
	var b, n, r []float64
	for i := 0; i < passes; i++ {
		run := func(newer bool) float64 {
			c0 := cpu()
			for j, p := range ps {
				if newer {
					extract.Page(p.Name, contents[j])
				} else {
					extractbase.Page(p.Name, contents[j])
				}
			}
			return cpu() - c0
		}
		var cb, cn float64
		if i%2 == 0 { // alternate which goes first
			cb, cn = run(false), run(true)
		} else {
			cn, cb = run(true), run(false)
		}
		b, n, r = append(b, cb), append(n, cn), append(r, cb/cn)
		fmt.Printf("pass %2d: base %.3f s new %.3f s CPU  ratio %.3f\n", i+1, cb, cn, cb/cn)
	}
	report(runes, b, n, r)
}

func report(runes int, b, n, r []float64) {
	med := func(x []float64) float64 { y := append([]float64(nil), x...); sort.Float64s(y); return y[len(y)/2] }
	q := func(x []float64, p float64) float64 { y := append([]float64(nil), x...); sort.Float64s(y); return y[int(p*float64(len(y)-1))] }
	fmt.Printf("CPU per pass (%d chars, GOMAXPROCS %d): base median %.3f s, new median %.3f s\n", runes, runtime.GOMAXPROCS(0), med(b), med(n))
	fmt.Printf("ratio base/new per adjacent pair: median %.3f, quartiles %.3f-%.3f, min %.3f, max %.3f\n", med(r), q(r, .25), q(r, .75), q(r, 0), q(r, 1))
	fmt.Printf("chars per CPU second: base %.0f, new %.0f\n", float64(runes)/med(b), float64(runes)/med(n))
}
GO
PERPAGE=${PERPAGE-1} PASSES=$passes go run "./$dir/abrun"
