// State of <descent-architectures>: the attribute/URL schema of the architecture calculator (which
// network, which second network to compare it with, the picked layer and the bar charts' scale).
// The networks are the core's (architectureCatalog()): their ids and titles are not retyped here.
import { shortText } from '../../ui/state-schema.js';

// The network shown when no attribute names one (if the core lists it): the one whose dense layers
// hold most of its parameters.
const PREFERRED_DEFAULT = 'vgg16';

// A layer name as the core spells it: "fc6", "layer1.0.conv2", "inception3a.5x5".
const LAYER_NAME = /^[A-Za-z0-9_.-]{1,60}$/;

const layerName = {
  parse(text) {
    if (text === '') return { value: '' };
    if (!LAYER_NAME.test(text))
      return { error: `layer: "${shortText(text)}" is not a layer name (letters, digits, "_", "." and "-")` };
    return { value: text };
  },
  format: (name) => name,
};

// Short names for the selects, from the core's titles ("ResNet-50 (2015; torchvision's v1.5)" →
// the whole title stays in the option; the compare box uses the part before the parenthesis).
export const shortTitle = (title) => title.replace(/\s*\(.*$/, '');

// The schema, from the core's architectureCatalog() ({ids, titles}).
export function architecturesSchema(catalog) {
  const ids = Array.from(catalog.ids ?? []);
  const titles = Array.from(catalog.titles ?? []);
  const labels = Object.fromEntries(ids.map((id, i) => [id, titles[i] ?? id]));
  const defaultNetwork = ids.includes(PREFERRED_DEFAULT) ? PREFERRED_DEFAULT : (ids[0] ?? PREFERRED_DEFAULT);
  return [
    {
      name: 'network',
      type: 'id',
      defaultValue: defaultNetwork,
      choices: ids,
      optionLabels: labels,
      label: 'Network',
      description: 'The architecture shown layer by layer, at its published input size.',
      group: 'Networks',
    },
    {
      name: 'compare',
      type: 'id',
      defaultValue: 'none',
      choices: ['none', ...ids],
      optionLabels: { none: 'No comparison', ...labels },
      label: 'Compare with',
      description: "A second architecture whose totals (parameters, multiply-adds) are shown beside the first's.",
      group: 'Networks',
    },
    {
      name: 'layer',
      type: 'custom',
      defaultValue: '',
      ...layerName,
      label: 'Layer',
      description:
        'The layer picked out in the status line, the charts and the table, by the name the table gives it (`fc6`, `layer1.0.conv2`).',
      values: 'a layer name of the network',
      defaultText: 'the layer with the most parameters',
      group: 'View',
      viewOnly: true,
    },
    {
      name: 'scale',
      type: 'id',
      defaultValue: 'linear',
      choices: ['linear', 'log'],
      optionLabels: { linear: 'Linear', log: 'Logarithmic' },
      label: 'Bar scale',
      description:
        'The vertical axis of the two bar charts: linear (the few layers that dominate stand out) or logarithmic (every layer visible).',
      group: 'View',
      viewOnly: true,
    },
  ];
}

// The attribute names (observed before the core has loaded); the catalog does not change them.
export const STATE_ATTRIBUTES = architecturesSchema({ ids: [], titles: [] }).map((entry) => entry.name);
