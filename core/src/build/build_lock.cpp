#include "build/build_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;

namespace coachkit {

BuildLock::~BuildLock() {
  if (fd_ >= 0) close(fd_);  // releases the flock
}

std::optional<Problem> BuildLock::acquire(const std::string& out_directory, bool wait,
                                          const std::function<void(long pid)>& waiting) {
  std::error_code ec;
  fs::create_directories(out_directory, ec);
  if (ec) {
    return tool_error("cannot create the output folder " + out_directory + ": " + ec.message());
  }
  std::string path = (fs::path(out_directory) / ".coachkit-lock").string();
  fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    return tool_error("cannot open " + path + ": " + std::strerror(errno));
  }
  if (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK) {
      return tool_error("cannot lock " + path + ": " + std::strerror(errno));
    }
    char buffer[32] = {};
    ssize_t n = pread(fd_, buffer, sizeof buffer - 1, 0);
    long holder = n > 0 ? std::atol(buffer) : 0;
    if (!wait) {
      return tool_error("another coachkit build" +
                        (holder > 0 ? " (process " + std::to_string(holder) + ")" : std::string()) +
                        " is writing to " + out_directory + "; try again when it has finished");
    }
    if (waiting) waiting(holder);
    while (flock(fd_, LOCK_EX) != 0) {
      if (errno != EINTR) {
        return tool_error("cannot lock " + path + ": " + std::strerror(errno));
      }
    }
  }
  // Who holds it, for the message another build shows while it waits.
  std::string pid = std::to_string(getpid()) + "\n";
  if (ftruncate(fd_, 0) == 0) {
    ssize_t ignored = pwrite(fd_, pid.data(), pid.size(), 0);
    (void)ignored;
  }
  return std::nullopt;
}

}  // namespace coachkit
