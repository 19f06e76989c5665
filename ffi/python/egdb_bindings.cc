// The endgame database from Python: tempo.egdb.probe / info on any buffer
// the caller owns (bytes from a file, a memoryview of a mapped file), and the
// search's egdb= argument (search_bindings.cc).
#include <pybind11/stl.h>

#include <optional>
#include <string>

#include "egdb/database.h"
#include "ffi/python/bindings.h"

namespace tempo::python {
namespace {

std::optional<std::string> probe(const Position& pos, py::handle buffer) {
  const BufferView view(buffer, "egdb", /*writable=*/false);
  absl::Status valid = pos.validate();
  raise_if_error(valid, "position");
  egdb::Value v;
  egdb::Database db;
  {
    py::gil_scoped_release release;
    db = egdb::Database::open(view.data(), view.size());
  }
  if (!db.ok()) {
    throw py::value_error(std::string("egdb: the database buffer is not usable: ") + egdb::status_name(db.status()));
  }
  if (!db.probe(pos, &v)) return std::nullopt;
  return std::string(egdb::value_name(v));
}

py::dict info(py::handle buffer, bool verify) {
  const BufferView view(buffer, "egdb", /*writable=*/false);
  const egdb::Database db = egdb::Database::open(view.data(), view.size());
  py::dict d;
  d["status"] = egdb::status_name(db.status());
  d["bytes"] = view.size();
  d["max_pieces"] = db.max_pieces();
  py::list slices;
  for (const egdb::SliceInfo& s : db.slices()) {
    py::dict e;
    e["name"] = s.material.name();
    e["positions"] = s.positions;
    e["bytes"] = s.bytes;
    slices.append(e);
  }
  d["slices"] = slices;
  if (verify) {
    absl::Status st;
    {
      py::gil_scoped_release release;
      st = db.verify();
    }
    d["verified"] = st.ok();
    if (!st.ok()) d["damage"] = std::string(st.message());
  }
  return d;
}

}  // namespace

void bind_egdb(py::module_& m) {
  py::module_ e = m.def_submodule("egdb", "The endgame database (win/draw/loss), read from a buffer you own.");
  e.def("probe", &probe, py::arg("position"), py::arg("egdb"),
        "The database's value of a position for the side to move: 'win', 'draw' or 'loss', or None when it is "
        "not in the database (too many pieces, slice not stored). egdb: a buffer (bytes, memoryview, mmap) "
        "holding a database file made by `tempo egdb build`; ValueError when it is not a usable database.");
  e.def("info", &info, py::arg("egdb"), py::arg("verify") = false,
        "What the buffer is: {'status', 'bytes', 'max_pieces', 'slices': [{'name', 'positions', 'bytes'}]}; "
        "status 'ok' or why not ('truncated', 'bad-magic', ...). verify=True also reads every byte against "
        "the slices' checksums ('verified', and 'damage' naming the slice).");
}

}  // namespace tempo::python
