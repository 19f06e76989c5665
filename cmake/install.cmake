# `cmake --install`: the C ABI (tempo.h, libtempo.so with its SONAME, tempo.pc
# for pkg-config) and the C++ layers (static libraries, their headers under
# include/tempo/, and TempoConfig.cmake for find_package(Tempo)), plus the
# `tempo` program and the Python module (its own component, see python.cmake).
include(CMakePackageConfigHelpers)
set(TEMPO_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Tempo)

# The C++ layers' package (find_package(Tempo)) links an installed Abseil:
# with Abseil built from source here (cmake/abseil.cmake) there is none, so
# only the C ABI (header, library, tempo.pc) and the program are installed.
if(NOT TEMPO_ABSL_FROM_SOURCE)
  install(EXPORT TempoTargets NAMESPACE tempo:: DESTINATION ${TEMPO_CMAKE_DIR})
  configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/TempoConfig.cmake.in
    ${PROJECT_BINARY_DIR}/TempoConfig.cmake INSTALL_DESTINATION ${TEMPO_CMAKE_DIR})
  write_basic_package_version_file(${PROJECT_BINARY_DIR}/TempoConfigVersion.cmake COMPATIBILITY SameMinorVersion)
  install(FILES ${PROJECT_BINARY_DIR}/TempoConfig.cmake ${PROJECT_BINARY_DIR}/TempoConfigVersion.cmake
          DESTINATION ${TEMPO_CMAKE_DIR})
endif()

# tempo.pc finds its prefix from where it lies, so an install with
# `--prefix` anywhere works without reconfiguring.
file(RELATIVE_PATH TEMPO_PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(${PROJECT_SOURCE_DIR}/cmake/tempo.pc.in ${PROJECT_BINARY_DIR}/tempo.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/tempo.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# A tiny C++ consumer (find_package) and a tiny C consumer (pkg-config),
# built against an install into a temporary prefix (natively only: it runs
# them; and not in sanitizer builds, whose installed archives need the
# sanitizer runtimes that a plain consumer does not link).
if(BUILD_TESTING AND TARGET tempo_ffi AND NOT CMAKE_CROSSCOMPILING AND NOT TEMPO_SANITIZE AND NOT TEMPO_TSAN
   AND NOT TEMPO_ABSL_FROM_SOURCE)
  add_test(NAME install.consumers
    COMMAND bash ${PROJECT_SOURCE_DIR}/tests/install/install_test.sh ${PROJECT_BINARY_DIR}
            ${PROJECT_SOURCE_DIR}/tests/install ${CMAKE_C_COMPILER} ${CMAKE_CXX_COMPILER})
  set_tests_properties(install.consumers PROPERTIES LABELS unit TIMEOUT 600 RUN_SERIAL TRUE)
endif()
