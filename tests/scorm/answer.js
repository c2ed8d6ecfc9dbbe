// Scripted learners for the SCORM SCO (../shared/real-clients/scorm/harness/run_sco.js --act).
// What to answer comes from a plan the test writes from the pack's TOML (tests/scorm/learner.py
// plan, in $SCORM_PLAN): choices, sides and steps by their text, never from the page's own quiz
// data, so a page that marks a wrong answer right is caught. The learner finds each question's
// controls by their labels, answers, presses "Check answer", and logs what it saw (one JSON line
// in act_log: labels, options, control values before and after, marks, focus, the handouts'
// links) for learner.py
// check. LEARNER picks what it does:
//   all-right  every question as the plan says (all right), then Finish
//   some-wrong the same, the plan having some answers wrong
//   half-way   the first half (in the page's order) answered and checked, then the learner leaves
//   resume     a returning learner: the questions already checked are left as they are, the
//              others answered, then Finish
const fs = require('fs');

module.exports = (learner) => async (ctx) => {
  const plan = JSON.parse(fs.readFileSync(process.env.SCORM_PLAN, 'utf8'));
  const seen = await ctx.sco.evaluate((plan, learner) => {
    const items = JSON.parse(document.getElementById('quiz-data').textContent).items;
    const boxes = Array.from(document.querySelectorAll('fieldset.question'));
    const controls = (box) => Array.from(box.querySelectorAll('input, select'));
    const state = (box) => controls(box).map((c) => (c.type === 'radio' || c.type === 'checkbox' ? (c.checked ? 1 : 0) : c.value));
    // A label's own text: a choice is its control then " text", a picker "text " then its select.
    const own = (label) => Array.from(label.childNodes).filter((x) => x.nodeType === 3).map((x) => x.textContent).join('');
    const set = (el, value) => { el.value = value; el.dispatchEvent(new Event('change', { bubbles: true })); };
    const active = document.activeElement && document.activeElement.closest ? document.activeElement.closest('fieldset.question') : null;
    const out = {
      markup: document.querySelectorAll('#questions b, #questions i, #questions script, #questions a, #questions img').length,
      focus: active ? active.id : null,
      handouts: Array.from(document.querySelectorAll('section[aria-labelledby=handouts-heading] a'))
        .map((a) => ({ href: a.getAttribute('href'), text: a.textContent, target: a.target })),
      boxes: [],
    };
    const count = learner === 'half-way' ? Math.ceil(boxes.length / 2) : boxes.length;
    boxes.forEach((box, n) => {
      const id = items[n].id;
      const q = plan.questions[id];
      if (!q) throw new Error(`question ${id} (box ${n + 1}) is not in the plan`);
      const labels = Array.from(box.querySelectorAll('label')).map(own);
      const select = box.querySelector('select');
      const options = select ? Array.from(select.options).slice(1).map((o) => o.textContent) : [];
      const rec = { n: n + 1, box: box.id, id, legend: box.querySelector('legend').textContent, labels, options,
        before: state(box), marked_before: box.dataset.marked || null, answered: false };
      if (n < count && !(learner === 'resume' && box.dataset.marked)) {
        const cs = controls(box);
        const a = q.answer;
        if (q.kind === 'single' || q.kind === 'multiple') {
          cs.forEach((c, i) => { c.checked = a.pick.includes(labels[i].slice(1)); });
        } else if (q.kind === 'true-false') {
          cs[0].checked = a.truth; cs[1].checked = !a.truth;
        } else if (q.kind === 'matching') {
          cs.forEach((s, i) => set(s, String(options.indexOf(a.pairs[labels[i].slice(0, -1)]))));
        } else if (q.kind === 'ordering') {
          cs.forEach((s, i) => set(s, String(a.places[labels[i].slice(0, -1)])));
        } else {
          cs[0].value = a.text;
        }
        box.querySelector('button').click();
        rec.answered = true;
      }
      rec.after = state(box);
      rec.marked = box.dataset.marked || null;
      out.boxes.push(rec);
    });
    return out;
  }, plan, learner);
  ctx.log(JSON.stringify(seen));
  if (learner !== 'half-way') {
    await ctx.click('#finish');
    await ctx.sleep(300);
    const status = await ctx.sco.evaluate(() => document.getElementById('finish-status').textContent);
    ctx.log(JSON.stringify({ finish_status: status }));
  }
};
