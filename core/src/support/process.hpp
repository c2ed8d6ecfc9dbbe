// Runs external programs (pandoc, WeasyPrint) without a shell and with a time limit.
// A small interface, so tests can put a fake in its place.
#pragma once

#include "support/interruption.hpp"

#include <sys/types.h>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace coachkit {

// Variables set for a child on top of the inherited environment, e.g. SOURCE_DATE_EPOCH.
using Environment = std::vector<std::pair<std::string, std::string>>;

struct Command {
  // A constructor rather than an aggregate, so `Command{argv, input, timeout}` stays valid
  // (and free of missing-initializer warnings) as fields are added.
  Command() = default;
  Command(std::vector<std::string> argv_, std::string input_ = {}, double timeout_seconds_ = 120,
          Environment env_ = {})
      : argv(std::move(argv_)),
        input(std::move(input_)),
        timeout_seconds(timeout_seconds_),
        env(std::move(env_)) {}

  std::vector<std::string> argv;  // argv[0] is looked up on PATH when it has no slash
  std::string input;              // written to the program's standard input
  double timeout_seconds = 120;
  Environment env;  // additions to (or replacements in) the inherited environment
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
// standard input, output and error (`err` -1: /dev/null), with default signal handling and
// the inherited environment plus `env`. `guard` keeps it registered for clean-up on Ctrl-C;
// returns 0 or an errno value.
int spawn_process(const std::string& program, const std::vector<std::string>& argv, int in, int out,
                  int err, pid_t* pid, std::optional<ScopedChild>* guard,
                  const Environment& env = {});

// Full path of `program` on PATH, or "" when it is not there.
std::string find_program(const std::string& program);

}  // namespace coachkit
