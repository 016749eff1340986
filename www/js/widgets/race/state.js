// State of <descent-race>: the attribute/URL schema, the `racers` attribute's
// parse/serialise pair, and the translation of a state into the core's runRace
// config. Pure functions; the one import is pure too (the site build loads this
// file on its own to check lesson "try this" buttons).
import { EXPRESSION_ENTRY, expressionFor } from '../typed-surface-state.js';
import { shortText } from '../../ui/state-schema.js';
//
// The `racers` attribute lists who races, comma-separated, in one attribute:
//
//   racers="sgd:0.02,momentum:0.01:momentum=0.95,adam:beta1=0.8:beta2=0.99"
//
// Each entry is `id[:lr][:key=value]...`:
//   id      an optimizer id of the core catalog (sgd, momentum, nesterov, adagrad,
//           rmsprop, adam, adamw, lion);
//   lr      optional learning rate (a number > 0, at most 1000); missing ⇒ the
//           optimizer's catalog default (catalog().optimizers[i].defaultLearningRate);
//   key=value  optional hyper-parameters, keys exactly as in the catalog's
//           hyperParameters tables (beta1, weight_decay, …), values within the
//           catalog's [min, max]; missing keys take the catalog defaults.
//
// Each optimizer races at most once (it has one fixed colour): a repeated id is
// reported and its later entries are ignored. Errors never blank the widget:
// an unknown id drops that entry; a bad learning rate or hyper-parameter is
// ignored (that racer uses its default) — each with a message. Only when no
// valid racer is left does the whole attribute fall back to the default field.

export const DEFAULT_RACERS = 'sgd,momentum,rmsprop,adam';
export const MAX_RACE_STEPS = 2000;
export const MAX_LEARNING_RATE = 1000;

const ID_PATTERN = /^[a-z][a-z0-9_]*$/;

// The number in `text`, or NaN (Number('') is 0, which is not what anyone typed).
const toNumber = (text) => (text.trim() === '' ? NaN : Number(text));

// optimizers: the catalog's optimizer table ({id, hyperParameters:[{key, min, max, integer}]}).
// Without it only the syntax is checked (the ids are the core's: raceSchema gives them).
// Returns {value: racers, error?} or {error} when nothing valid is left, where
// racers = [{id, lr: number | null, hyper: {key: number}}] in the order written.
export function parseRacers(raw, optimizers = null) {
  const text = String(raw).trim();
  if (text === '') return { error: 'racers: list at least one optimizer, e.g. "sgd,adam"' };
  const known = optimizers ? optimizers.map((o) => o.id) : null;
  const errors = [];
  const racers = [];
  for (const entryText of text.split(',')) {
    const entry = entryText.trim();
    if (entry === '') {
      errors.push(`racers: empty entry in "${shortText(text)}" (entries are separated by single commas)`);
      continue;
    }
    const [idText, ...settings] = entry.split(':').map((part) => part.trim());
    if (!ID_PATTERN.test(idText) || (known && !known.includes(idText))) {
      errors.push(
        `racers: "${shortText(idText)}" is not an optimizer — left out.${known ? ` Valid: ${known.join(', ')}` : ''}`,
      );
      continue;
    }
    if (racers.some((r) => r.id === idText)) {
      errors.push(`racers: ${idText} is listed twice — each optimizer races once, so only its first entry is used`);
      continue;
    }
    const info = optimizers?.find((o) => o.id === idText);
    const racer = { id: idText, lr: null, hyper: {} };
    settings.forEach((setting, index) => {
      const equals = setting.indexOf('=');
      if (equals < 0) {
        const lr = toNumber(setting);
        if (index !== 0) {
          errors.push(
            `racers: ${idText}: "${shortText(setting)}" is not key=value (the learning rate comes right after the id) — ignored`,
          );
        } else if (!Number.isFinite(lr) || lr <= 0 || lr > MAX_LEARNING_RATE) {
          errors.push(
            `racers: ${idText}: learning rate "${shortText(setting)}" is not a number between 0 and ${MAX_LEARNING_RATE} — using ${idText}'s default`,
          );
        } else {
          racer.lr = lr;
        }
        return;
      }
      const key = setting.slice(0, equals).trim();
      const valueText = setting.slice(equals + 1);
      const value = toNumber(valueText);
      const parameter = info?.hyperParameters.find((p) => p.key === key);
      if (!ID_PATTERN.test(key) || (info && !parameter)) {
        const keys = info ? info.hyperParameters.map((p) => p.key).join(', ') || 'none' : '';
        errors.push(
          `racers: ${idText} has no hyper-parameter "${shortText(key)}"${info ? ` (its keys: ${keys})` : ''} — ignored`,
        );
      } else if (!Number.isFinite(value)) {
        errors.push(`racers: ${idText}: ${key}="${shortText(valueText)}" is not a number — using the default`);
      } else if (parameter && (value < parameter.min || value > parameter.max)) {
        errors.push(
          `racers: ${idText}: ${key}=${valueText} is out of range (between ${parameter.min} and ${parameter.max}) — using the default`,
        );
      } else if (parameter?.integer && !Number.isInteger(value)) {
        errors.push(`racers: ${idText}: ${key}=${valueText} must be a whole number — using the default`);
      } else if (key in racer.hyper) {
        errors.push(`racers: ${idText}: ${key} is set twice — the first value is used`);
      } else {
        racer.hyper[key] = value;
      }
    });
    racers.push(racer);
  }
  if (racers.length === 0)
    return { error: [...errors, 'racers: no valid racer left — using the default field'].join('\n') };
  return errors.length ? { value: racers, error: errors.join('\n') } : { value: racers };
}

// The inverse of parseRacers: parseRacers(formatRacers(r)).value deep-equals r.
export function formatRacers(racers) {
  return racers
    .map((racer) => {
      const parts = [racer.id];
      if (racer.lr !== null && racer.lr !== undefined) parts.push(String(racer.lr));
      for (const [key, value] of Object.entries(racer.hyper ?? {})) parts.push(`${key}=${value}`);
      return parts.join(':');
    })
    .join(',');
}

// A schema entry (see www/js/ui/state-schema.js) for `racers`, optionally
// checking ids and hyper-parameters against the core's optimizer table.
// The embed page's words on learning rates and hyper-parameters, from the core's optimizer table.
const racerDetails = (optimizers) =>
  ` A learning rate is a number > 0, at most ${MAX_LEARNING_RATE}; without one a racer uses its optimizer's default (${optimizers.map((o) => `\`${o.id}\` ${o.defaultLearningRate}`).join(', ')}).` +
  ` Hyper-parameters, written with underscores: ${optimizers.map((o) => `\`${o.id}\`: ${o.hyperParameters.map((h) => `\`${h.key}\``).join(', ')}`).join('; ')} — the same meanings as \`<descent-gd>\`'s attributes. A value out of range is reported and the default used.`;

const racersEntry = (optimizers) => ({
  name: 'racers',
  description: `Who races, in one attribute. \`id\` is ${optimizers ? `one of ${optimizers.map((o) => `\`${o.id}\``).join(', ')}` : 'an optimizer of the core'}, each at most once. An optional learning rate follows it, then optional hyper-parameters, e.g. \`sgd:0.02,momentum:0.01:momentum=0.95,adam:0.1:beta1=0.8:beta2=0.99\`.${optimizers ? racerDetails(optimizers) : ''}`,
  group: 'Racers',
  values: 'comma-separated entries `id[:lr][:key=value]…`',
  defaultText: '`sgd,momentum,rmsprop,adam`',
  type: 'custom',
  defaultValue: parseRacers(DEFAULT_RACERS).value,
  parse: (text) => parseRacers(text, optimizers),
  format: formatRacers,
});

export const RACE_SCHEMA = [
  {
    name: 'surface',
    type: 'id',
    defaultValue: 'ravine',
    label: 'Surface',
    description: 'The 2-D loss surface the racers descend.',
    group: 'Course',
    catalog: 'surfaces2d',
  },
  {
    name: 'condition',
    type: 'number',
    defaultValue: 10,
    min: 1,
    max: 1000,
    label: 'Condition number κ',
    hint: 'Ratio of the steepest to the flattest curvature of the ravine',
    logScale: true,
    description:
      'For `ravine`: its condition number κ, the ratio of the steep curvature (across) to the gentle one (along).',
    group: 'Course',
  },
  {
    ...EXPRESSION_ENTRY,
    group: 'Course',
    values: 'a formula in x and y',
    defaultText: '`(x - 1)^2 + 4*(y - x/2)^2`',
    description:
      'For `surface="custom"`: the surface f(x, y), differentiated by the core\'s autograd engine (the same formulas as `<descent-gd>`).',
  },
  racersEntry(null),
  {
    name: 'start',
    type: 'point',
    defaultValue: null,
    label: 'Start x,y (or click the map)',
    hint: 'The common start point, as x,y',
    description: 'Where every racer starts. The learner can also click or drag on the map.',
    group: 'Course',
    values: '`x,y`',
    defaultText: 'per surface',
  },
  {
    name: 'steps',
    type: 'integer',
    defaultValue: 300,
    min: 1,
    max: MAX_RACE_STEPS,
    label: 'Steps',
    logScale: true,
    description: 'Number of updates each racer gets.',
    group: 'Course',
  },
  {
    name: 'noise',
    type: 'number',
    defaultValue: 0,
    min: 0,
    max: 1000,
    label: 'Gradient noise σ',
    hint: 'Gaussian noise added to each gradient component; every racer draws its own seeded stream',
    sliderMax: 5,
    description: 'Standard deviation of Gaussian noise added to each gradient component, like a mini-batch gradient.',
    group: 'Course',
  },
  {
    name: 'seed',
    type: 'integer',
    defaultValue: 1,
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    label: 'Noise seed',
    hint: 'Same seed ⇒ same noise ⇒ same race',
    control: 'text',
    description:
      'Seed of that noise. Each racer draws its own stream from it, so the same seed and the same racers in the same order give the same race.',
    group: 'Course',
  },
  {
    name: 'speed',
    viewOnly: true,
    type: 'number',
    defaultValue: 30,
    min: 0.5,
    max: 240,
    label: 'Animation speed (steps/s)',
    logScale: true,
    description:
      'Animation speed when the learner presses Play, in steps per second (slower when the reader prefers reduced motion).',
    group: 'Page',
  },
];

export const STATE_ATTRIBUTES = RACE_SCHEMA.map((entry) => entry.name);

// RACE_SCHEMA with `racers` checked against the catalog's optimizers.
export function raceSchema(catalog) {
  return RACE_SCHEMA.map((entry) => (entry.name === 'racers' ? racersEntry(catalog.optimizers) : entry));
}

// The race needs a 2-D surface and a 2-D start; falls back with a message otherwise.
export function checkRaceState(state, catalog, errors) {
  const surface = catalog.surfaces.find((s) => s.id === state.surface);
  if (!surface || surface.dimension !== 2) {
    const valid = catalog.surfaces.filter((s) => s.dimension === 2).map((s) => s.id);
    const fallback = RACE_SCHEMA[0].defaultValue;
    errors.push(
      `surface: "${shortText(state.surface)}" is not a 2-D surface — using ${fallback}. Valid: ${valid.join(', ')}`,
    );
    state.surface = fallback;
  }
  if (state.start && state.start.length !== 2) {
    errors.push(`start: expected two numbers "x,y", got ${state.start.length} — using the surface's default start`);
    state.start = null;
  }
}

// The config object core.runRace expects: every racer with its learning rate
// (its own or the catalog default) and only the hyper-parameters it was given
// (the core fills in the rest), a constant schedule and no clipping.
export function toRaceConfig(state, catalog) {
  const surface = catalog.surfaces.find((s) => s.id === state.surface);
  return {
    surface: state.surface,
    condition: state.condition,
    expression: expressionFor(state, catalog),
    start: state.start ? [...state.start] : Array.from(surface.defaultStart),
    steps: state.steps,
    noise: state.noise,
    seed: state.seed,
    racers: state.racers.map((racer) => ({
      optimizer: racer.id,
      lr: racer.lr ?? catalog.optimizers.find((o) => o.id === racer.id).defaultLearningRate,
      hyper: { ...racer.hyper },
      schedule: 'constant',
      scheduleParams: {},
      clip: 'none',
      clipThreshold: 1,
    })),
  };
}
