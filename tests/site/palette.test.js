// Category colours on white meet WCAG's 3:1 for graphics (lines, dots, legend swatches), and the
// contrast helper agrees with WCAG's published reference values.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');

// The palettes, bundled for node (the www/js files are browser ES modules).
async function loadPalettes() {
  const esbuild = require('esbuild');
  const entry = `
    export { contrastRatio, ink, OKABE_ITO } from './www/js/ui/palette.js';
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

test('every category colour drawn on white has at least 3:1 contrast', async () => {
  const palettes = await loadPalettes();
  const onWhite = {
    ...Object.fromEntries(Object.entries(palettes.RACER_STYLES).map(([id, style]) => [`racer ${id}`, style.ink])),
    ...Object.fromEntries(Object.entries(palettes.LOSS_COLORS).map(([id, color]) => [`loss ${id}`, color])),
    ...Object.fromEntries(palettes.PERCEPTRON_CLASS_COLORS.map((color, c) => [`perceptron class ${c}`, color])),
    ...Object.fromEntries(palettes.PLAYGROUND_CLASS_COLORS.map((color, c) => [`playground class ${c}`, color])),
  };
  for (const [name, color] of Object.entries(onWhite)) {
    const ratio = palettes.contrastRatio(color, '#ffffff');
    assert.ok(ratio >= 3, `${name}: ${color} has ${ratio.toFixed(2)}:1 on white`);
  }
  // The racers stay eight different colours on white.
  const inks = Object.values(palettes.RACER_STYLES).map((style) => style.ink);
  assert.equal(new Set(inks).size, inks.length, inks.join(' '));
});
