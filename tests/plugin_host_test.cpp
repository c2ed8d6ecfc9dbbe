#include "plugin_host.hpp"

#include "build.hpp"

#include "pack_loader.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;
using coachkit::testing::TempDir;

namespace coachkit {
namespace {

std::string test_plugin(const std::string& name) {
  return std::string(COACHKIT_TEST_PLUGIN_DIR) + "/coachkit-test_" + name + ".so";
}

const RefusedPlugin* refusal_of(const PluginHost& host, const std::string& file_part) {
  for (const RefusedPlugin& r : host.refused()) {
    if (r.path.find(file_part) != std::string::npos) return &r;
  }
  return nullptr;
}

Pack tiny_pack() {
  Pack pack;
  pack.id = "tiny";
  pack.title = "Tiny";
  Principle p;
  p.id = "respect";
  p.title = "Respect";
  pack.principles.push_back(p);
  return pack;
}

TEST(PluginHost, LoadsAGoodPluginWithItsDescriptor) {
  PluginHost host;
  host.load_file(test_plugin("good"));
  ASSERT_TRUE(host.refused().empty()) << host.refused().front().reason;
  ASSERT_EQ(host.plugins().size(), 1u);
  const LoadedPlugin& p = host.plugins().front();
  EXPECT_EQ(p.name, "test-good");
  EXPECT_EQ(p.version, "1.2.3");
  EXPECT_EQ(p.abi_major, kAbiMajor);
  EXPECT_EQ(p.abi_minor, kAbiMinor);
  ASSERT_EQ(p.generators.size(), 1u);
  EXPECT_EQ(p.generators.front().kind, "test-card");

  std::vector<Artifact> artifacts;
  std::string error;
  ASSERT_TRUE(host.generate(p, p.generators.front(), tiny_pack(), &artifacts, &error)) << error;
  ASSERT_EQ(artifacts.size(), 1u);
  EXPECT_EQ(artifacts[0].name, "cards/tiny");
  EXPECT_EQ(artifacts[0].document.title, "Card for Tiny");
}

TEST(PluginHost, RefusesAWrongMajorAbiWithoutLoadingIt) {
  PluginHost host;
  host.load_file(test_plugin("wrong_abi"));
  EXPECT_TRUE(host.plugins().empty());
  ASSERT_EQ(host.refused().size(), 1u);
  const std::string& reason = host.refused()[0].reason;
  EXPECT_NE(reason.find("ABI 2.x"), std::string::npos) << reason;
  EXPECT_NE(reason.find("ABI " + std::to_string(kAbiMajor) + "." + std::to_string(kAbiMinor)),
            std::string::npos)
      << reason;
  EXPECT_EQ(host.refused()[0].path, test_plugin("wrong_abi"));
}

TEST(PluginHost, RefusesANewerMinorAbiNamingBothVersions) {
  PluginHost host;
  host.load_file(test_plugin("newer_minor"));
  EXPECT_TRUE(host.plugins().empty());
  ASSERT_EQ(host.refused().size(), 1u);
  const std::string& reason = host.refused()[0].reason;
  std::string plugin_abi = std::to_string(kAbiMajor) + "." + std::to_string(kAbiMinor + 7);
  std::string host_abi = std::to_string(kAbiMajor) + "." + std::to_string(kAbiMinor);
  EXPECT_NE(reason.find("plugin ABI " + plugin_abi), std::string::npos) << reason;
  EXPECT_NE(reason.find("ABI " + host_abi), std::string::npos) << reason;
}

TEST(PluginHost, RefusesALibraryWithoutEntryPoint) {
  PluginHost host;
  host.load_file(test_plugin("no_entry"));
  ASSERT_EQ(host.refused().size(), 1u);
  EXPECT_NE(host.refused()[0].reason.find("no coachkit entry point"), std::string::npos)
      << host.refused()[0].reason;
}

TEST(PluginHost, RefusesAFileThatIsNotALibrary) {
  TempDir dir;
  fs::path fake = dir.write("broken.so", "this is text, not a shared library\n");
  PluginHost host;
  host.load_file(fake.string());
  ASSERT_EQ(host.refused().size(), 1u);
  EXPECT_EQ(host.refused()[0].path, fake.string());
  EXPECT_NE(host.refused()[0].reason.find("not a shared library"), std::string::npos)
      << host.refused()[0].reason;
}

TEST(PluginHost, AThrowingPluginIsReportedByNameAndOthersStillWork) {
  PluginHost host;
  host.load_file(test_plugin("throwing"));
  host.load_file(test_plugin("good"));
  ASSERT_EQ(host.plugins().size(), 2u);
  Pack pack = tiny_pack();
  int worked = 0;
  std::vector<std::string> errors;
  for (const LoadedPlugin& p : host.plugins()) {
    for (const auto& g : p.generators) {
      std::vector<Artifact> artifacts;
      std::string error;
      if (host.generate(p, g, pack, &artifacts, &error)) {
        worked += static_cast<int>(artifacts.size());
      } else {
        errors.push_back(error);
      }
    }
  }
  EXPECT_EQ(worked, 1);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("test-throwing"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("the test plugin broke on purpose"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find(test_plugin("throwing")), std::string::npos) << errors[0];
}

TEST(PluginHost, ADirectoryWithBrokenPluginsStillLoadsTheGoodOnes) {
  TempDir dir;
  for (const char* name : {"good", "wrong_abi", "newer_minor", "throwing", "no_entry"}) {
    fs::copy_file(test_plugin(name), dir.path() / fs::path(test_plugin(name)).filename());
  }
  dir.write("zz-not-a-library.so", "#!/bin/sh\necho hi\n");
  dir.write("README.txt", "not a plugin and not looked at\n");
  PluginHost host;
  host.load_directory(dir.str());
  std::vector<std::string> names;
  for (const LoadedPlugin& p : host.plugins()) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"test-good", "test-throwing"}));
  EXPECT_EQ(host.refused().size(), 4u);
  EXPECT_NE(refusal_of(host, "wrong_abi"), nullptr);
  EXPECT_NE(refusal_of(host, "newer_minor"), nullptr);
  EXPECT_NE(refusal_of(host, "no_entry"), nullptr);
  EXPECT_NE(refusal_of(host, "zz-not-a-library.so"), nullptr);
  EXPECT_EQ(refusal_of(host, "README"), nullptr);
}

TEST(PluginHost, ASecondPluginWithTheSameNameIsRefused) {
  TempDir dir;
  fs::copy_file(test_plugin("good"), dir.path() / "copy.so");
  PluginHost host;
  host.load_file(test_plugin("good"));
  host.load_file((dir.path() / "copy.so").string());
  EXPECT_EQ(host.plugins().size(), 1u);
  ASSERT_EQ(host.refused().size(), 1u);
  EXPECT_NE(host.refused()[0].reason.find("already loaded"), std::string::npos);
}

TEST(PluginHost, JsonListsLoadedAndRefusedPlugins) {
  PluginHost host;
  host.load_file(test_plugin("good"));
  host.load_file(test_plugin("wrong_abi"));
  auto json = nlohmann::json::parse(host.to_json());
  ASSERT_EQ(json["loaded"].size(), 1u);
  EXPECT_EQ(json["loaded"][0]["name"], "test-good");
  EXPECT_EQ(json["loaded"][0]["version"], "1.2.3");
  EXPECT_EQ(json["loaded"][0]["path"], test_plugin("good"));
  EXPECT_EQ(json["loaded"][0]["abi"], std::to_string(kAbiMajor) + "." + std::to_string(kAbiMinor));
  EXPECT_EQ(json["loaded"][0]["provides"][0]["kind"], "test-card");
  ASSERT_EQ(json["refused"].size(), 1u);
  EXPECT_EQ(json["refused"][0]["path"], test_plugin("wrong_abi"));
  EXPECT_FALSE(json["refused"][0]["reason"].get<std::string>().empty());
}

TEST(ArtifactNames, OnlyPlainRelativePathsInsideTheOutputFolder) {
  EXPECT_EQ(check_artifact_name("handouts/respect"), "");
  EXPECT_EQ(check_artifact_name("cards/pack_v1.2"), "");
  for (const char* bad : {"", "/etc/passwd", "../outside", "handouts/../../x", "a//b", ".hidden",
                          "handouts/.partial", "a\\b", "name with space", "a/b/"}) {
    EXPECT_NE(check_artifact_name(bad), "") << bad;
  }
}

TEST(PluginSearchPath, CommandLineThenEnvironmentThenBuiltIn) {
  setenv("COACHKIT_PLUGIN_PATH", "/env/a::/env/b", 1);
  std::vector<std::string> path = plugin_search_path({"/cli/one", "/cli/two"}, "/builtin");
  unsetenv("COACHKIT_PLUGIN_PATH");
  EXPECT_EQ(path,
            (std::vector<std::string>{"/cli/one", "/cli/two", "/env/a", "/env/b", "/builtin"}));
}

}  // namespace
}  // namespace coachkit
