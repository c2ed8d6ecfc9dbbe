#include "build/input_stamp.hpp"

#include "build/output_log.hpp"
#include "support/atomic_file.hpp"

#include <sys/stat.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace fs = std::filesystem;

namespace coachkit {

void InputStamp::add_setting(const std::string& name, const std::string& value) {
  add("setting");
  add(name);
  add(value);
}

void InputStamp::add_file(const std::string& path) {
  add("file");
  add(path);
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    add("missing");
    return;
  }
  add(std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" +
      std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + ":" +
      std::to_string(st.st_mode));
}

void InputStamp::add_tree(const std::string& directory) {
  add("tree");
  add(directory);
  std::vector<std::string> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(directory, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.empty() && name.front() == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_directory(ec)) files.push_back(it->path().string());
  }
  if (ec) add("unreadable: " + ec.message());
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) add_file(file);
}

namespace {

constexpr const char* kStampFile = ".coachkit-stamps";

nlohmann::json read_stamps(const std::string& out_directory) {
  std::ifstream in(fs::path(out_directory) / kStampFile, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  nlohmann::json json = nlohmann::json::parse(text.str(), nullptr, false);
  return json.is_object() ? json : nlohmann::json::object();
}

}  // namespace

StampFile::StampFile(std::string out_directory) : out_directory_(std::move(out_directory)) {}

std::optional<int> StampFile::unchanged_outputs(const std::string& source, const std::string& stamp,
                                                std::string* pack_id, std::string* warning) const {
  nlohmann::json stamps = read_stamps(out_directory_);
  auto entry = stamps.find(source);
  if (entry == stamps.end() || !entry->is_object()) return std::nullopt;
  std::string saved = entry->value("stamp", "");
  std::string id = entry->value("pack", "");
  int outputs = entry->value("outputs", -1);
  // The id names a folder inside OUT: it must be a plain name.
  if (saved != stamp || id.empty() || id.find('/') != std::string::npos || id.front() == '.') {
    return std::nullopt;
  }
  fs::path pack_out = fs::path(out_directory_) / id;
  OutputLog log(pack_out.string());
  if (log.records().empty() || outputs < 0) return std::nullopt;
  // The outputs belong to the folder, not to the source: a build of another source, or with
  // other settings, or one killed half-way, that wrote or removed anything since this stamp
  // was saved has changed the log, and then the outputs are checked one by one.
  if (entry->value("outputs_state", "") != log.state()) return std::nullopt;
  for (const auto& [relative, record] : log.records()) {
    FileIdentity now;
    if (!identify_file((pack_out / relative).string(), &now) || now != record.file) {
      return std::nullopt;
    }
  }
  *pack_id = id;
  *warning = entry->value("warning", "");
  return outputs;
}

std::optional<Problem> StampFile::save(const std::string& source, const std::string& stamp,
                                       const std::string& pack_id, int outputs,
                                       const std::string& warning) {
  nlohmann::json stamps = read_stamps(out_directory_);
  OutputLog log((fs::path(out_directory_) / pack_id).string());
  stamps[source] = {{"stamp", stamp},
                    {"pack", pack_id},
                    {"outputs", outputs},
                    {"outputs_state", log.state()},
                    {"warning", warning}};
  return write_file_atomically(
      (fs::path(out_directory_) / kStampFile).string(),
      stamps.dump(1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::optional<Problem> StampFile::drop(const std::string& source) {
  nlohmann::json stamps = read_stamps(out_directory_);
  if (!stamps.contains(source)) return std::nullopt;
  stamps.erase(source);
  return write_file_atomically(
      (fs::path(out_directory_) / kStampFile).string(),
      stamps.dump(1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace coachkit
