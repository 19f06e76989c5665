// A Hub engine running as a child process: lines to its stdin, lines from
// its stdout, with timeouts. Used by `tempo match`.
#pragma once

#include <sys/types.h>
#include <string>

#include "absl/status/statusor.h"

namespace tempo::cli {

class EngineProcess {
 public:
  EngineProcess() = default;
  EngineProcess(const EngineProcess&) = delete;
  EngineProcess& operator=(const EngineProcess&) = delete;
  ~EngineProcess();  // closes stdin, waits briefly, then kills

  // Runs `command` with /bin/sh -c (so arguments and paths work as in a shell).
  absl::Status start(const std::string& command);
  bool running() const { return pid_ > 0; }

  absl::Status send(const std::string& line);
  // The next line (without the newline). Errors: timeout (DeadlineExceeded),
  // the engine closed its output or died (Unavailable).
  absl::StatusOr<std::string> read_line(int timeout_ms);
  // Closes stdin, gives the engine `grace_ms` to exit, then kills it.
  void stop(int grace_ms = 1000);

 private:
  pid_t pid_ = -1;
  int to_child_ = -1;
  int from_child_ = -1;
  std::string buffer_;
};

}  // namespace tempo::cli
