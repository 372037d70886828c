# Reliability proofs (issue #8): reliability/ runs the real loader and server
# binaries against hostile pages, a SIGKILL mid-load, a Neo4j outage under
# load, and a load test. The quick versions run in `make test`; the long ones:
#
#   make reliability        hostile 7.5 MB pages, 3 kills in a 120-page load,
#                           30 s proxy cut + real Neo4j restart, 60 s load test
#   make reliability-quick  the quick versions only (as in make test)
#
# Figures land in tmp/reliability/*.json (see docs/RELIABILITY.md).

.PHONY: reliability reliability-quick

reliability:
	bash reliability/run.sh

reliability-quick:
	$(GO) test -p 1 -count=1 -v ./reliability
