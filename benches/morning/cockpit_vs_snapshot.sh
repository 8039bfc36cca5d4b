#!/bin/bash
# cockpit_vs_snapshot.sh BIN BOOK N: interleaved N times, the cockpit's new
# day (cockpit_time.sh) and snapshot's of Today (newday.sh); both medians.
here=$(dirname "$0"); bin=$1; book=$2; n=${3:-5}
c=(); s=()
for _ in $(seq "$n"); do
  c+=("$("$here/cockpit_time.sh" "$bin" "$book" | grep -oE "[0-9]+ ms" | grep -oE "[0-9]+")")
  t0=$(date +%s%N); SCREEN=today "$here/newday.sh" "$bin" "$book" >/dev/null; t1=$(date +%s%N)
  s+=($(( (t1-t0)/1000000 )))
done
python3 -c "
import statistics
c=[int(x) for x in '${c[*]}'.split()]; s=[int(x) for x in '${s[*]}'.split()]
print('cockpit new day: median %d ms %s' % (statistics.median(c), c))
print('snapshot new day: median %d ms %s' % (statistics.median(s), s))
print('cockpit/snapshot: %.2f' % (statistics.median(c) / statistics.median(s)))"
