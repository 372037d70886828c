# Extractor targets (include from the Makefile: include mk/extract.mk).
.PHONY: extract-test extract-bench fuzz-extract extract-score extract-heldout

extract-test:
	go test ./extract ./eval

extract-bench:
	go test ./extract -run '^$$' -bench BenchmarkPage -benchmem

fuzz-extract:
	go test ./extract -run '^$$' -fuzz FuzzPage -fuzztime 20s -parallel 1

# Writes the seed dump and scores it with the Go port of the scorer.
extract-score:
	go test ./extract -run TestDumpSeed -dump $(CURDIR)/seed.dump.json
	go test ./eval -run TestSeedFloors -v | grep -E 'entity_f1|ALL'

# Scores every held-out page on its own and prints the per-page table.
extract-heldout:
	go test ./extract -run 'TestHeldout' -v -count=1 | grep -E 'page|micro|^ +[a-z_]+ +[0-9]|FAIL|ok'
