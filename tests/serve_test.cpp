// coachkit serve's parts that need no server: which request paths reach a file, how build
// errors become problems on the page, the index, the live-reload script and the watcher.
#include "serve/change_watcher.hpp"
#include "serve/preview_builder.hpp"
#include "serve/preview_page.hpp"
#include "serve/request_path.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

namespace fs = std::filesystem;
using namespace coachkit;
using namespace coachkit::serve;
using coachkit::testing::TempDir;

namespace {

class RequestPath : public ::testing::Test {
 protected:
  void SetUp() override {
    out_.write("pack/handouts/a b.html", "<p>a</p>");
    outside_.write("secret.txt", "secret");
    fs::create_symlink(outside_.path() / "secret.txt", out_.path() / "pack" / "link.txt");
    fs::create_symlink(outside_.path(), out_.path() / "pack" / "up");
    fs::create_symlink(out_.path() / "pack/handouts/a b.html", out_.path() / "pack" / "in.html");
  }
  ResolvedPath resolve(const std::string& target) {
    return resolve_request_path(out_.str(), target);
  }
  TempDir out_;
  TempDir outside_;
};

TEST_F(RequestPath, AFileOfTheFolderIsServedAndTheRootIsTheIndex) {
  ResolvedPath r = resolve("/pack/handouts/a%20b.html?since=3");
  ASSERT_EQ(r.verdict, PathVerdict::kFile) << r.reason;
  EXPECT_EQ(r.relative, "pack/handouts/a b.html");
  EXPECT_EQ(resolve("/").verdict, PathVerdict::kIndex);
  EXPECT_EQ(resolve("/pack/in.html").verdict, PathVerdict::kFile);  // a link that stays inside
}

TEST_F(RequestPath, EverythingThatCouldLeaveTheFolderIsRefused) {
  for (const char* target : {"/../secret.txt",
                             "/pack/../../secret.txt",
                             "/%2e%2e/secret.txt",
                             "/%2E%2E/secret.txt",
                             "/.%2e/secret.txt",
                             "/pack%2f..%2f..%2fsecret.txt",
                             "/pack%2F..",
                             "/..%5csecret.txt",
                             "/pack\\..\\x",
                             "//etc/passwd",
                             "/pack//handouts",
                             "/pack/./handouts/a%20b.html",
                             "/pack/link.txt",
                             "/pack/up/secret.txt",
                             "/.coachkit-stamps",
                             "/pack/%00.html",
                             "/pack/%zz",
                             "/pack/%2",
                             "http://example.com/pack/in.html",
                             "pack/in.html",
                             ""}) {
    ResolvedPath r = resolve(target);
    EXPECT_EQ(r.verdict, PathVerdict::kRefused) << target;
    EXPECT_TRUE(r.file.empty()) << target;
  }
}

TEST_F(RequestPath, FoldersAndMissingFilesAreNotFoundNotListed) {
  EXPECT_EQ(resolve("/pack").verdict, PathVerdict::kNotFound);
  EXPECT_EQ(resolve("/pack/handouts/").verdict, PathVerdict::kRefused);  // an empty segment
  EXPECT_EQ(resolve("/pack/handouts").verdict, PathVerdict::kNotFound);
  EXPECT_EQ(resolve("/etc/passwd").verdict, PathVerdict::kNotFound);
}

TEST(PreviewPage, TheIndexListsEveryOutputWithEditionsSideBySideAndProblemsAbove) {
  std::map<std::string, FileIdentity> outputs;
  for (const char* path :
       {"demo/handouts/listen.html", "demo/handouts/listen.pdf", "demo/handouts/listen.docx",
        "demo/trainer/handouts/listen.html", "demo/demo-slides.pptx", "demo/posters/wall.png",
        "demo/posters/wall.pdf", "demo/posters/contact-sheet.png",
        "demo/quiz/quiz-a.self-check.html", "demo/quiz/quiz-a-key.pdf", "demo/rubrics/calls.odt"}) {
    outputs[path] = FileIdentity{};
  }
  PreviewProblem problem{"demo/p.toml", 3, 9, "title: <b>expected</b> a string", "title = <12>"};
  std::string page = index_page(outputs, {problem}, 4, false);
  for (const auto& [path, identity] : outputs) {
    EXPECT_NE(page.find("href=\"/" + path + "\""), std::string::npos) << path;
  }
  EXPECT_NE(page.find("<img src=\"/demo/posters/wall.png\""), std::string::npos);
  EXPECT_NE(page.find("Participant's edition</th><th>Trainer's edition"), std::string::npos);
  std::size_t problems = page.find("demo/p.toml:3:9: ");
  ASSERT_NE(problems, std::string::npos);
  EXPECT_LT(problems, page.find("Handouts"));
  EXPECT_NE(page.find("&lt;b&gt;expected&lt;/b&gt;"), std::string::npos);  // literal text
  EXPECT_EQ(page.find("<b>expected"), std::string::npos);
  EXPECT_NE(page.find("download>PPTX"), std::string::npos);
}

TEST(PreviewPage, TheLiveScriptGoesBeforeTheBodyEndAndMayConnectDespiteTheCsp) {
  std::string page = with_live_reload(
      "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "script-src 'unsafe-inline'\"></head><body><p>x</p></BODY></html>",
      7);
  EXPECT_NE(page.find("script-src 'unsafe-inline'; connect-src 'self'\""), std::string::npos);
  std::size_t script = page.find("<script>");
  ASSERT_NE(script, std::string::npos);
  EXPECT_LT(script, page.find("</BODY>"));
  EXPECT_NE(page.find("since = 7;"), std::string::npos);
  EXPECT_NE(with_live_reload("<p>no body</p>", 1).find("EventSource"), std::string::npos);
}

TEST(ChangeWatcher, ASaveByRenameIsOneChangeAndTheOutputFolderIsIgnored) {
  TempDir dir;
  dir.write("pack/principles/a.toml", "old");
  dir.write("pack/out/x.html", "old");
  ChangeWatcher watcher;
  std::optional<Problem> problem = watcher.problem();
  ASSERT_FALSE(problem) << problem->message;
  watcher.watch({(dir.path() / "pack").string()}, {(dir.path() / "pack/out").string()});
  std::thread editor([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    dir.write("pack/out/x.html", "new");  // the build's own writes
    dir.write("pack/principles/.a.toml.swp", "scratch");
    dir.write("pack/principles/a.toml.tmp", "new");
    fs::rename(dir.path() / "pack/principles/a.toml.tmp", dir.path() / "pack/principles/a.toml");
  });
  std::vector<std::string> changed;
  ASSERT_TRUE(watcher.wait(std::chrono::milliseconds(100), &changed));
  editor.join();
  ASSERT_FALSE(changed.empty());
  for (const std::string& path : changed) {
    EXPECT_EQ(path, (dir.path() / "pack/principles/a.toml").string());
  }
  // A folder made after watching began is a change, and watched from then on.
  fs::create_directories(dir.path() / "pack/quotes");
  changed.clear();
  ASSERT_TRUE(watcher.wait(std::chrono::milliseconds(20), &changed));
  std::thread later([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    dir.write("pack/quotes/q.toml", "q");
  });
  changed.clear();
  ASSERT_TRUE(watcher.wait(std::chrono::milliseconds(20), &changed));
  later.join();
  ASSERT_FALSE(changed.empty());
  EXPECT_EQ(changed.back(), (dir.path() / "pack/quotes/q.toml").string());
  std::thread stopper([&] { watcher.stop(); });
  EXPECT_FALSE(watcher.wait(std::chrono::milliseconds(20), &changed));
  stopper.join();
}

}  // namespace
