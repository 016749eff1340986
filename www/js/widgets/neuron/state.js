// State of <descent-neuron>: one neuron z = w·x + b → a = ReLU(z) → L = (y − a)², as a formula for
// the core's autograd engine, with its inputs as attributes.
export const NEURON_FORMULA = '(y - relu(w*x + b))^2';
export const Z_TEXT = 'w*x + b';
export const A_TEXT = 'relu(w*x + b)';

const number = (name, defaultValue, min, max, more = {}) => ({ name, type: 'number', defaultValue, min, max, ...more });

export const NEURON_SCHEMA = [
  number('w', 0.8, -100, 100, {
    label: 'weight w',
    sliderMin: -3,
    sliderMax: 3,
    description: 'Weight of z = wx + b → ReLU → (y − a)².',
  }),
  number('b', 0.2, -100, 100, { label: 'bias b', sliderMin: -3, sliderMax: 3, description: 'Bias.' }),
  number('x', 1.5, -100, 100, { label: 'input x', sliderMin: -3, sliderMax: 3, description: 'Input.' }),
  number('y', 2, -100, 100, { label: 'target y', sliderMin: -3, sliderMax: 3, description: 'Target.' }),
  number('speed', 1, 0.25, 20, { description: 'Factors of the chain per second when playing.' }),
];

export const STATE_ATTRIBUTES = NEURON_SCHEMA.map((entry) => entry.name);

// The chain for ∂L/∂w (and ∂L/∂b): factor i is ∂(outer)/∂(inner), revealed one per step.
export const CHAIN = [
  { outer: 'L', inner: 'a', label: '∂L/∂a = −2(y − a)' },
  { outer: 'a', inner: 'z', label: "∂a/∂z = ReLU'(z)" },
  { outer: 'z', inner: 'w', label: '∂z/∂w = x', bias: { inner: 'b', label: '∂z/∂b = 1' } },
];
