// The architecture calculator's picture: one bar per layer (parameters, or multiply-adds), in the
// network's order, on a linear or a log₁₀ axis, coloured by the layer's kind, the picked layer
// outlined and the largest bar named with its share of the total. Layers with nothing to count
// (pooling, adds, concatenations) are short grey stubs, so the positions still read as the table's.
import { OKABE_ITO, seriesInk, themeOf, withAlpha } from '../../ui/palette.js';
import { PlotFrame } from '../../ui/plot-frame.js';

// Kind (the core's names) → colour and legend word.
export const KIND_STYLES = {
  conv: { color: OKABE_ITO.blue, label: 'convolution' },
  'conv+bn': { color: OKABE_ITO.blue, label: 'convolution' },
  'depthwise+bn': { color: OKABE_ITO.bluishGreen, label: 'depthwise' },
  dense: { color: OKABE_ITO.vermillion, label: 'dense' },
};

const styleOf = (kind) => KIND_STYLES[kind] ?? null;

// Compact counts for axes and labels: 1.2k, 3.4M, 15G.
export function compactCount(value) {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e9) return `${Number((value / 1e9).toPrecision(3))}G`;
  if (magnitude >= 1e6) return `${Number((value / 1e6).toPrecision(3))}M`;
  if (magnitude >= 1e3) return `${Number((value / 1e3).toPrecision(3))}k`;
  return String(Number(value.toPrecision(3)));
}

// values: one count per layer; kinds, names: the core's per layer; log: a log₁₀ axis; picked: the
// outlined layer's index (or -1); total: what the largest bar's share is of. Returns the PlotFrame
// (x in layer-index units: bar i spans [i − 0.5, i + 0.5]).
export function drawLayerBars(context, width, height, { values, kinds, names, log, picked, total, yLabel }) {
  const theme = themeOf(context);
  const count = values.length;
  const area = { left: 56, top: 12, width: Math.max(10, width - 66), height: Math.max(10, height - 56) };
  const positive = Array.from(values).filter((v) => v > 0);
  const largest = Math.max(1, ...positive);
  let box;
  let yTicks;
  let yTickLabel;
  if (log) {
    const top = Math.ceil(Math.log10(largest) + 0.05);
    const bottom = Math.min(top - 2, Math.floor(Math.log10(Math.min(largest, ...positive))));
    box = { xMin: -0.5, xMax: count - 0.5, yMin: bottom, yMax: top };
    const step = Math.max(1, Math.ceil((top - bottom) / Math.max(2, Math.floor(area.height / 26))));
    yTicks = [];
    for (let tick = bottom; tick <= top; tick += step) yTicks.push(tick);
    yTickLabel = (k) => compactCount(10 ** k);
  } else {
    box = { xMin: -0.5, xMax: count - 0.5, yMin: 0, yMax: largest * 1.12 };
    yTickLabel = compactCount;
  }
  const frame = new PlotFrame(box, area);
  // The layers get their own numbers below (every k-th): an empty x range draws no x ticks.
  new PlotFrame({ ...box, xMin: 0, xMax: 0 }, area).drawAxes(context, { yLabel, yTicks, yTickLabel, grid: true });
  const slot = area.width / Math.max(1, count);
  const barWidth = Math.max(1.5, Math.min(32, slot * 0.72));
  const baseline = area.top + area.height;
  const heightOf = (value) => {
    if (!(value > 0)) return 0;
    const y = log ? Math.log10(value) : value;
    return Math.max(1, baseline - Math.max(area.top, frame.toPixelY(Math.max(box.yMin, y))));
  };
  context.save();
  let biggest = -1;
  for (let i = 0; i < count; i++) {
    const x = frame.toPixelX(i) - barWidth / 2;
    const style = styleOf(kinds[i]);
    const value = values[i];
    if (!(value > 0) || !style) {
      context.fillStyle = withAlpha(theme.neutral, 0.6);
      context.fillRect(x, baseline - 2, barWidth, 2);
    } else {
      const h = heightOf(value);
      context.fillStyle = seriesInk(style.color, theme);
      context.fillRect(x, baseline - h, barWidth, h);
      if (biggest < 0 || value > values[biggest]) biggest = i;
    }
  }
  if (picked >= 0 && picked < count) {
    const x = frame.toPixelX(picked);
    context.strokeStyle = theme.highlight;
    context.lineWidth = 2;
    const h = Math.max(6, heightOf(values[picked]));
    context.strokeRect(x - barWidth / 2 - 2, baseline - h - 2, barWidth + 4, h + 2);
    context.fillStyle = theme.highlight;
    context.beginPath();
    context.moveTo(x, baseline + 3);
    context.lineTo(x - 5, baseline + 11);
    context.lineTo(x + 5, baseline + 11);
    context.fill();
  }
  // The largest bar, named with its share: "where the parameters are" at a glance.
  context.font = '12px system-ui, sans-serif';
  context.fillStyle = theme.text;
  context.textBaseline = 'bottom';
  if (biggest >= 0 && total > 0) {
    const x = frame.toPixelX(biggest);
    const text = `${names[biggest]}: ${((100 * values[biggest]) / total).toFixed(1)}%`;
    const textWidth = context.measureText(text).width;
    context.textAlign = 'left';
    const left = Math.min(Math.max(area.left + 2, x - textWidth / 2), area.left + area.width - textWidth - 2);
    const y = Math.max(area.top + 14, baseline - heightOf(values[biggest]) - 3);
    context.fillText(text, left, y);
  }
  // Layer numbers, every k-th (1-based, as in the table).
  context.font = '11px system-ui, sans-serif';
  context.fillStyle = theme.muted;
  context.textAlign = 'center';
  context.textBaseline = 'top';
  const every = Math.max(1, Math.ceil(count / Math.max(1, Math.floor(area.width / 34))));
  for (let i = 0; i < count; i += every) context.fillText(String(i + 1), frame.toPixelX(i), baseline + 13);
  context.textBaseline = 'bottom';
  context.fillText('layer (in order, as in the table)', area.left + area.width / 2, baseline + 42);
  context.restore();
  return frame;
}

// The legend entries for the kinds present, one per colour.
export function legendOf(kinds) {
  const seen = new Map();
  for (const kind of kinds) {
    const style = styleOf(kind);
    if (style && !seen.has(style.label)) seen.set(style.label, style.color);
  }
  return [...seen].map(([label, color]) => ({ label, color }));
}
