#!/usr/bin/env bash
# Each preset against the app's old search at the same preset (docs/strength.md):
# Easy, Medium, Hard against themselves with the Hub parameter classic=true
# (plain fixed-depth alpha-beta, no quiescence: Params::classic). GAMES games
# each (default: all 47 openings x both colours, 94), MOVETIME seconds a move as a
# cap (the presets stop at their depth long before), two games at a time.
# Not part of CI (about a minute).
#   scripts/app-strength.sh [GAMES] [MOVETIME]
set -euo pipefail
cd "$(dirname "$0")/.."
games=${1:-0}  # 0 = every opening with both colours (94 games)
movetime=${2:-1}
tempo=build/tempo
out=build/strength
mkdir -p "$out"
for level in easy medium hard; do
  "$tempo" match --engine1="$tempo hub" --engine2="$tempo hub" \
    --params1="level=$level" --params2="level=$level,classic=true" --name1="$level" --name2="app-$level" \
    --games="$games" --match-movetime="$movetime" --concurrency=2 \
    --openings=data/openings.txt --pdn="$out/$level-app.pdn" | tail -1
done
