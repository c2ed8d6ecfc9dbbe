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
  // Nothing but the columns: pandoc 2.17 moves the columns of a slide that starts with text to a
  // slide of their own. The summary is said, from the notes.
  out.push_back(section({"columns"}, {column("Do", p.dos), column("Don't", p.donts)}));
  if (edition == Edition::Trainer) {
    Blocks said{paragraph(Text{strong(p.summary)})};
    for (Block& b : paragraphs(p.body)) said.push_back(std::move(b));
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

// An activity takes up to three slides, so that each fits at the theme's size: what it is for,
// its steps, and its debrief questions. The trainer's notes go with the slide they belong to.
Blocks activity_slides(const Pack& pack, const Activity& a, Edition edition) {
  bool trainer = edition == Edition::Trainer;
  Blocks out;
  out.push_back(heading(2, a.title, "activity-" + a.id));
  out.push_back(paragraph(Text{strong("Goal: "), plain(a.goal)}));
  out.push_back(paragraph(Text{strong("Practises: "), plain(practised_principles(pack, a))}));
  if (trainer) {
    Blocks said;
    std::string facts = minutes_text(a.minutes);
    if (!a.group_size.empty()) facts += ", " + a.group_size;
    said.push_back(paragraph(Text{strong("Time: "), plain(facts)}));
    if (!a.materials.empty()) {
      std::string list;
      for (const std::string& m : a.materials) list += (list.empty() ? "" : ", ") + m;
      said.push_back(paragraph(Text{strong("Materials: "), plain(list)}));
    }
    for (Block& b : paragraphs(a.facilitator_notes)) said.push_back(std::move(b));
    out.push_back(notes(std::move(said)));
  }

  out.push_back(heading(2, a.title + ": steps", "activity-" + a.id + "-steps"));
  out.push_back(ordered_list(list_items(a.steps)));
  if (trainer && !a.step_minutes.empty()) {
    Blocks said;
    for (std::size_t i = 0; i < a.step_minutes.size() && i < a.steps.size(); ++i) {
      said.push_back(paragraph(Text{strong("Step " + std::to_string(i + 1) + ": "),
                                    plain(minutes_text(a.step_minutes[i]))}));
    }
    out.push_back(notes(std::move(said)));
  }

  bool has_prompts = a.worksheet && !a.worksheet->prompts.empty();
  if (a.debrief.empty() && !has_prompts) return out;
  out.push_back(heading(2, a.title + ": discussion", "activity-" + a.id + "-discussion"));
  out.push_back(bullet_list(list_items(a.debrief.empty() ? a.worksheet->prompts : a.debrief)));
  if (trainer) {
    Blocks said;
    auto answers = [&](const std::vector<std::string>& questions,
                       const std::vector<std::string>& suggested) {
      for (std::size_t i = 0; i < questions.size() && i < suggested.size(); ++i) {
        if (suggested[i].empty()) continue;
        said.push_back(paragraph(Text{strong(questions[i] + " "), plain(suggested[i])}));
      }
    };
    if (has_prompts) answers(a.worksheet->prompts, a.worksheet->suggested_answers);
    answers(a.debrief, a.debrief_answers);
    if (!said.empty()) out.push_back(notes(std::move(said)));
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
      for (Block& b : activity_slides(pack, a, edition)) d.blocks.push_back(std::move(b));
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
  if (!editions_for(request, reporter, &editions)) return out;
  for (Edition edition : editions) {
    out.push_back(Artifact::rendered(edition_path(edition, pack.id + "-slides"),
                                     deck(pack, edition), {Format::Pptx}));
  }
  return out;
}

}  // namespace coachkit_handout
