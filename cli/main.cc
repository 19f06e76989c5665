// `tempo`: the command-line front end of the Tempo draughts engine.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "cli/commands.h"

namespace {

struct Command {
  const char* name;
  int (*run)(const tempo::cli::Args&);
  const char* help;
};

constexpr Command kCommands[] = {
    {"perft", tempo::cli::run_perft, "count move-tree leaves: [--fen FEN] [--depth N] [--divide]"},
    {"hub", tempo::cli::run_hub, "play the Hub protocol (v2) on stdin/stdout"},
    {"dxp", tempo::cli::run_dxp,
     "play one DXP game over TCP: --dxp-listen | --dxp-connect HOST [--dxp-port P] [--dxp-minutes M] [--dxp-moves N]"},
    {"match", tempo::cli::run_match,
     "play two Hub engines: --engine1 CMD --engine2 CMD [--params1 k=v,..] [--params2 ..] [--games N]\n"
     "           [--match-movetime S | --match-depth N | --match-time S --match-inc S] [--openings FILE] [--pdn OUT]"},
    {"analyse", tempo::cli::run_analyse,
     "search a position: [--fen FEN] [--moves \"...\"] [--depth N | --movetime MS | --nodes N] [--multipv K]\n"
     "           [--level easy|medium|hard|expert] [--seed S] [--tt-mb M]\n"
     "           level overrides: [--max-depth N] [--time-limit MS] [--eval-noise N] [--blunder-probability P] [--blunder-margin N]\n"
     "           [--feature-scale F] [--use-table true|false] [--use-killers true|false]"},
    {"bench", tempo::cli::run_bench, "search the positions of data/bench.fen to a fixed depth: [--depth N] [--tt-mb M]"},
    {"selfplay", tempo::cli::run_selfplay,
     "play training games: --out FILE [--games N] [--nodes N] [--threads T] [--random-plies R] [--seed S]"},
    {"fit", tempo::cli::run_fit,
     "fit the evaluation's weights: --data FILE[,FILE] --out FILE [--init FILE] [--layout 0|1] [--epochs N]\n"
     "           [--lambda L] [--l2 R] [--learning-rate A]"},
};

void usage(FILE* out) {
  std::fprintf(out, "usage: tempo <command> [flags]\n\ncommands:\n");
  for (const Command& c : kCommands) std::fprintf(out, "  %-8s %s\n", c.name, c.help);
  std::fprintf(out, "\n`tempo --help` lists every flag.\n");
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("tempo <command> [flags]; commands: perft, analyse, bench, hub, dxp, match");
  // absl flag names use '_'; accept the dashed spelling too (--tt-mb).
  std::vector<std::string> storage(argv, argv + argc);
  std::vector<char*> args;
  for (std::string& a : storage) {
    if (a.rfind("--", 0) == 0) {
      for (std::size_t i = 2; i < a.size() && a[i] != '='; ++i) if (a[i] == '-') a[i] = '_';
    }
    args.push_back(a.data());
  }
  std::vector<char*> positional = absl::ParseCommandLine(static_cast<int>(args.size()), args.data());
  if (positional.size() < 2) {
    usage(stderr);
    return 2;
  }
  const std::string name = positional[1];
  tempo::cli::Args rest(positional.begin() + 2, positional.end());
  for (const Command& c : kCommands) {
    if (name == c.name) return c.run(rest);
  }
  std::fprintf(stderr, "tempo: unknown command '%s'\n\n", name.c_str());
  usage(stderr);
  return 2;
}
