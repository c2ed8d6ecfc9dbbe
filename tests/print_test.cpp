// Print as a QA analyst and a trainer meet it, read by programs we did not write: the default
// rubric's scorecard in PDF, DOCX and ODT (LibreOffice converts the office files, poppler reads
// every PDF) on at most two landscape pages, with a notes column and header words never broken.
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

}  // namespace
}  // namespace coachkit
