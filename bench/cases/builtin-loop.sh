# builtin-loop: count to N with `[` and $((...)) only.
# What it measures: the interpreter's cost per simple statement. Nothing is
# forked and no system call is needed.
# Usage: SHELL builtin-loop.sh [N]   (default 200000)
n=${1:-200000}
k=0
while [ "$k" -lt "$n" ]; do
	k=$((k + 1))
done
echo "builtin-loop $k"
