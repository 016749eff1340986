// Start-up of the built site in Chromium, from file:// as an offline reader opens it: for each
// page, several fresh loads, each timed from navigation to
//   parsed        DOMContentLoaded (descent.js and the page's HTML parsed and run)
//   core ready    the WebAssembly core inflated, compiled and instantiated (mark in www/js/core.js)
//   first widget  the animation frame that shows the first widget's first result
// and prints the fastest and the median load. Run after build-scripts/build.sh
// (build-scripts/bench.sh runs it).
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { launchChromium } from '../chromium.js';

const LOADS = 7;
const GOAL_MS = 300; // docs/DESIGN: first widget painted ≤ 300 ms after navigation from file://
const siteRoot = path.resolve(process.env.DESCENT_SITE_DIR ?? 'build/site');
// Opened at the widget, as a reader following a link to it does (widgets start when visible);
// the home page as it opens: its hero widget is in the first screen.
const PAGES = ['index.html', 'embed-example.html', 'lessons/gradient-descent.html#gd', 'lessons/optimizers.html#race'];

const browser = await launchChromium();

const pad = (text, width) => String(text).padEnd(width);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fixed = (ms) => ms.toFixed(0).padStart(6);

console.log(
  `${pad(`start-up from file:// (Chromium, ${LOADS} fresh loads each)`, 62)}  parsed  core ready  first widget`,
);
let fastestOverall = Infinity;
for (const page of PAGES) {
  const loads = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    // The first widget's first 'descent-update' (its first result drawn), then the frame that shows it.
    await tab.addInitScript(() => {
      const onFirstUpdate = () => {
        document.removeEventListener('descent-update', onFirstUpdate, true);
        requestAnimationFrame(() => (window.firstWidgetAt = performance.now()));
      };
      document.addEventListener('descent-update', onFirstUpdate, true); // capture: the event does not bubble
    });
    const [file, hash = ''] = page.split('#');
    await tab.goto(pathToFileURL(path.join(siteRoot, file)).href + (hash ? `#${hash}` : ''));
    await tab.waitForFunction(() => window.firstWidgetAt !== undefined, null, { timeout: 30000 });
    loads.push(
      await tab.evaluate(() => {
        const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
        return {
          parsed: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
          coreReady: at('descent:core-ready'),
          firstWidget: window.firstWidgetAt,
        };
      }),
    );
    await context.close();
  }
  const fastest = loads.reduce((best, load) => (load.firstWidget < best.firstWidget ? load : best));
  fastestOverall = Math.min(fastestOverall, fastest.firstWidget);
  for (const [label, load] of [
    ['fastest', fastest],
    [
      'median',
      {
        parsed: median(loads.map((l) => l.parsed)),
        coreReady: median(loads.map((l) => l.coreReady)),
        firstWidget: median(loads.map((l) => l.firstWidget)),
      },
    ],
  ]) {
    console.log(
      `${pad(`  ${page} (${label})`, 62)}${fixed(load.parsed)}  ${fixed(load.coreReady)}      ${fixed(load.firstWidget)}`,
    );
  }
}
console.log(`(ms after navigation; goal: first widget ≤ ${GOAL_MS} ms on every page, fastest load)`);
await browser.close();
