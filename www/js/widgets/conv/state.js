// State of <descent-conv>: the attribute/URL schema of the convolution explorer and the parsers
// of its list-valued attributes (kernels, cells, the receptive-field stack, a drawn image).
import { shortText } from '../../ui/state-schema.js';

const IMAGE_LABELS = {
  cross: 'Cross',
  'horizontal-bar': 'Horizontal bar',
  'vertical-bar': 'Vertical bar',
  circle: 'Circle',
  square: 'Square',
  'colour-scene': 'Colour scene (RGB)',
  digit: 'Handwritten digit (MNIST)',
  drawing: 'My drawing',
};

export const KERNEL_LABELS = {
  identity: 'Identity',
  'box-blur': 'Box blur',
  gaussian: 'Gaussian blur',
  sharpen: 'Sharpen',
  'sobel-x': 'Sobel x (vertical edges)',
  'sobel-y': 'Sobel y (horizontal edges)',
  laplacian: 'Laplacian',
  emboss: 'Emboss',
};

const MAX_DRAWING_SIDE = 28;

// "sobel-x;sobel-y;0 1 0 1 -4 1 0 1 0": a preset name or K·K numbers per filter. The count per
// filter is checked against the kernel size when the widget builds the layer.
function kernelList(presets, maxFilters) {
  return {
    parse(text) {
      const parts = text.split(';').map((part) => part.trim());
      if (parts.length < 1 || parts.length > maxFilters || parts.some((part) => part === '')) {
        return { error: `kernels: give 1 to ${maxFilters} kernels separated by ";", got "${shortText(text)}"` };
      }
      const kernels = [];
      for (const part of parts) {
        if (/^[a-z][a-z-]*$/.test(part)) {
          if (!presets.includes(part)) {
            return { error: `kernels: "${shortText(part)}" is not a preset (${presets.join(', ')})` };
          }
          kernels.push(part);
          continue;
        }
        const numbers = part.split(/[\s,]+/).map(Number);
        if (!numbers.every((value) => Number.isFinite(value) && Math.abs(value) <= 100)) {
          return { error: `kernels: "${shortText(part)}" is neither a preset nor numbers between −100 and 100` };
        }
        kernels.push(numbers);
      }
      return { value: kernels };
    },
    format: (kernels) => kernels.map((kernel) => (typeof kernel === 'string' ? kernel : kernel.join(' '))).join(';'),
  };
}

// "row,column" (whole numbers from 0); null = the widget's default (the map's centre).
function cellEntry(name) {
  return {
    parse(text) {
      const match = /^(\d+)\s*,\s*(\d+)$/.exec(text);
      if (!match) return { error: `${name}: expected "row,column" (whole numbers from 0), got "${shortText(text)}"` };
      return { value: [Number(match[1]), Number(match[2])] };
    },
    format: (cell) => cell.join(','),
  };
}

// "conv3, pool2, conv3/s2/d2/p1": the receptive-field stack. A pooling window's stride defaults to
// its size, a convolution's to 1.
function layerStack(maxLayers) {
  return {
    parse(text) {
      const parts = text.split(',').map((part) => part.trim().toLowerCase());
      if (parts.length < 1 || parts.length > maxLayers) {
        return { error: `field: stack 1 to ${maxLayers} layers, got ${parts.length}` };
      }
      const layers = [];
      for (const part of parts) {
        const match = /^(conv|pool)(\d)((?:\/[sdp]\d)*)$/.exec(part);
        if (!match) {
          return {
            error: `field: "${shortText(part)}" is not a layer like conv3, pool2 or conv3/s2/d2/p1`,
          };
        }
        const kind = match[1];
        const kernel = Number(match[2]);
        const layer = { kind, kernel, stride: kind === 'pool' ? kernel : 1, padding: 0, dilation: 1 };
        for (const option of match[3].split('/').filter(Boolean)) {
          const key = { s: 'stride', d: 'dilation', p: 'padding' }[option[0]];
          layer[key] = Number(option.slice(1));
        }
        layers.push(layer);
      }
      return { value: layers };
    },
    format: (layers) =>
      layers
        .map((layer) => {
          const defaultStride = layer.kind === 'pool' ? layer.kernel : 1;
          let text = `${layer.kind}${layer.kernel}`;
          if (layer.stride !== defaultStride) text += `/s${layer.stride}`;
          if (layer.dilation !== 1) text += `/d${layer.dilation}`;
          if (layer.padding !== 0) text += `/p${layer.padding}`;
          return text;
        })
        .join(', '),
  };
}

// "16:00ff…": the side, then one hex digit (0 … f) per pixel, row by row.
const drawingEntry = {
  parse(text) {
    const match = /^(\d+):([0-9a-f]*)$/i.exec(text);
    const side = match ? Number(match[1]) : 0;
    if (!match || side < 8 || side > MAX_DRAWING_SIDE || match[2].length !== side * side) {
      return { error: `pixels: expected "side:hex digits" with a side of 8 to ${MAX_DRAWING_SIDE} and side² digits` };
    }
    const levels = Array.from(match[2], (digit) => parseInt(digit, 16));
    return { value: { side, levels } };
  },
  format: ({ side, levels }) => `${side}:${levels.map((level) => level.toString(16)).join('')}`,
};

const PADDING_WORDS = ['valid', 'same'];

// The schema, from the core's convCatalog() (kernel presets, image shapes, pooling kinds, limits).
export function convSchema(convCatalog) {
  const { limits } = convCatalog;
  return [
    {
      name: 'image',
      type: 'custom',
      defaultValue: 'cross',
      choices: [...convCatalog.images, 'digit', 'drawing'],
      optionLabels: IMAGE_LABELS,
      parse(text) {
        const choices = [...convCatalog.images, 'digit', 'drawing'];
        return choices.includes(text)
          ? { value: text }
          : { error: `image: "${shortText(text)}" is not one of ${choices.join(', ')}` };
      },
      format: String,
      label: 'Input image',
      description:
        'A shape the core draws, a handwritten test digit (loads `data/digits.js` next to `descent.js`), or your own drawing (draw on the input).',
      values: `${convCatalog.images.join(', ')}, digit, drawing`,
      defaultText: '`cross`',
      group: 'Input',
    },
    {
      name: 'size',
      type: 'integer',
      defaultValue: 16,
      min: limits.minImageSize,
      max: 28,
      label: 'Image size (pixels)',
      description: 'The side of a drawn shape (a digit is 28×28; a drawing keeps its own).',
      group: 'Input',
    },
    {
      name: 'digit',
      type: 'integer',
      defaultValue: 0,
      min: 0,
      max: 999,
      label: 'Test digit',
      description: 'Which of the 1,000 MNIST test digits (with image="digit").',
      group: 'Input',
    },
    {
      name: 'noise',
      type: 'number',
      defaultValue: 0,
      min: 0,
      max: limits.maxNoise,
      label: 'Noise σ',
      description: 'Standard deviation of the Gaussian noise added to a shape.',
      group: 'Input',
    },
    {
      name: 'jitter',
      type: 'number',
      defaultValue: 0,
      min: 0,
      max: limits.maxJitter,
      label: 'Jitter',
      description: 'How far a shape may move off centre and shrink (a fraction of the side).',
      group: 'Input',
    },
    {
      name: 'seed',
      type: 'integer',
      defaultValue: 1,
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      label: 'Seed',
      control: 'text',
      description: "Seed of a shape's jitter and noise.",
      group: 'Input',
    },
    {
      name: 'pixels',
      type: 'custom',
      defaultValue: null,
      maxLength: 800,
      ...drawingEntry,
      description: 'The drawn image (with image="drawing"): its side, then one hex digit per pixel.',
      values: '`side:hex…`, side 8 – 28',
      defaultText: 'none',
      group: 'Input',
    },
    {
      name: 'kernel',
      type: 'integer',
      defaultValue: 3,
      min: 1,
      max: limits.maxKernel,
      label: 'Kernel size K',
      description: 'K×K taps per kernel.',
      group: 'Convolution',
    },
    {
      name: 'kernels',
      type: 'custom',
      defaultValue: ['sobel-x', 'sobel-y'],
      ...kernelList(convCatalog.kernels, limits.maxFilters),
      label: 'Kernels',
      hint: 'Preset names or K×K numbers, separated by ";"',
      description: `One kernel per filter (1 – ${limits.maxFilters}): a preset name or K·K numbers row by row, separated by ";".`,
      values: `presets ${convCatalog.kernels.join(', ')}, or numbers`,
      defaultText: '`sobel-x;sobel-y`',
      group: 'Convolution',
    },
    {
      name: 'stride',
      type: 'integer',
      defaultValue: 1,
      min: 1,
      max: limits.maxStride,
      label: 'Stride S',
      description: 'Positions the window moves per step.',
      group: 'Convolution',
    },
    {
      name: 'padding',
      type: 'custom',
      defaultValue: 'valid',
      parse(text) {
        if (PADDING_WORDS.includes(text)) return { value: text };
        const value = Number(text);
        if (/^\d+$/.test(text) && value <= limits.maxPadding) return { value };
        return {
          error: `padding: expected valid, same or a whole number 0 to ${limits.maxPadding}, got "${shortText(text)}"`,
        };
      },
      format: String,
      label: 'Padding P',
      hint: 'valid (none), same (keep the size at stride 1) or a number',
      description:
        'Zeros added on each side: `valid` (0), `same` (D·(K − 1)/2, so stride 1 keeps the size) or a number.',
      values: `valid, same, 0 – ${limits.maxPadding}`,
      defaultText: '`valid`',
      group: 'Convolution',
    },
    {
      name: 'dilation',
      type: 'integer',
      defaultValue: 1,
      min: 1,
      max: limits.maxDilation,
      label: 'Dilation D',
      description: 'Spacing of the taps (1 = adjacent).',
      group: 'Convolution',
    },
    {
      name: 'depthwise',
      type: 'boolean',
      defaultValue: false,
      label: 'Depthwise (one channel per filter)',
      description: 'Groups = channels: each filter sees one input channel (colour images; filters a multiple of 3).',
      group: 'Convolution',
    },
    {
      name: 'activation',
      type: 'id',
      defaultValue: 'linear',
      choices: ['linear', 'relu'],
      optionLabels: { linear: 'None', relu: 'ReLU' },
      label: 'Activation',
      description: 'Applied to every feature-map value (ReLU keeps the positive responses).',
      group: 'Convolution',
    },
    {
      name: 'pool',
      type: 'id',
      defaultValue: 'none',
      choices: convCatalog.pools,
      optionLabels: { none: 'None', max: 'Max pooling', average: 'Average pooling' },
      label: 'Pooling',
      description: 'Pooling after the activation.',
      group: 'Pooling',
    },
    {
      name: 'pool-size',
      type: 'integer',
      defaultValue: 2,
      min: 1,
      max: 4,
      label: 'Pool window',
      description: 'The pooling window (square).',
      group: 'Pooling',
    },
    {
      name: 'pool-stride',
      type: 'integer',
      defaultValue: null,
      min: 1,
      max: 4,
      label: 'Pool stride',
      description: 'The pooling stride (default: the window, so windows do not overlap).',
      defaultText: 'the window',
      group: 'Pooling',
    },
    {
      name: 'filter',
      type: 'integer',
      defaultValue: 1,
      min: 1,
      max: limits.maxFilters,
      label: 'Filter shown',
      description: 'The filter whose kernel is edited and whose cells are explained and traced.',
      group: 'Cells',
    },
    {
      name: 'cell',
      type: 'custom',
      defaultValue: null,
      ...cellEntry('cell'),
      label: 'Explained cell',
      description: 'The feature-map cell whose sum of products is written out (hover or tap a map to pick one).',
      values: '`row,column`',
      defaultText: 'the centre',
      group: 'Cells',
    },
    {
      name: 'trace',
      type: 'custom',
      defaultValue: null,
      ...cellEntry('trace'),
      label: 'Traced output cell',
      description: 'The output cell (after pooling) whose gradient is carried back to the input (click a map).',
      values: '`row,column`',
      defaultText: 'the centre',
      group: 'Cells',
    },
    {
      name: 'field',
      type: 'custom',
      defaultValue: [
        { kind: 'conv', kernel: 3, stride: 1, padding: 0, dilation: 1 },
        { kind: 'conv', kernel: 3, stride: 1, padding: 0, dilation: 1 },
      ],
      ...layerStack(limits.maxFieldLayers),
      label: 'Stack',
      hint: 'e.g. conv3, pool2, conv3/d2 (/s stride, /d dilation, /p padding)',
      description: `1 – ${limits.maxFieldLayers} layers whose receptive field is drawn: \`conv3\`, \`pool2\`, options \`/s2\` (stride), \`/d2\` (dilation), \`/p1\` (padding).`,
      values: '`conv3, pool2, …`',
      defaultText: '`conv3, conv3`',
      group: 'Receptive field',
    },
    {
      name: 'field-cell',
      type: 'custom',
      defaultValue: null,
      ...cellEntry('field-cell'),
      label: 'Field of cell',
      description: "The last layer's output cell whose field is drawn.",
      values: '`row,column`',
      defaultText: 'the centre',
      group: 'Receptive field',
    },
    ...[
      ['cost-in', 256, 'Input channels C_in'],
      ['cost-out', 512, 'Output channels C_out'],
      ['cost-size', 28, 'Output side H = W'],
      ['bottleneck', 64, '1×1 bottleneck B'],
    ].map(([name, defaultValue, label]) => ({
      name,
      type: 'integer',
      defaultValue,
      min: 1,
      max: name === 'cost-size' ? 1024 : 4096,
      label,
      control: 'text',
      description: `${label} of the cost comparison (standard, depthwise separable, bottleneck).`,
      group: 'Costs',
    })),
    {
      name: 'speed',
      viewOnly: true,
      type: 'number',
      defaultValue: 12,
      min: 0.5,
      max: 120,
      label: 'Window speed (positions/s)',
      logScale: true,
      description: 'How fast the window slides when the learner presses Play.',
      group: 'Page',
    },
  ];
}

// padding attribute → zeros per side: 'same' keeps the size at stride 1 (D·(K − 1)/2, rounded down
// when the dilated span is even).
export function paddingOf(state) {
  if (state.padding === 'valid') return 0;
  if (state.padding === 'same') return Math.floor((state.dilation * (state.kernel - 1)) / 2);
  return state.padding;
}

// A `row,column` cell moved into a map of height × width.
export function clampCell([row, column], height, width) {
  return [Math.min(Math.max(0, row), height - 1), Math.min(Math.max(0, column), width - 1)];
}

// The attribute names (observed before the core has loaded); the catalog does not change them.
export const STATE_ATTRIBUTES = convSchema({ images: [], kernels: [], pools: [], limits: {} }).map(
  (entry) => entry.name,
);
