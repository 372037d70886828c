# Web assets: the GraphQL IDE and the graph viewer (web/), bundled by esbuild
# into web/dist and embedded into the server with go:embed (package web).
#
#   make web        npm ci (only when package-lock.json changed) + build
#   make test-web   the browser tests (installs Debian's chromium if missing)

.PHONY: web web-clean test-web ensure-chromium

web: web/node_modules/.ci-stamp
	cd web && npm run build

web/node_modules/.ci-stamp: web/package-lock.json web/package.json
	cd web && npm ci --no-audit --no-fund
	touch $@

web-clean:
	find web/dist -mindepth 1 ! -name .keep -exec rm -rf {} +

ensure-chromium:
	bash scripts/ensure-chromium.sh

# Headless Debian chromium driven by chromedp. With CI=true a missing browser
# or an unbuilt web/dist fails instead of skipping.
test-web: ensure-chromium web
	$(GO) test ./web/... -count=1
