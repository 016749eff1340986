// Draws <descent-race>'s map: the shared contour map (www/js/ui/contour-map.js)
// with every racer's path, its gradient and step arrows at the shown step, and
// the Hessian's eigen-directions at a probed point.
import {
  drawContourMap,
  drawEigenDirections,
  drawGradientArrow,
  drawPath,
  drawStepArrow,
} from '../../ui/contour-map.js';
import { drawMarker, markerSwatch } from '../../ui/markers.js';
import { OKABE_ITO, THEMES, ink, seriesInk } from '../../ui/palette.js';

// One colour and marker shape per optimizer, fixed so a racer looks the same in
// every setup. Okabe–Ito colours (distinguishable with the common colour-vision
// deficiencies) plus white and grey, each drawn over a dark outline so it reads
// on the whole viridis map; the shapes tell racers apart without colour. On the
// widget's background (the loss chart, legends, tables) a racer is drawn in its
// `ink`, light or dark: the same hue at ≥ 3:1 contrast (on white, white and grey
// become near-black and mid-grey, told apart by their shapes).
const RACER_COLORS = {
  sgd: { color: OKABE_ITO.orange, shape: 'circle' },
  momentum: { color: OKABE_ITO.skyBlue, shape: 'square' },
  nesterov: { color: OKABE_ITO.bluishGreen, shape: 'triangle' },
  adagrad: { color: OKABE_ITO.vermillion, shape: 'triangle-down' },
  rmsprop: { color: OKABE_ITO.reddishPurple, shape: 'diamond' },
  adam: { color: OKABE_ITO.yellow, shape: 'star' },
  adamw: { color: '#FFFFFF', shape: 'hexagon', ink: '#1D2430' },
  lion: { color: '#A0A0A0', shape: 'pentagon' },
};
export const RACER_STYLES = Object.fromEntries(
  Object.entries(RACER_COLORS).map(([id, style]) => [
    id,
    { ink: ink(style.color), darkInk: seriesInk(style.color, THEMES.dark), ...style },
  ]),
);
const FALLBACK_STYLE = { color: '#BBBBBB', ink: ink('#BBBBBB'), darkInk: '#BBBBBB', shape: 'circle' };
export const racerStyle = (id) => RACER_STYLES[id] ?? FALLBACK_STYLE;
export const racerInk = (id, scheme) => racerStyle(id)[scheme === 'dark' ? 'darkInk' : 'ink'];
// A racer's legend swatch, in its ink for either scheme.
export const racerSwatch = (id, size) =>
  markerSwatch(racerStyle(id).shape, racerStyle(id).ink, size, racerStyle(id).darkInk);

const OUTLINE = 'rgba(20,24,32,0.85)';

export const pointAt = (values, k) => [values[2 * k], values[2 * k + 1]];

// A run's points from step 0 to `last`.
function pathPoints(run, last) {
  const points = [];
  for (let k = 0; k <= last; k++) points.push(pointAt(run.positions, k));
  return points;
}

// racers: [{id, run}] in drawing order; selected: the id drawn on top.
// probe: {point, curvature} (curvature from core.surfaceCurvature) or null.
export function drawRaceMap(
  context,
  width,
  height,
  { core, config, surface, racers, shownStep, selected, probe, onSharper },
) {
  const frame = drawContourMap(context, width, height, { core, spec: config, surfaceInfo: surface, onSharper });
  context.save();
  frame.clip(context);
  const ordered = [...racers.filter((r) => r.id !== selected), ...racers.filter((r) => r.id === selected)];
  for (const { id, run } of ordered) {
    const last = Math.min(shownStep, run.stepsCompleted);
    const { color } = racerStyle(id);
    drawPath(context, frame, pathPoints(run, last), {
      color,
      outline: OUTLINE,
      lineWidth: id === selected ? 2.5 : 2,
      dots: false,
    });
  }
  drawStartMarker(context, frame.toPixelX(config.start[0]), frame.toPixelY(config.start[1]));
  for (const { id, run } of ordered) {
    const k = Math.min(shownStep, run.stepsCompleted);
    const here = pointAt(run.positions, k);
    // The step the optimizer takes next, to scale, and the downhill direction, not to scale.
    if (k < run.stepsCompleted)
      drawStepArrow(context, frame, here, pointAt(run.positions, k + 1), { color: racerStyle(id).color });
    drawGradientArrow(context, frame, here, pointAt(run.gradients, k), { length: 30, lineWidth: 1.5 });
  }
  for (const { id, run } of ordered) {
    const k = Math.min(shownStep, run.stepsCompleted);
    const [x, y] = pointAt(run.positions, k);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const { color, shape } = racerStyle(id);
    const px = frame.toPixelX(x);
    const py = frame.toPixelY(y);
    if (frame.contains(px, py)) {
      drawMarker(context, shape, px, py, id === selected ? 7.5 : 6, { fill: color, stroke: OUTLINE, lineWidth: 2 });
    } else {
      drawOffMapMarker(context, frame, px, py, { color, shape });
    }
  }
  if (probe?.curvature?.ok) drawEigenDirections(context, frame, probe.point, probe.curvature);
  context.restore();
  return frame;
}

// A racer that left the map: its marker pinned to the edge, with a notch pointing where it went.
function drawOffMapMarker(context, frame, px, py, { color, shape }) {
  const { area } = frame;
  const inset = 9;
  const ex = Math.max(area.left + inset, Math.min(area.left + area.width - inset, px));
  const ey = Math.max(area.top + inset, Math.min(area.top + area.height - inset, py));
  const angle = Math.atan2(py - ey, px - ex);
  context.save();
  context.globalAlpha = 0.85;
  context.beginPath();
  context.moveTo(ex + Math.cos(angle) * 11, ey + Math.sin(angle) * 11);
  context.lineTo(ex + Math.cos(angle + 2.4) * 6, ey + Math.sin(angle + 2.4) * 6);
  context.lineTo(ex + Math.cos(angle - 2.4) * 6, ey + Math.sin(angle - 2.4) * 6);
  context.closePath();
  context.fillStyle = '#ffffff';
  context.fill();
  drawMarker(context, shape, ex, ey, 5, { fill: color, stroke: OUTLINE, lineWidth: 1.5 });
  context.restore();
}

// The common start: a white ring with a dark rim and centre.
function drawStartMarker(context, x, y) {
  context.beginPath();
  context.arc(x, y, 7, 0, Math.PI * 2);
  context.fillStyle = OUTLINE;
  context.fill();
  context.beginPath();
  context.arc(x, y, 5, 0, Math.PI * 2);
  context.strokeStyle = '#ffffff';
  context.lineWidth = 2.5;
  context.stroke();
}
