// Runs external programs (pandoc, WeasyPrint) without a shell and with a time limit.
// A small interface, so tests can put a fake in its place.
#pragma once

#include "interruption.hpp"

#include <sys/types.h>
#include <optional>
#include <string>
#include <vector>

namespace coachkit {

struct Command {
  std::vector<std::string> argv;  // argv[0] is looked up on PATH when it has no slash
  std::string input;              // written to the program's standard input
  double timeout_seconds = 120;
};

struct CommandResult {
  bool started = false;  // false: the program was not found or could not be executed
  bool timed_out = false;
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string output;       // standard output
  std::string errors;       // standard error
  std::string start_error;  // why it did not start
  bool ok() const { return started && !timed_out && exit_code == 0; }
  // One line for a report: "exited with 3", "killed by signal 9", "timed out after 120 s", …
  std::string describe(const Command& command) const;
};

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  virtual CommandResult run(const Command& command) = 0;
};

// The real thing: posix_spawn, pipes, poll; kills the child when the time limit passes.
class SystemProcessRunner : public ProcessRunner {
 public:
  CommandResult run(const Command& command) override;
};

// Starts `program` with `argv` in its own process group, with `in`, `out` and `err` as its
// standard input, output and error (`err` -1: /dev/null), and with default signal handling.
// `guard` keeps it registered for clean-up on Ctrl-C; returns 0 or an errno value.
int spawn_process(const std::string& program, const std::vector<std::string>& argv, int in, int out,
                  int err, pid_t* pid, std::optional<ScopedChild>* guard);

// Full path of `program` on PATH, or "" when it is not there.
std::string find_program(const std::string& program);

}  // namespace coachkit
