// Tests of rendering through pandoc: hostile content comes out as literal text in HTML,
// Markdown and DOCX, checked by reading each output back as its reader would (a browser's HTML
// parser, pandoc's Markdown reader, python-docx); outputs are replaced atomically; a missing
// pandoc and a hung program are reported.

#include "render/renderer.hpp"
#include "pandoc_tree.hpp"
#include "render/docx_pictures.hpp"
#include "render/pdf_workers.hpp"
#include "support/process.hpp"
#include "test_support.hpp"
#include "zip/zip_dates.hpp"

#include <coachkit/document.hpp>

#include <gtest/gtest.h>

#include <csignal>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

using json = nlohmann::json;
using coachkit::testing::partial_files;
using coachkit::testing::text_of;
using namespace coachkit::doc;
using coachkit::Block;
using coachkit::Command;
using coachkit::CommandResult;
using coachkit::Document;
using coachkit::Format;
using coachkit::Renderer;
using coachkit::SystemProcessRunner;
using coachkit::Text;
using coachkit::Theme;
using coachkit::testing::message_of;
using coachkit::testing::read_file;
using coachkit::testing::TempDir;

const std::string kHostile = "<script>alert(1)</script> **not bold** [x](javascript:alert(1))";
const std::string kBallotBox = "\xE2\x98\x90 an empty box";        // U+2610
const std::string kTickedBallotBox = "\xE2\x98\x92 a ticked box";  // U+2612
const std::string kScripts = COACHKIT_SCRIPTS_DIR;
const char* const kPython = "/usr/bin/python3";

// Sets an environment variable for the life of the object, then puts back what was there.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = std::string(old);
    if (value) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_.c_str(), old_->c_str(), 1);
    } else {
      unsetenv(name_.c_str());
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

// The hostile text in the title, a paragraph, a table cell and a list item; and list items that
// start with a ballot box, which pandoc would otherwise turn into a task list's checkbox.
Document hostile_document() {
  Document d;
  d.title = kHostile;
  d.language = "en";
  coachkit::Table t;
  t.header = {{paragraph("Situation")}, {paragraph("Response")}};
  t.rows = {{{paragraph("Caller")}, {paragraph(kHostile)}}};
  d.blocks = {
      paragraph(kHostile),
      coachkit::doc::table(t),
      bullet_list(list_items({"A plain item", kHostile, kBallotBox, kTickedBallotBox})),
  };
  return d;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++n;
  }
  return n;
}

std::string describe(const CommandResult& r) {
  return "exit " + std::to_string(r.exit_code) + ", started " + std::to_string(r.started) +
         ", stderr: " + r.errors + r.start_error;
}

// Runs a program and parses its standard output as JSON; a failure to run fails the test.
json run_json(const std::vector<std::string>& argv, const std::string& input = {}) {
  SystemProcessRunner runner;
  CommandResult r = runner.run(Command{argv, input, 120});
  EXPECT_TRUE(r.ok()) << argv.front() << " " << (argv.size() > 1 ? argv[1] : "") << ": "
                      << describe(r);
  json j = json::parse(r.output, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << "not JSON: " << r.output;
  return j;
}

// Every node type in a pandoc JSON tree.
void collect_types(const json& j, std::multimap<std::string, std::string>& types,
                   const std::string& path = "") {
  if (j.is_object()) {
    if (j.contains("t") && j["t"].is_string()) types.emplace(j["t"].get<std::string>(), path);
    for (auto it = j.begin(); it != j.end(); ++it) {
      collect_types(it.value(), types, path + "/" + it.key());
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      collect_types(j[i], types, path + "/" + std::to_string(i));
    }
  }
}

// The text of every paragraph-like block (Para, Plain) anywhere in the tree.
void paragraph_texts(const json& j, std::vector<std::string>& out) {
  if (j.is_object()) {
    if (j.contains("t") && (j["t"] == "Para" || j["t"] == "Plain")) {
      out.push_back(text_of(j["c"]));
      return;
    }
    for (auto it = j.begin(); it != j.end(); ++it) paragraph_texts(it.value(), out);
  } else if (j.is_array()) {
    for (const json& item : j) paragraph_texts(item, out);
  }
}

// ---------------------------------------------------------------------------------------------
// Real pandoc: what a reader gets from each format

class RenderWithPandoc : public ::testing::Test {
 protected:
  void SetUp() override {
    if (coachkit::find_program("pandoc").empty()) GTEST_SKIP() << "pandoc is not on PATH";
    ASSERT_EQ(message_of(renderer_.detect_pandoc()), "");
    std::optional<coachkit::Problem> problem =
        coachkit::load_theme(std::string(COACHKIT_SOURCE_DIR) + "/content/themes/default", &theme_);
    ASSERT_FALSE(problem) << problem->message;
  }

  fs::path render(Format format) {
    fs::path out = dir_.path() / ("out/hostile." + coachkit::format_name(format));
    EXPECT_EQ(message_of(renderer_.render(hostile_document(), format, theme_, out.string())), "");
    EXPECT_TRUE(fs::is_regular_file(out));
    return out;
  }

  ScopedEnv pandoc_env_{"COACHKIT_PANDOC", nullptr};  // use pandoc from PATH
  SystemProcessRunner runner_;
  Renderer renderer_{runner_};
  Theme theme_;
  TempDir dir_;
};

TEST_F(RenderWithPandoc, HtmlShowsHostileTextAsText) {
  fs::path html = render(Format::Html);
  json page = run_json({kPython, kScripts + "/html_text.py", html.string()});
  ASSERT_TRUE(page.is_object());

  std::vector<std::string> tags = page["tags"].get<std::vector<std::string>>();
  for (const char* forbidden :
       {"script", "a", "img", "iframe", "object", "embed", "form", "input"}) {
    EXPECT_EQ(std::count(tags.begin(), tags.end(), forbidden), 0)
        << "<" << forbidden << "> in " << read_file(html);
  }
  for (const json& url : page["urls"]) {
    std::string value = url["value"].get<std::string>();
    value.erase(0, value.find_first_not_of(" \t\r\n"));
    std::transform(value.begin(), value.end(), value.begin(), ::tolower);
    EXPECT_NE(value.rfind("javascript:", 0), 0u) << url.dump();
  }
  EXPECT_TRUE(page["handlers"].empty()) << page["handlers"].dump();
  // The theme's CSS arrives in a style element (next to pandoc's own).
  EXPECT_GE(std::count(tags.begin(), tags.end(), "style"), 1);
  EXPECT_TRUE(contains(read_file(html), theme_.css.substr(0, theme_.css.find('\n'))));

  const std::string text = page["text"].get<std::string>();
  // Title heading, paragraph, table cell and list item.
  EXPECT_EQ(count(text, kHostile), 4u) << text;
  std::map<std::string, int> exact;  // element tag → how many hold exactly the hostile text
  for (const json& e : page["elements"]) {
    if (e["text"] == kHostile) ++exact[e["tag"].get<std::string>()];
  }
  EXPECT_EQ(exact["title"], 1) << page["elements"].dump();
  EXPECT_EQ(exact["h1"], 1) << page["elements"].dump();
  EXPECT_EQ(exact["p"], 1) << page["elements"].dump();
  EXPECT_EQ(exact["td"], 1) << page["elements"].dump();
  EXPECT_EQ(exact["li"], 1) << page["elements"].dump();
  // The ballot boxes are text, as written.
  EXPECT_TRUE(contains(text, kBallotBox)) << text;
  EXPECT_TRUE(contains(text, kTickedBallotBox)) << text;
}

// The Markdown is GitHub-flavoured: read back as GitHub reads it (gfm), and as pandoc's own
// Markdown, no part of the content becomes a link, raw HTML or emphasis.
TEST_F(RenderWithPandoc, MarkdownReadsBackAsTheSameText) {
  fs::path md = render(Format::Markdown);
  const std::string source = read_file(md);
  EXPECT_FALSE(contains(source, "<style")) << "the theme's CSS is for HTML only:\n" << source;

  for (const char* dialect : {"gfm", "markdown"}) {
    SCOPED_TRACE(dialect);
    // As plain text, the escaped Markdown reads as the original characters.
    SystemProcessRunner runner;
    CommandResult plain = runner.run(
        Command{{"pandoc", "-f", dialect, "-t", "plain", "--wrap=none", md.string()}, "", 120});
    ASSERT_TRUE(plain.ok()) << describe(plain);
    EXPECT_TRUE(contains(plain.output, kHostile)) << plain.output << "\nfrom:\n" << source;

    // Read back into pandoc's AST: no links, no raw HTML, the text in each place it was put.
    json tree = run_json({"pandoc", "-f", dialect, "-t", "json", md.string()});
    std::multimap<std::string, std::string> types;
    collect_types(tree, types);
    for (const char* forbidden : {"Link", "Image", "RawInline", "RawBlock", "Strong", "Emph"}) {
      auto range = types.equal_range(forbidden);
      for (auto it = range.first; it != range.second; ++it) {
        ADD_FAILURE() << forbidden << " at " << it->second << " reading back:\n" << source;
      }
    }
    // The title opens the text as a heading (GitHub shows front matter as a table).
    ASSERT_FALSE(tree["blocks"].empty()) << source;
    EXPECT_EQ(tree["blocks"][0]["t"], "Header") << source;
    EXPECT_EQ(text_of(tree["blocks"][0]["c"][2]), kHostile) << source;
    std::vector<std::string> paragraphs;
    paragraph_texts(tree["blocks"], paragraphs);
    // The paragraph, the table cell and the list item.
    EXPECT_EQ(std::count(paragraphs.begin(), paragraphs.end(), kHostile), 3) << source;
    EXPECT_EQ(types.count("Table"), 1u);
    EXPECT_EQ(types.count("BulletList"), 1u);
  }
}

// What GitHub alone would make of plain text: formulas between dollars, emoji shortcodes,
// strikethrough, footnote references; none of it may happen to content.
TEST_F(RenderWithPandoc, MarkdownKeepsGithubSyntaxLiteral) {
  const std::string text =
      "costs $5 or $x^2$ :smile: ~~gone~~ ~x~ [^1] <b>b</b> `code` _u_ | a@b.c https://x.y";
  Document d;
  d.blocks.push_back(coachkit::doc::paragraph(text));
  fs::path md = dir_.path() / "github.md";
  ASSERT_EQ(message_of(renderer_.render(d, Format::Markdown, theme_, md.string())), "");
  const std::string source = read_file(md);
  EXPECT_FALSE(contains(source, " $5")) << "a bare $ starts a formula on GitHub:\n" << source;
  EXPECT_FALSE(contains(source, " :smile:")) << "GitHub shows an emoji:\n" << source;
  json tree = run_json({"pandoc", "-f", "gfm+emoji", "-t", "json", md.string()});
  std::multimap<std::string, std::string> types;
  collect_types(tree["blocks"], types);
  for (const char* forbidden :
       {"Link", "RawInline", "Strikeout", "Code", "Emph", "Span", "Math", "Note"}) {
    EXPECT_EQ(types.count(forbidden), 0u) << forbidden << " in:\n" << source;
  }
  std::vector<std::string> paragraphs;
  paragraph_texts(tree["blocks"], paragraphs);
  ASSERT_EQ(paragraphs.size(), 1u) << source;
  EXPECT_EQ(paragraphs[0], text) << source;
}

// GitHub shows a pipe table as a table and anything else pandoc writes (grid and multiline
// tables) as a code block full of backslashes; cells of several blocks become one line each.
TEST_F(RenderWithPandoc, MarkdownTablesArePipeTables) {
  coachkit::Table t;
  t.header = {{paragraph("Do")}, {paragraph("Don't")}};
  t.widths = {0.5, 0.5};
  Block dos = bullet_list({{paragraph(Text{strong("Greet the caller")}),
                            paragraph(Text{emphasis("Why: "), plain("it sets the tone")})},
                           {paragraph("Use their name")}});
  t.rows = {{{dos}, {paragraph("Interrupt"), paragraph("& talk over <them>")}}};
  Document d;
  d.title = "Table";
  d.blocks = {coachkit::doc::table(t)};
  fs::path md = dir_.path() / "table.md";
  ASSERT_EQ(message_of(renderer_.render(d, Format::Markdown, theme_, md.string())), "");
  const std::string source = read_file(md);

  bool delimiter_row = false, code_block = false;
  std::istringstream lines(source);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("|", 0) == 0 && line.find("---") != std::string::npos &&
        line.find_first_not_of("|-: ") == std::string::npos) {
      delimiter_row = true;
    }
    if (line.rfind("    ", 0) == 0 || line.rfind("```", 0) == 0 || line.rfind("+--", 0) == 0) {
      code_block = true;
    }
  }
  EXPECT_TRUE(delimiter_row) << "no pipe table:\n" << source;
  EXPECT_FALSE(code_block) << "an indented, fenced or grid block:\n" << source;
  EXPECT_FALSE(contains(source, "<table")) << source;

  json tree = run_json({"pandoc", "-f", "gfm", "-t", "json", md.string()});
  std::multimap<std::string, std::string> types;
  collect_types(tree["blocks"], types);
  ASSERT_EQ(types.count("Table"), 1u) << source;
  EXPECT_EQ(types.count("Strong"), 1u) << source;
  EXPECT_EQ(types.count("Link"), 0u) << source;
  // The only raw HTML is the line breaks between a cell's parts.
  std::string text = text_of(tree["blocks"]);
  for (const char* part : {"Greet the caller", "Why: it sets the tone", "Use their name",
                           "Interrupt", "& talk over <them>"}) {
    EXPECT_TRUE(contains(text, part)) << part << " in:\n" << source;
  }
  std::function<void(const json&)> check_raw = [&](const json& j) {
    if (j.is_object() && j.value("t", "") == "RawInline") {
      EXPECT_EQ(j["c"][1], "<br>") << source;
    } else if (j.is_object() || j.is_array()) {
      for (const json& item : j) check_raw(item);
    }
  };
  check_raw(tree["blocks"]);
}

TEST_F(RenderWithPandoc, MarkdownKeepsEntityLookalikesLiteral) {
  const std::string entities = "&amp; &lt;b&gt; &#60; Q&A";
  Document d;
  d.title = entities;
  d.blocks.push_back(coachkit::doc::paragraph(entities));
  fs::path md = dir_.path() / "entities.md";
  ASSERT_EQ(message_of(renderer_.render(d, Format::Markdown, theme_, md.string())), "");
  for (const char* dialect : {"gfm", "markdown"}) {
    json tree = run_json({"pandoc", "-f", dialect, "-t", "json", md.string()});
    EXPECT_EQ(text_of(tree["blocks"][0]["c"][2]), entities) << dialect << ":\n" << read_file(md);
    std::vector<std::string> paragraphs;
    paragraph_texts(tree["blocks"], paragraphs);
    ASSERT_EQ(paragraphs.size(), 1u) << dialect << ":\n" << read_file(md);
    EXPECT_EQ(paragraphs[0], entities) << dialect << ":\n" << read_file(md);
  }
}

TEST_F(RenderWithPandoc, MarkdownBareAddressesStayTextEvenWhereViewersAutolink) {
  const std::string addresses =
      "see https://example.com/x?a=1, WWW.example.org and mailto:someone@example.com";
  Document d;
  d.title = "Addresses";
  d.blocks.push_back(coachkit::doc::paragraph(addresses));
  fs::path md = dir_.path() / "addresses.md";
  ASSERT_EQ(message_of(renderer_.render(d, Format::Markdown, theme_, md.string())), "");
  // GitHub-flavoured Markdown turns bare addresses into links; pandoc's reads them the same way.
  for (const char* dialect : {"gfm", "markdown"}) {
    json tree = run_json({"pandoc", "-f", dialect, "-t", "json", md.string()});
    std::multimap<std::string, std::string> types;
    collect_types(tree["blocks"], types);
    EXPECT_EQ(types.count("Link"), 0u) << dialect << ":\n" << read_file(md);
    std::vector<std::string> paragraphs;
    paragraph_texts(tree["blocks"], paragraphs);
    ASSERT_EQ(paragraphs.size(), 1u) << dialect;
    EXPECT_EQ(paragraphs[0], addresses) << dialect << ":\n" << read_file(md);
  }
}

TEST_F(RenderWithPandoc, DocxShowsHostileTextAsText) {
  fs::path docx = render(Format::Docx);
  json content = run_json({kPython, kScripts + "/docx_text.py", docx.string()});
  ASSERT_TRUE(content.is_object());

  EXPECT_EQ(content["hyperlinks"], 0);
  // The only fields are the theme footer's page numbers, never one made from content.
  for (const json& code : content["field_codes"]) {
    EXPECT_TRUE(code == " PAGE " || code == " NUMPAGES ") << code.dump();
  }
  for (const json& rel : content["relationships"]) {
    ADD_FAILURE() << "external relationship " << rel.dump();
  }
  std::map<std::string, int> exact;  // paragraph style → how many hold exactly the hostile text
  int paragraphs = 0;
  for (const json& p : content["paragraphs"]) {
    if (p["text"] == kHostile) {
      ++exact[p["style"].get<std::string>()];
      ++paragraphs;
    }
  }
  EXPECT_EQ(exact["Title"], 1) << content["paragraphs"].dump();
  // Title, body paragraph and list item; document.paragraphs leaves out the table's cells,
  // which are counted next.
  EXPECT_EQ(paragraphs, 3) << content["paragraphs"].dump();
  std::vector<std::string> cells = content["cells"].get<std::vector<std::string>>();
  EXPECT_EQ(std::count(cells.begin(), cells.end(), kHostile), 1) << content["cells"].dump();
}

// The EPUB as readers we did not write see it: Python's zipfile (the OCF container's rules),
// unzip, xmllint on the package document and every XHTML file, the HTML reader on the text,
// and pandoc's own EPUB reader.
TEST_F(RenderWithPandoc, EpubShowsHostileTextAsTextAndReadsBack) {
  fs::path epub = render(Format::Epub);
  const std::string container =
      "import json, sys, zipfile\n"
      "z = zipfile.ZipFile(sys.argv[1])\n"
      "first = z.infolist()[0]\n"
      "print(json.dumps({'first': first.filename, 'stored': first.compress_type == 0,\n"
      "                  'extra': len(first.extra), 'mimetype': z.read('mimetype').decode(),\n"
      "                  'names': z.namelist(), 'bad': z.testzip()}))\n";
  json zip = run_json({kPython, "-c", container, epub.string()});
  // The OCF rules: "mimetype" first, stored, no extra field, then anything.
  EXPECT_EQ(zip["first"], "mimetype");
  EXPECT_EQ(zip["stored"], true);
  EXPECT_EQ(zip["extra"], 0);
  EXPECT_EQ(zip["mimetype"], "application/epub+zip");
  EXPECT_TRUE(zip["bad"].is_null()) << zip.dump();

  fs::path unpacked = dir_.path() / "unpacked";
  SystemProcessRunner runner;
  CommandResult unzip =
      runner.run(Command{{"unzip", "-qq", epub.string(), "-d", unpacked.string()}, "", 120});
  ASSERT_TRUE(unzip.ok()) << describe(unzip);
  fs::path opf = unpacked / "EPUB" / "content.opf";
  ASSERT_TRUE(fs::is_regular_file(opf)) << zip["names"].dump();
  std::vector<std::string> xml_files = {opf.string()};
  std::vector<fs::path> chapters;
  for (const auto& entry : fs::recursive_directory_iterator(unpacked)) {
    if (entry.path().extension() == ".xhtml") xml_files.push_back(entry.path().string());
    if (entry.path().extension() == ".xhtml" && entry.path().parent_path().filename() == "text") {
      chapters.push_back(entry.path());
    }
  }
  std::sort(chapters.begin(), chapters.end());
  ASSERT_GE(chapters.size(), 2u) << "a title page and the text: " << zip["names"].dump();
  std::vector<std::string> lint = {"xmllint", "--noout", "--nonet"};
  lint.insert(lint.end(), xml_files.begin(), xml_files.end());
  CommandResult wellformed = runner.run(Command{lint, "", 120});
  EXPECT_TRUE(wellformed.ok()) << describe(wellformed);

  auto xpath = [&](const std::string& expression) {
    CommandResult r =
        runner.run(Command{{"xmllint", "--nonet", "--xpath", expression, opf.string()}, "", 120});
    EXPECT_TRUE(r.ok()) << expression << ": " << describe(r);
    std::string value = r.output;
    while (!value.empty() && value.back() == '\n') value.pop_back();
    return value;
  };
  EXPECT_EQ(xpath("string(//*[local-name()='metadata']/*[local-name()='title'])"), kHostile);
  EXPECT_EQ(xpath("string(//*[local-name()='metadata']/*[local-name()='language'])"), "en");
  std::string identifier =
      xpath("string(//*[local-name()='metadata']/*[local-name()='identifier'])");
  EXPECT_EQ(identifier.rfind("urn:uuid:", 0), 0u) << identifier;
  EXPECT_EQ(identifier, coachkit::content_identifier(
                            renderer_.pandoc_input(hostile_document(), Format::Epub, theme_)));

  std::vector<std::string> tags;
  std::string text;
  std::map<std::string, int> exact;  // element tag → how many hold exactly the hostile text
  for (const fs::path& chapter : chapters) {
    json page = run_json({kPython, kScripts + "/html_text.py", chapter.string()});
    ASSERT_TRUE(page.is_object());
    for (const json& tag : page["tags"]) tags.push_back(tag.get<std::string>());
    for (const json& url : page["urls"]) {
      // Only the package's own stylesheet is linked.
      EXPECT_EQ(url["value"].get<std::string>().rfind("../styles/", 0), 0u) << url.dump();
    }
    EXPECT_TRUE(page["handlers"].empty()) << page["handlers"].dump();
    text += page["text"].get<std::string>() + "\n";
    for (const json& e : page["elements"]) {
      if (e["text"] == kHostile) ++exact[e["tag"].get<std::string>()];
    }
    // Not checked yet: pandoc's EPUB writer puts the header-includes (the layout's and the
    // theme's CSS) on the title page only; the text pages get pandoc's own stylesheet.
  }
  for (const char* forbidden :
       {"script", "a", "img", "iframe", "object", "embed", "form", "input"}) {
    EXPECT_EQ(std::count(tags.begin(), tags.end(), forbidden), 0) << "<" << forbidden << ">";
  }
  // The title page's heading, the first page's (pandoc opens a text without headings with the
  // title), the paragraph, the table cell and the list item.
  EXPECT_EQ(count(text, kHostile), 5u) << text;
  EXPECT_EQ(exact["h1"], 2);
  EXPECT_EQ(exact["p"], 1);
  EXPECT_EQ(exact["td"], 1);
  EXPECT_EQ(exact["li"], 1);
  EXPECT_TRUE(contains(text, kBallotBox)) << text;

  // pandoc reads the book back: the text as written, no link and no raw HTML.
  json tree = run_json({"pandoc", "-f", "epub", "-t", "json", epub.string()});
  std::multimap<std::string, std::string> types;
  collect_types(tree["blocks"], types);
  for (const char* forbidden : {"Link", "Image", "RawInline", "RawBlock", "Strong", "Emph"}) {
    EXPECT_EQ(types.count(forbidden), 0u) << forbidden;
  }
  std::vector<std::string> paragraphs;
  paragraph_texts(tree["blocks"], paragraphs);
  EXPECT_EQ(std::count(paragraphs.begin(), paragraphs.end(), kHostile), 3) << tree["blocks"].dump();
}

// ---------------------------------------------------------------------------------------------
// Identical bytes: every byte of every format is a function of the inputs and the source date

const std::int64_t kSourceDate = 1700000000;  // 2023-11-14T22:13:20Z
const std::int64_t kOtherDate = 1600000000;   // 2020-09-13T12:26:40Z

// The dates of a zip archive's entries, and the text of one entry, as Python's zipfile reads them.
json zip_dates_and(const fs::path& archive, const std::string& entry) {
  const std::string script =
      "import json, sys, zipfile\n"
      "z = zipfile.ZipFile(sys.argv[1])\n"
      "print(json.dumps({'dates': sorted({'%04d-%02d-%02dT%02d:%02d:%02d' % i.date_time\n"
      "                                   for i in z.infolist()}),\n"
      "                  'text': z.read(sys.argv[2]).decode()}))\n";
  return run_json({kPython, "-c", script, archive.string(), entry});
}

class RenderReproducibly : public ::testing::Test {
 protected:
  void SetUp() override {
    if (coachkit::find_program("pandoc").empty()) GTEST_SKIP() << "pandoc is not on PATH";
    std::optional<coachkit::Problem> problem =
        coachkit::load_theme(std::string(COACHKIT_SOURCE_DIR) + "/content/themes/default", &theme_);
    ASSERT_FALSE(problem) << problem->message;
    pdf_ = !coachkit::find_program("weasyprint").empty();
    const std::string worker =
        std::string(COACHKIT_SOURCE_DIR) + "/core/pdf/coachkit-pdf-worker.py";
    for (Renderer* r : {&through_workers_, &through_command_, &other_date_}) {
      ASSERT_EQ(message_of(r->detect_pandoc()), "");
      ScopedEnv workers("COACHKIT_PDF_WORKERS", r == &through_command_ ? "0" : nullptr);
      if (pdf_) {
        ASSERT_EQ(message_of(r->detect_weasyprint(worker)), "");
      }
    }
    document_ = hostile_document();
    coachkit::Table t;
    t.header = {{paragraph("Do")}, {paragraph("Don't")}};
    t.rows = {{{bullet_list({{paragraph(Text{strong("Greet")}), paragraph("Why: tone")}})},
               {paragraph("Interrupt")}}};
    document_.blocks.push_back(coachkit::doc::table(t));
  }

  std::vector<Format> formats() const {
    std::vector<Format> out = coachkit::all_formats();
    if (!pdf_) out.erase(std::remove(out.begin(), out.end(), Format::Pdf), out.end());
    return out;
  }

  // Renders the document in every format into `folder`; false (and a test failure) on error.
  bool render_all(Renderer& renderer, const Document& d, const std::string& folder) {
    bool ok = true;
    for (Format f : formats()) {
      fs::path out = dir_.path() / folder / ("handout." + coachkit::format_name(f));
      if (auto problem = renderer.render(d, f, theme_, out.string())) {
        ADD_FAILURE() << coachkit::format_name(f) << ": " << problem->message;
        ok = false;
      }
    }
    return ok;
  }

  std::string output(const std::string& folder, Format f) {
    return read_file(dir_.path() / folder / ("handout." + coachkit::format_name(f)));
  }

  ScopedEnv pandoc_env_{"COACHKIT_PANDOC", nullptr};
  ScopedEnv weasyprint_env_{"COACHKIT_WEASYPRINT", nullptr};
  ScopedEnv date_env_{"SOURCE_DATE_EPOCH", nullptr};  // the renderer's date, not the caller's
  SystemProcessRunner runner_;
  Renderer through_workers_{runner_}, through_command_{runner_}, other_date_{runner_};
  Theme theme_;
  Document document_;
  bool pdf_ = false;
  TempDir dir_;
};

TEST_F(RenderReproducibly, SameInputsGiveIdenticalBytesInEveryFormat) {
  through_workers_.set_source_date(kSourceDate);
  through_command_.set_source_date(kSourceDate);
  ASSERT_EQ(through_workers_.source_date(), kSourceDate);
  // The PDF worker renders another document first: what it did before must not show.
  Document other;
  other.title = "Another handout";
  other.blocks = {paragraph("Something else entirely, with more words.")};
  ASSERT_TRUE(render_all(through_workers_, other, "warm-up"));

  // Two renderers at once, one PDF through a worker and one through the weasyprint command,
  // a second apart so that a clock anywhere would show.
  bool first_ok = false, second_ok = false;
  std::thread first([&] { first_ok = render_all(through_workers_, document_, "a"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  std::thread second([&] { second_ok = render_all(through_command_, document_, "b"); });
  first.join();
  second.join();
  ASSERT_TRUE(first_ok && second_ok);
  for (Format f : formats()) {
    std::string a = output("a", f), b = output("b", f);
    EXPECT_FALSE(a.empty()) << coachkit::format_name(f);
    EXPECT_TRUE(a == b) << coachkit::format_name(f) << " differs from run to run";
  }

  // The date is the one set, wherever a format carries one.
  const std::string date = "2023-11-14T22:13:20";
  json docx = zip_dates_and(dir_.path() / "a/handout.docx", "docProps/core.xml");
  EXPECT_EQ(docx["dates"], json::array({date}));
  EXPECT_TRUE(contains(docx["text"].get<std::string>(), date + "Z")) << docx["text"];
  json odt = zip_dates_and(dir_.path() / "a/handout.odt", "meta.xml");
  EXPECT_EQ(odt["dates"], json::array({date}));
  EXPECT_TRUE(contains(odt["text"].get<std::string>(), date + "Z")) << odt["text"];
  json epub = zip_dates_and(dir_.path() / "a/handout.epub", "EPUB/content.opf");
  EXPECT_EQ(epub["dates"], json::array({date}));
  EXPECT_TRUE(contains(epub["text"].get<std::string>(),
                       "<meta property=\"dcterms:modified\">" + date + "Z"))
      << epub["text"];
  if (pdf_) {
    std::string pdf = output("a", Format::Pdf);
    for (const std::string key : {"/CreationDate (", "/ModDate ("}) {
      std::size_t at = pdf.find(key);
      ASSERT_NE(at, std::string::npos) << "no " << key;
      // "D:" is optional, and WeasyPrint 57 leaves it out.
      EXPECT_TRUE(contains(pdf.substr(at, key.size() + 20), "20231114221320"))
          << pdf.substr(at, 40);
    }
  }
}

TEST_F(RenderReproducibly, AnotherDateChangesOnlyTheFormatsThatCarryOne) {
  through_workers_.set_source_date(kSourceDate);
  other_date_.set_source_date(kOtherDate);
  ASSERT_TRUE(render_all(through_workers_, document_, "a"));
  ASSERT_TRUE(render_all(other_date_, document_, "b"));
  for (Format f : formats()) {
    bool dated = f == Format::Docx || f == Format::Odt || f == Format::Pdf || f == Format::Pptx ||
                 f == Format::Epub;
    EXPECT_EQ(output("a", f) != output("b", f), dated) << coachkit::format_name(f);
  }
  json odt = zip_dates_and(dir_.path() / "b/handout.odt", "meta.xml");
  EXPECT_EQ(odt["dates"], json::array({"2020-09-13T12:26:40"}));
}

// ---------------------------------------------------------------------------------------------
// Atomic outputs, with a pandoc that fails

// Answers pandoc's version probes like pandoc 2.17 and hands every other call to `convert`.
class FakePandoc : public coachkit::ProcessRunner {
 public:
  std::function<CommandResult(const Command&)> convert;
  std::vector<Command> calls;

  CommandResult run(const Command& command) override {
    calls.push_back(command);
    CommandResult r;
    r.started = true;
    r.exit_code = 0;
    const std::vector<std::string>& a = command.argv;
    if (a.size() == 2 && a[1] == "--version") {
      r.output = "pandoc 2.17.1.1\nCompiled with pandoc-types 1.22.2.1\n";
      return r;
    }
    if (a.size() == 5 && a[1] == "-f" && a[2] == "markdown" && a[3] == "-t" && a[4] == "json") {
      r.output = R"({"pandoc-api-version":[1,22,2,1],"meta":{},"blocks":[]})";
      return r;
    }
    return convert ? convert(command) : r;
  }

  // The file a conversion was told to write (--output FILE), or "".
  static std::string output_of(const Command& command) {
    auto it = std::find(command.argv.begin(), command.argv.end(), "--output");
    return it != command.argv.end() && it + 1 != command.argv.end() ? *(it + 1) : "";
  }

  // A successful conversion that wrote `contents` where it was told to.
  static CommandResult wrote(const Command& command, const std::string& contents) {
    std::ofstream(output_of(command), std::ios::binary) << contents;
    CommandResult r;
    r.started = true;
    r.exit_code = 0;
    return r;
  }
};

TEST(RenderAtomic, FailedRenderKeepsTheOldFileAndReportsStderr) {
  TempDir dir;
  fs::path destination = dir.write("out/handout.html", "old contents");
  FakePandoc pandoc;
  std::string written_to;
  pandoc.convert = [&](const Command& command) {
    // Like a pandoc that dies half-way: part of a file, then an error.
    written_to = FakePandoc::output_of(command);
    std::ofstream(written_to, std::ios::binary) << "<html><bo";
    CommandResult r;
    r.started = true;
    r.exit_code = 64;
    r.errors = "[WARNING] something harmless\npandoc: Could not parse the JSON input\n";
    return r;
  };
  Renderer renderer(pandoc);
  ASSERT_EQ(message_of(renderer.detect_pandoc()), "");
  EXPECT_EQ(renderer.api_version(), (coachkit::PandocApiVersion{1, 22, 2, 1}));

  std::string error =
      message_of(renderer.render(hostile_document(), Format::Html, Theme{}, destination.string()));
  EXPECT_NE(error, "");
  // pandoc wrote to a temporary sibling, never to the destination itself.
  EXPECT_TRUE(contains(written_to, ".coachkit-partial-")) << written_to;
  EXPECT_EQ(fs::path(written_to).parent_path(), destination.parent_path());
  EXPECT_EQ(read_file(destination), "old contents");
  EXPECT_TRUE(partial_files(dir.path()).empty());
  EXPECT_TRUE(contains(error, "pandoc: Could not parse the JSON input")) << error;
  EXPECT_TRUE(contains(error, "64")) << error;
}

TEST(RenderAtomic, FailingPandocProgramLeavesNoTrace) {
  // The same through a real process: a stand-in pandoc that fails every conversion.
  ScopedEnv env("COACHKIT_PANDOC", (kScripts + "/failing_pandoc.sh").c_str());
  TempDir dir;
  fs::path destination = dir.write("out/handout.md", "old contents");
  SystemProcessRunner runner;
  Renderer renderer(runner);
  ASSERT_EQ(message_of(renderer.detect_pandoc()), "");
  std::string error = message_of(
      renderer.render(hostile_document(), Format::Markdown, Theme{}, destination.string()));
  EXPECT_NE(error, "");
  EXPECT_EQ(read_file(destination), "old contents");
  EXPECT_TRUE(partial_files(dir.path()).empty());
  EXPECT_TRUE(contains(error, "simulated failure for the test")) << error;
}

TEST(RenderAtomic, SuccessReplacesTheFileAndEmptyOutputDoesNot) {
  TempDir dir;
  fs::path destination = dir.write("out/handout.docx", "old contents");
  FakePandoc pandoc;
  std::string new_contents = "new contents";
  pandoc.convert = [&](const Command& command) { return FakePandoc::wrote(command, new_contents); };
  Renderer renderer(pandoc);
  // No table: the fake's DOCX is not a zip the table rules could be written into.
  Document document = hostile_document();
  document.blocks.erase(std::remove_if(document.blocks.begin(), document.blocks.end(),
                                       [](const Block& b) { return b.kind == Block::Kind::Table; }),
                        document.blocks.end());
  ASSERT_EQ(message_of(renderer.detect_pandoc()), "");

  // pandoc "succeeds" but writes nothing: the old file stays.
  new_contents = "";
  std::string error =
      message_of(renderer.render(document, Format::Docx, Theme{}, destination.string()));
  EXPECT_TRUE(contains(error, "wrote nothing")) << error;
  EXPECT_EQ(read_file(destination), "old contents");
  EXPECT_TRUE(partial_files(dir.path()).empty());

  new_contents = "new contents";
  EXPECT_EQ(message_of(renderer.render(document, Format::Docx, Theme{}, destination.string())), "");
  EXPECT_EQ(read_file(destination), "new contents");
  EXPECT_TRUE(partial_files(dir.path()).empty());
  // The conversion read the document as JSON and wrote DOCX.
  const Command& last = pandoc.calls.back();
  EXPECT_NE(std::find(last.argv.begin(), last.argv.end(), "json"), last.argv.end());
  EXPECT_NE(std::find(last.argv.begin(), last.argv.end(), "docx"), last.argv.end());
  EXPECT_EQ(last.input, renderer.pandoc_input(document, Format::Docx, Theme{}));
}

// A bare file name means the current folder.
TEST(RenderAtomic, DestinationWithoutAFolder) {
  TempDir dir;
  fs::path previous = fs::current_path();
  fs::current_path(dir.path());
  FakePandoc pandoc;
  pandoc.convert = [](const Command& command) {
    return FakePandoc::wrote(command, "<html></html>");
  };
  Renderer renderer(pandoc);
  ASSERT_EQ(message_of(renderer.detect_pandoc()), "");
  std::string error =
      message_of(renderer.render(hostile_document(), Format::Html, Theme{}, "handout.html"));
  fs::current_path(previous);
  EXPECT_EQ(error, "");
  EXPECT_EQ(read_file(dir.path() / "handout.html"), "<html></html>");
}

TEST(RenderAtomic, ThemeCssGoesToHtmlOnly) {
  FakePandoc pandoc;
  Renderer renderer(pandoc);
  ASSERT_EQ(message_of(renderer.detect_pandoc()), "");
  Theme theme;
  theme.css = "p { color: #123456; }";
  auto raw_blocks = [&](Format f) {
    std::multimap<std::string, std::string> types;
    collect_types(json::parse(renderer.pandoc_input(hostile_document(), f, theme)), types);
    return types.count("RawBlock");
  };
  EXPECT_EQ(raw_blocks(Format::Html), 1u);
  EXPECT_TRUE(contains(renderer.pandoc_input(hostile_document(), Format::Html, theme), "#123456"));
  EXPECT_EQ(raw_blocks(Format::Markdown), 0u);
  EXPECT_EQ(raw_blocks(Format::Docx), 0u);
  EXPECT_EQ(raw_blocks(Format::Odt), 0u);
}

// ---------------------------------------------------------------------------------------------
// Missing tools and time limits

class NothingInstalled : public coachkit::ProcessRunner {
 public:
  std::vector<Command> calls;
  CommandResult run(const Command& command) override {
    calls.push_back(command);
    CommandResult r;
    r.started = false;
    r.start_error = "not found on PATH";
    return r;
  }
};

TEST(RenderMissingPandoc, DetectSaysHowToInstallIt) {
  ScopedEnv env("COACHKIT_PANDOC", nullptr);
  NothingInstalled runner;
  Renderer renderer(runner);
  std::string error = message_of(renderer.detect_pandoc());
  EXPECT_NE(error, "");
  EXPECT_TRUE(contains(error, "apt-get install pandoc")) << error;
  ASSERT_FALSE(runner.calls.empty());
  EXPECT_EQ(runner.calls.front().argv.front(), "pandoc");
}

TEST(RenderMissingPandoc, NonexistentProgramFromTheEnvironment) {
  ScopedEnv env("COACHKIT_PANDOC", "/nonexistent/coachkit-test/pandoc");
  SystemProcessRunner runner;
  Renderer renderer(runner);
  std::string error = message_of(renderer.detect_pandoc());
  EXPECT_NE(error, "");
  EXPECT_TRUE(contains(error, "apt-get install pandoc")) << error;
  EXPECT_TRUE(contains(error, "/nonexistent/coachkit-test/pandoc")) << error;
}

TEST(RenderProcess, TimeLimitStopsTheProgram) {
  SystemProcessRunner runner;
  auto start = std::chrono::steady_clock::now();
  CommandResult r = runner.run(Command{{"sleep", "5"}, "", 0.5});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_TRUE(r.started) << r.start_error;
  EXPECT_TRUE(r.timed_out) << "returned after " << seconds << " s";
  EXPECT_FALSE(r.ok());
}

TEST(RenderProcess, TimeLimitHoldsAfterTheProgramClosesItsOutput) {
  SystemProcessRunner runner;
  CommandResult r = runner.run(Command{{"sh", "-c", "exec >/dev/null 2>&1; sleep 5"}, "", 0.5});
  EXPECT_TRUE(r.started) << r.start_error;
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.signal, SIGKILL);
  EXPECT_NE(r.describe(Command{{"sh"}, "", 0.5}).find("within 0.5 s"), std::string::npos);
}

TEST(PdfWorkers, AWorkerThatCannotStartIsReported) {
  TempDir dir;
  coachkit::PdfWorkers missing("/usr/bin/python3", (dir.path() / "no-such-worker.py").string(), 10);
  std::string version;
  std::optional<coachkit::Problem> problem = missing.start(&version);
  ASSERT_TRUE(problem);
  EXPECT_TRUE(contains(problem->message, "ended unexpectedly")) << problem->message;

  fs::path silent = dir.write("silent.py", "import time\ntime.sleep(30)\n");
  coachkit::PdfWorkers hanging("/usr/bin/python3", silent.string(), 0.5);
  problem = hanging.start(&version);
  ASSERT_TRUE(problem);
  EXPECT_TRUE(contains(problem->message, "did not answer")) << problem->message;
}

TEST(PdfWorkers, RenderHtmlFilesAndReportWeasyPrintErrors) {
  TempDir dir;
  coachkit::PdfWorkers workers(
      "/usr/bin/python3", std::string(COACHKIT_SOURCE_DIR) + "/core/pdf/coachkit-pdf-worker.py",
      60);
  std::string version;
  std::optional<coachkit::Problem> problem = workers.start(&version);
  ASSERT_FALSE(problem) << problem->message;
  EXPECT_FALSE(version.empty());
  fs::path html = dir.write("page.html", "<html><body><p>Hello, trainers.</p></body></html>");
  fs::path pdf = dir.path() / "page.pdf";
  problem = workers.render(html.string(), pdf.string(), dir.str() + "/", false);
  ASSERT_FALSE(problem) << problem->message;
  EXPECT_EQ(read_file(pdf).rfind("%PDF-", 0), 0u);
  // A bad request fails alone; the worker answers the next one.
  problem = workers.render((dir.path() / "missing.html").string(), (dir.path() / "x.pdf").string(),
                           dir.str() + "/", false);
  ASSERT_TRUE(problem);
  EXPECT_TRUE(contains(problem->message, "WeasyPrint failed")) << problem->message;
  EXPECT_EQ(problem->origin, coachkit::Origin::Tool);
  problem = workers.render(html.string(), pdf.string(), dir.str() + "/", false);
  ASSERT_FALSE(problem) << problem->message;
}

// A worker keeps parsed stylesheets, its font configuration and font subsets from one PDF to
// the next: each PDF is still the bytes a process of its own makes of it.
TEST(PdfWorkers, APdfIsTheSameBytesWhateverTheWorkerRenderedBefore) {
  TempDir dir;
  const std::string script = std::string(COACHKIT_SOURCE_DIR) + "/core/pdf/coachkit-pdf-worker.py";
  const std::string style =
      "<style>@page { size: A5; margin: 15mm; @bottom-center { content: counter(page); } }"
      " body { font-family: 'DejaVu Sans'; } h1 { font-family: 'DejaVu Serif'; }</style>";
  fs::path first = dir.write("first.html", "<html><head>" + style +
                                               "</head><body><h1>Listen</h1><p>Hear the caller "
                                               "out before you answer.</p></body></html>");
  fs::path second = dir.write("second.html", "<html><head>" + style +
                                                 "</head><body><h1>Own it</h1><p>Quiet zebras "
                                                 "vex; jumpy wizards fix the problem.</p>"
                                                 "</body></html>");
  const coachkit::Environment env{{"SOURCE_DATE_EPOCH", "1700000000"}};
  coachkit::PdfWorkers workers("/usr/bin/python3", script, 60);
  std::string version;
  std::optional<coachkit::Problem> problem = workers.start(&version);
  ASSERT_FALSE(problem) << problem->message;
  SystemProcessRunner runner;
  for (const fs::path& html : {first, second, first, second}) {
    fs::path by_worker = dir.path() / "worker.pdf";
    fs::path alone = dir.path() / "alone.pdf";
    problem = workers.render(html.string(), by_worker.string(), dir.str() + "/", false, env);
    ASSERT_FALSE(problem) << problem->message;
    problem = coachkit::render_pdf_once({runner, "/usr/bin/python3", script, 60}, html.string(),
                                        alone.string(), dir.str() + "/", false, env);
    ASSERT_FALSE(problem) << problem->message;
    // Compared as a whole, not printed: a PDF is unreadable as a test message.
    EXPECT_TRUE(read_file(by_worker) == read_file(alone))
        << html << ": the worker's PDF is not the bytes a process of its own makes";
  }
}

TEST(RenderProcess, OutputErrorsAndExitCodeArePassedOn) {
  SystemProcessRunner runner;
  CommandResult r = runner.run(
      Command{{"/bin/sh", "-c", "cat; echo oops >&2; exit 3"}, "from standard input", 30});
  EXPECT_TRUE(r.started);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.output, "from standard input");
  EXPECT_EQ(r.errors, "oops\n");
  EXPECT_FALSE(r.ok());

  CommandResult missing = runner.run(Command{{"coachkit-no-such-program-xyz"}, "", 30});
  EXPECT_FALSE(missing.started);
}

TEST(RenderProcess, EnvironmentAdditionsReachTheProgramAndReplaceInheritedOnes) {
  ScopedEnv inherited("COACHKIT_ENVIRONMENT_TEST_REPLACED", "old");
  SystemProcessRunner runner;
  CommandResult r = runner.run(Command{
      {"/bin/sh", "-c", "env | grep '^COACHKIT_ENVIRONMENT_TEST_' | sort"},
      "",
      30,
      {{"COACHKIT_ENVIRONMENT_TEST_ADDED", "a b"}, {"COACHKIT_ENVIRONMENT_TEST_REPLACED", "new"}}});
  ASSERT_TRUE(r.ok()) << describe(r);
  EXPECT_EQ(r.output,
            "COACHKIT_ENVIRONMENT_TEST_ADDED=a b\nCOACHKIT_ENVIRONMENT_TEST_REPLACED=new\n");
  // Without additions the child sees the environment as it is.
  r = runner.run(Command{{"/bin/sh", "-c", "env | grep '^COACHKIT_ENVIRONMENT_TEST_'"}, "", 30});
  EXPECT_EQ(r.output, "COACHKIT_ENVIRONMENT_TEST_REPLACED=old\n");
}

TEST(ZipDates, SomethingElseThanAZipIsRefusedAndLeftAlone) {
  TempDir dir;
  fs::path file = dir.path() / "not-a-zip.odt";
  const std::string contents = "PK but not really a zip archive";
  std::ofstream(file, std::ios::binary) << contents;
  std::optional<coachkit::Problem> problem =
      coachkit::set_zip_entry_dates(file.string(), 1700000000);
  ASSERT_TRUE(problem);
  EXPECT_TRUE(contains(problem->message, "not-a-zip.odt")) << problem->message;
  EXPECT_EQ(problem->origin, coachkit::Origin::Tool);
  EXPECT_EQ(read_file(file), contents);
}

// A tool that floods its error output (here 200 MB) is not kept whole in memory: the start
// and the end of what it said stay, with a count of what was left out.
TEST(ProcessRunner, AFloodOfErrorOutputIsKeptBoundedWithItsStartAndEnd) {
  SystemProcessRunner runner;
  CommandResult result =
      runner.run(Command{{"/bin/sh", "-c",
                          "echo FIRST-LINE >&2; head -c 200000000 /dev/zero | tr '\\0' x >&2; "
                          "echo >&2; echo LAST-LINE >&2; exit 3"},
                         "",
                         120});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_LT(result.errors.size(), 128u * 1024) << "kept " << result.errors.size() << " bytes";
  EXPECT_EQ(result.errors.rfind("FIRST-LINE\n", 0), 0u);
  EXPECT_NE(result.errors.find("LAST-LINE\n"), std::string::npos);
  EXPECT_NE(result.errors.find("more bytes of error output"), std::string::npos);
}

}  // namespace

// pandoc 2.17 describes a DOCX picture by its data: URI; each becomes its image's words, in the
// order of the images, and an image from a file keeps its own description.
TEST(DocxPictures, EachEmbeddedPictureIsDescribedByItsWords) {
  const std::string input = R"({"blocks":[
    {"t":"Para","c":[{"t":"Image","c":[["",[],[]],[{"t":"Str","c":"First"},{"t":"Space"},
      {"t":"Strong","c":[{"t":"Str","c":"<chart>"}]}],["data:image/png;base64,AAAA",""]]}]},
    {"t":"Para","c":[{"t":"Image","c":[["",[],[]],[{"t":"Str","c":"Elsewhere"}],["a.png",""]]}]},
    {"t":"Para","c":[{"t":"Image","c":[["",[],[]],[{"t":"Str","c":"Second"}],
      ["data:image/png;base64,BBBB",""]]}]}]})";
  std::vector<std::string> words = coachkit::embedded_image_descriptions(input);
  ASSERT_EQ(words, (std::vector<std::string>{"First <chart>", "Second"}));
  std::string xml =
      "<pic:cNvPr id=\"1\" descr=\"data:image/png;base64,AAAA\"/>"
      "<pic:cNvPr id=\"2\" descr=\"a.png\"/><pic:cNvPr id=\"3\" "
      "descr=\"data:image/png;base64,BBBB\"/>";
  EXPECT_TRUE(coachkit::describe_docx_pictures(words, &xml));
  EXPECT_EQ(xml,
            "<pic:cNvPr id=\"1\" descr=\"First &lt;chart&gt;\"/>"
            "<pic:cNvPr id=\"2\" descr=\"a.png\"/><pic:cNvPr id=\"3\" descr=\"Second\"/>");
  EXPECT_TRUE(coachkit::embedded_image_descriptions(R"({"blocks":[]})").empty());
}
