#include "theme_lookup.hpp"

#include <filesystem>
#include <set>
#include <system_error>

namespace fs = std::filesystem;

namespace coachkit {

std::string find_theme(const std::string& theme, const std::string& pack_directory,
                       const InstallLayout& layout) {
  std::error_code ec;
  if (theme.find('/') != std::string::npos) return fs::is_directory(theme, ec) ? theme : "";
  std::vector<fs::path> candidates = {fs::path(layout.themes()) / theme};
  if (!pack_directory.empty())
    candidates.push_back(fs::path(pack_directory) / ".." / "themes" / theme);
  for (const fs::path& candidate : candidates) {
    if (fs::is_directory(candidate, ec)) return candidate.lexically_normal().string();
  }
  return "";
}

// The themes a name may choose, for messages: "themes: classic, default, modern".
std::string theme_names(const std::string& pack_directory, const InstallLayout& layout) {
  std::set<std::string> names;
  std::vector<fs::path> folders = {fs::path(layout.themes())};
  if (!pack_directory.empty()) folders.push_back(fs::path(pack_directory) / ".." / "themes");
  for (const fs::path& folder : folders) {
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_directory(ec)) names.insert(it->path().filename().string());
    }
  }
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? "no themes are installed" : "themes: " + out;
}

std::vector<std::pair<std::string, std::string>> poster_themes(const Pack& pack,
                                                               const std::string& pack_directory,
                                                               const std::string& build_theme,
                                                               const InstallLayout& layout,
                                                               Diagnostics& diagnostics) {
  std::vector<std::pair<std::string, std::string>> found;
  for (const Poster& poster : pack.posters) {
    if (poster.theme.empty() || poster.theme == build_theme) continue;
    std::string directory = poster.theme.find('/') == std::string::npos
                                ? find_theme(poster.theme, pack_directory, layout)
                                : "";
    if (directory.empty()) {
      diagnostics.add(poster.theme_where.file, poster.theme_where.line, poster.theme_where.column,
                      "'theme' in [poster] is \"" + poster.theme + "\": no theme of that name (" +
                          theme_names(pack_directory, layout) + ")");
    } else {
      found.emplace_back(poster.theme, directory);
    }
  }
  return found;
}

}  // namespace coachkit
