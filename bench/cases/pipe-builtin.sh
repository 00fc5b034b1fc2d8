# pipe-builtin: `echo x | cat >/dev/null`, N times.
# What it measures: one pipe, one spawn of an external command, and however
# the shell runs a builtin as a pipeline stage.
# Usage: SHELL pipe-builtin.sh [N]   (default 50)
n=${1:-50}
k=0
while [ "$k" -lt "$n" ]; do
	echo x | cat >/dev/null
	k=$((k + 1))
done
echo "pipe-builtin $k"
