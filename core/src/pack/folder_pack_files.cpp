#include "pack/pack_files.hpp"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>

namespace fs = std::filesystem;

namespace coachkit {

FolderPackFiles::FolderPackFiles(std::string directory) : directory_(std::move(directory)) {
  // Once, not per file: every read compares its file's real path with this one.
  std::error_code ec;
  root_ = fs::canonical(directory_, ec);
  if (ec) root_.clear();
  if (!root_.empty()) root_fd_ = open(root_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
}

FolderPackFiles::~FolderPackFiles() {
  if (root_fd_ >= 0) close(root_fd_);
}

std::string FolderPackFiles::display(const std::string& relative) const {
  return (fs::path(directory_) / relative).lexically_normal().generic_string();
}

bool FolderPackFiles::list(const std::string& folder, std::vector<std::string>* files,
                           Diagnostic* problem) const {
  files->clear();
  fs::path path = fs::path(directory_) / folder;
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return true;
  std::vector<std::string> names;
  fs::directory_iterator it(path, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::error_code type_error;
    // A FIFO or a device named *.toml would block the read or never end: regular files only.
    if (it->path().extension() == ".toml" && it->is_regular_file(type_error)) {
      names.push_back(it->path().filename().string());
    }
  }
  if (ec) {
    *problem = Diagnostic{display(folder), 0, 0, "cannot read the folder: " + ec.message()};
    return false;
  }
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) files->push_back(folder + "/" + name);
  return true;
}

bool FolderPackFiles::exists(const std::string& relative) const {
  std::error_code ec;
  return fs::is_regular_file(fs::path(directory_) / relative, ec);
}

bool FolderPackFiles::read(const std::string& relative, std::string* text,
                           Diagnostic* problem) const {
  // A problem with a file that exists is reported at its start, where an editor can jump.
  auto refuse = [&](const std::string& message) {
    *problem = Diagnostic{display(relative), 1, 1, message};
    return false;
  };
  // Packs are untrusted: a link must not make coachkit read a file outside the pack. The kernel
  // opens a regular file beneath the pack's folder and refuses any link that resolves outside
  // it (openat2's RESOLVE_BENEATH): six system calls a file where resolving its real path took
  // twelve, which lint of a large pack felt. The stat comes first so that nothing but a
  // regular file (no FIFO, no device) is ever opened.
  struct stat st;
  if (root_fd_ >= 0 && fstatat(root_fd_, relative.c_str(), &st, 0) == 0 && S_ISREG(st.st_mode)) {
    open_how how{};
    how.flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
    int fd = static_cast<int>(syscall(SYS_openat2, root_fd_, relative.c_str(), &how, sizeof how));
    if (fd >= 0) return read_open(fd, relative, text, problem);
  }
  // Anything else (a link out of the pack, an absolute link back into it, not a regular file,
  // a kernel without openat2) is judged by its real path.
  fs::path path = fs::path(directory_) / relative;
  std::error_code ec;
  fs::path real = fs::canonical(path, ec);
  fs::path inside = ec || root_.empty() ? fs::path() : real.lexically_relative(root_);
  if (ec || root_.empty() || inside.empty() || *inside.begin() == "..") {
    return refuse(
        "refused: it is a link to a file outside the pack (content files must be inside the "
        "pack's folder)");
  }
  if (!fs::is_regular_file(real, ec)) return refuse("refused: not a regular file");
  int fd = open(real.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return refuse("cannot read the file");
  return read_open(fd, relative, text, problem);
}

bool FolderPackFiles::read_open(int fd, const std::string& relative, std::string* text,
                                Diagnostic* problem) const {
  auto refuse = [&](const std::string& message) {
    if (fd >= 0) close(fd);
    fd = -1;
    *problem = Diagnostic{display(relative), 1, 1, message};
    return false;
  };
  struct stat st;
  if (fstat(fd, &st) != 0) return refuse("cannot read the file");
  if (!S_ISREG(st.st_mode)) return refuse("refused: not a regular file");
  std::size_t size = static_cast<std::size_t>(st.st_size);
  if (size > kMaxContentFileBytes) return refuse(too_large_message(size));
  // One read into a buffer of the measured size (and one byte more, to see a file that grew).
  text->resize(size + 1);
  std::size_t got = 0;
  while (got < text->size()) {
    ssize_t n = ::read(fd, &(*text)[got], text->size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return refuse("cannot read the file");
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
    if (got == text->size() && got <= kMaxContentFileBytes) text->resize(got * 2);
  }
  close(fd);
  fd = -1;
  text->resize(got);
  // The file may have grown since it was measured.
  if (text->size() > kMaxContentFileBytes) return refuse(too_large_message(text->size()));
  return true;
}

}  // namespace coachkit
