# func-call: call a shell function N times. The function takes two
# arguments, strips a suffix, joins strings and adds a length to a global.
# What it measures: function call and return, positional parameters, and
# the scoping of $1..$N.
# Usage: SHELL func-call.sh [N]   (default 100000)
n=${1:-100000}
acc=0
tag() {
	stem=${1%.c}
	name="${stem}-$2"
	acc=$((acc + ${#name}))
}
k=0
while [ "$k" -lt "$n" ]; do
	tag "src$k.c" obj
	k=$((k + 1))
done
echo "func-call $k $acc"
