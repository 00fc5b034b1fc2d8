# pipe-builtin-only: `echo x | read -r y`, N times: a pipeline of builtins.
# What it measures: how the shell gives each stage its own execution
# environment (fork, a goroutine, a re-exec of itself...); nothing is exec'd.
# Usage: SHELL pipe-builtin-only.sh [N]   (default 50)
n=${1:-50}
k=0
while [ "$k" -lt "$n" ]; do
	echo x | read -r y
	k=$((k + 1))
done
echo "pipe-builtin-only $k"
