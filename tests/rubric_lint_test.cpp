// `coachkit lint` on rubrics that load but would score badly, as an author sees it.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <cstdio>

namespace {

std::string lint(const std::string& folder, int* status) {
  std::string command = std::string(COACHKIT_PROGRAM) + " lint " + folder + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  int s = pclose(pipe);
  *status = WIFEXITED(s) ? WEXITSTATUS(s) : -1;
  return out;
}

TEST(RubricLint, FlagsWeightsLevelsCriticalNotApplicableAndBands) {
  coachkit::testing::TempDir dir;
  dir.write("pack.toml",
            "[pack]\nid = \"p\"\ntitle = \"P\"\nversion = \"1\"\nlanguage = \"en\"\nauthors = "
            "[\"A\"]\nlicense = \"CC-BY-4.0\"\n");
  dir.write("rubrics/form.toml", R"([rubric]
id = "form"
title = "Form"
default_scale = "quality"

[[rubric.scale]]
id = "quality"
range = [1, 4]
[[rubric.scale.level]]
value = 1
descriptor = "Not shown"
[[rubric.scale.level]]
value = 4
descriptor = "Model"

[[rubric.band]]
label = "Low"
from = 0
to = 60
[[rubric.band]]
label = "Mid"
from = 50
to = 80
[[rubric.band]]
label = "High"
from = 85
to = 95

[[rubric.section]]
title = "One"
weight = 60
[[rubric.section.criterion]]
id = "a"
text = "A"
[[rubric.section]]
title = "Two"
weight = 30
[[rubric.section.criterion]]
id = "disclose"
text = "Discloses"
scale = "yes-no"
critical = true
na = "excluded"
)");
  int status = 0;
  std::string out = lint(dir.str(), &status);
  EXPECT_EQ(status, 1) << out;
  std::string file = dir.str() + "/rubrics/form.toml";
  for (const std::string& expected : {
           file + ":1:1: rubric 'form' version 1: the section weights add up to 90, not 100",
           file + ":6:1: scale 'quality' has no descriptor for levels 2, 3",
           file + ":38:1: rubric 'form' version 1: critical criterion 'disclose' allows \"na\"",
           file + ":20:1: rubric 'form' version 1: band 'Mid' overlaps the one before it",
           file + ":24:1: rubric 'form' version 1: the bands leave a gap from 80 to 85",
           file + ":24:1: rubric 'form' version 1: the bands leave a gap from 95 to 100",
       }) {
    EXPECT_NE(out.find(expected), std::string::npos) << expected << "\n" << out;
  }
}

TEST(RubricLint, TheDefaultPackRubricIsClean) {
  int status = 0;
  std::string out = lint(COACHKIT_SOURCE_DIR "/content/service-principles", &status);
  EXPECT_EQ(status, 0) << out;
}

}  // namespace
