// The numbers of one step of the unrolled view (<descent-rnn>), as lines of text: the input, the
// hidden state, an LSTM's gates and cell state (a GRU's gates), the output against the target and
// ‖∂L/∂h_t‖ — every value the core's inspection (RnnSession.inspect), only formatted here.
import { formatNumber } from '../../ui/format.js';
import { tokenText } from './unrolled.js';

const SHOWN_UNITS = 8;

// Units 1 … SHOWN_UNITS of row t of a time × width matrix, from column `offset`.
function unitValues(values, t, width, offset, hidden) {
  const shown = Math.min(hidden, SHOWN_UNITS);
  const parts = [];
  for (let u = 0; u < shown; u++) parts.push(formatNumber(values[t * width + offset + u], 2));
  return parts.join(' ') + (hidden > shown ? ' …' : '');
}

function inputText(r, t, task) {
  if (task === 'adding') return `value ${formatNumber(r.inputs[2 * t])}${r.inputs[2 * t + 1] > 0 ? ', marked' : ''}`;
  if (task === 'copy') return `token ${tokenText(r.inputs[t])}`;
  if (task === 'parity') return `bit ${r.inputs[t]}`;
  return `x_${t} = ${formatNumber(r.inputs[t])}`;
}

function outputText(r, t, task) {
  if (task === 'adding') {
    return t === r.time - 1
      ? `output ŷ = ${formatNumber(r.outputs[0])}, target ${formatNumber(r.targets[0])}`
      : 'no output before the last step';
  }
  if (task === 'sine') return `output x̂_${t + 1} = ${formatNumber(r.outputs[t])}, target ${formatNumber(r.targets[t])}`;
  if (r.mask[t] === 0) return 'output not scored at this step';
  const classes = r.outputSize;
  const text = task === 'copy' ? tokenText : (id) => String(id);
  const probabilities = Array.from(r.outputs.subarray(t * classes, (t + 1) * classes));
  const listed = probabilities.map((p, k) => `${text(k)} ${(100 * p).toFixed(1)} %`).join(', ');
  return `output probabilities ${listed}; target ${text(r.targets[t])}`;
}

// Lines describing step t of inspection r of `task`.
export function describeStep(r, t, task) {
  const hidden = r.hiddenSize;
  const units = hidden > SHOWN_UNITS ? ` (units 1–${SHOWN_UNITS} of ${hidden})` : '';
  const lines = [
    `Step ${t} of ${r.time - 1}: ${inputText(r, t, task)}; ‖∂L/∂h_${t}‖ = ${formatNumber(r.gradientNorms[t])}`,
    `h_${t}${units}: ${unitValues(r.hiddenStates, t, hidden, 0, hidden)}`,
  ];
  if (r.cellStates.length) lines.push(`c_${t}: ${unitValues(r.cellStates, t, hidden, 0, hidden)}`);
  const width = r.gateCount * hidden;
  r.gateNames.forEach((name, g) => lines.push(`${name} gate: ${unitValues(r.gates, t, width, g * hidden, hidden)}`));
  lines.push(outputText(r, t, task));
  return lines;
}
