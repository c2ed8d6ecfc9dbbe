// Print as a QA analyst and a trainer meet it, read by programs we did not write: the default
// rubric's scorecard in PDF, DOCX and ODT (LibreOffice converts the office files, poppler reads
// every PDF) on at most two landscape pages, with a notes column and header words never broken;
// the default printed quiz a handout, its key a compact grid, its DOCX without list bullets.
#include "support/process.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

namespace coachkit {
namespace {

namespace fs = std::filesystem;
using coachkit::testing::read_file;
using coachkit::testing::TempDir;

CommandResult run(std::vector<std::string> argv) {
  SystemProcessRunner runner;
  return runner.run(Command{std::move(argv), "", 300});
}

CommandResult coachkit(std::vector<std::string> args) {
  args.insert(args.begin(), COACHKIT_PROGRAM);
  return run(std::move(args));
}

const std::string kPack = std::string(COACHKIT_SOURCE_DIR) + "/content/service-principles";

struct PdfPages {
  int pages = 0;
  double width = 0, height = 0;
};

PdfPages pdf_pages(const fs::path& pdf) {
  CommandResult info = run({"pdfinfo", pdf.string()});
  PdfPages out;
  std::smatch m;
  if (std::regex_search(info.output, m, std::regex(R"(Pages:\s+(\d+))"))) {
    out.pages = std::stoi(m[1]);
  }
  if (std::regex_search(info.output, m, std::regex(R"(Page size:\s+([\d.]+) x ([\d.]+))"))) {
    out.width = std::stod(m[1]);
    out.height = std::stod(m[2]);
  }
  return out;
}

// The words poppler finds on the pages, one per <word> of pdftotext -bbox-layout.
std::vector<std::string> pdf_words(const fs::path& pdf) {
  CommandResult r = run({"pdftotext", "-bbox-layout", pdf.string(), "-"});
  std::vector<std::string> words;
  std::regex word(R"(<word [^>]*>([^<]*)</word>)");
  for (auto it = std::sregex_iterator(r.output.begin(), r.output.end(), word);
       it != std::sregex_iterator(); ++it) {
    words.push_back((*it)[1]);
  }
  return words;
}

std::size_t count(const std::vector<std::string>& words, const std::string& w) {
  return static_cast<std::size_t>(std::count(words.begin(), words.end(), w));
}

// The default rubric's scorecard: at most two landscape pages in every paged format, each
// section's header words whole (never "We/igh/t"), with a notes column.
TEST(PrintScorecard, TheDefaultRubricFitsTwoLandscapePagesWithWholeHeadersAndNotes) {
  TempDir out;
  CommandResult r = coachkit(
      {"build", kPack, "--out", out.str(), "--only", "rubric", "--format", "pdf,docx,odt"});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  fs::path folder = out.path() / "service-principles/rubrics";
  std::vector<fs::path> pdfs = {folder / "call-quality.pdf"};
  for (const char* ext : {"docx", "odt"}) {
    fs::path converted = out.path() / ext;
    CommandResult c = run({"soffice", "-env:UserInstallation=file://" + out.str() + "/lo",
                           "--headless", "--convert-to", "pdf", "--outdir", converted.string(),
                           (folder / (std::string("call-quality.") + ext)).string()});
    ASSERT_EQ(c.exit_code, 0) << c.errors;
    pdfs.push_back(converted / "call-quality.pdf");
  }
  for (const fs::path& pdf : pdfs) {
    SCOPED_TRACE(pdf.string());
    PdfPages pages = pdf_pages(pdf);
    EXPECT_GE(pages.pages, 1);
    EXPECT_LE(pages.pages, 2);
    EXPECT_GT(pages.width, pages.height) << "not landscape";
    std::vector<std::string> words = pdf_words(pdf);
    // The five sections each head their table with the same columns.
    for (const char* header : {"Weight", "Notes", "Partly", "Consistently", "Model", "N/A"}) {
      EXPECT_GE(count(words, header), 5u) << header << " is broken or missing";
    }
    for (const char* fragment : {"Weigh", "We", "t", "Consiste", "ntly", "Consis-", "Wei-"}) {
      EXPECT_EQ(count(words, fragment), 0u) << "a header word broken: " << fragment;
    }
  }
}

struct PrintedQuiz {
  int questions = 0;
  std::string text;  // pdftotext of the quiz
  PdfPages quiz, key;
};

PrintedQuiz printed_quiz(const fs::path& folder, const std::string& name) {
  PrintedQuiz q;
  q.text = run({"pdftotext", (folder / (name + ".pdf")).string(), "-"}).output;
  std::smatch m;
  if (std::regex_search(q.text, m, std::regex(R"((\d+) questions, )"))) {
    q.questions = std::stoi(m[1]);
  }
  q.quiz = pdf_pages(folder / (name + ".pdf"));
  q.key = pdf_pages(folder / (name + "-key.pdf"));
  return q;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

// The default printed quiz is a handout (a question per principle, the principle-to-summary
// matching at most once), its key a grid of about fifty answers a page; three versions alike.
TEST(PrintQuiz, TheDefaultPrintedQuizIsAHandoutWithACompactKey) {
  TempDir out;
  CommandResult r =
      coachkit({"build", kPack, "--out", out.str(), "--only", "quiz", "--format", "pdf,docx",
                "--versions", "3", "--seed", "7", "--set", "quiz.exports=print"});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  fs::path folder = out.path() / "service-principles/quiz";
  for (const char* name : {"quiz-a", "quiz-b", "quiz-c"}) {
    SCOPED_TRACE(name);
    PrintedQuiz q = printed_quiz(folder, name);
    EXPECT_GE(q.questions, 10) << q.text;
    EXPECT_LE(q.questions, 30) << q.text;
    EXPECT_GE(q.quiz.pages, 1);
    EXPECT_LE(q.quiz.pages, 6) << "not a handout";
    EXPECT_LE(q.key.pages, (q.questions + 49) / 50 + 1);
    EXPECT_LE(occurrences(q.text, "Match each principle to its summary"), 1u);

    // No choice paragraph of the DOCX is a list item (a bullet before "A. ☐").
    CommandResult xml = run({"/usr/bin/python3", "-c",
                             "import sys, zipfile; "
                             "sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("
                             "'word/document.xml').decode())",
                             (folder / (std::string(name) + ".docx")).string()});
    ASSERT_EQ(xml.exit_code, 0) << xml.errors;
    std::size_t boxes = 0;
    std::regex paragraph(R"(<w:p>.*?</w:p>|<w:p [^>]*>.*?</w:p>)");
    for (auto it = std::sregex_iterator(xml.output.begin(), xml.output.end(), paragraph);
         it != std::sregex_iterator(); ++it) {
      std::string p = it->str();
      if (p.find("\xE2\x98\x90") == std::string::npos) continue;  // ☐
      ++boxes;
      EXPECT_EQ(p.find("<w:numPr>"), std::string::npos) << p;
    }
    EXPECT_GT(boxes, 0u);
  }
}

// The whole bank still prints when asked, its key a grid too; the same seed gives the same
// paper, another seed another.
TEST(PrintQuiz, TheWholeBankPrintsOnRequestAndTheSeedDecidesThePaper) {
  TempDir out;
  auto build = [&](const std::string& where, const std::string& seed,
                   std::vector<std::string> extra) {
    std::vector<std::string> args = {"build",  kPack,  "--out",    out.str() + "/" + where,
                                     "--only", "quiz", "--format", "html",
                                     "--seed", seed,   "--set",    "quiz.exports=print"};
    args.insert(args.end(), extra.begin(), extra.end());
    return coachkit(args);
  };
  ASSERT_EQ(build("one", "7", {}).exit_code, 0);
  ASSERT_EQ(build("two", "7", {}).exit_code, 0);
  ASSERT_EQ(build("three", "8", {}).exit_code, 0);
  std::string file = "/service-principles/quiz/quiz-a.html";
  std::string one = read_file(out.str() + "/one" + file);
  EXPECT_EQ(one, read_file(out.str() + "/two" + file));
  EXPECT_NE(one, read_file(out.str() + "/three" + file));

  CommandResult r =
      coachkit({"build", kPack, "--out", out.str() + "/bank", "--only", "quiz", "--format", "pdf",
                "--set", "quiz.exports=print", "--set", "quiz.print_per_principle=0"});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  PrintedQuiz bank = printed_quiz(out.path() / "bank/service-principles/quiz", "quiz-a");
  EXPECT_GT(bank.questions, 100) << "the whole bank";
  EXPECT_LE(bank.key.pages, (bank.questions + 49) / 50 + 1);
}

}  // namespace
}  // namespace coachkit
