#!/bin/sh
# newday.sh BIN BOOK [cold]: a new day on a book file: its cache marked
# stale, then Partners drawn (snapshot; SCREEN=today for Today). With
# `cold`, the book and the binary are dropped from the page cache first
# (../shared/bench/cold.sh), the first open of a morning.
# README, "Speed" / "The first open of a morning".
bin=$1; book=$2; mode=${3:-hot}
shared=${SHARED_BENCH:-$(dirname "$0")/../../../shared/bench}
sqlite3 "$book" "UPDATE meta SET value='stale' WHERE key='summaries_key'" || exit 1
if [ "$mode" = cold ]; then
  exec "$shared/cold.sh" "$book" "$book-wal" "$book-shm" "$bin" -- "$bin" --db "$book" --today 2026-11-23 snapshot --screen "${SCREEN:-partners}" --width 120 --height 40
fi
exec "$bin" --db "$book" --today 2026-11-23 snapshot --screen "${SCREEN:-partners}" --width 120 --height 40
