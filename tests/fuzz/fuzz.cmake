# Fuzzers (libFuzzer) and the replay of their corpora.
#
#  * -DTEMPO_FUZZ=ON with clang: builds each tests/fuzz/fuzz_*.cc as a
#    libFuzzer binary (ASan + UBSan, coverage on tempo_core too) and the
#    `tempo_fuzzers` target that builds them all. See docs/hardening.md.
#  * Any build (GCC too): each fuzzer is also linked with a small driver that
#    replays its seed corpus and the regression inputs (tests/fuzz/corpus/<name>/
#    and tests/fuzz/regressions/<name>/) once, as a ctest test labelled `unit`,
#    so every finding stays a regression test in the ordinary and ASan runs.
option(TEMPO_FUZZ "Build libFuzzer fuzzers (needs clang)" OFF)

file(GLOB TEMPO_FUZZ_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/fuzz/fuzz_*.cc)

if(TEMPO_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "TEMPO_FUZZ needs clang (e.g. CC=clang-14 CXX=clang++-14)")
  endif()
  set(TEMPO_FUZZ_SAN -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  if(TEMPO_SANITIZE)
    set(TEMPO_FUZZ_SAN)  # already on every target
  endif()
  # Coverage feedback from the library the fuzzers exercise.
  target_compile_options(tempo_core PRIVATE -fsanitize=fuzzer-no-link ${TEMPO_FUZZ_SAN})
  add_custom_target(tempo_fuzzers)
  foreach(src ${TEMPO_FUZZ_SOURCES})
    get_filename_component(name ${src} NAME_WE)
    add_executable(${name} ${src})
    target_compile_options(${name} PRIVATE ${TEMPO_WARNINGS} ${TEMPO_OPT} -fsanitize=fuzzer ${TEMPO_FUZZ_SAN})
    target_link_options(${name} PRIVATE -fsanitize=fuzzer ${TEMPO_FUZZ_SAN})
    target_link_libraries(${name} PRIVATE tempo_core)
    add_dependencies(tempo_fuzzers ${name})
  endforeach()
else()
  foreach(src ${TEMPO_FUZZ_SOURCES})
    get_filename_component(name ${src} NAME_WE)
    add_executable(${name}_replay ${src} ${PROJECT_SOURCE_DIR}/tests/fuzz/replay_main.cc)
    target_compile_options(${name}_replay PRIVATE ${TEMPO_WARNINGS} ${TEMPO_OPT})
    target_link_libraries(${name}_replay PRIVATE tempo_core)
    add_test(NAME fuzz_replay.${name}
             COMMAND ${name}_replay ${PROJECT_SOURCE_DIR}/tests/fuzz/corpus/${name}
                                    ${PROJECT_SOURCE_DIR}/tests/fuzz/regressions/${name})
    set_tests_properties(fuzz_replay.${name} PROPERTIES LABELS unit)
  endforeach()
endif()
