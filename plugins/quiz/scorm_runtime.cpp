// The SCORM run-time glue of the self-check SCO: scorm.js, a script of its own beside the page
// (the page's look and markup stay the self-check page's). It finds the LMS's API the way the
// SCORM run-time specification says (the window's parents, then its opener and theirs), starts
// the session, brings a returning learner back to their answers and place, reports each checked
// question as an interaction, and at the end the score and status; with no LMS it talks to
// nobody and the page works as the offline self-check. Below the questions it lists the
// package's handouts as links. Its settings come from the page's JSON element "scorm-config"
// (edition, passing score, language, the handouts); content never becomes code or markup.
#include "scorm.hpp"

namespace quiz {

const char* scorm_runtime_script() {
  return R"JS((function () {
  'use strict';
  var config = JSON.parse(document.getElementById('scorm-config').textContent);
  var v12 = config.edition === '1.2';
  var name = v12 ? 'API' : 'API_1484_11';
  function search(win) {
    for (var tries = 0; win && tries < 500; tries++) {
      try { if (win[name]) return win[name]; } catch (e) { return null; }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  function findApi() {
    var api = search(window);
    if (!api && window.opener) api = search(window.opener);
    if (!api && window.top && window.top.opener) api = search(window.top.opener);
    return api;
  }
  // The pack's handouts in the package, as links below the questions (with an LMS or without).
  var handouts = config.handouts || [];
  if (handouts.length) {
    var section = document.createElement('section');
    section.setAttribute('aria-labelledby', 'handouts-heading');
    var heading = document.createElement('h2');
    heading.id = 'handouts-heading';
    heading.textContent = 'Handouts';
    var list = document.createElement('ul');
    handouts.forEach(function (h) {
      var item = document.createElement('li'), link = document.createElement('a');
      link.href = h.href.split('/').map(encodeURIComponent).join('/');
      link.target = '_blank';
      link.rel = 'noopener';
      link.textContent = h.title + ' (' + h.format + ', opens in a new window)';
      // Targets at least 24 px high, apart (WCAG 2.2 target size).
      link.style.display = 'inline-block';
      link.style.padding = '.3rem 0';
      item.appendChild(link);
      list.appendChild(item);
    });
    section.appendChild(heading);
    section.appendChild(list);
    document.getElementById('score').insertAdjacentElement('beforebegin', section);
  }
  var api = findApi();
  if (!api) return;  // no LMS: the offline self-check
  function call(fn) { var args = Array.prototype.slice.call(arguments, 1); try { return api[fn].apply(api, args); } catch (e) { return ''; } }
  function get(el) { return String(call(v12 ? 'LMSGetValue' : 'GetValue', el)); }
  function set(el, value) { return call(v12 ? 'LMSSetValue' : 'SetValue', el, String(value)); }
  function commit() { call(v12 ? 'LMSCommit' : 'Commit', ''); }
  if (String(call(v12 ? 'LMSInitialize' : 'Initialize', '')) !== 'true') return;
  var started = Date.now();
  var finished = false;
  var boxes = Array.prototype.slice.call(document.querySelectorAll('fieldset.question'));
  var items = JSON.parse(document.getElementById('quiz-data').textContent).items;
  var total = 0;
  items.forEach(function (q) { total += q.points; });
  var reported = {};  // question number -> interaction index

  // Code points, not UTF-16 units, are cut; what is cut is said in docs/quizzes.md.
  function cut(text, max) {
    var chars = Array.from(text);
    var out = '';
    for (var i = 0; i < chars.length && out.length + chars[i].length <= max; i++) out += chars[i];
    return out;
  }
  // 1.2 CMIFeedback: at most 255 characters. 2004 localized strings: a language tag, then at most
  // 250 characters; the delimiters "[,]" and "[.]" of a typed answer become "(,)" and "(.)".
  function text12(s) { return cut(s, 255); }
  function text2004(s, max) {
    return '{lang=' + config.language + '}' + cut(s.replace(/\[([,.])\]/g, '($1)'), max || 250);
  }
  function controls(box) { return Array.prototype.slice.call(box.querySelectorAll('input, select')); }
  function state(box) {
    return controls(box).map(function (c) { return c.type === 'radio' || c.type === 'checkbox' ? (c.checked ? 1 : 0) : c.value; });
  }
  function restore(box, values) {
    controls(box).forEach(function (c, i) {
      if (i >= values.length) return;
      if (c.type === 'radio' || c.type === 'checkbox') c.checked = values[i] === 1; else c.value = values[i];
    });
  }
  function earned() {
    var sum = 0, done = 0;
    boxes.forEach(function (box) { if (box.dataset.earned !== undefined) { sum += Number(box.dataset.earned); done++; } });
    return { points: sum, done: done };
  }
  function percent() { var e = earned(); return total > 0 ? Math.round(e.points / total * 10000) / 100 : 0; }

  // An interaction per checked question: short identifiers for choices, places and sides, the
  // learner's own words only where they typed them.
  function response(q, box) {
    var cs = controls(box);
    var letter = function (i) { return v12 ? 'abcdefghijklmnopqrstuvwxyz0123456789'.charAt(i) : 'c' + (i + 1); };
    var picked = [];
    if (q.kind === 'single' || q.kind === 'multiple') {
      cs.forEach(function (c, i) { if (c.checked) picked.push(letter(i)); });
      return { type: 'choice', value: picked.join(v12 ? ',' : '[,]') };
    }
    if (q.kind === 'true-false') {
      var t = cs[0].checked ? 'true' : cs[1].checked ? 'false' : '';
      return { type: 'true-false', value: v12 ? t.charAt(0) : t };
    }
    if (q.kind === 'matching' || q.kind === 'ordering') {
      var pairs = [];
      cs.forEach(function (s, i) { if (s.value !== '') pairs.push(v12 ? letter(i) + '.' + letter(+s.value) : 'l' + (i + 1) + '[.]r' + (+s.value + 1)); });
      if (q.kind === 'ordering') {
        // The places the learner gave, as the steps in that order.
        var order = [];
        cs.forEach(function (s, i) { if (s.value !== '') order[+s.value] = v12 ? letter(i) : 's' + (i + 1); });
        return { type: 'sequencing', value: order.filter(function (x) { return x !== undefined; }).join(v12 ? ',' : '[,]') };
      }
      return { type: 'matching', value: pairs.join(v12 ? ',' : '[,]') };
    }
    var typed = cs[0].value.trim();
    if (q.kind === 'numeric') {
      var n = Number(typed.replace(',', '.'));
      return { type: 'numeric', value: typed !== '' && isFinite(n) ? String(n) : '' };
    }
    return { type: 'fill-in', value: v12 ? text12(typed) : text2004(typed) };
  }
  function report(n) {
    var q = items[n], box = boxes[n];
    var r = response(q, box);
    var index = reported[n] !== undefined ? reported[n] : Number(get(v12 ? 'cmi.interactions._count' : 'cmi.interactions._count')) || 0;
    reported[n] = index;
    var base = 'cmi.interactions.' + index + '.';
    var right = box.dataset.marked === 'right';
    set(base + 'id', v12 ? q.id : 'urn:coachkit:' + config.pack + ':' + q.id);
    set(base + 'type', r.type);
    if (!v12) set(base + 'description', text2004(q.prompt));
    if (r.value !== '' || r.type === 'choice') set(base + (v12 ? 'student_response' : 'learner_response'), r.value);
    set(base + 'result', right ? 'correct' : (v12 ? 'wrong' : 'incorrect'));
    set(base + 'weighting', q.points);
    set(base + (v12 ? 'time' : 'timestamp'), now());
  }
  // When the question was checked, in the learner's local time: 1.2 CMITime, 2004 time(second,10,0).
  function now() {
    var d = new Date(), two = function (x) { return (x < 10 ? '0' : '') + x; };
    var time = two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds());
    return v12 ? time : d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + 'T' + time;
  }
  function save() {
    var answers = boxes.map(function (box) { return { v: state(box), c: box.dataset.earned !== undefined ? 1 : 0 }; });
    var data = JSON.stringify(answers);
    if (data.length <= (v12 ? 4096 : 64000)) set(v12 ? 'cmi.suspend_data' : 'cmi.suspend_data', data);
  }
  function elapsed() {
    var s = Math.max(0, (Date.now() - started) / 1000);
    if (!v12) return 'PT' + Math.floor(s / 3600) + 'H' + Math.floor(s % 3600 / 60) + 'M' + (Math.round(s % 60 * 100) / 100) + 'S';
    var two = function (x) { return (x < 10 ? '0' : '') + x; };
    return two(Math.floor(s / 3600)) + ':' + two(Math.floor(s % 3600 / 60)) + ':' + two(Math.floor(s % 60)) + '.' + two(Math.floor(s * 100) % 100);
  }
  function scores() {
    var p = percent();
    if (v12) {
      set('cmi.core.score.min', 0); set('cmi.core.score.max', 100); set('cmi.core.score.raw', p);
    } else {
      set('cmi.score.min', 0); set('cmi.score.max', 100); set('cmi.score.raw', p);
      set('cmi.score.scaled', Math.round(p * 100) / 10000);
    }
    return p;
  }
  // The LMS's passing score where it gives one (from the manifest, or set by an administrator).
  function passing() {
    var lms = parseFloat(get(v12 ? 'cmi.student_data.mastery_score' : 'cmi.scaled_passing_score'));
    if (isFinite(lms)) return v12 ? lms : lms * 100;
    return config.passing;
  }
  // The score is sent once every question is checked, never before: an LMS that decides passed
  // or failed from the score itself (1.2 with a mastery score, 2004 with a scaled passing score)
  // would otherwise record a learner who stops half-way as failed instead of incomplete.
  function end(complete) {
    if (finished) return;
    finished = true;
    var pass = complete && scores() >= passing() - 1e-9;
    if (v12) {
      set('cmi.core.lesson_status', complete ? (pass ? 'passed' : 'failed') : 'incomplete');
      set('cmi.core.exit', complete ? '' : 'suspend');
      set('cmi.core.session_time', elapsed());
    } else {
      set('cmi.completion_status', complete ? 'completed' : 'incomplete');
      set('cmi.success_status', complete ? (pass ? 'passed' : 'failed') : 'unknown');
      set('cmi.exit', complete ? 'normal' : 'suspend');
      set('cmi.session_time', elapsed());
    }
    save();
    commit();
    call(v12 ? 'LMSFinish' : 'Terminate', '');
  }

  // A returning learner: their answers, their checked questions and their place come back.
  var entry = get(v12 ? 'cmi.core.entry' : 'cmi.entry');
  var saved = get('cmi.suspend_data');
  if (entry === 'resume' && saved) {
    try {
      JSON.parse(saved).forEach(function (a, n) {
        if (!boxes[n]) return;
        restore(boxes[n], a.v);
        if (a.c) boxes[n].querySelector('button').click();
      });
    } catch (e) { /* a record another package left: start afresh */ }
    var place = document.getElementById(get(v12 ? 'cmi.core.lesson_location' : 'cmi.location'));
    if (place) { place.scrollIntoView(); var first = place.querySelector('input, select'); if (first) first.focus(); }
  }
  if (v12) set('cmi.core.lesson_status', 'incomplete');
  else set('cmi.completion_status', 'incomplete');

  // After the page has marked a question (its own click handler runs first).
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('fieldset.question > button');
    if (!button || finished) return;
    var n = boxes.indexOf(button.parentNode);
    report(n);
    set(v12 ? 'cmi.core.lesson_location' : 'cmi.location', button.parentNode.id);
    save();
    commit();
  });
  var finish = document.createElement('button');
  finish.type = 'button';
  finish.id = 'finish';
  finish.textContent = 'Finish and send my score';
  // What finishing did, said in a status element so that screen readers announce it.
  var sent = document.createElement('p');
  sent.id = 'finish-status';
  sent.setAttribute('role', 'status');
  finish.addEventListener('click', function () {
    var done = earned().done;
    end(done === boxes.length);
    finish.disabled = true;
    sent.textContent = done === boxes.length
      ? 'Your score is sent. You may close this page.'
      : 'Your answers are saved (' + done + ' of ' + boxes.length + ' questions checked); ' +
        'open this module again to check the others and send your score.';
  });
  document.getElementById('score').insertAdjacentElement('afterend', finish);
  finish.insertAdjacentElement('afterend', sent);
  // Leaving: complete when every question was checked, else suspended for a later return.
  function leave() { end(earned().done === boxes.length); }
  window.addEventListener('pagehide', leave);
  window.addEventListener('beforeunload', leave);
})();
)JS";
}

}  // namespace quiz
