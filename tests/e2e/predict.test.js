// "Predict first", interactive (www/js/site/lesson-predict.js): the learner locks in a guess, runs
// the question's setup in the lesson's widget, and the widget's own result scores the guess.
// One lesson end to end (a wrong guess, the widget's real result, the toast back, the record kept
// across a reload), then every lesson: the answer its reveal names is the one the run scores right
// — which checks the widget's numbers against the lesson's text.
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, siteUrls, openPage } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

const RESULT_ROLES = ['readout', 'status', 'finish-board'];
const STORAGE_KEY = 'descent-progress-v1';

async function openLesson(slug, options) {
  const opened = await openPage(browser, options);
  await opened.page.goto(siteUrls(baseUrl, `lessons/${slug}.html`)[0][1]);
  return opened;
}

const shownBy = (page, id) =>
  page.locator(`#${id}`).evaluate(
    (el, roles) =>
      roles
        .map((role) => el.shadowRoot.querySelector(`[data-role=${role}]`)?.textContent)
        .filter((text) => text !== undefined)
        .join(' '),
    RESULT_ROLES,
  );

test('optimizers: a wrong guess is locked, run, scored ✗ by the race, and kept across a reload', async () => {
  const { page, context, problems } = await openLesson('optimizers');
  const form = page.locator('form.predict[data-prediction="ravine-faster"]');
  await form.waitFor({ state: 'visible' });
  assert.equal(await form.locator('fieldset legend').count(), 1);

  // Locking in nothing asks for an answer and keeps the choices open.
  await form.locator('button.predict-lock').click();
  assert.match(await form.locator('.predict-result').textContent(), /Pick an answer first/);
  assert.equal(await form.locator('input[type=radio]').first().isEnabled(), true);

  // "Still crawling" — wrong: the race will show the run blowing up. Chosen with the keyboard.
  await form.locator('input[type=radio]').nth(0).focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await form.locator('input[type=radio]').nth(1).isChecked(), true);
  await page.keyboard.press('Enter'); // submits the form: locks the guess in
  await form.locator('button.predict-run').waitFor({ state: 'visible' });
  for (const radio of await form.locator('input[type=radio]').all()) assert.equal(await radio.isEnabled(), false);
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'predict-run');
  assert.equal(await form.locator('button.predict-lock').isVisible(), false);

  await page.keyboard.press('Enter'); // Run it
  const result = form.locator('.predict-result.predict-wrong');
  await result.waitFor({ timeout: 30000 });
  const verdict = await result.textContent();
  const shown = await shownBy(page, 'race');
  assert.ok(shown.includes('SGD — diverged at step 235'), shown);
  assert.match(
    verdict,
    /^✗ You guessed “It is still crawling along the floor after 300 steps” — the run shows “SGD — diverged”/,
  );
  assert.equal(await page.locator('#race').getAttribute('racers'), 'sgd:0.021');

  // The explanation links to the reveal, which the link opens.
  const why = form.locator('.predict-why');
  assert.equal(await why.isVisible(), true);
  // The run brought the widget into view, so a bar at the foot of the screen tells the verdict.
  const toast = page.locator('.predict-toast');
  await toast.waitFor();
  assert.match(await toast.textContent(), /✗ You guessed/);
  await toast.locator('a').click();
  await toast.waitFor({ state: 'detached' });
  await why.locator('a').click();
  assert.equal(await page.locator('#reveal-ravine-faster').evaluate((el) => el.open), true);
  // Announced politely.
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[aria-live=polite]')].some((el) => el.textContent.startsWith('Not right')),
  );

  await page.reload();
  const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), STORAGE_KEY);
  assert.deepEqual(stored.lessons.optimizers.predictions['ravine-faster'], {
    guess: 'It is still crawling along the floor after 300 steps',
    correct: false,
  });
  // The guess stays locked in.
  await form.waitFor({ state: 'visible' });
  assert.equal(await form.locator('input[type=radio]').nth(1).isChecked(), true);
  assert.equal(await form.locator('fieldset').evaluate((el) => el.disabled), true);
  assert.match(await form.locator('.predict-result').textContent(), /earlier visit.*not right ✗/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a number guess says what it needs and is scored within the stated tolerance', async () => {
  const { page, context, problems } = await openLesson('backprop-worked-example', {
    viewport: { width: 360, height: 740 },
  });
  const form = page.locator('form.predict');
  await form.waitFor({ state: 'visible' });
  assert.match(await form.locator('.predict-tolerance').textContent(), /±0\.01/);
  const lock = form.locator('button.predict-lock');
  const box = await lock.boundingBox();
  assert.ok(box.height >= 24 && box.width >= 24, `lock button ${JSON.stringify(box)}`);
  await form.locator('input').fill('about a half');
  await lock.click();
  assert.match(await form.locator('.predict-result').textContent(), /Type a number first/);
  await form.locator('input').fill('−0.2'); // a Unicode minus, 0.07 off
  await lock.click();
  await form.locator('button.predict-run').click();
  const verdict = await form.locator('.predict-result.predict-wrong').textContent({ timeout: 30000 });
  assert.match(verdict, /You guessed -0\.2 — the run shows “ŷ=-0\.13”/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `the page overflows by ${overflow}px at 360 px`);
  assert.deepEqual(problems, []);
  await context.close();
});

// For every lesson: the answer its reveal names (`reveal`: text of the reveal that names it), and
// the choice (1-based) or number that says it.
const ANSWERS = [
  ['gradient-descent', { choice: 1, reveal: 'The learning rate is too large' }],
  ['optimizers', { choice: 3, reveal: 'the run blows up at step 235' }],
  ['saddle-points', { choice: 2, reveal: 'The origin is a saddle point' }],
  ['overfitting-and-regularization', { choice: 2, reveal: 'The network at epoch 99 is the one to keep' }],
  ['vanishing-and-exploding-gradients', { number: '0.693', reveal: 'its loss sits at 0.693' }],
  ['initialisation-and-batch-norm', { choice: 3, reveal: 'less than a thousandth of the loss' }],
  ['backpropagation', { choice: 2, reveal: 'it doubled from 1.5 to 3' }],
  ['backprop-worked-example', { number: '-0.13', reveal: '-0.13' }],
  ['computational-graphs', { choice: 3, reveal: '7. The value' }],
  ['mini-batches-and-sgd', { choice: 2, reveal: 'settles in the wide minimum' }],
  ['perceptron-and-xor', { choice: 2, reveal: 'Neither helps' }],
  ['multi-layer-networks', { number: '39.2', reveal: '39.2 % of the test points' }],
  ['learning-rate-and-schedules', { choice: 4, reveal: 'Well below 1: the scheduled run ends at 0.243' }],
  ['loss-functions', { number: '0.25', reveal: 'About 0.25' }],
  ['activation-functions', { number: '0.25', reveal: '0.25, at' }],
  ['images-as-tensors', { number: '216', reveal: '216 = 3 × 3 × 3 × 8' }],
  ['convolutional-layers', { number: '8', reveal: '7 + 1 = 8' }],
  ['pooling-layers', { choice: 1, reveal: 'Only one: the cell that held the maximum' }],
  ['cnn-architecture', { choice: 2, reveal: 'About 18 times as many: 781,706' }],
  ['visualising-cnns', { number: '11738', reveal: '11,738' }],
  ['lenet-to-resnet', { number: '74.3', reveal: '74.3%. fc6 takes' }],
  ['transfer-learning', { number: '5142', reveal: '5,142. The conv blocks' }],
  ['recurrent-networks-and-lstms', { number: '1297', reveal: '1,297' }],
];

test('every lesson has an interactive prediction in the table below', async () => {
  const fs = require('node:fs');
  const path = require('node:path');
  const { siteRoot } = require('./browser.js');
  const pages = fs.readdirSync(path.join(siteRoot, 'lessons')).filter((name) => name.endsWith('.html'));
  assert.deepEqual(pages.map((name) => name.replace(/\.html$/, '')).sort(), ANSWERS.map(([slug]) => slug).sort());
});

for (const [slug, answer] of ANSWERS) {
  test(`${slug}: the answer the reveal names is the one the widget's run scores right`, async () => {
    const { page, context, problems } = await openLesson(slug);
    const forms = page.locator('form.predict');
    assert.ok((await forms.count()) >= 1, `${slug} has no interactive prediction`);
    const form = forms.first();
    await form.waitFor({ state: 'visible' });
    const revealId = (await form.locator('.predict-why a').getAttribute('href')).slice(1);
    const reveal = await page.locator(`#${revealId}`).textContent();
    assert.ok(reveal.includes(answer.reveal), `${slug}: the reveal does not say "${answer.reveal}"`);

    if (answer.choice)
      await form
        .locator('input[type=radio]')
        .nth(answer.choice - 1)
        .check();
    else await form.locator('.predict-number input').fill(answer.number);
    await form.locator('button.predict-lock').click();
    await form.locator('button.predict-run').click();
    const result = form.locator('.predict-result.predict-right, .predict-result.predict-wrong');
    await result.waitFor({ timeout: 60000 });
    const target = await form.getAttribute('data-target');
    const verdict = await result.textContent();
    assert.match(verdict, /^✓/, `${slug}: ${verdict} (the widget shows "${await shownBy(page, target)}")`);
    assert.deepEqual(problems, [], slug);
    await context.close();
  });
}
