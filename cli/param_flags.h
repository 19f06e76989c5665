// The level parameters as command-line flags (`--max-depth 5`,
// `--use-table=false`), straight from search/params.h's kParamSpecs: the same
// names as the Hub's set-param, the same ranges as every other interface.
// `tempo analyse` and `tempo hub` take them; absl never sees them.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "search/params.h"

namespace tempo::cli {

struct ParamArg {
  const ParamSpec* spec;
  std::string text;  // as given
};
using ParamArgs = std::vector<ParamArg>;

// Takes every `--<parameter> value` and `--<parameter>=value` out of `argv`
// (dashes or underscores in the name). Error: a parameter flag without a value.
absl::StatusOr<ParamArgs> take_param_flags(std::vector<std::string>& argv);

// Sets each in order; the error names the flag and the value.
absl::Status apply_param_flags(const ParamArgs& args, Params& params);

// Help lines for every parameter flag: name, range, help, value per level.
std::string param_flags_help();

}  // namespace tempo::cli
