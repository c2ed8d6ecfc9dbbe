// Drives `coachkit serve` in Debian's headless chromium (puppeteer-core), as an author would:
// opens the index, follows it to a handout, then saves the principle file (written beside it and
// renamed over it, as editors do) and watches the open page: an edit changes the page, a broken
// edit shows its FILE:LINE:COL above the last good page, a fix clears it. Prints what it saw,
// with the save-to-change times, as JSON; exits 1 when something never arrived.
// Usage: node serve_drive.js NODE_MODULES INDEX_URL HANDOUT_PATH PRINCIPLE_FILE PROFILE_DIR [EDITS]
'use strict';
const fs = require('fs');
const path = require('path');
const puppeteer = require(path.resolve(process.argv[2], 'puppeteer-core'));
const [index_url, handout_path, principle_file, profile] = process.argv.slice(3, 7);
const edits = Number(process.argv[7] || 1);
const kTimeout = 60000;

// A save while the server still renders the previous save's PDFs waits for them: time from idle.
async function idle() {
  const start = Date.now();
  while (Date.now() - start < kTimeout * 5) {
    const index = await (await fetch(index_url)).text();
    if (!index.includes('rebuilding')) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

function save(text) {
  const scratch = principle_file + '.tmp';
  fs.writeFileSync(scratch, text);
  fs.renameSync(scratch, principle_file);
}

// What the page shows now, across reloads ('' while it is between two documents).
async function shown(page) {
  try {
    return await page.evaluate(() => {
      const banner = document.getElementById('coachkit-live-problems');
      return JSON.stringify({ body: document.body ? document.body.innerText : '',
                              banner: banner ? banner.innerText : '' });
    });
  } catch (e) {
    return JSON.stringify({ body: '', banner: '' });
  }
}

async function until(page, test, what) {
  const start = Date.now();
  while (Date.now() - start < kTimeout) {
    const now = JSON.parse(await shown(page));
    if (test(now)) return { ms: Date.now() - start, now };
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('never arrived: ' + what + '; the page shows ' + (await shown(page)));
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    userDataDir: profile,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const result = { reload_ms: [], problem_ms: null, fix_ms: null };
  try {
    const page = await browser.newPage();
    await page.goto(index_url, { waitUntil: 'load' });
    const link = await page.$('a[href="/' + handout_path + '"]');
    if (!link) throw new Error('the index has no link to ' + handout_path);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link.click()]);
    const original = fs.readFileSync(principle_file, 'utf8');
    if (!/^summary = ".*"$/m.test(original)) throw new Error('no summary line to edit');
    let text = original;
    for (let i = 0; i < edits; ++i) {
      const marker = 'Edited while serving ' + i + ' ' + Date.now();
      text = original.replace(/^summary = ".*"$/m, 'summary = "' + marker + '"');
      await idle();
      save(text);
      const seen = await until(page, (now) => now.body.includes(marker), 'the edit');
      result.reload_ms.push(seen.ms);
    }
    const broken = text.replace(/^title = .*$/m, 'title = 12');
    await idle();
    save(broken);
    const line = broken.split('\n').findIndex((l) => l === 'title = 12') + 1;
    const where = path.basename(principle_file) + ':' + line + ':';
    const problem = await until(page, (now) => now.banner.includes(where), 'the problem');
    result.problem_ms = problem.ms;
    result.banner = problem.now.banner;
    result.kept_last_good = problem.now.body.includes('Edited while serving');
    // FILE:LINE:COL, the message, and the offending line quoted.
    const position = new RegExp(where.replace(/[.]/g, '\\.') + '[0-9]+: .+');
    if (!position.test(problem.now.banner) || !problem.now.banner.includes('title = 12')) {
      throw new Error('the banner lacks FILE:LINE:COL or the quoted line: ' + problem.now.banner);
    }
    if (!result.kept_last_good) throw new Error('the last good page went: ' + problem.now.body);
    const fixed_marker = 'Fixed while serving ' + Date.now();
    await idle();
    save(original.replace(/^summary = ".*"$/m, 'summary = "' + fixed_marker + '"'));
    const fixed = await until(page, (now) => now.body.includes(fixed_marker) && now.banner === '',
                              'the fix');
    result.fix_ms = fixed.ms;
    save(original);
    console.log(JSON.stringify(result));
  } catch (e) {
    console.error(String(e));
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
})();
