// The transposition table buffer from Python: any writable buffer the caller
// owns, used in place. table_info() and clear_table() look at / reset one
// without searching.
#include <string>

#include "absl/strings/str_cat.h"
#include "ffi/python/bindings.h"
#include "search/search.h"
#include "tt/table.h"

namespace tempo::python {

BufferView::BufferView(py::handle obj, const char* what, bool writable) {
  const int flags = PyBUF_SIMPLE | (writable ? PyBUF_WRITABLE : 0);
  if (PyObject_GetBuffer(obj.ptr(), &view_, flags) == 0) return;
  PyErr_Clear();
  const std::string type = py::str(py::type::of(obj).attr("__name__"));
  if (!PyObject_CheckBuffer(obj.ptr())) {
    throw py::type_error(
        absl::StrCat(what, " must be a buffer (bytearray, memoryview or numpy uint8 array), got ", type));
  }
  Py_buffer probe{};
  if (writable && PyObject_GetBuffer(obj.ptr(), &probe, PyBUF_SIMPLE) == 0) {
    const bool readonly = probe.readonly != 0;
    PyBuffer_Release(&probe);
    if (readonly) {
      throw py::type_error(absl::StrCat(what, " is a read-only buffer (", type,
                                        "); the engine writes the table in place: pass a bytearray, "
                                        "a writable memoryview or a numpy uint8 array"));
    }
  }
  PyErr_Clear();
  throw py::type_error(absl::StrCat(what, " must be one contiguous block of memory (", type, " is not)"));
}

BufferView::~BufferView() { PyBuffer_Release(&view_); }

namespace {

py::dict table_info(py::handle buffer) {
  const BufferView view(buffer, "table", /*writable=*/false);
  const tt::Info info = value_or_raise(tt::info(view.data(), view.size(), table_fingerprint()), "table");
  py::dict d;
  d["bytes"] = info.bytes;
  d["buckets"] = info.buckets;
  d["entries"] = info.entries;
  d["format_version"] = info.format_version;
  d["generation"] = info.generation;
  d["fill"] = info.fill;
  d["status"] = tt::status_name(info.status);
  d["reason"] = tt::reason_name(info.reason);
  return d;
}

}  // namespace

void bind_table(py::module_& m) {
  m.attr("TABLE_MIN_BYTES") = tt::kMinBytes;
  m.attr("TABLE_DEFAULT_BYTES") = kTableSize.default_bytes();  // the schema's default (search/params.h)
  m.def("table_info", &table_info, py::arg("buffer"),
        "What a search would find in a table buffer, without searching: a dict with bytes, buckets, "
        "entries, format_version, generation, fill (0..1, sampled), status ('reused', 'fresh', 'reset') "
        "and reason (why it would be reset, or 'none'). Reads only.");
  m.def(
      "clear_table",
      [](py::handle buffer) {
        const BufferView view(buffer, "table", /*writable=*/true);
        py::gil_scoped_release release;
        raise_if_error(tt::clear(view.data(), view.size()), "table");
      },
      py::arg("buffer"), "Makes a writable buffer an empty table (writes every byte).");
}

}  // namespace tempo::python
