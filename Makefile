# The entry points of the repository; README, .ci/run and developers use only these.
#   make build      set-up: fetch the Maven dependencies, build provider/target/pulumi-resource-hubspoke.jar
#   make demo       the main job: `pulumi up` of examples/yaml-blueprint against the stand-in aws plugin
#                   (offline, NOT AWS), prints the outputs and the resource tree, then destroys it;
#                   uses an installed pulumi (v3.274.1 or newer) when there is one, else builds it
#   make plan       the address plan and resource tree of examples/seed.yaml, without the engine
#   make verify     STACK=export.json: trace the routing of a `pulumi stack export` (PASS/FAIL per check)
#   make diagram    STACK=export.json [OUT=dir]: draw it (SVG, PNG and Graphviz DOT; no Graphviz needed)
#   make test       every test: unit, schema, component (mocks), plan, wire (real process over gRPC),
#                   SDKs, docs, and the engine end-to-end suite (tests/e2e)
#   make dist       the plugin tarball(s) for `pulumi plugin install resource hubspoke`
#                   (PLUGIN_DOWNLOAD_URL=URL: where you serve them; `make dist sdks PLUGIN_DOWNLOAD_URL=URL`
#                   puts it in the plugin's schema and the SDKs, so the engine installs the plugin itself)
#   make bench      the last release and this build side by side (download, start, Construct, exit; Java 17
#                   AppCDS and Java 25 AOT), then start-up, Construct and concurrency figures (prints, asserts nothing)
#   make bench-engine  preview/up medians under the real engine and the stand-in aws plugin: the blueprint, examples/python
#                   and bench/inline (the same resources with pulumi_aws only), by spoke count (prints, asserts nothing)
#   make docs       regenerate docs/reference.md (the component reference) from schema.json
#   make sdks       regenerate sdk/<language> from schema.json (needs the toolchain; builds it if missing)
#   make toolchain  build the pulumi CLI and language hosts from the Go module proxy (cached, see tools/)
#   make clean      remove build output

.PHONY: build demo plan verify diagram test test-tools test-provider test-sdks test-standin test-e2e dist bench bench-engine docs docs-check sdks toolchain clean

MVN ?= mvn -q -B
VERSION := $(shell sed -n 's:^  <version>\(.*\)</version>:\1:p' provider/pom.xml)
JAR := provider/target/pulumi-resource-hubspoke.jar
LAUNCHER := provider/launcher/pulumi-resource-hubspoke
# Pulumi's platform names: linux or darwin, amd64 or arm64. The jar runs anywhere, so the
# tarballs differ only in name: `make dist PLATFORMS="linux-amd64 darwin-arm64"` makes several.
OS := $(shell uname -s | tr '[:upper:]' '[:lower:]')
ARCH := $(shell uname -m | sed -e 's/^x86_64$$/amd64/' -e 's/^aarch64$$/arm64/')
PLATFORMS ?= $(OS)-$(ARCH)
# Extra flags for the benchmark, e.g. BENCH_FLAGS="-Dbench.runs=5 -Dbench.warm=5".
BENCH_FLAGS ?=

build:
	@echo "build: provider jar (Maven fetches its dependencies on the first run)"
	cd provider && $(MVN) -DskipTests package
	@ls -l $(JAR)

demo: dist
	tools/demo.sh

plan: build
	@echo "plan: the seed network (no engine, no cloud: the components run against an in-process stand-in)"
	@java -jar $(JAR) plan examples/seed.yaml

# Prove the routing of a deployed network from its state: make verify STACK=export.json
# (the output of `pulumi stack export`; VERIFY_FLAGS="--json" or "--no-firewall" pass through).
verify: build
	@test -n "$(STACK)" || { echo "verify: name the stack export: make verify STACK=export.json" >&2; exit 2; }
	@java -jar $(JAR) verify $(STACK) $(VERIFY_FLAGS)

# Draw it: make diagram STACK=export.json OUT=dir writes network.svg, .png and .dot.
diagram: build
	@test -n "$(STACK)" || { echo "diagram: name the stack export: make diagram STACK=export.json OUT=dir" >&2; exit 2; }
	@java -jar $(JAR) diagram $(STACK) --out $(or $(OUT),provider/target/diagram)

# `mvn verify`: surefire runs the unit, schema, component and plan tests, then the jar is
# packaged and failsafe runs the wire tests (*WireIT) against it.
test: docs-check test-tools test-standin test-sdks test-provider test-e2e

# tools/toolchain.sh's choice between an installed Pulumi and the pinned build (made-up
# installations on PATH, an empty cache: builds nothing).
test-tools: toolchain
	@echo "test: tools/toolchain-test.sh (which Pulumi the demo uses)"
	tools/toolchain-test.sh

# The stand-in `aws` plugin (NOT AWS) for offline engine runs: unit tests, and a smoke run of a
# YAML program under the real pulumi CLI (needs the toolchain; builds it if missing).
test-standin: toolchain
	@echo "test: stand-in aws plugin (go test ./... in tests/standin-aws)"
	cd tests/standin-aws && go test -count=1 ./...

test-provider:
	@echo "test: mvn verify (unit, schema, component, plan, then wire tests against the packaged launcher)"
	cd provider && mvn -B --no-transfer-progress verify -Daot.java.home="$(AOT_JAVA_HOME)"

# sdk/ must be what schema.json generates; then each SDK is built and used (python, nodejs, go,
# java; dotnet is checked statically: no .NET SDK here). The first run on a machine builds the
# Pulumi toolchain from the Go module proxy (about 15 minutes on 2 cores, cached afterwards).
test-sdks:
	@echo "test: sdk/ is fresh (tools/sdks.sh --check), then every SDK builds (tools/sdk-check.sh)"
	tools/sdks.sh --check
	tools/sdk-check.sh

# The examples under the real pulumi CLI: hubspoke installed from the `make dist` tarball, AWS
# played by the stand-in plugin (NOT AWS). YAML, Python, TypeScript, Go and Java; C# is checked
# statically (no .NET SDK here). HUBSPOKE_E2E_LANGUAGES=yaml,java narrows the language list.
# The whole output is kept in tests/e2e/test-output/e2e.log; a failing test's own lines are
# printed again at the end.
test-e2e: toolchain dist
	@echo "test: engine end-to-end (tests/e2e; go test prints each pulumi command with its time)"
	tools/python-with-yaml.sh tests/e2e/check-csharp-example.py --self-test
	tools/python-with-yaml.sh tests/e2e/check-csharp-example.py
	cd tests/e2e && ../../tools/go-test.sh test-output/e2e.log -count=1 -v -timeout 40m ./...

sdks:
	PLUGIN_DOWNLOAD_URL='$(PLUGIN_DOWNLOAD_URL)' tools/sdks.sh

docs:
	python3 tools/schema-reference.py

docs-check:
	python3 tools/schema-reference.py --check

# The launcher (executable) and the jar at the root of the tarball, as the engine expects.
dist: build
	@echo "dist: v$(VERSION) for $(PLATFORMS)"
	@# Tarballs of other versions go: the e2e suite installs the one tarball dist/ holds.
	rm -rf dist/stage dist/pulumi-resource-hubspoke-v*.tar.gz && mkdir -p dist/stage
	install -m 0755 $(LAUNCHER) dist/stage/pulumi-resource-hubspoke
	install -m 0644 $(JAR) dist/stage/pulumi-resource-hubspoke.jar
	$(if $(PLUGIN_DOWNLOAD_URL),python3 tools/set-download-url.py dist/stage/pulumi-resource-hubspoke.jar '$(PLUGIN_DOWNLOAD_URL)')
	@# The jar's entries are stored, not deflated (provider/pom.xml): gzip -9 compresses it as a whole.
	tar -C dist/stage -cf - pulumi-resource-hubspoke pulumi-resource-hubspoke.jar | gzip -9 -n >dist/stage.tar.gz
	for platform in $(PLATFORMS); do \
	  cp dist/stage.tar.gz dist/pulumi-resource-hubspoke-v$(VERSION)-$$platform.tar.gz; \
	done
	rm -rf dist/stage dist/stage.tar.gz
	@ls -l dist/*.tar.gz

# The baseline of `make bench`: the plugin of the last release, as tests/e2e/upgrade_test.go builds
# and caches it (run that test once to make it).
BASELINE_COMMIT := 5f6e6d92600c651153f7bf77b28b0b879fd6299f
BASELINE_TARBALL ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/hubspoke/released/$(BASELINE_COMMIT)/pulumi-resource-hubspoke-v0.1.0.tar.gz
# A Java 25 or newer for the launcher's AOT cache figures (left out when there is none).
AOT_JAVA_HOME ?= $(firstword $(wildcard /usr/lib/jvm/*-25-* /usr/lib/jvm/*-2[6-9]-*))

bench: dist
	@test -f "$(BASELINE_TARBALL)" || { echo "bench: no baseline plugin at $(BASELINE_TARBALL): run the upgrade test once (cd tests/e2e && go test -run TestUpgrade), or set BASELINE_TARBALL" >&2; exit 2; }
	cd provider && $(MVN) exec:java@bench-release -Dbench.baseline="$(BASELINE_TARBALL)" -Dbench.baselineLabel="0.1.0 @$(shell echo $(BASELINE_COMMIT) | cut -c1-7)" \
	  -Dbench.tarball="$(CURDIR)/dist/pulumi-resource-hubspoke-v$(VERSION)-$(firstword $(PLATFORMS)).tar.gz" \
	  -Dbench.aotJavaHome="$(AOT_JAVA_HOME)" $(BENCH_FLAGS)
	cd provider && $(MVN) exec:java@bench $(BENCH_FLAGS)

# BENCH_SPOKES="2 10 25 50", BENCH_RUNS=3 (after one warm-up) and BENCH_PARTS="example growth"
# (the defaults) choose the runs.
bench-engine: toolchain dist
	cd tests/e2e && go test -count=1 -tags bench -run '^TestEngineBenchmark$$' -v -timeout 180m .

toolchain:
	tools/toolchain.sh

clean:
	rm -rf provider/target dist
