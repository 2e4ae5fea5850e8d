#!/bin/sh
# Runs every Go fuzz target of the project, one after the other, each for
# FUZZTIME (default 60s), and prints the executions each one made.
#
#   scripts/fuzz.sh                     every target, 60 s each
#   FUZZTIME=10m scripts/fuzz.sh        longer
#   FUZZTIME=10s scripts/fuzz.sh rawhtml manuscript   only these packages
#
# A failing input is written by go test into the package's
# testdata/fuzz/<Target>/ folder: commit it as a regression seed once the
# bug is fixed. FUZZPARALLEL sets the number of fuzzing workers (default:
# all cores). The script stops at the first target that fails.
set -eu
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-60s}
PARALLEL=${FUZZPARALLEL:+-parallel $FUZZPARALLEL}
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT

# Every "func FuzzX(" in a test file of internal/, as "package target".
targets=$(grep -l '^func Fuzz[A-Za-z0-9_]*(f \*testing.F)' internal/*/*_test.go | while read -r file; do
	pkg=$(dirname "$file")
	sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(f \*testing.F).*/\1/p' "$file" | while read -r t; do echo "$pkg $t"; done
done | sort)

echo "$targets" | while read -r pkg target; do
	[ -n "$pkg" ] || continue
	if [ $# -gt 0 ]; then
		keep=no
		for want in "$@"; do [ "internal/$want" = "$pkg" ] && keep=yes; done
		[ $keep = yes ] || continue
	fi
	printf '%-24s %-16s ' "$pkg" "$target"
	# Go 1.26's fuzzing coordinator can report "context deadline exceeded"
	# as the target's failure when -fuzztime runs out while a worker is
	# busy (go.dev/issue/75804, fixed in Go 1.27): no input failed, none is
	# written. Such a run is done once more; any other failure, or the same
	# one twice, fails.
	for try in 1 2; do
		# shellcheck disable=SC2086
		if go test "./$pkg" -run '^$' -fuzz "^$target\$" -fuzztime "$FUZZTIME" $PARALLEL >"$LOG" 2>&1; then
			status=ok
			break
		fi
		status=fail
		if [ $try = 1 ] && grep -q 'context deadline exceeded' "$LOG" &&
			! grep -q -e 'Failing input written' -e 'panic:' -e '_test\.go:[0-9]' "$LOG"; then
			printf 'deadline of the fuzzing coordinator (go.dev/issue/75804), no failing input: again\n%-24s %-16s ' "$pkg" "$target"
			continue
		fi
		break
	done
	execs=$(sed -n 's/.*execs: \([0-9]*\).*/\1/p' "$LOG" | tail -1)
	if [ $status = ok ]; then
		if [ -n "$execs" ]; then
			echo "ok   $execs executions"
		else # the fuzzer printed no count: its time went to running the seed corpus
			echo "ok   (seed corpus only: raise FUZZTIME)"
		fi
	else
		echo "FAIL after ${execs:-?} executions"
		grep -v '^fuzz: elapsed' "$LOG" | head -40
		exit 1
	fi
done
