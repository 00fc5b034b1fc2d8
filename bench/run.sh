#!/bin/sh
# run.sh: time a shell against dash and bash, side by side, case by case.
#
# Usage: bench/run.sh [-n RUNS] [-c CASE[,CASE...]] [-N COUNT] [-l] SHELL
#
#   SHELL      the shell under test, e.g. ./gosh; split on blanks, so
#              'bash --posix' works.
#   -n RUNS    timed runs of each case on each shell (default 5); the
#              median is reported.
#   -c CASE    run only these cases (repeatable, or comma-separated).
#   -N COUNT   pass COUNT to every script case as its size N.
#   -l         list the cases and exit.
#
# Cases: startup (`SHELL -c true`, timed in batches of 20), every
# cases/NAME.sh (run as `SHELL cases/NAME.sh [COUNT]`), and rss (peak RSS of
# `SHELL -c true`, from GNU time's %M; skipped, saying so, without it).
#
# Each case first runs once on each shell, untimed: all three must exit 0
# and print the same result line, or the case is not timed (a FAIL if the
# shell under test is the odd one out, a skip if dash and bash disagree).
# Then every round runs the case once on each shell, the order rotating from
# round to round so that no shell always goes first (cache and frequency
# effects). Times come from `date +%s%N` around each run.
#
# Every run gets HOME set to an empty directory, no ENV or BASH_ENV, LC_ALL=C
# and /dev/null as stdin. Fixtures (glob, read-loop) are made once under
# ${BENCH_TMP:-${TMPDIR:-/tmp}}/gosh-bench. BENCH_DASH and BENCH_BASH
# override /usr/bin/dash and /usr/bin/bash.
#
# Exit status: 0, 1 if the shell under test failed a case, 2 on bad usage.

set -u
here=$(cd -- "$(dirname -- "$0")" && pwd) || exit 2

usage() {
	sed -n '4,/^$/s/^# \{0,1\}//p' "$0" >&2
	exit 2
}

# all_cases: startup, the script cases in name order, rss.
all_cases() {
	echo startup
	for f in "$here"/cases/*.sh; do
		[ -f "$f" ] || continue
		f=${f##*/}
		echo "${f%.sh}"
	done
	echo rss
}

runs=5
only=
count=
while getopts n:c:N:lh opt; do
	case $opt in
	n) runs=$OPTARG ;;
	c) only="$only,$OPTARG" ;;
	N) count=$OPTARG ;;
	l) all_cases && exit 0 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage
case $runs in '' | *[!0-9]* | 0*) usage ;; esac
case $count in *[!0-9]*) usage ;; esac

all=$(all_cases) # before set -f: it globs
set -f           # shell commands are split on blanks below, never globbed
sut=$1
dash=${BENCH_DASH:-/usr/bin/dash}
bash=${BENCH_BASH:-/usr/bin/bash}
for s in "$sut" "$dash" "$bash"; do
	# shellcheck disable=SC2086 # the first word is the program
	set -- $s
	command -v "$1" >/dev/null 2>&1 || {
		echo "run.sh: no such shell: $1" >&2
		exit 2
	}
done
set -- $sut
name=${1##*/}

cases=
for c in $all; do
	case ",$only," in
	,, | *",$c,"*) cases="$cases $c" ;;
	esac
done
for c in $(echo "$only" | tr ',' ' '); do
	case " $cases " in
	*" $c "*) ;;
	*) echo "run.sh: no such case: $c (see -l)" >&2 && exit 2 ;;
	esac
done

case $(date +%s%N) in
*[!0-9]* | '') echo "run.sh: needs a date(1) that knows %N" >&2 && exit 2 ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gosh-bench-run.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
mkdir "$tmp/home" || exit 2
HOME=$tmp/home
LC_ALL=C
export HOME LC_ALL
unset ENV BASH_ENV

# shell_of WHICH: the command line of shell t (under test), d or b.
shell_of() {
	case $1 in
	t) echo "$sut" ;;
	d) echo "$dash" ;;
	b) echo "$bash" ;;
	esac
}

# args_of CASE: the arguments a shell gets for CASE (before any word
# splitting: the script's path has no blanks unless the checkout has).
args_of() {
	case $1 in
	startup | rss) echo "-c true" ;;
	*) echo "$here/cases/$1.sh${count:+ $count}" ;;
	esac
}

# batch_of CASE: runs per timing. One `-c true` is too short for date(1)'s
# own cost (a fork and an exec) to vanish in.
batch_of() {
	case $1 in
	startup) echo 20 ;;
	*) echo 1 ;;
	esac
}

# check CASE: run CASE once on each shell; succeed if all three exit 0 and
# print the same thing. Otherwise say why, and return 1 if a reference shell
# is at fault (skip the case), 2 if the shell under test is (a failure).
check() {
	for w in t d b; do
		# shellcheck disable=SC2046 # split the command line on purpose
		$(shell_of $w) $(args_of "$1") >"$tmp/out.$w" 2>"$tmp/err.$w" </dev/null
		echo $? >"$tmp/status.$w"
	done
	for w in d b; do
		if [ "$(cat "$tmp/status.$w")" != 0 ]; then
			printf '%-26s skipped: %s exited %s: %s\n' "$1" "$(shell_of $w)" \
				"$(cat "$tmp/status.$w")" "$(head -c 160 "$tmp/err.$w" | tr '\n' ' ')"
			return 1
		fi
	done
	if ! cmp -s "$tmp/out.d" "$tmp/out.b"; then
		printf '%-26s skipped: dash and bash disagree (%s / %s)\n' "$1" \
			"$(head -c 60 "$tmp/out.d" | tr '\n' ' ')" "$(head -c 60 "$tmp/out.b" | tr '\n' ' ')"
		return 1
	fi
	if [ "$(cat "$tmp/status.t")" != 0 ] || ! cmp -s "$tmp/out.t" "$tmp/out.d"; then
		printf '%-26s FAIL: %s exited %s, printed "%s", want "%s"; stderr: %s\n' "$1" "$name" \
			"$(cat "$tmp/status.t")" "$(head -c 60 "$tmp/out.t" | tr '\n' ' ')" \
			"$(head -c 60 "$tmp/out.d" | tr '\n' ' ')" "$(head -c 160 "$tmp/err.t" | tr '\n' ' ')"
		return 2
	fi
}

# time_once CASE WHICH: run CASE batch_of times on shell WHICH and append
# the nanoseconds per run to $tmp/ns.WHICH.
time_once() {
	n=$(batch_of "$1")
	sh_=$(shell_of "$2")
	args=$(args_of "$1")
	k=0
	t0=$(date +%s%N)
	while [ "$k" -lt "$n" ]; do
		# shellcheck disable=SC2086
		$sh_ $args >/dev/null 2>&1 </dev/null
		k=$((k + 1))
	done
	t1=$(date +%s%N)
	echo $(((t1 - t0) / n)) >>"$tmp/ns.$2"
}

# median FILE: the median of the numbers in FILE, one per line.
median() {
	sort -n "$1" | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2
	}'
}

# row CASE UNIT T D B: print a result line; remember the ratios.
row() {
	awk -v c="$1" -v u="$2" -v t="$3" -v d="$4" -v b="$5" 'BEGIN {
		printf "%-26s %10.4g %10.4g %10.4g %9.2f %9.2f\n", c " (" u ")", t, d, b, t / d, t / b
	}'
	[ "$2" = ms ] && echo "$3 $4 $5" >>"$tmp/ratios"
}

# rotation ROUND: the order of the shells in round ROUND (1-based).
rotation() {
	case $(($1 % 3)) in
	1) echo "t d b" ;;
	2) echo "d b t" ;;
	0) echo "b t d" ;;
	esac
}

printf '# under test: %s; references: %s, %s\n' "$sut" "$dash" "$bash"
printf '# timed runs per shell and case: %s (median); %s cpus; %s\n' "$runs" "$(nproc 2>/dev/null || echo '?')" "$(uname -sr)"
printf '%-26s %10s %10s %10s %9s %9s\n' case "$name" dash bash "$name/dash" "$name/bash"
: >"$tmp/ratios"
failed=0

for c in $cases; do
	[ "$c" = rss ] && continue
	check "$c"
	case $? in
	0) ;;
	1) continue ;;
	*) failed=$((failed + 1)) && continue ;;
	esac
	: >"$tmp/ns.t"
	: >"$tmp/ns.d"
	: >"$tmp/ns.b"
	r=1
	while [ "$r" -le "$runs" ]; do
		for w in $(rotation "$r"); do
			time_once "$c" "$w"
		done
		r=$((r + 1))
	done
	row "$c" ms "$(median "$tmp/ns.t" | awk '{ print $1 / 1e6 }')" \
		"$(median "$tmp/ns.d" | awk '{ print $1 / 1e6 }')" \
		"$(median "$tmp/ns.b" | awk '{ print $1 / 1e6 }')"
done

case " $cases " in
*" rss "*)
	check rss # a shell that fails `-c true` has no meaningful RSS
	ok=$?
	[ "$ok" -eq 2 ] && failed=$((failed + 1))
	if [ "$ok" -ne 0 ]; then
		:
	elif [ -x /usr/bin/time ] && /usr/bin/time -f %M -o "$tmp/probe" true 2>/dev/null &&
		grep -q '^[0-9][0-9]*$' "$tmp/probe"; then
		: >"$tmp/kib.t"
		: >"$tmp/kib.d"
		: >"$tmp/kib.b"
		r=1
		while [ "$r" -le "$runs" ]; do
			for w in $(rotation "$r"); do
				# shellcheck disable=SC2046
				/usr/bin/time -f %M -o "$tmp/kib" $(shell_of $w) -c true </dev/null >/dev/null 2>&1
				tail -n 1 "$tmp/kib" >>"$tmp/kib.$w" # GNU time may put a status line first
			done
			r=$((r + 1))
		done
		row rss MiB "$(median "$tmp/kib.t" | awk '{ print $1 / 1024 }')" \
			"$(median "$tmp/kib.d" | awk '{ print $1 / 1024 }')" \
			"$(median "$tmp/kib.b" | awk '{ print $1 / 1024 }')"
	else
		printf '%-26s skipped: needs GNU time at /usr/bin/time (for -f %%M)\n' rss
	fi
	;;
esac

# Floors: a Go program that does nothing, one that only links
# mvdan.cc/sh/v3/syntax, and one that links all of gosh but does nothing
# (what gosh's size alone costs), built static as gosh is installed, timed
# in the same rounds as the shell under test. Skipped without a Go toolchain.
case " $cases " in
*" startup "* | *" rss "*)
	if command -v go >/dev/null 2>&1 &&
		CGO_ENABLED=0 go build -C "$here/.." -o "$tmp/floor-nothing" ./bench/floor/nothing &&
		CGO_ENABLED=0 go build -C "$here/.." -o "$tmp/floor-syntax" ./bench/floor/syntax &&
		CGO_ENABLED=0 go build -C "$here/.." -o "$tmp/floor-linked" ./bench/floor/linked; then
		: >"$tmp/ns.t"
		: >"$tmp/ns.n"
		: >"$tmp/ns.s"
		: >"$tmp/ns.l"
		: >"$tmp/kib.t"
		: >"$tmp/kib.n"
		: >"$tmp/kib.s"
		: >"$tmp/kib.l"
		r=1
		while [ "$r" -le "$runs" ]; do
			for w in t n s l; do
				case $w in
				t) prog=$sut ;;
				n) prog=$tmp/floor-nothing ;;
				s) prog=$tmp/floor-syntax ;;
				l) prog=$tmp/floor-linked ;;
				esac
				k=0
				t0=$(date +%s%N)
				while [ "$k" -lt 20 ]; do
					$prog -c true >/dev/null 2>&1 </dev/null
					k=$((k + 1))
				done
				t1=$(date +%s%N)
				echo $(((t1 - t0) / 20)) >>"$tmp/ns.$w"
				if [ -x /usr/bin/time ]; then
					/usr/bin/time -f %M -o "$tmp/kib" $prog -c true </dev/null >/dev/null 2>&1
					tail -n 1 "$tmp/kib" >>"$tmp/kib.$w"
				fi
			done
			r=$((r + 1))
		done
		tt=$(median "$tmp/ns.t")
		tn=$(median "$tmp/ns.n")
		ts=$(median "$tmp/ns.s")
		tl=$(median "$tmp/ns.l")
		awk -v t="$tt" -v n="$tn" -v s="$ts" -v l="$tl" -v name="$name" 'BEGIN {
			printf "%-26s %10.4g ms; Go nothing %.4g ms, syntax-only %.4g ms, gosh linked doing nothing %.4g ms (%.2f); %s/syntax-only %.2f\n",
				"floor: startup", t / 1e6, n / 1e6, s / 1e6, l / 1e6, l / s, name, t / s }'
		if [ -s "$tmp/kib.t" ]; then
			kt=$(median "$tmp/kib.t")
			kn=$(median "$tmp/kib.n")
			ks=$(median "$tmp/kib.s")
			kl=$(median "$tmp/kib.l")
			awk -v t="$kt" -v n="$kn" -v s="$ks" -v l="$kl" -v name="$name" 'BEGIN {
				printf "%-26s %10.4g MiB; Go nothing %.4g MiB, syntax-only %.4g MiB, gosh linked doing nothing %.4g MiB (%.2f); %s/syntax-only %.2f\n",
					"floor: peak rss", t / 1024, n / 1024, s / 1024, l / 1024, l / s, name, t / s }'
		fi
	else
		printf '%-26s skipped: needs the Go toolchain to build bench/floor\n' floor
	fi
	;;
esac

awk -v name="$name" -v failed="$failed" '
	{ n++; ld += log($1 / $2); lb += log($1 / $3) }
	END {
		if (n == 0) { printf "summary: nothing timed; %d failed\n", failed; exit }
		printf "summary: geometric mean over %d timed cases: %s/dash %.2f, %s/bash %.2f; %d failed\n",
			n, name, exp(ld / n), name, exp(lb / n), failed
	}' "$tmp/ratios"
[ "$failed" -eq 0 ]
