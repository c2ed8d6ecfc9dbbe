#include "pack/project.hpp"

#include "pack/content_limits.hpp"
#include "pack/pack_files.hpp"
#include "pack/pack_loader.hpp"
#include "pack/toml_reader.hpp"
#include "pack/toml_text.hpp"

#include <coachkit/format.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace coachkit {

namespace {

// Folders named in a project file: as long as a path may be.
constexpr std::size_t kPathChars = 4096;

}  // namespace

std::optional<Project> resolve_project(const std::string& path, Diagnostics& diagnostics) {
  std::error_code ec;
  if (fs::is_directory(path, ec) && is_pack_directory(path)) {
    Project project;
    project.packs.push_back(PackReference{path, "", {}});
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
  std::uintmax_t size = fs::file_size(file, ec);
  if (!ec && size > kMaxContentFileBytes) {
    diagnostics.add(display, 1, 1, too_large_message(size));
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  if (!in || !(text << in.rdbuf())) text.str("");
  if (!in) {
    diagnostics.add(display, 1, 1, "cannot read the file");
    return std::nullopt;
  }
  std::optional<toml::table> parsed = parse_toml(text.str(), display, diagnostics);
  if (!parsed) return std::nullopt;
  auto root = std::make_shared<toml::table>(std::move(*parsed));
  std::size_t before = diagnostics.size();
  const toml::table* table = root->get_as<toml::table>("project");
  if (!table) {
    diagnostics.add(display, 1, 1, "a project file holds a [project] table (packs = [...])");
    return std::nullopt;
  }
  report_unknown_keys(*root, {"project", "generators"}, "unexpected top-level key",
                      "a project file", display, diagnostics);
  if (const toml::node* generators = root->get("generators");
      generators && !generators->is_table()) {
    SourcePosition p = position_of(display, generators->source());
    diagnostics.add(display, p.line, p.column,
                    "'generators' must be a table of [generators.KIND] tables");
  }
  TableReader r(*table, "[project]", display, diagnostics);
  Project project;
  project.file = display;
  project.root = root;
  fs::path base = file.parent_path();
  r.string_list("packs", 1, kPathChars);
  if (const toml::node* packs = r.node("packs"); packs && packs->is_array()) {
    for (const toml::node& entry : *packs->as_array()) {
      if (!entry.is_string()) continue;
      const std::string& name = entry.as_string()->get();
      PackReference reference;
      reference.where = r.where(entry);
      // A folder (relative to this file) when there is one; otherwise the id of a pack that a
      // plugin or the installation provides.
      fs::path folder = base / name;
      if (fs::is_directory(folder, ec) || name.find('/') != std::string::npos ||
          !is_valid_id(name)) {
        reference.folder = folder.lexically_normal().generic_string();
      } else {
        reference.id = name;
      }
      project.packs.push_back(std::move(reference));
    }
  }
  project.formats = r.string_list("formats", 0, kMaxLineChars);
  if (const toml::node* formats = r.node("formats"); formats && formats->is_array()) {
    for (const toml::node& f : *formats->as_array()) {
      if (f.is_string() && !parse_format(f.as_string()->get())) {
        r.error(f, unknown_format_message(f.as_string()->get()));
      }
    }
  }
  project.out = r.optional_string("out", kPathChars);
  if (!project.out.empty()) project.out = (base / project.out).lexically_normal().generic_string();
  project.theme = r.optional_string("theme", kPathChars);
  // A theme given as a path is relative to the project file, like its packs.
  if (project.theme.find('/') != std::string::npos) {
    project.theme = (base / project.theme).lexically_normal().generic_string();
  }
  if (auto seed = r.integer("seed", false, 0, INT64_MAX)) {
    project.seed = static_cast<std::uint64_t>(*seed);
  }
  project.edition = r.optional_string("edition", kMaxLineChars);
  project.paper = r.optional_string("paper", kMaxLineChars);
  if (const toml::node* paper = r.node("paper");
      paper && project.paper != "a4" && project.paper != "letter") {
    r.error(*paper, "'paper' is \"" + project.paper + "\"; expected \"a4\" or \"letter\"");
  }
  project.organisation = r.optional_string("organisation", kMaxLineChars);
  r.finish();
  if (diagnostics.size() != before) return std::nullopt;
  return project;
}

}  // namespace coachkit
