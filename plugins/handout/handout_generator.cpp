#include "handout_generator.hpp"

#include "activity_blocks.hpp"
#include "edition.hpp"
#include "handout_text.hpp"

#include <algorithm>

namespace coachkit_handout {

using namespace coachkit;
using namespace coachkit::doc;

namespace {

// Handouts are for print, editing and e-readers; a slide deck is the slides generator's.
const std::vector<Format> kHandoutFormats = {Format::Html,     Format::Docx, Format::Odt,
                                             Format::Markdown, Format::Pdf,  Format::Epub};
// pandoc 2.17's EPUB writer fails on the pack handout's links between its sections ("not found
// in reftable"): no e-book of it until that is solved.
const std::vector<Format> kPackHandoutFormats = {Format::Html, Format::Docx, Format::Odt,
                                                 Format::Markdown, Format::Pdf};

std::string edition_subtitle(const std::string& subtitle, Edition edition) {
  return edition == Edition::Trainer ? subtitle + " \u00B7 Trainer's edition" : subtitle;
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

Block quote_block(const Pack& pack, const Quote& q) {
  Blocks inside{paragraph(Text{plain("\u201C" + q.text + "\u201D")})};
  std::string credit = "\u2014 " + q.author;
  if (const Source* source = pack.find_source(q.source)) credit += " (" + source->title + ")";
  inside.push_back(paragraph(Text{emphasis(credit)}));
  return section({"quote"}, {quote(std::move(inside))});
}

// The activities that practise a principle, named with their goal (each has its own worksheet
// in activities/, so a principle's handout stays short); the trainer's also give their time.
Block activities_named(const std::vector<const Activity*>& activities, Edition edition) {
  std::vector<Blocks> items;
  for (const Activity* a : activities) {
    Text text{strong(a->title)};
    if (edition == Edition::Trainer) text.push_back(plain(" (" + minutes_text(a->minutes) + ")"));
    text.push_back(plain(": " + a->goal));
    items.push_back({paragraph(std::move(text))});
  }
  return bullet_list(std::move(items));
}

// The principle's own part of a handout; `level` is the level of its title, `q` the quote shown
// with it (or none).
Blocks principle_blocks(const Pack& pack, const Principle& p, int level, const Quote* q,
                        bool with_activities, Edition edition) {
  Blocks out;
  if (level > 1) {
    out.push_back(heading(level, Text{plain(p.title)}, "principle-" + p.id, {"principle"}));
  }
  out.push_back(section({"summary"}, {paragraph(Text{strong(p.summary)})}));
  for (Block& b : paragraphs(p.body)) out.push_back(std::move(b));
  out.push_back(heading(level + 1, "Do's and don'ts"));
  out.push_back(dos_and_donts(p));
  if (q) out.push_back(quote_block(pack, *q));
  if (with_activities) {
    std::vector<const Activity*> activities = activities_for(pack, p);
    if (!activities.empty()) {
      out.push_back(section(
          {"activities-named"},
          {heading(level + 1, activities.size() == 1 ? "Activity" : "Activities"),
           paragraph(Text{emphasis(activities.size() == 1
                                       ? "Practise it with this activity; its worksheet is "
                                         "handed out on its own."
                                       : "Practise it with these activities; each worksheet is "
                                         "handed out on its own.")}),
           activities_named(activities, edition)}));
    }
  }
  std::string credit = attribution(pack, p.source);
  if (!credit.empty()) {
    out.push_back(section({"source"}, {paragraph(Text{emphasis("Source: " + credit + ".")})}));
  }
  return out;
}

Document principle_handout(const Pack& pack, const Principle& p, Edition edition) {
  Document d;
  d.title = p.title;
  d.subtitle = edition_subtitle(pack.title, edition);
  d.language = pack.language;
  d.blocks = principle_blocks(pack, p, 1, quote_for(pack, p), true, edition);
  return d;
}

// An activity's own handout: a worksheet to fill in during the session.
Document activity_handout(const Pack& pack, const Activity& a, Edition edition) {
  Document d;
  d.title = a.title;
  d.subtitle = edition_subtitle(pack.title, edition);
  d.language = pack.language;
  Blocks part = activity_blocks(pack, a, 1, edition, ActivityLayout::Worksheet);
  part.erase(part.begin());  // the title is the document's
  part.insert(part.begin(),
              paragraph(Text{strong("Practises: "), plain(practised_principles(pack, a))}));
  d.blocks = std::move(part);
  return d;
}

// The first quote written for `p` that the pack's handout has not shown yet, or none.
const Quote* unshown_quote_for(const Pack& pack, const Principle& p,
                               std::vector<const Quote*>* shown) {
  for (const Quote& q : pack.quotes) {
    if (std::find(q.principles.begin(), q.principles.end(), p.id) == q.principles.end()) continue;
    if (std::find(shown->begin(), shown->end(), &q) != shown->end()) continue;
    shown->push_back(&q);
    return &q;
  }
  return nullptr;
}

std::string group_title(const PrincipleGroup* group) { return group ? group->title : "Principles"; }

// The cover of the pack's handout: who wrote it, which version, what it holds. A page of its own
// in print (core/css/layout.css), the contents on the next.
Block cover(const Pack& pack) {
  Blocks inside;
  if (!pack.description.empty()) inside.push_back(paragraph(pack.description));
  std::string by;
  for (const std::string& a : pack.authors) by += (by.empty() ? "" : ", ") + a;
  if (!by.empty()) inside.push_back(paragraph(Text{strong("By: "), plain(by)}));
  std::string version = "Version " + pack.version;
  if (!pack.license.empty()) version += " \u00B7 " + pack.license;
  inside.push_back(paragraph(Text{emphasis(version)}));
  return section({"cover"}, std::move(inside));
}

// What the handout holds, in its order: each group with its principles, then the activities,
// the quotes and the sources, each entry a link to its heading (in print, with its page number:
// core/css/layout.css).
Block contents(const Pack& pack, bool quotes_left) {
  auto entry = [](Span span, std::string anchor) {
    return Blocks{paragraph(Text{linked(std::move(span), std::move(anchor))})};
  };
  std::vector<Blocks> parts;
  const std::string* current_group = nullptr;
  std::vector<Blocks> principles;
  auto close_group = [&] {
    if (!current_group) return;
    const PrincipleGroup* group = pack.find_group(*current_group);
    Blocks part = entry(strong(group_title(group)),
                        "group-" + (group ? group->id : std::string("principles")));
    part.push_back(bullet_list(std::move(principles)));
    parts.push_back(std::move(part));
    principles.clear();
  };
  for (const Principle& p : pack.principles) {
    if (!current_group || *current_group != p.group) {
      close_group();
      current_group = &p.group;
    }
    principles.push_back(entry(plain(p.title), "principle-" + p.id));
  }
  close_group();
  if (!pack.activities.empty()) {
    std::vector<Blocks> titles;
    for (const Activity& a : pack.activities)
      titles.push_back(entry(plain(a.title), "activity-" + a.id));
    Blocks part = entry(strong("Activities"), "activities");
    part.push_back(bullet_list(std::move(titles)));
    parts.push_back(std::move(part));
  }
  if (quotes_left) parts.push_back(entry(strong("Quotes"), "quotes"));
  if (!pack.sources.empty()) parts.push_back(entry(strong("Sources"), "sources"));
  return section({"contents"}, {heading(1, "Contents", "contents"), bullet_list(std::move(parts))});
}

Document pack_handout(const Pack& pack, Edition edition) {
  Document d;
  d.title = pack.title;
  d.subtitle = edition_subtitle("Principles, do's and don'ts, and activities", edition);
  d.language = pack.language;
  d.authors = pack.authors;

  // Each quote once: with the first principle it was written for that has none yet, the others
  // under Quotes.
  std::vector<const Quote*> shown;
  std::vector<const Quote*> with_principle(pack.principles.size(), nullptr);
  for (std::size_t i = 0; i < pack.principles.size(); ++i) {
    with_principle[i] = unshown_quote_for(pack, pack.principles[i], &shown);
  }
  std::vector<const Quote*> left;
  for (const Quote& q : pack.quotes) {
    if (std::find(shown.begin(), shown.end(), &q) == shown.end()) left.push_back(&q);
  }

  d.blocks.push_back(cover(pack));
  d.blocks.push_back(contents(pack, !left.empty()));

  // The loader keeps principles in the author's order, group by group.
  const std::string* current_group = nullptr;
  for (std::size_t i = 0; i < pack.principles.size(); ++i) {
    const Principle& p = pack.principles[i];
    if (!current_group || *current_group != p.group) {
      current_group = &p.group;
      const PrincipleGroup* group = pack.find_group(p.group);
      d.blocks.push_back(heading(1, group_title(group),
                                 "group-" + (group ? group->id : std::string("principles"))));
      if (group && !group->description.empty()) d.blocks.push_back(paragraph(group->description));
    }
    d.blocks.push_back(section({"principle-block"},
                               principle_blocks(pack, p, 2, with_principle[i], false, edition)));
  }
  if (!pack.activities.empty()) {
    d.blocks.push_back(heading(1, "Activities", "activities"));
    for (const Activity& a : pack.activities) {
      Blocks part = activity_blocks(pack, a, 2, edition, ActivityLayout::Compact);
      part.insert(part.begin() + 1,
                  paragraph(Text{strong("Practises: "), plain(practised_principles(pack, a))}));
      d.blocks.push_back(section({"activity"}, std::move(part)));
    }
  }
  if (!left.empty()) {
    d.blocks.push_back(heading(1, "Quotes", "quotes"));
    for (const Quote* q : left) d.blocks.push_back(quote_block(pack, *q));
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

}  // namespace

std::string HandoutGenerator::kind() const { return "handout"; }

std::string HandoutGenerator::description() const {
  return "a handout per principle, a worksheet per activity and one for the whole pack, in "
         "participant and trainer editions";
}

std::vector<OptionSpec> HandoutGenerator::options() const {
  return {{"principles", OptionValue::Type::Boolean,
           "a handout per principle in handouts/ (default true)"},
          {"activities", OptionValue::Type::Boolean,
           "a worksheet handout per activity in activities/ (default true)"},
          {"pack", OptionValue::Type::Boolean,
           "one handout for the whole pack, <pack id>-handout (default true)"}};
}

std::vector<Artifact> HandoutGenerator::generate(const Pack& pack, const GeneratorRequest& request,
                                                 Reporter& reporter) const {
  std::vector<Artifact> out;
  std::vector<Edition> editions;
  if (!editions_for(request, reporter, &editions)) return out;
  for (Edition edition : editions) {
    // The whole pack's handout sits beside the handouts folder, so no principle id can clash.
    if (request.options.boolean("pack", true)) {
      out.push_back(Artifact::rendered(edition_path(edition, pack.id + "-handout"),
                                       pack_handout(pack, edition), kPackHandoutFormats));
    }
    if (request.options.boolean("principles", true)) {
      for (const Principle& p : pack.principles) {
        out.push_back(Artifact::rendered(edition_path(edition, "handouts/" + p.id),
                                         principle_handout(pack, p, edition), kHandoutFormats));
      }
    }
    if (request.options.boolean("activities", true)) {
      for (const Activity& a : pack.activities) {
        out.push_back(Artifact::rendered(edition_path(edition, "activities/" + a.id),
                                         activity_handout(pack, a, edition), kHandoutFormats));
      }
    }
  }
  return out;
}

}  // namespace coachkit_handout
