# spawn: start the external /bin/true N times, one after the other.
# What it measures: the shell's fork/vfork/posix_spawn + exec + wait path.
# Usage: SHELL spawn.sh [N]   (default 100)
n=${1:-100}
k=0
while [ "$k" -lt "$n" ]; do
	/bin/true
	k=$((k + 1))
done
echo "spawn $k"
