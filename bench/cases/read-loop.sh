# read-loop: `while read -r line` over a file of N lines of 80 bytes
# (default 12500 lines: 1,000,000 bytes).
# What it measures: the read builtin. It must not consume input past the
# newline, so a shell either reads a byte per read(2) or reads a block and
# seeks back (possible here: the input is a regular file). The file is made
# once under ${BENCH_TMP:-${TMPDIR:-/tmp}}/gosh-bench and reused.
# Usage: SHELL read-loop.sh [N]   (default 12500)
n=${1:-12500}
top=${BENCH_TMP:-${TMPDIR:-/tmp}}/gosh-bench
file=$top/lines-$n.txt
if [ ! -f "$file" ]; then
	mkdir -p "$top" && tmp=$(mktemp "$top/lines.XXXXXX") || exit 1
	awk -v n="$n" 'BEGIN {
		for (i = 1; i <= n; i++)
			printf "%08d %s\n", i, "the quick brown fox jumps over the lazy dog, then naps in the warm sun"
	}' >"$tmp" && mv "$tmp" "$file" || exit 1
fi
lines=0
while read -r line; do
	lines=$((lines + 1))
done <"$file"
echo "read-loop $lines"
