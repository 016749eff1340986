// Category colours meet WCAG's 3:1 for graphics (lines, dots, legend swatches) on the light and the
// dark theme's background, the themes' text colours 4.5:1, and the contrast helper agrees with
// WCAG's published reference values.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');

// The palettes, bundled for node (the www/js files are browser ES modules).
async function loadPalettes() {
  const esbuild = require('esbuild');
  const entry = `
    export { contrastRatio, ink, seriesInk, OKABE_ITO, THEMES } from './www/js/ui/palette.js';
    export { RACER_STYLES } from './www/js/widgets/race/plot.js';
    export { LOSS_COLORS } from './www/js/widgets/loss/plot.js';
    export { CLASS_COLORS as PERCEPTRON_CLASS_COLORS } from './www/js/widgets/perceptron/plot.js';
    export { CLASS_COLORS as PLAYGROUND_CLASS_COLORS } from './www/js/widgets/playground/plot.js';`;
  const { outputFiles } = await esbuild.build({
    stdin: { contents: entry, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return import('data:text/javascript;base64,' + Buffer.from(outputFiles[0].text).toString('base64'));
}

test('contrastRatio gives WCAG reference values', async () => {
  const { contrastRatio } = await loadPalettes();
  assert.equal(contrastRatio('#000000', '#ffffff').toFixed(2), '21.00');
  assert.equal(contrastRatio('#777777', '#ffffff').toFixed(2), '4.48');
  assert.equal(contrastRatio('#ffffff', '#ffffff'), 1);
});

test('ink keeps a dark colour and darkens a light one just enough', async () => {
  const { contrastRatio, ink, OKABE_ITO } = await loadPalettes();
  assert.equal(ink(OKABE_ITO.blue), OKABE_ITO.blue);
  const yellow = ink(OKABE_ITO.yellow);
  assert.ok(contrastRatio(yellow, '#ffffff') >= 3, yellow);
  assert.ok(contrastRatio(yellow, '#ffffff') < 3.3, `${yellow} is darker than needed`);
});

test('ink lightens a dark colour just enough on a dark background', async () => {
  const { contrastRatio, ink, THEMES } = await loadPalettes();
  const background = THEMES.dark.background;
  const black = ink('#000000', { background });
  assert.ok(contrastRatio(black, background) >= 3, black);
  assert.ok(contrastRatio(black, background) < 3.3, `${black} is lighter than needed`);
});

// Every colour a category is drawn in, per scheme: the racers' inks and the other palettes as the
// canvases draw them (seriesInk against the scheme's background).
function categoryColors(palettes, scheme) {
  const theme = palettes.THEMES[scheme];
  const drawn = (color) => palettes.seriesInk(color, theme);
  return {
    ...Object.fromEntries(
      Object.entries(palettes.RACER_STYLES).map(([id, style]) => [
        `racer ${id}`,
        scheme === 'dark' ? style.darkInk : style.ink,
      ]),
    ),
    ...Object.fromEntries(Object.entries(palettes.LOSS_COLORS).map(([id, color]) => [`loss ${id}`, drawn(color)])),
    ...Object.fromEntries(palettes.PERCEPTRON_CLASS_COLORS.map((color, c) => [`perceptron class ${c}`, drawn(color)])),
    ...Object.fromEntries(palettes.PLAYGROUND_CLASS_COLORS.map((color, c) => [`playground class ${c}`, drawn(color)])),
  };
}

for (const scheme of ['light', 'dark']) {
  test(`${scheme} theme: every category colour has at least 3:1 against the plot background`, async () => {
    const palettes = await loadPalettes();
    const { background } = palettes.THEMES[scheme];
    for (const [name, color] of Object.entries(categoryColors(palettes, scheme))) {
      const ratio = palettes.contrastRatio(color, background);
      assert.ok(ratio >= 3, `${name}: ${color} has ${ratio.toFixed(2)}:1 on ${background}`);
    }
    const inks = Object.values(palettes.RACER_STYLES).map((style) => (scheme === 'dark' ? style.darkInk : style.ink));
    assert.equal(new Set(inks).size, inks.length, `racers share a colour: ${inks.join(' ')}`);
  });

  test(`${scheme} theme: text has 4.5:1 and marks 3:1 on the background and the panels`, async () => {
    const { contrastRatio, THEMES } = await loadPalettes();
    const theme = THEMES[scheme];
    for (const surface of ['background', 'panel']) {
      for (const [token, minimum] of Object.entries({
        text: 4.5,
        secondary: 4.5,
        muted: 4.5,
        accent: 4.5,
        danger: 4.5,
        ok: 4.5,
        warn: 4.5,
        highlight: 3,
      })) {
        const ratio = contrastRatio(theme[token], theme[surface]);
        assert.ok(ratio >= minimum, `${token} ${theme[token]} on ${surface} ${theme[surface]}: ${ratio.toFixed(2)}:1`);
      }
    }
    // Faint strokes (graph edges, pending steps) are drawn on the background only.
    assert.ok(contrastRatio(theme.faint, theme.background) >= 3, `faint ${theme.faint}`);
    // Tinted backgrounds behind text of their hue, and the main button's label on the accent.
    for (const [text, surface] of [
      ['danger', 'dangerSoft'],
      ['ok', 'okSoft'],
      ['warn', 'warnSoft'],
      ['text', 'accentSoft'],
      ['text', 'highlightSoft'],
      ['onAccent', 'accent'],
    ]) {
      const ratio = contrastRatio(theme[text], theme[surface]);
      assert.ok(ratio >= 4.5, `${text} on ${surface}: ${ratio.toFixed(2)}:1`);
    }
  });
}
