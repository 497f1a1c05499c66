# The entry points of the repository. Each target says what it does; nothing else is needed.
#   make build   package the provider: provider/target/pulumi-resource-hubspoke.jar
#   make dist    the plugin tarball(s) for `pulumi plugin install resource hubspoke`
#   make bench   print start-up and Construct figures of the packaged provider

.PHONY: build dist bench

MVN ?= mvn -q -B
VERSION := $(shell sed -n 's:^  <version>\(.*\)</version>:\1:p' provider/pom.xml)
JAR := provider/target/pulumi-resource-hubspoke.jar
LAUNCHER := provider/launcher/pulumi-resource-hubspoke
# Pulumi's platform names: linux or darwin, amd64 or arm64. The jar runs anywhere, so the
# tarballs differ only in name: `make dist PLATFORMS="linux-amd64 darwin-arm64"` makes several.
OS := $(shell uname -s | tr '[:upper:]' '[:lower:]')
ARCH := $(shell uname -m | sed -e 's/^x86_64$$/amd64/' -e 's/^aarch64$$/arm64/')
PLATFORMS ?= $(OS)-$(ARCH)

build:
	cd provider && $(MVN) -DskipTests package

# The launcher (executable) and the jar at the root of the tarball, as the engine expects.
dist: build
	@echo "dist: v$(VERSION) for $(PLATFORMS)"
	rm -rf dist/stage && mkdir -p dist/stage
	install -m 0755 $(LAUNCHER) dist/stage/pulumi-resource-hubspoke
	install -m 0644 $(JAR) dist/stage/pulumi-resource-hubspoke.jar
	tar -C dist/stage -czf dist/stage.tar.gz pulumi-resource-hubspoke pulumi-resource-hubspoke.jar
	for platform in $(PLATFORMS); do \
	  cp dist/stage.tar.gz dist/pulumi-resource-hubspoke-v$(VERSION)-$$platform.tar.gz; \
	done
	rm -rf dist/stage dist/stage.tar.gz
	@ls -l dist/*.tar.gz

bench: build
	cd provider && $(MVN) exec:java@bench
