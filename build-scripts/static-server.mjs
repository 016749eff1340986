// Minimal static file server for the built site, bound to loopback only.
// Usage: node build-scripts/static-server.mjs <root> <port>
// Also imported by the end-to-end tests (startStaticServer).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export function startStaticServer(root, port = 0) {
  const absoluteRoot = path.resolve(root);
  const server = http.createServer((request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    let filePath = path.join(absoluteRoot, urlPath);
    if (!filePath.startsWith(absoluteRoot)) {
      response.writeHead(403).end('forbidden');
      return;
    }
    if (fs.existsSync(filePath) && fs.statSync(filePath).isDirectory()) {
      filePath = path.join(filePath, 'index.html');
    }
    fs.readFile(filePath, (error, data) => {
      if (error) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const type = MIME_TYPES[path.extname(filePath)] ?? 'application/octet-stream';
      response.writeHead(200, { 'content-type': type }).end(data);
    });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [root = 'build/site', port = '8000'] = process.argv.slice(2);
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error(`static-server: ${root}/index.html not found — run build-scripts/build.sh first`);
    process.exit(1);
  }
  await startStaticServer(root, Number(port));
  console.log(`serving ${root} at http://127.0.0.1:${port}/  (Ctrl+C to stop)`);
}
