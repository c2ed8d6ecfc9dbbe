#include "pack/pack_loader.hpp"

#include "pack/readers/readers.hpp"
#include "pack/toml_text.hpp"

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace coachkit {

namespace {

using FileReader = void (*)(const toml::table&, const std::string&, LoadContext&);

std::optional<toml::table> read_and_parse(const PackFiles& files, const std::string& relative,
                                          Diagnostics& diagnostics) {
  std::string text;
  Diagnostic problem;
  if (!files.read(relative, &text, &problem)) {
    diagnostics.add(std::move(problem));
    return std::nullopt;
  }
  return parse_content_toml(text, files.display(relative), diagnostics);
}

// Reads every .toml file of `folder` with `read`; a file that cannot be read or parsed marks
// its kind as unread.
void read_folder(const PackFiles& files, const std::string& folder, FileReader read,
                 LoadContext& context) {
  std::vector<std::string> paths;
  Diagnostic problem;
  if (!files.list(folder, &paths, &problem)) {
    context.diagnostics.add(std::move(problem));
    context.unread.insert(folder);
    return;
  }
  for (const std::string& path : paths) {
    if (std::optional<toml::table> root = read_and_parse(files, path, context.diagnostics)) {
      read(*root, files.display(path), context);
    } else {
      context.unread.insert(folder);
    }
  }
}

// pack.toml first: without it, nothing else is worth reading or reporting.
bool read_pack_toml(const PackFiles& files, LoadContext& context) {
  if (!files.exists("pack.toml")) {
    context.diagnostics.add(files.display("pack.toml"), 0, 0,
                            "no pack.toml here: a content pack is a folder with a pack.toml "
                            "(see docs/content-schema.md)");
    return false;
  }
  std::optional<toml::table> root = read_and_parse(files, "pack.toml", context.diagnostics);
  return root && read_pack_file(*root, files.display("pack.toml"), context);
}

void order_principles(Pack& pack) {
  auto group_rank = [&](const std::string& group) {
    for (std::size_t i = 0; i < pack.groups.size(); ++i) {
      if (pack.groups[i].id == group) return i;
    }
    return pack.groups.size();
  };
  // Files were read in name order, so a stable sort keeps that order among equals.
  std::stable_sort(pack.principles.begin(), pack.principles.end(),
                   [&](const Principle& a, const Principle& b) {
                     std::size_t ga = group_rank(a.group), gb = group_rank(b.group);
                     if (ga != gb) return ga < gb;
                     int oa = a.order.value_or(10001), ob = b.order.value_or(10001);
                     return oa < ob;
                   });
}

}  // namespace

std::optional<Pack> load_pack(const PackFiles& files, Diagnostics& diagnostics) {
  std::size_t before = diagnostics.size();
  LoadContext context(diagnostics);
  context.pack.directory = files.directory();
  if (!read_pack_toml(files, context)) return std::nullopt;
  // Targets of references are read before what refers to them.
  read_folder(files, "principles", read_principle_file, context);
  order_principles(context.pack);
  read_folder(files, "quotes", read_quote_file, context);
  read_folder(files, "activities", read_activity_file, context);
  read_folder(files, "questions", read_question_file, context);
  read_folder(files, "rubrics", read_rubric_file, context);
  read_folder(files, "posters", read_poster_file, context);
  if (diagnostics.size() != before) return std::nullopt;
  return std::move(context.pack);
}

std::optional<Pack> load_pack(const std::string& directory, Diagnostics& diagnostics) {
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) {
    diagnostics.add(fs::path(directory).generic_string(), 0, 0,
                    "not a folder (expected a content pack)");
    return std::nullopt;
  }
  return load_pack(FolderPackFiles(directory), diagnostics);
}

bool is_pack_directory(const std::string& directory) {
  std::error_code ec;
  return fs::is_regular_file(fs::path(directory) / "pack.toml", ec);
}

}  // namespace coachkit
