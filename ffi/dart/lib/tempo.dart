/// Tempo, an international-draughts engine (10x10, FMJD rules), for Flutter
/// through dart:ffi.
///
/// - [TempoAi]: the isolate service on one carried table (findBestMove,
///   ponder / stop, moveNow, cancel).
/// - [TempoBindings]: every C function of tempo.h, for anything else (legal
///   moves, move text, game status, table facts).
/// - [rotateSquare] / [rotateBoard]: the app's rotated numbering; [TempoMove]
///   and its capture [TempoStep]s.
library tempo;

export 'src/bindings.dart';
export 'src/board.dart';
export 'src/library.dart';
export 'src/tempo_ai.dart';
