#!/bin/sh
# check-epub.sh FILE.epub — run W3C EPUBCheck and DAISY Ace on an EPUB and
# fail unless EPUBCheck reports 0 fatals / 0 errors / 0 warnings and Ace
# reports no violation. A missing tool is reported loudly and is an error
# when CI=true.
set -u
epub=${1:?usage: scripts/check-epub.sh FILE.epub}
root=$(cd "$(dirname "$0")/.." && pwd)
jar=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}
# .bin/ace starts the Electron runner, installed without its binary: use
# the puppeteer runner with Debian's chromium.
ace=${ACE:-$root/.tools/node_modules/.bin/ace-puppeteer}
export PUPPETEER_EXECUTABLE_PATH=${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium}
status=0

missing() {
	echo "$1 NOT RUN: $2" >&2
	[ "${CI:-}" != "true" ] || status=1
}

echo "== EPUBCheck"
if command -v java >/dev/null 2>&1 && [ -f "$jar" ]; then
	out=$(java -jar "$jar" "$epub" 2>&1)
	echo "$out" | grep -E '^(ERROR|FATAL|WARNING|USAGE)' || true
	summary=$(echo "$out" | grep -E 'Messages: [0-9]+ fatals')
	echo "$summary"
	case "$summary" in
	*"0 fatals / 0 errors / 0 warnings"*) ;;
	*) status=1 ;;
	esac
else
	missing EPUBCheck "java or $jar missing"
fi

echo "== DAISY Ace"
if [ -x "$ace" ] && [ -x "$PUPPETEER_EXECUTABLE_PATH" ]; then
	report=$(mktemp -d)
	if "$ace" -s -f -o "$report" "$epub" >/dev/null 2>&1; then
		node -e '
const r = require(process.argv[1]);
const bad = [];
for (const doc of r.assertions || [])
  for (const a of doc.assertions || [])
    if (a["earl:result"]["earl:outcome"] !== "pass")
      bad.push(`${doc["earl:testSubject"].url}: ${a["earl:test"]["dct:title"]} (${a["earl:test"]["earl:impact"]}): ${a["earl:result"]["dct:description"]}`);
console.log(`Ace: ${(r.assertions || []).length} documents checked, ${bad.length} violations`);
bad.forEach(b => console.log(" - " + b));
process.exit(bad.length ? 1 : 0);' "$report/report.json" || status=1
	else
		echo "Ace failed to run" >&2
		status=1
	fi
	rm -rf "$report"
else
	missing "DAISY Ace" "$ace or $PUPPETEER_EXECUTABLE_PATH missing (make tools)"
fi
exit $status
