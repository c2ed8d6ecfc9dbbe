// The handout generator: one handout per principle and one for the whole pack, each with the
// principle's do's and don'ts side by side (always with the why), the activities that practise
// it (numbered steps, a worksheet to fill in by hand) and a quote.

#include <coachkit/plugin.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using namespace coachkit;
using namespace coachkit::doc;

// A body's paragraphs are separated by blank lines; single line breaks are just spaces.
Blocks paragraphs(const std::string& text) {
  Blocks out;
  std::string current;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    bool blank = line.find_first_not_of(" \t\r") == std::string::npos;
    if (blank) {
      if (!current.empty()) out.push_back(paragraph(current));
      current.clear();
    } else {
      current += (current.empty() ? "" : " ") + line;
    }
    start = end + 1;
  }
  if (!current.empty()) out.push_back(paragraph(current));
  return out;
}

std::string attribution(const Pack& pack, const std::string& source_id) {
  const Source* source = pack.find_source(source_id);
  if (!source) return "";
  std::string text = source->title + ", " + source->author;
  if (source->year) text += " (" + std::to_string(*source->year) + ")";
  return text;
}

Blocks behavior_cell(const std::vector<Behavior>& behaviors, const char* none) {
  if (behaviors.empty()) return {paragraph(Text{emphasis(none)})};
  std::vector<Blocks> items;
  for (const Behavior& b : behaviors) {
    Text text{strong(b.text)};
    if (b.critical) text.push_back(emphasis(" (critical)"));
    items.push_back({paragraph(text), paragraph(Text{emphasis("Why: "), plain(b.why)})});
  }
  return {bullet_list(std::move(items))};
}

Block dos_and_donts(const Principle& p) {
  Table t;
  t.classes = {"dos-donts"};
  t.widths = {0.5, 0.5};
  t.header = {{paragraph("Do")}, {paragraph("Don't")}};
  t.rows = {{behavior_cell(p.dos, "No do's written yet."),
             behavior_cell(p.donts, "No don'ts written yet.")}};
  return table(std::move(t));
}

Blocks worksheet(const Worksheet& w) {
  Blocks out;
  out.push_back(heading(4, w.title.empty() ? "Worksheet" : w.title));
  if (!w.instructions.empty()) out.push_back(paragraph(Text{emphasis(w.instructions)}));
  Table t;
  switch (w.kind) {
    case Worksheet::Kind::Grid: {
      if (w.scale_max > w.scale_min && w.instructions.empty()) {
        out.push_back(paragraph(Text{emphasis("Score each box from " + std::to_string(w.scale_min) +
                                              " to " + std::to_string(w.scale_max) + ".")}));
      }
      t.classes = {"worksheet", "grid"};
      t.header.push_back({});
      for (const std::string& c : w.columns) t.header.push_back({paragraph(c)});
      if (w.totals) t.header.push_back({paragraph("Total")});
      std::size_t columns = t.header.size();
      for (const std::string& r : w.rows) {
        std::vector<Blocks> row(columns);
        row[0] = {paragraph(r)};
        t.rows.push_back(std::move(row));
      }
      if (w.totals) {
        std::vector<Blocks> total(columns);
        total[0] = {paragraph(Text{strong("Total")})};
        t.footer.push_back(std::move(total));
      }
      t.widths.assign(columns, 0.0);
      t.widths[0] = 0.22;
      for (std::size_t i = 1; i < columns; ++i)
        t.widths[i] = 0.78 / static_cast<double>(columns - 1);
      break;
    }
    case Worksheet::Kind::Prompts:
      t.classes = {"worksheet", "prompts"};
      t.widths = {1.0};
      for (const std::string& prompt : w.prompts) {
        t.rows.push_back({{paragraph(Text{strong(prompt)})}});
        t.rows.push_back({{}});
      }
      break;
    case Worksheet::Kind::Lines:
      t.classes = {"worksheet", "lines"};
      t.widths = {1.0};
      for (int i = 0; i < w.lines; ++i) t.rows.push_back({{}});
      break;
  }
  out.push_back(table(std::move(t)));
  return out;
}

Blocks activity_blocks(const Pack& pack, const Activity& a, int level) {
  Blocks out;
  out.push_back(heading(level, a.title, "activity-" + a.id));
  std::string facts = std::to_string(a.minutes) + " minutes";
  if (!a.group_size.empty()) facts += " · " + a.group_size;
  out.push_back(
      paragraph(Text{strong("Goal: "), plain(a.goal), plain(" "), emphasis("(" + facts + ")")}));
  if (!a.materials.empty()) {
    std::string list;
    for (const std::string& m : a.materials) list += (list.empty() ? "" : ", ") + m;
    out.push_back(paragraph(Text{strong("Materials: "), plain(list)}));
  }
  out.push_back(heading(level + 1, "Steps"));
  out.push_back(ordered_list(list_items(a.steps)));
  if (a.worksheet) {
    Blocks sheet = worksheet(*a.worksheet);
    out.push_back(section({"worksheet-block"}, std::move(sheet)));
  }
  if (!a.debrief.empty()) {
    out.push_back(heading(level + 1, "Debrief"));
    out.push_back(bullet_list(list_items(a.debrief)));
  }
  std::string credit = attribution(pack, a.source);
  if (!credit.empty()) out.push_back(paragraph(Text{emphasis("Adapted from " + credit + ".")}));
  return out;
}

Block quote_block(const Pack& pack, const Quote& q) {
  Blocks inside{paragraph(Text{plain("\u201C" + q.text + "\u201D")})};
  std::string credit = "\u2014 " + q.author;
  if (const Source* source = pack.find_source(q.source)) credit += " (" + source->title + ")";
  inside.push_back(paragraph(Text{emphasis(credit)}));
  return section({"quote"}, {quote(std::move(inside))});
}

// The quote that illustrates this principle, or none.
const Quote* quote_for(const Pack& pack, const Principle& p) {
  for (const Quote& q : pack.quotes) {
    if (std::find(q.principles.begin(), q.principles.end(), p.id) != q.principles.end()) return &q;
  }
  return nullptr;
}

std::vector<const Activity*> activities_for(const Pack& pack, const Principle& p) {
  std::vector<const Activity*> out;
  for (const Activity& a : pack.activities) {
    if (std::find(a.principles.begin(), a.principles.end(), p.id) != a.principles.end()) {
      out.push_back(&a);
    }
  }
  return out;
}

// The principle's own part of a handout; `level` is the level of its title.
Blocks principle_blocks(const Pack& pack, const Principle& p, int level, bool with_activities) {
  Blocks out;
  if (level > 1) {
    out.push_back(heading(level, Text{plain(p.title)}, "principle-" + p.id, {"principle"}));
  }
  out.push_back(section({"summary"}, {paragraph(Text{strong(p.summary)})}));
  for (Block& b : paragraphs(p.body)) out.push_back(std::move(b));
  out.push_back(heading(level + 1, "Do's and don'ts"));
  out.push_back(dos_and_donts(p));
  if (const Quote* q = quote_for(pack, p)) out.push_back(quote_block(pack, *q));
  if (with_activities) {
    std::vector<const Activity*> activities = activities_for(pack, p);
    if (!activities.empty()) {
      out.push_back(heading(level + 1, activities.size() == 1 ? "Activity" : "Activities"));
      for (const Activity* a : activities) {
        Blocks part = activity_blocks(pack, *a, level + 2);
        out.push_back(section({"activity"}, std::move(part)));
      }
    }
  }
  std::string credit = attribution(pack, p.source);
  if (!credit.empty()) out.push_back(paragraph(Text{emphasis("Source: " + credit + ".")}));
  return out;
}

Document principle_handout(const Pack& pack, const Principle& p) {
  Document d;
  d.title = p.title;
  d.subtitle = pack.title;
  d.language = pack.language;
  d.blocks = principle_blocks(pack, p, 1, true);
  return d;
}

Document pack_handout(const Pack& pack) {
  Document d;
  d.title = pack.title;
  d.subtitle = "Principles, do's and don'ts, and activities";
  d.language = pack.language;
  d.authors = pack.authors;
  if (!pack.description.empty()) d.blocks.push_back(paragraph(pack.description));

  // The loader keeps principles in the author's order, group by group.
  const std::string* current_group = nullptr;
  for (const Principle& p : pack.principles) {
    if (!current_group || *current_group != p.group) {
      current_group = &p.group;
      const PrincipleGroup* group = pack.find_group(p.group);
      d.blocks.push_back(heading(1, group ? group->title : "Principles",
                                 "group-" + (group ? group->id : std::string("principles"))));
      if (group && !group->description.empty()) d.blocks.push_back(paragraph(group->description));
    }
    Blocks part = principle_blocks(pack, p, 2, false);
    d.blocks.push_back(section({"principle-block"}, std::move(part)));
  }
  if (!pack.activities.empty()) {
    d.blocks.push_back(heading(1, "Activities", "activities"));
    for (const Activity& a : pack.activities) {
      Blocks part = activity_blocks(pack, a, 2);
      std::string practises;
      for (const std::string& id : a.principles) {
        if (const Principle* p = pack.find_principle(id)) {
          practises += (practises.empty() ? "" : ", ") + p->title;
        }
      }
      part.insert(part.begin() + 1, paragraph(Text{strong("Practises: "), plain(practises)}));
      d.blocks.push_back(section({"activity"}, std::move(part)));
    }
  }
  if (!pack.quotes.empty()) {
    d.blocks.push_back(heading(1, "Quotes", "quotes"));
    for (const Quote& q : pack.quotes) d.blocks.push_back(quote_block(pack, q));
  }
  if (!pack.sources.empty()) {
    d.blocks.push_back(heading(1, "Sources", "sources"));
    std::vector<Blocks> items;
    for (const Source& s : pack.sources) {
      Text text{strong(s.title), plain(", " + s.author)};
      if (s.year) text.push_back(plain(" (" + std::to_string(*s.year) + ")"));
      if (!s.note.empty()) text.push_back(plain(". " + s.note));
      items.push_back({paragraph(text)});
    }
    d.blocks.push_back(bullet_list(std::move(items)));
  }
  return d;
}

class HandoutGenerator : public Generator {
 public:
  std::string kind() const override { return "handout"; }
  std::string description() const override {
    return "a handout per principle and one for the whole pack";
  }
  std::vector<OptionSpec> options() const override {
    return {{"principles", OptionValue::Type::Boolean,
             "a handout per principle in handouts/ (default true)"},
            {"pack", OptionValue::Type::Boolean,
             "one handout for the whole pack, <pack id>-handout (default true)"}};
  }
  std::vector<Artifact> generate(const Pack& pack, const GeneratorRequest& request,
                                 Reporter&) const override {
    std::vector<Artifact> out;
    // The whole pack's handout sits beside the handouts folder, so no principle id can clash.
    if (request.options.boolean("pack", true)) {
      out.push_back(Artifact::rendered(pack.id + "-handout", pack_handout(pack)));
    }
    if (request.options.boolean("principles", true)) {
      for (const Principle& p : pack.principles) {
        out.push_back(Artifact::rendered("handouts/" + p.id, principle_handout(pack, p)));
      }
    }
    return out;
  }
};

GeneratorList create_generators() {
  GeneratorList list;
  list.push_back(std::make_unique<HandoutGenerator>());
  return list;
}

const PluginDescriptor* handout_plugin() {
  static const PluginDescriptor descriptor =
      make_descriptor("handout", "0.1.0", "MIT",
                      "Trainer handouts: principles, do's and don'ts, "
                      "activities with worksheets, quotes",
                      create_generators);
  return &descriptor;
}

}  // namespace

COACHKIT_PLUGIN_ENTRY(handout_plugin)
