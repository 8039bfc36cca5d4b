#!/bin/bash
# cockpit_time.sh BIN BOOK [WxH]: mark the cache stale, open the cockpit in
# a tmux session of its own, and time until Today is drawn with its
# numbers (no progress line left). VERBOSE=1 lists each progress line seen.
bin=$1; book=$2; size=${3:-80x24}; w=${size%x*}; h=${size#*x}
sess=morning$$
sqlite3 "$book" "UPDATE meta SET value='stale' WHERE key='summaries_key'" || exit 1
t0=$(date +%s%N)
tmux -L morning new-session -d -s $sess -x "$w" -y "$h" "$bin --db $book --today 2026-11-23"
seen=""; last=""
while true; do
  pane=$(tmux -L morning capture-pane -p -t $sess 2>/dev/null)
  line=$(printf '%s\n' "$pane" | grep -oE "(scoring|saving|reading)[^│]*" | head -1 | sed 's/ *$//')
  if [ -n "$line" ] && [ "$line" != "$last" ]; then
    seen="$seen|$(( ($(date +%s%N)-t0)/1000000 )) ms: $line"; last=$line
  fi
  if printf '%s\n' "$pane" | grep -q "┌ Today" && ! printf '%s\n' "$pane" | grep -qE "scoring|saving the scores|reading the book"; then break; fi
  [ $(( ($(date +%s%N)-t0)/1000000 )) -gt 60000 ] && { echo timeout; break; }
  sleep 0.03
done
echo "numbers after $(( ($(date +%s%N)-t0)/1000000 )) ms"
[ -n "$VERBOSE" ] && printf '%s\n' "$seen" | tr '|' '\n'
tmux -L morning kill-session -t $sess
