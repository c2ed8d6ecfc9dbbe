// coachkit new pack|plugin NAME [--dir DIR]
#include "commands.hpp"
#include "scaffold/scaffold.hpp"

#include <iostream>
#include <memory>

namespace coachkit::cli {

namespace {

struct NewArguments {
  std::string name;
  std::string dir;
};

using Scaffold = std::optional<Problem> (*)(const std::string&, const std::string&);
using FileList = std::vector<std::string> (*)(const std::string&);

void add_kind(CLI::App& parent, CommandLine& cli, const char* kind, const char* help,
              Scaffold scaffold, FileList files, const char* next_steps) {
  auto args = std::make_shared<NewArguments>();
  CLI::App* command = parent.add_subcommand(kind, help);
  command->add_option("name", args->name, "its name: lower-case letters, digits and '-'")
      ->required()
      ->type_name("NAME");
  command->add_option("--dir", args->dir, "the folder to create (default: NAME); must not exist")
      ->type_name("DIR");
  command->callback([&cli, args, scaffold, files, next_steps] {
    std::string dir = args->dir.empty() ? args->name : args->dir;
    if (auto problem = scaffold(dir, args->name)) {
      std::cerr << "coachkit new: " << problem->message << "\n";
      cli.status = kContentError;
      return;
    }
    for (const std::string& file : files(args->name)) std::cout << dir << "/" << file << "\n";
    std::string steps = next_steps;
    for (std::size_t at = steps.find("DIR"); at != std::string::npos; at = steps.find("DIR", at)) {
      steps.replace(at, 3, dir);
    }
    if (std::size_t at = steps.find("PREFIX"); at != std::string::npos) {
      steps.replace(at, 6, cli.layout.prefix);
    }
    std::cout << steps;
    cli.status = kOk;
  });
}

}  // namespace

void add_new_command(CLI::App& app, CommandLine& cli) {
  CLI::App* command = app.add_subcommand("new", "write a new pack or plugin to start from");
  command->require_subcommand(1);
  add_kind(*command, cli, "pack", "a pack with one principle and one activity, and a project file",
           scaffold_pack, scaffold_pack_files, "next: coachkit lint DIR && coachkit build DIR\n");
  add_kind(*command, cli, "plugin",
           "a plugin project (CMake, a generator, its GoogleTest) for the installed SDK",
           scaffold_plugin, scaffold_plugin_files,
           "next: cmake -S DIR -B DIR/build -DCMAKE_PREFIX_PATH=PREFIX && "
           "cmake --build DIR/build\n");
}

}  // namespace coachkit::cli
