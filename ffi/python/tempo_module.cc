// The `tempo` Python module: international draughts (FMJD rules) from Python.
// See ffi/python/README.md for usage and tempo.pyi for the typed API.
#include "ffi/python/bindings.h"

PYBIND11_MODULE(tempo, m) {
  m.doc() =
      "Tempo: international draughts (10x10, FMJD rules).\n\n"
      "Position and Move for the rules, Game for records with PDN and the draw rules, "
      "search() for the engine (the GIL is released while it thinks).";
  tempo::python::bind_position(m);
  tempo::python::bind_game(m);
  tempo::python::bind_table(m);
  tempo::python::bind_search(m);
  tempo::python::bind_egdb(m);
}
