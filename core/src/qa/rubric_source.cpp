#include "qa/rubric_source.hpp"

#include "pack/pack_loader.hpp"
#include "pack/readers/readers.hpp"
#include "pack/toml_reader.hpp"
#include "pack/toml_text.hpp"

#include <filesystem>
#include <fstream>
#include <memory>

namespace fs = std::filesystem;

namespace coachkit {

namespace {

std::string rubric_ids(const Pack& pack) {
  std::string out;
  for (const Rubric& r : pack.rubrics) out += (out.empty() ? "" : ", ") + r.id;
  return out.empty() ? "none" : out;
}

std::optional<RubricSource> pick(Pack pack, const std::string& id, const std::string& where,
                                 Diagnostics& diagnostics) {
  for (std::size_t i = 0; i < pack.rubrics.size(); ++i) {
    if (pack.rubrics[i].id == id) return RubricSource{std::move(pack), i};
  }
  std::vector<std::string> ids;
  for (const Rubric& r : pack.rubrics) ids.push_back(r.id);
  std::string message = "pack '" + pack.id + "' has no rubric '" + excerpt(id) + "'";
  std::string suggestion = closest(id, ids);
  if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
  diagnostics.add(where, 0, 0, message + " (rubrics: " + rubric_ids(pack) + ")");
  return std::nullopt;
}

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return fs::equivalent(a, b, ec);
}

std::optional<RubricSource> from_file(const std::string& path, Diagnostics& diagnostics) {
  fs::path folder = fs::path(path).parent_path();
  if (folder.filename() == "rubrics" && is_pack_directory(folder.parent_path().string())) {
    std::optional<Pack> pack = load_pack(folder.parent_path().string(), diagnostics);
    if (!pack) return std::nullopt;
    for (std::size_t i = 0; i < pack->rubrics.size(); ++i) {
      const Rubric& r = pack->rubrics[i];
      bool found = same_file(r.where.file, path);
      for (const Rubric& earlier : r.earlier_versions)
        found = found || same_file(earlier.where.file, path);
      if (found) return RubricSource{std::move(*pack), i};
    }
    diagnostics.add(path, 0, 0, "not a rubric of the pack in " + folder.parent_path().string());
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) {
    diagnostics.add(path, 0, 0, "cannot read the rubric file");
    return std::nullopt;
  }
  std::optional<toml::table> root = parse_toml(text, path, diagnostics);
  if (!root) return std::nullopt;
  std::size_t problems = diagnostics.size();
  LoadContext context(diagnostics);
  read_rubric_file(*root, path, context);
  if (diagnostics.size() != problems || context.pack.rubrics.empty()) return std::nullopt;
  return RubricSource{std::move(context.pack), 0};
}

}  // namespace

std::optional<RubricSource> resolve_rubric(const std::string& argument,
                                           const std::vector<std::string>& plugin_dirs,
                                           const InstallLayout& layout, Diagnostics& diagnostics) {
  Workspace workspace(layout, plugin_dirs);
  return resolve_rubric(argument, workspace, diagnostics);
}

std::optional<RubricSource> resolve_rubric(const std::string& argument, Workspace& workspace,
                                           Diagnostics& diagnostics) {
  std::error_code ec;
  if (fs::is_regular_file(argument, ec)) return from_file(argument, diagnostics);
  if (fs::is_directory(argument, ec)) {
    std::shared_ptr<const Pack> pack = workspace.pack(argument, diagnostics);
    if (!pack) return std::nullopt;
    if (pack->rubrics.size() != 1) {
      diagnostics.add(argument, 0, 0,
                      "the pack has " + std::to_string(pack->rubrics.size()) +
                          " rubrics; name one as " + argument +
                          ":ID (rubrics: " + rubric_ids(*pack) + ")");
      return std::nullopt;
    }
    return RubricSource{*pack, 0};
  }
  std::size_t colon = argument.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == argument.size()) {
    diagnostics.add(argument, 0, 0,
                    "no such rubric: give a rubric file, PACK_DIR:RUBRIC_ID or PACK_ID:RUBRIC_ID");
    return std::nullopt;
  }
  std::string pack_name = argument.substr(0, colon);
  std::string id = argument.substr(colon + 1);
  if (fs::is_directory(pack_name, ec)) {
    std::shared_ptr<const Pack> pack = workspace.pack(pack_name, diagnostics);
    if (!pack) return std::nullopt;
    return pick(*pack, id, argument, diagnostics);
  }
  std::vector<std::string> ids;
  for (const CatalogEntry& entry : workspace.catalog(diagnostics)) {
    if (entry.pack.id == pack_name) return pick(entry.pack, id, argument, diagnostics);
    ids.push_back(entry.pack.id);
  }
  std::string message = "no pack folder or pack id '" + excerpt(pack_name) + "'";
  std::string suggestion = closest(pack_name, ids);
  if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
  diagnostics.add(argument, 0, 0, message);
  return std::nullopt;
}

}  // namespace coachkit
