// Drives the self-check page in Debian's headless chromium (puppeteer-core) with the keyboard
// alone: for each [question text, answer] given, Tab to the question's first control, move to
// the answer with the arrow keys, select it with Space, Tab to "Check answer" and press Enter.
// Prints what the page then shows as JSON.
// Usage: node self_check_drive.js NODE_MODULES PAGE PROFILE_DIR '[["prompt part","answer"],…]'
'use strict';
const path = require('path');
const puppeteer = require(path.resolve(process.argv[2], 'puppeteer-core'));
const page_file = process.argv[3];
const profile = process.argv[4];
const answers = JSON.parse(process.argv[5]);

async function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    const box = e && e.closest('fieldset');
    return {
      tag: e ? e.tagName : '', type: e ? e.type || '' : '',
      label: e && e.parentElement && e.parentElement.tagName === 'LABEL' ? e.parentElement.textContent.trim() : '',
      text: e ? e.textContent.trim() : '',
      legend: box ? box.querySelector('legend').textContent : '',
    };
  });
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    userDataDir: profile,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const requests = [];
  try {
    const page = await browser.newPage();
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto('file://' + path.resolve(page_file), { waitUntil: 'load' });
    for (const [prompt, answer] of answers) {
      // Tab until a control of the wanted question has the focus.
      let f = await focused(page);
      for (let i = 0; i < 200 && !(f.legend.includes(prompt) && f.tag === 'INPUT'); ++i) {
        await page.keyboard.press('Tab');
        f = await focused(page);
      }
      if (!f.legend.includes(prompt)) throw new Error('no control for ' + prompt);
      for (let i = 0; i < 20 && f.label !== answer; ++i) {
        await page.keyboard.press('ArrowDown');
        f = await focused(page);
      }
      if (f.label !== answer) throw new Error('no choice "' + answer + '" in ' + prompt);
      await page.keyboard.press('Space');
      for (let i = 0; i < 20 && !(f.tag === 'BUTTON' && f.legend.includes(prompt)); ++i) {
        await page.keyboard.press('Tab');
        f = await focused(page);
      }
      await page.keyboard.press('Enter');
    }
    const shown = await page.evaluate(() => ({
      questions: Array.from(document.querySelectorAll('fieldset')).map((box) => ({
        legend: box.querySelector('legend').textContent,
        labels: Array.from(box.querySelectorAll('label')).map((l) => l.textContent.trim()),
        marked: box.dataset.marked || '',
        result: box.querySelector('.result').hidden ? '' : box.querySelector('.result').textContent,
      })),
      score: document.getElementById('score').textContent,
      scripts: document.querySelectorAll('script').length,
    }));
    shown.requests = requests;
    process.stdout.write(JSON.stringify(shown));
  } finally {
    await browser.close();
  }
})().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + '\n');
  process.exit(1);
});
