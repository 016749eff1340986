// Regenerates the README's screenshots (docs/screenshots/) from the built site in headless
// Chromium: the home page and two lessons, each at a 1280 px desktop and a 360 px phone, as the
// reader first sees them once the widget on screen has drawn.
//
//   node build-scripts/screenshot.mjs [site folder, default build/site]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { launchChromium } = require('../tests/chromium.js');

const OUT = 'docs/screenshots';
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 360, height: 740 },
];
// name, page (opened at the lesson's live widget, as a "try this" link does), widget to wait for
const SHOTS = [
  ['home', 'index.html', '.hero-widget descent-gd'],
  ['lesson-gradient-descent', 'lessons/gradient-descent.html#live-gd', '#gd'],
  ['lesson-perceptron-and-xor', 'lessons/perceptron-and-xor.html#live-perceptron', '#perceptron'],
];
const JPEG_QUALITY = 85;

const siteRoot = path.resolve(process.argv[2] ?? 'build/site');
fs.mkdirSync(OUT, { recursive: true });
const browser = await launchChromium();
for (const viewport of VIEWPORTS) {
  // A fresh profile per viewport: no progress from earlier shots on the home page.
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  for (const [name, page, widget] of SHOTS) {
    const tab = await context.newPage();
    const [file, hash = ''] = page.split('#');
    await tab.goto(pathToFileURL(path.join(siteRoot, file)).href + (hash ? `#${hash}` : ''));
    // Drawn by the core (the base class counts renders), then no redraw for half a second.
    await tab.waitForFunction((selector) => document.querySelector(selector)?.renderCount > 0, widget);
    await tab.waitForFunction(
      (selector) =>
        new Promise((resolve) => {
          const before = document.querySelector(selector).renderCount;
          setTimeout(() => resolve(document.querySelector(selector).renderCount === before), 500);
        }),
      widget,
    );
    const out = path.join(OUT, `${name}-${viewport.width}.jpg`);
    await tab.screenshot({ path: out, type: 'jpeg', quality: JPEG_QUALITY });
    await tab.close();
    console.log(`wrote ${out} (${(fs.statSync(out).size / 1024).toFixed(0)} KB)`);
  }
  await context.close();
}
await browser.close();
