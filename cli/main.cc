// `tempo`: the command-line front end of the Tempo draughts engine.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "cli/param_flags.h"
#include "rules/text.h"

namespace {

using tempo::cli::Args;
using tempo::cli::dashed;
using tempo::cli::ParamArgs;

struct Command {
  const char* name;
  int (*run)(const Args&);                                // a command without level parameters
  int (*run_with_params)(const Args&, const ParamArgs&);  // or one with them (--max-depth ...)
  const char* synopsis;  // its flags: those whose help names it (cli/flags.h, command_flags())
};

const Command kCommands[] = {
    {"perft", tempo::cli::run_perft, nullptr, "count move-tree leaves"},
    {"analyse", nullptr, tempo::cli::run_analyse, "search a position, print every iteration and the best move"},
    {"bench", nullptr, tempo::cli::run_bench,
     "search the positions of data/bench.fen (or FILE) to a fixed depth: node signature and speed"},
    {"hub", nullptr, tempo::cli::run_hub, "play the Hub protocol (v2) on stdin/stdout; flags set start values"},
    {"dxp", tempo::cli::run_dxp, nullptr, "play one DXP game over TCP (--dxp-listen or --dxp-connect HOST)"},
    {"match", tempo::cli::run_match, nullptr, "play two Hub engines against each other: W/D/L, Elo, PDN"},
    {"selfplay", tempo::cli::run_selfplay, nullptr, "play training games to a game file"},
    {"fit", tempo::cli::run_fit, nullptr, "fit the evaluation's weights to self-play records"},
    {"egdb", tempo::cli::run_egdb, nullptr,
     "endgame database: `build --pieces N --out DIR` (resumable), `probe --fen FEN --egdb DIR`, `info --egdb DIR`"},
    {"book", tempo::cli::run_book, nullptr,
     "opening book: `build --out FILE` searches the openings' positions (data/book.txt is compiled in)"},
};

void usage(FILE* out) {
  std::fprintf(out, "usage: tempo <command> [flags]\n\ncommands:\n");
  for (const Command& c : kCommands) std::fprintf(out, "  %-9s %s\n", c.name, c.synopsis);
  std::fprintf(out, "\n`tempo <command> --help` lists that command's flags; `tempo --helpfull` every command's.\n");
}

// One command's flags, dashed as the documentation spells them, with their
// defaults; the level parameters with their ranges from the schema.
void command_help(FILE* out, const Command& c) {
  std::fprintf(out, "usage: tempo %s [flags]%s\n%s\n\nflags:\n", c.name,
               std::strcmp(c.name, "bench") == 0 ? " [FILE]" : "", c.synopsis);
  for (const absl::CommandLineFlag* f : tempo::cli::command_flags(c.name)) {
    const std::string name(f->Name());
    const bool text = f->IsOfType<std::string>() || f->IsOfType<tempo::cli::GivenText>();
    std::string value = f->IsOfType<bool>() ? "" : text ? "=TEXT" : f->IsOfType<double>() ? "=X" : "=N";
    if (const auto range = tempo::cli::flag_range(*f); range && !std::isinf(range->second)) {
      value = absl::StrCat("=", tempo::cli::range_text(*range));
    }
    // A search limit shows its range, every interface's (kLimitSpecs).
    const bool searches = std::strcmp(c.name, "analyse") == 0 || std::strcmp(c.name, "dxp") == 0;
    for (const tempo::LimitSpec& l : tempo::kLimitSpecs) {
      if (searches && l.flag == name) value = absl::StrCat("=", l.range_text());
    }
    // A flag that tells "not given" from "given empty" (--fen, --egdb) says
    // in its help what not giving it means.
    const std::string fallback = f->IsOfType<tempo::cli::GivenText>() ? "default: not given"
                                 : f->DefaultValue().empty()          ? "default \"\""
                                                                      : absl::StrCat("default ", f->DefaultValue());
    std::fprintf(out, "  --%s%s  (%s)\n      %s\n", dashed(name).c_str(), value.c_str(), fallback.c_str(),
                 f->Help().c_str());
  }
  if (c.run_with_params) std::fprintf(out, "%s", tempo::cli::param_flags_help().c_str());
}

bool wants(const std::vector<std::string>& argv, std::initializer_list<const char*> spellings) {
  for (std::size_t i = 1; i < argv.size(); ++i) {
    if (argv[i] == "--") break;
    for (const char* s : spellings)
      if (argv[i] == s) return true;
  }
  return false;
}

const Command* find_command(const std::vector<std::string>& argv) {
  for (std::size_t i = 1; i < argv.size(); ++i) {
    for (const Command& c : kCommands)
      if (argv[i] == c.name) return &c;
  }
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("tempo <command> [flags]; `tempo <command> --help` lists a command's flags");
  std::vector<std::string> storage(argv, argv + argc);
  // Help is ours, not absl's: per command, dashed, with the schema's ranges.
  if (wants(storage, {"--helpfull"})) {
    usage(stdout);
    for (const Command& c : kCommands) {
      std::printf("\n");
      command_help(stdout, c);
    }
    return 0;
  }
  if (wants(storage, {"--help", "-h", "--helpshort"})) {
    if (const Command* c = find_command(storage)) command_help(stdout, *c);
    else usage(stdout);
    return 0;
  }
  // The level parameters never reach absl (their names and ranges come from
  // search/params.h). Only the commands that take them read them: selfplay's
  // own --threads (games at once) is not the search's.
  absl::StatusOr<ParamArgs> params = ParamArgs{};
  if (const Command* c = find_command(storage); c == nullptr || c->run_with_params != nullptr) {
    params = tempo::cli::take_param_flags(storage);
  }
  if (!params.ok()) {
    std::fprintf(stderr, "tempo: %s\n", std::string(params.status().message()).c_str());
    return 2;
  }
  // Flags are ours to parse, not absl::ParseCommandLine's: a bad value is
  // status 2 with one line naming the flag, not absl's status 1 (and the
  // dashed spelling, --tt-mb, is accepted).
  absl::StatusOr<std::vector<std::string>> parsed = tempo::cli::parse_flags(storage);
  if (!parsed.ok()) {
    const Command* c = find_command(storage);
    std::fprintf(stderr, "tempo%s%s: %s\n", c ? " " : "", c ? c->name : "",
                 std::string(parsed.status().message()).c_str());
    return 2;
  }
  const std::vector<std::string>& positional = *parsed;
  if (positional.size() < 2) {
    usage(stderr);
    return 2;
  }
  const std::string name = positional[1];
  Args rest(positional.begin() + 2, positional.end());
  for (const Command& c : kCommands) {
    if (name != c.name) continue;
    if (c.run_with_params) return c.run_with_params(rest, *params);
    if (!params->empty()) {
      std::fprintf(stderr, "tempo %s: --%s is a level parameter, taken by analyse, bench and hub only\n", c.name,
                   std::string(params->front().spec->name).c_str());
      return 2;
    }
    return c.run(rest);
  }
  std::fprintf(stderr, "tempo: unknown command %s\n\n", tempo::quote(name).c_str());
  usage(stderr);
  return 2;
}
