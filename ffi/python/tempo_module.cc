// `tempo._tempo`, the extension inside the `tempo` package: international
// draughts (FMJD rules) from Python. ffi/python/tempo/__init__.py re-exports
// it; see ffi/python/README.md for usage and tempo/_tempo.pyi for the typed API.
#include "ffi/python/bindings.h"

PYBIND11_MODULE(_tempo, m) {
  m.doc() =
      "Tempo's extension module (use it through the `tempo` package).\n\n"
      "Position and Move for the rules, Game for records with PDN and the draw rules, "
      "search() for the engine (the GIL is released while it thinks).";
  m.attr("__version__") = TEMPO_VERSION;
  // The classes say they are `tempo.X`, where users (and pickle) find them:
  // pybind11 takes a class's __module__ from the module's name while binding.
  m.attr("__name__") = "tempo";
  tempo::python::bind_position(m);
  tempo::python::bind_game(m);
  tempo::python::bind_table(m);
  tempo::python::bind_search(m);
  m.attr("__name__") = "tempo._tempo";
  tempo::python::bind_egdb(m);
}
