// Maps a world rectangle onto a pixel rectangle of a canvas and draws axes with
// "nice" tick values.
import { themeOf } from './palette.js';

export class PlotFrame {
  // box: {xMin, xMax, yMin, yMax} in world units; area: {left, top, width, height} in CSS px.
  constructor(box, area) {
    this.box = box;
    this.area = area;
  }

  toPixelX(x) {
    const { box, area } = this;
    return area.left + ((x - box.xMin) / (box.xMax - box.xMin)) * area.width;
  }

  toPixelY(y) {
    const { box, area } = this;
    return area.top + ((box.yMax - y) / (box.yMax - box.yMin)) * area.height;
  }

  toWorld(pixelX, pixelY) {
    const { box, area } = this;
    return [
      box.xMin + ((pixelX - area.left) / area.width) * (box.xMax - box.xMin),
      box.yMax - ((pixelY - area.top) / area.height) * (box.yMax - box.yMin),
    ];
  }

  contains(pixelX, pixelY) {
    const { area } = this;
    return (
      pixelX >= area.left && pixelX <= area.left + area.width && pixelY >= area.top && pixelY <= area.top + area.height
    );
  }

  // Starts a path through the points (xs[i], ys[i]), broken where a value is not finite (a NaN
  // or an overflow stays a gap); far-off values are clamped so the canvas can still draw them.
  tracePath(context, xs, ys) {
    context.beginPath();
    let drawing = false;
    for (let i = 0; i < ys.length; i++) {
      if (!Number.isFinite(ys[i])) {
        drawing = false;
        continue;
      }
      const px = this.toPixelX(xs[i]);
      const py = Math.max(-1e5, Math.min(1e5, this.toPixelY(ys[i])));
      if (drawing) context.lineTo(px, py);
      else context.moveTo(px, py);
      drawing = true;
    }
  }

  clip(context) {
    const { area } = this;
    context.beginPath();
    context.rect(area.left, area.top, area.width, area.height);
    context.clip();
  }

  drawAxes(
    context,
    { xLabel, yLabel, yTicks, yTickLabel = tickLabel, xTickLabel = tickLabel, color, gridColor, grid = true },
  ) {
    const { box, area } = this;
    const theme = themeOf(context);
    color ??= theme.muted;
    gridColor ??= theme.grid;
    context.save();
    context.font = '11px system-ui, sans-serif';
    context.fillStyle = color;
    context.strokeStyle = gridColor;
    context.lineWidth = 1;
    context.textAlign = 'center';
    context.textBaseline = 'top';
    for (const x of niceTicks(box.xMin, box.xMax, Math.max(2, Math.floor(area.width / 70)))) {
      const px = this.toPixelX(x);
      if (grid) line(context, px, area.top, px, area.top + area.height);
      context.fillText(xTickLabel(x), px, area.top + area.height + 4);
    }
    context.textAlign = 'right';
    context.textBaseline = 'middle';
    for (const y of yTicks ?? niceTicks(box.yMin, box.yMax, Math.max(2, Math.floor(area.height / 40)))) {
      const py = this.toPixelY(y);
      if (grid) line(context, area.left, py, area.left + area.width, py);
      context.fillText(yTickLabel(y), area.left - 5, py);
    }
    context.strokeStyle = color;
    context.strokeRect(area.left, area.top, area.width, area.height);
    context.textAlign = 'center';
    context.textBaseline = 'bottom';
    if (xLabel) context.fillText(xLabel, area.left + area.width / 2, area.top + area.height + 32);
    if (yLabel) {
      context.translate(12, area.top + area.height / 2);
      context.rotate(-Math.PI / 2);
      context.textBaseline = 'middle';
      context.fillText(yLabel, 0, 0);
    }
    context.restore();
  }
}

function line(context, x0, y0, x1, y1) {
  context.beginPath();
  context.moveTo(x0, y0);
  context.lineTo(x1, y1);
  context.stroke();
}

// Tick values at 1, 2 or 5 × 10^k spacing, about `count` of them.
export function niceTicks(min, max, count) {
  const span = max - min;
  if (!(span > 0) || !Number.isFinite(span)) return [];
  const rough = span / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
  const ticks = [];
  for (let tick = Math.ceil(min / step) * step; tick <= max + step * 1e-9; tick += step) {
    ticks.push(Math.abs(tick) < step * 1e-9 ? 0 : tick);
  }
  return ticks;
}

function tickLabel(value) {
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e5 || magnitude < 1e-3)) return value.toExponential(0);
  return String(Number(value.toPrecision(6)));
}
