#include "slides_generator.hpp"

#include "edition.hpp"
#include "handout_text.hpp"

namespace coachkit_handout {

using namespace coachkit;
using namespace coachkit::doc;

namespace {

// pandoc makes a slide of each level-2 heading and a section slide of each level-1 heading
// (the renderer passes --slide-level=2); a Div of class "notes" becomes the speaker notes,
// and a Div "columns" of Divs "column" a two-column slide.
Block notes(Blocks children) { return section({"notes"}, std::move(children)); }

Block column(const std::string& title, const std::vector<Behavior>& behaviors) {
  Blocks inside{paragraph(Text{strong(title)})};
  std::vector<Blocks> items;
  for (const Behavior& b : behaviors) items.push_back({paragraph(b.text)});
  if (!items.empty()) inside.push_back(bullet_list(std::move(items)));
  return section({"column"}, std::move(inside));
}

Blocks principle_slide(const Principle& p, Edition edition) {
  Blocks out;
  out.push_back(heading(2, p.title, "principle-" + p.id));
  out.push_back(paragraph(Text{strong(p.summary)}));
  out.push_back(section({"columns"}, {column("Do", p.dos), column("Don't", p.donts)}));
  if (edition == Edition::Trainer) {
    Blocks said = paragraphs(p.body);
    for (const auto* behaviors : {&p.dos, &p.donts}) {
      for (const Behavior& b : *behaviors) {
        said.push_back(paragraph(Text{strong((behaviors == &p.dos ? "Do: " : "Don't: ") + b.text),
                                      plain(" Why: " + b.why)}));
      }
    }
    out.push_back(notes(std::move(said)));
  }
  return out;
}

Blocks activity_slide(const Pack& pack, const Activity& a, Edition edition) {
  Blocks out;
  out.push_back(heading(2, a.title, "activity-" + a.id));
  out.push_back(paragraph(Text{strong("Goal: "), plain(a.goal)}));
  out.push_back(ordered_list(list_items(a.steps)));
  if (edition == Edition::Trainer) {
    Blocks said;
    std::string facts = minutes_text(a.minutes);
    if (!a.group_size.empty()) facts += ", " + a.group_size;
    said.push_back(paragraph(Text{strong("Time: "), plain(facts)}));
    if (!a.materials.empty()) {
      std::string list;
      for (const std::string& m : a.materials) list += (list.empty() ? "" : ", ") + m;
      said.push_back(paragraph(Text{strong("Materials: "), plain(list)}));
    }
    said.push_back(paragraph(Text{strong("Practises: "), plain(practised_principles(pack, a))}));
    for (Block& b : paragraphs(a.facilitator_notes)) said.push_back(std::move(b));
    for (std::size_t i = 0; i < a.step_minutes.size() && i < a.steps.size(); ++i) {
      said.push_back(paragraph(Text{strong("Step " + std::to_string(i + 1) + ": "),
                                    plain(minutes_text(a.step_minutes[i]))}));
    }
    if (a.worksheet) {
      const Worksheet& w = *a.worksheet;
      for (std::size_t i = 0; i < w.prompts.size() && i < w.suggested_answers.size(); ++i) {
        if (w.suggested_answers[i].empty()) continue;
        said.push_back(paragraph(Text{strong(w.prompts[i] + " "), plain(w.suggested_answers[i])}));
      }
    }
    for (std::size_t i = 0; i < a.debrief.size() && i < a.debrief_answers.size(); ++i) {
      if (a.debrief_answers[i].empty()) continue;
      said.push_back(paragraph(Text{strong(a.debrief[i] + " "), plain(a.debrief_answers[i])}));
    }
    out.push_back(notes(std::move(said)));
  }
  return out;
}

Document deck(const Pack& pack, Edition edition) {
  Document d;
  d.title = pack.title;
  d.subtitle = edition == Edition::Trainer ? "Trainer's edition" : "";
  d.language = pack.language;
  d.authors = pack.authors;
  const std::string* current_group = nullptr;
  for (const Principle& p : pack.principles) {
    if (!current_group || *current_group != p.group) {
      current_group = &p.group;
      const PrincipleGroup* group = pack.find_group(p.group);
      d.blocks.push_back(heading(1, group ? group->title : "Principles"));
    }
    for (Block& b : principle_slide(p, edition)) d.blocks.push_back(std::move(b));
  }
  if (!pack.activities.empty()) {
    d.blocks.push_back(heading(1, "Activities"));
    for (const Activity& a : pack.activities) {
      for (Block& b : activity_slide(pack, a, edition)) d.blocks.push_back(std::move(b));
    }
  }
  return d;
}

}  // namespace

std::string SlidesGenerator::kind() const { return "slides"; }

std::string SlidesGenerator::description() const {
  return "a slide deck per pack (pptx), the trainer's with speaker notes";
}

std::vector<Artifact> SlidesGenerator::generate(const Pack& pack, const GeneratorRequest& request,
                                                Reporter& reporter) const {
  std::vector<Artifact> out;
  std::vector<Edition> editions;
  if (!editions_for(request, &editions)) {
    reporter.error(SourcePosition{}, unknown_edition_message(request.edition));
    return out;
  }
  for (Edition edition : editions) {
    out.push_back(Artifact::rendered(edition_path(edition, pack.id + "-slides"),
                                     deck(pack, edition), {Format::Pptx}));
  }
  return out;
}

}  // namespace coachkit_handout
