#include "cli/egdb_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "cli/flags.h"
#include "egdb/database.h"
#include "rules/text.h"

namespace tempo::cli {

std::string egdb_file_of(const std::string& path) {
  std::error_code ec;
  std::filesystem::path file = path;
  if (std::filesystem::is_directory(file, ec)) file /= kEgdbFileName;
  return file.string();
}

absl::StatusOr<MappedEgdb> MappedEgdb::map(const std::string& path) {
  const std::string file = egdb_file_of(path);
  const std::string name = quote(file);
  // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat on the
  // descriptor then judges what was opened, not what the path names now.
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0)
    return absl::NotFoundError(absl::StrCat("cannot open the endgame database ", name, ": ", std::strerror(errno)));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int e = errno;
    ::close(fd);
    return absl::InternalError(absl::StrCat("cannot stat ", name, ": ", std::strerror(e)));
  }
  const std::uint64_t limit = egdb::max_database_bytes();
  absl::Status refused;
  if (!S_ISREG(st.st_mode)) {
    refused = absl::InvalidArgumentError(absl::StrCat(name, " is not a regular file"));
  } else if (st.st_size == 0) {
    refused = absl::InvalidArgumentError(absl::StrCat(name, " is empty"));
  } else if (static_cast<std::uint64_t>(st.st_size) > limit) {
    refused = absl::InvalidArgumentError(
        absl::StrCat(name, " has ", st.st_size, " bytes, more than any endgame database (", limit, ")"));
  }
  if (!refused.ok()) {
    ::close(fd);
    return refused;
  }
  MappedEgdb out;
  const std::size_t size = static_cast<std::size_t>(st.st_size);
  void* addr = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  const int e = errno;
  ::close(fd);  // the mapping keeps the file
  if (addr == MAP_FAILED)
    return absl::ResourceExhaustedError(absl::StrCat("cannot map ", name, ": ", std::strerror(e)));
  out.addr_ = addr;
  out.size_ = size;
  return out;
}

namespace {

// An environment variable's value; nullopt when it is not set.
std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

// Something by that name, whatever it is: a dangling link or an unreadable
// file is found too, so that mapping it reports why it cannot be used.
bool present(const std::filesystem::path& p) {
  std::error_code ec;
  const std::filesystem::file_status s = std::filesystem::symlink_status(p, ec);
  return s.type() != std::filesystem::file_type::not_found;
}

// A default place holds a database: the file itself, or a directory with one.
bool holds_database(const std::string& p) { return present(egdb_file_of(p)); }

}  // namespace

std::vector<EgdbPlace> default_egdb_places() {
  namespace fs = std::filesystem;
  if (std::optional<std::string> given = env("TEMPO_EGDB")) return {{*std::move(given), "TEMPO_EGDB", true}};
  std::vector<EgdbPlace> places;
#ifdef _WIN32
  if (std::optional<std::string> local = env("LOCALAPPDATA"); local && !local->empty()) {
    places.push_back({(fs::path(*local) / "tempo" / "egdb").string(), "%LOCALAPPDATA%\\tempo\\egdb"});
  }
#else
  // The XDG base directory rules: a relative XDG_DATA_HOME is to be ignored.
  const std::optional<std::string> xdg = env("XDG_DATA_HOME");
  const std::optional<std::string> home = env("HOME");
  if (xdg && !xdg->empty() && fs::path(*xdg).is_absolute()) {
    places.push_back({(fs::path(*xdg) / "tempo" / "egdb").string(), "$XDG_DATA_HOME/tempo/egdb"});
  } else if (home && !home->empty()) {
    places.push_back({(fs::path(*home) / ".local" / "share" / "tempo" / "egdb").string(), "~/.local/share/tempo/egdb"});
  }
#endif
#ifdef __linux__
  std::error_code ec;
  if (const fs::path exe = fs::read_symlink("/proc/self/exe", ec); !ec && exe.has_parent_path()) {
    places.push_back({(exe.parent_path() / "egdb").string(), "egdb next to the program"});
  }
#endif
  return places;
}

EgdbChoice default_egdb() {
  for (EgdbPlace& p : default_egdb_places()) {
    if (p.as_is || holds_database(p.path)) return {std::move(p.path), std::move(p.origin), false};
  }
  return {};
}

EgdbChoice chosen_egdb() {
  if (GivenText flag = absl::GetFlag(FLAGS_egdb); flag.given) return {std::move(flag.text), "--egdb", true};
  return default_egdb();
}

absl::Status attach_egdb_file(Session& session, const std::string& path, MappedEgdb* file) {
  MappedEgdb mapped;
  if (!path.empty()) {
    absl::StatusOr<MappedEgdb> read = MappedEgdb::map(path);
    if (!read.ok()) return read.status();
    mapped = *std::move(read);
  }
  // The session reads the mapped bytes in place; the old mapping goes once it has let go.
  if (absl::Status st = session.attach_egdb({mapped.data(), mapped.size()}); !st.ok()) {
    return absl::Status(st.code(), absl::StrCat(quote(egdb_file_of(path)), " is ", st.message()));
  }
  *file = std::move(mapped);
  return absl::OkStatus();
}

MappedEgdb::MappedEgdb(MappedEgdb&& o) noexcept : addr_(o.addr_), size_(o.size_) {
  o.addr_ = nullptr;
  o.size_ = 0;
}

MappedEgdb& MappedEgdb::operator=(MappedEgdb&& o) noexcept {
  if (this != &o) {
    if (addr_ != nullptr) ::munmap(addr_, size_);
    addr_ = o.addr_;
    size_ = o.size_;
    o.addr_ = nullptr;
    o.size_ = 0;
  }
  return *this;
}

MappedEgdb::~MappedEgdb() {
  if (addr_ != nullptr) ::munmap(addr_, size_);
}

}  // namespace tempo::cli
