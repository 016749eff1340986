// How long each widget can block the page: every registered widget, alone on the two-line embed
// page (file://) in Chromium, has each of its controls driven through its range as a learner
// would — a slider dragged from one end to the other (an input event per frame, then change),
// every option of a menu chosen, every checkbox flipped — while a long-task observer records
// the main thread's blocks. Prints the longest block per widget and the control that caused it.
// Goal (docs/DESIGN): no block over 50 ms anywhere. Run after build-scripts/build.sh.
//
//   node tests/bench/responsiveness.mjs [descent-sgd descent-race …]
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

import { launchChromium } from '../chromium.js';

const GOAL_MS = 50;
const SLIDER_POSITIONS = [0, 125, 250, 375, 500, 625, 750, 875, 1000]; // of the slider's 0…1000
const ACTION_TIMEOUT_MS = 180000;
const siteRoot = path.resolve(process.env.DESCENT_SITE_DIR ?? 'build/site');
const allTags = [...new Set(fs.readFileSync(path.join(siteRoot, 'embed.html'), 'utf8').match(/<descent-[a-z-]+/g))].map(
  (tag) => tag.slice(1),
);
const tags = process.argv.length > 2 ? process.argv.slice(2) : allTags;

const browser = await launchChromium();

const pad = (text, width) => String(text).padEnd(width);
console.log('longest main-thread block per widget (Chromium, file://)');
console.log(`${pad('widget', 34)}${pad('ms', 9)}caused by`);
const summary = [];
for (const tag of tags) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(pathToFileURL(path.join(siteRoot, 'embed-example.html')).href);
  await page.evaluate((tag) => {
    document.body.replaceChildren(document.createElement(tag));
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({
      type: 'longtask',
    });
  }, tag);
  await settle(page, tag);
  const controls = await page.evaluate((tag) => {
    const root = document.querySelector(tag).shadowRoot;
    const described = [];
    root.querySelectorAll('input[type=range], select, input[type=checkbox]').forEach((control, index) => {
      control.dataset.benchIndex = String(index);
      const label =
        control.getAttribute('aria-label') ||
        control.closest('.field')?.querySelector('label')?.textContent ||
        control.name ||
        control.type;
      described.push({ index, kind: control.type === 'select-one' ? 'select' : control.type, label: label.trim() });
    });
    return described;
  }, tag);

  const results = [];
  const opening = await takeLongTasks(page);
  results.push({ what: 'first load', ms: opening });
  for (const control of controls) {
    const ms = await drive(page, tag, control).catch((error) => {
      console.log(`  ${tag} ${control.label}: ${error.message.split('\n')[0]}`);
      return NaN;
    });
    if (!Number.isNaN(ms)) results.push({ what: `${control.kind} "${control.label}"`, ms });
  }
  const worst = results.reduce((a, b) => (b.ms > a.ms ? b : a), { ms: 0, what: '—' });
  summary.push({ tag, worst });
  console.log(`${pad(tag, 34)}${pad(worst.ms.toFixed(0), 9)}${worst.what}`);
  for (const result of results.filter((r) => r.ms > GOAL_MS && r !== worst).sort((a, b) => b.ms - a.ms)) {
    console.log(`${pad('', 34)}${pad(result.ms.toFixed(0), 9)}${result.what}`);
  }
  await context.close();
}
const over = summary.filter((s) => s.worst.ms > GOAL_MS);
console.log(
  `(${summary.length} widgets, ${over.length} over the ${GOAL_MS} ms goal; sliders dragged through ` +
    `${SLIDER_POSITIONS.length} positions, one per frame; each control returned to its value afterwards)`,
);
await browser.close();

// Drives one control, returns the longest block (ms) it caused, then puts the control back.
async function drive(page, tag, control) {
  const run = async (script, argument) => {
    await page.evaluate(script, argument);
    await settle(page, tag);
  };
  const args = { tag, index: control.index };
  const original = await page.evaluate(({ tag, index }) => {
    const input = document.querySelector(tag).shadowRoot.querySelector(`[data-bench-index="${index}"]`);
    if (!input || !input.isConnected || input.closest('[hidden]')) return null;
    return input.type === 'checkbox' ? input.checked : input.value;
  }, args);
  if (original === null) return NaN; // a control an earlier change removed or hid (e.g. another optimizer's)
  await takeLongTasks(page);
  if (control.kind === 'range') {
    await run(
      async ({ tag, index, positions }) => {
        const input = document.querySelector(tag).shadowRoot.querySelector(`[data-bench-index="${index}"]`);
        for (const position of positions) {
          input.value = String(position);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise((next) => requestAnimationFrame(next));
        }
        input.dispatchEvent(new Event('change', { bubbles: true }));
      },
      { ...args, positions: SLIDER_POSITIONS },
    );
  } else if (control.kind === 'select') {
    await run(async ({ tag, index }) => {
      const select = document.querySelector(tag).shadowRoot.querySelector(`[data-bench-index="${index}"]`);
      for (const option of [...select.options]) {
        select.value = option.value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        await new Promise((next) => requestAnimationFrame(next));
      }
    }, args);
  } else {
    await run(async ({ tag, index }) => {
      const box = document.querySelector(tag).shadowRoot.querySelector(`[data-bench-index="${index}"]`);
      box.click();
      await new Promise((next) => requestAnimationFrame(next));
    }, args);
  }
  const longest = await takeLongTasks(page);
  // Back to where it was (not measured), so the next control starts from the default setup.
  await run(
    ({ tag, index, original }) => {
      const input = document.querySelector(tag).shadowRoot.querySelector(`[data-bench-index="${index}"]`);
      if (!input) return;
      if (input.type === 'checkbox') {
        if (input.checked !== original) input.click();
        return;
      }
      input.value = original;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    { ...args, original },
  );
  await takeLongTasks(page);
  return longest;
}

// The longest long task recorded since the last call (0 when none), and a fresh record.
async function takeLongTasks(page) {
  return page.evaluate(() => {
    const longest = Math.max(0, ...window.longTasks);
    window.longTasks = [];
    return longest;
  });
}

// Waits until the widget has drawn, has nothing queued and has not drawn for two frames and then
// 100 ms (a live run keeps drawing: then until the deadline).
async function settle(page, tag) {
  const deadline = Date.now() + ACTION_TIMEOUT_MS;
  for (;;) {
    const quiet = await page.evaluate(
      (tag) =>
        new Promise((resolve) => {
          const widget = document.querySelector(tag);
          const before = widget.renderCount;
          const frame = () => new Promise((next) => requestAnimationFrame(next));
          frame()
            .then(frame)
            .then(() => new Promise((next) => setTimeout(next, 100)))
            .then(() => resolve(Boolean(widget.state) && !widget.updateQueued && widget.renderCount === before));
        }),
      tag,
    );
    if (quiet || Date.now() > deadline) return;
  }
}
