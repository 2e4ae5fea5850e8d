# publish: build the sample book (make), run the tests (make test).
# Variables: BOOK, LAYOUT, OUT select the folders; PUBLISH_FLAGS adds flags.

BOOK    ?= book
LAYOUT  ?= layout
OUT     ?= out
GO      ?= go
PUBLISH := bin/publish
PDFCPU  := bin/pdfcpu
ACE     := .tools/node_modules/.bin/ace-puppeteer
EPUBCHECK_JAR ?= /usr/share/java/epubcheck.jar

GO_SOURCES   := $(shell find cmd internal fonts layout -name '*.go' 2>/dev/null) go.mod go.sum
BOOK_SOURCES := $(shell find $(BOOK) $(LAYOUT) fonts images -type f ! -name '*.go' 2>/dev/null)

.PHONY: all outputs epub pdf test check check-epub check-pdf bench fuzz clean tools

all: $(PUBLISH)
	@$(MAKE) --no-print-directory outputs SLUG="$$($(PUBLISH) --book $(BOOK) slug)"

# The outputs depend on the binary and on every file of the book, layout,
# fonts and images: an unchanged book is a no-op.
outputs: $(OUT)/$(SLUG).epub $(OUT)/$(SLUG).pdf

$(OUT)/$(SLUG).epub $(OUT)/$(SLUG).pdf &: $(PUBLISH) $(BOOK_SOURCES)
	$(PUBLISH) --book $(BOOK) --layout $(LAYOUT) --out $(OUT) build $(PUBLISH_FLAGS)

$(PUBLISH): $(GO_SOURCES)
	@mkdir -p bin
	$(GO) build -trimpath -o $@ ./cmd/publish

epub: $(PUBLISH)
	$(PUBLISH) --book $(BOOK) --layout $(LAYOUT) --out $(OUT) build --format epub $(PUBLISH_FLAGS)

pdf: $(PUBLISH)
	$(PUBLISH) --book $(BOOK) --layout $(LAYOUT) --out $(OUT) build --format pdf $(PUBLISH_FLAGS)

test:
	@test -z "$$(gofmt -l cmd internal fonts layout)" || { echo "gofmt needed:"; gofmt -l cmd internal fonts layout; exit 1; }
	$(GO) vet ./...
	$(GO) test ./...

# The real validators on the outputs of the sample book.
check: all check-epub check-pdf

check-epub: all
	@slug=$$($(PUBLISH) --book $(BOOK) slug); ./scripts/check-epub.sh $(OUT)/$$slug.epub

check-pdf: all $(PDFCPU)
	@slug=$$($(PUBLISH) --book $(BOOK) slug); pdf=$(OUT)/$$slug.pdf; \
	echo "== pdffonts"; pdffonts $$pdf || exit 1; \
	echo "== pdfinfo -box"; pdfinfo -box $$pdf | head -30 || exit 1; \
	echo "== pdfimages -list"; pdfimages -list $$pdf || exit 1; \
	echo "== pdfcpu validate"; $(PDFCPU) validate -m strict $$pdf || exit 1

# pdfcpu's command line, at the same pinned version as the library.
$(PDFCPU):
	@mkdir -p bin
	GOBIN=$(CURDIR)/bin $(GO) install github.com/pdfcpu/pdfcpu/cmd/pdfcpu@v0.14.0

# DAISY Ace, from npm, without downloading a browser (it uses Debian's chromium).
tools: $(ACE)
$(ACE):
	mkdir -p .tools
	cd .tools && PUPPETEER_SKIP_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error @daisy/ace@1.4.6

bench:
	./scripts/bench.sh

fuzz:
	./scripts/fuzz.sh

clean:
	rm -rf $(OUT) bin
