// Measures the console in headless Chromium; driven by bench/run-console-bench.sh.
//   node bench/console_bench.mjs OUT.json   (NBDASH_URL, NBDASH_ADMIN_PASSWORD set)
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

const require = createRequire(new URL('../e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const origin = new URL(process.env.NBDASH_URL).origin;
const password = process.env.NBDASH_ADMIN_PASSWORD;
const runs = Number(process.env.BENCH_RUNS ?? 5);
const bigFleet = Number(process.env.BENCH_BOTS ?? 1000);
const kSmallFleet = 10;
const kCreateDeadlineMs = 10 * 60_000;
const kCreateConcurrency = 8;

if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(origin)) {
  throw new Error(`NBDASH_URL must be a loopback address, got ${origin}`);
}

// --- API helpers (Node fetch with the admin session) ---
async function apiSession() {
  const response = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ password }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  const { csrf_token: csrf } = await response.json();
  const cookie = response.headers.get('set-cookie').split(';')[0];
  return { cookie, csrf };
}

async function createBots(session, from, to) {
  const started = Date.now();
  let next = from;
  const worker = async () => {
    while (next < to) {
      if (Date.now() - started > kCreateDeadlineMs) throw new Error('creating bots took too long');
      const index = next++;
      const id = `bench-${String(index).padStart(4, '0')}`;
      const response = await fetch(`${origin}/api/bots`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: session.cookie, 'X-CSRF-Token': session.csrf },
        body: JSON.stringify({ id, name: `Bench ${index}` }),
      });
      if (response.status !== 201) throw new Error(`create ${id}: ${response.status} ${await response.text()}`);
    }
  };
  await Promise.all(Array.from({ length: kCreateConcurrency }, worker));
  return Date.now() - started;
}

// --- Browser helpers ---
const browser = await chromium.launch({
  executablePath: process.env.NBDASH_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});

async function newContext(storageState) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    storageState,
  });
  await context.route('**/*', (route) =>
    new URL(route.request().url()).origin === origin ? route.continue() : route.abort(),
  );
  return context;
}

// Every script, style sheet and document the page loads, with raw and gzip sizes.
function recordAssets(page) {
  const assets = [];
  page.on('response', async (response) => {
    const type = response.request().resourceType();
    if (!['script', 'stylesheet', 'document'].includes(type)) return;
    try {
      const body = await response.body();
      assets.push({
        url: new URL(response.url()).pathname,
        type,
        bytes: body.length,
        gzip: gzipSync(body, { level: 9 }).length,
      });
    } catch {
      // A response without a body (redirect) counts for nothing.
    }
  });
  return assets;
}

const sum = (list, key) => list.reduce((total, item) => total + item[key], 0);
const median = (values) => {
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function signedInState() {
  const context = await newContext();
  const page = await context.newPage();
  const loginAssets = recordAssets(page);
  await page.goto(`${origin}/login`);
  await page.getByLabel('Password').waitFor();
  await page.waitForLoadState('networkidle');
  const login = loginAssets.slice();
  const fleetAssets = recordAssets(page);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('fleet-count').waitFor();
  await page.waitForLoadState('networkidle');
  const state = await context.storageState();
  await context.close();
  return { state, login, afterLogin: fleetAssets.slice() };
}

// Cold load of "/" in a fresh context (empty cache) until the fleet is usable: the count of
// all bots is shown and the first row can be clicked.
async function timeFleet(state, expected) {
  const context = await newContext(state);
  const page = await context.newPage();
  const assets = recordAssets(page);
  const started = Date.now();
  await page.goto(`${origin}/`);
  await page.getByTestId('fleet-count').filter({ hasText: `${expected} bot` }).waitFor({ timeout: 60_000 });
  await page.locator('.ant-table-row').first().waitFor({ timeout: 60_000 });
  const elapsed = Date.now() - started;
  const rows = await page.locator('.ant-table-row').count();
  await page.waitForLoadState('networkidle');
  await context.close();
  return { elapsed, rows, assets };
}

const session = await apiSession();
const createdSmallMs = await createBots(session, 0, kSmallFleet);
const { state, login } = await signedInState();

const small = [];
for (let i = 0; i < runs; i++) small.push(await timeFleet(state, kSmallFleet));
const createdBigMs = await createBots(session, kSmallFleet, bigFleet);
const big = [];
for (let i = 0; i < runs; i++) big.push(await timeFleet(state, bigFleet));

const firstScreen = small[0].assets;
const result = {
  when: new Date().toISOString(),
  runs,
  first_screen: {
    login: { files: login.length, bytes: sum(login, 'bytes'), gzip: sum(login, 'gzip') },
    fleet: { files: firstScreen.length, bytes: sum(firstScreen, 'bytes'), gzip: sum(firstScreen, 'gzip') },
    fleet_assets: firstScreen,
  },
  fleet_usable_ms: {
    [kSmallFleet]: { median: median(small.map((r) => r.elapsed)), runs: small.map((r) => r.elapsed), rows_rendered: small[0].rows },
    [bigFleet]: { median: median(big.map((r) => r.elapsed)), runs: big.map((r) => r.elapsed), rows_rendered: big[0].rows },
  },
  bots_created_ms: { [kSmallFleet]: createdSmallMs, [bigFleet]: createdBigMs },
};
result.ratio = result.fleet_usable_ms[bigFleet].median / result.fleet_usable_ms[kSmallFleet].median;
await writeFile(process.argv[2], JSON.stringify(result, null, 2));
await browser.close();

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`first screen, sign-in: ${result.first_screen.login.files} files, ${kb(result.first_screen.login.bytes)} raw, ${kb(result.first_screen.login.gzip)} gzip`);
console.log(`first screen, fleet:   ${result.first_screen.fleet.files} files, ${kb(result.first_screen.fleet.bytes)} raw, ${kb(result.first_screen.fleet.gzip)} gzip`);
console.log(`fleet usable, ${kSmallFleet} bots:  median ${result.fleet_usable_ms[kSmallFleet].median} ms (${small.map((r) => r.elapsed).join(', ')}), ${small[0].rows} rows rendered`);
console.log(`fleet usable, ${bigFleet} bots: median ${result.fleet_usable_ms[bigFleet].median} ms (${big.map((r) => r.elapsed).join(', ')}), ${big[0].rows} rows rendered`);
console.log(`ratio ${bigFleet}/${kSmallFleet}: ${result.ratio.toFixed(2)}x`);
