// The endgame database from Python: tempo.egdb.probe / info on any buffer
// the caller owns (bytes from a file, a memoryview of a mapped file), and the
// search's egdb= argument (search_bindings.cc).
#include <pybind11/stl.h>

#include <fcntl.h>

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

// The file mapped read-only and shared (Python's mmap): the pages are the
// page cache's, shared by every process (Dask workers) mapping the file,
// never copied; the search reads them in place like any buffer. Refused
// unread: what is not a regular file (/dev/zero, a FIFO), an empty file, one
// larger than any database (the mapping front end's check, as the CLI's).
py::object open_file(py::object path) {
  py::module_ os = py::module_::import("os");
  py::module_ stat = py::module_::import("stat");
  py::object name = os.attr("fspath")(path);
  if (os.attr("path").attr("isdir")(name).cast<bool>()) name = os.attr("path").attr("join")(name, "tempo.egdb");
  const int flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC;  // a FIFO must not block the open
  py::object fd = os.attr("open")(name, flags);
  try {
    py::object st = os.attr("fstat")(fd);
    const std::string shown = py::repr(os.attr("fsdecode")(name));
    const std::uint64_t size = st.attr("st_size").cast<std::uint64_t>();
    if (!stat.attr("S_ISREG")(st.attr("st_mode")).cast<bool>()) {
      throw py::value_error("egdb.open: " + shown + " is not a regular file");
    }
    if (size == 0) throw py::value_error("egdb.open: " + shown + " is empty");
    if (size > egdb::max_database_bytes()) {
      throw py::value_error("egdb.open: " + shown + " has " + std::to_string(size) +
                            " bytes, more than any endgame database (" + std::to_string(egdb::max_database_bytes()) +
                            ")");
    }
    py::module_ mmap = py::module_::import("mmap");
    py::object mapped = mmap.attr("mmap")(fd, 0, py::arg("access") = mmap.attr("ACCESS_READ"));
    os.attr("close")(fd);  // the mapping keeps the file
    return mapped;
  } catch (...) {
    os.attr("close")(fd);
    throw;
  }
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
  e.def("open", &open_file, py::arg("path"),
        "The database file at path (or path/tempo.egdb for a directory) mapped read-only and shared: an "
        "mmap.mmap, usable wherever a database buffer goes (search(egdb=...), probe, info). Nothing is read "
        "until probed and nothing is copied; processes mapping one file share its pages. close() it, or let it "
        "go, when done. OSError when the file cannot be opened; ValueError when it is not a regular file, is "
        "empty, or is larger than any database (MAX_BYTES).");
  e.attr("MAX_BYTES") = egdb::max_database_bytes();
}

}  // namespace tempo::python
