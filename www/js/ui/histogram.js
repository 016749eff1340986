// A bar chart of counts over equal-width bins of [−limit, limit] (weights of a
// network), with one bin optionally highlighted (the bin holding exact zeros).
import { seriesInk, themeOf } from './palette.js';
import { PlotFrame } from './plot-frame.js';

// counts: bin counts (from the core); yMax: shared top of the count axis, so two
// histograms side by side compare by height.
export function drawHistogram(
  context,
  width,
  height,
  { counts, limit, color, yMax, highlightBin = -1, highlightColor, xLabel, yLabel = 'weights' },
) {
  const area = { left: 44, top: 10, width: Math.max(10, width - 54), height: Math.max(10, height - 46) };
  const top = Math.max(1, yMax ?? Math.max(...counts));
  const frame = new PlotFrame({ xMin: -limit, xMax: limit, yMin: 0, yMax: top * 1.05 }, area);
  frame.drawAxes(context, { xLabel, yLabel });
  const binWidth = (2 * limit) / counts.length;
  const theme = themeOf(context);
  const barColor = seriesInk(color, theme);
  const highlightBarColor = highlightColor ? seriesInk(highlightColor, theme) : theme.danger;
  context.save();
  frame.clip(context);
  counts.forEach((count, bin) => {
    if (count === 0) return;
    const x0 = frame.toPixelX(-limit + bin * binWidth);
    const x1 = frame.toPixelX(-limit + (bin + 1) * binWidth);
    const y = frame.toPixelY(count);
    context.fillStyle = bin === highlightBin ? highlightBarColor : barColor;
    context.fillRect(x0 + 0.5, y, Math.max(1, x1 - x0 - 1), frame.toPixelY(0) - y);
  });
  context.restore();
  return frame;
}
