// <descent-gd> in Chromium: controls, attributes, URL state, animation and bad
// input, with the readout checked against the core's own numbers.
const test = require('node:test');
const assert = require('node:assert/strict');
const {
  useBrowserAndServer,
  siteUrls,
  openPage,
  openPageWithWidget,
  waitForWidget,
  readoutOf,
} = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

async function openWidget(pagePath = 'embed-example.html', options) {
  const opened = await openPage(browser, options);
  await opened.page.goto(siteUrls(baseUrl, pagePath)[0][1]);
  await waitForWidget(opened.page);
  return opened;
}

// What the readout should say for the widget's current config, computed by a
// separate instance of the core in the page.
async function expectedReadout(page) {
  return page.evaluate(async () => {
    const widget = document.querySelector('descent-gd');
    const core = await createDescentCore();
    const run = core.runDescent(widget.config);
    const label = core
      .catalog()
      .optimizers.find((o) => o.id === widget.config.optimizer)
      .label.toUpperCase();
    const k = run.stepsCompleted;
    return `${label} | After ${k} steps: θ=${run.positions[k].toFixed(3)}, f=${run.losses[k].toFixed(3)} (minimum f=3)`;
  });
}

const readout = (page) => page.locator(readoutOf()).textContent();
const status = (page) => page.locator('descent-gd [data-role=status]').textContent();
const errors = (page) => page.locator('descent-gd [data-role=error]').textContent();

test('moving the learning-rate slider with the keyboard updates the readout to the core values', async () => {
  const { page, context, problems } = await openWidget();
  const before = await readout(page);
  const slider = page.locator('descent-gd input[aria-label="Learning rate α slider"]');
  await slider.focus();
  for (let i = 0; i < 40; i++) await slider.press('ArrowLeft');
  const lr = Number(await page.locator('descent-gd').getAttribute('lr'));
  assert.ok(lr < 0.15, `lr attribute after moving left: ${lr}`);
  const after = await readout(page);
  assert.notEqual(after, before);
  assert.equal(after, await expectedReadout(page));
  assert.deepEqual(problems, []);
  await context.close();
});

test('typing a learning rate and switching optimizer give the core values', async () => {
  const { page, context, problems } = await openWidget();
  const typed = page
    .locator('descent-gd .field')
    .filter({ has: page.locator('label', { hasText: /^Learning rate α$/ }) })
    .locator('input.number');
  await typed.fill('0.4');
  await typed.press('Enter');
  await page.waitForFunction(() => document.querySelector('descent-gd').getAttribute('lr') === '0.4');
  assert.equal(await readout(page), await expectedReadout(page));

  await page
    .locator('descent-gd select')
    .filter({ has: page.locator('option[value=sgd]') })
    .first()
    .selectOption('sgd');
  await page.waitForFunction(() => document.querySelector('descent-gd').config.optimizer === 'sgd');
  const text = await readout(page);
  assert.match(text, /^SGD \| After 12 steps/);
  assert.equal(text, await expectedReadout(page));
  assert.deepEqual(problems, []);
  await context.close();
});

test('divergence is reported as such', async () => {
  const { page, context } = await openWidget();
  const widget = page.locator('descent-gd');
  await widget.evaluate((el) => {
    el.setAttribute('optimizer', 'sgd');
    el.setAttribute('lr', '1.05');
  });
  await page.waitForFunction(() => document.querySelector('descent-gd').config.lr === 1.05);
  assert.match(await status(page), /diverging/);
  await widget.evaluate((el) => {
    el.setAttribute('lr', '1.5');
    el.setAttribute('steps', '100');
  });
  await page.waitForFunction(() => document.querySelector('descent-gd').config.steps === 100);
  assert.match(await status(page), /^diverged at step 32: .*learning rate too large/);
  await context.close();
});

test('bad attributes give a clear message and leave the widget working', async () => {
  const { page, context, problems } = await openWidget();
  const widget = page.locator('descent-gd');
  await widget.evaluate((el) => el.setAttribute('lr', 'fast'));
  await page.waitForFunction(() =>
    /lr: expected a number/.test(
      document.querySelector('descent-gd').shadowRoot.querySelector('[data-role=error]').textContent,
    ),
  );
  assert.match(await readout(page), /^ADAM \| After 12 steps/);
  await widget.evaluate((el) => el.setAttribute('optimizer', 'adamx'));
  await page.waitForFunction(() =>
    /adamx/.test(document.querySelector('descent-gd').shadowRoot.querySelector('[data-role=error]').textContent),
  );
  await widget.evaluate((el) => {
    el.removeAttribute('lr');
    el.removeAttribute('optimizer');
    el.setAttribute('start', '1,2,3');
  });
  await page.waitForFunction(() =>
    /start/.test(document.querySelector('descent-gd').shadowRoot.querySelector('[data-role=error]').textContent),
  );
  await widget.evaluate((el) => el.removeAttribute('start'));
  await page.waitForFunction(
    () => document.querySelector('descent-gd').shadowRoot.querySelector('[data-role=error]').textContent === '',
  );
  assert.equal(await readout(page), await expectedReadout(page));
  // A typed value out of range is refused with a message; the attribute is unchanged.
  const steps = page
    .locator('descent-gd .field')
    .filter({ has: page.locator('label', { hasText: /^Steps$/ }) })
    .locator('input.number');
  await steps.fill('-4');
  await steps.press('Enter');
  assert.match(await errors(page), /steps/);
  assert.equal(await widget.getAttribute('steps'), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test('play, step and reset walk through the computed path', async () => {
  const { page, context, problems } = await openWidget();
  await page.locator('descent-gd button[title="Back to the start of the descent"]').click();
  assert.match(await readout(page), /After 0 steps: θ=0\.500, f=9\.250/);
  await page.locator('descent-gd button[title="One step forward"]').click();
  assert.match(await readout(page), /After 1 step: θ=0\.650/);
  await page.locator('descent-gd button[title="Play the descent step by step"]').click();
  await page.locator(readoutOf()).filter({ hasText: 'After 12 steps' }).waitFor({ timeout: 10000 });
  assert.equal(await readout(page), await expectedReadout(page));
  assert.deepEqual(problems, []);
  await context.close();
});

test('2-D: a click on the map moves the start, the keyboard nudges it', async () => {
  const { page, context, problems } = await openWidget();
  const widget = page.locator('descent-gd');
  await widget.evaluate((el) => el.setAttribute('surface', 'rosenbrock'));
  await page.locator(readoutOf()).filter({ hasText: '(x, y)=' }).waitFor();
  const plot = page.locator('descent-gd canvas.plot');
  const box = await plot.boundingBox();
  await plot.click({ position: { x: box.width * 0.3, y: box.height * 0.4 } });
  const start = (await widget.getAttribute('start')).split(',').map(Number);
  assert.equal(start.length, 2);
  const firstPoint = await widget.evaluate((el) => Array.from(el.run.positions.slice(0, 2)));
  assert.deepEqual(firstPoint, start);
  await plot.focus();
  await plot.press('ArrowRight');
  const moved = (await widget.getAttribute('start')).split(',').map(Number);
  assert.ok(moved[0] > start[0]);
  assert.equal(moved[1], start[1]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('state round-trips through the URL on a lesson page', async () => {
  const { page, context, problems } = await openWidget('lessons/gradient-descent.html');
  const widget = page.locator('descent-gd#gd');
  await widget.evaluate((el) => {
    el.setAttribute('optimizer', 'momentum');
    el.setAttribute('lr', '0.05');
    el.setAttribute('steps', '40');
  });
  await page.waitForFunction(() => location.hash.includes('gd.optimizer=momentum'));
  const url = page.url();
  assert.match(url, /gd\.lr=0\.05/);
  assert.match(url, /gd\.steps=40/);
  const expected = await page.locator('descent-gd#gd [data-role=readout]').textContent();

  const { page: second, context: secondContext } = await openPage(browser);
  await second.goto(url);
  await waitForWidget(second, 'descent-gd#gd');
  assert.equal(await second.locator('descent-gd#gd [data-role=readout]').textContent(), expected);
  assert.deepEqual(problems, []);
  await context.close();
  await secondContext.close();
});

test('a widget removed from the page stops cleanly', async () => {
  const { page, context, problems } = await openWidget();
  await page.locator('descent-gd button[title="Play the descent step by step"]').click();
  await page.evaluate(() => document.querySelector('descent-gd').remove());
  await page.waitForTimeout(300);
  assert.deepEqual(problems, []);
  await context.close();
});

// sync-url on a widget without an id: its URL keys have no prefix, so every other key and a plain
// in-page anchor belong to the page. Only the widget's own attribute names are its state.
async function openIdlessWidget(hash) {
  const opened = await openPageWithWidget(browser, baseUrl, {
    tag: 'descent-gd',
    attributes: { 'sync-url': '', surface: 'rosenbrock', optimizer: 'momentum', lr: '0.05' },
    hash,
  });
  const { page } = opened;
  await page.evaluate(() => {
    const widget = document.body.firstElementChild;
    widget.dataset.probe = 'idless';
    const link = Object.assign(document.createElement('a'), { href: '#intro', id: 'to-intro', textContent: 'Intro' });
    const heading = Object.assign(document.createElement('h2'), { id: 'intro', textContent: 'Intro' });
    widget.after(link, heading);
  });
  await waitForWidget(page, 'descent-gd[data-probe=idless]');
  return opened;
}

const idlessAttributes = (page) =>
  page.locator('descent-gd[data-probe=idless]').evaluate((el) => ({
    surface: el.getAttribute('surface'),
    optimizer: el.getAttribute('optimizer'),
    lr: el.getAttribute('lr'),
    stateOptimizer: el.state.optimizer,
  }));

const TEACHER_SETUP = { surface: 'rosenbrock', optimizer: 'momentum', lr: '0.05', stateOptimizer: 'momentum' };

test('sync-url without an id keeps its attributes and the anchor on a page opened at #section-2', async () => {
  const { page, context, problems } = await openIdlessWidget('#section-2');
  assert.deepEqual(await idlessAttributes(page), TEACHER_SETUP);
  assert.equal(await page.evaluate(() => location.hash), '#section-2');
  // A change is not written over the anchor either.
  await page.locator('descent-gd[data-probe=idless]').evaluate((el) => el.setAttribute('lr', '0.02'));
  await page.waitForFunction(() => document.querySelector('descent-gd[data-probe=idless]').state.lr === 0.02);
  assert.equal(await page.evaluate(() => location.hash), '#section-2');
  assert.deepEqual(problems, []);
  await context.close();
});

test('sync-url without an id ignores an in-page #intro link and keeps foreign keys', async () => {
  const { page, context, problems } = await openIdlessWidget('');
  await page.waitForFunction(() => location.hash.includes('optimizer=momentum'));
  const before = await page.locator('descent-gd[data-probe=idless] [data-role=readout]').textContent();
  await page.locator('#to-intro').click();
  await page.waitForFunction(() => location.hash === '#intro');
  // hashchange has been handled: the widget still shows the teacher's setup.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  assert.deepEqual(await idlessAttributes(page), TEACHER_SETUP);
  assert.equal(await page.locator('descent-gd[data-probe=idless] [data-role=readout]').textContent(), before);
  assert.equal(await page.evaluate(() => location.hash), '#intro');
  // Foreign keys next to the widget's own: the widget reads its own, the page's stay in the URL.
  await page.evaluate(() => (location.hash = '#page=3&optimizer=rmsprop&lr=0.01'));
  await page.waitForFunction(
    () => document.querySelector('descent-gd[data-probe=idless]').state.optimizer === 'rmsprop',
  );
  await page.waitForFunction(() => location.hash.includes('optimizer=rmsprop'));
  assert.match(await page.evaluate(() => location.hash), /^#page=3&/);
  assert.deepEqual(problems, []);
  await context.close();
});
