#include "render/pandoc_batch.hpp"

#include "render/renderer.hpp"
#include "support/atomic_file.hpp"
#include "support/interruption.hpp"
#include "support/sha256.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace coachkit {

bool pandoc_batches_allowed() {
  const char* setting = std::getenv("COACHKIT_PANDOC_BATCH");
  return !setting || std::string(setting) != "0";
}

bool pandoc_can_batch(const std::string& version_line) {
  std::size_t space = version_line.find(' ');
  if (space == std::string::npos) return false;
  int major = 0;
  int minor = 0;
  if (std::sscanf(version_line.c_str() + space + 1, "%d.%d", &major, &minor) != 2) return false;
  return major > 2 || (major == 2 && minor >= 17);
}

std::vector<std::vector<std::size_t>> split_into_batches(std::size_t count, int jobs,
                                                         std::size_t largest) {
  // One worker gains nothing from a second batch; more do, from two each.
  std::size_t wanted = jobs <= 1 ? 1 : 2 * static_cast<std::size_t>(jobs);
  std::size_t size = std::min(std::max<std::size_t>(largest, 2), (count + wanted - 1) / wanted);
  std::vector<std::vector<std::size_t>> batches;
  if (size < 2) return batches;
  // As many batches as that size needs, their sizes at most one apart.
  std::size_t number = (count + size - 1) / size;
  std::size_t next = 0;
  for (std::size_t b = 0; b < number; ++b) {
    std::size_t length = count / number + (b < count % number ? 1 : 0);
    std::vector<std::size_t> batch;
    for (std::size_t i = 0; i < length; ++i) batch.push_back(next++);
    if (batch.size() >= 2) batches.push_back(std::move(batch));
  }
  return batches;
}

void BatchOutputs::add(const std::string& destination, const std::string& input,
                       const std::string& made) {
  std::lock_guard<std::mutex> lock(mutex_);
  made_[destination] = Made{sha256_of(input), made};
}

bool BatchOutputs::take(const std::string& destination, const std::string& input,
                        const std::string& path) {
  Made made;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = made_.find(destination);
    if (found == made_.end()) return false;
    made = std::move(found->second);
    made_.erase(found);
  }
  if (made.digest != sha256_of(input)) return false;
  return std::rename(made.path.c_str(), path.c_str()) == 0;
}

void BatchOutputs::forget(const std::string& destination) {
  std::lock_guard<std::mutex> lock(mutex_);
  made_.erase(destination);
}

PandocBatch::PandocBatch(BatchOutputs& outputs, std::vector<std::string> destinations,
                         std::vector<std::string> temporaries)
    : outputs_(outputs),
      destinations_(std::move(destinations)),
      temporaries_(std::move(temporaries)) {
  for (const std::string& temporary : temporaries_) {
    guards_.push_back(std::make_unique<ScopedTempFile>(temporary));
  }
}

// The guards remove every output still here; one render_input took is gone already.
PandocBatch::~PandocBatch() {
  for (const std::string& destination : destinations_) outputs_.forget(destination);
}

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

bool write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.flush();
  return static_cast<bool>(out);
}

}  // namespace

void Renderer::enable_batches(const std::string& script) {
  std::error_code ec;
  bool usable = !script.empty() && fs::is_regular_file(script, ec) && pandoc_batches_allowed() &&
                pandoc_can_batch(pandoc_version_);
  batch_script_ = usable ? script : "";
  if (usable && !batch_outputs_) batch_outputs_ = std::make_unique<BatchOutputs>();
}

std::unique_ptr<PandocBatch> Renderer::render_batch(const std::vector<BatchDocument>& documents,
                                                    Format format, const Theme& theme,
                                                    std::optional<std::int64_t> source_date) {
  const FormatInfo& info = format_info(format);
  std::vector<std::string> destinations;
  std::vector<std::string> temporaries;
  for (const BatchDocument& document : documents) {
    destinations.push_back(document.destination);
    // pandoc's output, as render_input names it: a PDF's HTML beside the PDF.
    std::string made =
        info.through_weasyprint ? document.destination + ".html" : document.destination;
    temporaries.push_back(temporary_path_for(made));
  }
  auto batch = std::make_unique<PandocBatch>(*batch_outputs_, destinations, temporaries);
  auto fail_all = [&](const std::string& why) {
    for (const std::string& destination : destinations) {
      batch->problems.push_back(tool_error(destination + ": " + why));
    }
    return std::move(batch);
  };
  if (documents.empty() || batch_script_.empty()) return fail_all("batches are not enabled");

  // The list, the inputs and the results sit beside the first output, named as temporary
  // files are, so a build killed meanwhile leaves nothing that the next one keeps.
  const std::string& first = destinations.front();
  std::string inputs_path = temporary_path_for(first + ".batch-inputs");
  std::string list_path = temporary_path_for(first + ".batch-list");
  std::string result_path = temporary_path_for(first + ".batch-result");
  ScopedTempFile inputs_guard(inputs_path);
  ScopedTempFile list_guard(list_path);
  ScopedTempFile result_guard(result_path);
  std::string inputs;
  std::string list;
  std::error_code ec;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    fs::path folder = fs::path(destinations[i]).parent_path();
    if (!folder.empty()) fs::create_directories(folder, ec);
    const std::string& input = *documents[i].input;
    inputs += input;
    std::string identifier = info.content_identifier ? content_identifier(input) : "";
    list += std::to_string(input.size()) + '\0' + temporaries[i] + '\0' + identifier + '\0';
  }
  if (!write_file(inputs_path, inputs) || !write_file(list_path, list)) {
    return fail_all("cannot write the batch's list beside it");
  }
  nlohmann::json placeholder = {{"pandoc-api-version", api_}, {"blocks", nlohmann::json::array()}};
  auto meta_string = [](const std::string& text) {
    return nlohmann::json{{"t", "MetaString"}, {"c", text}};
  };
  placeholder["meta"] = {{"coachkit-batch-inputs", meta_string(inputs_path)},
                         {"coachkit-batch-list", meta_string(list_path)},
                         {"coachkit-batch-result", meta_string(result_path)}};

  // Each document may take as long as it would alone.
  Command pandoc{pandoc_arguments(format, theme), placeholder.dump(),
                 timeout_seconds_ * static_cast<double>(documents.size()),
                 tool_environment(date_of(source_date))};
  pandoc.argv.insert(pandoc.argv.end(), {"--lua-filter", batch_script_, "--output", "/dev/null"});
  // A larger allocation area: a long-lived pandoc collects its garbage far less often (about a
  // third less CPU for DOCX). The user's own setting wins.
  if (!std::getenv("GHCRTS")) pandoc.env.emplace_back("GHCRTS", "-A32m");
  CommandResult result = runner_.run(pandoc);

  std::istringstream lines(read_file(result_path));
  std::string line;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    if (!std::getline(lines, line)) {
      batch->problems.push_back(
          tool_error(destinations[i] + ": not reached, since " + result.describe(pandoc)));
    } else if (line == "ok") {
      batch_outputs_->add(destinations[i], *documents[i].input, temporaries[i]);
      batch->problems.emplace_back();
    } else {
      std::string why = line.rfind("failed ", 0) == 0 ? line.substr(7) : line;
      batch->problems.push_back(tool_error(destinations[i] + ": " + why));
    }
  }
  return batch;
}

}  // namespace coachkit
