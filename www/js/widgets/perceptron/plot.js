// Draws <descent-perceptron>'s two panels from the core's run: the four points of a logic data set
// with the perceptron's line (its class-1 side shaded), or with the MLP's decision field and its
// hidden units' lines. Colours follow the playground: class 0 orange, class 1 blue.
import { paintCells } from '../../ui/cell-image.js';
import { OKABE_ITO, ink, seriesInk, themeOf, tint, withAlpha } from '../../ui/palette.js';
import { PlotFrame } from '../../ui/plot-frame.js';

// Orange darkened to 3:1 against white (it was 2.3:1) and blue: the playground's classes 0 and 1.
export const CLASS_COLORS = [ink(OKABE_ITO.orange), OKABE_ITO.blue];
export const HIDDEN_LINE_COLORS = ['#7048e8', '#2f9e44'];
const CLASS_RGB = [
  [245, 147, 34],
  [8, 119, 189],
];

// A square plot area for a panel `size` CSS px wide (room for tick labels on the left and below).
export const panelArea = (size) => ({ left: 30, top: 8, width: size - 38, height: size - 38 });

// The line a·x + b·y + c = 0 clipped to the box, or null when it misses it (or a = b = 0).
function clipLine(a, b, c, box) {
  const points = [];
  const add = (x, y) => {
    const inside = x >= box.xMin - 1e-9 && x <= box.xMax + 1e-9 && y >= box.yMin - 1e-9 && y <= box.yMax + 1e-9;
    if (inside && !points.some(([px, py]) => Math.hypot(px - x, py - y) < 1e-9)) points.push([x, y]);
  };
  if (Math.abs(b) > 1e-12) {
    for (const x of [box.xMin, box.xMax]) add(x, -(a * x + c) / b);
  }
  if (Math.abs(a) > 1e-12) {
    for (const y of [box.yMin, box.yMax]) add(-(b * y + c) / a, y);
  }
  return points.length >= 2 ? points.slice(0, 2) : null;
}

function strokeLine(context, frame, [[x0, y0], [x1, y1]], { color, width, dash = [] }) {
  context.save();
  context.setLineDash(dash);
  context.strokeStyle = color;
  context.lineWidth = width;
  context.beginPath();
  context.moveTo(frame.toPixelX(x0), frame.toPixelY(y0));
  context.lineTo(frame.toPixelX(x1), frame.toPixelY(y1));
  context.stroke();
  context.restore();
}

// The four points, filled with their true class; a red ring where the model predicts wrong.
function drawPoints(context, frame, { inputs, labels, predicted }) {
  const theme = themeOf(context);
  for (let i = 0; i < labels.length; i++) {
    const px = frame.toPixelX(inputs[2 * i]);
    const py = frame.toPixelY(inputs[2 * i + 1]);
    if (predicted[i] !== labels[i]) {
      context.beginPath();
      context.arc(px, py, 13, 0, Math.PI * 2);
      context.strokeStyle = theme.danger;
      context.lineWidth = 3;
      context.stroke();
    }
    context.beginPath();
    context.arc(px, py, 8, 0, Math.PI * 2);
    context.fillStyle = seriesInk(CLASS_COLORS[labels[i]], theme);
    context.fill();
    context.strokeStyle = '#1d2430';
    context.lineWidth = 1.5;
    context.stroke();
    context.fillStyle = '#ffffff';
    context.font = '600 11px system-ui, sans-serif';
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    context.fillText(String(labels[i]), px, py + 0.5);
  }
}

// The perceptron panel: its class-1 half-plane w1·x1 + w2·x2 + b > 0 lightly blue, the rest lightly
// orange, and the line itself. With w = 0 there is no line (every point is predicted by b alone).
export function drawPerceptronPanel(context, size, { view, inputs, labels, predicted, w1, w2, bias }) {
  const area = panelArea(size);
  const box = { xMin: view.min, xMax: view.max, yMin: view.min, yMax: view.max };
  const frame = new PlotFrame(box, area);
  const theme = themeOf(context);
  context.save();
  frame.clip(context);
  const segment = clipLine(w1, w2, bias, box);
  // Without a line in view the whole view is on one side: the side of any point.
  const background = segment ? 0 : w1 * box.xMin + w2 * box.yMin + bias > 0 ? 1 : 0;
  context.fillStyle = `rgb(${tint(CLASS_RGB[background], 0.14, theme)})`;
  context.fillRect(area.left, area.top, area.width, area.height);
  if (segment) {
    // Shade the class-1 side: the box corners on it plus the segment's ends, in angular order.
    const corners = [
      [box.xMin, box.yMin],
      [box.xMax, box.yMin],
      [box.xMax, box.yMax],
      [box.xMin, box.yMax],
    ];
    const polygon = [...corners.filter(([x, y]) => w1 * x + w2 * y + bias > 0), ...segment];
    const cx = polygon.reduce((s, p) => s + p[0], 0) / polygon.length;
    const cy = polygon.reduce((s, p) => s + p[1], 0) / polygon.length;
    polygon.sort((p, q) => Math.atan2(p[1] - cy, p[0] - cx) - Math.atan2(q[1] - cy, q[0] - cx));
    context.fillStyle = `rgb(${tint(CLASS_RGB[1], 0.22, theme)})`;
    context.beginPath();
    polygon.forEach(([x, y], i) =>
      i === 0
        ? context.moveTo(frame.toPixelX(x), frame.toPixelY(y))
        : context.lineTo(frame.toPixelX(x), frame.toPixelY(y)),
    );
    context.closePath();
    context.fill();
    strokeLine(context, frame, segment, { color: theme.text, width: 3 });
  }
  drawPoints(context, frame, { inputs, labels, predicted });
  context.restore();
  frame.drawAxes(context, { grid: false });
  return frame;
}

// Paints the core's P(class 1) field (row-major from the top row) from orange (0) to blue (1).
function paintField(context, area, { resolution, probability }) {
  const theme = themeOf(context);
  paintCells(context, area, resolution, (i) => {
    const p = probability[i];
    return tint(CLASS_RGB[p > 0.5 ? 1 : 0], 0.12 + 0.6 * Math.abs(2 * p - 1), theme);
  });
}

// The MLP panel: its decision field, each hidden unit's line W1[0][j]·x1 + W1[1][j]·x2 + b1[j] = 0
// (dashed; where its tanh changes sign), the 0.5 contour being what separates the classes.
export function drawMlpPanel(context, size, { view, inputs, labels, predicted, field, parameters }) {
  const area = panelArea(size);
  const box = { xMin: view.min, xMax: view.max, yMin: view.min, yMax: view.max };
  const frame = new PlotFrame(box, area);
  context.save();
  frame.clip(context);
  paintField(context, area, field);
  // Flat order (network.hpp): W1 row by row (input i to unit j at 2i + j), then b1.
  for (let unit = 0; unit < 2; unit++) {
    const segment = clipLine(parameters[unit], parameters[2 + unit], parameters[4 + unit], box);
    const color = seriesInk(HIDDEN_LINE_COLORS[unit], themeOf(context));
    if (segment) strokeLine(context, frame, segment, { color, width: 2, dash: [6, 4] });
  }
  drawPoints(context, frame, { inputs, labels, predicted });
  context.restore();
  frame.drawAxes(context, { grid: false });
  return frame;
}

// A per-epoch chart with epochs 1..epochCount on the x axis: the values (entry e is epoch e + 1)
// as a line or as bars, faint over the whole run and in colour up to `currentEpoch`.
export function drawEpochChart(
  context,
  width,
  height,
  { values, epochCount, currentEpoch, color, yMax, yLabel, bars = false, integerTicks = false },
) {
  const area = { left: 40, top: 8, width: Math.max(10, width - 50), height: Math.max(10, height - 40) };
  let top = yMax;
  if (top === undefined) {
    top = 0;
    for (const v of values) if (Number.isFinite(v)) top = Math.max(top, v);
    top = top > 0 ? top * 1.05 : 1;
  }
  const frame = new PlotFrame({ xMin: 0.5, xMax: Math.max(1, epochCount) + 0.5, yMin: 0, yMax: top }, area);
  const yTicks = integerTicks ? Array.from({ length: Math.floor(top) + 1 }, (_, k) => k) : undefined;
  frame.drawAxes(context, { xLabel: 'epoch', yLabel, yTicks });
  context.save();
  frame.clip(context);
  const barWidth = Math.max(1, (area.width / Math.max(1, epochCount)) * 0.8);
  const trace = (upTo, style, lineWidth) => {
    if (bars) {
      context.fillStyle = style;
      for (let e = 0; e < Math.min(upTo, values.length); e++) {
        const px = frame.toPixelX(e + 1);
        const py = frame.toPixelY(values[e]);
        context.fillRect(px - barWidth / 2, py, barWidth, frame.toPixelY(0) - py);
      }
      return;
    }
    context.beginPath();
    for (let e = 0; e < Math.min(upTo, values.length); e++) {
      if (!Number.isFinite(values[e])) break;
      const px = frame.toPixelX(e + 1);
      const py = frame.toPixelY(Math.min(values[e], top));
      if (e === 0) context.moveTo(px, py);
      else context.lineTo(px, py);
    }
    context.strokeStyle = style;
    context.lineWidth = lineWidth;
    context.stroke();
  };
  trace(values.length, withAlpha(themeOf(context).neutral, 0.4), 1.5);
  trace(currentEpoch, color, 2.5);
  if (currentEpoch >= 1 && currentEpoch <= values.length) {
    context.fillStyle = color;
    context.beginPath();
    context.arc(
      frame.toPixelX(currentEpoch),
      frame.toPixelY(Math.min(values[currentEpoch - 1], top)),
      4,
      0,
      Math.PI * 2,
    );
    context.fill();
  }
  context.restore();
  return frame;
}
