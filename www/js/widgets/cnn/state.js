// State of <descent-cnn>: the attribute/URL schema of the live-trained CNN, made from the core's
// cnnCatalog() (choices, limits and defaults are the core's), the parsers of its list-valued
// attributes (conv blocks, dense widths) and the translation of a state into createCnnSession's
// request.
import { formatCount } from '../../ui/format.js';
import { shortText } from '../../ui/state-schema.js';
import { transferSchema } from './transfer-state.js';

// The digits' training set (data/digits.js: 500 of each digit): the slider's span, not a limit.
const TRAINING_IMAGES = 5000;
const TEST_IMAGES = 1000;
// The MLP of the comparison: two hidden layers of 128 and 64, a usual MNIST baseline, with 2.5 times
// the default CNN's weights (109,386 against 44,426): the CNN's lead is not a matter of size.
const MLP_DENSE = [128, 64];

// The `maximize` text of a target (layer and filter counted from 1, as the widget shows them).
export const maximizeText = (value) =>
  value.target === 'class' ? `class:${value.classIndex}` : `filter:${value.layer}:${value.filter}`;

// The core takes a dropout rate in [0, 1); above this a hidden layer keeps almost nothing.
const MAX_DROPOUT = 0.9;

const POOLING_WORDS = { none: 'no pooling', max: 'max pooling', average: 'average pooling' };
const PADDINGS = ['valid', 'same'];

// A block list as attribute text: padding and batch norm written only when not the default.
export const blocksText = (blocks) =>
  blocks
    .map(
      ({ filters, kernel, pooling, padding, batchNorm }) =>
        `${filters}@${kernel}:${pooling}${padding === 'same' ? ':same' : ''}${batchNorm ? ':bn' : ''}`,
    )
    .join(',');

// "6@5:max,16@5:max:same:bn": filters@kernel[:pooling][:same|:valid][:bn] per conv block (pooling
// defaults to max, padding to valid, no batch norm).
function blockList(catalog) {
  const { maxConvBlocks, maxFilters, maxKernel } = catalog.limits;
  const poolings = catalog.poolings;
  return {
    parse(text) {
      const parts = text.split(',').map((part) => part.trim());
      if (parts.length < 1 || parts.length > maxConvBlocks || parts.some((part) => part === '')) {
        return { error: `blocks: give 1 to ${maxConvBlocks} conv blocks like 6@5:max, got "${shortText(text)}"` };
      }
      const blocks = [];
      for (const part of parts) {
        const match = /^(\d+)\s*@\s*(\d+)((?:\s*:\s*[a-z]+)*)$/.exec(part);
        if (!match)
          return { error: `blocks: "${shortText(part)}" is not a block like 6@5:max:same:bn (filters@kernel:options)` };
        const block = {
          filters: Number(match[1]),
          kernel: Number(match[2]),
          pooling: 'max',
          padding: 'valid',
          batchNorm: false,
        };
        const options = match[3]
          .split(':')
          .map((word) => word.trim())
          .filter(Boolean);
        for (const word of options) {
          if (poolings.includes(word)) block.pooling = word;
          else if (PADDINGS.includes(word)) block.padding = word;
          else if (word === 'bn') block.batchNorm = true;
          else
            return {
              error: `blocks: "${shortText(word)}" is not an option of a block (pooling ${poolings.join(', ')}; padding ${PADDINGS.join(', ')}; bn)`,
            };
        }
        const { filters, kernel } = block;
        if (filters < 1 || filters > maxFilters)
          return { error: `blocks: ${filters} filters is out of range (1 to ${maxFilters})` };
        if (kernel < 1 || kernel > maxKernel)
          return { error: `blocks: kernel ${kernel} is out of range (1 to ${maxKernel})` };
        if (block.padding === 'same' && kernel % 2 === 0)
          return { error: `blocks: same padding needs an odd kernel, got ${kernel}` };
        blocks.push(block);
      }
      return { value: blocks };
    },
    format: blocksText,
  };
}

// "120,84": the hidden widths of the dense head; "none" for no hidden layer.
function denseList(catalog, name = 'dense') {
  const { maxDenseLayers, maxDenseWidth } = catalog.limits;
  return {
    parse(text) {
      if (text === 'none' || text === '') return { value: [] };
      const parts = text.split(',').map((part) => part.trim());
      const widths = parts.map(Number);
      if (parts.length > maxDenseLayers || !widths.every((w) => Number.isInteger(w) && w >= 1 && w <= maxDenseWidth)) {
        return {
          error: `${name}: give 0 to ${maxDenseLayers} widths of 1 to ${maxDenseWidth} (e.g. 120,84, or none), got "${shortText(text)}"`,
        };
      }
      return { value: widths };
    },
    format: (widths) => (widths.length ? widths.join(',') : 'none'),
  };
}

// The schema, from the core's cnnCatalog().
export function cnnSchema(catalog) {
  const { limits, defaults } = catalog;
  // The core's default blocks leave padding and batch norm out: its defaults are valid and none.
  const defaultBlocks = defaults.convBlocks.map((b) => ({
    filters: b.filters,
    kernel: b.kernel,
    pooling: b.pooling,
    padding: b.padding ?? 'valid',
    batchNorm: b.batchNorm ?? false,
  }));
  return [
    {
      name: 'blocks',
      type: 'custom',
      defaultValue: defaultBlocks,
      ...blockList(catalog),
      label: 'Conv blocks',
      description: `1 – ${limits.maxConvBlocks} blocks, each conv filters@kernel×kernel (stride 1) → [batch norm] → activation → 2×2 pooling: \`filters@kernel:pooling\`, then \`:same\` for zero padding that keeps the map's size (odd kernels; default \`valid\`, no padding) and \`:bn\` for batch norm per channel; comma-separated (pooling ${catalog.poolings.join(', ')}).`,
      values: '`6@5:max,16@5:max:same:bn`',
      defaultText: `\`${blocksText(defaultBlocks)}\``,
      group: 'Network',
    },
    {
      name: 'activation',
      type: 'id',
      defaultValue: defaults.activation,
      choices: catalog.activations,
      label: 'Activation',
      description: 'After every convolution and hidden dense layer.',
      group: 'Network',
    },
    {
      name: 'dense',
      type: 'custom',
      defaultValue: Array.from(defaults.dense),
      ...denseList(catalog),
      label: 'Dense head (hidden widths)',
      hint: 'e.g. 120,84, or none',
      description: `The hidden widths of the dense head after the conv blocks (0 – ${limits.maxDenseLayers} layers of at most ${limits.maxDenseWidth}), then 10 logits; \`none\` for no hidden layer.`,
      values: '`120,84` or `none`',
      defaultText: `\`${Array.from(defaults.dense).join(',')}\``,
      group: 'Network',
    },
    {
      name: 'dropout',
      type: 'number',
      defaultValue: defaults.dropout,
      min: 0,
      max: MAX_DROPOUT,
      label: 'Dropout (dense head)',
      description: `The share of each hidden dense layer's outputs zeroed at random while training (0 – ${MAX_DROPOUT}; 0: none), as AlexNet did; off when testing.`,
      group: 'Network',
    },
    {
      name: 'optimizer',
      type: 'id',
      defaultValue: defaults.optimizer,
      choices: catalog.optimizers,
      label: 'Optimizer',
      description: 'The update rule (its other hyper-parameters at their usual values).',
      group: 'Training',
    },
    {
      name: 'lr',
      type: 'number',
      defaultValue: defaults.lr,
      min: 1e-6,
      max: 10,
      sliderMin: 1e-5,
      sliderMax: 1,
      logScale: true,
      label: 'Learning rate',
      description: 'The step size, constant over the run.',
      group: 'Training',
    },
    {
      name: 'batch',
      type: 'integer',
      defaultValue: defaults.batchSize,
      min: 1,
      max: limits.maxBatchSize,
      sliderMax: 256,
      label: 'Batch size',
      description: 'Training images per mini-batch (one optimizer step).',
      group: 'Training',
    },
    {
      name: 'train-size',
      type: 'integer',
      defaultValue: defaults.trainSize,
      min: 0,
      max: limits.maxExamples,
      sliderMax: TRAINING_IMAGES,
      label: `Training images (0 = all ${formatCount(TRAINING_IMAGES)})`,
      description: `How many of the ${formatCount(TRAINING_IMAGES)} training digits to train on (the first ones: equally many of each digit); 0 takes them all. The ${formatCount(TEST_IMAGES)} test digits are always all used.`,
      group: 'Training',
    },
    {
      name: 'epochs',
      type: 'integer',
      defaultValue: defaults.epochs,
      min: 1,
      max: limits.maxEpochs,
      sliderMax: 50,
      label: 'Epochs',
      description: 'Passes over the training images; training stops after the last one.',
      group: 'Training',
    },
    {
      name: 'shift',
      type: 'integer',
      defaultValue: defaults.shift,
      min: 0,
      max: limits.maxShift,
      label: 'Augmentation: shift (pixels)',
      description: 'Each training image is moved by up to this many pixels each way, at random (0: no augmentation).',
      group: 'Training',
    },
    {
      name: 'seed',
      type: 'integer',
      defaultValue: defaults.seed,
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      control: 'text',
      label: 'Seed',
      description: 'Seed of the initial weights, the shuffling and the shifts: the same seed trains the same network.',
      group: 'Training',
    },
    {
      name: 'inspect',
      viewOnly: true,
      type: 'integer',
      defaultValue: 0,
      min: 0,
      max: TEST_IMAGES - 1,
      control: 'text',
      label: 'Inspected test image',
      description: `Which of the ${formatCount(TEST_IMAGES)} test digits goes through the network (feature maps, saliency, Grad-CAM); click a mistake to pick it.`,
      group: 'Inspect',
    },
    {
      name: 'explain',
      viewOnly: true,
      type: 'custom',
      defaultValue: null,
      parse(text) {
        if (text === 'predicted') return { value: null };
        const value = Number(text);
        if (/^\d$/.test(text) && value < limits.classes) return { value };
        return { error: `explain: expected predicted or a digit 0 to ${limits.classes - 1}, got "${shortText(text)}"` };
      },
      format: (value) => (value === null ? 'predicted' : String(value)),
      choices: ['predicted', ...Array.from({ length: limits.classes }, (_, k) => String(k))],
      optionLabels: { predicted: 'the predicted class' },
      label: 'Explain the class',
      description: 'The class whose saliency map and Grad-CAM are drawn: the predicted one, or a digit.',
      values: '`predicted`, 0 – 9',
      defaultText: '`predicted`',
      group: 'Inspect',
    },
    {
      name: 'maximize',
      viewOnly: true,
      type: 'custom',
      defaultValue: { target: 'class', classIndex: 0 },
      parse(text) {
        const match = /^(?:class:(\d+)|filter:(\d+):(\d+))$/.exec(text);
        const classIndex = Number(match?.[1]);
        if (match?.[1] !== undefined && classIndex < limits.classes) return { value: { target: 'class', classIndex } };
        const [layer, filter] = [Number(match?.[2]), Number(match?.[3])];
        if (
          match?.[2] !== undefined &&
          layer >= 1 &&
          layer <= limits.maxConvBlocks &&
          filter >= 1 &&
          filter <= limits.maxFilters
        )
          return { value: { target: 'filter', layer, filter } };
        return {
          error: `maximize: expected class:0 to class:${limits.classes - 1}, or filter:layer:filter (layer 1 – ${limits.maxConvBlocks}, filter 1 – ${limits.maxFilters}), got "${shortText(text)}"`,
        };
      },
      format: maximizeText,
      label: 'Maximise',
      description:
        'The target of activation maximisation: `class:3` (the logit of digit 3), or `filter:1:4` (the mean activation of filter 4 of conv layer 1).',
      values: '`class:0` – `class:9`, `filter:layer:filter`',
      defaultText: '`class:0`',
      group: 'Inspect',
    },
    {
      name: 'mlp-dense',
      viewOnly: true,
      type: 'custom',
      defaultValue: [...MLP_DENSE],
      ...denseList(catalog, 'mlp-dense'),
      label: "MLP's hidden widths",
      description: `The MLP the CNN is compared with: the flattened image into dense layers of these widths (0 – ${limits.maxDenseLayers}), then 10 logits; trained like the CNN (same images, seed, optimizer, batch, epochs).`,
      values: '`128,64` or `none`',
      defaultText: `\`${MLP_DENSE.join(',')}\``,
      group: 'Compare',
    },
    ...transferSchema(catalog),
    {
      name: 'skip',
      viewOnly: true,
      type: 'integer',
      defaultValue: 5,
      min: 1,
      max: limits.maxEpochs,
      control: 'text',
      label: 'Skip ahead by (epochs)',
      description:
        '"Skip ahead" trains this many more epochs as fast as it can (up to the last epoch), drawing only a progress bar.',
      group: 'Page',
    },
  ];
}

export { POOLING_WORDS };

// The state → createCnnSession's request (the images added by the widget).
export function toSessionRequest(state) {
  return {
    convBlocks: state.blocks,
    activation: state.activation,
    dense: state.dense,
    dropout: state.dropout,
    optimizer: state.optimizer,
    lr: state.lr,
    batchSize: state.batch,
    trainSize: state['train-size'],
    epochs: state.epochs,
    shift: state.shift,
    seed: state.seed,
  };
}

// The attribute names (observed before the core has loaded); the catalog does not change them.
export const STATE_ATTRIBUTES = cnnSchema({
  optimizers: [],
  activations: [],
  poolings: [],
  limits: {},
  defaults: { convBlocks: [], dense: [] },
}).map((entry) => entry.name);
