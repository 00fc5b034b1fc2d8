# glob: expand "$dir"/*.dat over a directory of 10,000 files, N times.
# What it measures: readdir, pattern matching, sorting and word building in
# pathname expansion. The directory is made once (by the first shell to run
# the case) under ${BENCH_TMP:-${TMPDIR:-/tmp}}/gosh-bench, never in the
# repository, and reused by later runs.
# Usage: SHELL glob.sh [N]   (default 30)
n=${1:-30}
top=${BENCH_TMP:-${TMPDIR:-/tmp}}/gosh-bench
dir=$top/glob-10000
if [ ! -d "$dir" ]; then
	mkdir -p "$top" && tmp=$(mktemp -d "$top/glob.XXXXXX") || exit 1
	(cd "$tmp" && awk 'BEGIN {
		for (i = 0; i < 10000; i++) {
			f = sprintf("f%05d.dat", i)
			printf "" > f
			close(f)
		}
	}') || exit 1
	# Another run may have won the race; keep its directory.
	mv "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
fi
k=0
total=0
while [ "$k" -lt "$n" ]; do
	set -- "$dir"/*.dat
	total=$((total + $#))
	k=$((k + 1))
done
echo "glob $k $total"
