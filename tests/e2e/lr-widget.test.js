// <descent-lr> in Chromium: renders from file:// and http with the core's numbers (checked against
// a second core instance in the page), the too-large run's NaN is reported, every control changes
// its plot or readout, hide= hides panels, bad attributes give messages and the widget stays usable,
// and it fits a 360 px phone.
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, openPageWithWidget, waitForResult } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

async function openWidget(attributes = {}, options = {}) {
  const opened = await openPageWithWidget(browser, baseUrl, { tag: 'descent-lr', id: 'lr', attributes, ...options });
  await settled(opened.page);
  return opened;
}

// A result, and every part finished: the training runs and the range test run on the live run,
// which releases its jobs (and draws the last frame) when all are done.
async function settled(page) {
  await waitForResult(page, 'lr');
  await page.waitForFunction(() => !document.getElementById('lr').liveRun.handle);
}

const text = (page, role) => page.locator(`#lr [data-role=${role}]`).textContent();
const picture = (page, role) => page.locator(`#lr [data-role=${role}]`).evaluate((canvas) => canvas.toDataURL());

for (const [index, origin] of [
  [0, 'file://'],
  [1, 'http://127.0.0.1'],
]) {
  test(`from ${origin}: the panels show the core's runs, the too-large one ending in NaN`, async () => {
    const { page, context, problems } = await openWidget({}, { url: index });
    const expected = await page.evaluate(async () => {
      const core = await createDescentCore();
      const rates = core.lrThreeRates({
        points: 200,
        batchSize: 25,
        epochs: 20,
        seed: 1,
        tooLarge: 4.5,
        aboutRight: 0.5,
        tooSmall: 0.005,
      });
      const compare = core.lrScheduleComparison({
        points: 200,
        batchSize: 25,
        epochs: 20,
        seed: 1,
        schedule: 'warmup_cosine',
        scheduleParams: {},
        lr: 2,
      });
      return {
        large: Array.from(rates.tooLarge.epochLoss),
        scheduled: Array.from(compare.scheduled.epochLoss),
        divergedStep: rates.tooLarge.divergedStep,
      };
    });
    const shown = await page.evaluate(() => {
      const { run } = document.getElementById('lr');
      return {
        large: Array.from(run.rates.tooLarge.epochLoss),
        scheduled: Array.from(run.compare.scheduled.epochLoss),
        divergedStep: run.rates.tooLarge.divergedStep,
      };
    });
    assert.deepEqual(shown, expected);
    assert.equal(expected.divergedStep, 23);
    const rates = await text(page, 'rates-readout');
    assert.match(rates, /too large \(η = 4\.5\): 2\.30 → 2\.93 → 23\.4 → NaN — diverged in epoch 3, at step 23/);
    assert.match(rates, /about right \(η = 0\.5\): 2\.30 → 1\.55 → /);
    assert.match(
      await text(page, 'status'),
      /schedule: loss 0\.243 vs constant: loss 2\.391 \| too large \(η = 4\.5\): NaN in epoch 3, step 23 \| range test suggests η = 0\.111 \| batch 25 → 100: η 2 → 8/,
    );
    assert.match(await text(page, 'schedule-readout'), /^160 steps: starts at 0\.4, peaks at 2 \(step 4\)/);
    assert.match(await text(page, 'range-readout'), /steepest fall at η = 0\.111/);
    assert.equal(await text(page, 'error'), '');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('every control changes its plot or readout', async () => {
  const { page, context, problems } = await openWidget();
  const change = async (role, action, read = picture) => {
    const before = await read(page, role);
    await action();
    await settled(page);
    assert.notEqual(await read(page, role), before, `${role} did not change`);
  };
  const typeInto = (labelled, value) => async () => {
    const input = page.locator('#lr').getByLabel(labelled, { exact: true });
    await input.fill(value);
    await input.press('Enter');
  };
  await change('plot', () => page.locator('#lr [name=schedule]').selectOption('step'));
  await change('plot', typeInto('step size (updates)', '40'));
  await change('plot', typeInto('γ (decay factor)', '0.2'));
  await change('compare-chart', typeInto('Base rate η', '1'));
  await change('plot', () => page.locator('#lr [name=schedule]').selectOption('transformer'));
  await change('plot', typeInto('warm-up steps', '16'));
  await change('plot', typeInto('d_model (model width)', '32'));
  await change('rates-chart', typeInto('Too large η', '3'));
  await change('rates-chart', typeInto('About right η', '0.2'));
  await change('rates-chart', typeInto('Too small η', '0.02'));
  await change('range-chart', typeInto('Range test: from η', '0.001'));
  await change('range-chart', typeInto('Range test: to η', '10'));
  await change('scaling-readout', typeInto('New batch size', '400'), text);
  await page.locator('#lr summary').click();
  await change('compare-chart', typeInto('Epochs', '30'));
  await change('rates-chart', typeInto('Batch size', '50'));
  await change('rates-chart', typeInto('Training points', '400'));
  await change('range-chart', typeInto('Seed', '2'));
  assert.equal(await page.locator('#lr').getAttribute('schedule-params'), 'warmup_steps=16,d_model=32');
  assert.equal(await text(page, 'error'), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('hide= hides panels; bad attributes give messages and the widget stays usable', async () => {
  const { page, context, problems } = await openWidget({
    hide: 'range,scaling,nope',
    schedule: 'sometimes',
    lr: 'fast',
    'schedule-params': 'gamma=0.5',
    'too-large': '0.1',
  });
  const errors = await text(page, 'error');
  assert.match(errors, /hide: "nope" not known/);
  assert.match(errors, /schedule: "sometimes" is not known/);
  assert.match(errors, /lr: expected a number, got "fast"/);
  assert.match(errors, /the rates must increase/);
  assert.equal(await page.locator('#lr [data-role=panel-range]').isHidden(), true);
  assert.equal(await page.locator('#lr [data-role=panel-scaling]').isHidden(), true);
  assert.equal(await page.locator('#lr [data-role=panel-rates]').isVisible(), true);
  // Unknown schedule parameter for the chosen schedule; a range the core rejects.
  await page.locator('#lr').evaluate((el) => {
    for (const name of ['schedule', 'lr', 'too-large', 'hide']) el.removeAttribute(name);
    el.setAttribute('schedule-params', 'gamma=0.5');
  });
  await settled(page);
  assert.match(await text(page, 'error'), /schedule-params: gamma not a parameter of warmup_cosine/);
  await page.locator('#lr').evaluate((el) => {
    el.removeAttribute('schedule-params');
    el.setAttribute('range-min', '1');
    el.setAttribute('range-max', '0.01');
  });
  await settled(page);
  assert.match(await text(page, 'error'), /range test: max_lr must be above min_lr/);
  await page.locator('#lr').evaluate((el) => {
    el.removeAttribute('range-min');
    el.removeAttribute('range-max');
    el.setAttribute('batch', '300');
  });
  await settled(page);
  assert.match(await text(page, 'error'), /batch size must be between 1 and the number of points \(200\)/);
  await page.locator('#lr').evaluate((el) => el.setAttribute('batch', '50'));
  await settled(page);
  assert.equal(await text(page, 'error'), '');
  assert.match(await text(page, 'scaling-readout'), /batch 50 → 100 \(k = 2\): η 2 → 4/);
  assert.equal(await page.locator('#lr [data-role=panel-range]').isVisible(), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the state round-trips through the URL, schedule parameters included', async () => {
  const { page, context, problems } = await openWidget({ 'sync-url': '' });
  await page.locator('#lr [name=schedule]').selectOption('transformer');
  await settled(page);
  const warmup = page.locator('#lr').getByLabel('warm-up steps', { exact: true });
  await warmup.fill('16');
  await warmup.press('Enter');
  await settled(page);
  const tooLarge = page.locator('#lr').getByLabel('Too large η', { exact: true });
  await tooLarge.fill('3');
  await tooLarge.press('Enter');
  await settled(page);
  const hash = await page.evaluate(() => location.hash);
  for (const part of ['lr.schedule=transformer', 'lr.schedule-params=warmup_steps%3D16', 'lr.too-large=3'])
    assert.ok(hash.includes(part), hash);
  const shown = await text(page, 'schedule-readout');
  await context.close();
  const reopened = await openWidget({ 'sync-url': '' }, { hash });
  assert.equal(await reopened.page.locator('#lr').getAttribute('schedule-params'), 'warmup_steps=16');
  assert.equal(await text(reopened.page, 'schedule-readout'), shown);
  assert.match(await text(reopened.page, 'rates-readout'), /too large \(η = 3\)/);
  assert.deepEqual([...problems, ...reopened.problems], []);
  await reopened.context.close();
});

test('fits a 360 px phone', async () => {
  const { page, context, problems } = await openWidget({}, { viewport: { width: 360, height: 740 } });
  const width = await page.locator('#lr').evaluate((el) => el.getBoundingClientRect().width);
  assert.ok(width <= 360, `widget is ${width}px wide`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 360, `page scrolls sideways to ${overflow}px`);
  assert.deepEqual(problems, []);
  await context.close();
});
