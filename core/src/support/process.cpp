#include "support/process.hpp"

#include "support/interruption.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>

extern char** environ;

namespace coachkit {

std::string CommandResult::describe(const Command& command) const {
  std::string name = command.argv.empty() ? "(nothing)" : command.argv.front();
  if (!started) return name + " could not be started: " + start_error;
  if (timed_out) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%g", command.timeout_seconds);
    return name + " did not finish within " + seconds + " s and was stopped";
  }
  if (signal != 0) return name + " was killed by signal " + std::to_string(signal);
  return name + " exited with status " + std::to_string(exit_code);
}

std::string find_program(const std::string& program) {
  if (program.find('/') != std::string::npos) {
    return access(program.c_str(), X_OK) == 0 ? program : "";
  }
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    if (dir.empty()) dir = ".";
    std::string candidate = dir + "/" + program;
    struct stat st {};
    if (stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    start = end + 1;
  }
  return "";
}

namespace {

class Pipe {
 public:
  Pipe() {
    if (pipe2(fds_, O_CLOEXEC) != 0) fds_[0] = fds_[1] = -1;
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  bool ok() const { return fds_[0] >= 0; }
  int read_end() const { return fds_[0]; }
  int write_end() const { return fds_[1]; }
  void close_read() { close_fd(fds_[0]); }
  void close_write() { close_fd(fds_[1]); }

 private:
  static void close_fd(int& fd) {
    if (fd >= 0) close(fd);
    fd = -1;
  }
  int fds_[2] = {-1, -1};
};

// The inherited environment with `additions` set (each replacing a variable of its name).
std::vector<std::string> environment_with(const Environment& additions) {
  std::vector<std::string> out;
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string variable(*entry);
    std::string name = variable.substr(0, variable.find('='));
    bool replaced = std::any_of(additions.begin(), additions.end(),
                                [&](const auto& addition) { return addition.first == name; });
    if (!replaced) out.push_back(std::move(variable));
  }
  for (const auto& [name, value] : additions) out.push_back(name + "=" + value);
  return out;
}

}  // namespace

int spawn_process(const std::string& program, const std::vector<std::string>& args, int in, int out,
                  int err, pid_t* pid, std::optional<ScopedChild>* guard, const Environment& env) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in, 0);
  posix_spawn_file_actions_adddup2(&actions, out, 1);
  if (err >= 0) {
    posix_spawn_file_actions_adddup2(&actions, err, 2);
  } else {
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  }
  // Its own process group, so a time-out can stop the program and anything it started.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  // The child starts with default signal handling and nothing blocked, whatever we set here.
  sigset_t defaults, empty;
  sigemptyset(&defaults);
  for (int s : {SIGPIPE, SIGINT, SIGTERM, SIGHUP}) sigaddset(&defaults, s);
  sigemptyset(&empty);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setsigmask(&attributes, &empty);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setpgroup(&attributes, 0);

  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<std::string> variables;
  std::vector<char*> envp;
  if (!env.empty()) {
    variables = environment_with(env);
    for (std::string& v : variables) envp.push_back(v.data());
    envp.push_back(nullptr);
  }
  // Ctrl-C between the spawn and the child's registration would orphan it: hold it back.
  sigset_t interrupts, previous_mask;
  sigemptyset(&interrupts);
  for (int s : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&interrupts, s);
  pthread_sigmask(SIG_BLOCK, &interrupts, &previous_mask);
  int rc = posix_spawn(pid, program.c_str(), &actions, &attributes, argv.data(),
                       env.empty() ? environ : envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (rc == 0) guard->emplace(*pid);
  pthread_sigmask(SIG_SETMASK, &previous_mask, nullptr);
  // A child that exits early must not kill us with SIGPIPE while we write its input.
  static std::once_flag ignore_sigpipe;
  std::call_once(ignore_sigpipe, [] { std::signal(SIGPIPE, SIG_IGN); });
  return rc;
}

namespace {

// A tool's error output, kept bounded: a tool that floods it must not fill the memory. The
// start says what went wrong first and the end what it said last (what a report shows); what
// lies between is counted, not kept.
class ErrorOutput {
 public:
  void add(const char* data, std::size_t size) {
    std::size_t to_head = std::min(size, kHead - std::min(kHead, head_.size()));
    head_.append(data, to_head);
    if (to_head == size) return;
    tail_.append(data + to_head, size - to_head);
    if (tail_.size() > 2 * kTail) {
      dropped_ += tail_.size() - kTail;
      tail_.erase(0, tail_.size() - kTail);
    }
  }
  std::string text() const {
    if (dropped_ == 0) return head_ + tail_;
    return head_ + "\n[... " + std::to_string(dropped_) + " more bytes of error output ...]\n" +
           tail_;
  }

 private:
  static constexpr std::size_t kHead = 48 * 1024;
  static constexpr std::size_t kTail = 16 * 1024;
  std::string head_, tail_;
  std::size_t dropped_ = 0;
};

}  // namespace

CommandResult SystemProcessRunner::run(const Command& command) {
  CommandResult result;
  if (command.argv.empty()) {
    result.start_error = "no program given";
    return result;
  }
  std::string program = find_program(command.argv.front());
  if (program.empty()) {
    result.start_error = "not found on PATH";
    return result;
  }
  Pipe in, out, err;
  if (!in.ok() || !out.ok() || !err.ok()) {
    result.start_error = std::string("cannot create pipes: ") + std::strerror(errno);
    return result;
  }
  std::optional<ScopedChild> guard;
  pid_t pid = 0;
  int rc = spawn_process(program, command.argv, in.read_end(), out.write_end(), err.write_end(),
                         &pid, &guard, command.env);
  if (rc != 0) {
    result.start_error = std::strerror(rc);
    return result;
  }
  result.started = true;
  in.close_read();
  out.close_write();
  err.close_write();
  fcntl(in.write_end(), F_SETFL, O_NONBLOCK);

  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(static_cast<long>(command.timeout_seconds * 1000));
  std::size_t written = 0;
  if (command.input.empty()) in.close_write();
  char buffer[65536];
  ErrorOutput errors;
  while (out.read_end() >= 0 || err.read_end() >= 0) {
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      result.timed_out = true;
      kill(-pid, SIGKILL);
      break;
    }
    pollfd fds[3];
    int count = 0;
    if (in.write_end() >= 0) fds[count++] = {in.write_end(), POLLOUT, 0};
    if (out.read_end() >= 0) fds[count++] = {out.read_end(), POLLIN, 0};
    if (err.read_end() >= 0) fds[count++] = {err.read_end(), POLLIN, 0};
    int wait_ms = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count() + 1);
    int ready = poll(fds, count, std::min(wait_ms, 1000));
    if (ready < 0 && errno != EINTR) {
      kill(-pid, SIGKILL);
      break;
    }
    for (int i = 0; i < count; ++i) {
      if (fds[i].revents == 0) continue;
      if (fds[i].fd == in.write_end()) {
        ssize_t n =
            write(in.write_end(), command.input.data() + written, command.input.size() - written);
        if (n > 0) written += static_cast<std::size_t>(n);
        if (n < 0 && errno != EAGAIN && errno != EINTR) written = command.input.size();
        if (written >= command.input.size()) in.close_write();
      } else {
        bool is_out = fds[i].fd == out.read_end();
        ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
        if (n > 0 && is_out) {
          result.output.append(buffer, static_cast<std::size_t>(n));
        } else if (n > 0) {
          errors.add(buffer, static_cast<std::size_t>(n));
        } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
          is_out ? out.close_read() : err.close_read();
        }
      }
    }
  }
  in.close_write();
  result.errors = errors.text();
  // A program may close its output and go on running: the time limit still holds.
  int status = 0;
  for (;;) {
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR)) break;
    if (std::chrono::steady_clock::now() >= deadline && !result.timed_out) {
      result.timed_out = true;
      kill(-pid, SIGKILL);
    }
    usleep(result.timed_out ? 1000 : 5000);
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
  return result;
}

}  // namespace coachkit
