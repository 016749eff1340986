// Lesson front matter: a small YAML subset, and the keys a lesson must have.
import { fail } from './util.mjs';

function parseScalar(raw, where) {
  const value = raw.trim();
  if (value === '') return '';
  if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) {
    if (value.length < 2) fail(`${where}: unterminated quoted value`);
    const inner = value.slice(1, -1);
    return value[0] === '"' ? inner.replace(/\\"/g, '"').replace(/\\\\/g, '\\') : inner.replace(/''/g, "'");
  }
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

function splitFlowList(raw, where) {
  const inner = raw.trim().slice(1, -1).trim();
  if (inner === '') return [];
  return inner.split(',').map((item) => parseScalar(item, where));
}

// A small YAML subset: `key: value`, `key: [a, b]`, and `key:` followed by `- item` lines.
export function parseFrontMatter(text, file) {
  const lines = text.split('\n');
  if (lines[0].trim() !== '---') fail(`${file}:1: a lesson must start with a '---' front-matter block`);
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end < 0) fail(`${file}:1: front matter is not closed by a '---' line`);
  const data = {};
  let listKey = null;
  for (let index = 1; index < end; index += 1) {
    const line = lines[index];
    const where = `${file}:${index + 1}`;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const item = /^\s+-\s*(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    if (item && listKey) {
      data[listKey].push(parseScalar(item[1], where));
      continue;
    }
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!pair) fail(`${where}: cannot read front-matter line: ${line}`);
    const [, key, rawValue] = pair;
    if (Object.prototype.hasOwnProperty.call(data, key)) fail(`${where}: duplicate front-matter key '${key}'`);
    listKey = null;
    if (rawValue.trim() === '') {
      data[key] = [];
      listKey = key;
    } else if (rawValue.trim().startsWith('[')) {
      if (!rawValue.trim().endsWith(']')) fail(`${where}: list for '${key}' must close with ']' on the same line`);
      data[key] = splitFlowList(rawValue, where);
    } else {
      data[key] = parseScalar(rawValue, where);
    }
  }
  const body = lines.slice(end + 1).join('\n');
  return { data, body, bodyStartLine: end + 2 };
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// Required: title, summary, order (the lesson's place in the whole course), slug, track. Optional:
// widgets and requires (the lessons to read first), both lists.
export function validateFrontMatter(data, file) {
  const problems = [];
  const text = (key) => typeof data[key] === 'string' && data[key].trim() !== '';
  if (!text('title')) problems.push("'title' (text) is required");
  if (!text('summary')) problems.push("'summary' (text) is required");
  if (!Number.isInteger(data.order)) problems.push("'order' (integer) is required");
  if (typeof data.slug !== 'string' || !SLUG.test(data.slug)) {
    problems.push("'slug' is required: lower-case letters, digits and single hyphens");
  }
  if (data.widgets === undefined || data.widgets === '') data.widgets = [];
  if (
    !Array.isArray(data.widgets) ||
    !data.widgets.every((w) => typeof w === 'string' && /^[a-z][a-z0-9]*-[a-z0-9-]+$/.test(w))
  ) {
    problems.push("'widgets' must be a list of custom-element names, e.g. [descent-gd]");
  }
  if (typeof data.track !== 'string' || !SLUG.test(data.track))
    problems.push("'track' is required: the id of a track in lessons/tracks.json");
  if (data.requires === undefined || data.requires === '') data.requires = [];
  if (!Array.isArray(data.requires) || !data.requires.every((slug) => typeof slug === 'string' && SLUG.test(slug)))
    problems.push("'requires' must be a list of lesson slugs, e.g. [gradient-descent]");
  if (problems.length) fail(`${file}: front matter: ${problems.join('; ')}`);
}
