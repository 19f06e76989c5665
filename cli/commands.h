// The `tempo` program's subcommands. Each takes the positional arguments
// after its name; flags are parsed once in main.cc (see flags.h).
#pragma once

#include <string>
#include <vector>

namespace tempo::cli {

using Args = std::vector<std::string>;

int run_perft(const Args& args);
int run_hub(const Args& args);    // cli/hub.cc
int run_dxp(const Args& args);    // cli/dxp.cc
int run_match(const Args& args);  // cli/match.cc
int run_analyse(const Args& args);
int run_bench(const Args& args);

}  // namespace tempo::cli
