// Shared pieces of the `tempo` Python module: one bind_* function per file,
// the Python-side Move (a move together with the position it is played in,
// which its PDN text and capture route depend on), and status -> exception.
//
// The module is a thin shell over the C++ API: it converts, validates the
// Python-level arguments and releases the GIL around long calls; every rule
// lives in rules/, search/ and tt/.
#pragma once

#include <pybind11/pybind11.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rules/move.h"
#include "rules/position.h"

namespace tempo::python {

namespace py = pybind11;

// A legal move and the position before it.
struct PyMove {
  Position before;
  Move move;
};

// A contiguous byte view of a Python buffer (bytearray, memoryview, numpy
// array...), held for the length of one call: while held, a bytearray cannot
// be resized under us. Used in place, never copied. Create and destroy it
// with the GIL held.
class BufferView {
 public:
  // TypeError when `obj` is not a buffer, not contiguous, or (with
  // `writable`) read-only. `what` names the argument in the message.
  BufferView(py::handle obj, const char* what, bool writable);
  ~BufferView();
  BufferView(const BufferView&) = delete;
  BufferView& operator=(const BufferView&) = delete;

  std::uint8_t* data() const { return static_cast<std::uint8_t*>(view_.buf); }
  std::size_t size() const { return static_cast<std::size_t>(view_.len); }

 private:
  Py_buffer view_{};
};

// Raises ValueError carrying the engine's message (with a prefix naming the
// argument, when given).
void raise_if_error(const absl::Status& status, const std::string& context = "");

template <typename T>
T value_or_raise(absl::StatusOr<T> result, const std::string& context = "") {
  raise_if_error(result.status(), context);
  return *std::move(result);
}

// The legal move of `pos` that `move_or_text` names: a Move (which must be
// legal in `pos`) or PDN move text (short or long form; Hub text accepted
// too). Raises ValueError / TypeError.
Move resolve_move(const Position& pos, py::handle move_or_text);

// Squares 1..50 of the set bits of a bitboard, increasing.
std::vector<int> squares_of(Bitboard b);

// Python Move objects for a line of moves played from `pos`.
std::vector<PyMove> line_from(Position pos, const Move* moves, int count);

void bind_position(py::module_& m);
void bind_table(py::module_& m);
void bind_game(py::module_& m);
void bind_search(py::module_& m);
void bind_egdb(py::module_& m);

}  // namespace tempo::python
