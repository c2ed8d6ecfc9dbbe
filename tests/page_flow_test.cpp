// How the default pack's handouts fall onto pages, in every theme, read with poppler: a
// principle's handout is at most two pages, and no page holds only a line or two (a heading cut
// from its text, a source line or a single question left over at the end). The DOCX headings keep
// with the paragraph after them.
#include "office_readers.hpp"
#include "pack/pack_loader.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>

namespace fs = std::filesystem;

namespace coachkit {
namespace {

using testing::run_coachkit;
using testing::run_program;
using testing::TempDir;

int pages_of(const fs::path& pdf) {
  CommandResult info = run_program({"pdfinfo", pdf.string()});
  std::smatch m;
  if (!info.ok() || !std::regex_search(info.output, m, std::regex(R"(Pages:\s+(\d+))"))) return -1;
  return std::stoi(m[1]);
}

// The lines of text on each page, without the page number ("2 / 3") at its foot.
std::vector<std::vector<std::string>> page_lines(const fs::path& pdf) {
  CommandResult text = run_program({"pdftotext", "-layout", pdf.string(), "-"});
  std::vector<std::vector<std::string>> pages(1);
  std::string line;
  std::regex folio(R"(^\s*\d+ / \d+\s*$)");
  for (char c : text.output + "\n") {
    if (c == '\f') {
      pages.emplace_back();
    } else if (c == '\n') {
      if (line.find_first_not_of(" \t") != std::string::npos && !std::regex_match(line, folio))
        pages.back().push_back(line);
      line.clear();
    } else {
      line += c;
    }
  }
  while (!pages.empty() && pages.back().empty()) pages.pop_back();
  return pages;
}

class PageFlow : public ::testing::TestWithParam<const char*> {
 protected:
  static void SetUpTestSuite() {
    Diagnostics diagnostics;
    auto loaded =
        load_pack(std::string(COACHKIT_SOURCE_DIR) + "/content/service-principles", diagnostics);
    ASSERT_TRUE(loaded) << diagnostics.to_string();
    pack_ = new Pack(std::move(*loaded));
    work_ = new TempDir;
  }
  // The default pack's handouts in this test's theme and `format`. Under ctest, the fixture
  // tests page_flow_build_THEME build them once for every test of the theme (PDF and DOCX, into
  // COACHKIT_PAGE_FLOW_OUT/THEME, from an empty folder each run); run alone, each test builds
  // only what it reads.
  void build(const char* format) const {
    if (shared_builds()) {
      ASSERT_TRUE(fs::is_directory(out("")))
          << "the fixture page_flow_build_" << GetParam() << " did not build " << out("");
      return;
    }
    CommandResult built =
        run_coachkit({"build", std::string(COACHKIT_SOURCE_DIR) + "/content/service-principles",
                      "--out", (root() / GetParam()).string(), "--only", "handout", "--format",
                      format, "--theme", GetParam()});
    ASSERT_EQ(built.exit_code, 0) << built.output << built.errors;
  }
  static const char* shared_builds() { return std::getenv("COACHKIT_PAGE_FLOW_OUT"); }
  static fs::path root() { return shared_builds() ? fs::path(shared_builds()) : work_->path(); }
  static void TearDownTestSuite() {
    delete work_;
    delete pack_;
  }
  fs::path out(const std::string& relative) const {
    return root() / GetParam() / "service-principles" / relative;
  }
  static Pack* pack_;
  static TempDir* work_;
};

Pack* PageFlow::pack_ = nullptr;
TempDir* PageFlow::work_ = nullptr;

TEST_P(PageFlow, APrinciplesHandoutIsAtMostTwoPages) {
  build("pdf");
  for (const char* edition : {"", "trainer/"}) {
    for (const Principle& p : pack_->principles) {
      fs::path pdf = out(edition + std::string("handouts/") + p.id + ".pdf");
      EXPECT_GE(pages_of(pdf), 1) << pdf;
      EXPECT_LE(pages_of(pdf), 2) << pdf;
    }
  }
}

TEST_P(PageFlow, NoPageHoldsOnlyAHeadingASourceLineOrOneQuestion) {
  build("pdf");
  std::vector<fs::path> pdfs;
  for (const auto& entry : fs::recursive_directory_iterator(out(""))) {
    if (entry.path().extension() == ".pdf") pdfs.push_back(entry.path());
  }
  ASSERT_GE(pdfs.size(), 2 * (pack_->principles.size() + pack_->activities.size() + 1));
  for (const fs::path& pdf : pdfs) {
    auto pages = page_lines(pdf);
    ASSERT_FALSE(pages.empty()) << pdf;
    for (std::size_t i = 1; i < pages.size(); ++i) {
      std::string seen;
      for (const std::string& l : pages[i]) seen += "\n    " + l;
      EXPECT_GT(pages[i].size(), 2u)
          << fs::relative(pdf, out("")) << " page " << i + 1 << " holds only:" << seen;
    }
  }
}

// The words of `text`, lower case, without punctuation (dashes and curly quotation marks,
// U+2010 to U+201F, included).
std::set<std::string> words_of(std::string text) {
  for (std::size_t at = 0; (at = text.find("\xe2\x80", at)) != std::string::npos;) {
    unsigned char third = at + 2 < text.size() ? static_cast<unsigned char>(text[at + 2]) : 0;
    if (third >= 0x90 && third <= 0x9f) text.replace(at, 3, " ");
    ++at;
  }
  std::set<std::string> words;
  std::string word;
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80)) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.insert(word);
      word.clear();
    }
  }
  return words;
}

// A principle's quote and its source line, spilled onto a page of their own, read as a mistake
// (integrity's handout did): the PDF worker sets such a document slightly tighter to keep them on
// the page before. A last page holding nothing but words of the quote, its author and the
// sources fails.
TEST_P(PageFlow, NoHandoutEndsOnAPageOfOnlyItsQuote) {
  build("pdf");
  int checked = 0;
  for (const char* edition : {"", "trainer/"}) {
    for (const Principle& p : pack_->principles) {
      fs::path pdf = out(edition + std::string("handouts/") + p.id + ".pdf");
      auto pages = page_lines(pdf);
      ASSERT_FALSE(pages.empty()) << pdf;
      if (pages.size() < 2) continue;
      ++checked;
      // What a quote block and a source line print: the quote, "\u2014 author (title)",
      // "Source: title, author." and adapted-from lines.
      std::string quoted = "\u2014 source adapted from";
      for (const Quote& q : pack_->quotes) quoted += " " + q.text + " " + q.author;
      for (const Source& s : pack_->sources)
        quoted += " " + s.title + " " + s.author + " " + s.note;
      std::set<std::string> allowed = words_of(quoted);
      std::string last;
      for (const std::string& line : pages.back()) last += line + "\n";
      bool other = false;
      for (const std::string& word : words_of(last)) {
        bool number = word.find_first_not_of("0123456789") == std::string::npos;  // the folio
        other = other || (!number && allowed.count(word) == 0);
      }
      EXPECT_TRUE(other) << fs::relative(pdf, out("")) << ": the last page holds only:\n" << last;
    }
  }
  EXPECT_GT(checked, 0);  // some handouts are two pages, so the check read something
}

// The pack handout's contents, on paper, give each principle's and activity's page: read back,
// each title is on the page its entry names.
TEST_P(PageFlow, ThePackHandoutsContentsNameThePageOfEachEntry) {
  build("pdf");
  auto pages = page_lines(out("service-principles-handout.pdf"));
  ASSERT_GT(pages.size(), 3u);
  std::map<std::string, int> listed;  // title -> page, from the contents page(s)
  std::regex entry(R"(^\s*(.*?\S)\s*\.{3,}\s*(\d+)\s*$)");
  for (std::size_t i = 0; i < 3; ++i) {
    for (const std::string& line : pages[i]) {
      std::smatch m;
      if (std::regex_match(line, m, entry)) listed[m[1]] = std::stoi(m[2]);
    }
  }
  auto on_page = [&](const std::string& title, int page) {
    if (page < 1 || page > static_cast<int>(pages.size())) return false;
    for (std::string line : pages[page - 1]) {
      // Some fonts map their hyphen to U+2010, which pdftotext then prints.
      for (std::size_t at; (at = line.find("\xe2\x80\x90")) != std::string::npos;) {
        line.replace(at, 3, "-");
      }
      if (line.find(title) != std::string::npos) return true;
    }
    return false;
  };
  for (const Principle& p : pack_->principles) {
    ASSERT_TRUE(listed.count(p.title)) << p.title << " is not in the contents";
    EXPECT_TRUE(on_page(p.title, listed[p.title]))
        << p.title << " is not on page " << listed[p.title];
  }
  for (const Activity& a : pack_->activities) {
    ASSERT_TRUE(listed.count(a.title)) << a.title << " is not in the contents";
    EXPECT_TRUE(on_page(a.title, listed[a.title]))
        << a.title << " is not on page " << listed[a.title];
  }
}

TEST_P(PageFlow, DocxHeadingsKeepWithTheParagraphAfterThem) {
  build("docx");
  CommandResult r = run_program(
      {"/usr/bin/python3", "-c",
       "import re, sys, zipfile\n"
       "z = zipfile.ZipFile(sys.argv[1])\n"
       "styles = z.read('word/styles.xml').decode()\n"
       "document = z.read('word/document.xml').decode()\n"
       "used = sorted(set(re.findall(r'<w:pStyle w:val=\"(Heading\\d)\"', document)))\n"
       "for s in used:\n"
       "    style = re.search(r'w:styleId=\"%s\".*?</w:style>' % s, styles, re.S).group(0)\n"
       "    print(s, 'keepNext' if '<w:keepNext' in style else 'loose')\n",
       out("handouts/serve-from-the-heart.docx").string()});
  ASSERT_TRUE(r.ok()) << r.errors;
  EXPECT_NE(r.output.find("Heading2 keepNext"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("loose"), std::string::npos) << r.output;
}

INSTANTIATE_TEST_SUITE_P(Themes, PageFlow, ::testing::Values("default", "classic", "modern"));

}  // namespace
}  // namespace coachkit
