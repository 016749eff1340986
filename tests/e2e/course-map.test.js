// The home page's course map in Chromium: every lesson (lessons/*.md) and every registered widget
// is on it, the search filters the lesson cards, the reader's progress survives a reload from
// file://, the lesson pictures are there (build-scripts/build.sh makes them), a gallery widget runs
// on demand, and the hero widget does not push the course down when it has drawn.
const fs = require('node:fs');
const path = require('node:path');
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, siteUrls, openPage, readoutOf, siteRoot } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

const root = path.resolve(__dirname, '..', '..');
const homeFile = () => siteUrls(baseUrl, 'index.html')[0][1];

// slug → track of lessons/*.md, read from their front matter (not from the built site).
const frontMatterValue = (text, key) => new RegExp(`^${key}:\\s*(\\S+)\\s*$`, 'm').exec(text)[1];
const lessonTracks = new Map(
  fs
    .readdirSync(path.join(root, 'lessons'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => fs.readFileSync(path.join(root, 'lessons', name), 'utf8'))
    .map((text) => [frontMatterValue(text, 'slug'), frontMatterValue(text, 'track')]),
);
const lessonSlugs = [...lessonTracks.keys()];

let registeredTags;
test.before(async () => {
  const { loadCoreCatalogs, loadWidgets } = await import(path.join(root, 'build-scripts', 'site', 'registry.mjs'));
  const catalogs = await loadCoreCatalogs(path.join(root, 'build', 'wasm', 'descent-core.js'));
  registeredTags = (await loadWidgets(catalogs)).map((widget) => widget.tag);
});

test('the course map lists every lesson once, in tracks, and the gallery every registered widget', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(homeFile());
  const cards = await page.locator('#lessons .lesson-card').evaluateAll((items) =>
    items.map((card) => ({
      slug: card.dataset.lesson,
      track: card.closest('.track').dataset.track,
      link: card.querySelector('h4 a').getAttribute('href'),
      facts: card.querySelector('.lesson-card-facts').textContent,
      experiments: Number(card.dataset.experiments),
    })),
  );
  assert.deepEqual(cards.map((card) => card.slug).sort(), [...lessonSlugs].sort());
  for (const card of cards) {
    assert.equal(card.link, `lessons/${card.slug}.html`);
    assert.equal(card.track, lessonTracks.get(card.slug), `${card.slug}: track`);
    assert.match(card.facts, /^About \d+ min · \d+ experiments?/, card.slug);
    assert.ok(card.experiments > 0, `${card.slug}: experiments counted`);
  }
  // The perceptron comes before multi-layer networks, and those before backpropagation.
  const position = (slug) => cards.findIndex((card) => card.slug === slug);
  assert.ok(position('perceptron-and-xor') < position('multi-layer-networks'));
  assert.ok(position('multi-layer-networks') < position('backpropagation'));
  const galleryTags = await page
    .locator('.widget-card')
    .evaluateAll((items) => items.map((item) => item.dataset.widget));
  assert.deepEqual(galleryTags, registeredTags);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the search filters the lesson cards and says how many match, politely', async () => {
  const { page, context, problems } = await openPage(browser, { viewport: { width: 360, height: 740 } });
  await page.goto(homeFile());
  const search = page.getByLabel('Find a lesson');
  const status = page.locator('[data-role=filter-status]');
  assert.equal(await status.getAttribute('role'), 'status');
  await search.focus();
  await page.keyboard.type('xor');
  const visible = () => page.locator('.lesson-card:not([hidden])').evaluateAll((c) => c.map((x) => x.dataset.lesson));
  assert.deepEqual(await visible(), ['perceptron-and-xor']);
  assert.match(await status.textContent(), /^1 of \d+ lessons\.$/);
  // Only the perceptron's track is left on the map.
  assert.equal(await page.locator('.track:not([hidden])').count(), 1);
  // A widget's name finds its lessons; accents and case do not matter.
  await search.fill('OPTIMIZER RACE');
  assert.deepEqual(await visible(), ['optimizers', 'saddle-points']);
  await search.fill('zebra');
  assert.deepEqual(await visible(), []);
  assert.match(await status.textContent(), /No lesson matches “zebra”/);
  await search.fill('');
  await page.getByLabel('Track', { exact: true }).selectOption('training-well');
  assert.deepEqual(await visible(), [
    'vanishing-and-exploding-gradients',
    'initialisation-and-batch-norm',
    'overfitting-and-regularization',
  ]);
  // Enter in the field does not reload the page.
  await search.press('Enter');
  assert.equal(await page.getByLabel('Track', { exact: true }).inputValue(), 'training-well');
  assert.deepEqual(problems, []);
  await context.close();
});

test('progress (a lesson opened, an experiment applied, a prediction made) survives a reload from file://, and can be forgotten', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(siteUrls(baseUrl, 'lessons/saddle-points.html')[0][1]);
  await page.locator('button.try').nth(1).click();
  await page.locator('button.try[data-applied]').first().waitFor();
  // The lesson's prediction: pick an answer, lock it in, run it; the widget's result scores it.
  const prediction = page.locator('form.predict').first();
  await prediction.locator('input[type=radio]').first().check();
  await prediction.locator('button.predict-lock').click();
  await prediction.locator('button.predict-run').click();
  await prediction.locator('.predict-result.predict-right, .predict-result.predict-wrong').waitFor();
  await page.goto(homeFile());
  await page.reload();
  const card = page.locator('.lesson-card[data-lesson=saddle-points]');
  const experiments = await card.getAttribute('data-experiments');
  const predictions = Number(await card.getAttribute('data-predictions'));
  assert.equal(
    await card.locator('[data-role=lesson-progress]').textContent(),
    `Opened ✓ · 1 of ${experiments} experiments · 1 of ${predictions} prediction${predictions === 1 ? '' : 's'}`,
  );
  assert.match(
    await page.locator('[data-role=progress-summary]').textContent(),
    /^Your progress: you have opened 1 of \d+ lessons, applied 1 of \d+ experiments and made 1 of \d+ predictions\./,
  );
  assert.equal(await page.locator('.lesson-card [data-role=lesson-progress]:not([hidden])').count(), 1);
  await page.getByRole('button', { name: 'Forget my progress' }).click();
  assert.equal(await card.locator('[data-role=lesson-progress]').isHidden(), true);
  await page.reload();
  assert.equal(await card.locator('[data-role=lesson-progress]').isHidden(), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('every lesson card has its picture (built by build-scripts/thumbnails.mjs), with an alt text', async () => {
  assert.ok(
    fs.existsSync(path.join(siteRoot, 'images', 'lessons')),
    'no build/site/images/lessons: build with build-scripts/build.sh (thumbnails.mjs, then build-site.mjs --thumbnails)',
  );
  const { page, context, problems } = await openPage(browser);
  await page.goto(homeFile());
  const pictures = page.locator('.lesson-card img');
  assert.equal(await pictures.count(), lessonSlugs.length);
  for (const picture of await pictures.all()) {
    await picture.scrollIntoViewIfNeeded();
    const loaded = await picture.evaluate(async (img) => {
      await img.decode();
      return { width: img.naturalWidth, alt: img.alt };
    });
    assert.equal(loaded.width, 560);
    assert.match(loaded.alt, /^The .+ as this lesson sets it up$/);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('"Run it here" starts a gallery widget on demand, and removes it again', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.goto(homeFile());
  const card = page.locator('.widget-card[data-widget=descent-race]');
  assert.equal(await card.locator('descent-race').count(), 0, 'not on the page before it is asked for');
  const button = card.locator('button.run-widget');
  assert.equal(await button.textContent(), 'Run it here');
  await button.focus();
  await page.keyboard.press('Enter');
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  // Drawn by the core: the base class counts its renders.
  await page.waitForFunction(() => document.querySelector('.widget-card descent-race')?.renderCount > 0);
  await page.keyboard.press('Enter');
  assert.equal(await card.locator('descent-race').count(), 0);
  assert.equal(await button.textContent(), 'Run it here');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the hero widget shows its result in the first screen and the course below does not move', async () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 360, height: 740 },
  ]) {
    const { page, context, problems } = await openPage(browser, { viewport });
    await page.goto(homeFile());
    const courseTop = () => page.locator('#lessons').evaluate((el) => el.getBoundingClientRect().top + scrollY);
    const before = await courseTop();
    const hero = page.locator('.hero-widget descent-gd');
    await page.locator(readoutOf('.hero-widget descent-gd')).filter({ hasText: 'After 500 steps' }).waitFor();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    assert.equal(await courseTop(), before, `${viewport.width} px: the course moved`);
    const top = await hero.evaluate((el) => el.getBoundingClientRect().top);
    if (viewport.width >= 1000) assert.ok(top < viewport.height / 4, `${viewport.width} px: widget at ${top}`);
    else assert.ok(top < viewport.height, `${viewport.width} px: widget at ${top}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});
