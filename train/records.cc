#include "train/records.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "rules/movegen.h"

namespace tempo::train {
namespace {

using File = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

constexpr std::size_t kGameHeaderBytes = 10;
constexpr std::uint8_t kWideIndex = 255;

bool before(const Move& a, const Move& b) {
  if (a.from != b.from) return a.from < b.from;
  if (a.to != b.to) return a.to < b.to;
  return a.captured < b.captured;
}

// The legal moves of `pos` in the file's order.
void ordered_moves(const Position& pos, MoveList& list) {
  generate_moves(pos, list);
  std::sort(list.begin(), list.end(), before);
}

void put16(std::string& out, std::uint16_t v) {
  out.push_back(static_cast<char>(v & 0xff));
  out.push_back(static_cast<char>(v >> 8));
}
std::uint16_t get16(const unsigned char* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }

File open_regular(const std::string& path, const char* mode, absl::Status* error) {
  File f(std::fopen(path.c_str(), mode), &std::fclose);
  if (!f) {
    *error = absl::NotFoundError(absl::StrCat("cannot open ", path));
    return f;
  }
  // Records are loaded whole (the fitter passes over them many times): a
  // regular file only, its size the bound (not a pipe or /dev/zero).
  struct stat st {};
  if (::fstat(::fileno(f.get()), &st) != 0 || !S_ISREG(st.st_mode)) {
    *error = absl::InvalidArgumentError(absl::StrCat(path, " is not a regular file"));
    f.reset();
  }
  return f;
}

// Reads one game at the file's position. Ok with `*whole` false at the end of
// the file or before a cut-off game; an error when the game is damaged.
// `out` (optional) receives the game's training positions.
absl::Status read_game(std::FILE* f, const std::string& path, std::uint32_t ordinal, bool* whole,
                       std::uint32_t* number_out, std::vector<Record>* out) {
  *whole = false;
  unsigned char head[kGameHeaderBytes];
  if (std::fread(head, 1, sizeof head, f) != sizeof head) return absl::OkStatus();
  const std::uint32_t number = get16(head) | static_cast<std::uint32_t>(get16(head + 2)) << 16;
  const auto result = static_cast<std::int8_t>(head[4]);
  const int moves = get16(head + 6);
  const int move_bytes = get16(head + 8);
  auto damaged = [&](const std::string& what) {
    return absl::DataLossError(absl::StrCat(path, ": game ", ordinal, " (number ", number, ") ", what));
  };
  if (result < -1 || result > 1 || head[5] != 0) return damaged("has a bad header");
  if (move_bytes < moves || move_bytes > 3 * moves) return damaged("has a bad move count");
  std::vector<unsigned char> body(static_cast<std::size_t>(move_bytes) + 2u * (moves + 1));
  if (std::fread(body.data(), 1, body.size(), f) != body.size()) return absl::OkStatus();  // cut off

  Position pos = Position::start();
  MoveList list;
  const unsigned char* m = body.data();
  const unsigned char* end_moves = m + move_bytes;
  const unsigned char* scores = end_moves;
  for (int ply = 0; ply <= moves; ++ply) {
    const auto score = static_cast<std::int16_t>(get16(scores + 2 * ply));
    if (score != kNoScore && out) {
      Record r;
      r.white = pos.white;
      r.black = pos.black;
      r.kings = pos.kings;
      r.side = pos.side == Color::kWhite ? 0 : 1;
      r.result = result;
      r.score = score;
      r.game = number;
      out->push_back(r);
    }
    if (ply == moves) break;
    if (m >= end_moves) return damaged("ends its moves early");
    int index = *m++;
    if (index == kWideIndex) {
      if (end_moves - m < 2) return damaged("ends its moves early");
      index = get16(m);
      m += 2;
    }
    ordered_moves(pos, list);
    if (index >= list.size) return damaged(absl::StrCat("has no legal move ", index, " at ply ", ply));
    pos = pos.after(list[index]);
  }
  if (m != end_moves) return damaged("has extra move bytes");
  *whole = true;
  *number_out = number;
  return absl::OkStatus();
}

bool has_magic(std::FILE* f) {
  char magic[kGameFileMagic.size()];
  return std::fread(magic, 1, sizeof magic, f) == sizeof magic &&
         std::string_view(magic, sizeof magic) == kGameFileMagic;
}

absl::StatusOr<std::vector<Record>> read_plain_records(std::FILE* f, const std::string& path, long size) {
  std::vector<Record> out(static_cast<std::size_t>(size) / sizeof(Record));
  if (!out.empty() && std::fread(out.data(), sizeof(Record), out.size(), f) != out.size()) {
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

}  // namespace

int move_index(const Position& pos, const Move& m) {
  MoveList list;
  ordered_moves(pos, list);
  for (int i = 0; i < list.size; ++i)
    if (list[i] == m) return i;
  return -1;
}

absl::StatusOr<std::string> encode_game(const GameRecord& game) {
  if (game.scores.size() != game.moves.size() + 1) {
    return absl::InvalidArgumentError("a game record needs one score for each position (moves + 1)");
  }
  if (game.moves.size() > 0xffff) return absl::InvalidArgumentError("a game record holds at most 65535 moves");
  if (game.result < -1 || game.result > 1) return absl::InvalidArgumentError("result must be 1, 0 or -1");
  std::string moves;
  Position pos = Position::start();
  for (std::size_t i = 0; i < game.moves.size(); ++i) {
    const int index = move_index(pos, game.moves[i]);
    if (index < 0) return absl::InvalidArgumentError(absl::StrCat("move ", i + 1, " of the game is not legal"));
    if (index < kWideIndex) {
      moves.push_back(static_cast<char>(index));
    } else {
      moves.push_back(static_cast<char>(kWideIndex));
      put16(moves, static_cast<std::uint16_t>(index));
    }
    pos = pos.after(game.moves[i]);
  }
  std::string out;
  out.reserve(kGameHeaderBytes + moves.size() + 2 * game.scores.size());
  for (int b = 0; b < 4; ++b) out.push_back(static_cast<char>((game.number >> (8 * b)) & 0xff));
  out.push_back(static_cast<char>(game.result));
  out.push_back(0);
  put16(out, static_cast<std::uint16_t>(game.moves.size()));
  put16(out, static_cast<std::uint16_t>(moves.size()));
  out += moves;
  for (std::int16_t s : game.scores) put16(out, static_cast<std::uint16_t>(s));
  return out;
}

absl::StatusOr<std::vector<Record>> read_records(const std::string& path, std::uint32_t* games) {
  absl::Status error;
  File f = open_regular(path, "rb", &error);
  if (!f) return error;
  struct stat st {};
  ::fstat(::fileno(f.get()), &st);
  if (!has_magic(f.get())) {
    std::rewind(f.get());
    absl::StatusOr<std::vector<Record>> out = read_plain_records(f.get(), path, static_cast<long>(st.st_size));
    if (out.ok() && games) {
      *games = 0;
      for (std::size_t i = 0; i < out->size(); ++i) *games += i == 0 || (*out)[i].game != (*out)[i - 1].game;
    }
    return out;
  }
  std::vector<Record> out;
  // At most one training position per byte of moves (plus one): reserve for
  // the common case, about a third of the file's bytes.
  out.reserve(static_cast<std::size_t>(st.st_size) / 3);
  std::uint32_t n = 0;
  for (bool whole = true; whole; n += whole) {
    std::uint32_t number = 0;
    if (absl::Status s = read_game(f.get(), path, n, &whole, &number, &out); !s.ok()) return s;
  }
  if (games) *games = n;
  return out;
}

absl::StatusOr<GameFileState> prepare_game_file(const std::string& path) {
  GameFileState state;
  absl::Status error;
  {
    File create(std::fopen(path.c_str(), "ab"), &std::fclose);  // exists afterwards, nothing cut
    if (!create) return absl::NotFoundError(absl::StrCat("cannot open ", path, " for writing"));
  }
  File f = open_regular(path, "r+b", &error);
  if (!f) return error;
  struct stat st {};
  ::fstat(::fileno(f.get()), &st);
  if (st.st_size == 0) {
    if (std::fwrite(kGameFileMagic.data(), 1, kGameFileMagic.size(), f.get()) != kGameFileMagic.size() ||
        std::fflush(f.get()) != 0)
      return absl::InternalError(absl::StrCat("cannot write ", path));
    return state;
  }
  if (!has_magic(f.get())) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, " is not a game file (an older file of 32-byte records?): write the games to a new file"));
  }
  long whole_end = static_cast<long>(kGameFileMagic.size());
  for (;;) {
    bool whole = false;
    std::uint32_t number = 0;
    if (absl::Status s = read_game(f.get(), path, state.games, &whole, &number, nullptr); !s.ok()) return s;
    if (!whole) break;
    whole_end = std::ftell(f.get());
    ++state.games;
    state.next_number = std::max(state.next_number, number + 1);
  }
  if (whole_end < static_cast<long>(st.st_size) && ::ftruncate(::fileno(f.get()), whole_end) != 0) {
    return absl::InternalError(absl::StrCat("cannot cut the partial last game off ", path));
  }
  return state;
}

}  // namespace tempo::train
