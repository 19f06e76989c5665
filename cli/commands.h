// The `tempo` program's subcommands. Each takes the positional arguments
// after its name; flags are parsed once in main.cc (see flags.h), the level
// parameter flags too (param_flags.h) for the commands that take them.
#pragma once

#include <string>
#include <vector>

#include "cli/param_flags.h"

namespace tempo::cli {

using Args = std::vector<std::string>;

int run_perft(const Args& args);
int run_hub(const Args& args, const ParamArgs& params);  // cli/hub.cc
int run_dxp(const Args& args);                           // cli/dxp.cc
int run_match(const Args& args);                         // cli/match.cc
int run_analyse(const Args& args, const ParamArgs& params);
int run_bench(const Args& args, const ParamArgs& params);
int run_selfplay(const Args& args);  // cli/selfplay.cc
int run_fit(const Args& args);       // cli/fit.cc
int run_egdb(const Args& args);      // cli/egdb.cc
int run_book(const Args& args);      // cli/book.cc

// The opening book as given, or, for the default relative path, the one next
// to the source tree the program was built in (build/tempo -> ../data).
std::string find_openings(const std::string& path);

}  // namespace tempo::cli
