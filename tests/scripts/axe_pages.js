// Runs axe-core (through @axe-core/puppeteer) on HTML pages in Debian's headless chromium and
// prints every violation of the WCAG 2.0, 2.1 and 2.2 A and AA rules, one line each:
//   FILE: RULE (IMPACT) TARGET: WHAT
// Exits 1 if any page has one, 2 if a page cannot be read. Each page is checked as it loads and
// again after every "Check answer" button on it has been pressed (the self-check's marked state).
// Usage: node axe_pages.js NODE_MODULES PROFILE_DIR PAGE...
'use strict';
const path = require('path');
const modules = path.resolve(process.argv[2]);
const puppeteer = require(path.join(modules, 'puppeteer-core'));
const { AxePuppeteer } = require(path.join(modules, '@axe-core/puppeteer'));
const profile = process.argv[3];
const pages = process.argv.slice(4);
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

async function violations(page, name) {
  // @axe-core/puppeteer gives a loaded page one second to say so, which a busy machine misses:
  // that, and only that, is tried again.
  let results;
  for (let attempt = 1; !results; ++attempt) {
    try {
      results = await new AxePuppeteer(page).withTags(tags).analyze();
    } catch (error) {
      if (attempt >= 5 || !/not ready/.test(String(error && error.message))) throw error;
    }
  }
  const lines = [];
  for (const v of results.violations) {
    for (const node of v.nodes) {
      lines.push(name + ': ' + v.id + ' (' + v.impact + ') ' + node.target.join(' ') + ': ' +
                 (node.failureSummary || v.help).replace(/\s+/g, ' '));
    }
  }
  return { lines, passes: results.passes.length };
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    userDataDir: profile,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  let found = 0;
  try {
    for (const file of pages) {
      const page = await browser.newPage();
      await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
      const first = await violations(page, file);
      if (first.passes === 0) throw new Error(file + ': axe ran no rule');
      let lines = first.lines;
      // Not among axe's WCAG rules, but asked of every page: one h1, and no heading level
      // skipped on the way down, among the headings a reader is shown.
      const levels = await page.$$eval('h1,h2,h3,h4,h5,h6', (hs) => hs
        .filter((h) => h.getClientRects().length > 0)
        .map((h) => Number(h.tagName[1])));
      const ones = levels.filter((l) => l === 1).length;
      if (ones !== 1) lines.push(file + ': ' + ones + ' h1 headings shown, not 1');
      levels.forEach((l, i) => {
        if (i && l > levels[i - 1] + 1) {
          lines.push(file + ': heading h' + l + ' follows h' + levels[i - 1] + ' (heading ' +
                     (i + 1) + ')');
        }
      });
      // Mark every question (with nothing chosen, and with the first choice chosen) so the
      // result boxes' colours and names are checked as well. The buttons are pressed from inside
      // the page: what is checked here is the marked state, not the pointer (the keyboard is
      // tested in QuizReaders.SelfCheckPageMarksAnswersGivenWithTheKeyboardAlone), and moving the
      // pointer to each of a quiz's buttons took most of this script's time. press() returns how
      // many buttons it pressed.
      const press = () => page.$$eval('fieldset button', (bs) => {
        bs.forEach((b) => b.click());
        return bs.length;
      });
      if (await press()) {
        await page.$$eval('fieldset', (boxes) => boxes.forEach((box) => {
          const input = box.querySelector('input[type=radio],input[type=checkbox]');
          if (input) input.checked = true;
        }));
        await press();
        const marked = await violations(page, file + ' (marked)');
        lines = lines.concat(marked.lines);
      }
      await page.close();
      for (const line of lines) process.stdout.write(line + '\n');
      found += lines.length;
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(pages.length + ' pages, ' + found + ' violations\n');
  process.exit(found ? 1 : 0);
})().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + '\n');
  process.exit(2);
});
