# cmdsubst: x=$(echo hi), N times.
# What it measures: command substitution of a builtin. A forking shell pays
# a fork, a pipe and a wait each time; others may run it in-process.
# Usage: SHELL cmdsubst.sh [N]   (default 100)
n=${1:-100}
k=0
good=0
while [ "$k" -lt "$n" ]; do
	x=$(echo hi)
	if [ "$x" = hi ]; then good=$((good + 1)); fi
	k=$((k + 1))
done
echo "cmdsubst $k $good"
