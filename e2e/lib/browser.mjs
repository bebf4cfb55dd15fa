// Shared set-up of the browser tests: configuration from the environment, a headless Chromium
// that can reach only NBDASH_URL, screenshots into the artefacts folder and named steps.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

// CTest sets NBDASH_E2E_ARTIFACTS to a folder in the build tree; by hand they land in e2e/artifacts.
export const kArtifacts =
  process.env.NBDASH_E2E_ARTIFACTS ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
const kChromium = process.env.NBDASH_CHROMIUM ?? '/usr/bin/chromium';

export function readConfig() {
  const raw = process.env.NBDASH_URL;
  const password = process.env.NBDASH_ADMIN_PASSWORD;
  if (!raw) throw new Error('NBDASH_URL is not set (e.g. http://127.0.0.1:8080)');
  if (!password) throw new Error('NBDASH_ADMIN_PASSWORD is not set');
  const url = new URL(raw);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
  if (!loopback) {
    throw new Error(`NBDASH_URL must point at a loopback address, got ${url.hostname}`);
  }
  return { origin: url.origin, password };
}

export async function launchBrowser() {
  await mkdir(kArtifacts, { recursive: true });
  return chromium.launch({
    executablePath: kChromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

// A browser context whose requests to anything but the server under test are refused.
export async function newContext(browser, origin, options = {}) {
  const context = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
    ...options,
  });
  context.setDefaultTimeout(30_000);
  await context.route('**/*', (route) => {
    const target = new URL(route.request().url());
    return target.origin === origin ? route.continue() : route.abort('blockedbyclient');
  });
  return context;
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(kArtifacts, `${name}.png`), fullPage: true });
}

// Runs one step; on failure saves a screenshot and names the step in the error.
export async function step(page, name, run) {
  try {
    await run();
  } catch (error) {
    const shot = `failed-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
    await screenshot(page, shot).catch(() => undefined);
    throw new Error(`step "${name}" failed (page: ${page.url()}, screenshot: ${shot}.png): ${error.message}`, {
      cause: error,
    });
  }
}

export async function signIn(page, config) {
  await page.goto(config.origin + '/login');
  await page.getByLabel('Password').fill(config.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Bots' }).waitFor();
}

// Calls the API from inside the signed-in page (its cookie, its CSRF token), for set-up that is
// not what the test is about. Returns { status, body }.
export async function callApi(page, method, apiPath, body) {
  return page.evaluate(
    async ({ method, apiPath, body }) => {
      const me = await fetch('/api/auth/me').then((response) => response.json());
      const response = await fetch(apiPath, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token ?? '' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      return { status: response.status, body: parsed };
    },
    { method, apiPath, body },
  );
}
