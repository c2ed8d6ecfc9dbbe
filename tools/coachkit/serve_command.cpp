// coachkit serve [PACK_OR_PROJECT] [--port N] [--host H] [--open] [--out DIR] …
#include "commands.hpp"
#include "serve/preview_builder.hpp"
#include "serve_server.hpp"

#include <iostream>
#include <memory>

namespace coachkit::cli {

void add_serve_command(CLI::App& app, CommandLine& cli) {
  auto settings = std::make_shared<BuildSettings>();
  auto options = std::make_shared<ServeOptions>();
  auto out = std::make_shared<std::string>();
  CLI::App* serve = app.add_subcommand(
      "serve", "build, then serve the outputs on this machine and rebuild on every save");
  serve->add_option("path", settings->path, "a content pack folder or a project")
      ->type_name("PACK_OR_PROJECT");
  serve->add_option("--pack", settings->pack_id, "serve the installed or plugin-provided pack")
      ->type_name("ID");
  CLI::Option* out_option =
      serve->add_option("--out", *out, "output folder (default: the project's, or out)")
          ->type_name("DIR");
  serve->add_option("--format", settings->formats, "formats, as for build (default: all)")
      ->delimiter(',')
      ->type_name("LIST");
  serve->add_option("--theme", settings->theme, "a theme name or folder (default: default)");
  serve->add_option("--edition", settings->edition, "e.g. participant or trainer");
  serve->add_option("--port", options->port, "port on the loopback address (0: any free one)")
      ->check(CLI::Range(0, 65535));
  CLI::Option* host_option = serve->add_option(
      "--host", options->host,
      "listen on this address instead of 127.0.0.1 (anyone who can reach it can read the "
      "outputs)");
  serve->add_flag("--open", options->open, "open the index in the desktop's browser");
  serve->callback([&cli, settings, options, out, out_option, host_option] {
    if (out_option->count()) settings->out = *out;
    options->host_given = host_option->count() > 0;
    settings->plugin_dirs = cli.plugin_dirs;
    std::unique_ptr<serve::PreviewBuilder> builder =
        serve::make_build_session_preview(*settings, cli.layout);
    cli.status = run_serve(*builder, *options, std::cout, std::cerr);
  });
}

}  // namespace coachkit::cli
