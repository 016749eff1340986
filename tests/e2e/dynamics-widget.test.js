// <descent-dynamics> in Chromium: the verdict, bars and readout come from the
// core (checked against a second core instance in the page), controls change
// the bars, bad input is reported, NaN is a verdict, and it works from file://.
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, openPageWithWidget } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

// Opens the two-line embed page and adds a <descent-dynamics> with these attributes.
async function openWidget(attributes = {}, options = {}) {
  const opened = await openPageWithWidget(browser, baseUrl, {
    tag: 'descent-dynamics',
    id: 'dynamics',
    attributes,
    ...options,
  });
  await waitForRun(opened.page);
  return opened;
}

// The whole run is recorded (training happens over several animation frames).
async function waitForRun(page, check = () => true) {
  await page.waitForFunction(
    (source) => {
      const widget = document.getElementById('dynamics');

      return (
        Boolean(widget?.run) && !widget.updateQueued && new Function('widget', `return (${source})(widget)`)(widget)
      );
    },
    check.toString(),
    { timeout: 30000 },
  );
}

const text = (page, role) => page.locator(`#dynamics [data-role=${role}]`).textContent();

// The last entry of the same config, from a separate core instance in the page.
async function coreLastEntry(page) {
  return page.evaluate(async () => {
    const widget = document.getElementById('dynamics');
    const core = await createDescentCore();
    const run = core.runDynamics(widget.config);
    const k = run.stepsCompleted;
    return {
      k,
      verdict: run.verdicts[k],
      message: run.messages[k],
      loss: run.loss[k],
      norms: Array.from(run.gradientNorms.subarray(k * run.depth, (k + 1) * run.depth)),
    };
  });
}

async function shownEntry(page) {
  return page.evaluate(() => {
    const widget = document.getElementById('dynamics');
    const entry = widget.shownEntry;
    return {
      k: widget.shownStep,
      verdict: entry.verdict,
      message: entry.message,
      loss: entry.loss,
      norms: Array.from(entry.gradientNorms),
    };
  });
}

for (const [index, origin] of [
  [0, 'file://'],
  [1, 'http://127.0.0.1'],
]) {
  test(`from ${origin}: the verdict and bars are the core's numbers`, async () => {
    const { page, context, problems } = await openWidget({ depth: '12', steps: '30' }, { url: index });
    const shown = await shownEntry(page);
    const expected = await coreLastEntry(page);
    assert.deepEqual(shown, expected);
    assert.equal(expected.verdict, 'vanishing'); // 12 sigmoid layers, Xavier
    assert.equal(await text(page, 'status'), expected.message);
    assert.match(await text(page, 'readout'), /^SIGMOID \| step 30: layer 1 gradient /);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the controls change the bars, and the verdict follows the core', async () => {
  const { page, context, problems } = await openWidget({ depth: '16', steps: '5' });
  const barsBefore = await page.locator('#dynamics canvas.plot').evaluate((canvas) => canvas.toDataURL());
  const normsBefore = (await shownEntry(page)).norms;
  await page.locator('#dynamics select[name=activation]').selectOption('relu');
  await page.locator('#dynamics select[name=init]').selectOption('he');
  await waitForRun(page, (widget) => widget.config.activation === 'relu' && widget.config.initializer === 'he');
  const after = await shownEntry(page);
  assert.notDeepEqual(after.norms, normsBefore);
  assert.deepEqual(after, await coreLastEntry(page));
  assert.notEqual(await page.locator('#dynamics canvas.plot').evaluate((canvas) => canvas.toDataURL()), barsBefore);
  // Batch norm, by keyboard: a checkbox is a labelled control.
  await page.locator('#dynamics input[type=checkbox]').first().press('Space');
  await waitForRun(page, (widget) => widget.config.batchNorm === true);
  assert.equal(await page.locator('#dynamics').getAttribute('batch-norm'), 'true');
  assert.deepEqual(await shownEntry(page), await coreLastEntry(page));
  assert.deepEqual(problems, []);
  await context.close();
});

test('an exploding network ends in a NaN verdict, and the widget stays usable', async () => {
  const { page, context, problems } = await openWidget({
    activation: 'relu',
    init: 'naive_normal',
    depth: '20',
    optimizer: 'sgd',
    lr: '0.1',
    steps: '40',
  });
  const run = await page.evaluate(() => {
    const { run } = document.getElementById('dynamics');
    return {
      diverged: run.diverged,
      at: run.divergedAtStep,
      first: run.entries[0].verdict,
      last: run.entries[run.entries.length - 1].verdict,
    };
  });
  assert.deepEqual([run.diverged, run.first, run.last], [true, 'exploding', 'nan']);
  assert.match(await text(page, 'status'), /^NaN after \d+ steps?:/);
  assert.match(await text(page, 'chart-caption'), /NaN at step \d+: exploding/);
  await page.locator('#dynamics').evaluate((el) => el.setAttribute('init', 'he'));
  await waitForRun(page, (widget) => widget.config.initializer === 'he');
  assert.equal((await shownEntry(page)).verdict, (await coreLastEntry(page)).verdict);
  assert.deepEqual(problems, []);
  await context.close();
});

test('bad attributes and typed values give a message and keep the widget working', async () => {
  const { page, context, problems } = await openWidget({ depth: '99', activation: 'softmax', steps: '3' });
  const error = await text(page, 'error');
  assert.match(error, /depth: 99 is out of range \(between 2 and 30\)/);
  assert.match(error, /activation: "softmax" is not one of sigmoid, tanh, relu, leaky_relu, gelu/);
  assert.equal(await page.locator('#dynamics').evaluate((el) => el.config.depth), 10);
  await page.locator('#dynamics').evaluate((el) => el.setAttribute('optimizer', 'adamx'));
  await page.waitForFunction(() =>
    /adamx/.test(document.getElementById('dynamics').shadowRoot.querySelector('[data-role=error]').textContent),
  );
  const typed = page
    .locator('#dynamics .field')
    .filter({ has: page.locator('label', { hasText: /^Layers \(depth\)$/ }) })
    .locator('input.number');
  await typed.fill('many');
  await typed.press('Enter');
  await page.waitForFunction(() =>
    /depth: expected a number/.test(
      document.getElementById('dynamics').shadowRoot.querySelector('[data-role=error]').textContent,
    ),
  );
  await typed.fill('4');
  await typed.press('Enter');
  await waitForRun(page, (widget) => widget.config.depth === 4);
  // The bad attributes set above are still there (and reported); the typed depth is accepted.
  assert.doesNotMatch(await text(page, 'error'), /depth/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('simple mode: activation and depth only, still a real backward pass', async () => {
  const { page, context, problems } = await openWidget({ mode: 'simple', activation: 'sigmoid', depth: '20' });
  assert.equal(await page.locator('#dynamics [data-role=full-views]').isVisible(), false);
  assert.equal(await page.locator('#dynamics select[name=init]').isVisible(), false);
  const config = await page.locator('#dynamics').evaluate((el) => el.config);
  assert.equal(config.steps, 0);
  assert.equal(config.initializer, 'he');
  const shown = await shownEntry(page);
  assert.deepEqual(shown, await coreLastEntry(page));
  assert.equal(shown.verdict, 'vanishing');
  await page.locator('#dynamics select[name=activation]').selectOption('relu');
  await waitForRun(page, (widget) => widget.config.activation === 'relu');
  assert.equal((await shownEntry(page)).verdict, 'healthy');
  assert.deepEqual(problems, []);
  await context.close();
});

test('step through training with the transport and the arrow keys', async () => {
  const { page, context, problems } = await openWidget({ depth: '6', steps: '20' }, { reducedMotion: 'reduce' });
  await page.locator('#dynamics button', { hasText: 'Reset' }).click();
  assert.match(await text(page, 'readout'), /step 0:/);
  await page.locator('#dynamics canvas.plot').press('ArrowRight');
  await page.locator('#dynamics canvas.plot').press('ArrowRight');
  assert.match(await text(page, 'readout'), /step 2:/);
  const second = await page.evaluate(() => {
    const { run } = document.getElementById('dynamics');
    return run.entries[2].message;
  });
  assert.equal(await text(page, 'status'), second);
  await page.locator('#dynamics button', { hasText: 'Show all' }).click();
  assert.match(await text(page, 'readout'), /step 20:/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('fits a 360 px phone and frees its core object when removed mid-training', async () => {
  const { page, context, problems } = await openWidget(
    { depth: '8', steps: '5' },
    { viewport: { width: 360, height: 740 } },
  );
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  const freed = await page.evaluate(async () => {
    const widget = document.getElementById('dynamics');
    widget.setAttribute('steps', '400');
    widget.setAttribute('depth', '30');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const training = widget.probe !== null;
    widget.remove();
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { training, probe: widget.probe };
  });
  assert.deepEqual(freed, { training: true, probe: null });
  assert.deepEqual(problems, []);
  await context.close();
});
