#include "project.hpp"

#include "pack_loader.hpp"
#include "renderer.hpp"
#include "toml_reader.hpp"

#include <filesystem>

namespace fs = std::filesystem;

namespace coachkit {

std::optional<Project> resolve_project(const std::string& path, Diagnostics& diagnostics) {
  std::error_code ec;
  if (fs::is_directory(path, ec) && is_pack_directory(path)) {
    Project project;
    project.packs.push_back(path);
    return project;
  }
  fs::path file = fs::is_directory(path, ec) ? fs::path(path) / "coachkit.toml" : fs::path(path);
  std::string display = file.lexically_normal().generic_string();
  if (!fs::is_regular_file(file, ec)) {
    diagnostics.add(display, 0, 0,
                    "not found: give a content pack folder (with pack.toml) or a project "
                    "(a folder with coachkit.toml)");
    return std::nullopt;
  }
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    diagnostics.add(display, static_cast<int>(e.source().begin.line),
                    static_cast<int>(e.source().begin.column),
                    "invalid TOML: " + std::string(e.description()));
    return std::nullopt;
  }
  std::size_t before = diagnostics.size();
  const toml::table* table = root["project"].as_table();
  if (!table) {
    diagnostics.add(display, 1, 1, "a project file holds a [project] table (packs = [...])");
    return std::nullopt;
  }
  report_unknown_keys(root, {"project"}, "unexpected top-level key", "a project file", display,
                      diagnostics);
  TableReader r(*table, "[project]", display, diagnostics);
  Project project;
  fs::path base = file.parent_path();
  for (const std::string& pack : r.string_list("packs", 1)) {
    project.packs.push_back((base / pack).lexically_normal().generic_string());
  }
  project.formats = r.string_list("formats", 0);
  if (const toml::node* formats = r.node("formats"); formats && formats->is_array()) {
    for (const toml::node& f : *formats->as_array()) {
      if (f.is_string() && !parse_format(f.as_string()->get())) {
        r.error(f, "unknown format \"" + f.as_string()->get() +
                       "\" (expected html, docx, odt, md or pdf)");
      }
    }
  }
  project.out = r.optional_string("out");
  if (!project.out.empty()) project.out = (base / project.out).lexically_normal().generic_string();
  project.theme = r.optional_string("theme");
  // A theme given as a path is relative to the project file, like its packs.
  if (project.theme.find('/') != std::string::npos) {
    project.theme = (base / project.theme).lexically_normal().generic_string();
  }
  r.finish();
  if (diagnostics.size() != before) return std::nullopt;
  return project;
}

}  // namespace coachkit
