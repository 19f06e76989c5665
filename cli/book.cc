// `tempo book build`: writes the opening book (train/book.h) that the build
// compiles in (data/book.txt, search/book.h).
#include <cstdio>
#include <fstream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "rules/position.h"
#include "train/book.h"
#include "train/openings.h"

ABSL_DECLARE_FLAG(std::string, out);
ABSL_DECLARE_FLAG(std::string, openings);
ABSL_FLAG(int, book_plies, 4, "book build: plies past the initial position and each opening's end, 1..40");
ABSL_FLAG(int, book_depth, 12, "book build: search depth at every position, 1..127");
ABSL_FLAG(int, book_margin, 10, "book build: keep moves scoring within this of the best (100 = a man), 0..10000");
ABSL_FLAG(int, book_tt_mb, 64, "book build: the search's table in MiB, 1..4096");

namespace tempo::cli {

int run_book(const Args& args) {
  auto fail = [](const std::string& what) {
    std::fprintf(stderr, "tempo book: %s\n", what.c_str());
    return 2;
  };
  if (args.empty() || args[0] != "build") return fail("usage: tempo book build --out FILE [--book-plies N ...]");
  if (args.size() > 1) return fail("unexpected argument '" + args[1] + "'");
  const std::string out = absl::GetFlag(FLAGS_out);
  if (out.empty()) return fail("--out FILE is required (data/book.txt is the one compiled in)");
  const std::string openings_path = find_openings(absl::GetFlag(FLAGS_openings));
  absl::StatusOr<std::vector<train::Opening>> openings = train::read_openings(openings_path);
  if (!openings.ok()) return fail(std::string(openings.status().message()));
  train::BookOptions opt;
  opt.roots.push_back(Position::start());
  for (const train::Opening& o : *openings) opt.roots.push_back(o.end);
  opt.plies = absl::GetFlag(FLAGS_book_plies);
  opt.depth = absl::GetFlag(FLAGS_book_depth);
  opt.margin = absl::GetFlag(FLAGS_book_margin);
  opt.tt_mib = absl::GetFlag(FLAGS_book_tt_mb);
  opt.progress = [](const std::string& line) {
    std::fprintf(stderr, "%s\n", line.c_str());
    std::fflush(stderr);
  };
  absl::StatusOr<std::vector<train::BookEntry>> entries = train::build_book(opt);
  if (!entries.ok()) return fail(std::string(entries.status().message()));
  const std::string text = train::format_book(
      *entries, opt.depth, opt.margin,
      {"Tempo's opening book: written by `tempo book build` (docs/strength.md, \"Opening book\"),",
       absl::StrCat("from the initial position and ", openings->size(), " openings, --book-plies ", opt.plies,
                    " --book-depth ", opt.depth, " --book-margin ", opt.margin, "."),
       "Compiled into the library by cmake/gen_book.cmake. Do not edit: the checksum would refuse it."});
  const std::string tmp = out + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << text;
    if (!f.flush()) return fail("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), out.c_str()) != 0) return fail("cannot rename " + tmp + " to " + out);
  std::fprintf(stderr, "book: wrote %s: %zu moves, %zu bytes\n", out.c_str(), entries->size(), text.size());
  return 0;
}

}  // namespace tempo::cli
