// Grouped bar charts (one group per class or entry, one bar per series, values may be negative)
// and the small colour legend the widgets' charts share.
import { seriesInk, themeOf, withAlpha } from './palette.js';
import { PlotFrame } from './plot-frame.js';

const AREA = (width, height) => ({
  left: 52,
  top: 10,
  width: Math.max(10, width - 64),
  height: Math.max(10, height - 48),
});

// entries: [{label, color}], listed top-left inside the plot area.
export function drawLegend(context, area, entries) {
  if (entries.length === 0) return;
  const theme = themeOf(context);
  context.save();
  context.font = '12px system-ui, sans-serif';
  context.textBaseline = 'middle';
  // On a framed, nearly opaque panel: the curves under it do not run through the words.
  const width = 38 + Math.max(...entries.map(({ label }) => context.measureText(label).width));
  context.fillStyle = withAlpha(theme.background, 0.88);
  context.strokeStyle = withAlpha(theme.text, 0.18);
  context.lineWidth = 1;
  context.beginPath();
  context.rect(area.left + 3.5, area.top + 0.5, width, entries.length * 16 + 4);
  context.fill();
  context.stroke();
  let y = area.top + 10;
  for (const { label, color } of entries) {
    context.fillStyle = seriesInk(color, theme);
    context.fillRect(area.left + 8, y - 2, 16, 4);
    context.fillStyle = theme.text;
    context.fillText(label, area.left + 30, y);
    y += 16;
  }
  context.restore();
}

// Grouped bars: groups[k] = {label, bars: [{value, color}]}; values may be negative (gradients).
export function drawBars(context, width, height, { groups, yLabel, legendEntries = [], highlight = -1 }) {
  const area = AREA(width, height);
  const values = groups.flatMap((g) => g.bars.map((b) => b.value)).filter(Number.isFinite);
  const yMin = Math.min(0, ...values);
  const yMax = Math.max(0.01, ...values);
  const frame = new PlotFrame({ xMin: 0, xMax: groups.length, yMin, yMax: yMax + (yMax - yMin) * 0.25 }, area);
  const theme = themeOf(context);
  frame.drawAxes(context, { yLabel, grid: true });
  context.save();
  context.font = '12px system-ui, sans-serif';
  context.textAlign = 'center';
  groups.forEach((group, k) => {
    const slot = area.width / groups.length;
    const barWidth = (slot * 0.7) / group.bars.length;
    group.bars.forEach((bar, j) => {
      const x = area.left + k * slot + slot * 0.15 + j * barWidth;
      const y0 = frame.toPixelY(0);
      const y1 = frame.toPixelY(Number.isFinite(bar.value) ? bar.value : 0);
      context.fillStyle = seriesInk(bar.color, theme);
      context.fillRect(x, Math.min(y0, y1), Math.max(1, barWidth - 2), Math.abs(y1 - y0));
    });
    context.fillStyle = k === highlight ? theme.danger : theme.text;
    context.fillText(group.label, area.left + (k + 0.5) * slot, area.top + 12);
  });
  context.restore();
  drawLegend(context, { ...area, top: area.top + 18 }, legendEntries);
  return frame;
}
