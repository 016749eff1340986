// The lesson layout: on a wide screen a lesson's widget is docked beside the text that uses it,
// and "Apply" changes it in place — the page does not scroll and the button stays where the reader
// clicked it — then shows the promised outcome with a ✓ once the widget shows it. On a phone the
// page fits the width and the pin toggle sticks the widget to the top.
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, siteUrls, openPage } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };

async function openLesson(slug, viewport) {
  const opened = await openPage(browser, { viewport });
  await opened.page.goto(siteUrls(baseUrl, `lessons/${slug}.html`)[0][1]);
  return opened;
}

const waitForStart = (page, id) =>
  page.waitForFunction((widgetId) => Boolean(document.getElementById(widgetId)?.config), id, { timeout: 30000 });

// The button's box, and whether it lies wholly within the viewport.
async function placeOf(button) {
  return button.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return {
      top: box.top,
      inView: box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth,
    };
  });
}

// Lesson, and which of its buttons to try (they must be in the widget's live section).
const DOCKED = [
  ['gradient-descent', [0, 2, 6, 9]],
  ['activation-functions', [1, 8]],
  // A widget taller than the screen, whose text the buttons check is partly below it.
  ['pooling-layers', [0, 13]],
];

for (const [slug, picks] of DOCKED) {
  test(`${slug} at 1280×900: Apply changes the docked widget without scrolling, then shows ✓`, async () => {
    const { page, context, problems } = await openLesson(slug, DESKTOP);
    for (const index of picks) {
      const button = page.locator('button.try').nth(index);
      const target = await button.getAttribute('data-target');
      await button.evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - innerHeight / 2));
      await waitForStart(page, target);

      // Docked: in the right column, sticky, on screen beside the button.
      const layout = await page.evaluate(
        ([id, i]) => {
          const widget = document.getElementById(id).getBoundingClientRect();
          const button = document.querySelectorAll('button.try')[i].getBoundingClientRect();
          const docked = document.getElementById(id).closest('.lesson-live-widget') !== null;
          return {
            position: docked && getComputedStyle(document.getElementById(id)).position,
            besideText: widget.left > button.right,
            widgetWidth: widget.width,
            onScreen: widget.top < innerHeight / 2 && widget.bottom > innerHeight / 2,
          };
        },
        [target, index],
      );
      assert.equal(layout.position, 'sticky', `${slug}: #${target} is not docked`);
      assert.ok(layout.besideText && layout.onScreen, `${slug} #${index}: ${JSON.stringify(layout)}`);
      assert.ok(layout.widgetWidth >= 360 && layout.widgetWidth <= 600, `docked width ${layout.widgetWidth}`);

      const before = { y: await page.evaluate(() => scrollY), ...(await placeOf(button)) };
      assert.ok(before.inView, `${slug}: button ${index + 1} off screen before the click`);
      await button.click();
      const check = page
        .locator('button.try')
        .nth(index)
        .locator('xpath=following-sibling::*[1]')
        .locator('.try-shown');
      await check.waitFor({ timeout: 30000 });
      assert.match(await check.textContent(), /shown ✓/);
      const note = await page.locator('button.try').nth(index).locator('xpath=following-sibling::*[1]').textContent();
      assert.ok(note.includes(`expect: ${await button.getAttribute('data-expect')}`), note);

      const after = { y: await page.evaluate(() => scrollY), ...(await placeOf(button)) };
      assert.equal(after.y, before.y, `${slug}: Apply ${index + 1} scrolled the page`);
      assert.ok(after.inView, `${slug}: button ${index + 1} left the screen`);
      assert.ok(Math.abs(after.top - before.top) < 2, `${slug}: button ${index + 1} moved ${after.top - before.top}px`);

      // Drawn for the docked width: the plot's backing store matches its CSS size.
      const sharp = await page.locator(`#${target}`).evaluate((el) => {
        const canvas = el.shadowRoot.querySelector('canvas');
        return !canvas || canvas.width === Math.max(1, Math.round(canvas.clientWidth * devicePixelRatio));
      });
      assert.ok(sharp, `${slug}: #${target}'s canvas is not sized to its docked width`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('Apply with the widget off screen (a phone, not pinned) scrolls only as far as needed to show it', async () => {
  const { page, context, problems } = await openLesson('gradient-descent', PHONE);
  await page.locator('#gd').scrollIntoViewIfNeeded();
  await waitForStart(page, 'gd');
  // Experiment 7, thousands of pixels below the widget.
  const button = page.locator('button.try').nth(9);
  await button.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  assert.ok(await page.locator('#gd').evaluate((el) => el.getBoundingClientRect().bottom < 0), 'widget on screen');
  const yBefore = await page.evaluate(() => scrollY);
  await button.click();
  await page.waitForFunction(() => Math.abs(document.getElementById('gd').getBoundingClientRect().top) < 2, null, {
    timeout: 10000,
  });
  // The widget (above the screen, taller than it) comes in top first: its picture and readout.
  assert.ok((await page.evaluate(() => scrollY)) < yBefore);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a 360×740 phone: no sideways scrolling, the widget stays in the flow and can be pinned', async () => {
  for (const slug of ['gradient-descent', 'perceptron-and-xor']) {
    const { page, context, problems } = await openLesson(slug, PHONE);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `${slug} overflows by ${overflow}px`);

    const pin = page.locator('button.live-pin').first();
    assert.equal(await pin.getAttribute('aria-pressed'), 'false');
    assert.match((await pin.textContent()).trim(), /^Pin the widget/);
    const asideId = await pin.getAttribute('aria-controls');
    const aside = page.locator(`#${asideId}`);
    const widgetId = await aside.evaluate((el) => el.querySelector('[id]').id);
    await pin.scrollIntoViewIfNeeded();
    await waitForStart(page, widgetId);
    assert.equal(await aside.evaluate((el) => getComputedStyle(el).position), 'static');

    await pin.click();
    assert.equal(await pin.getAttribute('aria-pressed'), 'true');
    // Read on: the widget stays at the top, at most 45% of the screen tall.
    const firstTry = page.locator(`button.try[data-target="${widgetId}"]`).nth(1);
    await firstTry.evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - innerHeight * 0.7));
    const pinned = await aside.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return { top: box.top, height: box.height, limit: innerHeight * 0.45 };
    });
    assert.ok(Math.abs(pinned.top) < 2 && pinned.height <= pinned.limit + 1, JSON.stringify(pinned));

    // Apply under the pinned widget: no scrolling, and the outcome is confirmed.
    const y = await page.evaluate(() => scrollY);
    await firstTry.click();
    await firstTry.locator('xpath=following-sibling::*[1]').locator('.try-shown').waitFor({ timeout: 30000 });
    assert.equal(await page.evaluate(() => scrollY), y, `${slug}: Apply scrolled a pinned widget's page`);

    await pin.click();
    assert.equal(await pin.getAttribute('aria-pressed'), 'false');
    assert.equal(await aside.evaluate((el) => getComputedStyle(el).position), 'static');
    const overflowAfter = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflowAfter <= 0, `${slug} overflows by ${overflowAfter}px after pinning`);
    assert.deepEqual(problems, [], slug);
    await context.close();
  }
});
