#include "serve/preview_builder.hpp"

#include "hosting/plugin_host.hpp"
#include "pack/project.hpp"
#include "render/theme_lookup.hpp"
#include "support/diagnostics.hpp"
#include "support/problem.hpp"
#include "workspace/workspace.hpp"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace fs = std::filesystem;

namespace coachkit::serve {

namespace {

constexpr std::size_t kMostQuoted = 300;

std::string line_of(const std::string& file, int number) {
  std::ifstream in(file, std::ios::binary);
  std::string line;
  for (int i = 1; i <= number && std::getline(in, line); ++i) {
    if (i == number) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.size() > kMostQuoted) line = line.substr(0, kMostQuoted) + "…";
      return escape_control_characters(line);
    }
  }
  return "";
}

class BuildSessionPreview : public PreviewBuilder {
 public:
  BuildSessionPreview(const BuildSettings& settings, const InstallLayout& layout)
      : settings_(settings), layout_(layout) {
    settings_.progress = false;
    settings_.wait_for_lock = true;
    resolve();
  }

  std::string output_directory() const override { return out_; }
  std::vector<std::string> inputs() const override { return inputs_; }

  PreviewOutcome rebuild(bool html_first, const std::vector<std::string>& open,
                         const std::function<void(const std::string&)>& written) override {
    PreviewOutcome outcome;
    resolve();
    BuildSettings settings = settings_;
    settings.first = open;
    settings.written = written;
    if (html_first) {
      if (!html_wanted_) {
        outcome.result = PreviewOutcome::Result::Skipped;
        return outcome;
      }
      settings.formats = {"html"};
    }
    // One workspace for the whole session: the plugins load once, and each rebuild reads again
    // only the packs and themes whose files changed (a changed plugin needs a new serve: a
    // loaded library is never unloaded).
    BuildOutcome built;
    try {
      if (!workspace_) workspace_ = std::make_unique<Workspace>(layout_, settings.plugin_dirs);
      built = coachkit::rebuild(*workspace_, settings, status_);
    } catch (const std::exception& e) {
      built.stop(Problem("", 0, 0, e.what(), Severity::Error, Origin::Tool));
    }
    std::ostringstream log;
    for (const Problem& p : built.problems) log << problem_text(p) << "\n";
    for (const PackBuilt& pack : built.packs) {
      log << pack.id << ": " << pack.written << " written, " << pack.unchanged << " unchanged\n";
    }
    outcome.log = log.str();
    outcome.result =
        built.has_errors() ? PreviewOutcome::Result::Failed : PreviewOutcome::Result::Built;
    for (const Problem& p : built.problems) {
      if (p.severity != Severity::Error) continue;
      PreviewProblem problem;
      problem.file = p.where.file;
      problem.line = p.where.line;
      problem.column = p.where.column;
      problem.message = p.message;
      if (!problem.file.empty() && problem.line > 0) {
        problem.quoted = line_of(problem.file, problem.line);
      }
      outcome.problems.push_back(std::move(problem));
    }
    outcome.outputs = list_outputs(out_);
    return outcome;
  }

 private:
  // The output folder and the inputs, as the build will see them; a project that does not
  // resolve still names its folder, so that fixing it is seen.
  void resolve() {
    Diagnostics diagnostics;
    std::optional<Project> project;
    if (settings_.pack_id.empty()) project = resolve_project(settings_.path, diagnostics);
    out_ = settings_.out ? *settings_.out : project && !project->out.empty() ? project->out : "out";
    std::vector<std::string> formats = !settings_.formats.empty() ? settings_.formats
                                       : project                  ? project->formats
                                                                  : std::vector<std::string>{};
    html_wanted_ =
        formats.empty() || std::find(formats.begin(), formats.end(), "html") != formats.end();
    inputs_.clear();
    if (settings_.pack_id.empty()) inputs_.push_back(settings_.path);
    std::string theme = !settings_.theme.empty()             ? settings_.theme
                        : project && !project->theme.empty() ? project->theme
                                                             : "default";
    std::vector<std::string> folders;
    if (project) {
      if (!project->file.empty()) inputs_.push_back(project->file);
      for (const PackReference& reference : project->packs) {
        if (!reference.folder.empty()) inputs_.push_back(reference.folder);
        folders.push_back(reference.folder);
      }
    }
    if (folders.empty()) folders.push_back(settings_.pack_id.empty() ? settings_.path : "");
    for (const std::string& folder : folders) {
      std::string directory = find_theme(theme, folder, layout_);
      if (directory.empty()) continue;
      // A poster may choose any theme beside the build's.
      inputs_.push_back(fs::path(directory).parent_path().string());
    }
    for (const std::string& dir : plugin_search_path(settings_.plugin_dirs, layout_.plugins())) {
      inputs_.push_back(dir);
    }
  }

  // A rebuild that waits for another build's lock just waits: the page says nothing of it.
  class QuietStatus : public BuildStatus {
   public:
    void waiting(const std::string&, long) override {}
  };

  BuildSettings settings_;
  InstallLayout layout_;
  std::unique_ptr<Workspace> workspace_;
  QuietStatus status_;
  std::string out_ = "out";
  bool html_wanted_ = true;
  std::vector<std::string> inputs_;
};

}  // namespace

std::string PreviewProblem::where() const {
  if (file.empty()) return "";
  if (line <= 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::unique_ptr<PreviewBuilder> make_build_session_preview(const BuildSettings& settings,
                                                           const InstallLayout& layout) {
  return std::make_unique<BuildSessionPreview>(settings, layout);
}

std::map<std::string, FileIdentity> list_outputs(const std::string& folder) {
  std::map<std::string, FileIdentity> outputs;
  std::error_code ec;
  fs::recursive_directory_iterator it(folder, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    FileIdentity identity;
    std::error_code kind;
    if (!it->is_regular_file(kind) || it->is_symlink(kind)) continue;
    if (!identify_file(it->path().string(), &identity)) continue;
    outputs[it->path().lexically_relative(folder).generic_string()] = identity;
  }
  return outputs;
}

}  // namespace coachkit::serve
