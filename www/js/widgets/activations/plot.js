// Drawing for <descent-activations>: f(z) and f'(z) on the same axes with the saturated region
// shaded, the derivative's maximum marked and the probe; and the activation histograms of a few
// layers side by side on one shared range. Every value drawn comes from the core.
import { drawLegend } from '../../ui/bar-chart.js';
import { seriesInk, themeOf, withAlpha } from '../../ui/palette.js';
import { PlotFrame } from '../../ui/plot-frame.js';

export const FUNCTION_COLOR = '#2b6cb0';
export const DERIVATIVE_COLOR = '#c92a2a';

function trace(context, frame, xs, ys, color) {
  frame.tracePath(context, xs, ys);
  context.strokeStyle = color;
  context.lineWidth = 2.5;
  context.stroke();
}

// curves: the core's activationCurves answer; probe: z of the probe. Returns the frame.
export function drawActivationCurves(context, width, height, { curves, probe }) {
  const area = { left: 44, top: 10, width: Math.max(10, width - 56), height: Math.max(10, height - 48) };
  const { input, value, derivative, saturated, peakDerivative, peakAt } = curves;
  const all = [...value, ...derivative].filter(Number.isFinite);
  const yMin = Math.min(-0.1, ...all);
  const yMax = Math.max(1.05, ...all);
  const pad = (yMax - yMin) * 0.05;
  const frame = new PlotFrame(
    { xMin: input[0], xMax: input[input.length - 1], yMin: yMin - pad, yMax: yMax + pad },
    area,
  );
  const theme = themeOf(context);
  const functionColor = seriesInk(FUNCTION_COLOR, theme);
  const derivativeColor = seriesInk(DERIVATIVE_COLOR, theme);
  context.save();
  frame.clip(context);
  // Shade each run of saturated samples, out to the midpoints with its neighbours.
  context.fillStyle = withAlpha(theme.neutral, 0.16);
  const half = (input[1] - input[0]) / 2;
  for (let i = 0; i < saturated.length; i++) {
    if (!saturated[i]) continue;
    let j = i;
    while (j + 1 < saturated.length && saturated[j + 1]) j++;
    const x0 = frame.toPixelX(Math.max(input[0], input[i] - half));
    const x1 = frame.toPixelX(Math.min(input[input.length - 1], input[j] + half));
    context.fillRect(x0, area.top, x1 - x0, area.height);
    i = j;
  }
  context.restore();
  frame.drawAxes(context, { xLabel: 'z', yLabel: 'f(z), f′(z)' });
  context.save();
  frame.clip(context);
  context.strokeStyle = withAlpha(theme.text, 0.35);
  context.beginPath();
  context.moveTo(area.left, frame.toPixelY(0));
  context.lineTo(area.left + area.width, frame.toPixelY(0));
  context.stroke();
  trace(context, frame, input, value, functionColor);
  trace(context, frame, input, derivative, derivativeColor);
  // The derivative's maximum: a dashed level and a ringed point where it is reached.
  context.setLineDash([5, 4]);
  context.strokeStyle = derivativeColor;
  context.lineWidth = 1;
  context.beginPath();
  context.moveTo(area.left, frame.toPixelY(peakDerivative));
  context.lineTo(area.left + area.width, frame.toPixelY(peakDerivative));
  context.stroke();
  context.setLineDash([]);
  context.beginPath();
  context.arc(frame.toPixelX(peakAt), frame.toPixelY(peakDerivative), 6, 0, Math.PI * 2);
  context.lineWidth = 2;
  context.stroke();
  context.font = '12px system-ui, sans-serif';
  context.fillStyle = derivativeColor;
  context.textAlign = 'right';
  context.fillText(
    `max f′ = ${Number(peakDerivative.toPrecision(3))}`,
    area.left + area.width - 6,
    frame.toPixelY(peakDerivative) - 6,
  );
  // The probe: a vertical line with a handle on each curve.
  const px = frame.toPixelX(probe.z);
  context.strokeStyle = theme.text;
  context.lineWidth = 1.5;
  context.beginPath();
  context.moveTo(px, area.top);
  context.lineTo(px, area.top + area.height);
  context.stroke();
  for (const [y, color] of [
    [probe.value, functionColor],
    [probe.derivative, derivativeColor],
  ]) {
    context.beginPath();
    context.arc(px, frame.toPixelY(y), 6, 0, Math.PI * 2);
    context.fillStyle = color;
    context.fill();
    context.strokeStyle = theme.text;
    context.stroke();
  }
  context.restore();
  drawLegend(context, area, [
    { label: 'f(z)', color: FUNCTION_COLOR },
    { label: 'f′(z)', color: DERIVATIVE_COLOR },
    { label: 'saturated: f′ < 10% of max', color: withAlpha(theme.neutral, 0.6) },
  ]);
  return frame;
}

// histograms: rows of fractions (one row per layer, `bins` each) over [low, high].
export function drawLayerHistograms(context, width, height, { histograms, bins, low, high, layers, variances, color }) {
  const count = layers.length;
  const gap = 10;
  const panelWidth = (width - gap * (count - 1)) / count;
  const top = Math.max(0.01, ...histograms);
  const theme = themeOf(context);
  layers.forEach((layer, k) => {
    const area = { left: k * (panelWidth + gap) + 6, top: 22, width: panelWidth - 12, height: height - 44 };
    const frame = new PlotFrame({ xMin: low, xMax: high, yMin: 0, yMax: top * 1.05 }, area);
    context.save();
    context.strokeStyle = theme.muted;
    context.strokeRect(area.left, area.top, area.width, area.height);
    context.fillStyle = seriesInk(color, theme);
    const binWidth = (high - low) / bins;
    for (let b = 0; b < bins; b++) {
      const fraction = histograms[k * bins + b];
      if (!(fraction > 0)) continue;
      const x0 = frame.toPixelX(low + b * binWidth);
      const x1 = frame.toPixelX(low + (b + 1) * binWidth);
      const y = frame.toPixelY(fraction);
      context.fillRect(x0, y, Math.max(1, x1 - x0 - 0.5), frame.toPixelY(0) - y);
    }
    context.font = '12px system-ui, sans-serif';
    context.fillStyle = theme.text;
    context.textAlign = 'center';
    context.fillText(`layer ${layer}: Var(z) ${formatVariance(variances[k])}`, area.left + area.width / 2, 14);
    context.fillStyle = theme.muted;
    context.font = '11px system-ui, sans-serif';
    context.textAlign = 'left';
    context.fillText(formatVariance(low), area.left, area.top + area.height + 14);
    context.textAlign = 'right';
    context.fillText(formatVariance(high), area.left + area.width, area.top + area.height + 14);
    context.restore();
  });
}

export function formatVariance(value) {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e5)) return value.toExponential(2);
  return String(Number(value.toPrecision(3)));
}
