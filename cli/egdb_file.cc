#include "cli/egdb_file.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "engine/text.h"

namespace tempo::cli {

absl::StatusOr<std::vector<std::uint8_t>> read_egdb(const std::string& path) {
  std::error_code ec;
  std::filesystem::path file = path;
  if (std::filesystem::is_directory(file, ec)) file /= kEgdbFileName;
  std::ifstream in(file, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read the endgame database ", quote(file.string())));
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return absl::DataLossError(absl::StrCat("error reading ", quote(file.string())));
  return bytes;
}

}  // namespace tempo::cli
