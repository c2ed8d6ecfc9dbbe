#include "support/atomic_file.hpp"

#include "support/interruption.hpp"

#include <unistd.h>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace coachkit {

namespace {
constexpr const char* kTemporaryMarker = ".coachkit-partial-";
}

std::string temporary_path_for(const std::string& destination) {
  static std::atomic<unsigned> counter{0};
  fs::path path(destination);
  std::string name = "." + path.filename().string() + kTemporaryMarker + std::to_string(getpid()) +
                     "-" + std::to_string(counter++);
  return (path.parent_path() / name).string();
}

std::optional<Problem> commit_file(const std::string& temporary, const std::string& destination) {
  if (std::rename(temporary.c_str(), destination.c_str()) != 0) {
    Problem problem = tool_error("cannot move the finished file into place at " + destination +
                                 ": " + std::strerror(errno));
    std::remove(temporary.c_str());
    return problem;
  }
  return std::nullopt;
}

std::optional<Problem> write_file_atomically(const std::string& destination,
                                             const std::string& contents) {
  std::error_code ec;
  fs::create_directories(fs::path(destination).parent_path(), ec);
  std::string temporary = temporary_path_for(destination);
  ScopedTempFile guard(temporary);
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << contents;
    out.flush();
    if (!out) return tool_error("cannot write " + destination + ": " + std::strerror(errno));
  }
  if (auto problem = commit_file(temporary, destination)) return problem;
  guard.release();
  return std::nullopt;
}

void remove_stale_temporaries(const std::string& directory) {
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) return;
  for (auto it = fs::recursive_directory_iterator(directory, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::size_t marker = name.find(kTemporaryMarker);
    if (marker == std::string::npos || !it->is_regular_file(ec)) continue;
    // Another coachkit still running on the same folder keeps its files.
    long pid = std::atol(name.c_str() + marker + std::strlen(kTemporaryMarker));
    if (pid > 0 && pid != getpid() && kill(static_cast<pid_t>(pid), 0) == 0) continue;
    fs::remove(it->path(), ec);
  }
}

}  // namespace coachkit
