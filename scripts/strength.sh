#!/usr/bin/env bash
# Level-vs-level strength matches (docs/strength.md): Medium-Easy, Hard-Medium,
# Expert-Hard, each GAMES games (default 40: 20 openings x both colours) at
# MOVETIME seconds a move, two games at a time. Not part of CI (minutes).
#   scripts/strength.sh [GAMES] [MOVETIME]
set -euo pipefail
cd "$(dirname "$0")/.."
games=${1:-40}
movetime=${2:-0.1}
tempo=build/tempo
out=build/strength
mkdir -p "$out"
for pair in "medium easy" "hard medium" "expert hard"; do
  set -- $pair
  "$tempo" match --engine1="$tempo hub" --engine2="$tempo hub" \
    --params1="level=$1" --params2="level=$2" --name1="$1" --name2="$2" \
    --games="$games" --match-movetime="$movetime" --concurrency=2 \
    --openings=data/openings.txt --pdn="$out/$1-$2.pdn" | tail -1
done
