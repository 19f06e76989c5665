import 'dart:ffi';
import 'dart:io' show Platform;

/// Opens libtempo the platform's way, or the file at [path]. Call it in every
/// isolate that uses the library (a DynamicLibrary cannot be sent).
DynamicLibrary openTempoLibrary([String? path]) {
  if (path != null) return DynamicLibrary.open(path);
  if (Platform.isIOS) return DynamicLibrary.process(); // linked statically into the app
  if (Platform.isMacOS) return DynamicLibrary.open('libtempo.dylib');
  if (Platform.isWindows) return DynamicLibrary.open('tempo.dll');
  return DynamicLibrary.open('libtempo.so'); // Android (jniLibs) and Linux
}
