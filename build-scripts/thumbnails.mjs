#!/usr/bin/env node
// The course map's lesson pictures: each lesson's first widget, set up as the lesson sets it up,
// photographed in headless Chromium from the built site and written as a small WebP.
//
//   node build-scripts/thumbnails.mjs --site build/site --out build/thumbnails
//
// then `build-site.mjs --thumbnails build/thumbnails` puts them on the cards (build-scripts/build.sh
// does both). The picture is the widget's largest canvas or SVG (its plot), cropped to the card's
// 280 × 170 shape and scaled to twice that, for HiDPI screens.
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const { launchChromium } = require('../tests/chromium.js');

const CARD = { width: 280, height: 170 };
const SCALE = 2;
const WEBP_QUALITY = 0.55;
const PAGES_AT_ONCE = 3; // most of a page's time is waiting for its widget to settle
const SETTLE_MS = 600; // no redraw for this long: the widget shows its result
const SETTLE_TIMEOUT_MS = 5000; // a widget that keeps training is photographed as it is then
const MIN_PLOT = { minWidth: 200, minHeight: 120 }; // CSS px: smaller canvases are icons or sparklines

const { values } = parseArgs({ options: { site: { type: 'string' }, out: { type: 'string' } } });
if (!values.site || !values.out) {
  process.stderr.write('usage: node build-scripts/thumbnails.mjs --site build/site --out build/thumbnails\n');
  process.exit(2);
}
const siteRoot = path.resolve(values.site);
const outDir = path.resolve(values.out);
const lessonDir = path.join(siteRoot, 'lessons');
if (!fs.existsSync(lessonDir)) {
  process.stderr.write(`thumbnails: no lessons in ${siteRoot}: build the site first (build-site.mjs)\n`);
  process.exit(1);
}
const slugs = fs
  .readdirSync(lessonDir)
  .filter((name) => name.endsWith('.html'))
  .map((name) => name.replace(/\.html$/, ''))
  .sort();

// In the page: marks the lesson's first widget (data-thumbnail) and scrolls to it, so it starts.
function markFirstWidget() {
  const widget = [...document.querySelectorAll('article.lesson *')].find((el) => el.localName.startsWith('descent-'));
  widget?.setAttribute('data-thumbnail', '');
  widget?.scrollIntoView({ block: 'start' });
  return Boolean(widget);
}

// In the page: resolves when the widget has drawn and then not redrawn for settleMs.
function waitForWidget({ settleMs, timeoutMs }) {
  const target = document.querySelector('[data-thumbnail]');
  const started = performance.now();
  return new Promise((resolve) => {
    let lastCount = -1;
    let quietSince = performance.now();
    const check = () => {
      const now = performance.now();
      if (target.renderCount !== lastCount) {
        lastCount = target.renderCount;
        quietSince = now;
      }
      if ((lastCount > 0 && now - quietSince >= settleMs) || now - started > timeoutMs) resolve(lastCount > 0);
      else requestAnimationFrame(check);
    };
    check();
  });
}

// In the page: the widget's largest canvas or SVG on screen (its plot; a widget of numbers and
// buttons has none big enough: then its top), cropped (centred) to the card's shape, in viewport
// coordinates. Not a full-page shot: resizing the viewport to the page would make the widgets
// redraw. A tall widget's lower canvases lie below the viewport, which the screenshot cannot see.
function pictureClip({ cardAspect, minWidth, minHeight }) {
  const widget = document.querySelector('[data-thumbnail]');
  const candidates = [...(widget.shadowRoot ?? widget).querySelectorAll('canvas, svg')]
    .map((el) => el.getBoundingClientRect())
    .filter((rect) => rect.width >= minWidth && rect.height >= minHeight)
    .filter((rect) => rect.top >= 0 && rect.bottom <= innerHeight);
  const rect = candidates.reduce((best, r) => (r.width * r.height > best.width * best.height ? r : best), {
    width: 0,
    height: 0,
  });
  const plot = rect.width > 0;
  const box = plot ? rect : widget.getBoundingClientRect();
  let { width, height } = box;
  if (width / height > cardAspect) width = height * cardAspect;
  else height = width / cardAspect;
  return {
    x: box.left + (box.width - width) / 2,
    y: plot ? box.top + (box.height - height) / 2 : box.top,
    width,
    height,
  };
}

// PNG bytes (base64) → WebP bytes (base64) of the given size, drawn by the browser.
async function encodeWebp({ pngBase64, width, height, quality }) {
  const image = new Image();
  image.src = `data:image/png;base64,${pngBase64}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, 0, 0, width, height);
  return canvas.toDataURL('image/webp', quality).replace(/^data:image\/webp;base64,/, '');
}

// One lesson's picture, as WebP bytes; null for a lesson without a widget.
async function photograph(context, encoder, slug) {
  const page = await context.newPage();
  try {
    await page.goto(pathToFileURL(path.join(lessonDir, `${slug}.html`)).href);
    if (!(await page.evaluate(markFirstWidget))) return null;
    const drawn = await page.evaluate(waitForWidget, { settleMs: SETTLE_MS, timeoutMs: SETTLE_TIMEOUT_MS });
    if (!drawn) throw new Error(`the widget of lessons/${slug}.html did not draw`);
    const clip = await page.evaluate(pictureClip, { cardAspect: CARD.width / CARD.height, ...MIN_PLOT });
    const png = await page.screenshot({ clip });
    const webp = await encoder.evaluate(encodeWebp, {
      pngBase64: png.toString('base64'),
      width: CARD.width * SCALE,
      height: CARD.height * SCALE,
      quality: WEBP_QUALITY,
    });
    return Buffer.from(webp, 'base64');
  } finally {
    await page.close();
  }
}

const started = Date.now();
fs.mkdirSync(outDir, { recursive: true });
const browser = await launchChromium();
let total = 0;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, deviceScaleFactor: SCALE });
  const encoder = await context.newPage();
  const queue = [...slugs];
  const worker = async () => {
    for (let slug = queue.shift(); slug; slug = queue.shift()) {
      const webp = await photograph(context, encoder, slug);
      if (!webp) {
        fs.rmSync(path.join(outDir, `${slug}.webp`), { force: true }); // one from when it had a widget
        process.stdout.write(`  ${slug}: no widget, no picture\n`);
        continue;
      }
      fs.writeFileSync(path.join(outDir, `${slug}.webp`), webp);
      total += webp.length;
      process.stdout.write(`  ${slug}.webp ${String(webp.length).padStart(7)} bytes\n`);
    }
  };
  await Promise.all(Array.from({ length: PAGES_AT_ONCE }, worker));
} catch (error) {
  process.stderr.write(`thumbnails: ${error.message}\n`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
if (!process.exitCode) {
  process.stdout.write(
    `thumbnails: ${slugs.length} lessons, ${(total / 1024).toFixed(1)} KB, in ${((Date.now() - started) / 1000).toFixed(1)} s → ${path.relative(process.cwd(), outDir)}\n`,
  );
}
