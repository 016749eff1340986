// Shared by the site build's modules: paths, the build's error type, small text helpers.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WWW = path.join(ROOT, 'www');
export const LESSONS = path.join(ROOT, 'lessons');

export class BuildError extends Error {}
export const fail = (message) => {
  throw new BuildError(message);
};

export const rel = (file) => path.relative(ROOT, file) || '.';

export function escapeHtml(text) {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// Plain text with `code` spans → HTML.
export const inlineHtml = (text) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

export const tagCode = (tag) => `<code>&lt;${tag}&gt;</code>`;

// A widget's anchor on the embed page and its name in the home page's ids: the tag without "descent-".
export const sectionId = (widget) => widget.tag.replace(/^descent-/, '');

// Sorted listing so the build never depends on directory order.
export function listDir(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// Replaces {{name}} placeholders; every placeholder must be known, every value is inserted verbatim.
export function fillTemplate(template, values, templateName) {
  return template.replace(/\{\{\s*([a-zA-Z_]+)\s*\}\}/g, (whole, name) => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) fail(`${templateName}: unknown placeholder ${whole}`);
    return values[name];
  });
}

export const lineAt = (text, index) => text.slice(0, index).split('\n').length;
