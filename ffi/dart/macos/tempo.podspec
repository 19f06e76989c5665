#
# The Flutter plugin's macOS build, in the form `flutter create
# --template=plugin_ffi` makes. CocoaPods compiles Classes/ into a dynamic
# framework, tempo.framework, which the app embeds (as Flutter's macOS Podfile has
# use_frameworks!) and the Dart side opens as
# DynamicLibrary.open('tempo.framework/tempo'): no static linking, so release
# dead-stripping keeps every exported tempo_* function.
#
# Podspecs take no paths outside the pod, so Classes/ holds one forwarder per
# library source, generated from the source list of the repository's
# CMakeLists.txt (cmake/apple_sources.cmake; ctest ffi.apple_sources checks
# them). Abseil is the CocoaPods `abseil` pod at the release every other
# build pins (20220623). The compiled-in weights header is generated before
# compiling by the same CMake script as every other build, so CMake 3.25 or
# later must be installed (e.g. `brew install cmake`).
#
Pod::Spec.new do |s|
  s.name             = 'tempo'
  s.version          = '0.3.0'
  s.summary          = 'International draughts engine (FMJD rules): the Tempo C ABI for Flutter.'
  s.description      = <<-DESC
The Tempo draughts engine's C ABI (tempo.h) as a dynamic framework for dart:ffi.
                       DESC
  s.homepage         = 'https://example.org/tempo'
  s.license          = { :type => 'Proprietary', :text => 'See the Tempo repository.' }
  s.author           = { 'Tempo' => 'tempo@example.org' }

  s.source           = { :path => '.' }
  s.source_files     = 'Classes/**/*'
  s.dependency 'FlutterMacOS'
  s.platform = :osx, '10.15'

  # The Abseil libraries the engine links (CMakeLists.txt: absl::status,
  # absl::statusor, absl::strings, absl::str_format).
  ['status/status', 'status/statusor', 'strings/strings', 'strings/str_format'].each do |lib|
    s.dependency "abseil/#{lib}", '~> 1.20220623.0'
  end

  repo = '${PODS_TARGET_SRCROOT}/../../..'
  generated = '${DERIVED_FILE_DIR}/tempo_generated'
  s.script_phase = {
    :name => 'Generate the evaluation weights and the opening book (cmake/gen_eval_weights.cmake, cmake/gen_book.cmake)',
    :execution_position => :before_compile,
    :input_files => ["#{repo}/data/eval_weights.txt", "#{repo}/cmake/gen_eval_weights.cmake",
                     "#{repo}/data/book.txt", "#{repo}/cmake/gen_book.cmake", "#{repo}/cmake/data_file.cmake"],
    :output_files => ["#{generated}/search/eval_weights_data.h", "#{generated}/search/book_data.h"],
    :script => <<-SCRIPT
set -e
cmake=$(command -v cmake || true)
for c in /opt/homebrew/bin/cmake /usr/local/bin/cmake /Applications/CMake.app/Contents/bin/cmake; do
  if [ -z "$cmake" ] && [ -x "$c" ]; then cmake=$c; fi
done
if [ -z "$cmake" ]; then
  echo "error: tempo: CMake 3.25 or later is needed to generate the engine's weights (brew install cmake)"
  exit 1
fi
mkdir -p "#{generated}/search"
"$cmake" -DIN="#{repo}/data/eval_weights.txt" -DOUT="#{generated}/search/eval_weights_data.h" \
  -P "#{repo}/cmake/gen_eval_weights.cmake"
"$cmake" -DIN="#{repo}/data/book.txt" -DOUT="#{generated}/search/book_data.h" -P "#{repo}/cmake/gen_book.cmake"
SCRIPT
  }

  s.pod_target_xcconfig = {
    'DEFINES_MODULE' => 'YES',
    'CLANG_CXX_LANGUAGE_STANDARD' => 'c++20',
    # Sources include headers by their path from the repository root.
    'HEADER_SEARCH_PATHS' => "\"#{repo}\" \"#{repo}/ffi/include\" \"#{generated}\"",
    # Hidden by default: the framework exports only what tempo.h marks
    # TEMPO_API, i.e. the tempo_* functions (ffi/tempo.map on other linkers).
    'GCC_SYMBOLS_PRIVATE_EXTERN' => 'YES',
  }
  s.swift_version = '5.0'
end
