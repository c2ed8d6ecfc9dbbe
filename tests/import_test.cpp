// CSV exports into evaluation files: the RFC 4180 reader, wide and long (pivoted) exports, bad
// cells at FILE:ROW:COLUMN with nothing written, and hostile cell text kept literal.
#include "qa/csv_reader.hpp"
#include "qa/evaluation_reader.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <cstdio>
#include <filesystem>

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

}  // namespace
