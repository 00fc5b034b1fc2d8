# param-expansion: take a path apart with ${p#...}, ${p##...}, ${p%...},
# ${p%%...} and ${#p}, and classify it with `case`, N times.
# What it measures: pattern matching inside expansions; pure interpreter
# work, no process and no system call.
# Usage: SHELL param-expansion.sh [N]   (default 50000)
n=${1:-50000}
k=0
sum=0
while [ "$k" -lt "$n" ]; do
	p="/srv/www/site$k/assets/img$k.min.png"
	top=${p#/*/}
	file=${p##*/}
	dir=${p%/*}
	base=${file%%.*}
	case $file in
	*.min.png | *.min.jpg) sum=$((sum + ${#top} + ${#dir} + ${#base})) ;;
	*.png) sum=$((sum + 1)) ;;
	*) sum=$((sum - 1)) ;;
	esac
	k=$((k + 1))
done
echo "param-expansion $k $sum"
