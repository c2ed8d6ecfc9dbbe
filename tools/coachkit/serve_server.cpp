#include "serve_server.hpp"

#include "serve/change_watcher.hpp"
#include "serve/preview_page.hpp"
#include "serve/request_path.hpp"
#include "support/diagnostics.hpp"

// The Debian library was built with these; the header must see the same declarations. Only
// plain HTTP is used.
#include <httplib.h>

#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

extern char** environ;

namespace fs = std::filesystem;

namespace coachkit::cli {

namespace {

using serve::PreviewOutcome;
using serve::PreviewProblem;

constexpr std::chrono::milliseconds kQuiet{40};  // a save's burst of events
constexpr std::chrono::seconds kHeartbeat{15};   // finds closed pages' connections
constexpr std::size_t kConnections = 32;         // each open page holds one

// What every connection reads and the build thread writes.
struct LiveState {
  std::mutex mutex;
  std::condition_variable changed;
  std::uint64_t generation = 0;
  std::map<std::string, std::uint64_t> changed_at;  // output path → generation
  std::uint64_t index_changed_at = 0;
  std::map<std::string, FileIdentity> outputs;
  std::vector<PreviewProblem> problems;
  std::string problems_json = "[]";
  std::map<std::string, int> open;  // output path → pages showing it (their event streams)
  bool index_stale = false;         // outputs changed mid-build: the index reloads at its end
  bool building = false;
  bool stopping = false;
};

// Read by the signal handler: whether a build runs now (then Ctrl-C interrupts it as it
// interrupts `coachkit build`), and where to wake the main thread otherwise.
std::atomic<bool> building_now{false};
std::atomic<bool> stop_requested{false};
int wake_fd = -1;
struct sigaction previous_actions[3];
constexpr int kSignals[3] = {SIGINT, SIGTERM, SIGHUP};

void on_signal(int signal_number) {
  if (building_now.load() || stop_requested.exchange(true)) {
    for (int i = 0; i < 3; ++i) {
      if (kSignals[i] != signal_number) continue;
      void (*handler)(int) = previous_actions[i].sa_handler;
      if (handler != SIG_DFL && handler != SIG_IGN && handler != nullptr) handler(signal_number);
    }
    std::signal(signal_number, SIG_DFL);
    raise(signal_number);
    return;
  }
  std::uint64_t one = 1;
  if (write(wake_fd, &one, sizeof one) < 0) {
    // Nothing more is safe to do in a handler.
  }
}

void publish(LiveState& state, const PreviewOutcome& outcome) {
  std::lock_guard<std::mutex> lock(state.mutex);
  ++state.generation;
  bool any = false;
  for (const auto& [path, identity] : outcome.outputs) {
    auto old = state.outputs.find(path);
    if (old == state.outputs.end() || old->second != identity) {
      state.changed_at[path] = state.generation;
      any = true;
    }
  }
  for (const auto& [path, identity] : state.outputs) {
    if (!outcome.outputs.count(path)) {
      state.changed_at[path] = state.generation;
      any = true;
    }
  }
  std::string json = serve::problems_json(outcome.problems);
  if (any || state.index_stale || json != state.problems_json) {
    state.index_changed_at = state.generation;
  }
  state.index_stale = false;
  state.outputs = outcome.outputs;
  state.problems = outcome.problems;
  state.problems_json = json;
  state.changed.notify_all();
}

// One output landed mid-build: the pages showing it reload now, not when the whole build ends
// (publish then sees it unchanged).
void publish_output(LiveState& state, const std::string& path, const std::string& folder) {
  FileIdentity identity;
  if (!identify_file((fs::path(folder) / path).string(), &identity)) return;
  std::lock_guard<std::mutex> lock(state.mutex);
  ++state.generation;
  state.changed_at[path] = state.generation;
  state.outputs[path] = identity;
  state.index_stale = true;
  state.changed.notify_all();
}

std::vector<std::string> open_pages(LiveState& state) {
  std::lock_guard<std::mutex> lock(state.mutex);
  std::vector<std::string> pages;
  for (const auto& [path, count] : state.open) {
    if (count > 0) pages.push_back(path);
  }
  return pages;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

// A name a DNS-rebinding page could use is a domain name; an address literal is not one.
bool is_address_literal(const std::string& host) {
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') return true;
  return !host.empty() && host.find_first_not_of("0123456789.") == std::string::npos;
}

// The Host header (or an Origin's host part) names this server.
bool allowed_host(const std::string& value, const ServeOptions& options, int port) {
  std::string host = lower(value);
  std::string suffix = ":" + std::to_string(port);
  if (host.size() <= suffix.size() ||
      host.compare(host.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return false;
  }
  host.resize(host.size() - suffix.size());
  if (host == "127.0.0.1" || host == "localhost" || host == "[::1]") return true;
  std::string bound = lower(options.host);
  if (bound.find(':') != std::string::npos) bound = "[" + bound + "]";
  if (host == bound) return true;
  bool wildcard = options.host == "0.0.0.0" || options.host == "::";
  return wildcard && is_address_literal(host);
}

std::string read_file(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  *ok = static_cast<bool>(in) || in.eof();
  return bytes;
}

void refuse(httplib::Response& res, int status, const std::string& why) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(why + "\n", "text/plain; charset=utf-8");
}

void open_in_browser(const std::string& url, std::ostream& err) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::string program = "xdg-open";
  char* argv[] = {program.data(), const_cast<char*>(url.c_str()), nullptr};
  pid_t pid = 0;
  if (posix_spawnp(&pid, "xdg-open", &actions, nullptr, argv, environ) != 0) {
    err << "coachkit: could not open a browser (no xdg-open): open " << url << " yourself\n";
  }
  posix_spawn_file_actions_destroy(&actions);
}

void print_outcome(const PreviewOutcome& outcome, double seconds, std::ostream& out) {
  out << outcome.log;
  if (!outcome.problems.empty()) {
    out << "coachkit: the page shows " << outcome.problems.size() << " problem"
        << (outcome.problems.size() == 1 ? "" : "s") << "; the last good outputs stay\n";
  }
  std::ostringstream time;
  time.setf(std::ios::fixed);
  time.precision(2);
  time << seconds;
  out << "coachkit: rebuilt in " << time.str() << " s\n" << std::flush;
}

}  // namespace

int run_serve(serve::PreviewBuilder& builder, const ServeOptions& options, std::ostream& out,
              std::ostream& err) {
  if (!options.host_given && !is_loopback(options.host)) {
    err << "coachkit: serve listens on the loopback address unless --host is given\n";
    return 1;
  }
  if (!is_loopback(options.host)) {
    err << "coachkit: warning: serving on " << escape_control_characters(options.host)
        << ": anyone who can reach this address can read the outputs\n";
  }
  serve::ChangeWatcher watcher;
  if (auto problem = watcher.problem()) {
    err << problem_text(*problem) << "\n";
    return 2;
  }
  LiveState state;
  httplib::Server server;
  // SO_REUSEADDR alone: httplib's default also sets SO_REUSEPORT, which would let two servers
  // share a port instead of saying that it is taken.
  server.set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  server.new_task_queue = [] { return new httplib::ThreadPool(kConnections); };
  server.set_keep_alive_timeout(1);
  server.set_payload_max_length(64 * 1024);

  errno = 0;
  int port = options.port;
  bool bound = port == 0 ? (port = server.bind_to_any_port(options.host)) > 0
                         : server.bind_to_port(options.host, port);
  if (!bound) {
    int cause = errno;
    err << "coachkit: cannot listen on " << escape_control_characters(options.host) << ":"
        << options.port << ": "
        << (cause == EADDRINUSE
                ? "port " + std::to_string(options.port) + " is in use (choose another with --port)"
                : std::string(cause ? std::strerror(cause) : "no such address"))
        << "\n";
    return 1;
  }

  server.set_pre_routing_handler([&](const httplib::Request& req, httplib::Response& res) {
    // Another web page must not drive this server, by its name (DNS rebinding) or from
    // script (Origin).
    if (!allowed_host(req.get_header_value("Host"), options, port)) {
      refuse(res, 403, "refused: the Host header does not name this server");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.has_header("Origin")) {
      std::string origin = lower(req.get_header_value("Origin"));
      if (origin.rfind("http://", 0) != 0 || !allowed_host(origin.substr(7), options, port)) {
        refuse(res, 403, "refused: a request from another site");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cache-Control", "no-store");
    return httplib::Server::HandlerResponse::Unhandled;
  });

  server.Get("/_coachkit/events", [&](const httplib::Request& req, httplib::Response& res) {
    std::string page = req.get_param_value("page");
    std::uint64_t since = 0;
    try {
      since = std::stoull(req.get_param_value("since"));
    } catch (const std::exception&) {
      refuse(res, 400, "refused: no generation");
      return;
    }
    serve::ResolvedPath resolved = serve::resolve_request_path(builder.output_directory(), page);
    std::string key = resolved.verdict == serve::PathVerdict::kIndex ? "" : resolved.relative;
    bool is_index = resolved.verdict == serve::PathVerdict::kIndex;
    auto first = std::make_shared<bool>(true);
    auto seen = std::make_shared<std::uint64_t>(0);
    auto last = std::make_shared<std::uint64_t>(since);
    if (!is_index) {
      std::lock_guard<std::mutex> lock(state.mutex);
      ++state.open[key];
    }
    res.set_chunked_content_provider(
        "text/event-stream",
        [&state, key, is_index, first, seen, last](std::size_t, httplib::DataSink& sink) {
          std::unique_lock<std::mutex> lock(state.mutex);
          if (!*first) {
            bool woke = state.changed.wait_for(
                lock, kHeartbeat, [&] { return state.stopping || state.generation != *seen; });
            if (state.stopping) {
              sink.done();
              return true;
            }
            if (!woke) {
              lock.unlock();
              return sink.write(": still here\n\n", 14);
            }
          }
          *first = false;
          *seen = state.generation;
          std::uint64_t at = 0;
          if (is_index) {
            at = state.index_changed_at;
          } else {
            auto it = state.changed_at.find(key);
            if (it != state.changed_at.end()) at = it->second;
          }
          std::string message = "event: problems\ndata: " + state.problems_json + "\n\n";
          if (at > *last) {
            *last = at;
            message += "event: reload\ndata: " + std::to_string(at) + "\n\n";
          }
          lock.unlock();
          return sink.write(message.data(), message.size());
        },
        [&state, key, is_index](bool) {
          if (is_index) return;
          std::lock_guard<std::mutex> lock(state.mutex);
          if (--state.open[key] <= 0) state.open.erase(key);
        });
  });

  server.Get(".*", [&](const httplib::Request& req, httplib::Response& res) {
    std::string root = builder.output_directory();
    serve::ResolvedPath resolved = serve::resolve_request_path(root, req.target);
    std::uint64_t generation = 0;
    if (resolved.verdict == serve::PathVerdict::kIndex) {
      std::string page;
      {
        std::lock_guard<std::mutex> lock(state.mutex);
        page = serve::index_page(state.outputs, state.problems, state.generation, state.building);
      }
      res.set_content(page, "text/html; charset=utf-8");
      return;
    }
    if (resolved.verdict == serve::PathVerdict::kRefused) {
      refuse(res, 400, "refused: " + resolved.reason);
      return;
    }
    if (resolved.verdict == serve::PathVerdict::kNotFound) {
      refuse(res, 404, "not found");
      return;
    }
    {
      std::lock_guard<std::mutex> lock(state.mutex);
      generation = state.generation;
    }
    bool ok = false;
    std::string bytes = read_file(resolved.file, &ok);
    if (!ok) {
      refuse(res, 404, "not found");
      return;
    }
    std::string type = serve::media_type(resolved.file);
    if (type.rfind("text/html", 0) == 0)
      bytes = serve::with_live_reload(std::move(bytes), generation);
    res.set_content(bytes, type.c_str());
  });

  // Signals: Ctrl-C during a build interrupts it as `coachkit build` is interrupted (tools
  // stopped, temporary files removed); between builds it stops the server here.
  wake_fd = eventfd(0, EFD_CLOEXEC);
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  for (int i = 0; i < 3; ++i) sigaction(kSignals[i], &action, &previous_actions[i]);

  std::string url =
      "http://" +
      (options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host) +
      ":" + std::to_string(port) + "/";
  out << "coachkit: serving " << escape_control_characters(builder.output_directory()) << " at "
      << url << " (Ctrl-C stops)\n"
      << std::flush;
  std::thread listener([&] { server.listen_after_bind(); });
  if (options.open) open_in_browser(url, err);

  std::thread rebuilder([&] {
    auto run = [&](bool html_first) {
      {
        std::lock_guard<std::mutex> lock(state.mutex);
        if (state.stopping) return false;
        building_now.store(true);
      }
      auto start = std::chrono::steady_clock::now();
      std::string folder = builder.output_directory();
      PreviewOutcome outcome = builder.rebuild(
          html_first, open_pages(state),
          [&state, folder](const std::string& path) { publish_output(state, path, folder); });
      building_now.store(false);
      // No HTML wanted: the full build follows.
      if (outcome.result == PreviewOutcome::Result::Skipped) return true;
      std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
      publish(state, outcome);
      print_outcome(outcome, took.count(), out);
      return outcome.result == PreviewOutcome::Result::Built;
    };
    while (true) {
      watcher.watch(builder.inputs(), {builder.output_directory()});
      auto set_building = [&](bool building) {
        std::lock_guard<std::mutex> lock(state.mutex);
        state.building = building;
      };
      set_building(true);  // across both builds: the index says so
      if (run(true)) run(false);
      set_building(false);
      std::vector<std::string> changed;
      if (!watcher.wait(kQuiet, &changed)) break;
      out << "coachkit: changed: " << escape_control_characters(changed.front())
          << (changed.size() > 1 ? " and " + std::to_string(changed.size() - 1) + " more" : "")
          << "\n"
          << std::flush;
    }
  });

  while (true) {
    pollfd fds[1] = {{wake_fd, POLLIN, 0}};
    if (poll(fds, 1, -1) > 0) break;
    if (errno != EINTR) break;
  }
  {
    std::lock_guard<std::mutex> lock(state.mutex);
    state.stopping = true;
  }
  state.changed.notify_all();
  watcher.stop();
  server.stop();
  listener.join();
  rebuilder.join();
  for (int i = 0; i < 3; ++i) sigaction(kSignals[i], &previous_actions[i], nullptr);
  out << "coachkit: stopped serving\n" << std::flush;
  return 0;
}

}  // namespace coachkit::cli
