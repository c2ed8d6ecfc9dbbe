// What the readers of one pack share while it loads: the pack being built, the ids defined so
// far (to find duplicates and resolve references), the diagnostics, and which kinds of file
// could not be read (to keep one syntax error from burying itself under follow-up errors).
#pragma once

#include "support/diagnostics.hpp"
#include "pack/toml_reader.hpp"

#include <coachkit/model.hpp>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace coachkit {

// Remembers where each id of one kind was first defined, to report duplicates.
class IdRegistry {
 public:
  explicit IdRegistry(std::string kind) : kind_(std::move(kind)) {}

  // False (and a diagnostic at `where`, the id's value) when `id` was seen before.
  bool claim(const std::string& id, const SourcePosition& where, Diagnostics& diagnostics);
  bool contains(const std::string& id) const { return seen_.count(id) > 0; }
  std::vector<std::string> ids() const;

 private:
  std::string kind_;
  std::map<std::string, SourcePosition> seen_;
};

struct LoadContext {
  explicit LoadContext(Diagnostics& diagnostics) : diagnostics(diagnostics) {}

  // Checks that a file holds only the allowed top-level keys.
  void only_keys(const toml::table& root, const std::string& file,
                 const std::vector<std::string>& allowed, const std::string& what);
  // Reports a reference to a missing principle, quote, group or source.
  void check_reference(const IdRegistry& registry, const std::string& kind, const std::string& id,
                       const SourcePosition& where);
  // Checks each principle id in the array at `key` (already read), at its own position.
  void check_principles(TableReader& r, std::string_view key);
  // Checks the 'source' of the table `r` reads, whose value is `id`.
  void check_source(TableReader& r, const std::string& id);

  Diagnostics& diagnostics;
  Pack pack;
  IdRegistry source_ids{"source"};
  IdRegistry group_ids{"group"};
  IdRegistry principle_ids{"principle"};
  IdRegistry activity_ids{"activity"};
  IdRegistry quote_ids{"quote"};
  IdRegistry question_ids{"question"};
  IdRegistry rubric_ids{"rubric"};
  IdRegistry poster_ids{"poster"};
  // Kinds ("principles", …, and "sources" and "groups" for pack.toml) with a file that failed
  // to parse: references to them that are not near-misses of a known id are not reported,
  // since the target may well be in that file.
  std::set<std::string> unread;
};

// An array of tables, such as [[principle.do]]; an empty array counts as zero tables.
bool is_table_list(const toml::node& node);

}  // namespace coachkit
