#include "build/output_log.hpp"

#include "build/fingerprint.hpp"
#include "support/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace fs = std::filesystem;

namespace coachkit {

namespace {

// One line per event, fields separated by tabs, the path last (it may hold no tab or newline:
// artifact names are checked before anything is written).
//   v1 <key> <inode> <size> <mtime_ns> <relative>      an output in place
//   v1 ? <relative>                                     an output about to be written
//   v1 - <relative>                                     an output removed
constexpr const char* kLogVersion = "v1";

std::string record_line(const std::string& relative, const OutputRecord& r) {
  if (r.key.empty()) return std::string(kLogVersion) + "\t?\t" + relative + "\n";
  return std::string(kLogVersion) + "\t" + r.key + "\t" + std::to_string(r.file.inode) + "\t" +
         std::to_string(r.file.size) + "\t" + std::to_string(r.file.mtime_ns) + "\t" + relative +
         "\n";
}

bool parse_unsigned(const std::string& text, std::uint64_t* value) {
  if (text.empty() || text.size() > 20) return false;
  std::uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  *value = v;
  return true;
}

}  // namespace

bool identify_file(const std::string& path, FileIdentity* identity) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  identity->inode = static_cast<std::uint64_t>(st.st_ino);
  identity->size = static_cast<std::uint64_t>(st.st_size);
  identity->mtime_ns =
      static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return true;
}

OutputLog::OutputLog(std::string directory) : directory_(std::move(directory)) {
  std::ifstream in(fs::path(directory_) / kFileName, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) break;  // a torn last line: the write never finished
    std::string line = text.substr(start, end - start);
    start = end + 1;
    std::vector<std::string> fields;
    std::size_t field_start = 0;
    while (fields.size() < 5) {
      std::size_t tab = line.find('\t', field_start);
      if (tab == std::string::npos) break;
      fields.push_back(line.substr(field_start, tab - field_start));
      field_start = tab + 1;
    }
    std::string relative = line.substr(field_start);
    if (fields.empty() || fields[0] != kLogVersion || relative.empty()) continue;
    if (fields.size() == 2 && fields[1] == "-") {
      records_.erase(relative);
      continue;
    }
    if (fields.size() == 2 && fields[1] == "?") {
      records_[relative] = OutputRecord{};
      continue;
    }
    OutputRecord r;
    if (fields.size() != 5 || fields[1].empty() || !parse_unsigned(fields[2], &r.file.inode) ||
        !parse_unsigned(fields[3], &r.file.size)) {
      continue;
    }
    std::uint64_t mtime = 0;
    if (!parse_unsigned(fields[4], &mtime)) continue;
    r.key = fields[1];
    r.file.mtime_ns = static_cast<std::int64_t>(mtime);
    records_[relative] = std::move(r);
  }
}

OutputLog::~OutputLog() {
  if (fd_ >= 0) close(fd_);
}

std::string OutputLog::state() const {
  Fingerprint digest;
  for (const auto& [relative, r] : records_) digest.add(record_line(relative, r));
  return digest.hex();
}

bool OutputLog::up_to_date(const std::string& relative, const std::string& key) const {
  auto found = records_.find(relative);
  if (found == records_.end() || found->second.key != key) return false;
  FileIdentity now;
  return identify_file((fs::path(directory_) / relative).string(), &now) &&
         now == found->second.file;
}

std::optional<Problem> OutputLog::append(const std::string& line) {
  if (fd_ < 0) {
    std::error_code ec;
    fs::create_directories(directory_, ec);
    std::string path = (fs::path(directory_) / kFileName).string();
    fd_ = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) {
      return tool_error("cannot write the build log " + path + ": " + std::strerror(errno));
    }
  }
  // One write() of the whole line: a process killed around it leaves the line whole or absent
  // (or, at worst, torn at the end of the file, which the reader drops).
  ssize_t written = write(fd_, line.data(), line.size());
  if (written != static_cast<ssize_t>(line.size())) {
    return tool_error("cannot write the build log in " + directory_ + ": " +
                      (written < 0 ? std::strerror(errno) : "short write"));
  }
  return std::nullopt;
}

std::optional<Problem> OutputLog::record(const std::string& relative, const std::string& key) {
  OutputRecord r;
  r.key = key;
  if (!identify_file((fs::path(directory_) / relative).string(), &r.file)) {
    return tool_error("the output " + relative + " vanished right after it was written");
  }
  std::lock_guard<std::mutex> guard(mutex_);
  if (auto problem = append(record_line(relative, r))) return problem;
  records_[relative] = std::move(r);
  return std::nullopt;
}

std::optional<Problem> OutputLog::claim(const std::string& relative) {
  std::lock_guard<std::mutex> guard(mutex_);
  if (records_.count(relative)) return std::nullopt;
  if (auto problem = append(record_line(relative, OutputRecord{}))) return problem;
  records_[relative] = OutputRecord{};
  return std::nullopt;
}

std::optional<Problem> OutputLog::forget(const std::string& relative) {
  std::lock_guard<std::mutex> guard(mutex_);
  if (auto problem = append(std::string(kLogVersion) + "\t-\t" + relative + "\n")) return problem;
  records_.erase(relative);
  return std::nullopt;
}

std::optional<Problem> OutputLog::compact() {
  std::lock_guard<std::mutex> guard(mutex_);
  std::string text;
  for (const auto& [relative, r] : records_) text += record_line(relative, r);
  if (fd_ >= 0) {
    close(fd_);
    fd_ = -1;
  }
  return write_file_atomically((fs::path(directory_) / kFileName).string(), text);
}

}  // namespace coachkit
