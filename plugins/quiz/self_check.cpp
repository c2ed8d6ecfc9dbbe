// The interactive self-check page: one HTML file with its style and script inside, nothing
// from the network. The questions travel as JSON (with < > & written as \u escapes, so no
// content can close the script element) and the script builds the page with textContent
// only: content never becomes markup. Native controls (radio buttons, check boxes, selects,
// text fields, buttons) make it usable with the keyboard alone.
#include "quiz.hpp"

#include <coachkit/escape.hpp>
#include <coachkit/language.hpp>

namespace quiz {

namespace {

std::string json_string(const std::string& text) { return coachkit::escape::json(text); }

std::string json_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + json_string(items[i]);
  return out + "]";
}

const char* kind_name(Question::Kind kind) {
  switch (kind) {
    case Question::Kind::Single:
      return "single";
    case Question::Kind::Multiple:
      return "multiple";
    case Question::Kind::TrueFalse:
      return "true-false";
    case Question::Kind::Matching:
      return "matching";
    case Question::Kind::Ordering:
      return "ordering";
    case Question::Kind::Short:
      return "short";
    case Question::Kind::Numeric:
      return "numeric";
  }
  return "";
}

std::string item_json(const Item& item) {
  std::string out = "{\"id\":" + json_string(item.id) + ",\"kind\":\"" + kind_name(item.kind) +
                    "\",\"prompt\":" + json_string(item.prompt) +
                    ",\"feedback\":" + json_string(item.feedback) +
                    ",\"points\":" + number_text(item.points);
  std::vector<std::string> texts, notes, weights;
  for (std::size_t i = 0; i < item.choices.size(); ++i) {
    texts.push_back(item.choices[i].text);
    notes.push_back(item.choices[i].feedback);
    double w =
        item.kind == Question::Kind::Single ? (item.correct[i] ? 100 : 0) : item.choices[i].weight;
    weights.push_back(number_text(w));
  }
  std::string w = "[";
  for (std::size_t i = 0; i < weights.size(); ++i) w += (i ? "," : "") + weights[i];
  out += ",\"choices\":" + json_list(texts) + ",\"notes\":" + json_list(notes) +
         ",\"weights\":" + w + "]";
  out += std::string(",\"truth\":") + (item.truth ? "true" : "false");
  std::vector<std::string> lefts, rights;
  for (const auto& [left, right] : item.pairs) {
    lefts.push_back(left);
    rights.push_back(right);
  }
  out += ",\"lefts\":" + json_list(lefts) + ",\"rights\":" + json_list(rights) +
         ",\"matches\":" + json_list(item.matches) + ",\"steps\":" + json_list(item.steps) +
         ",\"shown\":" + json_list(item.shown) + ",\"accepted\":" + json_list(item.accepted) +
         ",\"number\":" + number_text(item.number) +
         ",\"tolerance\":" + number_text(item.tolerance) + "}";
  return out;
}

const char* kStyle = R"CSS(
body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#1a1a1a}
fieldset{border:1px solid #bbb;border-radius:6px;margin:1.2rem 0;padding:.8rem 1rem}
legend{font-weight:600;padding:0 .3rem;white-space:pre-wrap;overflow-wrap:anywhere}
label{display:block;margin:.25rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
select,input[type=text]{font:inherit;margin:.2rem 0;max-width:100%;box-sizing:border-box}
label.pick select{display:block}
button{font:inherit;margin-top:.5rem;padding:.3rem .9rem}
:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
.result{margin:.5rem 0 0;padding:.4rem .6rem;border-radius:4px;white-space:pre-wrap}
.result:empty{margin:0;padding:0}
.result.right{background:#e3f4e1;border-left:4px solid #2e7d32}
.result.partial{background:#fdf3d8;border-left:4px dashed #8a5a00}
.result.wrong{background:#fbe4e4;border-left:4px double #c62828}
.result.right strong::before{content:"\2713\00a0" / "";color:#2e7d32}
.result.partial strong::before{content:"\25d0\00a0" / "";color:#8a5a00}
.result.wrong strong::before{content:"\2717\00a0" / "";color:#c62828}
#score{position:sticky;bottom:0;background:#fff;border-top:1px solid #ccc;padding:.6rem 0;font-weight:600}
)CSS";

const char* kScript = R"JS(
(function () {
  var data = JSON.parse(document.getElementById('quiz-data').textContent);
  var root = document.getElementById('questions');
  var earned = {};
  var total = 0;
  function el(tag, text) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; }
  function norm(s) { return s.trim().replace(/\s+/g, ' ').toLowerCase(); }
  function updateScore() {
    var sum = 0, done = 0;
    Object.keys(earned).forEach(function (k) { sum += earned[k]; done++; });
    document.getElementById('score').textContent = 'Score: ' + (Math.round(sum * 100) / 100) +
      ' of ' + total + ' points (' + done + ' of ' + data.items.length + ' questions checked)';
  }
  data.items.forEach(function (q, n) {
    total += q.points;
    var box = el('fieldset'); box.id = 'q' + (n + 1); box.className = 'question'; box.dataset.kind = q.kind;
    box.appendChild(el('legend', (n + 1) + '. ' + q.prompt));
    if (q.kind === 'multiple') box.appendChild(el('p', 'Choose every answer that applies.'));
    var name = 'q' + (n + 1);
    var controls = [];
    function choice(type, text, value) {
      var label = el('label'); var input = el('input'); input.type = type; input.name = name; input.value = value;
      label.appendChild(input); label.appendChild(document.createTextNode(' ' + text)); box.appendChild(label);
      controls.push(input);
    }
    function picker(text, options) {
      var label = el('label', text + ' '); label.className = 'pick'; var select = el('select'); select.appendChild(el('option', '—'));
      options.forEach(function (o, i) { var opt = el('option', o); opt.value = String(i); select.appendChild(opt); });
      select.options[0].value = ''; label.appendChild(select); box.appendChild(label); controls.push(select);
    }
    if (q.kind === 'single' || q.kind === 'multiple') {
      q.choices.forEach(function (c, i) { choice(q.kind === 'single' ? 'radio' : 'checkbox', c, String(i)); });
    } else if (q.kind === 'true-false') {
      choice('radio', 'True', 'true'); choice('radio', 'False', 'false');
    } else if (q.kind === 'matching') {
      q.lefts.forEach(function (l) { picker(l, q.matches); });
    } else if (q.kind === 'ordering') {
      var places = q.shown.map(function (s, i) { return String(i + 1); });
      q.shown.forEach(function (s) { picker(s, places); });
    } else {
      var label = el('label', 'Your answer: '); var input = el('input'); input.type = 'text'; input.name = name;
      if (q.kind === 'numeric') input.inputMode = 'decimal';
      label.appendChild(input); box.appendChild(label); controls.push(input);
    }
    var button = el('button', 'Check answer'); button.type = 'button'; box.appendChild(button);
    // Present and empty from the start, so screen readers announce what is written into it.
    var result = el('p'); result.className = 'result'; result.setAttribute('role', 'status');
    result.setAttribute('aria-live', 'polite'); result.id = box.id + '-result'; box.appendChild(result);
    button.setAttribute('aria-describedby', result.id);
    button.addEventListener('click', function () {
      var fraction = 0, notes = [];
      if (q.kind === 'single' || q.kind === 'multiple') {
        controls.forEach(function (c, i) { if (c.checked) { fraction += q.weights[i] / 100; if (q.notes[i]) notes.push(q.notes[i]); } });
      } else if (q.kind === 'true-false') {
        controls.forEach(function (c) { if (c.checked && (c.value === 'true') === q.truth) fraction = 1; });
      } else if (q.kind === 'matching') {
        controls.forEach(function (s, i) { if (s.value !== '' && q.matches[+s.value] === q.rights[i]) fraction += 1 / q.lefts.length; });
      } else if (q.kind === 'ordering') {
        controls.forEach(function (s, i) { if (s.value !== '' && q.steps[+s.value] === q.shown[i]) fraction += 1 / q.shown.length; });
      } else if (q.kind === 'short') {
        var given = norm(controls[0].value);
        q.accepted.forEach(function (a) { if (norm(a) === given && given !== '') fraction = 1; });
      } else {
        var text = controls[0].value.trim().replace(',', '.');
        var value = text === '' ? NaN : Number(text);
        if (isFinite(value) && Math.abs(value - q.number) <= q.tolerance + 1e-9) fraction = 1;
      }
      fraction = Math.max(0, Math.min(1, fraction));
      var right = fraction > 0.999;
      earned[q.id] = fraction * q.points;
      box.dataset.earned = String(earned[q.id]);
      box.dataset.marked = right ? 'right' : 'wrong';
      // Said in words and drawn with its own mark and border, never told by colour alone.
      result.className = 'result ' + (right ? 'right' : (fraction > 0 ? 'partial' : 'wrong'));
      result.textContent = '';
      result.appendChild(el('strong', right ? 'Right.' : (fraction > 0 ? 'Partly right.' : 'Not quite.')));
      notes.concat(q.feedback ? [q.feedback] : []).forEach(function (f) { result.appendChild(document.createTextNode(' ' + f)); });
      updateScore();
    });
    root.appendChild(box);
  });
  updateScore();
})();
)JS";

}  // namespace

std::string self_check_html(const coachkit::Pack& pack, const Version& version,
                            const std::string& title, const std::string& sco_config) {
  namespace escape = coachkit::escape;
  std::string items = "{\"items\":[";
  for (std::size_t i = 0; i < version.items.size(); ++i) {
    items += (i ? ",\n" : "\n") + item_json(version.items[i]);
  }
  items += "]}";
  std::string heading = title + " — self-check (version " + version.letter + ")";
  std::string language = pack.language.empty() ? "en" : pack.language;
  std::string direction = coachkit::right_to_left_language(language) ? " dir=\"rtl\"" : "";
  return "<!DOCTYPE html>\n<html lang=\"" + escape::html(language) + "\"" + direction +
         ">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; script-src " +
         (sco_config.empty() ? "" : "'self' ") +
         "'unsafe-inline'\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         escape::html(heading) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<h1>" +
         escape::html(heading) +
         "</h1>\n<p>Answer a question, then press <em>Check answer</em> to see whether it is "
         "right and why.</p>\n<main id=\"questions\"></main>\n"
         "<p id=\"score\" role=\"status\" aria-live=\"polite\"></p>\n"
         "<noscript><p>This page needs JavaScript to mark answers.</p></noscript>\n"
         "<script type=\"application/json\" id=\"quiz-data\">" +
         items + "</script>\n<script>" + kScript + "</script>\n" +
         (sco_config.empty() ? ""
                             : "<script type=\"application/json\" id=\"scorm-config\">" +
                                   sco_config + "</script>\n<script src=\"scorm.js\"></script>\n") +
         "</body>\n</html>\n";
}

}  // namespace quiz
