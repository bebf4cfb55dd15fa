// Gzip size of the JavaScript and CSS a browser loads for the first screens: index.html's entry
// with everything it imports statically, plus each page chunk named on the command line (by its
// source path) with its static imports. Needs a build made with `vite build --manifest`.
//   [DIST=dist] [GZIP_LEVEL=9] node scripts/first-screen-size.mjs src/features/auth/LoginPage.tsx src/features/fleet/FleetPage.tsx
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.env.DIST ?? 'dist';
const level = Number(process.env.GZIP_LEVEL ?? 9);
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const files = new Set();

function collect(key) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`not in the manifest: ${key}`);
  if (files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) collect(imported);
}

collect('index.html');
for (const page of process.argv.slice(2)) collect(page);

let total = 0;
const rows = [];
for (const file of files) {
  const size = gzipSync(readFileSync(join(dist, file)), { level }).length;
  total += size;
  rows.push([file, size]);
}
rows.sort((a, b) => b[1] - a[1]);
for (const [file, size] of rows) console.log(`${(size / 1024).toFixed(1).padStart(8)} KB  ${file}`);
console.log(`${(total / 1024).toFixed(1).padStart(8)} KB  total (gzip -${level})`);
