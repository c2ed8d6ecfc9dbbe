#include "wallet_card.hpp"

#include <string>
#include <vector>

namespace acme {

using namespace coachkit;
using namespace coachkit::doc;

namespace {

// A card's front has room for about six titles, its back for about eight short do's.
constexpr std::size_t kMostPrinciples = 6;
constexpr std::int64_t kMostDosPerPrinciple = 3;

// ISO/IEC 7810 ID-1, the size of a credit card; the margin keeps text clear of a rounded cut.
PageSetup card_page() {
  PageSetup page;
  page.width_mm = 85.6;
  page.height_mm = 54;
  page.margin_mm = 4;
  return page;
}

}  // namespace

std::string WalletCard::description() const {
  return "a two-sided wallet card (85.6 x 54 mm, PDF): the principles on the front, their "
         "do's on the back";
}

std::vector<OptionSpec> WalletCard::options() const {
  return {
      {"title", OptionValue::Type::String, "the heading on the front (default: the pack's title)"},
      {"principles", OptionValue::Type::StringList,
       "the principle ids on the card, in order (default: the pack's first six)"},
      {"dos", OptionValue::Type::Integer, "do's per principle on the back, 1 to 3 (default 1)"},
  };
}

std::vector<Artifact> WalletCard::generate(const Pack& pack, const GeneratorRequest& request,
                                           Reporter& reporter) const {
  const Options& options = request.options;

  // The principles on the card: named ones (each must exist), or the first few.
  std::vector<const Principle*> principles;
  if (options.has("principles")) {
    for (const std::string& id : options.list("principles")) {
      const Principle* principle = pack.find_principle(id);
      if (!principle) {
        reporter.error(options.where("principles"),
                       "wallet-card: pack '" + pack.id + "' has no principle '" + id + "'");
        continue;
      }
      principles.push_back(principle);
    }
  } else {
    for (const Principle& principle : pack.principles) {
      if (principles.size() == kMostPrinciples) break;
      principles.push_back(&principle);
    }
  }
  if (principles.size() > kMostPrinciples) {
    reporter.error(options.where("principles"),
                   "wallet-card: at most " + std::to_string(kMostPrinciples) +
                       " principles fit on a card, " + std::to_string(principles.size()) +
                       " were named");
  }
  std::int64_t dos = options.integer("dos", 1);
  if (dos < 1 || dos > kMostDosPerPrinciple) {
    reporter.error(options.where("dos"), "wallet-card: dos must be 1 to " +
                                             std::to_string(kMostDosPerPrinciple) + ", not " +
                                             std::to_string(dos));
  }
  if (principles.empty()) {
    reporter.warning(SourcePosition{pack.directory, 0, 0},
                     "wallet-card: pack '" + pack.id + "' has no principles; no card made");
    return {};
  }

  std::string title = options.string("title", pack.title);
  std::vector<std::string> titles;
  std::vector<std::string> do_texts;
  for (const Principle* principle : principles) {
    titles.push_back(principle->title);
    for (std::size_t i = 0; i < principle->dos.size() && i < static_cast<std::size_t>(dos); ++i) {
      do_texts.push_back(principle->dos[i].text);
    }
  }

  // Each "page" section starts a page of its own; "card" is the theme's small type.
  Document card;
  card.title = title;
  card.language = pack.language;
  card.blocks = {
      section({"page", "card", "card-front"}, {heading(1, title), bullet_list(list_items(titles))}),
      section({"page", "card", "card-back"},
              {heading(2, "Every call, I will"), bullet_list(list_items(do_texts))}),
  };
  return {Artifact::rendered("wallet-card/" + pack.id + "-wallet-card", std::move(card),
                             {Format::Pdf}, card_page())};
}

}  // namespace acme
