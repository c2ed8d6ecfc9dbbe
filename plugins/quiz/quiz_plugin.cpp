// The quiz generator: authored and drawn questions, in N versions from one seed, as printable
// quizzes with answer keys, Moodle GIFT, Moodle XML, a Canvas QTI 1.2 package and an
// interactive self-check page.
#include "quiz.hpp"
#include "scorm.hpp"

#include <algorithm>

namespace quiz {

namespace {

using namespace coachkit;

// The default exports; SCORM packages are written when asked for.
const std::vector<std::string> kExports = {"gift", "moodle-xml", "qti", "self-check", "print"};
const std::vector<std::string> kKnownExports = {"gift",  "moodle-xml", "qti",      "self-check",
                                                "print", "scorm12",    "scorm2004"};

class QuizGenerator : public Generator {
 public:
  std::string kind() const override { return "quiz"; }
  std::string description() const override {
    return "quizzes in versions: printable with answer keys, Moodle GIFT and XML, Canvas QTI, "
           "a self-check page";
  }
  std::vector<OptionSpec> options() const override {
    return {
        {"versions", OptionValue::Type::Integer, "how many versions, 1 to 26 (default 1)", 1, 26},
        {"drawn",
         OptionValue::Type::String,
         "questions drawn from the content: none, mix or only (default mix)",
         {},
         {},
         {"none", "mix", "only"}},
        {"per_principle", OptionValue::Type::Integer,
         "questions drawn per principle for each version; 0 for all (default 0)", 0, 1000},
        {"print_per_principle", OptionValue::Type::Integer,
         "questions per principle on the printed quiz; 0 prints every question (default 1)", 0,
         1000},
        {"shuffle_questions", OptionValue::Type::Boolean, "shuffle question order (default true)"},
        {"shuffle_choices", OptionValue::Type::Boolean,
         "shuffle choices, matches and steps; pinned choices stay (default true)"},
        {"title", OptionValue::Type::String,
         "the quiz's title (default: the pack's title and \" quiz\")"},
        {"exports", OptionValue::Type::StringList,
         "which outputs: gift, moodle-xml, qti, self-check, print, scorm12, scorm2004 (default "
         "all but the SCORM packages)"},
        {"passing_score", OptionValue::Type::Number,
         "the SCORM packages' passing score, 0 to 100 percent of the points (default 80)"},
    };
  }

  std::vector<Artifact> generate(const Pack& pack, const GeneratorRequest& request,
                                 Reporter& reporter) const override {
    const Options& o = request.options;
    Settings s;
    s.seed = request.seed;
    s.versions = static_cast<int>(o.integer("versions", 1));
    if (s.versions < 1 || s.versions > 26) {
      reporter.error(o.where("versions"), "option 'versions' must be from 1 to 26, not " +
                                              std::to_string(o.integer("versions", 1)));
      return {};
    }
    s.drawn = o.string("drawn", "mix");
    if (s.drawn != "none" && s.drawn != "mix" && s.drawn != "only") {
      reporter.error(o.where("drawn"),
                     "option 'drawn' must be none, mix or only, not \"" + s.drawn + "\"");
      return {};
    }
    std::int64_t per = o.integer("per_principle", 0);
    if (per < 0 || per > 1000) {
      reporter.error(o.where("per_principle"), "option 'per_principle' must be from 0 to 1000");
      return {};
    }
    s.per_principle = static_cast<int>(per);
    std::int64_t print_per = o.integer("print_per_principle", 1);
    if (print_per < 0 || print_per > 1000) {
      reporter.error(o.where("print_per_principle"),
                     "option 'print_per_principle' must be from 0 to 1000");
      return {};
    }
    s.shuffle_questions = o.boolean("shuffle_questions", true);
    s.shuffle_choices = o.boolean("shuffle_choices", true);
    s.title = o.string("title", pack.title + " quiz");
    std::vector<std::string> exports = o.has("exports") ? o.list("exports") : kExports;
    for (const std::string& e : exports) {
      if (std::find(kKnownExports.begin(), kKnownExports.end(), e) == kKnownExports.end()) {
        reporter.error(o.where("exports"), "unknown export \"" + e +
                                               "\" in option 'exports'; expected gift, "
                                               "moodle-xml, qti, self-check, print, scorm12 or "
                                               "scorm2004");
        return {};
      }
    }
    const double passing = o.number("passing_score", 80);
    if (!(passing >= 0 && passing <= 100)) {
      reporter.error(o.where("passing_score"),
                     "option 'passing_score' must be from 0 to 100 "
                     "(percent of the points), not " +
                         number_text(passing));
      return {};
    }
    auto wanted = [&](const char* name) {
      return std::find(exports.begin(), exports.end(), name) != exports.end();
    };

    std::vector<Item> items;
    if (s.drawn != "only") items = authored_items(pack);
    if (s.drawn != "none") {
      std::vector<Item> drawn = drawn_items(pack, s.seed);
      items.insert(items.end(), drawn.begin(), drawn.end());
    }
    const bool scorm = wanted("scorm12") || wanted("scorm2004");
    double points = 0;
    for (const Item& item : items) points += item.points;
    if (scorm && !(points > 0)) {
      // A SCORM package reports a score: with nothing to score it would report 0 % as failed.
      reporter.error(o.where("exports"),
                     "the SCORM packages need a question that can be scored, and this quiz has " +
                         std::string(items.empty() ? "no questions" : "no points to give"));
      return {};
    }
    if (items.empty()) return {};  // nothing to ask: no quiz, and nothing wrong

    if (wanted("qti") && s.drawn != "only") {
      // Classic Canvas quizzes give each right choice 100 and each wrong one 0: weights written
      // otherwise are lost there, so say which question, once, at its first such weight.
      for (const Question& q : pack.questions) {
        if (q.kind != Question::Kind::Multiple) continue;
        for (const Choice& c : q.choice_details) {
          bool right = std::find(q.answers.begin(), q.answers.end(), c.text) != q.answers.end();
          if (!c.weight_written || c.weight == (right ? 100.0 : 0.0)) continue;
          reporter.warning(c.weight_where,
                           "question '" + q.id +
                               "': its written choice weights are lost in the Canvas QTI "
                               "package (classic Canvas quizzes give each right choice 100 and "
                               "each wrong one 0; GIFT and Moodle XML keep them)");
          break;
        }
      }
    }

    std::vector<Artifact> out;
    for (const Version& v : make_versions(items, s)) {
      coachkit::AnswerPositions check = answer_positions(v);
      if (check.lopsided()) {
        reporter.warning(o.where("versions"),
                         "version " + v.letter + ": the right answer is choice " +
                             letter(check.position()) + " in " + std::to_string(check.count()) +
                             " of " + std::to_string(check.counted()) +
                             " single-choice questions (more than half); try another seed");
      }
      std::string stem = "quiz/" + v.name;
      if (wanted("print")) {
        std::vector<Format> formats = {Format::Pdf, Format::Docx, Format::Html};
        Version paper = printed_paper(v, static_cast<int>(print_per),
                                      mix(s.seed, static_cast<std::uint64_t>(v.letter[0])));
        out.push_back(Artifact::rendered(stem, printable(pack, paper, s.title), formats));
        out.push_back(Artifact::rendered(stem + "-key", answer_key(pack, paper, s.title), formats));
      }
      if (wanted("gift")) {
        std::vector<LeftOut> left_out;
        out.push_back(Artifact::file(stem + ".gift", gift(pack, v, &left_out)));
        for (const LeftOut& l : left_out) {
          reporter.warning(o.where("exports"), "version " + v.letter + ": question '" + l.id +
                                                   "' is left out of the GIFT file: " + l.why +
                                                   " (the Moodle XML carries it)");
        }
      }
      if (wanted("moodle-xml")) {
        out.push_back(Artifact::file(stem + ".moodle.xml", moodle_xml(pack, v)));
      }
      if (wanted("qti")) {
        out.push_back(
            Artifact::file(stem + ".qti.zip", qti_zip(pack, v, s.title, request.source_date)));
      }
      if (wanted("self-check")) {
        out.push_back(Artifact::file(stem + ".self-check.html", self_check_html(pack, v, s.title)));
      }
      for (auto [name, edition] :
           {std::pair{"scorm12", ScormEdition::V12}, std::pair{"scorm2004", ScormEdition::V2004}}) {
        if (!wanted(name)) continue;
        // Made once the same build's handouts are in place, with them inside.
        ScormPackage package = scorm_package(pack, v, s.title, edition, passing, s.seed);
        out.push_back(Artifact::derived(
            Artifact::file(stem + "." + name + ".zip", ""), scorm_handout_patterns(pack),
            [package = std::move(package), date = request.source_date](
                const std::vector<UsedOutput>& handouts, Artifact& made, Reporter&) {
              made.bytes = scorm_zip(package, handouts, date);
            }));
      }
    }
    return out;
  }
};

GeneratorList create_generators() {
  GeneratorList list;
  list.push_back(std::make_unique<QuizGenerator>());
  return list;
}

}  // namespace

}  // namespace quiz

namespace {

const coachkit::PluginDescriptor* quiz_plugin() {
  static const coachkit::PluginDescriptor descriptor = coachkit::make_descriptor(
      "quiz", "0.1.0", "MIT",
      "Quizzes from authored and drawn questions: printable versions with answer keys, "
      "Moodle GIFT and XML, Canvas QTI 1.2, a self-check page",
      quiz::create_generators);
  return &descriptor;
}

}  // namespace

COACHKIT_PLUGIN_ENTRY(quiz_plugin)
