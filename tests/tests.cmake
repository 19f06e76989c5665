# The tests, one binary per layer, each built from tests/<layer>/ and linked
# only with its layer and the layers below it, so touching one layer rebuilds
# and reruns its own tests: `cmake --build build --target tempo_search_tests`,
# then `ctest -L search`. Included by the top-level CMakeLists.txt when
# BUILD_TESTING is on; tests/cli/cli.cmake and tests/train/train.cmake add the
# program's and training's end-to-end checks, ffi/ffi.cmake the C ABI's.
find_package(GTest REQUIRED)
include(GoogleTest)
tempo_layer_dir(TEMPO_TESTS_DIR tests tests)

# tempo_test_binary(<layer> SOURCES <file>... LINK <target>...): the binary
# tempo_<layer>_tests, its tests discovered one ctest entry each, labelled
# `<layer>` (one label: CMake 3.25's discovery cannot pass a list).
function(tempo_test_binary layer)
  cmake_parse_arguments(T "" "" "SOURCES;LINK" ${ARGN})
  add_executable(tempo_${layer}_tests ${T_SOURCES})
  target_compile_definitions(tempo_${layer}_tests PRIVATE TEMPO_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                                                         TEMPO_EVAL_WEIGHTS="${TEMPO_EVAL_WEIGHTS}")
  target_include_directories(tempo_${layer}_tests PRIVATE ${TEMPO_TESTS_DIR} ${TEMPO_GENERATED_DIR})
  target_link_libraries(tempo_${layer}_tests PRIVATE $<BUILD_INTERFACE:tempo::flags> ${T_LINK}
                        GTest::gtest GTest::gmock GTest::gtest_main)
  gtest_discover_tests(tempo_${layer}_tests DISCOVERY_TIMEOUT 60 PROPERTIES LABELS ${layer})
endfunction()

# The concurrency suites (*Concurrency*), which the ThreadSanitizer build runs
# alone (scripts/test.sh): there they are one binary and nothing else is compiled.
set(_tempo_concurrency_tests tests/rules/rules_concurrency_test.cc tests/search/search_concurrency_test.cc
    tests/search/session_concurrency_test.cc tests/search/smp_concurrency_test.cc tests/tt/table_concurrency_test.cc tests/tt/table_search_test.cc)
if(TEMPO_TSAN)
  tempo_test_binary(concurrency SOURCES ${_tempo_concurrency_tests} LINK tempo::search tempo::tt tempo::rules)
  return()
endif()

tempo_test_binary(rules
  SOURCES tests/rules/bounds_test.cc tests/rules/game_test.cc tests/rules/games_data_test.cc
          tests/rules/notation_test.cc tests/rules/pdn_test.cc tests/rules/perft_test.cc
          tests/rules/reference_movegen_test.cc tests/rules/rules_concurrency_test.cc tests/rules/rules_test.cc
          tests/rules/score_test.cc tests/rules/zobrist_constexpr_test.cc
  LINK tempo::rules)
tempo_test_binary(tt
  SOURCES tests/tt/table_concurrency_test.cc tests/tt/table_garbage_test.cc tests/tt/table_relocation_test.cc
          tests/tt/table_search_test.cc tests/tt/table_test.cc
  LINK tempo::search tempo::tt tempo::rules)
tempo_test_binary(search
  SOURCES tests/search/allocation_test.cc tests/search/book_test.cc tests/search/classic_test.cc tests/search/draw_test.cc
          tests/search/eval_test.cc tests/search/levels_test.cc tests/search/params_test.cc
          tests/search/search_bounds_test.cc tests/search/search_concurrency_test.cc tests/search/search_test.cc
          tests/search/session_concurrency_test.cc tests/search/session_test.cc tests/search/smp_concurrency_test.cc tests/search/stack_test.cc
          tests/search/time_test.cc
  LINK tempo::search tempo_egdb_build tempo::egdb tempo::tt tempo::rules)
# The book's generator refuses a damaged, cut or foreign data/book.txt.
add_test(NAME search.gen_book_refuses_damage
  COMMAND bash ${PROJECT_SOURCE_DIR}/tests/search/gen_book_test.sh ${CMAKE_COMMAND} ${PROJECT_SOURCE_DIR})
set_tests_properties(search.gen_book_refuses_damage PROPERTIES LABELS search)
# The program's own parts that are not the commands (the DXP message reader).
tempo_test_binary(cli SOURCES tests/cli/elo_test.cc tests/cli/net_test.cc cli/elo.cc cli/net.cc LINK tempo::rules)
target_include_directories(tempo_cli_tests PRIVATE ${TEMPO_CLI_DIR})
tempo_test_binary(protocol
  SOURCES tests/protocol/dxp_test.cc tests/protocol/hub_test.cc
  LINK tempo::protocol tempo::search tempo::rules)

# The endgame database: generation of the small slices, the reader, the search's use.
# One ctest entry runs the whole binary: its tests share one generated database
# (3 s in Release, about 20 s under ASan or qemu), which one process per test
# (gtest_discover_tests) would generate fourteen times.
add_executable(tempo_egdb_tests tests/egdb/egdb_test.cc)
target_include_directories(tempo_egdb_tests PRIVATE ${TEMPO_TESTS_DIR})
target_link_libraries(tempo_egdb_tests PRIVATE $<BUILD_INTERFACE:tempo::flags> tempo::search tempo_egdb_build
                      tempo::egdb tempo::rules GTest::gtest GTest::gtest_main)
add_test(NAME egdb.unit COMMAND tempo_egdb_tests)
# The longest test (100 s under ASan): ctest -j starts it first, not last.
set_tests_properties(egdb.unit PROPERTIES LABELS egdb COST 1000)

# Deep tests (long perft counts, big matches): `ctest -L deep`, not in the default run.
if(TEMPO_DEEP_TESTS)
  add_executable(tempo_deep_tests tests/deep/egdb_deep_test.cc tests/deep/levels_match_test.cc
                 tests/deep/perft_deep_test.cc)
  target_compile_definitions(tempo_deep_tests PRIVATE TEMPO_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  target_include_directories(tempo_deep_tests PRIVATE ${TEMPO_TESTS_DIR})
  target_link_libraries(tempo_deep_tests PRIVATE $<BUILD_INTERFACE:tempo::flags> tempo::search tempo_egdb_build
                        tempo::egdb tempo::rules GTest::gtest GTest::gtest_main)
  gtest_discover_tests(tempo_deep_tests DISCOVERY_TIMEOUT 60 PROPERTIES LABELS deep)
endif()

# The layers as the build enforces them: an include pointing up a layer
# does not compile (each check is a target built only by its test).
foreach(_check "rules_includes_tt;tempo::rules;TRUE" "tt_includes_search;tempo::tt;TRUE"
               "search_includes_protocol;tempo::search;TRUE" "search_includes_below;tempo::search;FALSE"
               "egdb_includes_search;tempo::egdb;TRUE" "egdb_includes_tt;tempo::egdb;TRUE")
  list(GET _check 0 _name)
  list(GET _check 1 _layer)
  list(GET _check 2 _fails)
  add_library(layer_${_name} OBJECT EXCLUDE_FROM_ALL tests/layers/${_name}.cc)
  target_link_libraries(layer_${_name} PRIVATE ${_layer})
  add_test(NAME layers.${_name}
           COMMAND ${CMAKE_COMMAND} --build ${PROJECT_BINARY_DIR} --target layer_${_name})
  # One build at a time in this tree; a refused include must fail for that reason.
  set_tests_properties(layers.${_name} PROPERTIES LABELS unit RUN_SERIAL TRUE)
  if(_fails)
    set_tests_properties(layers.${_name} PROPERTIES PASS_REGULAR_EXPRESSION "No such file or directory")
  endif()
endforeach()


# A damaged or foreign weights file stops the build step that compiles the
# weights in, with the reason (the generator exits non-zero and says why).
# The fixtures without a checksum error carry a right checksum, so the
# line checks behind it are what refuses them.
foreach(_case "damaged_weights.txt;checksum mismatch" "future_weights.txt;line 2: weights format 2, this build reads format 1"
              "unknown_line_weights.txt;line 5: unknown line 'bias 3'" "wide_weights.txt;weight 40000 does not fit 16 bits")
  list(GET _case 0 _file)
  list(GET _case 1 _why)
  add_test(NAME weights.refuses_${_file}
    COMMAND bash -c "d=$(mktemp -d); trap 'rm -rf $d' EXIT
      out=$(\"$0\" -DIN=\"$2\" -DOUT=$d/w.h -P \"$1\" 2>&1); rc=$?; echo \"$out\"
      [ $rc -ne 0 ] && [[ $out == *\"$2: $3\"* ]] && [ ! -e $d/w.h ]"
            ${CMAKE_COMMAND} ${TEMPO_GEN_WEIGHTS} ${PROJECT_SOURCE_DIR}/tests/search/data/${_file} "${_why}")
  set_tests_properties(weights.refuses_${_file} PROPERTIES LABELS unit)
endforeach()


include(${PROJECT_SOURCE_DIR}/tests/train/train.cmake)
include(${PROJECT_SOURCE_DIR}/tests/cli/cli.cmake)
