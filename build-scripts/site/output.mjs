// The site build's output: the output folder and the script bundles (descent.js, site.js).
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';

import esbuild from 'esbuild';

import { ROOT, fail, listDir, rel } from './util.mjs';

export class SiteWriter {
  constructor(outDir) {
    this.outDir = outDir;
    this.written = [];
  }

  // Empties OUT, but only if it is missing, empty, or a previous site build (has descent.js).
  prepare() {
    const out = this.outDir;
    if (fs.existsSync(out)) {
      if (!fs.statSync(out).isDirectory()) fail(`--out exists and is not a directory: ${out}`);
      const entries = fs.readdirSync(out);
      if (entries.length > 0 && !entries.includes('descent.js')) {
        fail(`refusing to empty ${out}: it is not empty and does not look like a previous site build (no descent.js)`);
      }
      fs.rmSync(out, { recursive: true, force: true });
    }
    fs.mkdirSync(out, { recursive: true });
  }

  write(relativePath, contents) {
    const target = path.join(this.outDir, relativePath);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, contents);
    this.written.push({ path: relativePath.split(path.sep).join('/'), bytes: Buffer.byteLength(contents) });
  }

  copyFile(source, relativePath) {
    this.write(relativePath, fs.readFileSync(source));
  }

  copyDir(sourceDir, relativeDir) {
    for (const entry of listDir(sourceDir)) {
      const source = path.join(sourceDir, entry.name);
      const target = path.join(relativeDir, entry.name);
      if (entry.isDirectory()) this.copyDir(source, target);
      else if (entry.isFile()) this.copyFile(source, target);
    }
  }

  report() {
    const width = Math.max(...this.written.map((file) => file.path.length));
    for (const file of [...this.written].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      process.stdout.write(`  wrote ${file.path.padEnd(width)}  ${String(file.bytes).padStart(9)} bytes\n`);
    }
  }
}

// ---------------------------------------------------------------- scripts

// Bundles ENTRY and what it imports into one minified classic script (an IIFE).
export async function bundleScripts(entry) {
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [entry],
      bundle: true,
      format: 'iife',
      target: 'es2019',
      platform: 'browser',
      minify: true,
      legalComments: 'none',
      sourcemap: false,
      write: false,
      logLevel: 'warning',
    });
  } catch (error) {
    fail(`esbuild could not bundle ${rel(entry)} (see the messages above)`);
  }
  return result.outputFiles[0].text;
}
