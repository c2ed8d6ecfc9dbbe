// Scripted learners for the SCORM SCO (../shared/real-clients/scorm/harness/run_sco.js --act).
// The right answers come from the page's own quiz data; LEARNER picks what the learner does:
//   all-right  every question answered right, checked, then Finish
//   some-wrong the first question answered wrong, every other right, then Finish
//   half-way   the first half answered right and checked, then the learner leaves
module.exports = (learner) => async (ctx) => {
  const sco = ctx.sco;
  const items = await sco.evaluate(() => JSON.parse(document.getElementById('quiz-data').textContent).items);
  const count = learner === 'half-way' ? Math.ceil(items.length / 2) : items.length;
  for (let n = 0; n < count; n++) {
    const wrong = learner === 'some-wrong' && n === 0;
    await sco.evaluate((n, wrong) => {
      const q = JSON.parse(document.getElementById('quiz-data').textContent).items[n];
      const box = document.getElementById('q' + (n + 1));
      const inputs = Array.from(box.querySelectorAll('input'));
      const selects = Array.from(box.querySelectorAll('select'));
      const set = (el, value) => { el.value = value; el.dispatchEvent(new Event('change', { bubbles: true })); };
      if (q.kind === 'single' || q.kind === 'multiple') {
        inputs.forEach((c, i) => { c.checked = wrong ? q.weights[i] <= 0 : q.weights[i] > 0; });
      } else if (q.kind === 'true-false') {
        inputs[(q.truth !== wrong) ? 0 : 1].checked = true;
      } else if (q.kind === 'matching') {
        selects.forEach((s, i) => set(s, String(q.matches.indexOf(q.rights[(i + (wrong ? 1 : 0)) % q.rights.length]))));
      } else if (q.kind === 'ordering') {
        selects.forEach((s, i) => set(s, String((q.steps.indexOf(q.shown[i]) + (wrong ? 1 : 0)) % q.steps.length)));
      } else if (q.kind === 'short') {
        inputs[0].value = wrong ? 'not it [,] {lang=xx}' : q.accepted[0];
      } else {
        inputs[0].value = String(wrong ? q.number + q.tolerance + 1 : q.number);
      }
      box.querySelector('button').click();
    }, n, wrong);
  }
  ctx.log('answered', count, 'of', items.length);
  if (learner !== 'half-way') {
    await ctx.click('#finish');
    await ctx.sleep(300);
  }
};
