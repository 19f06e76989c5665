#include "train/records.h"

#include <sys/stat.h>
#include <cstdio>
#include <memory>

#include "absl/strings/str_cat.h"

namespace tempo::train {

absl::StatusOr<std::vector<Record>> read_records(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  // Records are loaded whole (the fitter passes over them many times): a
  // regular file only, its size the bound (not a pipe or /dev/zero).
  struct stat st {};
  if (::fstat(::fileno(f.get()), &st) != 0 || !S_ISREG(st.st_mode)) {
    return absl::InvalidArgumentError(absl::StrCat(path, " is not a regular file"));
  }
  const long size = static_cast<long>(st.st_size);
  std::vector<Record> out(static_cast<std::size_t>(size) / sizeof(Record));
  if (!out.empty() && std::fread(out.data(), sizeof(Record), out.size(), f.get()) != out.size()) {
    return absl::DataLossError(absl::StrCat("short read from ", path));
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    const Record& r = out[i];
    if (r.side > 1 || r.result < -1 || r.result > 1 || !r.position().validate().ok()) {
      return absl::DataLossError(absl::StrCat(path, ": record ", i, " is not a valid training record"));
    }
  }
  return out;
}

}  // namespace tempo::train
