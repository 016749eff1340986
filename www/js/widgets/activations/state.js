// State of <descent-activations>: the attribute/URL schema of the activation explorer (the
// function panel and the initialisation panel) and the parsing of its logit list.
import { shortText } from '../../ui/state-schema.js';

// The activations, initialisers, limits and the panel's depth, samples and shown layers are the
// core's (activationCatalog()); the widget adds the words for people.
const ACTIVATION_LABELS = {
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  relu: 'ReLU',
  leaky_relu: 'Leaky ReLU',
  elu: 'ELU',
  gelu: 'GELU',
  swish: 'Swish (SiLU)',
  softmax: 'Softmax (of a vector)',
};

// The initialisation panel's layers use an elementwise activation of their own.
const LAYER_ACTIVATION_LABELS = {
  tanh: 'Tanh',
  relu: 'ReLU',
  sigmoid: 'Sigmoid',
  linear: 'None (linear)',
  gelu: 'GELU',
};

const INITIALIZER_LABELS = {
  naive_normal: 'Naive N(0, 1)',
  naive_uniform: 'Naive U[0, 1)',
  normal: 'Small N(0, 0.01²)', // the core's default σ for 'normal'
  xavier_normal: 'Xavier normal: Var = 2/(n_in + n_out)',
  xavier_uniform: 'Xavier uniform',
  he_normal: 'He normal: Var = 2/n_in',
  he_uniform: 'He uniform',
};

export const activationLabel = (id) => ACTIVATION_LABELS[id] ?? id;
export const layerActivationLabel = (id) => LAYER_ACTIVATION_LABELS[id] ?? id;
export const initializerLabel = (id) => INITIALIZER_LABELS[id] ?? id;

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

// The schema, from the core's activationCatalog() (activations, initialisers, limits, defaults).
export function activationsSchema(activationCatalog) {
  const { limits, defaults } = activationCatalog;
  return [
    {
      name: 'activation',
      type: 'id',
      defaultValue: 'sigmoid',
      choices: activationCatalog.activations,
      optionLabels: ACTIVATION_LABELS,
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
      min: defaults.from,
      max: defaults.to,
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
      defaultValue: defaults.initializer,
      choices: activationCatalog.initializers,
      optionLabels: INITIALIZER_LABELS,
      label: 'Initialiser',
      description: "How every layer's weights are drawn.",
      group: 'Initialisation panel',
    },
    {
      name: 'init-activation',
      type: 'id',
      defaultValue: defaults.layerActivation,
      choices: activationCatalog.layerActivations,
      optionLabels: LAYER_ACTIVATION_LABELS,
      label: 'Layer activation',
      description: `The activation of the ${defaults.initDepth} layers.`,
      group: 'Initialisation panel',
    },
    {
      name: 'width',
      type: 'integer',
      defaultValue: defaults.initWidth,
      min: limits.minInitWidth,
      max: limits.maxInitWidth,
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
}

// The attribute names (observed before the core has loaded); the catalog does not change them.
export const STATE_ATTRIBUTES = activationsSchema({
  activations: [],
  initializers: [],
  layerActivations: [],
  limits: {},
  defaults: {},
}).map((entry) => entry.name);
