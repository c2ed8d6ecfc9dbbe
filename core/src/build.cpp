#include "build.hpp"

#include "atomic_file.hpp"

#include <xxhash.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;

namespace coachkit {

namespace {

constexpr const char* kManifestName = ".coachkit-manifest.json";

struct Task {
  Format format;
  std::string relative;  // e.g. handouts/respect.pdf
  std::string input;     // what pandoc reads
  std::string key;       // fingerprint of everything the output depends on
};

std::string hex(std::uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::map<std::string, std::string> read_manifest(const fs::path& path) {
  std::map<std::string, std::string> entries;
  auto json = nlohmann::json::parse(read_file(path.string()), nullptr, false);
  if (json.is_object() && json.contains("outputs") && json["outputs"].is_object()) {
    for (const auto& [name, key] : json["outputs"].items()) {
      if (key.is_string()) entries[name] = key.get<std::string>();
    }
  }
  return entries;
}

}  // namespace

std::string check_artifact_name(const std::string& name) {
  if (name.empty()) return "the name is empty";
  if (name.front() == '/' || name.find('\\') != std::string::npos)
    return "it is not a relative path";
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string::npos) end = name.size();
    std::string part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == ".." || part.front() == '.') {
      return "it has an empty, hidden or parent ('..') part";
    }
    for (char c : part) {
      bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
      if (!ok) return "it may hold only letters, digits, '-', '_', '.' and '/'";
    }
    start = end + 1;
  }
  return "";
}

BuildReport Builder::build(const Pack& pack) {
  BuildReport report;
  fs::path pack_out = fs::path(options_.out_directory) / pack.id;
  remove_stale_temporaries(pack_out.string());

  // 1. Every generator makes its documents; one failing plugin does not stop the others.
  std::vector<Artifact> artifacts;
  // Only a complete run may decide that an earlier output is no longer made: with a plugin
  // refused, missing or failing, its outputs stay.
  bool every_generator_ran = !host_.plugins().empty() && host_.refused().empty();
  for (const LoadedPlugin& plugin : host_.plugins()) {
    for (const LoadedGenerator& generator : plugin.generators) {
      const auto& only = options_.only_kinds;
      if (!only.empty() && std::find(only.begin(), only.end(), generator.kind) == only.end()) {
        every_generator_ran = false;
        continue;
      }
      std::vector<Artifact> made;
      std::string error;
      if (!host_.generate(plugin, generator, pack, &made, &error)) {
        report.plugin_errors.push_back(error);
        every_generator_ran = false;
        continue;
      }
      for (Artifact& artifact : made) {
        std::string problem = check_artifact_name(artifact.name);
        if (!problem.empty()) {
          report.plugin_errors.push_back("plugin '" + plugin.name + "' (" + plugin.path +
                                         ") made an output named \"" + artifact.name +
                                         "\", which is refused: " + problem);
          continue;
        }
        artifacts.push_back(std::move(artifact));
      }
    }
  }

  // 2. One task per artifact and format, each with a fingerprint of what it depends on.
  std::vector<Task> tasks;
  std::set<std::string> destinations;
  std::string reference_docx =
      theme_.reference_docx.empty() ? "" : read_file(theme_.reference_docx);
  for (const Artifact& artifact : artifacts) {
    for (Format format : options_.formats) {
      Task task{format,
                artifact.name + "." + format_name(format),
                renderer_.pandoc_input(artifact.document, format, theme_),
                {}};
      if (!destinations.insert(task.relative).second) {
        report.plugin_errors.push_back("two generators both make " + task.relative +
                                       "; only the first is written");
        continue;
      }
      XXH3_state_t* state = XXH3_createState();
      XXH3_64bits_reset(state);
      auto add = [&](const std::string& part) {
        XXH3_64bits_update(state, part.data(), part.size() + 1);  // the NUL separates parts
      };
      add(kVersion);
      add(renderer_.pandoc_version());
      add(format_name(format));
      add(task.input);
      if (format == Format::Pdf) {
        const std::string& v = renderer_.weasyprint_version();
        XXH3_64bits_update(state, v.data(), v.size());
      }
      if (format == Format::Docx) {
        XXH3_64bits_update(state, reference_docx.data(), reference_docx.size());
      }
      task.key = hex(XXH3_64bits_digest(state));
      XXH3_freeState(state);
      tasks.push_back(std::move(task));
    }
  }

  // 3. Render what changed, on `jobs` threads; each output is written whole or not at all.
  fs::path manifest_path = pack_out / kManifestName;
  std::map<std::string, std::string> previous = read_manifest(manifest_path);
  std::map<std::string, std::string> current;
  std::mutex mutex;
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < tasks.size(); i = next++) {
      const Task& task = tasks[i];
      fs::path destination = pack_out / task.relative;
      std::error_code ec;
      auto old = previous.find(task.relative);
      bool unchanged =
          old != previous.end() && old->second == task.key && fs::is_regular_file(destination, ec);
      std::string error;
      bool ok = unchanged || renderer_.render_input(task.input, task.format, theme_,
                                                    destination.string(), &error);
      std::lock_guard<std::mutex> lock(mutex);
      if (ok) {
        current[task.relative] = task.key;
        unchanged ? ++report.unchanged : ++report.written;
      } else {
        report.render_errors.push_back(destination.string() + ": " + error);
        // The previous output, if any, stays as it was, and so does its fingerprint.
        if (old != previous.end()) current[task.relative] = old->second;
      }
      ++done;
      if (options_.progress) {
        std::fprintf(stderr, "\r\033[K[%zu/%zu] %s", done.load(), tasks.size(),
                     task.relative.c_str());
        std::fflush(stderr);
      }
    }
  };
  std::vector<std::thread> threads;
  int jobs = std::max(1, std::min<int>(options_.jobs, static_cast<int>(tasks.size())));
  for (int j = 0; j < jobs; ++j) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();
  if (options_.progress && !tasks.empty()) std::fprintf(stderr, "\r\033[K");

  // 4. Outputs from earlier builds that nothing makes any more go, but only when every
  //    generator ran, so a failing plugin never costs the user its previous outputs.
  for (const auto& [name, key] : previous) {
    if (current.count(name)) continue;
    // The manifest is a file on disk, not to be trusted with paths: only names a generator
    // could have made, in a format this build made, are ever removed.
    std::size_t dot = name.rfind('.');
    if (dot == std::string::npos || !check_artifact_name(name.substr(0, dot)).empty()) continue;
    std::optional<Format> format = parse_format(name.substr(dot + 1));
    if (!format || format_name(*format) != name.substr(dot + 1)) continue;
    bool format_built = std::find(options_.formats.begin(), options_.formats.end(), *format) !=
                        options_.formats.end();
    if (format_built && every_generator_ran && report.plugin_errors.empty()) {
      std::error_code ec;
      if (fs::remove(pack_out / name, ec)) ++report.removed;
    } else {
      current[name] = key;
    }
  }
  nlohmann::json manifest = {{"coachkit", kVersion}, {"outputs", current}};
  std::string error;
  if (!tasks.empty() && !write_file_atomically(manifest_path.string(), manifest.dump(1), &error)) {
    report.render_errors.push_back(error);
  }
  return report;
}

}  // namespace coachkit
