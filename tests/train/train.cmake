# Training (train/): the weights file read back by its one reader, and
# self-play and fitting end to end. Included by tests/tests.cmake.
tempo_test_binary(train SOURCES tests/train/eval_weights_test.cc tests/train/openings_test.cc tests/train/records_test.cc LINK tempo_train tempo::search tempo::rules)

# Training end to end, small: self-play writes records (and resumes), the
# fitter turns them into a weights file the build would accept. Training is
# a host tool: not in cross builds, where bash cannot run the program itself.
if(NOT CMAKE_CROSSCOMPILING)
add_test(NAME train.selfplay_and_fit
  COMMAND bash -c "set -e; d=$(mktemp -d); trap 'rm -rf $d' EXIT
    \"$0\" selfplay --out $d/r.bin --games 6 --nodes 500 --threads 2 --openings \"$1/data/openings.txt\"
    \"$0\" selfplay --out $d/r.bin --games 8 --nodes 500 --threads 2 --openings \"$1/data/openings.txt\" 2>&1 | grep -q '2/2 games (6 before)'
    \"$0\" fit --data $d/r.bin --out $d/w.txt --epochs 2
    \"$2\" -DIN=$d/w.txt -DOUT=$d/w.h -P \"$1/cmake/gen_eval_weights.cmake\"
    grep -q 'kPatterns' $d/w.h"
  $<TARGET_FILE:tempo> ${PROJECT_SOURCE_DIR} ${CMAKE_COMMAND})
set_tests_properties(train.selfplay_and_fit PROPERTIES LABELS train)
endif()
