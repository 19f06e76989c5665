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

file(GLOB TEMPO_FUZZ_ALL_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/fuzz/fuzz_*.cc)
# A fuzzer whose `// fuzz-requires: a.cc b.cc` names sources not (yet) in the
# tree is left out, so fuzzers for components still being written can wait
# in the tree and start running the day those components land.
set(TEMPO_FUZZ_SOURCES)
foreach(src ${TEMPO_FUZZ_ALL_SOURCES})
  file(STRINGS ${src} requires REGEX "^// fuzz-requires:")
  set(ready TRUE)
  if(requires)
    string(REGEX REPLACE "^// fuzz-requires:[ ]*([^(]*).*" "\\1" files "${requires}")
    separate_arguments(files)
    foreach(f ${files})
      if(NOT EXISTS ${PROJECT_SOURCE_DIR}/${f})
        set(ready FALSE)
      endif()
    endforeach()
  endif()
  if(ready)
    list(APPEND TEMPO_FUZZ_SOURCES ${src})
  else()
    get_filename_component(name ${src} NAME_WE)
    message(STATUS "fuzzer ${name} waits for: ${files}")
  endif()
endforeach()

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
