// The poster generator: one print-ready PDF per [poster], its text fitted to fill exactly one
// page of the frame it is made for (the PDF worker searches the font size), with a PNG preview
// beside it and a contact sheet of all the pack's posters, derived from those previews once they
// are in place.
//
// A poster's size comes from, in order: the `size` option (project file or --size), the
// poster's own `size`, 11x14. Its smallest legible text grows with the frame (see
// docs/posters.md): 14 pt on an 8x10, with the square root of the shorter side elsewhere.

#include <coachkit/paper.hpp>
#include <coachkit/plugin.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace coachkit;
using namespace coachkit::doc;

constexpr double kLegiblePtOn8x10 = 14;
constexpr double kShortSideOf8x10Mm = 8 * kMillimetresPerInch;
constexpr const char* kDefaultSize = "11x14";

// The smallest legible body text for a frame whose shorter side is `short_mm`: a bigger frame
// is read from further away, though not in proportion (a 24x36 is read from about twice as far
// as an 8x10, not three times), so the size grows with the square root of the side: 14 pt on an
// 8x10, 24 pt on a 24x36, the size poster guides give for body text there.
double smallest_legible_pt(double short_mm) {
  return std::round(kLegiblePtOn8x10 * std::sqrt(short_mm / kShortSideOf8x10Mm) * 10) / 10;
}

// Whether text starts, at its first letter, in a right-to-left script (Hebrew, Arabic, Syriac,
// Thaana, N'Ko and their presentation forms), as dir="auto" decides an HTML element's direction.
bool right_to_left(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::isalpha(c)) return false;
      ++i;
      continue;
    }
    int extra = (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 0;
    char32_t cp = c & (0x3F >> extra);
    for (int k = 1; k <= extra && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    i += static_cast<std::size_t>(extra) + 1;
    if ((cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
        (cp >= 0xFE70 && cp <= 0xFEFF)) {
      return true;
    }
    // Other letters decide left to right; punctuation and symbols decide nothing.
    if (cp >= 0x00C0 && !(cp >= 0x2000 && cp <= 0x2BFF) && !(cp >= 0x3000 && cp <= 0x303F)) {
      return false;
    }
  }
  return false;
}

// A block of text that reads in its own direction: right-to-left text is marked for the theme
// (class "rtl": right-aligned, right to left), since the Document has no dir attribute.
Block directed(Block block, const std::string& text) {
  if (!right_to_left(text)) return block;
  return section({"rtl"}, {std::move(block)});
}

Block principle_card(const Principle& p) {
  Blocks inside{directed(heading(2, p.title), p.title)};
  if (!p.summary.empty()) inside.push_back(directed(paragraph(p.summary), p.summary));
  return section({"poster-principle"}, std::move(inside));
}

Block quote_card(const Quote& q) {
  Blocks inside{directed(paragraph("\u201C" + q.text + "\u201D"), q.text),
                section({"poster-credit"}, {paragraph("\u2014 " + q.author)})};
  return section({"poster-quote"}, {quote(std::move(inside))});
}

Block behavior_list(const char* title, const char* css_class,
                    const std::vector<Behavior>& behaviors) {
  std::vector<Blocks> items;
  for (const Behavior& b : behaviors) items.push_back({directed(paragraph(b.text), b.text)});
  Blocks inside{heading(3, title)};
  inside.push_back(bullet_list(std::move(items)));
  return section({css_class}, std::move(inside));
}

Block dos_and_donts_card(const Principle& p) {
  Blocks inside{directed(heading(2, p.title), p.title)};
  if (!p.dos.empty()) inside.push_back(behavior_list("Do", "poster-dos", p.dos));
  if (!p.donts.empty()) inside.push_back(behavior_list("Don\u2019t", "poster-donts", p.donts));
  return section({"poster-dos-donts"}, std::move(inside));
}

Blocks item_blocks(const Pack& pack, const PosterItem& item) {
  Blocks out;
  switch (item.kind) {
    case PosterItem::Kind::Principle:
      if (const Principle* p = pack.find_principle(item.id)) out.push_back(principle_card(*p));
      break;
    case PosterItem::Kind::Group:
      for (const Principle& p : pack.principles) {
        if (p.group == item.id) out.push_back(principle_card(p));
      }
      break;
    case PosterItem::Kind::Quote:
      if (const Quote* q = pack.find_quote(item.id)) out.push_back(quote_card(*q));
      break;
    case PosterItem::Kind::DosAndDonts:
      if (const Principle* p = pack.find_principle(item.id)) out.push_back(dos_and_donts_card(*p));
      break;
  }
  return out;
}

Document poster_document(const Pack& pack, const Poster& poster, bool landscape) {
  Document d;
  d.title = poster.title;
  d.subtitle = poster.subtitle;
  d.language = pack.language;
  Blocks head{directed(heading(1, poster.title), poster.title)};
  if (!poster.subtitle.empty()) {
    head.push_back(
        section({"poster-subtitle"}, {directed(paragraph(poster.subtitle), poster.subtitle)}));
  }
  std::vector<Block> cards;
  for (const PosterItem& item : poster.items) {
    for (Block& b : item_blocks(pack, item)) cards.push_back(std::move(b));
  }
  std::size_t principles = 0;
  for (const Block& b : cards) principles += b.classes.front() == "poster-quote" ? 0 : 1;
  // The theme lays principle cards out in rows of two (three on a landscape poster with many),
  // or one column when there is only one; a quote spans the width, between the rows around it.
  std::vector<std::string> columns = {"poster-items"};
  if (principles > 1) columns.push_back("two-columns");
  if (principles > 5) columns.push_back("many");
  Blocks body{section({"poster-head"}, std::move(head))};
  Blocks run;
  auto flush = [&] {
    if (!run.empty()) body.push_back(section(columns, std::move(run)));
    run.clear();
  };
  for (Block& card : cards) {
    if (card.classes.front() == "poster-quote") {
      flush();
      body.push_back(std::move(card));
    } else {
      run.push_back(std::move(card));
    }
  }
  flush();
  body.push_back(section({"poster-foot"}, {paragraph(pack.title)}));
  d.blocks.push_back(section(
      {"poster", landscape ? "landscape" : "portrait", "poster-" + poster.id}, std::move(body)));
  return d;
}

std::size_t characters(const std::string& text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  return n;
}

// The characters of a poster's text, item by item as item_blocks lays them out.
std::size_t poster_characters(const Pack& pack, const Poster& poster) {
  std::size_t n = characters(poster.title) + characters(poster.subtitle);
  auto principle = [&](const Principle& p) { n += characters(p.title) + characters(p.summary); };
  for (const PosterItem& item : poster.items) {
    switch (item.kind) {
      case PosterItem::Kind::Principle:
        if (const Principle* p = pack.find_principle(item.id)) principle(*p);
        break;
      case PosterItem::Kind::Group:
        for (const Principle& p : pack.principles) {
          if (p.group == item.id) principle(p);
        }
        break;
      case PosterItem::Kind::Quote:
        if (const Quote* q = pack.find_quote(item.id)) {
          n += characters(q->text) + characters(q->author);
        }
        break;
      case PosterItem::Kind::DosAndDonts:
        if (const Principle* p = pack.find_principle(item.id)) {
          n += characters(p->title);
          for (const Behavior& b : p->dos) n += characters(b.text);
          for (const Behavior& b : p->donts) n += characters(b.text);
        }
        break;
    }
  }
  return n;
}

// How many times over the text fills the page at the smallest legible size, reckoned low: a
// character takes at least 0.25 em by 1 em of a line (body text takes about twice that). Above
// 1, the poster cannot fit, and laying it out (up to a dozen WeasyPrint layouts of all of it)
// would take minutes and gigabytes before saying so.
double least_overfill(std::size_t chars, const PageSetup& page) {
  const double pt_per_mm = 72 / 25.4;
  double width = (page.width_mm - 2 * page.margin_mm) * pt_per_mm;
  double height = (page.height_mm - 2 * page.margin_mm) * pt_per_mm;
  double size = page.smallest_font_pt;
  return static_cast<double>(chars) * 0.25 * size * size / std::max(1.0, width * height);
}

// One landscape A4 page showing every poster's preview with its title under it, derived from
// the previews the build makes (Artifact::derived): 2, 3 or 4 to a row as there are more.
Artifact contact_sheet(const Pack& pack, std::map<std::string, std::string> titles) {
  PageSetup page;
  page.landscape = true;
  page.margin_mm = 10;
  page.preview = true;
  Document planned;
  planned.title = pack.title;
  planned.language = pack.language;
  Artifact sheet = Artifact::rendered("posters/contact-sheet", planned, {Format::Pdf}, page);
  auto make = [titles = std::move(titles)](const std::vector<UsedOutput>& previews, Artifact& made,
                                           Reporter&) {
    std::size_t count = std::max<std::size_t>(1, previews.size());
    std::size_t per_row = count <= 4 ? 2 : count <= 9 ? 3 : 4;
    std::size_t rows = std::min<std::size_t>(6, (count + per_row - 1) / per_row);
    Blocks shown = {heading(1, made.document.title)};
    for (const UsedOutput& preview : previews) {
      auto title = titles.find(preview.name);
      shown.push_back(picture(preview.bytes,
                              Text{plain(title != titles.end() ? title->second : preview.name)}));
    }
    made.document.blocks = {section(
        {"contact-sheet", "per-row-" + std::to_string(per_row), "rows-" + std::to_string(rows)},
        std::move(shown))};
  };
  return Artifact::derived(std::move(sheet), {"posters/*.png"}, std::move(make));
}

class PosterGenerator : public Generator {
 public:
  std::string kind() const override { return "poster"; }
  std::string description() const override {
    return "a print-ready PDF per poster, fitted to its frame, with a PNG preview and a "
           "contact sheet";
  }
  std::vector<OptionSpec> options() const override {
    return {{"size", OptionValue::Type::String,
             std::string("print every poster at this size: ") + paper_size_names()},
            {"orientation", OptionValue::Type::String,
             "print every poster \"portrait\" or \"landscape\""},
            {"bleed", OptionValue::Type::String,
             "background beyond the trim on every side for every poster, e.g. 3mm or 0.125in"},
            {"marks", OptionValue::Type::Boolean, "crop marks on every poster"}};
  }

  std::vector<Artifact> generate(const Pack& pack, const GeneratorRequest& request,
                                 Reporter& reporter) const override {
    std::vector<Artifact> out;
    const Options& options = request.options;
    std::optional<PaperSize> size_option;
    if (options.has("size")) {
      size_option = parse_paper_size(options.string("size"));
      if (!size_option) {
        reporter.error(options.where("size"), "'size' is \"" + options.string("size") +
                                                  "\"; expected " + paper_size_names());
      }
    }
    std::string orientation = options.string("orientation");
    if (!orientation.empty() && orientation != "portrait" && orientation != "landscape") {
      reporter.error(
          options.where("orientation"),
          "'orientation' is \"" + orientation + "\"; expected \"portrait\" or \"landscape\"");
    }
    std::optional<double> bleed_option;
    if (options.has("bleed")) {
      bleed_option = parse_bleed_mm(options.string("bleed"));
      if (!bleed_option) {
        reporter.error(options.where("bleed"), "'bleed' is \"" + options.string("bleed") +
                                                   "\"; expected a length up to 25 mm such as "
                                                   "\"3mm\" or \"0.125in\"");
      }
    }
    if ((options.has("size") && !size_option) || (options.has("bleed") && !bleed_option)) {
      return out;
    }
    std::map<std::string, std::string> titles;  // each preview's caption on the contact sheet
    for (const Poster& poster : pack.posters) {
      PaperSize size = *parse_paper_size(kDefaultSize);
      if (size_option) {
        size = *size_option;
      } else if (poster.width_mm > 0) {
        size = {poster.width_mm, poster.height_mm};
      }
      PageSetup page;
      page.width_mm = std::min(size.width_mm, size.height_mm);
      page.height_mm = std::max(size.width_mm, size.height_mm);
      std::string turn = !orientation.empty() ? orientation : poster.orientation;
      page.landscape = turn == "landscape";
      page.bleed_mm = bleed_option ? *bleed_option : poster.bleed_mm;
      page.crop_marks = options.has("marks") ? options.boolean("marks") : poster.crop_marks;
      page.margin_mm = std::round(page.width_mm * 0.07 * 10) / 10;
      page.fit_to_one_page = true;
      page.smallest_font_pt = smallest_legible_pt(page.width_mm);
      page.preview = true;
      std::size_t chars = poster_characters(pack, poster);
      double overfill = least_overfill(chars, page);
      if (overfill > 1) {
        char times[32], legible[32];
        std::snprintf(times, sizeof times, "%.1f", overfill);
        std::snprintf(legible, sizeof legible, "%g", page.smallest_font_pt);
        reporter.error(poster.where,
                       "posters/" + poster.id + ": too much text for one page: its " +
                           std::to_string(chars) + " characters need at least " + times +
                           " times the page at " + legible +
                           " pt, the smallest legible size for this frame; cut it to a few "
                           "items, or print it larger");
        continue;
      }
      Artifact artifact =
          Artifact::rendered("posters/" + poster.id, poster_document(pack, poster, page.landscape),
                             {Format::Pdf}, page);
      artifact.theme = poster.theme;
      artifact.where = poster.where;
      out.push_back(std::move(artifact));
      titles["posters/" + poster.id + ".png"] = poster.title;
    }
    if (!titles.empty()) out.push_back(contact_sheet(pack, std::move(titles)));
    return out;
  }
};

GeneratorList create_generators() {
  GeneratorList list;
  list.push_back(std::make_unique<PosterGenerator>());
  return list;
}

const PluginDescriptor* poster_plugin() {
  static const PluginDescriptor descriptor =
      make_descriptor("poster", "0.1.0", "MIT",
                      "Posters to frame: principles, quotes and do's and don'ts fitted to a "
                      "frame size, with previews and a contact sheet",
                      create_generators);
  return &descriptor;
}

}  // namespace

COACHKIT_PLUGIN_ENTRY(poster_plugin)
