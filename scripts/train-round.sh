#!/usr/bin/env bash
# One round of training (docs/evaluation.md, "Training, step by step"): self-play
# with the current build, a fine-tune of the shipped weights on every round's
# games, a candidate build with the new weights, and a fixed-node match of the
# candidate against the current build. Every step resumes: self-play continues
# its file, the fit and the build are skipped when their output is newer than
# their input, and the match continues its PDN (`tempo match --resume`). Not
# part of CI (hours of CPU). Fixed node counts make the match independent of
# the machine's load.
#
#   scripts/train-round.sh N [step...]     steps: selfplay fit build match (default: all)
#
# Settings (environment):
#   TEMPO=build/tempo        the current build: plays the games, and is the match's base
#   DATA=data-gen            where the bulk data goes (round<N>.games, never in git)
#   MINUTES=60               self-play stops after this long (run again to go on)
#   GAMES=200000 NODES=20000 THREADS=2   self-play: games at most, nodes a move, threads
#   EPOCHS=4 RATE=0.1        the fit: passes, Adam's step (fine-tuning data/eval_weights.txt)
#   FIT_DATA=a,b,...         the fit's game files (default: every round*.games in DATA)
#   MATCH_NODES=100000 MATCH_GAMES=450   the match
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] && [[ $1 =~ ^[0-9]+$ ]] || {
  echo "usage: scripts/train-round.sh N [selfplay|fit|build|match...]" >&2
  exit 2
}
round=$1
shift
[ $# -gt 0 ] || set -- selfplay fit build match
tempo=${TEMPO:-build/tempo}
data=${DATA:-data-gen}
mkdir -p "$data"
data=$(cd "$data" && pwd)
games="$data/round$round.games"
weights="$data/round$round.weights.txt"
cand="$data/tempo-round$round"
[ -x "$tempo" ] || { echo "train-round.sh: no program at $tempo (build it, or set TEMPO)" >&2; exit 2; }

for step in "$@"; do
  echo "== round $round: $step, $(date -u +%FT%TZ)"
  case $step in
    selfplay)
      # `timeout` ends the run between two flushed games or inside one; the
      # next run cuts a partial game off and goes on (train/records.h).
      status=0
      timeout "${MINUTES:-60}m" "$tempo" selfplay --out "$games" --games "${GAMES:-200000}" --nodes "${NODES:-20000}" \
        --threads "${THREADS:-2}" --seed "$round" --openings data/openings-wide.txt || status=$?
      [ "$status" -eq 0 ] || [ "$status" -eq 124 ] || exit "$status"
      ;;
    fit)
      inputs=${FIT_DATA:-$(ls "$data"/round*.games | sort -V | paste -sd, -)}
      if [ -f "$weights" ] && [ -z "$(find "$data" -name 'round*.games' -newer "$weights")" ]; then
        echo "$weights is newer than every game file: kept"
      else
        "$tempo" fit --data "$inputs" --init data/eval_weights.txt --learning-rate "${RATE:-0.1}" \
          --epochs "${EPOCHS:-4}" --out "$weights"
      fi
      ;;
    build)
      [ -f "$weights" ] || { echo "train-round.sh: no $weights: run the fit first" >&2; exit 2; }
      if [ -x "$cand" ] && [ "$cand" -nt "$weights" ]; then
        echo "$cand is newer than $weights: kept"
      else
        cmake -S . -B build-cand -DCMAKE_BUILD_TYPE=Release -DTEMPO_EVAL_WEIGHTS="$weights" >/dev/null
        cmake --build build-cand -j"$(nproc)" --target tempo
        cp build-cand/tempo "$cand"
        # A new candidate starts its match again: the old games were another engine's.
        for f in "$data/round$round-match.pdn" "$data/round$round-match.log"; do
          [ -f "$f" ] && mv "$f" "$f.$(date -u +%Y%m%dT%H%M%S)"
        done
      fi
      ;;
    match)
      [ -x "$cand" ] || { echo "train-round.sh: no $cand: run the build first" >&2; exit 2; }
      base="$data/tempo-base-round$round"
      [ -x "$base" ] || cp "$tempo" "$base"  # a copy, so a rebuild cannot change the base mid-match
      "$cand" match --engine1="$cand hub --book=false" --engine2="$base hub --book=false" \
        --name1="round$round" --name2=base --match-nodes="${MATCH_NODES:-100000}" --concurrency=1 \
        --openings=data/openings-wide.txt --games="${MATCH_GAMES:-450}" --pdn="$data/round$round-match.pdn" \
        --resume | tee -a "$data/round$round-match.log" | tail -2
      ;;
    *)
      echo "train-round.sh: unknown step '$step' (selfplay, fit, build or match)" >&2
      exit 2
      ;;
  esac
done
