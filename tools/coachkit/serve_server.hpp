// `coachkit serve`'s server: the output folder over HTTP on the loopback address, rebuilt on
// every save through a PreviewBuilder, every open page reloaded by server-sent events.
#pragma once

#include "serve/preview_builder.hpp"

#include <iosfwd>
#include <string>

namespace coachkit::cli {

struct ServeOptions {
  std::string host = "127.0.0.1";
  bool host_given = false;  // --host was given: another address is allowed, with a warning
  int port = 8000;          // 0: any free port
  bool open = false;        // open the index in the desktop's browser
};

// Runs until SIGINT or SIGTERM; 0 when stopped, 1 when the port cannot be had.
int run_serve(serve::PreviewBuilder& builder, const ServeOptions& options, std::ostream& out,
              std::ostream& err);

}  // namespace coachkit::cli
