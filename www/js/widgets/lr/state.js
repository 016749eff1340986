// State of <descent-lr>: the attribute/URL schema of the learning-rate explorer — the schedule and
// its parameters, the training setup, the three rates, the range test's span, the linear-scaling
// batch — and which panels a teacher hides.
import { hideEntry } from '../../ui/state-schema.js';

// The explorer's panels, in page order; hide="…" takes any of these names.
export const PANELS = ['schedule', 'compare', 'rates', 'range', 'scaling'];

// Which controls belong to which panel (hidden with it).
export const PANEL_CONTROLS = {
  schedule: ['schedule', 'lr'],
  compare: [],
  rates: ['too-large', 'about-right', 'too-small'],
  range: ['range-min', 'range-max'],
  scaling: ['scale-batch'],
};

// "key=value,key=value" → {key: value}: a schedule's own parameters (the core checks keys' ranges;
// the widget checks the keys against the chosen schedule). '' = every parameter at its default.
function parseScheduleParams(text) {
  if (text === '') return { value: {} };
  const value = {};
  for (const pair of text.split(',')) {
    const [key, raw, extra] = pair.split('=').map((part) => part.trim());
    const number = raw === undefined || raw === '' ? NaN : Number(raw);
    if (!/^[a-z][a-z0-9_]*$/.test(key ?? '') || extra !== undefined || !Number.isFinite(number)) {
      return { error: `schedule-params: expected "key=number" pairs separated by commas, got "${text}"` };
    }
    value[key] = number;
  }
  return { value };
}

const formatScheduleParams = (params) => Object.entries(params).map(([key, value]) => `${key}=${value}`).join(',');

export const LR_SCHEMA = [
  { name: 'schedule', type: 'id', defaultValue: 'warmup_cosine' },
  { name: 'schedule-params', type: 'custom', defaultValue: {}, parse: parseScheduleParams, format: formatScheduleParams },
  { name: 'lr', type: 'number', defaultValue: 2, min: 0.0001, max: 100 },
  { name: 'epochs', type: 'integer', defaultValue: 20, min: 1, max: 200 },
  { name: 'batch', type: 'integer', defaultValue: 25, min: 1, max: 2000 },
  { name: 'points', type: 'integer', defaultValue: 200, min: 20, max: 2000 },
  { name: 'seed', type: 'integer', defaultValue: 1, min: 0, max: Number.MAX_SAFE_INTEGER },
  { name: 'too-large', type: 'number', defaultValue: 4.5, min: 0.0001, max: 100 },
  { name: 'about-right', type: 'number', defaultValue: 0.5, min: 0.0001, max: 100 },
  { name: 'too-small', type: 'number', defaultValue: 0.005, min: 0.0001, max: 100 },
  { name: 'range-min', type: 'number', defaultValue: 0.0001, min: 1e-7, max: 1 },
  { name: 'range-max', type: 'number', defaultValue: 100, min: 0.001, max: 1e6 },
  { name: 'scale-batch', type: 'integer', defaultValue: 100, min: 1, max: 1048576 },
  hideEntry(PANELS),
];

export const STATE_ATTRIBUTES = LR_SCHEMA.map((entry) => entry.name);

// Drops schedule parameters the chosen schedule does not have (reported), so a URL edited by hand
// cannot send the core a key it would ignore silently.
export function checkScheduleParams(state, catalog, errors) {
  const info = catalog.schedules.find((s) => s.id === state.schedule);
  if (!info) {
    errors.push(`schedule: "${state.schedule}" is not known (valid: ${catalog.schedules.map((s) => s.id).join(', ')})`);
    state.schedule = 'warmup_cosine';
    state['schedule-params'] = {};
    return;
  }
  const keys = info.parameters.map((p) => p.key);
  const unknown = Object.keys(state['schedule-params']).filter((key) => !keys.includes(key));
  if (unknown.length) {
    errors.push(`schedule-params: ${unknown.join(', ')} not a parameter of ${state.schedule} (it has ${keys.join(', ') || 'none'})`);
    state['schedule-params'] = Object.fromEntries(Object.entries(state['schedule-params']).filter(([key]) => keys.includes(key)));
  }
}
