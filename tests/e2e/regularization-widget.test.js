// <descent-regularization> in Chromium: it renders from file:// and a local server, every
// control retrains (the curves change), scrubbing moves through the epochs, the side panels show
// the core's numbers, bad input is reported, long runs show progress, state goes to the URL, and
// removal mid-training leaves no error behind.
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, siteUrls, openPage } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

const LESSON = 'lessons/overfitting-and-regularization.html';
const WIDGET = 'descent-regularization';
const part = (page, role) => page.locator(`${WIDGET} [data-role=${role}]`);

async function waitForRun(page) {
  await page.locator(WIDGET).scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (tag) => {
      const el = document.querySelector(tag);
      return Boolean(el?.run) && !el.updateQueued;
    },
    WIDGET,
    { timeout: 30000 },
  );
}

async function openWidget(how = 0, options) {
  const opened = await openPage(browser, options);
  await opened.page.goto(siteUrls(baseUrl, LESSON)[how][1]);
  await waitForRun(opened.page);
  return opened;
}

// A fingerprint of what the widget shows: the final validation loss and a point of the fit.
const fingerprint = (page) =>
  page.evaluate((tag) => {
    const { run } = document.querySelector(tag);
    return `${run.validationLoss[run.keptEpoch]}|${run.curves[run.curves.length - 10]}|${run.epochsCompleted}`;
  }, WIDGET);

// Waits until the widget has retrained into a state different from `before`.
async function waitForChange(page, before) {
  await page.waitForFunction(
    ([tag, old]) => {
      const el = document.querySelector(tag);
      if (!el?.run || el.updateQueued) return false;
      const { run } = el;
      return (
        `${run.validationLoss[run.keptEpoch]}|${run.curves[run.curves.length - 10]}|${run.epochsCompleted}` !== old
      );
    },
    [WIDGET, before],
    { timeout: 30000 },
  );
}

const numberBox = (page, label) =>
  page
    .locator(`${WIDGET} .field`)
    .filter({ has: page.locator('label', { hasText: new RegExp(`^${label}$`) }) })
    .locator('input.number');

test('the default setup renders from file:// and the local server, overfitting, without problems', async () => {
  for (const how of [0, 1]) {
    const { page, context, problems } = await openWidget(how);
    const status = await part(page, 'status').textContent();
    assert.match(
      status,
      /^Overfitting final validation \d\.\d{4}, best \d\.\d{4} at epoch \d+, gap -?\d\.\d{4} — completed$/,
      status,
    );
    assert.match(
      await part(page, 'readout').textContent(),
      /^Epoch 300 of 300 \(overfitting phase\): train \d\.\d{4}, validation \d\.\d{4}/,
    );
    // The numbers on screen are the core's: a second instance of the core agrees.
    const agrees = await page.evaluate(async (tag) => {
      const el = document.querySelector(tag);
      const core = await createDescentCore();
      const again = core.runRegularization(el.config);
      return (
        again.validationLoss[again.keptEpoch] === el.run.validationLoss[el.run.keptEpoch] &&
        again.bestEpoch === el.run.bestEpoch
      );
    }, WIDGET);
    assert.ok(agrees);
    assert.ok(await page.locator(`${WIDGET} canvas.plot`).evaluate((c) => c.width > 0 && c.height > 0));
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('every control retrains and changes the curves', async () => {
  const { page, context, problems } = await openWidget();
  const changes = [
    ['capacity', async () => page.locator(`${WIDGET} select[name=capacity]`).selectOption('medium')],
    ['optimizer', async () => page.locator(`${WIDGET} select[name=optimizer]`).selectOption('momentum')],
    [
      'epochs',
      async () =>
        numberBox(page, 'Epochs')
          .fill('120')
          .then(() => numberBox(page, 'Epochs').press('Enter')),
    ],
    [
      'lr',
      async () =>
        numberBox(page, 'Learning rate α')
          .fill('0.05')
          .then(() => numberBox(page, 'Learning rate α').press('Enter')),
    ],
    ['dropout', async () => page.locator(`${WIDGET} input[type=checkbox]`).nth(0).check()],
    [
      'dropout-rate',
      async () =>
        numberBox(page, 'Dropout rate p')
          .fill('0.4')
          .then(() => numberBox(page, 'Dropout rate p').press('Enter')),
    ],
    ['l2', async () => page.locator(`${WIDGET} input[type=checkbox]`).nth(1).check()],
    [
      'l2-lambda',
      async () =>
        numberBox(page, 'Weight decay λ')
          .fill('0.01')
          .then(() => numberBox(page, 'Weight decay λ').press('Enter')),
    ],
    ['l1', async () => page.locator(`${WIDGET} input[type=checkbox]`).nth(2).check()],
    [
      'l1-lambda',
      async () =>
        numberBox(page, 'L1 strength λ₁')
          .fill('0.003')
          .then(() => numberBox(page, 'L1 strength λ₁').press('Enter')),
    ],
    ['early-stopping', async () => page.locator(`${WIDGET} input[type=checkbox]`).nth(3).check()],
    [
      'patience',
      async () =>
        numberBox(page, 'Patience \\(epochs\\)')
          .fill('5')
          .then(() => numberBox(page, 'Patience \\(epochs\\)').press('Enter')),
    ],
    [
      'noise',
      async () =>
        numberBox(page, 'Noise σ on y')
          .fill('0.5')
          .then(() => numberBox(page, 'Noise σ on y').press('Enter')),
    ],
    [
      'train-points',
      async () =>
        numberBox(page, 'Training points')
          .fill('25')
          .then(() => numberBox(page, 'Training points').press('Enter')),
    ],
    ['seed', async () => page.locator(`${WIDGET} button`, { hasText: 'New data' }).click()],
  ];
  for (const [name, change] of changes) {
    const before = await fingerprint(page);
    await change();
    await waitForChange(page, before).catch((error) => {
      throw new Error(`${name} did not retrain: ${error.message}; ${problems.join(' | ')}`);
    });
    assert.ok(
      await page.locator(WIDGET).evaluate((el, attribute) => el.hasAttribute(attribute), name),
      `${name} is not in the attributes`,
    );
  }
  // Custom capacity shows its width and depth, and they retrain too.
  await page.locator(`${WIDGET} select[name=capacity]`).selectOption('custom');
  await waitForRun(page);
  const before = await fingerprint(page);
  await numberBox(page, 'Units per hidden layer').fill('8');
  await numberBox(page, 'Units per hidden layer').press('Enter');
  await waitForChange(page, before);
  assert.equal(await part(page, 'error').textContent(), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('scrubbing: the slider, the chart and the transport show earlier epochs', async () => {
  const { page, context, problems } = await openWidget();
  const readout = () => part(page, 'readout').textContent();
  await part(page, 'scrub').fill('50');
  assert.match(await readout(), /^Epoch 50 of 300 /);
  const expected = await page.evaluate((tag) => {
    const { run } = document.querySelector(tag);
    return `train ${run.trainLoss[50].toFixed(4)}, validation ${run.validationLoss[50].toFixed(4)}`;
  }, WIDGET);
  assert.ok((await readout()).includes(expected));
  await part(page, 'scrub').focus();
  await page.keyboard.press('ArrowRight');
  assert.match(await readout(), /^Epoch 51 of 300 /);
  // A click at the far left of the loss chart shows epoch 0.
  const box = await part(page, 'chart').boundingBox();
  await page.mouse.click(box.x + 53, box.y + box.height / 2);
  assert.match(await readout(), /^Epoch [0-2] of 300 /);
  await page.locator(`${WIDGET} button[title="Show the whole training"]`).click();
  assert.match(await readout(), /^Epoch 300 of 300 /);
  await page.locator(`${WIDGET} button`, { hasText: 'Play' }).click();
  await page.waitForFunction((tag) => document.querySelector(tag).shownStep > 3, WIDGET);
  await page.locator(`${WIDGET} button`, { hasText: 'Pause' }).click();
  const shown = await page.locator(WIDGET).evaluate((el) => el.shownStep);
  assert.ok(shown > 0 && shown < 300, `shown ${shown}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the side panels: L1 makes exact zeros, L2 none; bias–variance numbers from the core', async () => {
  const { page, context, problems } = await openWidget();
  await page.locator(`${WIDGET} [data-role=weights-panel] summary`).click();
  await page.waitForFunction(
    (tag) =>
      /L1 set \d+ weights/.test(
        document.querySelector(tag).shadowRoot.querySelector('[data-role=weights-text]').textContent,
      ),
    WIDGET,
    { timeout: 30000 },
  );
  const l1 = await part(page, 'l1-caption').textContent();
  const l2 = await part(page, 'l2-caption').textContent();
  const zeros = Number(/: (\d+) of 288 weights exactly 0/.exec(l1)[1]);
  assert.ok(zeros > 72, l1);
  assert.match(l2, /: 0 of 288 weights exactly 0/);
  await page.locator(`${WIDGET} [data-role=bias-variance-panel] summary`).click();
  await page.waitForFunction(
    (tag) =>
      /bias² \d/.test(document.querySelector(tag).shadowRoot.querySelector('[data-role=complex-caption]').textContent),
    WIDGET,
    { timeout: 30000 },
  );
  const [simple, complex] = await Promise.all(
    ['simple-caption', 'complex-caption'].map((role) => part(page, role).textContent()),
  );
  const numbers = (text) => /bias² ([\d.]+), variance ([\d.]+)/.exec(text).slice(1).map(Number);
  const [simpleBias, simpleVariance] = numbers(simple);
  const [complexBias, complexVariance] = numbers(complex);
  assert.ok(simpleBias > complexBias && complexVariance > simpleVariance, `${simple} / ${complex}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('bad attributes and typed values are reported and the widget keeps working', async () => {
  const { page, context, problems } = await openWidget();
  const el = page.locator(WIDGET);
  await el.evaluate((node) => node.setAttribute('capacity', 'huge'));
  await page.waitForFunction(
    (tag) =>
      /capacity: "huge" is not one of low, medium, high, custom/.test(
        document.querySelector(tag).shadowRoot.querySelector('[data-role=error]').textContent,
      ),
    WIDGET,
  );
  await waitForRun(page);
  assert.match(await part(page, 'status').textContent(), /^Overfitting/);
  await el.evaluate((node) => node.removeAttribute('capacity'));
  await numberBox(page, 'Epochs').fill('lots');
  await numberBox(page, 'Epochs').press('Enter');
  assert.match(await part(page, 'error').textContent(), /epochs: expected a number, got "lots"/);
  assert.equal(await el.getAttribute('epochs'), null);
  // A diverging run is reported, not crashed on.
  await el.evaluate((node) => {
    node.setAttribute('optimizer', 'momentum');
    node.setAttribute('lr', '5');
  });
  await page.waitForFunction((tag) => document.querySelector(tag).run?.stopKind === 'diverged', WIDGET);
  assert.match(
    await part(page, 'status').textContent(),
    /^Diverged diverged at epoch \d+, step \d+: .* — lower the learning rate/,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('a long run shows its progress; removing the widget mid-training leaves no error', async () => {
  const { page, context, problems } = await openWidget();
  await page.locator(WIDGET).evaluate((node) => {
    node.setAttribute('capacity', 'custom');
    node.setAttribute('width', '128');
    node.setAttribute('epochs', '2000');
  });
  await page.waitForFunction(
    (tag) => !document.querySelector(tag).shadowRoot.querySelector('[data-role=progress]').hidden,
    WIDGET,
  );
  assert.match(await part(page, 'progress-text').textContent(), /^Training: epoch \d+ of 2000$/);
  assert.match(await part(page, 'status').textContent(), /^Training… epoch \d+ of 2000$/);
  await page.waitForFunction((tag) => document.querySelector(tag).partial?.epochsCompleted > 100, WIDGET, {
    timeout: 30000,
  });
  await page.locator(WIDGET).evaluate((node) => node.remove());
  await page.waitForTimeout(200);
  const left = await page.evaluate(() => document.querySelectorAll('descent-regularization').length);
  assert.equal(left, 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the state goes to the URL, and a URL restores it', async () => {
  const { page, context, problems } = await openWidget(1);
  await page.locator(`${WIDGET} input[type=checkbox]`).nth(1).check();
  await page.waitForFunction(() => location.hash.includes('reg.l2=true'));
  const url = page.url();
  const { page: second, context: secondContext, problems: secondProblems } = await openPage(browser);
  await second.goto(url);
  await waitForRun(second);
  assert.equal(await second.locator(WIDGET).getAttribute('l2'), 'true');
  assert.match(await second.locator(`${WIDGET} [data-role=status]`).textContent(), /^Good fit/);
  assert.deepEqual([...problems, ...secondProblems], []);
  await context.close();
  await secondContext.close();
});

test('fits a 360 px phone: no sideways scrolling, controls reachable', async () => {
  const { page, context, problems } = await openWidget(1, { viewport: { width: 360, height: 740 } });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `overflows by ${overflow}px`);
  const width = await page.locator(`${WIDGET} canvas.plot`).evaluate((c) => c.getBoundingClientRect().width);
  assert.ok(width > 250 && width <= 360, `plot ${width}px wide`);
  assert.deepEqual(problems, []);
  await context.close();
});
