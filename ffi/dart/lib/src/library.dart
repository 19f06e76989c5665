import 'dart:ffi';
import 'dart:io' show Platform;

/// Opens libtempo where Flutter bundles the plugin's native library on this
/// platform, or the file at [path] (tests, a library built by hand). Call it
/// in every isolate that uses the library: a DynamicLibrary cannot be sent.
///
/// - Android: `libtempo.so`, built by Gradle (externalNativeBuild, CMake)
///   into the APK's `lib/<abi>/`, found by the system loader by name.
/// - Linux: `libtempo.so` in the bundle's `lib/` (the runner's RPATH).
/// - Windows: `tempo.dll` beside the executable.
/// - iOS and macOS: the dynamic framework `tempo.framework/tempo` CocoaPods
///   embeds in the app (the game uses `use_frameworks!`).
///
/// If that file is not there, the symbols may be linked into the app itself
/// (a static build): [DynamicLibrary.process] is tried before giving up, and
/// the error names the platform and the file that was looked for.
DynamicLibrary openTempoLibrary([String? path]) {
  if (path != null) return DynamicLibrary.open(path);
  final String file;
  if (Platform.isIOS || Platform.isMacOS) {
    file = 'tempo.framework/tempo';
  } else if (Platform.isWindows) {
    file = 'tempo.dll';
  } else if (Platform.isAndroid || Platform.isLinux) {
    file = 'libtempo.so';
  } else {
    throw UnsupportedError('tempo: no native library for ${Platform.operatingSystem}');
  }
  try {
    return DynamicLibrary.open(file);
  } on ArgumentError catch (opening) {
    try {
      final process = DynamicLibrary.process();
      if (process.providesSymbol('tempo_abi_version')) return process;
    } on Object {
      // Not available on this platform (Windows): report the first failure.
    }
    throw StateError(
      'tempo: cannot open $file on ${Platform.operatingSystem}, and the app '
      'does not link libtempo statically. Is the tempo plugin in pubspec.yaml, '
      'and did the platform build (${_buildFor()}) run? ($opening)',
    );
  }
}

String _buildFor() {
  if (Platform.isAndroid) return 'Gradle externalNativeBuild';
  if (Platform.isIOS || Platform.isMacOS) return 'pod install';
  return "the runner's CMake";
}
