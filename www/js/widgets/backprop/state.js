// State of <descent-backprop>: the worked example's network as one formula for the core's
// autograd engine, its parameters and inputs as attributes, and the seven backward steps as
// (quantity, from quantity) pairs — their numbers come from the core.

// One neuron per layer: z1 = w1·x + b1, a1 = ReLU(z1), ŷ = w2·a1 + b2, L = (y − ŷ)².
export const NETWORK_FORMULA = '(y - (w2*relu(w1*x + b1) + b2))^2';
export const PARAMETERS = ['w1', 'b1', 'w2', 'b2'];

// The named intermediate quantities, found in the core's graph by the sub-formula they compute.
export const QUANTITIES = {
  z1: { symbol: 'z₁', text: 'w1*x + b1', formula: 'w₁·x + b₁' },
  a1: { symbol: 'a₁', text: 'relu(w1*x + b1)', formula: 'ReLU(z₁)' },
  yHat: { symbol: 'ŷ', text: 'w2*relu(w1*x + b1) + b2', formula: 'w₂·a₁ + b₂' },
  L: { symbol: 'L', output: true, formula: '(y − ŷ)²' },
  w1: { symbol: 'w₁', text: 'w1' },
  b1: { symbol: 'b₁', text: 'b1' },
  w2: { symbol: 'w₂', text: 'w2' },
  b2: { symbol: 'b₂', text: 'b2' },
};

// The backward pass of the seeds' worked example: each step is incoming gradient × local
// derivative, from a quantity to one it depends on directly.
export const BACKWARD_STEPS = [
  { target: 'yHat', from: 'L', local: '∂L/∂ŷ = −2(y − ŷ)' },
  { target: 'w2', from: 'yHat', local: '∂ŷ/∂w₂ = a₁' },
  { target: 'b2', from: 'yHat', local: '∂ŷ/∂b₂ = 1' },
  { target: 'a1', from: 'yHat', local: '∂ŷ/∂a₁ = w₂' },
  { target: 'z1', from: 'a1', local: "∂a₁/∂z₁ = ReLU'(z₁)" },
  { target: 'w1', from: 'z1', local: '∂z₁/∂w₁ = x' },
  { target: 'b1', from: 'z1', local: '∂z₁/∂b₁ = 1' },
];

const number = (name, defaultValue, min, max, more = {}) => ({ name, type: 'number', defaultValue, min, max, ...more });

export const BACKPROP_SCHEMA = [
  number('w1', 0.5, -100, 100, {
    label: 'w₁ (layer-1 weight)',
    sliderMin: -2,
    sliderMax: 2,
    description: 'Weight of the hidden neuron; "Apply update" writes the new value back.',
  }),
  number('b1', 0.1, -100, 100, {
    label: 'b₁ (layer-1 bias)',
    sliderMin: -2,
    sliderMax: 2,
    description: 'Bias of the hidden neuron; "Apply update" writes the new value back.',
  }),
  number('w2', -0.3, -100, 100, {
    label: 'w₂ (layer-2 weight)',
    sliderMin: -2,
    sliderMax: 2,
    description: 'Weight of the output neuron; "Apply update" writes the new value back.',
  }),
  number('b2', 0.2, -100, 100, {
    label: 'b₂ (layer-2 bias)',
    sliderMin: -2,
    sliderMax: 2,
    description: 'Bias of the output neuron; "Apply update" writes the new value back.',
  }),
  number('x', 2, -100, 100, { label: 'input x', sliderMin: -3, sliderMax: 3, description: 'The input.' }),
  number('y', 1, -100, 100, { label: 'target y', sliderMin: -3, sliderMax: 3, description: 'The target.' }),
  number('lr', 0.1, 1e-4, 10, {
    label: 'Learning rate α',
    logScale: true,
    sliderMin: 0.001,
    sliderMax: 1,
    description: 'Learning rate of "Apply update".',
  }),
  number('epsilon', 1e-4, 1e-8, 1, {
    label: 'ε for the check',
    logScale: true,
    sliderMin: 1e-7,
    sliderMax: 0.1,
    description: 'ε of the numerical gradient check (central differences).',
  }),
  number('speed', 1.5, 0.25, 20, { description: 'Backward steps per second when playing.' }),
];

export const STATE_ATTRIBUTES = BACKPROP_SCHEMA.map((entry) => entry.name);

// name → value, prototype-free like every variable map handed to the core.
export const valuesOf = (state) =>
  Object.assign(
    Object.create(null),
    Object.fromEntries(['w1', 'b1', 'w2', 'b2', 'x', 'y'].map((name) => [name, state[name]])),
  );
