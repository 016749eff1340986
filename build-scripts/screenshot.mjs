// Regenerates the README screenshot (www/images/screenshot.png) from the built
// site in headless Chromium. Usage: node build-scripts/screenshot.mjs [page] [out] [width]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { launchChromium } = require('../tests/chromium.js');

const [page = 'lessons/gradient-descent.html', out = 'www/images/screenshot.png', width = '1100'] =
  process.argv.slice(2);
const browser = await launchChromium();
const tab = await browser.newPage({ viewport: { width: Number(width), height: 900 }, deviceScaleFactor: 1 });
const [pagePath, hash = ''] = page.split('#');
await tab.goto(pathToFileURL(path.resolve('build/site', pagePath)).href + (hash ? `#${hash}` : ''));
const widget = tab.locator('descent-gd').first();
await widget.scrollIntoViewIfNeeded();
await tab.locator('descent-gd [data-role=readout]').filter({ hasText: 'After' }).first().waitFor();
await widget.screenshot({ path: out });
await browser.close();
console.log(`wrote ${out}`);
