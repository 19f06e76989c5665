# The `tempo` program end to end (cli/): its commands run as a user runs
# them, statuses and output checked. Included by tests/tests.cmake.
add_test(NAME cli.perft_start COMMAND tempo perft --depth 5)
set_tests_properties(cli.perft_start PROPERTIES LABELS unit PASS_REGULAR_EXPRESSION "perft 5 27117 ")
add_test(NAME cli.perft_bad_fen COMMAND tempo perft --fen "W:W31-51")
set_tests_properties(cli.perft_bad_fen PROPERTIES LABELS unit WILL_FAIL TRUE)
add_test(NAME cli.analyse_max_depth COMMAND tempo analyse --depth 6 --max-depth 2)
set_tests_properties(cli.analyse_max_depth PROPERTIES LABELS unit
                     PASS_REGULAR_EXPRESSION "info depth 2 .*bestmove" FAIL_REGULAR_EXPRESSION "info depth 3")
# Scores on the scale GUIs read: a win in 1 ply is +99.99 (rules/score.h).
add_test(NAME cli.analyse_win_score COMMAND tempo analyse --fen "W:W28:B23" --depth 3)
set_tests_properties(cli.analyse_win_score PROPERTIES LABELS unit
                     PASS_REGULAR_EXPRESSION "info depth [0-9]+ .*score \\+99\\.99 .*pv 28x19\nbestmove 28x19")
add_test(NAME cli.analyse_bad_param COMMAND tempo analyse --depth 2 --use-killers maybe)
set_tests_properties(cli.analyse_bad_param PROPERTIES LABELS unit WILL_FAIL TRUE)
# bench takes the level parameters: --threads N searches every position with N threads.
add_test(NAME cli.bench_threads COMMAND tempo bench --depth 4 --threads 2 WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(cli.bench_threads PROPERTIES LABELS unit
                     PASS_REGULAR_EXPRESSION "bench depth 4 positions 40 nodes [0-9]+ .* threads 2")
# `tempo <command> --help`: that command's flags, dashed, with the schema's ranges.
add_test(NAME cli.help_perft COMMAND tempo perft --help)
set_tests_properties(cli.help_perft PROPERTIES LABELS unit
                     PASS_REGULAR_EXPRESSION "--divide" FAIL_REGULAR_EXPRESSION "No flags matched|--tt-mb|max-depth")
add_test(NAME cli.help_hub COMMAND tempo hub --help)
set_tests_properties(cli.help_hub PROPERTIES LABELS unit
                     PASS_REGULAR_EXPRESSION "--tt-mb=N.*--max-depth=1\\.\\.127" FAIL_REGULAR_EXPRESSION "tt_mb|--fen")


# Host-only checks (bash or the host's Python runs the program itself): not
# in cross builds, where only qemu can run it.
if(NOT CMAKE_CROSSCOMPILING)
# Bad flag values: status 2 and one line naming the flag; each command's
# help derived from the flags' definitions (tests/cli/flags_test.py).
add_test(NAME cli.flags COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/tests/cli/flags_test.py
         $<TARGET_FILE:tempo> ${PROJECT_SOURCE_DIR})
set_tests_properties(cli.flags PROPERTIES LABELS unit TIMEOUT 120)
# Files and streams read with a bound: /dev/zero and over-long lines refused.
add_test(NAME cli.input_bounds COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/tests/cli/input_bounds_test.py
         $<TARGET_FILE:tempo>)
set_tests_properties(cli.input_bounds PROPERTIES LABELS unit TIMEOUT 120)

# An empty --fen (an unset shell variable) is a bad FEN, status 2, in every
# command that takes one (and a DXP game cannot start from a finished one);
# no --fen at all is the start position.
add_test(NAME cli.empty_fen
  COMMAND bash -c "for c in perft 'analyse --depth 1' 'dxp --dxp-connect 127.0.0.1'; do
      err=$(\"$0\" $c --fen '' 2>&1 >/dev/null); rc=$?
      [ $rc -eq 2 ] && [[ $err == *'bad FEN: empty text'* ]] || { echo \"$c: status $rc: $err\"; exit 1; }
    done
    err=$(\"$0\" dxp --dxp-connect 127.0.0.1 --fen 'B:W21:B' 2>&1); rc=$?
    [ $rc -eq 2 ] && [[ $err == *'nothing to play'* ]] || { echo \"finished game: status $rc: $err\"; exit 1; }
    \"$0\" perft --depth 2 | grep -q '^perft 2 81 '"
  $<TARGET_FILE:tempo>)
set_tests_properties(cli.empty_fen PROPERTIES LABELS unit)
# The endgame database end to end, small: build (and resume), probe, info,
# analyse with it; a missing file is refused with status 2.
add_test(NAME cli.egdb_build_probe
  COMMAND bash -c "set -e; d=$(mktemp -d); trap 'rm -rf $d' EXIT
    \"$0\" egdb build --pieces 3 --out $d/db | grep -q 'wrote .*16 slices'
    \"$0\" egdb build --pieces 3 --out $d/db | grep -q 'resumed'
    \"$0\" egdb probe --fen W:WK46,K50:BK5 --egdb $d/db | grep -q 'win for White'
    \"$0\" egdb info --egdb $d/db | grep -q 'verify ok'
    \"$0\" analyse --fen W:WK28,K33:BK3 --depth 4 --egdb $d/db | grep -q 'info egdb ok .* root draw'
    ! \"$0\" analyse --fen W:WK28,K33:BK3 --depth 4 --egdb $d/missing 2>/dev/null"
  $<TARGET_FILE:tempo>)
set_tests_properties(cli.egdb_build_probe PROPERTIES LABELS unit)
# A database path is mapped, never read whole: /dev/zero, a FIFO or a file
# larger than any database is refused with status 2 (analyse) or an error
# line with the session going on (hub).
add_test(NAME cli.egdb_bounded
  COMMAND bash -c "d=$(mktemp -d); trap 'rm -rf $d' EXIT; mkfifo $d/fifo; truncate -s 1T $d/huge
    for f in /dev/zero $d/fifo $d/huge; do
      err=$(timeout 20 \"$0\" analyse --depth 1 --egdb $f 2>&1 >/dev/null); rc=$?
      [ $rc -eq 2 ] && [[ $err == *'not a regular file'* || $err == *'more than any endgame database'* ]] || { echo \"$f: status $rc: $err\"; exit 1; }
    done
    out=$(printf 'hub\\nset-param name=egdb value=/dev/zero\\nping\\nquit\\n' | timeout 20 \"$0\" hub); rc=$?
    echo \"$out\"; [ $rc -eq 0 ] && [[ $out == *'not a regular file'* && $out == *pong* ]]"
  $<TARGET_FILE:tempo>)
set_tests_properties(cli.egdb_bounded PROPERTIES LABELS unit)
# The database found without --egdb (TEMPO_EGDB, $XDG_DATA_HOME/tempo/egdb or
# ~/.local/share/tempo/egdb, egdb/ next to the program): reported by the Hub's
# param line and used, turned off by an empty value, a damaged one said once
# and passed over (tests/cli/egdb_default_test.py).
add_test(NAME cli.egdb_default COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/tests/cli/egdb_default_test.py
         $<TARGET_FILE:tempo>)
set_tests_properties(cli.egdb_default PROPERTIES LABELS unit TIMEOUT 120)

# Process-level tests of `tempo hub`, `tempo dxp` and `tempo match`: Python
# scripts (Debian's /usr/bin/python3) that drive the real program. Each is
# bounded in time; DXP runs on 127.0.0.1 only, on a port the OS picks.
set(TEMPO_PY /usr/bin/python3)
set(TEMPO_CLI_TESTS ${PROJECT_SOURCE_DIR}/tests/cli)
add_test(NAME cli.hub_session COMMAND ${TEMPO_PY} ${TEMPO_CLI_TESTS}/hub_session_test.py $<TARGET_FILE:tempo>)
add_test(NAME cli.dxp_game COMMAND ${TEMPO_PY} ${TEMPO_CLI_TESTS}/dxp_game_test.py $<TARGET_FILE:tempo>)
add_test(NAME cli.match_mini COMMAND ${TEMPO_PY} ${TEMPO_CLI_TESTS}/match_test.py $<TARGET_FILE:tempo>
         ${PROJECT_SOURCE_DIR}/data/openings.txt)
set_tests_properties(cli.hub_session cli.dxp_game cli.match_mini PROPERTIES LABELS unit TIMEOUT 60)
# `tempo match --resume`: two sessions equal one match; a cut-off last game
# is played again; another match's file or a damaged one is refused.
add_test(NAME cli.match_resume COMMAND ${TEMPO_PY} ${TEMPO_CLI_TESTS}/match_resume_test.py $<TARGET_FILE:tempo>
         ${PROJECT_SOURCE_DIR}/data/openings.txt)
set_tests_properties(cli.match_resume PROPERTIES LABELS unit TIMEOUT 120)
# `tempo book build` on a tiny run; the Hub answers a book position at once.
add_test(NAME cli.book COMMAND ${TEMPO_PY} ${TEMPO_CLI_TESTS}/book_test.py $<TARGET_FILE:tempo> ${PROJECT_SOURCE_DIR}
         ${CMAKE_COMMAND})
set_tests_properties(cli.book PROPERTIES LABELS unit TIMEOUT 120)
endif()

# A database installed for the user running the tests (docs/egdb.md, "Where
# Tempo looks for the database") must not change what these tests see:
# TEMPO_EGDB set empty turns the default off (cli.egdb_default sets its own).
get_property(TEMPO_ALL_TESTS DIRECTORY PROPERTY TESTS)
list(FILTER TEMPO_ALL_TESTS INCLUDE REGEX "^cli\\.")
set_property(TEST ${TEMPO_ALL_TESTS} APPEND PROPERTY ENVIRONMENT "TEMPO_EGDB=")
