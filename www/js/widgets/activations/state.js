// State of <descent-activations>: the attribute/URL schema of the activation explorer (the
// function panel and the initialisation panel) and the parsing of its logit list.
import { shortText } from '../../ui/state-schema.js';

export const ACTIVATIONS = [
  { value: 'sigmoid', label: 'Sigmoid' },
  { value: 'tanh', label: 'Tanh' },
  { value: 'relu', label: 'ReLU' },
  { value: 'leaky_relu', label: 'Leaky ReLU' },
  { value: 'elu', label: 'ELU' },
  { value: 'gelu', label: 'GELU' },
  { value: 'swish', label: 'Swish (SiLU)' },
  { value: 'softmax', label: 'Softmax (of a vector)' },
];

// The initialisation panel's layers use an elementwise activation of their own.
export const LAYER_ACTIVATIONS = [
  { value: 'tanh', label: 'Tanh' },
  { value: 'relu', label: 'ReLU' },
  { value: 'sigmoid', label: 'Sigmoid' },
  { value: 'linear', label: 'None (linear)' },
  { value: 'gelu', label: 'GELU' },
];

export const INITIALIZERS = [
  { value: 'naive_normal', label: 'Naive N(0, 1)' },
  { value: 'naive_uniform', label: 'Naive U[0, 1)' },
  { value: 'normal', label: 'Small N(0, 0.01²)' }, // the core's default σ for 'normal'
  { value: 'xavier_normal', label: 'Xavier normal: Var = 2/(n_in + n_out)' },
  { value: 'xavier_uniform', label: 'Xavier uniform' },
  { value: 'he_normal', label: 'He normal: Var = 2/n_in' },
  { value: 'he_uniform', label: 'He uniform' },
];

export const SHOWN_LAYERS = [1, 5, 10];
export const INIT_DEPTH = 10;
export const INIT_SAMPLES = 256;

const logitList = {
  parse(text) {
    const values = text.split(',').map((part) => (part.trim() === '' ? NaN : Number(part)));
    if (values.length < 2 || values.length > 8 || !values.every((v) => Number.isFinite(v) && Math.abs(v) <= 100)) {
      return {
        error: `logits: expected 2 to 8 numbers between −100 and 100 separated by commas, got "${shortText(text)}"`,
      };
    }
    return { value: values };
  },
  format: (values) => values.join(','),
};

export const ACTIVATIONS_SCHEMA = [
  {
    name: 'activation',
    type: 'id',
    defaultValue: 'sigmoid',
    choices: ACTIVATIONS.map((a) => a.value),
    label: 'Activation',
    description: 'The function drawn (softmax: bars of a vector).',
    group: 'Function',
  },
  // null: the kind's own α (0.01 for leaky ReLU, 1 for ELU).
  {
    name: 'alpha',
    type: 'number',
    defaultValue: null,
    min: 0,
    max: 10,
    description: "Leaky ReLU's negative slope or ELU's α.",
    group: 'Function',
    defaultText: '0.01 / 1',
  },
  {
    name: 'probe',
    type: 'number',
    defaultValue: 1,
    min: -6,
    max: 6,
    label: 'Probe z',
    hint: 'Or drag on the plot, or focus it and use the arrow keys',
    description: 'Where f(z) and f′(z) are read out.',
    group: 'Function',
  },
  {
    name: 'logits',
    type: 'custom',
    defaultValue: [2, 1, 0.1],
    ...logitList,
    label: 'Logits z (softmax)',
    description: "Softmax's input vector.",
    group: 'Function',
    values: '2 – 8 numbers in −100 – 100; 0.05 – 20',
    defaultText: '`2,1,0.1`; 1',
  },
  {
    name: 'temperature',
    type: 'number',
    defaultValue: 1,
    min: 0.05,
    max: 20,
    label: 'Temperature T',
    logScale: true,
    description: 'Softmax temperature T: the logits are divided by T.',
    group: 'Function',
  },
  {
    name: 'init',
    type: 'id',
    defaultValue: 'xavier_normal',
    choices: INITIALIZERS.map((i) => i.value),
    label: 'Initialiser',
    description: "How every layer's weights are drawn.",
    group: 'Initialisation panel',
  },
  {
    name: 'init-activation',
    type: 'id',
    defaultValue: 'tanh',
    choices: LAYER_ACTIVATIONS.map((a) => a.value),
    label: 'Layer activation',
    description: 'The activation of the ten layers.',
    group: 'Initialisation panel',
  },
  {
    name: 'width',
    type: 'integer',
    defaultValue: 64,
    min: 2,
    max: 128,
    label: 'Width (units per layer)',
    description: 'Units per layer (and inputs).',
    group: 'Initialisation panel',
  },
  {
    name: 'seed',
    type: 'integer',
    defaultValue: 1,
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    label: 'Seed',
    control: 'text',
    description: 'Seed of the inputs and weights.',
    group: 'Initialisation panel',
  },
];

export const STATE_ATTRIBUTES = ACTIVATIONS_SCHEMA.map((entry) => entry.name);
