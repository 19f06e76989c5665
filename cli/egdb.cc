// `tempo egdb build|probe|info`: generate the endgame database, look a
// position up, describe a database file.
//
// build writes, per solved slice, DIR/slices/<name>.wdl (every position's
// value, 2 bits each: what later slices are solved from) and
// DIR/slices/<name>.egs (the stored, compressed form), each through a
// temporary file and a rename, so an interrupted build resumes at the slice
// pair it was solving; at the end DIR/tempo.egdb gathers the stored slices.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/commands.h"
#include "cli/egdb_file.h"
#include "cli/flags.h"
#include "egdb/database.h"
#include "egdb/format.h"
#include "egdb/generate.h"
#include "egdb/writer.h"
#include "rules/fen.h"
#include "rules/movegen.h"
#include "rules/notation.h"
#include "rules/text.h"

ABSL_DECLARE_FLAG(std::string, out);

namespace tempo::cli {
namespace {

namespace fs = std::filesystem;
using egdb::Material;

// Slice files: a 32-byte header (magic, material code, reserved, byte count,
// checksum of the bytes), then the bytes.
constexpr std::uint64_t kValuesMagic = 0x4C44572D4F504D54ULL;  // "TMPO-WDL"
constexpr std::uint64_t kStoredMagic = 0x5347452D4F504D54ULL;  // "TMPO-EGS"

absl::Status write_slice_file(const fs::path& path, std::uint64_t magic, const Material& m,
                              const std::vector<std::uint8_t>& bytes) {
  std::uint8_t h[32] = {};
  egdb::format::store64(h, magic);
  egdb::format::store32(h + 8, m.code());
  egdb::format::store64(h + 16, bytes.size());
  egdb::format::store64(h + 24, egdb::format::checksum(bytes.data(), bytes.size(), magic));
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(h), sizeof h);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) return absl::InternalError(absl::StrCat("cannot write ", quote(tmp.string())));
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return absl::InternalError(absl::StrCat("cannot rename to ", quote(path.string()), ": ", ec.message()));
  return absl::OkStatus();
}

// The bytes of a complete, undamaged slice file, or nothing.
std::optional<std::vector<std::uint8_t>> read_slice_file(const fs::path& path, std::uint64_t magic, const Material& m) {
  // Our own output, but read whole: only a regular file no larger than a database.
  std::error_code ec;
  if (!fs::is_regular_file(path, ec) || fs::file_size(path, ec) > egdb::max_database_bytes() || ec) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::vector<std::uint8_t> all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (all.size() < 32) return std::nullopt;
  const std::uint64_t n = egdb::format::load64(all.data() + 16);
  if (egdb::format::load64(all.data()) != magic || egdb::format::load32(all.data() + 8) != m.code() ||
      n != all.size() - 32 ||
      egdb::format::checksum(all.data() + 32, n, magic) != egdb::format::load64(all.data() + 24)) {
    return std::nullopt;
  }
  return std::vector<std::uint8_t>(all.begin() + 32, all.end());
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

int build(const Args& args) {
  if (args.size() > 1) {
    std::fprintf(stderr, "tempo egdb build: unexpected argument %s\n", quote(args[1]).c_str());
    return 2;
  }
  const int pieces = absl::GetFlag(FLAGS_pieces);
  const bool kings_only = absl::GetFlag(FLAGS_kings_only);
  const std::string out = absl::GetFlag(FLAGS_out);
  if (pieces < 2 || pieces > egdb::kMaxPieces) {
    std::fprintf(stderr, "tempo egdb build: --pieces must be 2..%d\n", egdb::kMaxPieces);
    return 2;
  }
  if (out.empty()) {
    std::fprintf(stderr, "tempo egdb build: --out DIR is required\n");
    return 2;
  }
  const fs::path dir = out, slices = dir / "slices";
  std::error_code ec;
  fs::create_directories(slices, ec);
  if (ec) {
    std::fprintf(stderr, "tempo egdb build: cannot create %s: %s\n", quote(slices.string()).c_str(),
                 ec.message().c_str());
    return 2;
  }
  const auto plan = egdb::build_plan(pieces, kings_only);
  std::uint64_t total_positions = 0, done_positions = 0;
  for (const auto& group : plan)
    for (const Material& m : group) total_positions += egdb::slice_size(m);
  std::printf("egdb build: %zu slice groups up to %d pieces%s, %llu index values\n", plan.size(), pieces,
              kings_only ? " (kings only)" : "", static_cast<unsigned long long>(total_positions));
  std::fflush(stdout);

  const auto start = std::chrono::steady_clock::now();
  egdb::Generator gen;
  std::vector<std::pair<Material, std::vector<std::uint8_t>>> stored;
  for (std::size_t k = 0; k < plan.size(); ++k) {
    const auto& group = plan[k];
    std::string name = group[0].name();
    if (group.size() > 1) name += " + " + group[1].name();
    std::uint64_t group_positions = 0;
    for (const Material& m : group) group_positions += egdb::slice_size(m);
    // Resume: a group whose files are all complete is loaded, not solved.
    std::vector<std::vector<std::uint8_t>> values, compressed;
    for (const Material& m : group) {
      auto v = read_slice_file(slices / (m.name() + ".wdl"), kValuesMagic, m);
      auto c = read_slice_file(slices / (m.name() + ".egs"), kStoredMagic, m);
      if (!v || !c) break;
      values.push_back(*std::move(v));
      compressed.push_back(*std::move(c));
    }
    const auto t = std::chrono::steady_clock::now();
    std::string what;
    if (values.size() == group.size()) {
      for (std::size_t i = 0; i < group.size(); ++i) {
        if (absl::Status st = gen.add(group[i], std::move(values[i])); !st.ok()) {
          std::fprintf(stderr, "tempo egdb build: %s\n", std::string(st.message()).c_str());
          return 1;
        }
      }
      what = "resumed";
    } else {
      absl::StatusOr<egdb::GroupStats> st = gen.solve(group);
      if (!st.ok()) {
        std::fprintf(stderr, "tempo egdb build: %s: %s\n", name.c_str(), std::string(st.status().message()).c_str());
        return 1;
      }
      compressed.clear();
      for (const Material& m : group) {
        compressed.push_back(gen.compressed(m));
        absl::Status w = write_slice_file(slices / (m.name() + ".wdl"), kValuesMagic, m, gen.values(m));
        if (w.ok()) w = write_slice_file(slices / (m.name() + ".egs"), kStoredMagic, m, compressed.back());
        if (!w.ok()) {
          std::fprintf(stderr, "tempo egdb build: %s\n", std::string(w.message()).c_str());
          return 1;
        }
      }
      what = absl::StrFormat("%llu positions: %llu wins, %llu draws, %llu losses",
                             static_cast<unsigned long long>(st->positions), static_cast<unsigned long long>(st->wins),
                             static_cast<unsigned long long>(st->draws), static_cast<unsigned long long>(st->losses));
    }
    std::uint64_t bytes = 0;
    for (std::size_t i = 0; i < group.size(); ++i) {
      bytes += compressed[i].size();
      stored.emplace_back(group[i], std::move(compressed[i]));
    }
    done_positions += group_positions;
    std::printf("[%zu/%zu %5.1f%%] %-14s %s; stored %llu bytes; %.1f s\n", k + 1, plan.size(),
                100.0 * static_cast<double>(done_positions) / static_cast<double>(total_positions), name.c_str(),
                what.c_str(), static_cast<unsigned long long>(bytes), seconds_since(t));
    std::fflush(stdout);
  }
  const std::vector<std::uint8_t> db = egdb::assemble(stored);
  const fs::path file = dir / kEgdbFileName;
  {
    std::ofstream f(file.string() + ".tmp", std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(db.data()), static_cast<std::streamsize>(db.size()));
    if (!f) {
      std::fprintf(stderr, "tempo egdb build: cannot write %s\n", quote(file.string()).c_str());
      return 1;
    }
  }
  fs::rename(file.string() + ".tmp", file, ec);
  if (ec) {
    std::fprintf(stderr, "tempo egdb build: cannot write %s\n", quote(file.string()).c_str());
    return 1;
  }
  std::printf("egdb build: wrote %s, %zu slices, %zu bytes, %.1f s\n", file.string().c_str(), stored.size(), db.size(),
              seconds_since(start));
  return 0;
}

// --egdb, else the database the other commands would use by default; *from
// says which it is.
absl::StatusOr<MappedEgdb> load(const char* command, EgdbChoice* from) {
  *from = chosen_egdb();
  if (from->path.empty()) {
    std::string why = "--egdb is required";
    if (!from->given && !from->origin.empty()) {
      absl::StrAppend(&why, " (", from->origin, " is set empty: no default)");
    } else if (!from->given) {
      // Say where the default was looked for.
      std::string looked;
      for (const EgdbPlace& p : default_egdb_places())
        absl::StrAppend(&looked, looked.empty() ? "" : ", ", quote(p.path));
      absl::StrAppend(&why, " (no database found in ", looked.empty() ? "no standard place" : looked, ")");
    }
    return absl::InvalidArgumentError(absl::StrCat("tempo egdb ", command, ": ", why));
  }
  absl::StatusOr<MappedEgdb> mapped = MappedEgdb::map(from->path);
  if (!mapped.ok())
    return absl::Status(mapped.status().code(),
                        absl::StrCat("tempo egdb ", command, ": ", from->origin, ": ", mapped.status().message()));
  return mapped;
}

int probe(const Args& args) {
  if (args.size() > 1) {
    std::fprintf(stderr, "tempo egdb probe: unexpected argument %s\n", quote(args[1]).c_str());
    return 2;
  }
  const std::optional<std::string> fen = given_fen();
  absl::StatusOr<Position> pos =
      fen ? parse_fen(*fen) : absl::StatusOr<Position>(absl::InvalidArgumentError("--fen is required"));
  if (!pos.ok()) {
    std::fprintf(stderr, "tempo egdb probe: --fen: %s\n", std::string(pos.status().message()).c_str());
    return 2;
  }
  EgdbChoice from;
  absl::StatusOr<MappedEgdb> bytes = load("probe", &from);
  if (!bytes.ok()) {
    std::fprintf(stderr, "%s\n", std::string(bytes.status().message()).c_str());
    return 2;
  }
  const egdb::Database db = egdb::Database::open(bytes->data(), bytes->size());
  if (!db.ok()) {
    std::fprintf(stderr, "tempo egdb probe: the database is not usable: %s\n", egdb::status_name(db.status()));
    return 1;
  }
  egdb::Value v;
  if (!db.probe(*pos, &v)) {
    std::printf("%s: not in the database (%d pieces; it holds up to %d)\n", to_fen(*pos).c_str(),
                popcount(pos->occupied()), db.max_pieces());
    return 1;
  }
  std::printf("%s: %s for %s\n", to_fen(*pos).c_str(), egdb::value_name(v),
              pos->side == Color::kWhite ? "White" : "Black");
  MoveList moves;
  generate_moves(*pos, moves);
  for (const Move& m : moves) {
    egdb::Value after;
    if (!db.probe(pos->after(m), &after)) continue;
    std::printf("  %s %s\n", to_pdn(*pos, m).c_str(),
                egdb::value_name(static_cast<egdb::Value>(-static_cast<int>(after))));
  }
  return 0;
}

int info(const Args& args) {
  if (args.size() > 1) {
    std::fprintf(stderr, "tempo egdb info: unexpected argument %s\n", quote(args[1]).c_str());
    return 2;
  }
  EgdbChoice from;
  absl::StatusOr<MappedEgdb> bytes = load("info", &from);
  if (!bytes.ok()) {
    std::fprintf(stderr, "%s\n", std::string(bytes.status().message()).c_str());
    return 2;
  }
  std::printf("database %s (%s)\n", quote(egdb_file_of(from.path)).c_str(), from.origin.c_str());
  const egdb::Database db = egdb::Database::open(bytes->data(), bytes->size());
  std::printf("status %s\n", egdb::status_name(db.status()));
  if (!db.ok()) return 1;
  std::uint64_t positions = 0;
  for (const egdb::SliceInfo& s : db.slices()) {
    std::printf("slice %-8s positions %11llu bytes %10llu\n", s.material.name().c_str(),
                static_cast<unsigned long long>(s.positions), static_cast<unsigned long long>(s.bytes));
    positions += s.positions;
  }
  std::printf("total %zu slices, %llu index values, %zu bytes, up to %d pieces\n", db.slices().size(),
              static_cast<unsigned long long>(positions), bytes->size(), db.max_pieces());
  if (absl::Status st = db.verify(); !st.ok()) {
    std::printf("verify %s\n", std::string(st.message()).c_str());
    return 1;
  }
  std::printf("verify ok\n");
  return 0;
}

}  // namespace

int run_egdb(const Args& args) {
  const std::string what = args.empty() ? "" : args[0];
  if (what == "build") return build(args);
  if (what == "probe") return probe(args);
  if (what == "info") return info(args);
  std::fprintf(stderr, "tempo egdb: say build, probe or info (got %s)\n", quote(what).c_str());
  return 2;
}

}  // namespace tempo::cli
