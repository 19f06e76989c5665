#include "cli/match_resume.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "rules/pdn.h"
#include "rules/text.h"

namespace tempo::cli {
namespace {

// A game's text (tags, moves, result) is far below this even at
// --match-max-plies 100000; more is not a match file (or /dev/zero).
constexpr std::size_t kMaxGameBytes = 4u << 20;

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

std::string_view first_line(std::string_view text) {
  const std::size_t at = text.find_first_not_of(" \t\r\n");
  text.remove_prefix(at == std::string_view::npos ? text.size() : at);
  text = text.substr(0, text.find('\n'));
  while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
  return text;
}

std::string_view last_token(std::string_view text) {
  const std::size_t end = text.find_last_not_of(" \t\r\n");
  if (end == std::string_view::npos) return {};
  text = text.substr(0, end + 1);
  const std::size_t start = text.find_last_of(" \t\r\n");
  return start == std::string_view::npos ? text : text.substr(start + 1);
}

// "params1=a; params2=b" against "params1=a; params2=c": the first item
// that differs, so the message names the one setting.
std::pair<std::string, std::string> first_difference(const std::string& a, const std::string& b) {
  const std::vector<std::string> x = absl::StrSplit(a, "; "), y = absl::StrSplit(b, "; ");
  for (std::size_t i = 0; i < std::max(x.size(), y.size()); ++i) {
    const std::string xi = i < x.size() ? x[i] : "", yi = i < y.size() ? y[i] : "";
    if (xi != yi) return {xi, yi};
  }
  return {a, b};
}

class Scanner {
 public:
  Scanner(const std::string& path, const std::function<MatchTags(int)>& expected,
          const std::function<void(int, const FinishedGame&)>& on_game)
      : path_(path), expected_(expected), on_game_(on_game) {}

  // One game's text (from its first tag line to the next game's), starting at `line`.
  absl::Status game(std::string_view text, int line) {
    if (blank(text)) return absl::OkStatus();
    const int number = out_.games + 1;
    const std::string_view head = first_line(text);
    const std::string_view event = kMatchEvent;
    if (!head.starts_with(event) && !event.starts_with(head)) {
      return absl::InvalidArgumentError(absl::StrCat(path_, ", line ", line, ": not a tempo match game (",
                                                     quote(std::string(head)), " where ", kMatchEvent,
                                                     " should stand)"));
    }
    std::vector<PdnEntry> entries = read_pdn_games(text, number, line);
    std::string unreadable;  // why this text is not a finished game
    if (entries.empty() || !entries[0].ok) {
      const PdnError& e = entries.empty() ? PdnError{} : entries[0].error;
      unreadable = absl::StrCat("line ", e.line, ", column ", e.column, ": ", e.reason);
    } else if (entries.size() > 1) {
      return absl::InvalidArgumentError(
          absl::StrCat(path_, ": text after game ", number, "'s result, at line ", entries[1].line));
    } else if (head != event || !normalise_result(last_token(text)).ok() || entries[0].game.result == "*") {
      unreadable = "it ends before its result";
    }
    if (!unreadable.empty()) {
      // Only a cut-off game is tolerated: the file's last, or one a resume
      // played again right after it. Two in a row is damage.
      if (pending_) return pending_error();
      pending_ = std::pair{line, absl::StrCat("game ", number, " (line ", line, ") cannot be read: ", unreadable)};
      return absl::OkStatus();
    }
    const PdnGame& g = entries[0].game;
    for (const auto& [name, want] : expected_(number)) {
      const std::string* have = g.tag(name);
      if (have && *have == want) continue;
      if (pending_) return pending_error();
      if (!have) {
        return absl::InvalidArgumentError(absl::StrCat(path_, ": game ", number, " (line ", line, ") has no ", name,
                                                       " tag (written by an older tempo match, which --resume cannot "
                                                       "check)"));
      }
      const auto [there, here] = first_difference(*have, want);
      auto shown = [](const std::string& v) { return v.empty() ? std::string("nothing") : quote(v); };
      return absl::InvalidArgumentError(absl::StrCat(path_, ": game ", number, " (line ", line,
                                                     ") is another match's: ", name, " ", shown(there), " there, ",
                                                     shown(here), " here"));
    }
    pending_.reset();
    auto tag = [&](const char* name) { return g.tag(name) ? *g.tag(name) : std::string(); };
    on_game_(number, FinishedGame{tag("White"), tag("Black"), g.result, tag("Termination")});
    ++out_.games;
    return absl::OkStatus();
  }

  MatchFile finish(bool ends_in_newline) {
    if (pending_) {
      out_.cut_off = true;
      out_.cut_line = pending_->first;
    }
    out_.ends_in_newline = ends_in_newline;
    return std::move(out_);
  }

 private:
  absl::Status pending_error() const {
    return absl::InvalidArgumentError(absl::StrCat(path_, ": damaged: ", pending_->second));
  }

  const std::string& path_;
  const std::function<MatchTags(int)>& expected_;
  const std::function<void(int, const FinishedGame&)>& on_game_;
  MatchFile out_;
  std::optional<std::pair<int, std::string>> pending_;  // an unreadable game: cut off, or damage if more follows
};

}  // namespace

absl::StatusOr<MatchFile> read_match_file(const std::string& path, const std::function<MatchTags(int)>& expected,
                                          const std::function<void(int, const FinishedGame&)>& on_game) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) {
    if (errno == ENOENT) return MatchFile{};
    return absl::NotFoundError(absl::StrCat("cannot open ", quote(path)));
  }
  Scanner scanner(path, expected, on_game);
  // Games are cut where a tag line (`[`) follows a line that is not one,
  // as the PDN reader does; a game's tags may be cut off at any point.
  std::string game, line;
  int game_line = 1, line_no = 0;
  bool after_text = false;  // a non-blank line not starting with `[` since the game's start
  char last = '\n';
  auto take_line = [&]() -> absl::Status {
    ++line_no;
    if (!line.empty() && line[0] == '[' && after_text) {
      if (absl::Status s = scanner.game(game, game_line); !s.ok()) return s;
      game.clear();
      game_line = line_no;
      after_text = false;
    }
    if (!blank(line) && line[0] != '[') after_text = true;
    game += line;
    line.clear();
    return absl::OkStatus();
  };
  char chunk[65536];
  while (true) {
    const std::size_t n = std::fread(chunk, 1, sizeof chunk, f.get());
    for (std::size_t i = 0; i < n; ++i) {
      line += chunk[i];
      if (chunk[i] != '\n') continue;
      if (absl::Status s = take_line(); !s.ok()) return s;
    }
    if (game.size() + line.size() > kMaxGameBytes) {
      return absl::InvalidArgumentError(absl::StrCat(path, ", line ", game_line, ": a game longer than ", kMaxGameBytes,
                                                     " bytes: not a tempo match file"));
    }
    if (n > 0) last = chunk[n - 1];
    if (n < sizeof chunk) break;
  }
  if (std::ferror(f.get())) return absl::DataLossError(absl::StrCat("error reading ", quote(path)));
  if (!line.empty()) {
    if (absl::Status s = take_line(); !s.ok()) return s;
  }
  if (absl::Status s = scanner.game(game, game_line); !s.ok()) return s;
  return scanner.finish(last == '\n');
}

}  // namespace tempo::cli
