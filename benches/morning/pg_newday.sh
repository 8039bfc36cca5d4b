#!/bin/sh
# pg_newday.sh BIN URL: newday.sh for a team book (PostgreSQL).
psql -X -q "$2" -c "UPDATE meta SET value='stale' WHERE key='summaries_key'" >/dev/null || exit 1
exec "$1" --db "$2" --today 2026-11-23 snapshot --screen "${SCREEN:-partners}" --width 120 --height 40
