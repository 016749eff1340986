// State of <descent-graph>: the attribute/URL schema, the seeds' three example graphs (plus the
// "no path" one), and the variable values a formula is evaluated at.
import { EXPRESSION_ENTRY } from '../typed-surface-state.js';
import { shortText } from '../../ui/state-schema.js';

// The seeds' computational-graph examples. Values are inputs to the core, not results.
export const GRAPH_PRESETS = {
  square: { label: '(x + 1)²: two operations', expression: '(x + 1)^2', values: { x: 2 }, outputName: 'f' },
  network: {
    label: 'The 2-layer network of the worked example',
    expression: '(y - (w2*relu(w1*x + b1) + b2))^2',
    values: { w1: 0.5, b1: 0.1, w2: -0.3, b2: 0.2, x: 2, y: 1 },
    outputName: 'L',
  },
  fanout: { label: 'x·(x + 1): fan-out', expression: 'x*(x + 1)', values: { x: 3 }, outputName: 'f' },
  nopath: { label: 'a·b, and c with no path', expression: 'a*b', values: { a: 2, b: 3, c: 5 }, outputName: 'f' },
  custom: {
    label: 'Your own formula',
    expression: 'sigmoid(w*x + b)',
    values: { w: 1.5, x: 2, b: -1 },
    outputName: 'f',
  },
};

// A variable the learner has not given a value evaluates at this (and the widget says so).
export const UNSET_VARIABLE_VALUE = 1;
const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

// name → value maps have no prototype: a variable may be called toString or __proto__.
const nameMap = (...sources) => Object.assign(Object.create(null), ...sources);

// "x=2, w1=-0.5" ↔ {x: 2, w1: -0.5} (prototype-free)
export function parseValues(text) {
  const values = nameMap();
  if (text === '') return { value: values };
  for (const part of text.split(',')) {
    const [name, number, extra] = part.split('=').map((piece) => piece?.trim());
    const value = Number(number);
    if (extra !== undefined || !NAME_PATTERN.test(name ?? '') || number === '' || !Number.isFinite(value)) {
      return { error: `values: expected name=number pairs like "x=2,w=0.5", got "${shortText(part.trim())}"` };
    }
    values[name] = value;
  }
  return { value: values };
}

export const formatValues = (values) =>
  Object.entries(values)
    .map(([name, value]) => `${name}=${value}`)
    .join(',');

export const GRAPH_SCHEMA = [
  {
    name: 'preset',
    type: 'id',
    defaultValue: 'square',
    choices: Object.keys(GRAPH_PRESETS),
    label: 'Example',
    description:
      '(x + 1)², the 2-layer network, x·(x + 1), a·b with an unconnected c, or an example of a typed formula.',
  },
  {
    ...EXPRESSION_ENTRY,
    values: 'any formula with named variables',
    defaultText: "the preset's",
    description: 'Your own formula; a syntax error is reported with its position and the preset is shown instead.',
  },
  {
    name: 'values',
    type: 'custom',
    defaultValue: null,
    parse: parseValues,
    format: formatValues,
    description:
      'Where the formula is evaluated. A name the formula does not use appears as an unconnected variable (gradient 0); a variable given no value is 1.',
    values: '`name=number,…`',
    defaultText: "the preset's",
  },
  {
    name: 'mode',
    type: 'id',
    defaultValue: 'whole',
    choices: ['whole', 'steps'],
    label: 'View',
    description: 'Show everything, or start before the forward pass and step node by node.',
  },
  {
    name: 'speed',
    viewOnly: true,
    type: 'number',
    defaultValue: 2,
    min: 0.25,
    max: 20,
    description: 'Nodes per second when playing.',
  },
];

export const STATE_ATTRIBUTES = GRAPH_SCHEMA.map((entry) => entry.name);

// The formula a state shows: a typed expression switches the preset to "custom".
export function formulaOf(state) {
  return state.expression ?? GRAPH_PRESETS[state.preset].expression;
}

// Values for every variable of the formula (preset values, then the state's own), plus names
// given no value anywhere, which evaluate at UNSET_VARIABLE_VALUE.
export function valuesFor(state, variables) {
  const preset = GRAPH_PRESETS[state.expression ? 'custom' : state.preset];
  const given = nameMap(state.expression ? {} : preset.values, state.values ?? {});
  const unset = variables.filter((name) => !Object.hasOwn(given, name));
  const values = nameMap(given);
  for (const name of unset) values[name] = UNSET_VARIABLE_VALUE;
  return { values, unset };
}
