// Endgame database files for the commands that take --egdb: mapped, not read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "search/session.h"

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
// `path`, or `path`/tempo.egdb when it is a directory.
std::string egdb_file_of(const std::string& path);

// The database a command uses and where it comes from.
struct EgdbChoice {
  std::string path;    // a file, or a directory holding tempo.egdb; empty: none
  std::string origin;  // "--egdb", "TEMPO_EGDB", "$XDG_DATA_HOME/tempo/egdb", ...: for messages
  bool given = false;  // --egdb on the command line: a bad one is the user's error, not skipped
};

// One place the default database is looked for, in order.
struct EgdbPlace {
  std::string path;
  std::string origin;
  // Taken whether or not anything is there (TEMPO_EGDB: empty turns the
  // default off, a path that is not there is reported, not passed over).
  bool as_is = false;
};
// Where a command looks when no --egdb is given (the environment read now):
//   1. $TEMPO_EGDB, a file or a directory; when it is set (even empty) it is
//      the only place;
//   2. $XDG_DATA_HOME/tempo/egdb, or ~/.local/share/tempo/egdb when
//      XDG_DATA_HOME is unset, empty or relative (Windows:
//      %LOCALAPPDATA%\tempo\egdb);
//   3. egdb next to the program (Linux: the directory of /proc/self/exe;
//      nowhere else).
std::vector<EgdbPlace> default_egdb_places();
// The first of those places that holds something: TEMPO_EGDB whenever it
// is set (empty: none), the others when the path is a file or a directory
// with tempo.egdb in it (an empty directory is passed over). Whether it is a usable database is the mapping's
// and the search's to say. Empty path: none (with origin "TEMPO_EGDB" when
// that turned the default off).
EgdbChoice default_egdb();
// --egdb as given (an empty value: none, nothing looked for), else default_egdb().
EgdbChoice chosen_egdb();

// Maps `path` (MappedEgdb::map) and hands it to `session`; on success the
// mapping moves into *file (the one it replaces goes only then). An error
// names the path and changes nothing: not mappable, or not a usable database.
absl::Status attach_egdb_file(Session& session, const std::string& path, MappedEgdb* file);

}  // namespace tempo::cli
