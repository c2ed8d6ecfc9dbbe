// Helpers for the poster tests: the coachkit program and poppler's tools run as a print shop
// would, the PDF boxes `pdfinfo -box` reports, page pictures from pdftoppm, a small pack.
#pragma once

#include "support/process.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace coachkit::poster_testing {

namespace fs = std::filesystem;
using coachkit::testing::read_file;
using coachkit::testing::TempDir;

inline CommandResult run(std::vector<std::string> args) {
  Command command;
  command.argv = {COACHKIT_PROGRAM};
  for (std::string& a : args) command.argv.push_back(std::move(a));
  command.timeout_seconds = 600;
  SystemProcessRunner runner;
  return runner.run(command);
}

inline CommandResult run_with(std::vector<std::string> args, Environment env) {
  Command command;
  command.argv = {COACHKIT_PROGRAM};
  for (std::string& a : args) command.argv.push_back(std::move(a));
  command.timeout_seconds = 600;
  command.env = std::move(env);
  SystemProcessRunner runner;
  return runner.run(command);
}

inline CommandResult run_tool(std::vector<std::string> argv) {
  SystemProcessRunner runner;
  return runner.run(Command{std::move(argv), "", 120});
}

inline std::string default_pack() {
  return std::string(COACHKIT_SOURCE_DIR) + "/content/service-principles";
}

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
};

// Each box of page 1 as `pdfinfo -box` reports it.
inline std::map<std::string, Box> boxes(const fs::path& pdf) {
  CommandResult info = run_tool({"pdfinfo", "-box", pdf.string()});
  EXPECT_TRUE(info.ok()) << info.errors;
  std::map<std::string, Box> out;
  std::regex line(R"((\w+Box):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+))");
  for (std::sregex_iterator it(info.output.begin(), info.output.end(), line), end; it != end;
       ++it) {
    out[(*it)[1]] = {std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4]),
                     std::stod((*it)[5])};
  }
  return out;
}

inline int pages(const fs::path& pdf) {
  CommandResult info = run_tool({"pdfinfo", pdf.string()});
  std::smatch m;
  return std::regex_search(info.output, m, std::regex(R"(Pages:\s+(\d+))")) ? std::stoi(m[1]) : -1;
}

// The words of a text, as pdftotext may break lines and hyphenate: letters only, spaced once.
inline std::string words_of(const std::string& text) {
  std::string out;
  bool space = false;
  for (unsigned char c : text) {
    if (c >= 0x80 || std::isalnum(c)) {
      if (space && !out.empty()) out += ' ';
      out += static_cast<char>(c);
      space = false;
    } else {
      space = true;
    }
  }
  return out;
}

inline std::string pdf_words(const fs::path& pdf) {
  CommandResult text = run_tool({"pdftotext", pdf.string(), "-"});
  EXPECT_TRUE(text.ok()) << text.errors;
  return words_of(text.output);
}

// Every font of the PDF is embedded ("emb" column of pdffonts is "yes"); the font names.
inline std::vector<std::string> embedded_fonts(const fs::path& pdf) {
  CommandResult fonts = run_tool({"pdffonts", pdf.string()});
  EXPECT_TRUE(fonts.ok()) << fonts.errors;
  std::vector<std::string> names;
  std::istringstream in(fonts.output);
  std::string line;
  std::getline(in, line);
  std::getline(in, line);  // the header and its underline
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    EXPECT_NE(line.find(" yes "), std::string::npos) << "not embedded: " << line;
    names.push_back(line.substr(0, line.find(' ')));
  }
  return names;
}

// The colour of the pixel at (x, y) of page 1, drawn by pdftoppm at 10 dpi, as "#rrggbb".
inline std::string pixel(const fs::path& pdf, int x, int y, const TempDir& dir) {
  std::string prefix = (dir.path() / "pixel").string();
  CommandResult drawn =
      run_tool({"pdftoppm", "-r", "10", "-singlefile", "-f", "1", "-l", "1", pdf.string(), prefix});
  EXPECT_TRUE(drawn.ok()) << drawn.errors;
  std::string ppm = read_file(prefix + ".ppm");
  std::istringstream in(ppm);
  std::string magic;
  int width = 0, height = 0, max = 0;
  in >> magic >> width >> height >> max;
  in.get();
  std::size_t start = static_cast<std::size_t>(in.tellg());
  if (x < 0) x += width;
  if (y < 0) y += height;
  std::size_t at = start + 3 * (static_cast<std::size_t>(y) * width + x);
  char hex[8];
  std::snprintf(hex, sizeof hex, "#%02x%02x%02x", static_cast<unsigned char>(ppm[at]),
                static_cast<unsigned char>(ppm[at + 1]), static_cast<unsigned char>(ppm[at + 2]));
  return hex;
}

// The characters of UTF-8 text in the opposite order.
inline std::string reversed(const std::string& text) {
  std::vector<std::string> characters;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    while (i + length < text.size() &&
           (static_cast<unsigned char>(text[i + length]) & 0xC0) == 0x80)
      ++length;
    characters.push_back(text.substr(i, length));
    i += length;
  }
  std::string out;
  for (auto it = characters.rbegin(); it != characters.rend(); ++it) out += *it;
  return out;
}

// A small pack: two principles, a quote, and the posters given.
inline void write_pack(const TempDir& dir, const std::string& posters,
                       const std::string& first_title = "Respect",
                       const std::string& first_summary = "Treat every caller as a person.") {
  dir.write("pack/pack.toml",
            "[pack]\nid = \"small\"\ntitle = \"Small pack\"\nversion = \"1\"\n"
            "language = \"en\"\nauthors = [\"A trainer\"]\nlicense = \"CC-BY-4.0\"\n"
            "date = 2024-01-01\n\n[[group]]\nid = \"core\"\n"
            "title = \"Core\"\n");
  dir.write("pack/principles/respect.toml",
            "[principle]\nid = \"respect\"\ntitle = \"" + first_title + "\"\nsummary = \"" +
                first_summary +
                "\"\nbody = \"Body.\"\ngroup = \"core\"\n\n[[principle.do]]\nid = \"listen\"\n"
                "text = \"Listen to the end.\"\nwhy = \"They feel heard.\"\n\n"
                "[[principle.dont]]\nid = \"interrupt\"\ntext = \"Talk over them.\"\n"
                "why = \"It tells them they do not matter.\"\n");
  dir.write("pack/principles/service.toml",
            "[principle]\nid = \"service\"\ntitle = \"Service\"\nsummary = \"Help first.\"\n"
            "body = \"Body.\"\ngroup = \"core\"\n");
  dir.write("pack/quotes/quotes.toml",
            "[[quote]]\nid = \"first\"\ntext = \"Principles first.\"\nauthor = \"A trainer\"\n");
  dir.write("pack/posters/poster.toml", posters);
}

// A page picture drawn by pdftoppm as PPM (RGB, 8 bits a channel).
struct Picture {
  int width = 0, height = 0;
  std::string pixels;
  // The colour at (x, y), 0xRRGGBB.
  unsigned rgb(int x, int y) const {
    std::size_t at = 3 * (static_cast<std::size_t>(y) * width + x);
    auto c = [&](std::size_t i) {
      return static_cast<unsigned>(static_cast<unsigned char>(pixels[at + i]));
    };
    return c(0) << 16 | c(1) << 8 | c(2);
  }
};

// Page 1 of `pdf` drawn at `dpi`, with `extra` pdftoppm options (e.g. no anti-aliasing).
inline Picture draw(const fs::path& pdf, int dpi, const TempDir& dir,
                    std::vector<std::string> extra = {}) {
  std::string prefix = (dir.path() / "page").string();
  std::vector<std::string> argv = {"pdftoppm", "-r", std::to_string(dpi), "-singlefile", "-f", "1",
                                   "-l",       "1"};
  for (std::string& option : extra) argv.push_back(std::move(option));
  argv.push_back(pdf.string());
  argv.push_back(prefix);
  CommandResult drawn = run_tool(argv);
  EXPECT_TRUE(drawn.ok()) << drawn.errors;
  Picture picture;
  std::string ppm = read_file(prefix + ".ppm");
  int max = 0, used = 0;
  if (std::sscanf(ppm.c_str(), "P6 %d %d %d%n", &picture.width, &picture.height, &max, &used) !=
      3) {
    ADD_FAILURE() << "pdftoppm wrote no PPM for " << pdf;
    return {};
  }
  picture.pixels = ppm.substr(static_cast<std::size_t>(used) + 1);
  return picture;
}

}  // namespace coachkit::poster_testing
