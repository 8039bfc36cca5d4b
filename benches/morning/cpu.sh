#!/bin/sh
# cpu.sh BIN BOOK: a new day (cache marked stale): its wall and CPU time and peak RSS.
sqlite3 "$2" "UPDATE meta SET value='stale' WHERE key='summaries_key'" || exit 1
/usr/bin/time -f "%e s wall, %U user + %S sys, %M KB" "$1" --db "$2" --today 2026-11-23 snapshot --screen partners --width 120 --height 40 2>&1 >/dev/null
