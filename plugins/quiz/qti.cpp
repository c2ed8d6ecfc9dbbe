// A Canvas QTI 1.2 package, laid out as Canvas's importer reads it (and as text2qti writes
// it): imsmanifest.xml, <id>/<id>.xml with the items, and <id>/assessment_meta.xml, the same
// identifiers in all three. Every item states its question_type and points_possible. Canvas
// reads mattext as HTML, so text is HTML-escaped and then XML-escaped. Classic quizzes have no
// ordering type: an ordering item becomes a matching item whose answers are the places 1 to n.
#include "quiz.hpp"

#include <coachkit/escape.hpp>
#include <coachkit/zip.hpp>

namespace quiz {

namespace {

namespace escape = coachkit::escape;

// HTML text for a prompt. No &apos; or &quot;: text needs neither, and Canvas's converter deletes
// the named entities it meets in the plain copy it keeps.
std::string html_text(const std::string& text) {
  std::string out = escape::html(text);
  for (const char* entity : {"&apos;", "&quot;"}) {
    const std::string from = entity;
    const std::string to = from == "&apos;" ? "'" : "\"";
    for (std::size_t at = out.find(from); at != std::string::npos; at = out.find(from, at)) {
      out.replace(at, from.size(), to);
      at += to.size();
    }
  }
  return out;
}

// The prompt is HTML (Canvas shows its question text as HTML in every import route).
std::string mattext(const std::string& text) {
  return "<material><mattext texttype=\"text/html\">" + escape::xml_text(html_text(text)) +
         "</mattext></material>";
}

// Choices, feedback, matching sides: text/plain, which the migration tool passes on as a
// "text" block and Canvas's converter keeps as it is. As HTML, a plain "QTI .zip" import shows
// feedback and left sides double-escaped and strips entities from a choice's plain copy.
std::string plain_mattext(const std::string& text) {
  return "<material><mattext texttype=\"text/plain\">" + escape::xml_text(text) +
         "</mattext></material>";
}

std::string field(const std::string& label, const std::string& value) {
  return "          <qtimetadatafield><fieldlabel>" + label + "</fieldlabel><fieldentry>" +
         escape::xml_text(value) + "</fieldentry></qtimetadatafield>\n";
}

std::string feedback_block(const std::string& ident, const std::string& text) {
  return "        <itemfeedback ident=\"" + ident + "\"><flow_mat>" + plain_mattext(text) +
         "</flow_mat></itemfeedback>\n";
}

// A choice's feedback: Canvas's converter reads it from the block's own element, where a plain
// "text" block is taken as HTML (and shown escaped) and a lone HTML text as plain text (shown
// double-escaped). An element with an attribute keeps it HTML in both import routes.
std::string choice_feedback_block(const std::string& ident, const std::string& text) {
  return "        <itemfeedback ident=\"" + ident +
         "\"><flow_mat><material><mattext texttype=\"text/html\">" +
         escape::xml_text("<span dir=\"auto\">" + html_text(text) + "</span>") +
         "</mattext></material></flow_mat></itemfeedback>\n";
}

const char* type_of(Question::Kind kind) {
  switch (kind) {
    case Question::Kind::Single:
      return "multiple_choice_question";
    case Question::Kind::Multiple:
      return "multiple_answers_question";
    case Question::Kind::TrueFalse:
      return "true_false_question";
    case Question::Kind::Matching:
    case Question::Kind::Ordering:
      return "matching_question";
    case Question::Kind::Short:
      return "short_answer_question";
    case Question::Kind::Numeric:
      return "numerical_question";
  }
  return "";
}

// Left-hand sides, the options shown for each, and for each left side the right option's index.
struct Matching {
  std::vector<std::string> lefts, options;
  std::vector<std::size_t> right;
};

Matching matching_of(const Item& item) {
  Matching m;
  if (item.kind == Question::Kind::Matching) {
    m.options = item.matches;
    for (const auto& [left, match] : item.pairs) {
      m.lefts.push_back(left);
      std::size_t k = 0;
      while (k < m.options.size() && m.options[k] != match) ++k;
      m.right.push_back(k);
    }
  } else {
    for (std::size_t i = 0; i < item.steps.size(); ++i) m.options.push_back(std::to_string(i + 1));
    for (const std::string& step : item.shown) {
      m.lefts.push_back(step);
      std::size_t place = 0;
      while (place < item.steps.size() && item.steps[place] != step) ++place;
      m.right.push_back(place);
    }
  }
  return m;
}

// A matching option's ident. Canvas's converter takes the first run of digits in it as the
// option's match id, so that run is the option's number: "m3_g…" is option 3 of the item.
std::string option_ident(const std::string& item_ident, std::size_t option) {
  return "m" + std::to_string(option + 1) + "_" + item_ident;
}

void write_item(const Item& item, const std::string& ident, std::string& out) {
  std::string choices_list, presentation, processing, feedback;
  processing +=
      "        <resprocessing>\n          <outcomes><decvar maxvalue=\"100\" minvalue=\"0\" "
      "varname=\"SCORE\" vartype=\"Decimal\"/></outcomes>\n";
  if (!item.feedback.empty()) {
    processing +=
        "          <respcondition continue=\"Yes\"><conditionvar><other/></conditionvar>"
        "<displayfeedback feedbacktype=\"Response\" linkrefid=\"general_fb\"/></respcondition>\n";
    feedback += feedback_block("general_fb", item.feedback);
  }
  std::string answer_ids;
  switch (item.kind) {
    case Question::Kind::Single:
    case Question::Kind::Multiple:
    case Question::Kind::TrueFalse: {
      std::vector<std::string> texts;
      std::vector<bool> right;
      std::vector<std::string> notes;
      if (item.kind == Question::Kind::TrueFalse) {
        texts = {"True", "False"};
        right = {item.truth, !item.truth};
        notes = {"", ""};
      } else {
        for (std::size_t i = 0; i < item.choices.size(); ++i) {
          texts.push_back(item.choices[i].text);
          right.push_back(item.correct[i]);
          notes.push_back(item.choices[i].feedback);
        }
      }
      bool multiple = item.kind == Question::Kind::Multiple;
      presentation += std::string("          <response_lid ident=\"response1\" rcardinality=\"") +
                      (multiple ? "Multiple" : "Single") + "\"><render_choice>\n";
      std::string all;
      for (std::size_t i = 0; i < texts.size(); ++i) {
        std::string id = ident + "_" + std::to_string(i + 1);
        answer_ids += (i ? "," : "") + id;
        presentation += "            <response_label ident=\"" + id + "\">" +
                        plain_mattext(texts[i]) + "</response_label>\n";
        if (!notes[i].empty()) {
          processing +=
              "          <respcondition continue=\"Yes\"><conditionvar><varequal "
              "respident=\"response1\">" +
              id +
              "</varequal></conditionvar><displayfeedback feedbacktype=\"Response\" "
              "linkrefid=\"" +
              id + "_fb\"/></respcondition>\n";
          feedback += choice_feedback_block(id + "_fb", notes[i]);
        }
        std::string equal = "<varequal respident=\"response1\">" + id + "</varequal>";
        all += right[i] ? equal : "<not>" + equal + "</not>";
      }
      presentation += "          </render_choice></response_lid>\n";
      if (multiple) {
        processing += "          <respcondition continue=\"No\"><conditionvar><and>" + all +
                      "</and></conditionvar><setvar action=\"Set\" varname=\"SCORE\">100</setvar>"
                      "</respcondition>\n";
      } else {
        for (std::size_t i = 0; i < texts.size(); ++i) {
          if (!right[i]) continue;
          processing +=
              "          <respcondition continue=\"No\"><conditionvar><varequal "
              "respident=\"response1\">" +
              ident + "_" + std::to_string(i + 1) +
              "</varequal></conditionvar><setvar action=\"Set\" "
              "varname=\"SCORE\">100</setvar></respcondition>\n";
        }
      }
      break;
    }
    case Question::Kind::Matching:
    case Question::Kind::Ordering: {
      Matching m = matching_of(item);
      std::string share = number_text(100.0 / static_cast<double>(m.lefts.size()));
      for (std::size_t i = 0; i < m.lefts.size(); ++i) {
        std::string response = "response_" + ident + "_" + std::to_string(i + 1);
        answer_ids += (i ? "," : "") + ident + "_" + std::to_string(i + 1);
        presentation += "          <response_lid ident=\"" + response + "\">" +
                        plain_mattext(m.lefts[i]) + "<render_choice>\n";
        for (std::size_t k = 0; k < m.options.size(); ++k) {
          presentation += "            <response_label ident=\"" + option_ident(ident, k) + "\">" +
                          plain_mattext(m.options[k]) + "</response_label>\n";
        }
        presentation += "          </render_choice></response_lid>\n";
        processing += "          <respcondition><conditionvar><varequal respident=\"" + response +
                      "\">" + option_ident(ident, m.right[i]) +
                      "</varequal></conditionvar><setvar varname=\"SCORE\" action=\"Add\">" +
                      share + "</setvar></respcondition>\n";
      }
      break;
    }
    case Question::Kind::Short: {
      presentation +=
          "          <response_str ident=\"response1\" rcardinality=\"Single\"><render_fib>"
          "<response_label ident=\"answer1\" rshuffle=\"No\"/></render_fib></response_str>\n";
      std::string equals;
      for (const std::string& a : item.accepted) {
        equals += "<varequal respident=\"response1\">" + escape::xml_text(a) + "</varequal>";
      }
      processing += "          <respcondition continue=\"No\"><conditionvar>" + equals +
                    "</conditionvar><setvar action=\"Set\" varname=\"SCORE\">100</setvar>"
                    "</respcondition>\n";
      break;
    }
    case Question::Kind::Numeric:
      presentation +=
          "          <response_str ident=\"response1\" rcardinality=\"Single\"><render_fib "
          "fibtype=\"Decimal\"><response_label ident=\"answer1\"/></render_fib></response_str>\n";
      processing +=
          "          <respcondition continue=\"No\"><conditionvar><or><varequal "
          "respident=\"response1\">" +
          number_text(item.number) + "</varequal><and><vargte respident=\"response1\">" +
          number_text(item.number - item.tolerance) + "</vargte><varlte respident=\"response1\">" +
          number_text(item.number + item.tolerance) +
          "</varlte></and></or></conditionvar><setvar action=\"Set\" "
          "varname=\"SCORE\">100</setvar></respcondition>\n";
      break;
  }
  processing += "        </resprocessing>\n";
  out += "      <item ident=\"" + ident + "\" title=\"" + escape::xml_attribute(item.id) + "\">\n";
  out += "        <itemmetadata>\n          <qtimetadata>\n";
  out += field("question_type", type_of(item.kind));
  out += field("points_possible", number_text(item.points));
  out += field("original_answer_ids", answer_ids);
  out += field("assessment_question_identifierref", ident + "_ref");
  out += "          </qtimetadata>\n        </itemmetadata>\n";
  out += "        <presentation>\n          " + mattext(item.prompt) + "\n" + presentation +
         "        </presentation>\n";
  out += processing + feedback + "      </item>\n";
}

}  // namespace

std::string qti_zip(const coachkit::Pack& pack, const Version& version, const std::string& title,
                    std::int64_t source_date) {
  std::uint64_t base = hash(pack.id + "/" + version.name);
  std::string assessment = "g" + hex(base);
  std::string dependency = "g" + hex(hash(assessment + "/meta"));
  std::string manifest_id = "g" + hex(hash(assessment + "/manifest"));
  std::string assignment = "g" + hex(hash(assessment + "/assignment"));
  std::string group = "g" + hex(hash(assessment + "/group"));
  std::string quiz_title = escape::xml_text(title + " (version " + version.letter + ")");
  double points = 0;
  for (const Item& item : version.items) points += item.points;

  std::string items;
  for (std::size_t i = 0; i < version.items.size(); ++i) {
    write_item(version.items[i], "g" + hex(hash(assessment + "/" + version.items[i].id)), items);
  }
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<questestinterop xmlns=\"http://www.imsglobal.org/xsd/ims_qtiasiv1p2\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://www.imsglobal.org/xsd/ims_qtiasiv1p2 "
      "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd\">\n"
      "  <assessment ident=\"" +
      assessment + "\" title=\"" +
      escape::xml_attribute(title + " (version " + version.letter + ")") +
      "\">\n    <qtimetadata><qtimetadatafield><fieldlabel>cc_maxattempts</fieldlabel>"
      "<fieldentry>1</fieldentry></qtimetadatafield></qtimetadata>\n"
      "    <section ident=\"root_section\">\n" +
      items + "    </section>\n  </assessment>\n</questestinterop>\n";

  std::string meta =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<quiz identifier=\"" +
      assessment +
      "\" xmlns=\"http://canvas.instructure.com/xsd/cccv1p0\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://canvas.instructure.com/xsd/cccv1p0 "
      "https://canvas.instructure.com/xsd/cccv1p0.xsd\">\n  <title>" +
      quiz_title +
      "</title>\n  <description></description>\n  <shuffle_answers>false</shuffle_answers>\n"
      "  <scoring_policy>keep_highest</scoring_policy>\n  <quiz_type>assignment</quiz_type>\n"
      "  <points_possible>" +
      number_text(points) +
      "</points_possible>\n  <show_correct_answers>true</show_correct_answers>\n"
      "  <allowed_attempts>1</allowed_attempts>\n  <available>false</available>\n"
      "  <assignment identifier=\"" +
      assignment + "\">\n    <title>" + quiz_title +
      "</title>\n    <workflow_state>unpublished</workflow_state>\n    <quiz_identifierref>" +
      assessment + "</quiz_identifierref>\n    <points_possible>" + number_text(points) +
      "</points_possible>\n    <grading_type>points</grading_type>\n"
      "    <submission_types>online_quiz</submission_types>\n  </assignment>\n"
      "  <assignment_group_identifierref>" +
      group + "</assignment_group_identifierref>\n</quiz>\n";

  std::string manifest =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<manifest identifier=\"" +
      manifest_id +
      "\" xmlns=\"http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1\" "
      "xmlns:imsmd=\"http://www.imsglobal.org/xsd/imsmd_v1p2\">\n"
      "  <metadata>\n    <schema>IMS Content</schema>\n    <schemaversion>1.1.3</schemaversion>\n"
      "  </metadata>\n  <organizations/>\n  <resources>\n"
      "    <resource identifier=\"" +
      assessment + "\" type=\"imsqti_xmlv1p2\">\n      <file href=\"" + assessment + "/" +
      assessment + ".xml\"/>\n      <dependency identifierref=\"" + dependency +
      "\"/>\n    </resource>\n    <resource identifier=\"" + dependency +
      "\" type=\"associatedcontent/imscc_xmlv1p1/learning-application-resource\" href=\"" +
      assessment + "/assessment_meta.xml\">\n      <file href=\"" + assessment +
      "/assessment_meta.xml\"/>\n    </resource>\n  </resources>\n</manifest>\n";

  return coachkit::zip::stored_archive({{"imsmanifest.xml", manifest},
                     {assessment + "/" + assessment + ".xml", xml},
                     {assessment + "/assessment_meta.xml", meta}},
                    source_date);
}

}  // namespace quiz
