# Fuzzers (libFuzzer) and the replay of their corpora.
#
#  * -DTEMPO_FUZZ=ON with clang: builds each tests/fuzz/fuzz_*.cc as a
#    libFuzzer binary (ASan + UBSan, coverage on the layers' libraries too) and the
#    `tempo_fuzzers` target that builds them all. See docs/hardening.md.
#  * Any build (GCC too): each fuzzer is also linked with a small driver that
#    replays its seed corpus and the regression inputs (tests/fuzz/corpus/<name>/
#    and tests/fuzz/regressions/<name>/) once, as a ctest test labelled `unit`,
#    so every finding stays a regression test in the ordinary and ASan runs.
option(TEMPO_FUZZ "Build libFuzzer fuzzers (needs clang)" OFF)

set(TEMPO_FUZZ_SOURCES)
foreach(name fuzz_dxp fuzz_egdb fuzz_fen fuzz_hub_line fuzz_hub_position fuzz_move_text fuzz_movegen fuzz_pdn fuzz_search
             fuzz_tt)
  list(APPEND TEMPO_FUZZ_SOURCES ${PROJECT_SOURCE_DIR}/tests/fuzz/${name}.cc)
endforeach()
set(TEMPO_FUZZ_LIBS tempo::protocol tempo::search tempo_egdb_build tempo::egdb tempo::tt tempo::rules)

if(TEMPO_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "TEMPO_FUZZ needs clang (e.g. CC=clang-14 CXX=clang++-14)")
  endif()
  set(TEMPO_FUZZ_SAN -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  if(TEMPO_SANITIZE)
    set(TEMPO_FUZZ_SAN)  # already on every target
  endif()
  # Coverage feedback from the libraries the fuzzers exercise.
  foreach(layer tempo_rules tempo_tt tempo_egdb tempo_search tempo_protocol)
    target_compile_options(${layer} PRIVATE -fsanitize=fuzzer-no-link ${TEMPO_FUZZ_SAN})
  endforeach()
  add_custom_target(tempo_fuzzers)
  foreach(src ${TEMPO_FUZZ_SOURCES})
    get_filename_component(name ${src} NAME_WE)
    add_executable(${name} ${src})
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer ${TEMPO_FUZZ_SAN})
    target_link_options(${name} PRIVATE -fsanitize=fuzzer ${TEMPO_FUZZ_SAN})
    target_include_directories(${name} PRIVATE ${TEMPO_TESTS_DIR})
    target_link_libraries(${name} PRIVATE $<BUILD_INTERFACE:tempo::flags> ${TEMPO_FUZZ_LIBS})
    add_dependencies(tempo_fuzzers ${name})
  endforeach()
else()
  foreach(src ${TEMPO_FUZZ_SOURCES})
    get_filename_component(name ${src} NAME_WE)
    add_executable(${name}_replay ${src} ${PROJECT_SOURCE_DIR}/tests/fuzz/replay_main.cc)
    target_include_directories(${name}_replay PRIVATE ${TEMPO_TESTS_DIR})
    target_link_libraries(${name}_replay PRIVATE $<BUILD_INTERFACE:tempo::flags> ${TEMPO_FUZZ_LIBS})
    add_test(NAME fuzz_replay.${name}
             COMMAND ${name}_replay ${PROJECT_SOURCE_DIR}/tests/fuzz/corpus/${name}
                                    ${PROJECT_SOURCE_DIR}/tests/fuzz/regressions/${name})
    set_tests_properties(fuzz_replay.${name} PROPERTIES LABELS unit)
  endforeach()
endif()
