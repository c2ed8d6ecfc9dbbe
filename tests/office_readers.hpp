// Reading coachkit's outputs as their readers would, for the edition, worksheet and deck tests:
// the program run as a user runs it, the text of each format through a reader we did not write
// (pdftotext, python-docx, the standard library's zip and XML, LibreOffice headless).
#pragma once

#include "support/process.hpp"
#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace coachkit::testing {

inline CommandResult run_program(std::vector<std::string> argv, double timeout = 300) {
  SystemProcessRunner runner;
  return runner.run(Command{std::move(argv), "", timeout});
}

inline CommandResult run_coachkit(std::vector<std::string> args) {
  args.insert(args.begin(), COACHKIT_PROGRAM);
  return run_program(std::move(args), 600);
}

inline std::string test_script(const std::string& name) {
  return std::string(COACHKIT_SCRIPTS_DIR) + "/" + name;
}

// All the text a reader of `file` sees, by its extension; "" with `error` set on failure.
inline std::string text_of(const std::filesystem::path& file, std::string* error) {
  std::string ext = file.extension().string();
  CommandResult r;
  if (ext == ".pdf") {
    r = run_program({"pdftotext", file.string(), "-"});
  } else if (ext == ".docx") {
    r = run_program({"/usr/bin/python3", test_script("docx_text.py"), file.string()});
  } else if (ext == ".html") {
    r = run_program({"/usr/bin/python3", test_script("html_text.py"), file.string()});
  } else if (ext == ".odt" || ext == ".pptx") {
    r = run_program({"/usr/bin/python3", test_script("office_parts.py"), file.string()});
  } else {
    return read_file(file);
  }
  if (!r.ok()) {
    *error = file.string() + ": " + r.errors;
    return "";
  }
  if (ext == ".html") return nlohmann::json::parse(r.output)["text"].get<std::string>();
  return r.output;
}

// Converts `file` to PDF with LibreOffice headless, in a profile of its own (two LibreOffice
// processes must not share one); the PDF's path, or "" with `error` set.
inline std::string libreoffice_pdf(const std::filesystem::path& file,
                                   const std::filesystem::path& work, std::string* error) {
  // One folder per kind of input, so grid.odt and grid.docx do not make the same grid.pdf.
  std::filesystem::path folder = work / ("from-" + file.extension().string().substr(1));
  std::filesystem::create_directories(folder);
  CommandResult r =
      run_program({"soffice", "-env:UserInstallation=file://" + (work / "lo").string(),
                   "--headless", "--convert-to", "pdf", "--outdir", folder.string(), file.string()},
                  180);
  std::filesystem::path pdf =
      folder / std::filesystem::path(file).filename().replace_extension(".pdf");
  if (!r.started) {
    *error =
        "LibreOffice (soffice) was not found: install libreoffice-writer-nogui "
        "(COACHKIT_TEST_TOOLS=1 tools/setup.sh)";
    return "";
  }
  if (!r.ok() || !std::filesystem::exists(pdf)) {
    *error = "LibreOffice could not convert " + file.string() + ": " + r.output + r.errors;
    return "";
  }
  return pdf.string();
}

}  // namespace coachkit::testing
