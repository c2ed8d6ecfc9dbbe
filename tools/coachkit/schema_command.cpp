// coachkit schema [DIR]
#include "commands.hpp"
#include "pack/schema.hpp"

#include <iostream>
#include <memory>

namespace coachkit::cli {

void add_schema_command(CLI::App& app, CommandLine& cli) {
  auto directory = std::make_shared<std::string>("schema");
  CLI::App* schema = app.add_subcommand(
      "schema",
      "write a JSON Schema for every kind of content file and the project file, for "
      "editors with a TOML language server (taplo: a '#:schema FILE' comment)");
  schema->add_option("dir", *directory, "the folder to write them into (default: schema)")
      ->type_name("DIR");
  schema->callback([&cli, directory] {
    if (auto problem = write_schemas(*directory)) {
      cli.status = ProblemReport(cli.json_problems).stop(*problem);
      return;
    }
    for (const SchemaFile& file : content_schemas()) {
      std::cout << *directory << "/" << file.name << "\n";
    }
    std::cout << "installed copies: " << cli.layout.schemas() << "\n";
    cli.status = kOk;
  });
}

}  // namespace coachkit::cli
