// Draws <descent-sgd>: the loss landscape L(w, b) computed by the core
// (sgdLandscape) with the path, the two minima, and the gradient fan at the
// current point; and the data set with the current line.
import {
  cachedMapImage,
  displayBox,
  drawArrow,
  drawMinimumMarkers,
  drawPath,
  mapArea,
  mapHeight,
  mapImage,
} from '../../ui/contour-map.js';
import { seriesInk, themeOf } from '../../ui/palette.js';
import { PlotFrame } from '../../ui/plot-frame.js';

export const PATH_COLOR = '#ff6b35';
export const FULL_GRADIENT_COLOR = '#ffffff';
export const BATCH_GRADIENT_COLOR = '#ffd43b';
export const STEEP_COLOR = '#e8590c';
export const FLAT_COLOR = '#1c7ed6';
const PATH_STYLE = { color: PATH_COLOR, startColor: '#e5177b', endColor: '#2f9e44', lineWidth: 1.5 };
const LONGEST_ARROW = 70; // px: the longest arrow of the fan; the others to the same scale
const SHORTEST_SHOWN = 3; // px: shorter arrows are drawn as this (they still have a direction)
const MAX_PATH_DOTS = 120; // beyond this many points the path is a line without dots

export const landscapeHeight = (width, box) => mapHeight(width, box);

// The sampled landscape (the same for every run) as an image of the frame's area, coarse first:
// 256 loss terms per sample made the full map a 75 ms task on first load. The sharp map has at
// most 160 columns (≈ 4 px per cell on a desktop plot, drawn smoothed; the contour lines are
// vectors): 220 took 30–40 ms.
function landscapeImage(core, frame, sharpening) {
  const { area, box } = frame;
  const ratio = window.devicePixelRatio || 1;
  const key = JSON.stringify(['sgd-landscape', box, area.width, area.height, ratio]);
  return cachedMapImage(
    core,
    key,
    (coarseness) => {
      const columns = Math.max(8, Math.round(Math.min(160, area.width / 2) / coarseness));
      const rows = Math.max(1, Math.round((columns * area.height) / area.width));
      const map = core.sgdLandscape({ columns, rows, levels: 22, box });
      return map.ok ? mapImage(map, columns, rows, frame, ratio) : null;
    },
    sharpening,
  );
}

// The fan at `point`: −∇ of each sampled mini-batch (yellow) and of the full data set (white),
// all to one scale so their lengths compare; pointing downhill, where the step would go.
function drawFan(context, frame, point, fan) {
  const x0 = frame.toPixelX(point[0]);
  const y0 = frame.toPixelY(point[1]);
  const vectors = [];
  for (let k = 0; k + 1 < fan.batchGradients.length; k += 2)
    vectors.push([fan.batchGradients[k], fan.batchGradients[k + 1]]);
  const full = [fan.fullGradient[0], fan.fullGradient[1]];
  const longest = Math.max(Math.hypot(...full), ...vectors.map((v) => Math.hypot(...v)));
  if (!(longest > 0) || !Number.isFinite(longest)) return;
  const scale = LONGEST_ARROW / longest;
  const arrow = ([gx, gy], options) => {
    const norm = Math.hypot(gx, gy);
    if (!(norm > 0)) return;
    const length = Math.max(SHORTEST_SHOWN, norm * scale);
    drawArrow(context, x0, y0, x0 - (gx / norm) * length, y0 + (gy / norm) * length, options);
  };
  for (const v of vectors) arrow(v, { color: BATCH_GRADIENT_COLOR, lineWidth: 1.5, head: 6 });
  arrow(full, { color: FULL_GRADIENT_COLOR, lineWidth: 3, head: 10 });
}

function labelMinima(context, frame, minima) {
  context.font = '12px system-ui, sans-serif';
  for (const minimum of minima) {
    const x = frame.toPixelX(minimum.point[0]);
    const y = frame.toPixelY(minimum.point[1]);
    const text = minimum.name;
    context.lineWidth = 3;
    context.strokeStyle = 'rgba(0,0,0,0.6)';
    context.strokeText(text, x + 9, y - 9);
    context.fillStyle = '#ffffff';
    context.fillText(text, x + 9, y - 9);
  }
}

// The landscape with the path up to `shownStep` and the fan there; returns the PlotFrame.
// onSharper: redraws the caller once the coarse first map has been sharpened.
export function drawLandscape(context, width, height, { core, landscapeBox, run, shownStep, fan, onSharper }) {
  const area = mapArea(width, height);
  const frame = new PlotFrame(displayBox(landscapeBox, area), area);
  const image = landscapeImage(core, frame, { plot: context.canvas, onSharper });
  if (image) context.drawImage(image, area.left, area.top, area.width, area.height);
  frame.drawAxes(context, { xLabel: 'w (slope)', yLabel: 'b (intercept)', gridColor: 'rgba(255,255,255,0.12)' });
  context.save();
  frame.clip(context);
  const minima = run.minima.map((m) => ({ point: m.point, global: m.name === 'wide' }));
  drawMinimumMarkers(context, frame, minima);
  labelMinima(context, frame, run.minima);
  const points = [];
  for (let k = 0; k <= shownStep; k++) points.push([run.positions[2 * k], run.positions[2 * k + 1]]);
  if (!drawPath(context, frame, points, { ...PATH_STYLE, dots: points.length <= MAX_PATH_DOTS })) {
    // Without dots, still mark the start and the current point.
    for (const [[x, y], color] of [
      [points[0], PATH_STYLE.startColor],
      [points[points.length - 1], PATH_STYLE.endColor],
    ]) {
      context.beginPath();
      context.arc(frame.toPixelX(x), frame.toPixelY(y), 5, 0, Math.PI * 2);
      context.fillStyle = color;
      context.fill();
      context.strokeStyle = '#ffffff';
      context.lineWidth = 1.5;
      context.stroke();
    }
  }
  if (fan?.ok) drawFan(context, frame, points[points.length - 1], fan);
  context.restore();
  return frame;
}

// The data set (steep points orange, flat points blue) and the line y = w·x + b of the current θ.
export function drawData(context, width, height, { dataSet, theta }) {
  const area = { left: 40, top: 8, width: Math.max(10, width - 50), height: Math.max(10, height - 40) };
  const frame = new PlotFrame({ xMin: -7, xMax: 7, yMin: -9, yMax: 9 }, area);
  frame.drawAxes(context, { xLabel: 'x', yLabel: 'y' });
  const theme = themeOf(context);
  const steepColor = seriesInk(STEEP_COLOR, theme);
  const flatColor = seriesInk(FLAT_COLOR, theme);
  context.save();
  frame.clip(context);
  for (let i = 0; i < dataSet.size; i++) {
    context.beginPath();
    context.arc(frame.toPixelX(dataSet.x[i]), frame.toPixelY(dataSet.y[i]), dataSet.steep[i] ? 3.5 : 2, 0, Math.PI * 2);
    context.fillStyle = dataSet.steep[i] ? steepColor : flatColor;
    context.globalAlpha = dataSet.steep[i] ? 0.95 : 0.5;
    context.fill();
  }
  context.globalAlpha = 1;
  const [w, b] = theta;
  context.beginPath();
  context.moveTo(frame.toPixelX(-7), frame.toPixelY(-7 * w + b));
  context.lineTo(frame.toPixelX(7), frame.toPixelY(7 * w + b));
  context.strokeStyle = PATH_COLOR;
  context.lineWidth = 2.5;
  context.stroke();
  context.restore();
  return frame;
}
