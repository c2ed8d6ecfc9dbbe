// Reads the self-check page as a screen reader does: chromium's accessibility tree, through
// puppeteer-core's page.accessibility.snapshot() and the DevTools protocol's full tree (which
// also tells live regions). Answers the first question with the keyboard alone (Tab to its
// first choice, Space, Tab to "Check answer", Enter) and prints, as JSON:
//   groups: [{name, controls: [{role, name}]}]   each question's group and its controls
//   live: [{name, live}]                           every live region's text after marking
//   focusVisible: whether the focused control draws an outline
// Usage: node self_check_tree.js NODE_MODULES PAGE PROFILE_DIR
'use strict';
const path = require('path');
const puppeteer = require(path.resolve(process.argv[2], 'puppeteer-core'));
const pageFile = process.argv[3];
const profile = process.argv[4];

function groups(tree) {
  const out = [];
  (function walk(node) {
    if (!node) return;
    if (node.role === 'group') {
      const controls = [];
      (function inside(n) {
        if (['radio', 'checkbox', 'combobox', 'textbox', 'button'].includes(n.role)) {
          controls.push({ role: n.role, name: n.name || '' });
        }
        (n.children || []).forEach(inside);
      })(node);
      out.push({ name: node.name || '', controls });
      return;
    }
    (node.children || []).forEach(walk);
  })(tree);
  return out;
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    userDataDir: profile,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto('file://' + path.resolve(pageFile), { waitUntil: 'load' });
    const before = groups(await page.accessibility.snapshot({ interestingOnly: false }));
    // Keyboard only: the first Tab reaches the first question's first control.
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const e = document.activeElement;
      const style = getComputedStyle(e);
      return { tag: e.tagName, outline: style.outlineStyle !== 'none' &&
               parseFloat(style.outlineWidth) >= 2 };
    });
    await page.keyboard.press('Space');
    for (let i = 0; i < 30; ++i) {
      const tag = await page.evaluate(() => document.activeElement.tagName);
      if (tag === 'BUTTON') break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    const client = await page.createCDPSession();
    const { nodes } = await client.send('Accessibility.getFullAXTree');
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    function text(n) {
      if (!n) return '';
      if (n.role && n.role.value === 'StaticText') return n.name ? n.name.value : '';
      return (n.childIds || []).map((id) => text(byId.get(id))).join('');
    }
    const live = [];
    for (const n of nodes) {
      const p = (n.properties || []).find((q) => q.name === 'live');
      const root = (n.properties || []).find((q) => q.name === 'liveRegionRoot');
      if (p && p.value.value !== 'off' && !root) live.push({ live: p.value.value, name: text(n) });
    }
    process.stdout.write(JSON.stringify({ groups: before, live, focus }));
  } finally {
    await browser.close();
  }
})().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + '\n');
  process.exit(1);
});
