#include "cli/param_flags.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "rules/text.h"

namespace tempo::cli {
namespace {

// "--max_depth=5" -> "max-depth"; empty when not a flag.
std::string flag_name(const std::string& arg) {
  if (arg.rfind("--", 0) != 0 || arg.size() == 2) return "";
  std::string name = arg.substr(2, arg.find('=') == std::string::npos ? std::string::npos : arg.find('=') - 2);
  for (char& c : name)
    if (c == '_') c = '-';
  return name;
}

}  // namespace

absl::StatusOr<ParamArgs> take_param_flags(std::vector<std::string>& argv) {
  ParamArgs out;
  std::vector<std::string> rest;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (arg == "--") {  // everything after is positional
      rest.insert(rest.end(), argv.begin() + static_cast<std::ptrdiff_t>(i), argv.end());
      break;
    }
    const ParamSpec* spec = find_param(flag_name(arg));
    if (spec == nullptr || flag_name(arg) != spec->name) {
      rest.push_back(arg);
      continue;
    }
    if (const std::size_t eq = arg.find('='); eq != std::string::npos) {
      out.push_back({spec, arg.substr(eq + 1)});
    } else if (i + 1 < argv.size()) {
      out.push_back({spec, argv[++i]});
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("--", av(spec->name), " needs a value (", spec->range_text(), ")"));
    }
  }
  argv = std::move(rest);
  return out;
}

absl::Status apply_param_flags(const ParamArgs& args, Params& params) {
  // --strength first, wherever it stands: the other flags refine what it sets.
  const ParamSpec* strength = &kParamSpecs[kStrengthParam];
  for (const bool first : {true, false}) {
    for (const ParamArg& a : args) {
      if ((a.spec == strength) != first) continue;
      if (absl::Status st = set_param(params, *a.spec, a.text, absl::StrCat("--", av(a.spec->name))); !st.ok())
        return st;
    }
  }
  return absl::OkStatus();
}

std::string param_flags_help() {
  std::string out =
      "\nlevel parameters (each overrides the --level's value; --strength sets several at once and applies "
      "before the others):\n";
  for (const ParamSpec& s : kParamSpecs) {
    std::string levels;
    for (int l = 0; l < kLevelCount; ++l) {
      absl::StrAppend(&levels, l ? ", " : "", level_name(static_cast<Level>(l)), " ", s.value_text(s.at_level[l]));
    }
    absl::StrAppendFormat(&out, "  --%s=%s\n      %s\n      (%s)\n", av(s.name), s.range_text(), av(s.help), levels);
  }
  return out;
}

}  // namespace tempo::cli
