# pipeline-throughput: seq N | sort | uniq | wc -l.
# What it measures: that the shell wires pipes and waits without getting in
# the way. The data never passes through the shell, so every shell should
# come out at parity; a gap means extra copies, bad buffering or slow waits.
# Usage: SHELL pipeline-throughput.sh [N]   (default 1000000)
n=${1:-1000000}
count=$(seq "$n" | sort | uniq | wc -l)
echo "pipeline-throughput $((count + 0))"
