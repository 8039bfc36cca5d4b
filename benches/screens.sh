#!/usr/bin/env bash
# Every screen's first frame (warm: the day's summaries cached) on a book
# file and on the same book on a PostgreSQL server, in one interleaved run
# with the SQL floor of ../shared/bench (ratio.sh): per screen the medians,
# each against the floor, and the team book against the file.
#
# Usage: benches/screens.sh [-n RUNS] [-b BINARY] BOOK.db [POSTGRES_URL]
#   e.g. benches/screens.sh -n 7 /tmp/big10k.db 'postgresql://me@%2Ftmp%2Fsock/big10k'
# The team book is the file pushed there first (`partnerdeck --db BOOK.db
# push --to URL`). Without a URL only the file is measured.
set -euo pipefail
runs=7
bin=target/release/partnerdeck
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -b) bin=$2; shift 2 ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || { echo "usage: screens.sh [-n RUNS] [-b BINARY] BOOK.db [POSTGRES_URL]" >&2; exit 2; }
file=$1
url=${2:-}
floor_dir=${FLOOR_DIR:-$(cd "$(dirname "$0")/../../shared/bench" 2>/dev/null && pwd || true)}
[ -f "$floor_dir/floor_query.sql" ] || { echo "screens.sh: set FLOOR_DIR to the folder of ratio.sh" >&2; exit 2; }
floor_book=${FLOOR_BOOK:-/tmp/partnerdeck-floor10k.db}
[ -s "$floor_book" ] || python3 "$floor_dir/gen_floor_book.py" "$floor_book"
day=${DAY:-2026-11-23}
books=("$file")
[ -n "$url" ] && books+=("$url")
us() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000 )); }
shot() { "$bin" --db "$1" --today "$day" snapshot --screen "$2" --width 120 --height 40; }
# Warm every book for the day first (a first open scores and caches).
for b in "${books[@]}"; do shot "$b" partners >/dev/null; done
printf '%-10s %12s %12s %12s %10s %10s %10s\n' screen file_ms team_ms floor_ms file/floor team/floor team/file
for screen in today partners matrix tiers qbrs campaigns program prospects; do
  f=(); t=(); fl=()
  for _ in $(seq "$runs"); do
    f+=("$(us shot "$file" "$screen")")
    [ -n "$url" ] && t+=("$(us shot "$url" "$screen")")
    fl+=("$(us sqlite3 "$floor_book" ".read $floor_dir/floor_query.sql")")
  done
  python3 - "$screen" "${f[*]}" "${t[*]:-}" "${fl[*]}" <<'PY'
import statistics, sys
screen, f, t, fl = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
med = lambda s: statistics.median(int(x) for x in s.split()) / 1000 if s.strip() else None
mf, mt, mfl = med(f), med(t), med(fl)
cell = lambda v, fmt: format(v, fmt) if v is not None else "-"
print(f"{screen:<10} {mf:12.1f} {cell(mt, '12.1f'):>12} {mfl:12.1f} {mf / mfl:10.3f} "
      f"{cell(mt / mfl if mt else None, '10.3f'):>10} {cell(mt / mf if mt else None, '10.2f'):>10}")
PY
done
