#include "serve/preview_page.hpp"

#include <coachkit/escape.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <set>

namespace coachkit::serve {

namespace {

using escape::html;

// The script every served page gets. It knows the generation of the build it was served from,
// so a rebuild that finished before it connected still reloads it.
constexpr const char* kLiveScript = R"JS(
(function () {
  var since = GENERATION;
  var source = new EventSource('/_coachkit/events?page=' +
      encodeURIComponent(location.pathname) + '&since=' + since);
  source.addEventListener('reload', function () { location.reload(); });
  source.addEventListener('problems', function (event) { show(JSON.parse(event.data)); });
  function show(problems) {
    var old = document.getElementById('coachkit-live-problems');
    if (old) old.remove();
    if (!problems.length || document.getElementById('coachkit-problems')) return;
    var box = document.createElement('aside');
    box.id = 'coachkit-live-problems';
    box.setAttribute('role', 'alert');
    var s = box.style;
    s.position = 'fixed'; s.top = '0'; s.left = '0'; s.right = '0'; s.zIndex = '2147483647';
    s.maxHeight = '50vh'; s.overflow = 'auto'; s.margin = '0'; s.padding = '0.75em 1em';
    s.background = '#fff4f4'; s.color = '#5c0000'; s.borderBottom = '3px solid #a00000';
    s.font = '15px/1.4 sans-serif';
    var title = document.createElement('strong');
    title.textContent = 'The last build failed; this page is from the last good one.';
    box.appendChild(title);
    problems.forEach(function (p) {
      var item = document.createElement('div');
      item.style.marginTop = '0.5em';
      var where = document.createElement('code');
      where.textContent = p.where ? p.where + ': ' : '';
      item.appendChild(where);
      item.appendChild(document.createTextNode(p.message));
      if (p.quoted) {
        var line = document.createElement('pre');
        line.style.margin = '0.25em 0 0 1em'; line.style.whiteSpace = 'pre-wrap';
        line.textContent = p.quoted;
        item.appendChild(line);
      }
      box.appendChild(item);
    });
    document.body.insertBefore(box, document.body.firstChild);
  }
})();
)JS";

struct Section {
  const char* folder;  // the first folder under the pack's, "" for the pack's own files
  const char* title;
};
constexpr Section kSections[] = {
    {"", "Whole pack: handout and slide deck"},
    {"handouts", "Handouts"},
    {"activities", "Worksheets"},
    {"posters", "Posters"},
    {"quiz", "Quiz"},
    {"rubrics", "Scorecards"},
};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string extension_of(const std::string& name) {
  std::size_t dot = name.rfind('.');
  std::size_t slash = name.rfind('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  return lower(name.substr(dot + 1));
}

// One thing made in one or two editions, with a file per format.
struct Entry {
  std::map<std::string, std::string> participant;  // extension → path
  std::map<std::string, std::string> trainer;
};

// "/pack/a b.html" with each segment percent-encoded.
std::string href(const std::string& relative) {
  static const char* hex = "0123456789ABCDEF";
  std::string out = "/";
  for (unsigned char c : relative) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string label_of_format(const std::string& extension) {
  std::string upper = extension;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

bool viewable(const std::string& extension) {
  return extension == "html" || extension == "pdf" || extension == "png" || extension == "svg" ||
         extension == "txt";
}

std::string cell(const std::map<std::string, std::string>& files) {
  if (files.empty()) return "<td></td>";
  std::string out = "<td>";
  auto png = files.find("png");
  if (png != files.end()) {
    auto pdf = files.find("pdf");
    out += "<a href=\"" + html(href(pdf != files.end() ? pdf->second : png->second)) +
           "\"><img src=\"" + html(href(png->second)) +
           "\" alt=\"preview\" loading=\"lazy\" width=\"180\"></a><br>";
  }
  auto page = files.find("html");
  if (page != files.end()) {
    out += "<a class=\"page\" href=\"" + html(href(page->second)) + "\">page</a> ";
  }
  for (const auto& [extension, path] : files) {
    if (extension == "html") continue;
    out += "<a href=\"" + html(href(path)) + "\"" + (viewable(extension) ? "" : " download") + ">" +
           html(extension.empty() ? "file" : label_of_format(extension)) + "</a> ";
  }
  return out + "</td>";
}

constexpr const char* kStyle =
    "body{font:16px/1.45 sans-serif;margin:1.5em auto;max-width:70em;padding:0 1em;color:#1a1a1a}"
    "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4em;"
    "text-align:left;vertical-align:top}th{background:#f4f4f4}code{font-size:.95em}"
    "#coachkit-problems{background:#fff4f4;border:2px solid #a00000;color:#5c0000;padding:.5em 1em}"
    "#coachkit-problems pre{margin:.2em 0 .6em 1em;white-space:pre-wrap}"
    "td a{margin-right:.4em}.status{color:#555}";

}  // namespace

std::string index_page(const std::map<std::string, FileIdentity>& outputs,
                       const std::vector<PreviewProblem>& problems, std::uint64_t generation,
                       bool building) {
  // pack → section → name → entry
  std::map<std::string, std::map<std::string, std::map<std::string, Entry>>> packs;
  for (const auto& [path, identity] : outputs) {
    std::size_t slash = path.find('/');
    if (slash == std::string::npos) continue;  // the folder's own files (none today)
    std::string pack = path.substr(0, slash);
    std::string rest = path.substr(slash + 1);
    bool trainer = rest.rfind("trainer/", 0) == 0;
    if (trainer) rest = rest.substr(8);
    std::string extension = extension_of(rest);
    std::string stem =
        extension.empty() ? rest : rest.substr(0, rest.size() - extension.size() - 1);
    std::size_t folder_end = stem.find('/');
    std::string section = folder_end == std::string::npos ? "" : stem.substr(0, folder_end);
    std::string name = folder_end == std::string::npos ? stem : stem.substr(folder_end + 1);
    Entry& entry = packs[pack][section][name];
    (trainer ? entry.trainer : entry.participant)[extension] = path;
  }
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>coachkit preview</title>\n<style>" +
      std::string(kStyle) + "</style>\n</head>\n<body>\n<h1>coachkit preview</h1>\n";
  out += "<p class=\"status\">Build " + std::to_string(generation) +
         (building ? ": rebuilding…" : "") +
         ". Every open page reloads itself when a save changes it.</p>\n";
  if (!problems.empty()) {
    out +=
        "<section id=\"coachkit-problems\" role=\"alert\">\n<h2>The last build failed</h2>\n"
        "<p>The outputs below are from the last good build.</p>\n";
    for (const PreviewProblem& p : problems) {
      out += "<div class=\"problem\"><code>" + html(p.where().empty() ? "" : p.where() + ": ") +
             "</code>" + html(p.message) + "</div>\n";
      if (!p.quoted.empty()) out += "<pre>" + html(p.quoted) + "</pre>\n";
    }
    out += "</section>\n";
  }
  if (packs.empty()) out += "<p>Nothing has been built yet.</p>\n";
  for (const auto& [pack, sections] : packs) {
    out += "<h2>" + html(pack) + "</h2>\n";
    std::set<std::string> shown;
    auto write_section = [&](const std::string& folder, const std::string& title) {
      auto it = sections.find(folder);
      if (it == sections.end()) return;
      shown.insert(folder);
      bool editions = std::any_of(it->second.begin(), it->second.end(),
                                  [](const auto& e) { return !e.second.trainer.empty(); });
      out += "<h3>" + html(title) + "</h3>\n<table>\n<tr><th>" +
             std::string(editions ? "</th><th>Participant's edition</th><th>Trainer's edition"
                                  : "</th><th>Files") +
             "</th></tr>\n";
      for (const auto& [name, entry] : it->second) {
        out += "<tr><td>" + html(name) + "</td>" + cell(entry.participant);
        if (editions) out += cell(entry.trainer);
        out += "</tr>\n";
      }
      out += "</table>\n";
    };
    for (const Section& s : kSections) write_section(s.folder, s.title);
    for (const auto& [folder, entries] : sections) {
      if (!shown.count(folder)) write_section(folder, folder);
    }
  }
  return with_live_reload(out + "</body>\n</html>\n", generation);
}

std::string with_live_reload(std::string page, std::uint64_t generation) {
  std::string script = kLiveScript;
  script.replace(script.find("GENERATION"), 10, std::to_string(generation));
  std::string lowered = lower(page);
  // The self-check page allows no connections: its preview copy may connect back here.
  std::size_t csp = lowered.find("http-equiv=\"content-security-policy\"");
  if (csp != std::string::npos) {
    std::size_t content = lowered.find("content=\"", csp);
    std::size_t tag_end = lowered.find('>', csp);
    if (content != std::string::npos && content < tag_end) {
      std::size_t end = lowered.find('"', content + 9);
      if (end != std::string::npos &&
          lowered.substr(content, end - content).find("connect-src") == std::string::npos) {
        page.insert(end, "; connect-src 'self'");
        lowered = lower(page);
      }
    }
  }
  std::string tag = "<script>" + script + "</script>\n";
  std::size_t body = lowered.rfind("</body>");
  if (body == std::string::npos) {
    page += tag;
  } else {
    page.insert(body, tag);
  }
  return page;
}

std::string problems_json(const std::vector<PreviewProblem>& problems) {
  nlohmann::json list = nlohmann::json::array();
  for (const PreviewProblem& p : problems) {
    list.push_back({{"where", p.where()}, {"message", p.message}, {"quoted", p.quoted}});
  }
  // Invalid UTF-8 in a message (it was escaped, but be sure) must not throw.
  return list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string media_type(const std::string& path) {
  static const std::map<std::string, std::string> types = {
      {"html", "text/html; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"txt", "text/plain; charset=utf-8"},
      {"md", "text/plain; charset=utf-8"},
      {"gift", "text/plain; charset=utf-8"},
      {"toml", "text/plain; charset=utf-8"},
      {"csv", "text/csv; charset=utf-8"},
      {"json", "application/json"},
      {"xml", "application/xml"},
      {"pdf", "application/pdf"},
      {"png", "image/png"},
      {"svg", "image/svg+xml"},
      {"zip", "application/zip"},
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
      {"odt", "application/vnd.oasis.opendocument.text"},
      {"epub", "application/epub+zip"},
  };
  auto it = types.find(extension_of(path));
  return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace coachkit::serve
