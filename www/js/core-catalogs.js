// The catalogs the core owns (surfaces, optimizers, schedules, activations, initialisers, data
// sets, limits), read once from the core, and the choices a schema entry's `catalog` names.
// Widgets read them at start-up (DescentWidget.prepare); the site build reads the same lists
// by loading the built core in node, for the embed page's attribute tables. Nothing here is
// retyped from the core. No DOM, no imports: the site build loads this file on its own.

// Every catalog call of the core, by the name readCoreCatalogs gives its result.
const READERS = {
  catalog: (core) => core.catalog(),
  typedSurfaces: (core) => core.typedSurfaces(),
  playground: (core) => core.playgroundCatalog(),
  dynamics: (core) => core.dynamicsCatalog(),
  activations: (core) => core.activationCatalog(),
  regularization: (core) => core.regularizationCatalog(),
  perceptron: (core) => core.perceptronCatalog(),
  conv: (core) => core.convCatalog(),
  cnn: (core) => core.cnnCatalog(),
  architectures: (core) => core.architectureCatalog(),
  rnn: (core) => core.rnnCatalog(),
};

// Each core's catalogs are read once.
const cache = new WeakMap();

// The catalogs of CORE, each read on first use: a part of the core (www/js/core.js) has only the
// catalogs of its own widgets.
export function readCoreCatalogs(core) {
  if (cache.has(core)) return cache.get(core);
  const catalogs = {};
  for (const [name, read] of Object.entries(READERS)) {
    let value;
    Object.defineProperty(catalogs, name, {
      enumerable: true,
      get: () => (value ??= read(core)),
    });
  }
  if (core && typeof core === 'object') cache.set(core, catalogs);
  return catalogs;
}

const idLabel = (id) => ({ value: id, label: id.replace(/_/g, ' ') });
const infoOption = (info) => ({ value: info.id, label: info.label });

// catalog name → (catalogs) → [{value, label}]
const CHOICES = {
  surfaces: (c) => [...c.catalog.surfaces, ...c.typedSurfaces].map(infoOption),
  surfaces2d: (c) => [...c.catalog.surfaces, ...c.typedSurfaces].filter((s) => s.dimension === 2).map(infoOption),
  optimizers: (c) => c.catalog.optimizers.map(infoOption),
  schedules: (c) => c.catalog.schedules.map(infoOption),
  'playground.datasets': (c) => c.playground.datasets.map(infoOption),
  'playground.features': (c) => c.playground.features.map(infoOption),
  'playground.activations': (c) => c.playground.activations.map(idLabel),
  'playground.initializers': (c) => c.playground.initializers.map(idLabel),
  'playground.losses': (c) => c.playground.losses.map(idLabel),
  'dynamics.activations': (c) =>
    c.dynamics.activations.map((a) => (typeof a === 'string' ? idLabel(a) : { value: a.id, label: a.label ?? a.id })),
  'dynamics.initializers': (c) =>
    c.dynamics.initializers.map((i) => (typeof i === 'string' ? idLabel(i) : { value: i.id, label: i.label ?? i.id })),
  'dynamics.optimizers': (c) => c.dynamics.optimizers.map(idLabel),
};

export const CATALOG_NAMES = Object.keys(CHOICES);

// The [{value, label}] choices of a schema entry: its own `choices`, or its core catalog's.
export function choicesOf(entry, catalogs) {
  if (entry.catalog) {
    const read = CHOICES[entry.catalog];
    if (!read) throw new Error(`${entry.name}: unknown core catalog "${entry.catalog}"`);
    return read(catalogs);
  }
  if (entry.choices) return entry.choices.map((value) => ({ value, label: entry.optionLabels?.[value] ?? value }));
  return null;
}
