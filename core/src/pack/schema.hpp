// The JSON Schemas of coachkit's TOML files (pack.toml, each kind of content file and
// coachkit.toml), so that an editor with a TOML language server (taplo, Even Better TOML)
// completes keys and flags mistakes as the author types. The schemas live in core/schema/ and
// are embedded in the program at build time: what `coachkit schema` writes is always the
// version the loader it ships with expects.
#pragma once

#include "support/problem.hpp"

#include <optional>
#include <string>
#include <vector>

namespace coachkit {

struct SchemaFile {
  std::string name;  // such as "principle.schema.json"
  std::string text;  // the JSON Schema (draft-07)
};

// Every embedded schema, in name order. Defined in the file generated from core/schema/.
const std::vector<SchemaFile>& content_schemas();

// Writes every schema into `directory` (created when missing), each file atomically; the
// problem of the first that cannot be written.
std::optional<Problem> write_schemas(const std::string& directory);

}  // namespace coachkit
