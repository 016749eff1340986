// Every lesson page of the built site: each "try this" button applies its
// settings to its widget, and the widget then shows the promised outcome
// (data-expect) in the text of its readout, status line and finish board
// (whichever it has), joined by single spaces in that order.
const fs = require('node:fs');
const path = require('node:path');
const test = require('node:test');
const assert = require('node:assert/strict');
const { useBrowserAndServer, siteUrls, openPage, siteRoot } = require('./browser.js');

let browser;
let baseUrl;
useBrowserAndServer((session) => ({ browser, baseUrl } = session));

const lessonDir = path.join(siteRoot, 'lessons');
const lessonPages = fs.existsSync(lessonDir)
  ? fs
      .readdirSync(lessonDir)
      .filter((name) => name.endsWith('.html'))
      .sort()
  : [];

test('the site has lessons', () => {
  assert.ok(lessonPages.length > 0, `no lesson pages in ${lessonDir}`);
});

// The text a widget shows about its result: whichever of these parts it has.
const RESULT_ROLES = ['readout', 'status', 'finish-board'];

for (const lesson of lessonPages) {
  test(`lessons/${lesson}: every 'try this' experiment produces the outcome it promises`, async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(siteUrls(baseUrl, `lessons/${lesson}`)[0][1]);
    const buttons = page.locator('button.try');
    const count = await buttons.count();
    for (let i = 0; i < count; i++) {
      const button = buttons.nth(i);
      const target = await button.getAttribute('data-target');
      const expect = await button.getAttribute('data-expect');
      const settings = JSON.parse(await button.getAttribute('data-apply'));
      // Widgets start when first visible: bring this one up before its first experiment, so a
      // slow start-up is reported as such rather than as an experiment that did not apply.
      await page.locator(`#${target}`).scrollIntoViewIfNeeded();
      await page
        .waitForFunction((id) => Boolean(document.getElementById(id)?.config), target, { timeout: 30000 })
        .catch((error) => {
          throw new Error(
            `${lesson}: widget #${target} did not start: ${error.message}; page problems: ${problems.join(' | ')}`,
          );
        });
      await button.click();
      // Applied, and the widget has recomputed with exactly these settings (gd: run, race: race).
      await page
        .waitForFunction(
          ([id, wanted]) => {
            const el = document.getElementById(id);
            if (!el || !Object.entries(wanted).every(([name, value]) => el.getAttribute(name) === String(value)))
              return false;
            const result = el.run ?? el.race;
            return Boolean(result) && !el.updateQueued;
          },
          [target, settings],
          { timeout: 30000 },
        )
        .catch((error) => {
          throw new Error(
            `${lesson}, experiment ${i + 1} (${JSON.stringify(settings)} on #${target}) was not applied: ${error.message}; page problems: ${problems.join(' | ')}`,
          );
        });
      if (!expect) continue;
      // The text follows on the widget's next render (a live run: after its next frames); wait for
      // it rather than for a fixed time, then read what is shown for the message.
      await page
        .waitForFunction(
          ([id, roles, wanted]) => {
            const root = document.getElementById(id).shadowRoot;
            const parts = roles.map((role) => root.querySelector(`[data-role=${role}]`)?.textContent);
            return parts
              .filter((text) => text !== undefined)
              .join(' ')
              .includes(wanted);
          },
          [target, RESULT_ROLES, expect],
          { timeout: 10000 },
        )
        .catch(() => {}); // the assertion below reports what the widget shows instead
      const shown = await page.locator(`#${target}`).evaluate(
        (el, roles) =>
          roles
            .map((role) => el.shadowRoot.querySelector(`[data-role=${role}]`)?.textContent)
            .filter((text) => text !== undefined)
            .join(' '),
        RESULT_ROLES,
      );
      assert.ok(
        shown.includes(expect),
        `${lesson}, experiment ${i + 1} expects "${expect}", widget #${target} shows "${shown}"`,
      );
      // The numbers the text after this experiment links to the widget (lesson-links.js) are the
      // ones it now shows: focusing each highlights exactly that text in the widget.
      for (const { shows, highlighted } of await linkedNumbersAfter(page, i)) {
        assert.equal(
          highlighted,
          shows,
          `${lesson}, after experiment ${i + 1}: the text links "${shows}" to #${target}, which shows "${shown}"`,
        );
      }
    }
    assert.deepEqual(problems, [], lesson);
    await context.close();
  });
}

// Focuses every linked number (span.shown) between try button `index` and the next one, and
// returns what each asked for and what the widget highlighted.
async function linkedNumbersAfter(page, index) {
  return page.evaluate(async (index) => {
    const buttons = [...document.querySelectorAll('button.try')];
    const [from, to] = [buttons[index], buttons[index + 1]];
    const spans = [...document.querySelectorAll('span.shown')].filter(
      (span) =>
        from.compareDocumentPosition(span) & Node.DOCUMENT_POSITION_FOLLOWING &&
        (!to || to.compareDocumentPosition(span) & Node.DOCUMENT_POSITION_PRECEDING),
    );
    const results = [];
    for (const span of spans) {
      span.focus();
      const highlight = CSS.highlights.get('descent-linked');
      const highlighted = highlight ? [...highlight].map((range) => range.toString()).join(' ') : null;
      results.push({ shows: span.dataset.shows ?? span.textContent, highlighted });
      span.blur();
    }
    return results;
  }, index);
}
