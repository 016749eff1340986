// The network unrolled over time for one test sequence (<descent-rnn>), from the core's inspection
// (RnnSession.inspect): one column per step — the input, the hidden state h_t as a heat strip (one
// row per unit), an LSTM's input, forget and output gates and its cell state c_t (a GRU's reset and
// update gates), and the output against the target — with the selected step outlined. Strips are
// painted one pixel per value into an offscreen canvas and scaled up, so a long sequence with many
// units still draws in a millisecond or two.
import { divergingColor } from '../../ui/cell-grid.js';
import { prepareCanvas } from '../../ui/hidpi-canvas.js';
import { OKABE_ITO, channels, seriesInk, themeOf, withAlpha } from '../../ui/palette.js';

const ROW_GAP = 6;
const AXIS_HEIGHT = 16;
const SYMBOLS = ['A', 'B', 'C', 'D'];
export const OUTPUT_COLOR = OKABE_ITO.vermillion;
const GATE_INK = [0, 158, 115]; // Okabe–Ito bluish green: a gate at 1

// The words of a token id of the copy task: a symbol, the delimiter or a blank.
export const tokenText = (id) => SYMBOLS[id] ?? (id === SYMBOLS.length ? '▸' : '·');

// A gate activation in [0, 1] on a sequential scale: the background at 0, green at 1.
function gateColor(value, theme) {
  const base = channels(theme.background);
  const t = Math.min(1, Math.max(0, value));
  return base.map((c, i) => Math.round(c + (GATE_INK[i] - c) * t));
}

function largest(values) {
  let m = 0;
  for (const v of values) m = Math.max(m, Math.abs(v));
  return m;
}

// Every step's `units` values (row-major, row t = step t) starting at column `offset` of rows of
// `width` values: one gate of the gates matrix, or the whole hidden/cell state.
function slice(values, time, width, offset, units) {
  const out = new Float32Array(time * units);
  for (let t = 0; t < time; t++) for (let u = 0; u < units; u++) out[t * units + u] = values[t * width + offset + u];
  return out;
}

// The rows to draw for an inspection of `task`: {label, kind, height, …}.
export function unrolledRows(r, task) {
  const { time, hiddenSize: hidden } = r;
  const rows = [];
  const stateHeight = Math.max(1.5, Math.min(6, 96 / hidden)) * hidden;
  const gateHeight = Math.max(1, Math.min(4, 40 / hidden)) * hidden;
  if (task === 'sine') {
    rows.push({ label: 'input x_t', kind: 'line', height: 44, series: [{ values: r.inputs, color: 'text' }] });
  } else if (task === 'adding') {
    rows.push({
      label: 'value',
      kind: 'strip',
      height: 12,
      units: 1,
      values: slice(r.inputs, time, 2, 0, 1),
      scale: 'gate',
    });
    rows.push({
      label: 'marker',
      kind: 'tokens',
      height: 14,
      tokens: Array.from({ length: time }, (_, t) => (r.inputs[2 * t + 1] > 0 ? '●' : '')),
    });
  } else {
    const text = task === 'copy' ? tokenText : (id) => String(id);
    rows.push({
      label: task === 'copy' ? 'input' : 'bit',
      kind: 'tokens',
      height: 16,
      tokens: Array.from(r.inputs, text),
    });
  }
  rows.push({
    label: 'hidden h_t',
    short: 'h_t',
    kind: 'strip',
    height: stateHeight,
    units: hidden,
    values: r.hiddenStates,
    scale: 1,
  });
  const gateRows = {
    input: ['input gate i', 'gate i'],
    forget: ['forget gate f', 'gate f'],
    output: ['output gate o', 'gate o'],
    reset: ['reset gate r', 'gate r'],
    update: ['update gate z', 'gate z'],
  };
  r.gateNames.forEach((name, g) => {
    if (!gateRows[name]) return; // the candidate: not a gate
    rows.push({
      label: gateRows[name][0],
      short: gateRows[name][1],
      kind: 'strip',
      height: gateHeight,
      units: hidden,
      values: slice(r.gates, time, r.gateCount * hidden, g * hidden, hidden),
      scale: 'gate',
    });
  });
  if (r.cellStates.length) {
    rows.push({
      label: 'cell c_t',
      short: 'c_t',
      kind: 'strip',
      height: stateHeight,
      units: hidden,
      values: r.cellStates,
      scale: Math.max(1e-6, largest(r.cellStates)),
    });
  }
  if (task === 'sine') {
    rows.push({
      label: 'output',
      kind: 'line',
      height: 56,
      series: [
        { values: r.targets, color: 'neutral' },
        { values: r.outputs, color: OUTPUT_COLOR },
      ],
    });
  } else if (task === 'adding') {
    rows.push({ label: 'output', kind: 'last', height: 16, output: r.outputs[0], target: r.targets[0] });
  } else {
    const text = task === 'copy' ? tokenText : (id) => String(id);
    const classes = r.outputSize;
    const predicted = [];
    const correct = [];
    const confidence = [];
    for (let t = 0; t < r.outputTime; t++) {
      let best = 0;
      for (let k = 1; k < classes; k++) if (r.outputs[t * classes + k] > r.outputs[t * classes + best]) best = k;
      const counted = r.mask[t] > 0;
      predicted.push(counted ? text(best) : '');
      correct.push(counted ? best === r.targets[t] : null);
      confidence.push(r.outputs[t * classes + best]);
    }
    rows.push({ label: 'output', kind: 'tokens', height: 16, tokens: predicted, correct, confidence });
    rows.push({
      label: 'target',
      kind: 'tokens',
      height: 16,
      tokens: Array.from(r.targets, (id, t) => (r.mask[t] > 0 ? text(id) : '')),
    });
  }
  return rows;
}

export function unrolledHeight(rows) {
  return AXIS_HEIGHT + rows.reduce((sum, row) => sum + row.height + ROW_GAP, 0);
}

// Draws the rows; returns the geometry for the pointer: {left, cell, time, top, bottom}.
export function drawUnrolled(canvas, width, rows, { time, selected = null }) {
  const height = unrolledHeight(rows);
  const context = prepareCanvas(canvas, width, height);
  const theme = themeOf(context);
  const narrow = width < 480;
  const labelWidth = narrow ? 56 : 92;
  const left = labelWidth;
  const cell = Math.max(0.5, (width - left - 4) / time);
  const geometry = { left, cell, time, top: AXIS_HEIGHT, bottom: height };
  context.font = '11px system-ui, sans-serif';
  context.textBaseline = 'middle';
  // The step axis: a tick label every few steps, at least 28 px apart.
  const every = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500].find((k) => k * cell >= 28) ?? 1000;
  context.fillStyle = theme.muted;
  context.textAlign = 'center';
  for (let t = 0; t < time; t += every) context.fillText(String(t), left + (t + 0.5) * cell, AXIS_HEIGHT / 2);
  let y = AXIS_HEIGHT;
  for (const row of rows) {
    context.fillStyle = theme.secondary;
    context.textAlign = 'left';
    context.fillText(narrow ? (row.short ?? row.label) : row.label, 2, y + row.height / 2, labelWidth - 6);
    drawRow(context, theme, row, { left, cell, time, y });
    y += row.height + ROW_GAP;
  }
  if (selected !== null && selected >= 0 && selected < time) {
    context.strokeStyle = theme.highlight;
    context.lineWidth = 2;
    context.strokeRect(left + selected * cell - 1, AXIS_HEIGHT - 2, cell + 2, y - AXIS_HEIGHT - ROW_GAP + 4);
  }
  return geometry;
}

function drawRow(context, theme, row, { left, cell, time, y }) {
  if (row.kind === 'strip') {
    const image = document.createElement('canvas');
    image.width = time;
    image.height = row.units;
    const pixels = image.getContext('2d').createImageData(time, row.units);
    for (let t = 0; t < time; t++) {
      for (let u = 0; u < row.units; u++) {
        const value = row.values[t * row.units + u];
        const [r, g, b] = row.scale === 'gate' ? gateColor(value, theme) : divergingColor(value, row.scale, theme);
        const k = (u * time + t) * 4;
        pixels.data[k] = r;
        pixels.data[k + 1] = g;
        pixels.data[k + 2] = b;
        pixels.data[k + 3] = 255;
      }
    }
    image.getContext('2d').putImageData(pixels, 0, 0);
    context.imageSmoothingEnabled = false;
    context.drawImage(image, left, y, time * cell, row.height);
    context.imageSmoothingEnabled = true;
  } else if (row.kind === 'tokens') {
    context.textAlign = 'center';
    for (let t = 0; t < time; t++) {
      const text = row.tokens[t] ?? '';
      const x = left + t * cell;
      if (row.correct && row.correct[t] !== null) {
        const base = row.correct[t] ? theme.ok : theme.danger;
        context.fillStyle = withAlpha(base, 0.15 + 0.45 * row.confidence[t]);
        context.fillRect(x, y, Math.max(0.5, cell - 1), row.height);
      } else if (text) {
        context.fillStyle = withAlpha(theme.neutral, 0.18);
        context.fillRect(x, y, Math.max(0.5, cell - 1), row.height);
      }
      if (text && cell >= 9) {
        context.fillStyle = theme.text;
        context.fillText(text, x + cell / 2, y + row.height / 2);
      }
    }
  } else if (row.kind === 'line') {
    let low = Infinity;
    let high = -Infinity;
    for (const { values } of row.series) {
      for (const v of values) {
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
    }
    if (!(high > low)) [low, high] = [low - 1, high + 1];
    context.fillStyle = withAlpha(theme.neutral, 0.08);
    context.fillRect(left, y, time * cell, row.height);
    for (const { values, color } of row.series) {
      context.strokeStyle = theme[color] ?? seriesInk(color, theme);
      context.lineWidth = color === 'neutral' ? 3 : 1.5;
      context.beginPath();
      values.forEach((v, t) => {
        const px = left + (t + 0.5) * cell;
        const py = y + row.height - 2 - ((v - low) / (high - low)) * (row.height - 4);
        if (t === 0) context.moveTo(px, py);
        else context.lineTo(px, py);
      });
      context.stroke();
    }
  } else if (row.kind === 'last') {
    const x = left + (time - 0.5) * cell;
    context.fillStyle = seriesInk(OUTPUT_COLOR, theme);
    context.beginPath();
    context.arc(x, y + row.height / 2, 4, 0, Math.PI * 2);
    context.fill();
    context.fillStyle = theme.text;
    context.textAlign = 'right';
    context.fillText(
      `ŷ = ${row.output.toFixed(3)}, target ${row.target.toFixed(3)}`,
      x - 8,
      y + row.height / 2,
      Math.max(40, x - 8 - left),
    );
  }
}

// The step under a pointer at x (CSS px in the canvas), or null.
export function stepAt(geometry, x) {
  if (!geometry) return null;
  const t = Math.floor((x - geometry.left) / geometry.cell);
  return t >= 0 && t < geometry.time ? t : null;
}
