// Tests of the JSON Schemas that editors use to check content as it is typed: each kind of file
// has one, they are valid JSON embedded in the program and written out by write_schemas, and an
// independent validator (ajv, from npm, on the TOML read as JSON) accepts the default pack and
// rejects the mistakes the loader rejects, naming the key.
#include "pack/schema.hpp"
#include "pack/pack_loader.hpp"
#include "support/diagnostics.hpp"
#include "support/process.hpp"
#include "test_support.hpp"

#include <coachkit/format.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using coachkit::testing::read_file;
using coachkit::testing::TempDir;

namespace coachkit {
namespace {

const std::set<std::string> kSchemaNames = {"pack.schema.json",      "principle.schema.json",
                                            "activity.schema.json",  "quotes.schema.json",
                                            "questions.schema.json", "rubric.schema.json",
                                            "poster.schema.json",    "project.schema.json"};

std::string default_pack() {
  return std::string(COACHKIT_SOURCE_DIR) + "/content/service-principles";
}

// Replaces the first `from` in the file with `to`; fails the test when it is not there.
void replace_in(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = read_file(file);
  std::size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << "'" << from << "' not in " << file;
  text.replace(at, from.size(), to);
  std::ofstream(file, std::ios::binary) << text;
}

// A copy of the default pack to spoil, and the schemas as `coachkit schema` writes them.
class SchemaValidation : public ::testing::Test {
 protected:
  void SetUp() override {
    std::optional<Problem> problem = write_schemas((dir_.path() / "schema").string());
    ASSERT_FALSE(problem) << problem->message;
    fs::copy(default_pack(), pack(), fs::copy_options::recursive);
  }
  fs::path pack() const { return dir_.path() / "pack"; }

  // The independent validator's verdict on `paths`; the tools are installed under the build
  // folder on first use. Anything but "valid" or "invalid" fails the test: a missing npm must
  // not look like a pass.
  CommandResult validate(const std::vector<std::string>& paths) {
    Command command;
    command.argv = {"/usr/bin/python3", std::string(COACHKIT_SCRIPTS_DIR) + "/schema_validate.py",
                    "--npm-prefix",     std::string(COACHKIT_BUILD_DIR) + "/npm",
                    "--schemas",        (dir_.path() / "schema").string()};
    command.argv.insert(command.argv.end(), paths.begin(), paths.end());
    command.timeout_seconds = 600;
    SystemProcessRunner runner;
    CommandResult result = runner.run(command);
    EXPECT_TRUE(result.started && (result.exit_code == 0 || result.exit_code == 1))
        << "the schema validator could not run: " << result.describe(command) << "\n"
        << result.output << result.errors;
    return result;
  }

  // The loader's verdict, so each case shows the schema and the loader agree.
  bool loads() {
    Diagnostics diagnostics;
    return load_pack(pack().string(), diagnostics).has_value();
  }

  TempDir dir_;
};

TEST(ContentSchemas, OneForEveryKindEachValidJson) {
  std::set<std::string> names;
  for (const SchemaFile& schema : content_schemas()) {
    names.insert(schema.name);
    nlohmann::json json = nlohmann::json::parse(schema.text, nullptr, false);
    ASSERT_FALSE(json.is_discarded()) << schema.name << " is not valid JSON";
    EXPECT_EQ(json.value("$schema", ""), "http://json-schema.org/draft-07/schema#") << schema.name;
    // Unknown top-level keys are errors in every file the loader reads.
    EXPECT_EQ(json["additionalProperties"], false) << schema.name;
  }
  EXPECT_EQ(names, kSchemaNames);
}

TEST(ContentSchemas, WrittenAndCopiedIntoTheBuildTreeAsInTheSource) {
  TempDir dir;
  std::optional<Problem> problem = write_schemas((dir.path() / "a" / "b").string());
  ASSERT_FALSE(problem) << problem->message;
  for (const std::string& name : kSchemaNames) {
    std::string source = read_file(fs::path(COACHKIT_SOURCE_DIR) / "core" / "schema" / name);
    ASSERT_FALSE(source.empty()) << name;
    EXPECT_EQ(read_file(dir.path() / "a" / "b" / name), source) << name;
    EXPECT_EQ(read_file(fs::path(COACHKIT_BUILD_DIR) / "share" / "coachkit" / "schema" / name),
              source)
        << name;
  }
  // A file in the way of the folder is reported, not thrown.
  dir.write("file", "x");
  problem = write_schemas((dir.path() / "file").string());
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->message.find("file"), std::string::npos) << problem->message;
}

// The project file's list of formats is the format table's, names and aliases, in its order:
// a format added to the table and not to the schema (or the other way round) fails here.
TEST(ContentSchemas, ProjectFormatsAreTheFormatTable) {
  std::vector<std::string> expected, aliases;
  for (const FormatInfo& f : kFormats) {
    expected.push_back(f.name);
    if (*f.alias) aliases.push_back(f.alias);
  }
  expected.insert(expected.end(), aliases.begin(), aliases.end());
  for (const SchemaFile& schema : content_schemas()) {
    if (schema.name != "project.schema.json") continue;
    nlohmann::json json = nlohmann::json::parse(schema.text);
    const nlohmann::json& formats = json["properties"]["project"]["properties"]["formats"];
    EXPECT_EQ(formats["items"]["enum"].get<std::vector<std::string>>(), expected);
    // The description names each of them too.
    std::string description = formats.value("description", "");
    for (const std::string& name : expected) {
      EXPECT_NE(description.find(name), std::string::npos) << name << " in: " << description;
    }
    return;
  }
  FAIL() << "no project.schema.json";
}

TEST_F(SchemaValidation, DefaultPackAndAProjectFileAreValid) {
  dir_.write("project/coachkit.toml", R"([project]
packs = ["../pack", "acme-way"]
formats = ["pdf", "docx"]
out = "out"

[generators.quiz]
versions = 2
seed = 7
shuffle = true
)");
  CommandResult result =
      validate({pack().string(), (dir_.path() / "project/coachkit.toml").string()});
  EXPECT_EQ(result.exit_code, 0) << result.output << result.errors;
  EXPECT_NE(result.output.find("principles/respect.toml: valid"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("coachkit.toml: valid"), std::string::npos) << result.output;
}

TEST_F(SchemaValidation, TypoedKeysAreRejectedByName) {
  replace_in(pack() / "principles/respect.toml", "summary =", "sumary =");
  replace_in(pack() / "principles/respect.toml", "weight = 2", "wieght = 2");
  replace_in(pack() / "pack.toml", "license =", "licence =");
  dir_.write("project/coachkit.toml", "[project]\npacks = [\"../pack\"]\nfromats = [\"pdf\"]\n");
  EXPECT_FALSE(loads());

  CommandResult result =
      validate({pack().string(), (dir_.path() / "project/coachkit.toml").string()});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  for (const char* word : {"respect.toml: invalid", "\"sumary\"", "\"wieght\"", "/principle/do/0",
                           "pack.toml: invalid", "\"licence\"", "\"fromats\""}) {
    EXPECT_NE(result.output.find(word), std::string::npos) << word << "\n" << result.output;
  }
  EXPECT_NE(result.output.find("service.toml: valid"), std::string::npos) << result.output;
}

TEST_F(SchemaValidation, BadIdsAndValuesOutOfRangeAreRejected) {
  replace_in(pack() / "principles/respect.toml", "id = \"respect\"", "id = \"Respect_First\"");
  replace_in(pack() / "activities/breakdown-sources.toml", "minutes = ", "minutes = 9000 #");
  EXPECT_FALSE(loads());

  CommandResult result = validate({pack().string()});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("/principle/id must match pattern"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("/activity/minutes must be <= 600"), std::string::npos)
      << result.output;
}

TEST_F(SchemaValidation, KeysThatDoNotApplyToTheKindAreRejected) {
  // A true-false question with choices, and a grid worksheet with lines to write on.
  replace_in(pack() / "questions/core-principles.toml", "answer = false",
             "answer = false\nchoices = [\"Yes\", \"No\"]");
  replace_in(pack() / "activities/breakdown-sources.toml", "kind = \"grid\"",
             "kind = \"grid\"\nlines = 4");
  EXPECT_FALSE(loads());

  CommandResult result = validate({pack().string()});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("core-principles.toml: /question/1/choices"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("breakdown-sources.toml: /activity/worksheet/lines"),
            std::string::npos)
      << result.output;
}

}  // namespace
}  // namespace coachkit
