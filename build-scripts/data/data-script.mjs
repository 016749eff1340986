// Writes a data script: the classic script that carries one data set next to descent.js and
// registers it as globalThis.DescentData[name] (the convention, and the loader, are in
// www/js/data/data-script.js). The text is pure ASCII, so a page in any character set reads it the
// same, and it is deterministic: the same payload gives the same bytes.
import { fail } from '../site/util.mjs';

const NAME = /^[a-z][a-z0-9-]*$/;

// name: the data set's name (the file is data/<name>.js); comment: lines for the header (what the
// data is, its source, licence and attribution); payload: a JSON-able object.
export function dataScript({ name, comment, payload }) {
  if (!NAME.test(name)) fail(`data script name ${JSON.stringify(name)}: use lower-case letters, digits and hyphens`);
  const lines = comment.map((line) => (line === '' ? ' *' : ` * ${line}`));
  if (lines.some((line) => line.includes('*/'))) fail(`data script ${name}: its comment may not contain "*/"`);
  const text =
    `/*\n${lines.join('\n')}\n */\n` +
    `(globalThis.DescentData = globalThis.DescentData || {})[${JSON.stringify(name)}] = ${asciiJson(payload)};\n`;
  const at = text.search(/[^\t\n\x20-\x7e]/);
  if (at >= 0) fail(`data script ${name}: its comment has a non-ASCII character at offset ${at}`);
  return text;
}

// JSON with every non-ASCII character escaped (\uXXXX), which is also a valid JS expression.
function asciiJson(value) {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
