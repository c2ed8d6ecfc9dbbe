#include "pack/pack_loader.hpp"

#include "pack/readers/readers.hpp"
#include "pack/toml_text.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>

namespace fs = std::filesystem;

namespace coachkit {

namespace {

using FileReader = void (*)(const toml::table&, const std::string&, LoadContext&);

std::optional<toml::table> read_and_parse(const PackFiles& files, const std::string& relative,
                                          Diagnostics& diagnostics) {
  std::string text;
  Diagnostic problem;
  if (!files.read(relative, &text, &problem)) {
    diagnostics.add(std::move(problem));
    return std::nullopt;
  }
  return parse_content_toml(text, files.display(relative), diagnostics);
}

// One file read and parsed, with the problems that took, to be added in file order.
struct ParsedFile {
  std::optional<toml::table> root;
  std::vector<Diagnostic> problems;
  std::exception_ptr failure;
  bool done = false;
};

// Reads and parses the files of one folder on a few threads, the caller's among them, while
// the caller takes the results in order: the readers, which share the LoadContext, still see
// one file after another, and every problem is added in the order a single thread would add
// it. Parsing runs at most kWindow files ahead of the reader, so that a large pack is never
// held as parsed tables all at once.
class ParallelParse {
 public:
  ParallelParse(const PackFiles& files, const std::vector<std::string>& paths, std::size_t threads)
      : files_(files), paths_(paths), slots_(paths.size()) {
    for (std::size_t i = 1; i < threads; ++i) helpers_.emplace_back([this] { help(); });
  }

  ~ParallelParse() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    room_.notify_all();
    for (std::thread& helper : helpers_) helper.join();
  }

  ParallelParse(const ParallelParse&) = delete;
  ParallelParse& operator=(const ParallelParse&) = delete;

  // File `i`, the one after the last taken: parses others meanwhile rather than wait.
  ParsedFile take(std::size_t i) {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!slots_[i].done) {
      if (claimable()) {
        std::size_t next = next_++;
        lock.unlock();
        parse(next);
        lock.lock();
      } else {
        ready_.wait(lock);
      }
    }
    ParsedFile out = std::move(slots_[i]);
    slots_[i] = ParsedFile();
    taken_ = i + 1;
    lock.unlock();
    room_.notify_all();
    if (out.failure) std::rethrow_exception(out.failure);
    return out;
  }

 private:
  static constexpr std::size_t kWindow = 256;

  bool claimable() const { return next_ < paths_.size() && next_ < taken_ + kWindow; }

  void help() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      room_.wait(lock, [this] { return stopping_ || next_ >= paths_.size() || claimable(); });
      if (stopping_ || next_ >= paths_.size()) return;
      std::size_t next = next_++;
      lock.unlock();
      parse(next);
      lock.lock();
    }
  }

  void parse(std::size_t i) {
    ParsedFile& slot = slots_[i];
    try {
      Diagnostics problems(Diagnostics::kKeepAll);
      slot.root = read_and_parse(files_, paths_[i], problems);
      slot.problems = problems.items();
    } catch (...) {
      slot.failure = std::current_exception();
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      slot.done = true;
    }
    ready_.notify_all();
  }

  const PackFiles& files_;
  const std::vector<std::string>& paths_;
  std::vector<ParsedFile> slots_;
  std::mutex mutex_;
  std::condition_variable ready_;  // a slot is done
  std::condition_variable room_;   // a slot was taken, or the parse is stopping
  std::size_t next_ = 0;           // the first file no thread has claimed
  std::size_t taken_ = 0;          // the files the reader has taken
  bool stopping_ = false;
  std::vector<std::thread> helpers_;
};

// Below this many files, threads cost more than they save.
constexpr std::size_t kParallelFiles = 32;

// Reads every .toml file of `folder` with `read`; a file that cannot be read or parsed marks
// its kind as unread.
void read_folder(const PackFiles& files, const std::string& folder, FileReader read,
                 LoadContext& context, std::size_t threads) {
  std::vector<std::string> paths;
  Diagnostic problem;
  if (!files.list(folder, &paths, &problem)) {
    context.diagnostics.add(std::move(problem));
    context.unread.insert(folder);
    return;
  }
  auto use = [&](const std::string& path, std::optional<toml::table>& root) {
    if (root) {
      read(*root, files.display(path), context);
    } else {
      context.unread.insert(folder);
    }
  };
  if (threads <= 1 || paths.size() < kParallelFiles) {
    for (const std::string& path : paths) {
      std::optional<toml::table> root = read_and_parse(files, path, context.diagnostics);
      use(path, root);
    }
    return;
  }
  ParallelParse parse(files, paths, std::min(threads, paths.size()));
  for (std::size_t i = 0; i < paths.size(); ++i) {
    ParsedFile file = parse.take(i);
    for (Diagnostic& d : file.problems) context.diagnostics.add(std::move(d));
    use(paths[i], file.root);
  }
}

std::size_t default_threads() {
  unsigned cores = std::thread::hardware_concurrency();
  return std::clamp<std::size_t>(cores, 1, 8);
}

// pack.toml first: without it, nothing else is worth reading or reporting.
bool read_pack_toml(const PackFiles& files, LoadContext& context) {
  if (!files.exists("pack.toml")) {
    context.diagnostics.add(files.display("pack.toml"), 0, 0,
                            "no pack.toml here: a content pack is a folder with a pack.toml "
                            "(see docs/content-schema.md)");
    return false;
  }
  std::optional<toml::table> root = read_and_parse(files, "pack.toml", context.diagnostics);
  return root && read_pack_file(*root, files.display("pack.toml"), context);
}

void order_principles(Pack& pack) {
  auto group_rank = [&](const std::string& group) {
    for (std::size_t i = 0; i < pack.groups.size(); ++i) {
      if (pack.groups[i].id == group) return i;
    }
    return pack.groups.size();
  };
  // Files were read in name order, so a stable sort keeps that order among equals.
  std::stable_sort(pack.principles.begin(), pack.principles.end(),
                   [&](const Principle& a, const Principle& b) {
                     std::size_t ga = group_rank(a.group), gb = group_rank(b.group);
                     if (ga != gb) return ga < gb;
                     int oa = a.order.value_or(10001), ob = b.order.value_or(10001);
                     return oa < ob;
                   });
}

}  // namespace

std::optional<Pack> load_pack(const PackFiles& files, Diagnostics& diagnostics,
                              std::size_t threads) {
  if (threads == 0) threads = default_threads();
  std::size_t before = diagnostics.size();
  LoadContext context(diagnostics);
  context.pack.directory = files.directory();
  if (!read_pack_toml(files, context)) return std::nullopt;
  // Targets of references are read before what refers to them.
  read_folder(files, "principles", read_principle_file, context, threads);
  order_principles(context.pack);
  read_folder(files, "quotes", read_quote_file, context, threads);
  read_folder(files, "activities", read_activity_file, context, threads);
  read_folder(files, "questions", read_question_file, context, threads);
  read_folder(files, "rubrics", read_rubric_file, context, threads);
  read_folder(files, "posters", read_poster_file, context, threads);
  if (diagnostics.size() != before) return std::nullopt;
  return std::move(context.pack);
}

std::optional<Pack> load_pack(const std::string& directory, Diagnostics& diagnostics) {
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) {
    diagnostics.add(fs::path(directory).generic_string(), 0, 0,
                    "not a folder (expected a content pack)");
    return std::nullopt;
  }
  return load_pack(FolderPackFiles(directory), diagnostics);
}

bool is_pack_directory(const std::string& directory) {
  std::error_code ec;
  return fs::is_regular_file(fs::path(directory) / "pack.toml", ec);
}

}  // namespace coachkit
