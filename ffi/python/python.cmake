# The `tempo` Python package (pybind11 from Debian's pybind11-dev).
#
# Built for Debian's /usr/bin/python3 (which has numpy, matplotlib and pytest),
# not for whatever `python3` comes first on PATH. Output: <build>/python/tempo/
# is the whole package (the extension `_tempo`, its stubs, py.typed and the
# pure-Python modules copied from ffi/python/tempo/), so
#   PYTHONPATH=<build>/python /usr/bin/python3 -c "import tempo"
# works straight from the build tree; `cmake --install` copies the package
# into TEMPO_PYTHON_INSTALL_DIR. `pip install .` (pyproject.toml, setup.py)
# builds the same target and packs the same files.
if(NOT TEMPO_BUILD_PYTHON)
  return()
endif()

if(NOT DEFINED Python_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "Python the tempo module is built for")
endif()
set(PYBIND11_FINDPYTHON ON)
find_package(Python 3.9 REQUIRED COMPONENTS Interpreter Development.Module)
find_package(pybind11 CONFIG REQUIRED)

set(TEMPO_PYTHON_DIR ${CMAKE_BINARY_DIR}/python)
set(TEMPO_PYTHON_PACKAGE_DIR ${TEMPO_PYTHON_DIR}/tempo)
# The package's files besides the extension (listed, not globbed).
set(TEMPO_PYTHON_FILES __init__.py _tempo.pyi py.typed render.py pdn_stream.py analysis.py)
# NO_EXTRAS: no LTO (its serial-compilation notice is noise and the layers
# are not LTO-built anyway) and no stripping.
pybind11_add_module(tempo_python MODULE NO_EXTRAS
  ${CMAKE_CURRENT_LIST_DIR}/tempo_module.cc ${CMAKE_CURRENT_LIST_DIR}/position_bindings.cc
  ${CMAKE_CURRENT_LIST_DIR}/game_bindings.cc ${CMAKE_CURRENT_LIST_DIR}/search_bindings.cc
  ${CMAKE_CURRENT_LIST_DIR}/table_bindings.cc ${CMAKE_CURRENT_LIST_DIR}/egdb_bindings.cc)
set_target_properties(tempo_python PROPERTIES
  OUTPUT_NAME _tempo
  LIBRARY_OUTPUT_DIRECTORY ${TEMPO_PYTHON_PACKAGE_DIR})
target_include_directories(tempo_python PRIVATE ${TEMPO_FFI_DIR})  # ffi/python/bindings.h
target_compile_definitions(tempo_python PRIVATE TEMPO_VERSION="${PROJECT_VERSION}")
target_link_libraries(tempo_python PRIVATE $<BUILD_INTERFACE:tempo::flags> tempo::search tempo::tt tempo::rules)

# The rest of the package next to the extension (configure_file: copied
# again whenever a source changes).
foreach(f IN LISTS TEMPO_PYTHON_FILES)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/tempo/${f} ${TEMPO_PYTHON_PACKAGE_DIR}/${f} COPYONLY)
  list(APPEND TEMPO_PYTHON_INSTALL_FILES ${CMAKE_CURRENT_LIST_DIR}/tempo/${f})
endforeach()

set(TEMPO_PYTHON_INSTALL_DIR "lib/python3/dist-packages" CACHE STRING
    "Where `cmake --install` puts the tempo package (relative to the prefix)")
install(TARGETS tempo_python LIBRARY DESTINATION ${TEMPO_PYTHON_INSTALL_DIR}/tempo COMPONENT python)
install(FILES ${TEMPO_PYTHON_INSTALL_FILES} DESTINATION ${TEMPO_PYTHON_INSTALL_DIR}/tempo COMPONENT python)

if(NOT BUILD_TESTING)
  return()
endif()

# The pytest suite as one ctest test. RUN_SERIAL: one of its tests times two
# searches in two threads, which wants both cores.
# The program and the C library too: test_param_interfaces.py checks that
# every interface takes the same parameter values.
set(TEMPO_PYTEST_ENV "PYTHONPATH=${TEMPO_PYTHON_DIR};TEMPO_SOURCE_DIR=${PROJECT_SOURCE_DIR};MPLBACKEND=Agg"
    "TEMPO_BINARY=$<TARGET_FILE:tempo>" "TEMPO_EGDB=")  # no default database of the user's (docs/egdb.md)
if(TARGET tempo_ffi)
  list(APPEND TEMPO_PYTEST_ENV "TEMPO_LIBRARY=$<TARGET_FILE:tempo_ffi>")
endif()
if(TEMPO_SANITIZE)
  # The interpreter is not instrumented: the sanitizer runtimes must be loaded
  # first, and Python's own allocations at exit are not leaks of ours.
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libasan.so
                  OUTPUT_VARIABLE TEMPO_LIBASAN OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libubsan.so
                  OUTPUT_VARIABLE TEMPO_LIBUBSAN OUTPUT_STRIP_TRAILING_WHITESPACE)
  list(APPEND TEMPO_PYTEST_ENV "LD_PRELOAD=${TEMPO_LIBASAN}:${TEMPO_LIBUBSAN}" "ASAN_OPTIONS=detect_leaks=0"
       "UBSAN_OPTIONS=print_stacktrace=1")
endif()
add_test(NAME python.pytest
  COMMAND ${Python_EXECUTABLE} -m pytest -q -p no:cacheprovider -rs ${PROJECT_SOURCE_DIR}/tests/python)
set_tests_properties(python.pytest PROPERTIES
  LABELS python
  RUN_SERIAL TRUE
  TIMEOUT 600
  ENVIRONMENT "${TEMPO_PYTEST_ENV}")
