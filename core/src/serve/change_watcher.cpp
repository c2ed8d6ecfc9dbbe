#include "serve/change_watcher.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace coachkit::serve {

namespace {

constexpr std::uint32_t kEvents = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |
                                  IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB;

// Editors' scratch files: a save shows up as the rename that follows them.
bool is_scratch(const std::string& name) {
  auto ends_with = [&](const char* suffix) {
    std::size_t n = std::strlen(suffix);
    return name.size() >= n && name.compare(name.size() - n, n, suffix) == 0;
  };
  return name.empty() || name == "4913" || name.rfind(".#", 0) == 0 || ends_with("~") ||
         ends_with(".swp") || ends_with(".swx") || ends_with(".tmp");
}

std::string normal(const std::string& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  return (ec ? fs::path(path) : absolute).lexically_normal().string();
}

}  // namespace

ChangeWatcher::ChangeWatcher() {
  inotify_fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (inotify_fd_ < 0 || wake_fd_ < 0) error_ = std::string("inotify: ") + std::strerror(errno);
}

ChangeWatcher::~ChangeWatcher() {
  if (inotify_fd_ >= 0) close(inotify_fd_);
  if (wake_fd_ >= 0) close(wake_fd_);
}

std::optional<Problem> ChangeWatcher::problem() const {
  if (error_.empty()) return std::nullopt;
  return tool_error(error_);
}

bool ChangeWatcher::is_ignored(const std::string& path) const {
  for (const std::string& folder : ignored_) {
    if (path == folder || path.rfind(folder + "/", 0) == 0) return true;
  }
  return false;
}

void ChangeWatcher::add_tree(const std::string& folder) {
  if (inotify_fd_ < 0 || is_ignored(folder)) return;
  int descriptor = inotify_add_watch(inotify_fd_, folder.c_str(), kEvents | IN_ONLYDIR);
  if (descriptor < 0) return;
  auto known = std::find_if(watches_.begin(), watches_.end(),
                            [&](const Watch& w) { return w.descriptor == descriptor; });
  if (known == watches_.end()) {
    watches_.push_back({descriptor, folder, true});
  } else {
    known->tree = true;
  }
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code kind;
    if (it->is_directory(kind) && !it->is_symlink(kind)) add_tree(normal(it->path().string()));
  }
}

void ChangeWatcher::watch(const std::vector<std::string>& roots,
                          const std::vector<std::string>& ignored) {
  // Watches are only ever added: one removed and added again would lose the events queued
  // for it while a build ran.
  ignored_.clear();
  for (const std::string& folder : ignored) ignored_.push_back(normal(folder));
  for (const std::string& root : roots) {
    std::string path = normal(root);
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      add_tree(path);
    } else {
      // A file (a project file, the program): its folder is watched, only it counts.
      if (std::find(files_.begin(), files_.end(), path) == files_.end()) files_.push_back(path);
      std::string folder = fs::path(path).parent_path().string();
      if (inotify_fd_ >= 0 && !is_ignored(folder)) {
        int descriptor = inotify_add_watch(inotify_fd_, folder.c_str(), kEvents | IN_ONLYDIR);
        bool known = std::any_of(watches_.begin(), watches_.end(),
                                 [&](const Watch& w) { return w.descriptor == descriptor; });
        if (descriptor >= 0 && !known) watches_.push_back({descriptor, folder, false});
      }
    }
  }
}

bool ChangeWatcher::wait(std::chrono::milliseconds quiet, std::vector<std::string>* changed) {
  if (inotify_fd_ < 0) return false;
  bool seen = false;
  alignas(inotify_event) char buffer[64 * 1024];
  while (true) {
    pollfd fds[2] = {{inotify_fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
    int timeout = seen ? static_cast<int>(quiet.count()) : -1;
    int n = poll(fds, 2, timeout);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (fds[1].revents) return false;
    if (n == 0) return true;  // quiet since the last event
    ssize_t length = read(inotify_fd_, buffer, sizeof buffer);
    if (length <= 0) continue;
    for (char* p = buffer; p < buffer + length;) {
      const inotify_event* event = reinterpret_cast<const inotify_event*>(p);
      p += sizeof(inotify_event) + event->len;
      auto watch = std::find_if(watches_.begin(), watches_.end(),
                                [&](const Watch& w) { return w.descriptor == event->wd; });
      if (watch == watches_.end()) continue;
      std::string name = event->len ? event->name : "";
      std::string path = name.empty() ? watch->folder : watch->folder + "/" + name;
      if (is_ignored(path)) continue;
      bool watched_file = std::find(files_.begin(), files_.end(), path) != files_.end();
      if (!watch->tree && !watched_file) continue;  // a neighbour of a watched file
      if ((event->mask & IN_ISDIR) && (event->mask & (IN_CREATE | IN_MOVED_TO))) add_tree(path);
      if (!(event->mask & IN_ISDIR) && is_scratch(name)) continue;
      seen = true;
      if (changed && changed->size() < 100) changed->push_back(path);
    }
  }
}

void ChangeWatcher::stop() {
  std::uint64_t one = 1;
  if (wake_fd_ >= 0 && write(wake_fd_, &one, sizeof one) < 0) {
    // Nothing to do: the eventfd can only fail when its counter is full, and then it is awake.
  }
}

}  // namespace coachkit::serve
