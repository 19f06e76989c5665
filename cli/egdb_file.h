// Endgame database files for the commands that take --egdb: mapped, not read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace tempo::cli {

// A database file mapped read-only and shared (mmap): every process that
// maps it shares one copy in the page cache, nothing is read until probed,
// nothing is copied. The library still takes a plain buffer: data(), size().
// The file must not be truncated while mapped (reading a page past the new
// end would raise SIGBUS); `tempo egdb build` replaces the file by a rename,
// which leaves a mapping intact.
class MappedEgdb {
 public:
  // `path`, or `path`/tempo.egdb when it is a directory. Refused, unread:
  // a missing file, one that is not a regular file (/dev/zero, a FIFO), an
  // empty one, one larger than any database can be (egdb::max_database_bytes()).
  // The contents are not judged here: the search opens them and reports.
  static absl::StatusOr<MappedEgdb> map(const std::string& path);

  MappedEgdb() = default;
  MappedEgdb(MappedEgdb&& o) noexcept;
  MappedEgdb& operator=(MappedEgdb&& o) noexcept;
  MappedEgdb(const MappedEgdb&) = delete;
  MappedEgdb& operator=(const MappedEgdb&) = delete;
  ~MappedEgdb();

  const std::uint8_t* data() const { return static_cast<const std::uint8_t*>(addr_); }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  void* addr_ = nullptr;
  std::size_t size_ = 0;
};

// The database file name inside a build directory.
inline constexpr const char* kEgdbFileName = "tempo.egdb";

}  // namespace tempo::cli
