// One reader per kind of content file. Each reads the parsed table of one file into
// `context.pack`, reporting every problem at its FILE:LINE:COL; `file` names the file in
// messages. They are called in an order where the targets of references are read first:
// pack.toml, principles, quotes, activities, questions, rubrics, posters.
#pragma once

#include "pack/readers/load_context.hpp"

#include <toml++/toml.h>

#include <string>

namespace coachkit {

// pack.toml: [pack], [[source]] and [[group]]. False when it has no usable [pack] table: the
// rest of the pack is not worth reading then.
bool read_pack_file(const toml::table& root, const std::string& file, LoadContext& context);
void read_principle_file(const toml::table& root, const std::string& file, LoadContext& context);
void read_activity_file(const toml::table& root, const std::string& file, LoadContext& context);
void read_quote_file(const toml::table& root, const std::string& file, LoadContext& context);
void read_question_file(const toml::table& root, const std::string& file, LoadContext& context);
void read_rubric_file(const toml::table& root, const std::string& file, LoadContext& context);
void read_poster_file(const toml::table& root, const std::string& file, LoadContext& context);

}  // namespace coachkit
