#!/bin/sh
# scripts/bench.sh — the performance measurements of issue 8 (make bench).
#
# 1. Builds bin/publish, writes the generated corpora (publish corpus) and
#    times full CLI builds of each: wall time and peak RSS (/usr/bin/time),
#    RUNS runs after a warm-up, medians reported and checked against the
#    budget of the novel-length book (EPUB + PDF ≤ 250 ms, ≤ 150 MiB).
# 2. Runs the Go benchmarks (go test -bench, benchstat-friendly) of every
#    stage and of the whole build, COUNT times, into $OUT/bench/go.txt.
#
# Variables: RUNS (5), COUNT (6), BENCH (the -bench regexp, "."),
# PKGS (./internal/build/ plus any package's own bench_test.go),
# QUICK=1 skips the Go benchmarks, COLD=0 skips the one build of each
# corpus into an empty output folder (minutes for the large illustrated
# book: every image is converted), OUT (out).
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
COUNT=${COUNT:-6}
BENCH=${BENCH:-.}
PKGS=${PKGS:-./internal/...}
OUT=${OUT:-out}
dir="$OUT/bench"
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -trimpath -o "$work/publish" ./cmd/publish
pub="$work/publish"

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# cli_bench KIND SIZE: RUNS timed builds into a warm output folder, RUNS
# without its print cache, plus one into an empty one (cold image cache).
cli_bench() {
	kind=$1 size=$2
	book="$work/$kind-$size/book"
	out="$work/$kind-$size/out"
	"$pub" corpus --kind "$kind" --size "$size" "$book" >"$work/corpus.txt"
	words=$(sed -n 's/.*, \([0-9]*\) words,.*/\1/p' "$work/corpus.txt")
	forms=$(sed -n 's/.*, \([0-9]*\) distinct word forms.*/\1/p' "$work/corpus.txt")
	if ! "$pub" --book "$book" --layout layout --out "$out" build >"$work/summary.txt" 2>"$work/diag.txt"; then
		cat "$work/diag.txt" >&2
		exit 1
	fi
	cold_ms=skipped
	if [ "${COLD:-1}" = 1 ]; then
		t0=$(date +%s%N)
		"$pub" --book "$book" --layout layout --out "$work/cold-$kind-$size" build >/dev/null 2>&1
		cold_ms="$(( ($(date +%s%N) - t0) / 1000000 )) ms"
	fi
	: >"$work/wall" ; : >"$work/rss"
	i=0
	while [ $i -lt "$RUNS" ]; do
		t0=$(date +%s%N)
		/usr/bin/time -o "$work/time" -f '%M' "$pub" --book "$book" --layout layout --out "$out" build >/dev/null 2>&1
		t1=$(date +%s%N)
		echo $(( (t1 - t0) / 1000000 )) >>"$work/wall"
		awk '{printf "%.1f\n", $1/1024}' "$work/time" >>"$work/rss"
		i=$((i + 1))
	done
	wall=$(median <"$work/wall")
	rss=$(median <"$work/rss")
	# The same builds without the print cache (out/.cache/print: the set
	# paragraphs and deflated streams of the last build): what a build
	# costs after a change of fonts, layout or publish version.
	: >"$work/wall-np"
	i=0
	while [ $i -lt "$RUNS" ]; do
		rm -f "$out/.cache/print"
		t0=$(date +%s%N)
		"$pub" --book "$book" --layout layout --out "$out" build >/dev/null 2>&1
		echo $(( ($(date +%s%N) - t0) / 1000000 )) >>"$work/wall-np"
		i=$((i + 1))
	done
	wall_np=$(median <"$work/wall-np")
	pages=$(sed -n 's/.*, \([0-9]*\) pages.*/\1/p' "$work/summary.txt")
	printf '%-12s %-6s %6s pages  %6s words  %5s forms  wall median %6s ms  peak RSS median %6s MiB  (without the print cache: %s ms; empty cache: %s)  runs: %s\n' \
		"$kind" "$size" "${pages:-?}" "${words:-?}" "${forms:-?}" "$wall" "$rss" "$wall_np" "$cold_ms" "$(tr '\n' ' ' <"$work/wall")" | tee -a "$dir/cli.txt"
	if [ "$kind" = novel ] && [ "$size" = large ]; then
		budget=$(awk -v w="$wall" -v r="$rss" 'BEGIN { print (w <= 250 && r <= 150) ? "within" : "OVER" }')
		echo "novel-length book: $budget the budget (≤ 250 ms wall, ≤ 150 MiB peak RSS)" | tee -a "$dir/cli.txt"
	fi
}

: >"$dir/cli.txt"
echo "== full CLI builds (EPUB + PDF), $RUNS runs each, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)" | tee -a "$dir/cli.txt"
for kind in novel illustrated; do
	for size in small large; do
		cli_bench "$kind" "$size"
	done
done

if [ "${QUICK:-0}" = 1 ]; then
	exit 0
fi
echo "== go test -bench '$BENCH' -count $COUNT (results in $dir/go.txt)"
go test -run '^$' -bench "$BENCH" -benchmem -count "$COUNT" $PKGS | tee "$dir/go.txt"
if command -v benchstat >/dev/null 2>&1; then
	benchstat "$dir/go.txt" | tee "$dir/benchstat.txt"
else
	echo "(benchstat is not installed: go install golang.org/x/perf/cmd/benchstat@latest summarises $dir/go.txt)"
fi
