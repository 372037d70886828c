# Web assets: the GraphQL IDE and the graph viewer (web/), bundled by esbuild
# into web/dist and embedded into the server with go:embed.

.PHONY: web web-clean test-web ensure-chromium

web:
	cd web && npm ci --no-audit --no-fund && npm run build

web-clean:
	find web/dist -mindepth 1 ! -name .keep -exec rm -rf {} +

ensure-chromium:
	bash scripts/ensure-chromium.sh

# Browser tests (headless Debian chromium, driven by chromedp). With CI=true a
# missing browser or unbuilt dist fails instead of skipping.
test-web: ensure-chromium web
	$(GO) test ./web/... -count=1
