// CSV exports into evaluation files: the RFC 4180 reader, wide and long (pivoted) exports, bad
// cells at FILE:ROW:COLUMN with nothing written, and hostile cell text kept literal.
#include "qa/csv_reader.hpp"
#include "qa/evaluation_import.hpp"
#include "qa/evaluation_reader.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace {

using coachkit::CsvTable;
using coachkit::Diagnostics;
using coachkit::testing::read_file;
using coachkit::testing::TempDir;

TEST(CsvReader, QuotedCellsKeepCommasLineBreaksAndQuotes) {
  Diagnostics d;
  CsvTable t = coachkit::parse_csv(
      "\xEF\xBB\xBF"
      "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n\n3,,=1+1\n",
      "f.csv", d);
  EXPECT_TRUE(d.empty()) << d.to_string();
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[0][0], "a");  // the byte order mark is not part of the first name
  EXPECT_EQ(t.rows[1][1], "x, y");
  EXPECT_EQ(t.rows[1][2], "say \"hi\"");
  EXPECT_EQ(t.rows[2][1], "two\nlines");
  EXPECT_EQ(t.rows[2][2], "");
  EXPECT_EQ(t.rows[3][2], "=1+1");  // a formula is just text when read
}

TEST(CsvReader, EveryBadCellAtRowAndColumn) {
  Diagnostics d;
  coachkit::parse_csv("a,b,c\n1,x\"y,3\n2,\"q\"z,3\n3,4\n4,5,6\n5,\"open,6\n", "f.csv", d);
  std::string out = d.to_string();
  EXPECT_NE(out.find("f.csv:2:2: a double quote inside a cell"), std::string::npos) << out;
  EXPECT_NE(out.find("f.csv:3:2: text after the closing quote"), std::string::npos) << out;
  EXPECT_NE(out.find("f.csv:4:3: this row has 2 cells; the header has 3"), std::string::npos)
      << out;
  EXPECT_NE(out.find("f.csv:6:2: a quoted cell is never closed"), std::string::npos) << out;
  EXPECT_EQ(d.size(), 4u) << out;
}

const char* kForm = R"([rubric]
id = "form"
title = "Form"
[[rubric.scale]]
id = "quality"
[[rubric.scale.level]]
value = 1
descriptor = "Not shown"
[[rubric.scale.level]]
value = 5
descriptor = "Model"
[[rubric.section]]
title = "All"
weight = 100
[[rubric.section.criterion]]
id = "greeting"
text = "Greets"
[[rubric.section.criterion]]
id = "listen"
text = "Listens"
scale = "quality"
[[rubric.section.criterion]]
id = "hold"
text = "Hold etiquette"
na = "excluded"
)";

std::string run(const std::string& arguments, int* status) {
  std::string command = std::string(COACHKIT_PROGRAM) + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  int s = pclose(pipe);
  *status = WIFEXITED(s) ? WEXITSTATUS(s) : -1;
  return out;
}

TEST(Import, WideExportBecomesEvaluationFilesThatScore) {
  TempDir dir;
  dir.write("form.toml", kForm);
  dir.write("map.toml",
            "[import]\nignore = [\"Score\"]\n[criteria]\nGreeting = \"greeting\"\n"
            "\"Active listening\" = \"listen\"\n[answers]\nMet = \"yes\"\n");
  dir.write("export.csv",
            "interaction,evaluator,agent,date,Greeting,Active listening,hold,Score\n"
            "t-1,dana,sam,2026-11-20,Met,5,N/A,100\n"
            "t-2,dana,sam,2026-11-21T09:30:00Z,No,3,Yes,40\n");
  int status = 0;
  std::string out = run("import " + dir.str() + "/form.toml " + dir.str() + "/export.csv --map " +
                            dir.str() + "/map.toml --out " + dir.str() + "/evals",
                        &status);
  ASSERT_EQ(status, 0) << out;
  EXPECT_NE(out.find("2 evaluations written"), std::string::npos) << out;
  // t-1: greeting yes, listen 5 -> 1, hold N/A left out: 2 / 2 = 100.0.
  // t-2: greeting no, listen 3 -> (3 - 1) / 4 = 0.5, hold yes: 1.5 / 3 = 50.0.
  std::string scored =
      run("score --csv " + dir.str() + "/form.toml " + dir.str() + "/evals", &status);
  ASSERT_EQ(status, 0) << scored;
  EXPECT_NE(scored.find(",t-1,sam,dana,2026-11-20,1,100.0,100.0,,,100.0,"), std::string::npos)
      << scored;
  EXPECT_NE(scored.find(",t-2,sam,dana,2026-11-21,1,50.0,50.0,,,50.0,"), std::string::npos)
      << scored;
}

// As MaestroQA and Zendesk QA export: a row per evaluation and question.
TEST(Import, LongExportIsPivotedByEvaluationId) {
  TempDir dir;
  dir.write("form.toml", kForm);
  dir.write("map.toml", R"([import]
layout = "long"
evaluation = "Review ID"
interaction = "Ticket"
evaluator = "Reviewer"
agent = "Reviewee"
date = "Created"
question = "Category"
answer = "Rating"
note = "Comment"
[criteria]
Greeting = "greeting"
Listening = "listen"
Hold = "hold"
)");
  dir.write("export.csv",
            "Review ID,Ticket,Reviewer,Reviewee,Created,Category,Rating,Comment\n"
            "r1,t-9,ana,sam,2026-11-22,Greeting,yes,\n"
            "r2,t-9,dana,sam,2026-11-22,Greeting,no,\"Forgot the name, again\"\n"
            "r1,t-9,ana,sam,2026-11-22,Listening,4,\n"
            "r2,t-9,dana,sam,2026-11-22,Listening,2,\n"
            "r1,t-9,ana,sam,2026-11-22,Hold,n/a,\n"
            "r2,t-9,dana,sam,2026-11-22,Hold,no,\n");
  int status = 0;
  std::string out = run("import " + dir.str() + "/form.toml " + dir.str() + "/export.csv --map " +
                            dir.str() + "/map.toml --out " + dir.str() + "/evals",
                        &status);
  ASSERT_EQ(status, 0) << out;
  Diagnostics d;
  auto r2 = coachkit::read_evaluation_file(dir.str() + "/evals/t-9-dana.toml", d);
  ASSERT_TRUE(r2) << d.to_string();
  EXPECT_EQ(r2->evaluator, "dana");
  ASSERT_NE(r2->find_answer("listen"), nullptr);
  EXPECT_EQ(r2->find_answer("listen")->value, 2);
  ASSERT_EQ(r2->notes.size(), 1u);
  EXPECT_EQ(r2->notes[0].second, "Forgot the name, again");
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "evals/t-9-ana.toml"));
}

TEST(Import, BadCellsAllReportedAndNothingWritten) {
  TempDir dir;
  dir.write("form.toml", kForm);
  dir.write("export.csv",
            "interaction,evaluator,agent,date,greeting,listen,hold\n"
            "t-1,dana,sam,2026-11-20,yes,4,na\n"       // good
            "t-2,dana,sam,20/11/2026,maybe,7,na\n"     // date, answer, level
            "t-3,dana,,2026-11-20,yes,3,\"x\"y\"\n");  // empty agent, bad quote
  int status = 0;
  std::string out = run("import " + dir.str() + "/form.toml " + dir.str() + "/export.csv --out " +
                            dir.str() + "/evals",
                        &status);
  EXPECT_EQ(status, 1) << out;
  std::string csv = dir.str() + "/export.csv";
  for (const std::string& expected :
       {csv + ":3:4: the date \"20/11/2026\" is not YYYY-MM-DD",
        csv + ":3:5: the answer \"maybe\" is not yes, no, N/A or a number",
        csv + ":3:6: level 7 is out of range for criterion 'listen'",
        csv + ":4:3: the agent is empty", csv + ":4:7: text after the closing quote"}) {
    EXPECT_NE(out.find(expected), std::string::npos) << expected << "\n" << out;
  }
  EXPECT_NE(out.find("nothing was written"), std::string::npos);
  // Not even the good row's file.
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "evals/t-1-dana.toml"));
}

TEST(Import, HostileCellsStayLiteralInTheFilesAndInScoreCsv) {
  TempDir dir;
  dir.write("form.toml", kForm);
  std::string agent = "=HYPERLINK(\"http://x\")\"\n[answers]\ngreeting = \"no\" \\ \x01";
  std::string quoted;
  for (char c : agent) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  dir.write("export.csv",
            "interaction,evaluator,agent,date,greeting,listen,hold\n"
            "t-1,dana,\"" +
                quoted + "\",2026-11-20,yes,5,yes\n");
  int status = 0;
  std::string out = run("import " + dir.str() + "/form.toml " + dir.str() + "/export.csv --out " +
                            dir.str() + "/evals",
                        &status);
  ASSERT_EQ(status, 0) << out;
  Diagnostics d;
  std::vector<std::string> files = coachkit::evaluation_files({dir.str() + "/evals"}, d);
  ASSERT_EQ(files.size(), 1u);
  auto e = coachkit::read_evaluation_file(files[0], d);
  ASSERT_TRUE(e) << d.to_string() << read_file(files[0]);
  EXPECT_EQ(e->agent, agent);  // byte for byte, nothing became a key
  ASSERT_NE(e->find_answer("greeting"), nullptr);
  EXPECT_EQ(e->find_answer("greeting")->kind, coachkit::Answer::Kind::Yes);
  std::string scored = run("score --csv " + dir.str() + "/form.toml " + files[0], &status);
  ASSERT_EQ(status, 0) << scored;
  // The formula-like agent is written with a leading apostrophe, quoted (escape::csv).
  EXPECT_NE(scored.find(",\"'=HYPERLINK(\"\"http://x\"\")"), std::string::npos) << scored;
}

// Files in `dir`, hidden ones (staged temporaries) included.
std::vector<std::string> listing(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string import(const TempDir& dir, const std::string& extra, int* status) {
  return run("import " + dir.str() + "/form.toml " + dir.str() + "/export.csv --out " + dir.str() +
                 "/evals" + extra,
             status);
}

// Every date `score` would refuse (or misplace) is refused at its cell, before anything is
// written; the good rows' dates, edge cases included, then score.
TEST(Import, DatesFollowTheRulesOfEvaluationFiles) {
  TempDir dir;
  dir.write("form.toml", kForm);
  const std::vector<std::string> bad = {"2026- 1- 1", "2026-+1-+1", "+026-01-01", "-001-01-01",
                                        "2026-02-31", "0999-05-05", "9999-12-31", "2026-1-1"};
  std::string csv = "interaction,evaluator,agent,date,greeting,listen,hold\n";
  for (std::size_t i = 0; i < bad.size(); ++i) {
    csv += "t-" + std::to_string(i) + ",dana,sam," + bad[i] + ",yes,4,na\n";
  }
  dir.write("export.csv", csv);
  int status = 0;
  std::string out = import(dir, "", &status);
  EXPECT_EQ(status, 1) << out;
  for (std::size_t i = 0; i < bad.size(); ++i) {
    std::string at =
        dir.str() + "/export.csv:" + std::to_string(i + 2) + ":4: the date \"" + bad[i] + "\" ";
    EXPECT_NE(out.find(at), std::string::npos) << at << "\n" << out;
  }
  EXPECT_NE(out.find("February 2026 has 28 days"), std::string::npos) << out;
  EXPECT_NE(out.find("outside the years an evaluation may be dated in, 1900 to 2200"),
            std::string::npos)
      << out;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "evals")) << out;

  dir.write("export.csv",
            "interaction,evaluator,agent,date,greeting,listen,hold\n"
            "t-1,dana,sam,2024-02-29,yes,4,na\n"
            "t-2,dana,sam,1900-01-01T00:00:00Z,yes,4,na\n"
            "t-3,dana,sam, 2200-12-31 ,yes,4,na\n");
  out = import(dir, "", &status);
  ASSERT_EQ(status, 0) << out;
  std::string scored =
      run("score --csv " + dir.str() + "/form.toml " + dir.str() + "/evals", &status);
  EXPECT_EQ(status, 0) << scored;
  for (const char* date : {",2024-02-29,", ",1900-01-01,", ",2200-12-31,"}) {
    EXPECT_NE(scored.find(date), std::string::npos) << date << "\n" << scored;
  }
}

// A note longer than evaluation files allow is refused at its cell, not written and then
// refused by `score`.
TEST(Import, ANoteScoreWouldRefuseIsRefusedAtItsCell) {
  TempDir dir;
  dir.write("form.toml", kForm);
  dir.write("map.toml", "[import]\nlayout = \"long\"\nnote = \"note\"\n");
  dir.write("export.csv",
            "evaluation,interaction,evaluator,agent,date,question,answer,note\n"
            "r1,t-1,dana,sam,2026-11-20,greeting,yes," +
                std::string(2001, 'n') +
                "\n"
                "r1,t-1,dana,sam,2026-11-20,listen,4,\n"
                "r1,t-1,dana,sam,2026-11-20,hold,na,\n");
  int status = 0;
  std::string out = import(dir, " --map " + dir.str() + "/map.toml", &status);
  EXPECT_EQ(status, 1) << out;
  EXPECT_NE(out.find(dir.str() + "/export.csv:2:8: a note is at most 2000 characters long"),
            std::string::npos)
      << out;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "evals")) << out;
}

const char* kTwoRows =
    "interaction,evaluator,agent,date,greeting,listen,hold\n"
    "t-1,dana,sam,2026-11-20,yes,4,na\n"
    "t-2,dana,sam,2026-11-21,no,2,yes\n";

// Someone's evaluation file of the same name is never replaced silently; --force replaces it.
TEST(Import, AnExistingFileIsKeptUnlessForced) {
  TempDir dir;
  dir.write("form.toml", kForm);
  dir.write("export.csv", kTwoRows);
  const std::string hand_written = "# written by hand\n";
  dir.write("evals/t-2-dana.toml", hand_written);
  int status = 0;
  std::string out = import(dir, "", &status);
  EXPECT_EQ(status, 1) << out;
  EXPECT_NE(out.find(dir.str() + "/evals/t-2-dana.toml: already exists (row 3's evaluation); "
                                 "--force replaces it"),
            std::string::npos)
      << out;
  EXPECT_EQ(read_file(dir.path() / "evals/t-2-dana.toml"), hand_written);
  EXPECT_EQ(listing(dir.path() / "evals"), std::vector<std::string>{"t-2-dana.toml"});

  out = import(dir, " --force", &status);
  ASSERT_EQ(status, 0) << out;
  EXPECT_EQ(listing(dir.path() / "evals"),
            (std::vector<std::string>{"t-1-dana.toml", "t-2-dana.toml"}));
  std::string scored =
      run("score --csv " + dir.str() + "/form.toml " + dir.str() + "/evals", &status);
  EXPECT_EQ(status, 0) << scored;
  EXPECT_NE(scored.find(",t-2,sam,dana,2026-11-21,"), std::string::npos) << scored;
}

// A folder where the second file goes: refused before anything is written.
TEST(Import, AFolderInTheWayIsRefusedBeforeAnythingIsWritten) {
  TempDir dir;
  dir.write("form.toml", kForm);
  dir.write("export.csv", kTwoRows);
  std::filesystem::create_directories(dir.path() / "evals/t-2-dana.toml");
  for (const char* force : {"", " --force"}) {
    int status = 0;
    std::string out = import(dir, force, &status);
    EXPECT_EQ(status, 1) << out;
    EXPECT_NE(out.find("evals/t-2-dana.toml: is in the way of this row's evaluation file"),
              std::string::npos)
        << out;
    EXPECT_EQ(listing(dir.path() / "evals"), std::vector<std::string>{"t-2-dana.toml"}) << force;
  }
}

// The move into place failing half-way (here a folder that appeared after the check): the
// files already moved are taken back, a replaced one gets its old text back, no temporary
// is left.
TEST(Import, AllOrNoneWhenAMoveFailsHalfWay) {
  TempDir dir;
  std::filesystem::path evals = dir.path() / "evals";
  dir.write("evals/a.toml", "old a\n");
  std::filesystem::create_directories(evals / "c.toml/inside");
  std::vector<coachkit::ImportedFile> files = {{(evals / "a.toml").string(), "new a\n"},
                                               {(evals / "b.toml").string(), "new b\n"},
                                               {(evals / "c.toml").string(), "new c\n"}};
  for (bool replace : {false, true}) {
    std::optional<coachkit::Problem> problem = coachkit::write_all_or_none(files, replace);
    ASSERT_TRUE(problem);
    const std::string& error = problem->message;
    EXPECT_NE(error.find((evals / (replace ? "c.toml" : "a.toml")).string()), std::string::npos)
        << error;
    EXPECT_NE(error.find("nothing was written"), std::string::npos) << error;
    EXPECT_EQ(read_file(evals / "a.toml"), "old a\n");
    EXPECT_EQ(listing(evals), (std::vector<std::string>{"a.toml", "c.toml"})) << replace;
  }
  std::filesystem::remove_all(evals / "c.toml");
  std::optional<coachkit::Problem> problem = coachkit::write_all_or_none(files, true);
  ASSERT_FALSE(problem) << problem->message;
  EXPECT_EQ(read_file(evals / "a.toml"), "new a\n");
  EXPECT_EQ(listing(evals), (std::vector<std::string>{"a.toml", "b.toml", "c.toml"}));
}

// Every row wrong (the shape of a 5 MB export of 1.3 million bad rows, which grew import to
// 6 GB and std::bad_alloc): the first 100 problems, a count of the rest, a failure, and memory
// far below that. The bound is generous; it is about gigabytes, not megabytes.
TEST(Import, EveryRowWrongReportsTheFirstHundredInBoundedMemory) {
#ifdef __SANITIZE_ADDRESS__
  // Under the address sanitizer a quarter of the rows (a minute and a half less), still
  // thousands of times the hundred problems kept.
  const int rows = 325000;
#else
  const int rows = 1300000;
#endif
  TempDir dir;
  dir.write("form.toml", kForm);
  {
    std::ofstream csv(dir.path() / "export.csv", std::ios::binary);
    csv << "interaction,evaluator,agent,date,greeting,listen,hold\n";
    for (int i = 0; i < rows; ++i) csv << "x\n";
  }
  int status = 0;
  std::string out = import(dir, "", &status);
  EXPECT_EQ(status, 1);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 102) << out.substr(0, 2000);
  std::string csv = dir.str() + "/export.csv";
  EXPECT_EQ(out.rfind(csv + ":2:1: ", 0), 0u) << out.substr(0, 2000);
  // Each row: too few cells, then the empty evaluator, agent and bad date and the missing
  // answers of the row; the first hundred by position are rows 2 to at most 101.
  EXPECT_EQ(out.find(csv + ":102:"), std::string::npos) << out.substr(0, 2000);
  std::size_t more = out.find("\n... and ");
  ASSERT_NE(more, std::string::npos) << out.substr(out.size() > 2000 ? out.size() - 2000 : 0);
  std::size_t total = std::stoul(out.substr(out.rfind('\n', out.size() - 2) + 1));
  EXPECT_GE(total, static_cast<std::size_t>(rows));
  EXPECT_NE(out.find("\n... and " + std::to_string(total - 100) + " more problems\n" +
                     std::to_string(total) + " problems; nothing was written\n"),
            std::string::npos)
      << out.substr(more);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "evals"));
  struct rusage usage {};
  ASSERT_EQ(getrusage(RUSAGE_CHILDREN, &usage), 0);
#ifdef __SANITIZE_ADDRESS__
  const long limit = 4L * 1024 * 1024;  // AddressSanitizer's shadow memory and redzones
#else
  const long limit = 1024L * 1024;
#endif
  EXPECT_LT(usage.ru_maxrss, limit) << "kilobytes at the peak of the largest child";
}

}  // namespace
