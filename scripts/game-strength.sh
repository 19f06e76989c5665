#!/usr/bin/env bash
# Tempo's Easy, Medium and Hard against the International-draughts game's own
# engine at the same preset (docs/strength.md): builds the Hub adapter around
# the engine of a snapshot of the game (scripts/game-engine, esbuild from npm;
# the game's code lands in build/game-engine only, never in the tree) and
# plays GAMES games a preset (default 100: the first 50 openings of
# data/openings-wide.txt, each with both colours). Not part of CI: it needs
# the game's snapshot, and game Hard takes about 0.4 CPU s a move (30-50 CPU
# minutes for 100 games).
#   scripts/game-strength.sh SOURCE [GAMES]
# SOURCE: a checkout of the game or a bare git mirror of it (HEAD is used).
# Environment:
#   LEVELS="easy medium hard"   the presets to play
#   EASY_PARAMS=... MEDIUM_PARAMS=... HARD_PARAMS=...
#                               extra Tempo Hub parameters for that preset
#                               ("max-depth=2,eval-noise=60"), to replay a calibration
#   CONCURRENCY=2               games at a time; the game engine's time limit runs
#                               on its CPU clock, so results do not depend on it
#   TEMPO=build/tempo           the tempo binary
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
  echo "usage: scripts/game-strength.sh SOURCE [GAMES]  (SOURCE: the game's checkout or git mirror)" >&2
  exit 2
fi
source=$1
games=${2:-100}
tempo=${TEMPO:-build/tempo}
out=build/game-engine
[ -x "$tempo" ] || { echo "game-strength.sh: $tempo not found: build Tempo first (Release)" >&2; exit 2; }

(cd scripts/game-engine && { [ -d node_modules/esbuild ] && [ -d node_modules/typescript ] || npm ci --no-audit --no-fund --loglevel=error; })
node scripts/game-engine/build.mjs "$source" "$out" >/dev/null
echo "game engine: $(cat "$out/SNAPSHOT")"
mkdir -p "$out/matches"
for level in ${LEVELS:-easy medium hard}; do
  var="${level^^}_PARAMS"
  extra=${!var:-}
  rm -f "$out/matches/$level.log"
  "$tempo" match --engine1="$tempo hub" \
    --engine2="env GAME_HUB_LOG=$out/matches/$level.log node $out/game-hub.mjs" \
    --params1="level=$level${extra:+,$extra}" --params2="level=$level" \
    --name1="tempo-$level" --name2="game-$level" --games="$games" --match-depth=99 \
    --concurrency="${CONCURRENCY:-2}" --openings=data/openings-wide.txt \
    --pdn="$out/matches/$level.pdn" | tail -2
  # How often the game's time limit cut its search short, and the moves the
  # adapter had to replace (docs: scripts/game-engine/README.md).
  awk -v level="$level" '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      moves++; if (v["depth"] > 0 && v["depth"] < v["max-depth"]) short++; cpu += v["cpu-ms"]; if ($0 ~ / replaced=/) repl++ }
    END { if (moves) printf "game %s: %d moves, %.0f CPU ms a move, %d stopped short of depth %s by the time limit, %d replaced\n",
      level, moves, cpu / moves, short, v["max-depth"], repl }' "$out/matches/$level.log"
done
