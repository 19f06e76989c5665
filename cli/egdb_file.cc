#include "cli/egdb_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "egdb/database.h"
#include "rules/text.h"

namespace tempo::cli {

absl::StatusOr<MappedEgdb> MappedEgdb::map(const std::string& path) {
  std::error_code ec;
  std::filesystem::path file = path;
  if (std::filesystem::is_directory(file, ec)) file /= kEgdbFileName;
  const std::string name = quote(file.string());
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
