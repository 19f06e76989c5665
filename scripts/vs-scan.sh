#!/usr/bin/env bash
# The strength acceptance matches against another Hub engine (docs/strength.md,
# "Against Scan 2.0"): Tempo at its Hub defaults against OPPONENT, both colours
# of data/openings.txt, one engine thinking at a time. Each match resumes
# (`tempo match --resume`), so a run cut short, or one spread over several
# sittings of a quiet machine, continues where it stopped. Not part of CI
# (hours); time nothing else on the machine while it runs.
#
#   scripts/vs-scan.sh "OPPONENT COMMAND" [which...]
#     which: fast (100 games, 0.1 s a move), slow (100 games, 0.5 s a move),
#            clock (40 games, 60 s + 0.5 s a move), table (slow, with tt-mb=256);
#            default: fast slow clock
#   TEMPO=build/tempo OUT=build/vs-scan (the PDN files and logs)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: scripts/vs-scan.sh \"OPPONENT COMMAND\" [fast|slow|clock|table...]" >&2; exit 2; }
opponent=$1
shift
tempo=${TEMPO:-build/tempo}
out=${OUT:-build/vs-scan}
mkdir -p "$out"
[ $# -gt 0 ] || set -- fast slow clock
for which in "$@"; do
  case $which in
    fast) args=(--match-movetime=0.1 --games=100) params= ;;
    slow) args=(--match-movetime=0.5 --games=100) params= ;;
    clock) args=(--match-time=60 --match-inc=0.5 --games=40) params= ;;
    table) args=(--match-movetime=0.5 --games=100) params="tt-mb=256" ;;
    *) echo "vs-scan.sh: unknown match '$which' (fast, slow, clock or table)" >&2; exit 2 ;;
  esac
  echo "== $which: $(date -u +%FT%TZ)"
  "$tempo" match --engine1="$tempo hub" --engine2="$opponent" --name1=tempo --name2=opponent \
    --params1="$params" --concurrency=1 --openings=data/openings.txt "${args[@]}" \
    --pdn="$out/$which.pdn" --resume | tee -a "$out/$which.log" | tail -3
done
