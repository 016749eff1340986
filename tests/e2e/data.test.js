// The data files next to descent.js in Chromium: Descent.loadDigits() loads data/digits.js once, on
// demand, resolved against descent.js's own URL — from file:// (also from a page in another folder
// than descent.js), from the local server and under a strict Content-Security-Policy — and says
// which file is missing, or refused by the page's policy, and why.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, siteUrls, openPage, siteRoot } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

const STRICT_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

// What the page sees of the digits, loaded by two concurrent calls and a later one.
function readDigits(page) {
  return page.evaluate(async () => {
    const [first, second] = await Promise.all([window.Descent.loadDigits(), window.Descent.loadDigits()]);
    const later = await window.Descent.loadDigits();
    const perClass = (labels) => {
      const counts = new Array(10).fill(0);
      for (const label of labels) counts[label]++;
      return counts;
    };
    let sum = 0;
    for (const value of first.train.pixels) sum += value;
    return {
      shared: first === second && first === later,
      shape: [first.width, first.height, first.classes],
      train: [first.train.count, first.train.pixels.length, first.train.labels.length],
      test: [first.test.count, first.test.pixels.length, first.test.labels.length],
      trainPerClass: perClass(first.train.labels),
      testPerClass: perClass(first.test.labels),
      firstLabels: [first.train.labels[0], first.test.labels[0]],
      meanLevel: sum / first.train.pixels.length,
      credit: first.credit,
      dataScripts: [...document.scripts].filter((script) => script.src.endsWith('/data/digits.js')).length,
      leftInRegistry: Object.keys(globalThis.DescentData ?? {}),
    };
  });
}

function assertDigits(seen, how) {
  assert.equal(seen.shared, true, `${how}: concurrent and later calls share one load`);
  assert.deepEqual(seen.shape, [28, 28, 10], how);
  assert.deepEqual(seen.train, [5000, 5000 * 784, 5000], how);
  assert.deepEqual(seen.test, [1000, 1000 * 784, 1000], how);
  assert.deepEqual(seen.trainPerClass, new Array(10).fill(500), how);
  assert.deepEqual(seen.testPerClass, new Array(10).fill(100), how);
  // The seeded split's first images (build-scripts/data/digits.mjs, seed 1998): a 1 and a 7.
  assert.deepEqual(seen.firstLabels, [1, 7], how);
  assert.ok(Math.abs(seen.meanLevel - 33.3) < 1.5, `${how}: mean grey level ${seen.meanLevel}`);
  assert.match(seen.credit, /MNIST.*LeCun.*Cortes.*Burges.*CC BY-SA 3\.0/, how);
  assert.equal(seen.dataScripts, 0, `${how}: the <script> is removed once it has run`);
  assert.deepEqual(seen.leftInRegistry, [], `${how}: the payload is not kept twice`);
}

for (const pagePath of ['embed-example.html', 'lessons/gradient-descent.html']) {
  test(`Descent.loadDigits() on ${pagePath}, from file:// and the local server`, async () => {
    for (const [how, url] of siteUrls(baseUrl, pagePath)) {
      const { page, context, problems } = await openPage(browser);
      await page.goto(url);
      assert.equal(await page.evaluate(() => globalThis.DescentData), undefined, 'nothing loaded before the call');
      assertDigits(await readDigits(page), `${how} ${pagePath}`);
      assert.deepEqual(problems, [], `${how} ${pagePath}`);
      await context.close();
    }
  });
}

// A page on the loopback server sent with `policy`; records the violations the page reports.
async function openPolicyPage(policy) {
  const opened = await openPage(browser);
  await opened.page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.cspViolations.push(`${event.effectiveDirective} refused ${event.blockedURI}`),
    );
  });
  await opened.page.route(`${baseUrl}/lessons/strict-csp.html`, (route) =>
    route.fulfill({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy },
      body:
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict CSP</title>' +
        '<script src="../descent.js"></script></head><body><p>Digits</p></body></html>',
    }),
  );
  await opened.page.goto(`${baseUrl}/lessons/strict-csp.html`);
  return opened;
}

test(`Descent.loadDigits() under "${STRICT_POLICY}"`, async () => {
  const { page, context, problems } = await openPolicyPage(STRICT_POLICY);
  assertDigits(await readDigits(page), 'strict policy');
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a policy that allows descent.js but not data/digits.js: the error says so', async () => {
  const policy = `default-src 'self'; script-src ${baseUrl}/descent.js 'wasm-unsafe-eval'; style-src 'self'`;
  const { page, context } = await openPolicyPage(policy);
  const error = await page.evaluate(() =>
    window.Descent.loadDigits().then(
      () => 'loaded',
      (reason) => reason.message,
    ),
  );
  assert.equal(
    error,
    `could not load data/digits.js next to descent.js (${baseUrl}/data/digits.js): the page's ` +
      "Content-Security-Policy refused it (its script-src must allow the address of descent.js's folder)",
  );
  assert.deepEqual(await page.evaluate(() => window.cspViolations), [
    `script-src-elem refused ${baseUrl}/data/digits.js`,
  ]);
  await context.close();
});

test('descent.js copied without its data/ folder: the error names the file, and a retry works', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'descent-no-data-'));
  try {
    for (const file of ['descent.js', 'embed-example.html']) {
      fs.copyFileSync(path.join(siteRoot, file), path.join(dir, file));
    }
    const { page, context } = await openPage(browser);
    await page.goto(pathToFileURL(path.join(dir, 'embed-example.html')).href);
    const load = () =>
      page.evaluate(() =>
        window.Descent.loadDigits().then(
          () => 'loaded',
          (reason) => reason.message,
        ),
      );
    const [first, second] = await Promise.all([load(), load()]);
    const missing = pathToFileURL(path.join(dir, 'data', 'digits.js')).href;
    const message =
      `could not load data/digits.js next to descent.js (${missing}): ` +
      'the file is missing: copy the data/ folder that comes with descent.js next to it';
    assert.equal(first, message);
    assert.equal(second, message);
    // The failure is not kept: with the folder copied, the next call loads the digits.
    fs.mkdirSync(path.join(dir, 'data'));
    fs.copyFileSync(path.join(siteRoot, 'data', 'digits.js'), path.join(dir, 'data', 'digits.js'));
    assert.equal(await page.evaluate(() => window.Descent.loadDigits().then((digits) => digits.train.count)), 5000);
    await context.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the data folder is found next to descent.js, not the page, whatever descent.js's name", async () => {
  // descent.js renamed and in a sub-folder: only its own URL (document.currentScript) leads there.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'descent-elsewhere-'));
  try {
    fs.mkdirSync(path.join(dir, 'lib', 'data'), { recursive: true });
    fs.copyFileSync(path.join(siteRoot, 'descent.js'), path.join(dir, 'lib', 'descent-1.0.js'));
    fs.copyFileSync(path.join(siteRoot, 'data', 'digits.js'), path.join(dir, 'lib', 'data', 'digits.js'));
    fs.writeFileSync(
      path.join(dir, 'page.html'),
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Elsewhere</title>' +
        '<script src="lib/descent-1.0.js"></script></head><body></body></html>',
    );
    const { page, context, problems } = await openPage(browser);
    await page.goto(pathToFileURL(path.join(dir, 'page.html')).href);
    assert.equal(await page.evaluate(() => window.Descent.loadDigits().then((digits) => digits.test.count)), 1000);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
