// Widget state as a schema table plus a pure parse/serialise pair, so a state
// round-trips through element attributes and the page URL (#hash).
//
// A schema entry: {name, type, defaultValue, min?, max?, choices?, catalog?, description, …}
//   type: 'id' (lower-case identifier), 'number', 'integer', 'point' (1 or 2
//   comma-separated numbers), 'boolean', or 'custom' with the entry's own
//   parse(text) → {value} | {error} | {value, error} (a partly valid value,
//   used and reported) and format(value) → text. defaultValue null means
//   "derived" (the widget computes it, e.g. the optimizer's own learning rate).
//   catalog: for an 'id' whose names the core owns, which core catalog lists them
//   (see www/js/core-catalogs.js); checked by the widget against the core.
// Words for people (the embed page's attribute table, the control's label and tooltip):
//   description  what the attribute does (plain text; `code` in backticks)
//   values       the Values column where type/range/choices cannot say it (custom, point)
//   defaultText  the Default column where defaultValue is null ("per surface") or custom
//   group        the table's row group and the control's panel ("Optimizer")
// viewOnly: true for an entry the simulation does not read (animation speed, how much of the
//   result is drawn): changing only such entries redraws the last result instead of recomputing.
// Control hints (createSchemaControl in www/js/ui/schema-control.js):
//   label, hint, control ('slider' | 'select' | 'checkbox' | 'text'), logScale,
//   sliderMin/sliderMax (a slider's span when narrower than min/max), optionLabels {value: label}

const ID_PATTERN = /^[a-z][a-z0-9_]*$/;

// Longest attribute text read by default (an entry's maxLength overrides it): a longer value is
// refused by its length alone, before any pass over it (a 1 MB `lr` costs nothing).
export const MAX_ATTRIBUTE_LENGTH = 10000;
// Longest part of a user's text a message quotes; longer text is cut with "…".
export const MAX_QUOTED_LENGTH = 40;

// `text` cut to MAX_QUOTED_LENGTH characters with "…", for a message that quotes what it got.
export function shortText(text) {
  const characters = Array.from(String(text).slice(0, 2 * MAX_QUOTED_LENGTH));
  return characters.length > MAX_QUOTED_LENGTH || String(text).length > 2 * MAX_QUOTED_LENGTH
    ? `${characters.slice(0, MAX_QUOTED_LENGTH).join('')}…`
    : String(text);
}

const quoted = (text) => `"${shortText(text)}"`;

// The `hide` entry of a widget whose parts listed in `names` can be hidden for a class
// ("hide=chart,export"); unknown names are reported and the known ones still hidden.
export function hideEntry(names) {
  return {
    name: 'hide',
    type: 'custom',
    defaultValue: [],
    values: `comma-separated: ${names.map((name) => `\`${name}\``).join(', ')}`,
    parse(text) {
      const asked = text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
      const unknown = asked.filter((name) => !names.includes(name));
      const value = asked.filter((name) => names.includes(name));
      if (unknown.length)
        return { value, error: `hide: ${quoted(unknown.join(', '))} not known. Valid: ${names.join(', ')}` };
      return { value };
    },
    format: (hidden) => hidden.join(','),
  };
}

function describeRange(entry) {
  return `between ${entry.min} and ${entry.max}`;
}

// Returns {value} or {error} for one raw attribute string.
export function parseValue(entry, raw) {
  const maxLength = entry.maxLength ?? MAX_ATTRIBUTE_LENGTH;
  if (raw.length > maxLength) {
    return { error: `${entry.name}: the value is too long (${raw.length} characters; at most ${maxLength})` };
  }
  const text = raw.trim();
  if (entry.parse) return entry.parse(text);
  switch (entry.type) {
    case 'id':
      if (!ID_PATTERN.test(text)) return { error: `${entry.name}: ${quoted(raw)} is not a valid name` };
      if (entry.choices && !entry.choices.includes(text)) {
        return { error: `${entry.name}: ${quoted(raw)} is not one of ${entry.choices.join(', ')}` };
      }
      return { value: text };
    case 'boolean':
      if (text === '' || text === 'true') return { value: true };
      if (text === 'false') return { value: false };
      return { error: `${entry.name}: expected true or false, got ${quoted(raw)}` };
    case 'point': {
      const parts = text.split(',').map((part) => part.trim());
      const numbers = parts.map(Number);
      if (parts.length < 1 || parts.length > 2 || parts.some((p) => p === '') || !numbers.every(Number.isFinite)) {
        return { error: `${entry.name}: expected "x" or "x,y" numbers, got ${quoted(raw)}` };
      }
      return { value: numbers };
    }
    case 'number':
    case 'integer': {
      const number = text === '' ? NaN : Number(text);
      if (!Number.isFinite(number)) return { error: `${entry.name}: expected a number, got ${quoted(raw)}` };
      if (entry.type === 'integer' && !Number.isInteger(number)) {
        return { error: `${entry.name}: expected a whole number, got ${quoted(raw)}` };
      }
      if ((entry.min !== undefined && number < entry.min) || (entry.max !== undefined && number > entry.max)) {
        return { error: `${entry.name}: ${shortText(raw)} is out of range (${describeRange(entry)})` };
      }
      return { value: number };
    }
    default:
      throw new Error(`unknown schema type ${entry.type}`);
  }
}

export function formatValue(entry, value) {
  if (entry.format) return entry.format(value);
  if (entry.type === 'point') return value.map(String).join(',');
  return String(value);
}

// readRaw(name) → string or null. Invalid values fall back to the default and
// are reported in `errors`, so one bad attribute never breaks the widget.
export function parseState(schema, readRaw) {
  const state = {};
  const errors = [];
  for (const entry of schema) {
    const raw = readRaw(entry.name);
    state[entry.name] = entry.defaultValue;
    if (raw === null || raw === undefined) continue;
    const parsed = parseValue(entry, raw);
    if (parsed.error) errors.push(parsed.error);
    if (parsed.value !== undefined) state[entry.name] = parsed.value;
  }
  return { state, errors };
}

// [name, text] pairs for every value that differs from its default.
export function serializeState(schema, state, { includeDefaults = false } = {}) {
  const pairs = [];
  for (const entry of schema) {
    const value = state[entry.name];
    if (value === null || value === undefined) continue;
    const text = formatValue(entry, value);
    if (!includeDefaults && entry.defaultValue !== null && text === formatValue(entry, entry.defaultValue)) continue;
    pairs.push([entry.name, text]);
  }
  return pairs;
}

// URL hash "#a=1&b=2" ↔ pairs. Only `prefix` + a name in `names` (the widget's schema) is state:
// every other key (another widget's, the page's own) and a bare in-page anchor ("#section-2") is
// ignored on reading and kept on writing, so several widgets and the page can share one URL.
export function readHash(hash, prefix, names) {
  const wanted = new Set(names);
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const values = new Map();
  for (const [key, value] of params) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    if (wanted.has(name)) values.set(name, value);
  }
  return values;
}

// The key of one "key=value" part of a hash, decoded as URLSearchParams decodes it.
function hashPartKey(part) {
  const equals = part.indexOf('=');
  return new URLSearchParams(`${equals < 0 ? part : part.slice(0, equals)}=`).keys().next().value ?? '';
}

// A hash that is only an in-page anchor ("#section-2"): the page's, not state; left alone.
function isBareAnchor(hash) {
  const text = hash.replace(/^#/, '');
  return text !== '' && !text.includes('=') && !text.includes('&');
}

export function writeHash(hash, prefix, pairs, names) {
  if (isBareAnchor(hash)) return hash;
  const own = new Set(names.map((name) => prefix + name));
  const text = hash.replace(/^#/, '');
  // Foreign parts are kept as they were written; our own keys are rewritten.
  const kept = (text ? text.split('&') : []).filter((part) => part !== '' && !own.has(hashPartKey(part)));
  const ours = new URLSearchParams();
  for (const [name, value] of pairs) ours.set(prefix + name, value);
  const joined = [...kept, ours.toString()].filter(Boolean).join('&');
  return joined ? `#${joined}` : '';
}

// Whether `next` differs from `previous` (two parsed states of `schema`) and only in viewOnly
// entries, so the last simulation still holds.
export function onlyViewChanged(schema, previous, next) {
  let changed = false;
  for (const entry of schema) {
    if (JSON.stringify(previous[entry.name]) === JSON.stringify(next[entry.name])) continue;
    if (!entry.viewOnly) return false;
    changed = true;
  }
  return changed;
}
