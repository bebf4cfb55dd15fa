// Browser test of the bot page: every tab opens against a real nbdash, PostgreSQL and simbot,
// with the main path of each tab exercised where this server offers its API (a tab whose API is
// missing must say so plainly, and that is checked instead). A screenshot of every tab is saved.
//
//   NBDASH_URL=http://127.0.0.1:8080 NBDASH_ADMIN_PASSWORD=… node --test e2e/tests/
//
// NBDASH_E2E_ARTIFACTS names the screenshot folder (default e2e/artifacts). Requests to any
// origin other than NBDASH_URL are blocked, and NBDASH_URL itself must be a loopback address.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, newContext, readConfig, screenshot as saveScreenshot } from '../lib/browser.mjs';

const kStepTimeoutMs = 30_000;
const kBotReadyTimeoutMs = 90_000;

let config;
let browser;
let context;
let page;
let csrf;
const pageErrors = [];
const botId = `e2e-page-${Date.now().toString(36)}`;

async function screenshot(name) {
  await saveScreenshot(page, name);
}

async function step(name, run) {
  try {
    await run();
  } catch (error) {
    const shot = `failed-bot-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
    await screenshot(shot).catch(() => undefined);
    throw new Error(`step "${name}" failed (page: ${page?.url()}, screenshot: ${shot}.png): ${error.message}`, {
      cause: error,
    });
  }
}

// The API, with the browser context's session cookie and the CSRF token from sign-in.
async function call(method, route, body, headers = {}) {
  const response = await context.request.fetch(config.origin + route, {
    method,
    headers: { 'X-CSRF-Token': csrf, ...headers },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status(), body: text ? JSON.parse(text) : null };
}

// A route the router does not know answers 404 "not_found"; the tab must then say so.
function routeMissing(answer) {
  return (
    (answer.status === 404 && answer.body?.error?.code === 'not_found') ||
    (answer.status === 405 && answer.body?.error?.code === 'method_not_allowed')
  );
}

async function openTab(tab) {
  await page.getByTestId(`bot-tab-${tab}`).click();
  await page.waitForURL(new RegExp(`/bots/${botId}/${tab}$`));
}

before(async () => {
  config = readConfig();
  browser = await launchBrowser();
  context = await newContext(browser, config.origin, { viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(kStepTimeoutMs);
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));

  const login = await context.request.post(`${config.origin}/api/auth/login`, {
    data: { password: config.password },
  });
  assert.equal(login.status(), 200, 'the admin password is accepted');
  csrf = (await login.json()).csrf_token;
  const created = await call('POST', '/api/bots', { id: botId, name: 'Bot page E2E' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const started = await call('POST', `/api/bots/${botId}/start`);
  assert.equal(started.status, 202, JSON.stringify(started.body));
});

after(async () => {
  if (csrf) await call('DELETE', `/api/bots/${botId}?purge=true`).catch(() => undefined);
  await browser?.close();
});

test('bot page: chat with an attachment, persona, config conflict, logs and every tab', { timeout: 400_000 }, async (t) => {
  await step('open the bot page on the chat tab', async () => {
    await page.goto(`${config.origin}/bots/${botId}`);
    await page.getByTestId('bot-name').waitFor();
    await page
      .locator('[data-testid="bot-state"][data-state="ready"]')
      .waitFor({ timeout: kBotReadyTimeoutMs });
    await page.getByRole('textbox').and(page.locator(':enabled')).waitFor();
  });

  await step('slash command hints', async () => {
    await page.getByRole('textbox').fill('/');
    await page.getByTestId('slash-hints').getByText('/status').waitFor();
    await page.getByRole('textbox').fill('');
  });

  await step('send a message with an attachment', async () => {
    await page.getByTestId('attachment-input').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('attached from the browser test\n'),
    });
    await page.getByTestId('composer-attachments').getByText('notes.txt').waitFor();
    await page.getByRole('textbox').fill('read the attached notes');
    await page.getByRole('textbox').press('Enter');
    const bubble = page.locator('[data-testid="chat-message"][data-role="user"]', {
      hasText: 'read the attached notes',
    });
    const refused = page.getByTestId('send-error');
    await bubble.or(refused).first().waitFor();
    if (await refused.isVisible()) {
      const message = await refused.innerText();
      // A server without attachment support refuses the field by name; anything else is a bug.
      assert.match(message, /attachments/, `unexpected refusal: ${message}`);
      t.diagnostic('this server does not take attachments yet');
    } else {
      await page
        .locator('[data-testid="chat-message"][data-role="assistant"]')
        .first()
        .waitFor({ timeout: 60_000 });
      await page
        .locator('[data-testid="chat-message"][data-streaming="true"]')
        .waitFor({ state: 'detached', timeout: 60_000 });
    }
    await screenshot('bot-01-chat');
  });

  await step('persona: edit AGENTS.md and see it saved', async () => {
    const probe = await call('GET', `/api/bots/${botId}/files/AGENTS.md`);
    await openTab('persona');
    if (routeMissing(probe)) {
      await page.getByTestId('tab-not-available').waitFor();
      t.diagnostic('persona API not on this server');
    } else {
      const panel = page.getByTestId('persona-AGENTS.md');
      const content = panel.locator('.cm-content');
      await content.waitFor();
      const marker = `Answer in haiku (${Date.now()}).`;
      await content.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(`\n\n${marker}`);
      await panel.getByTestId('persona-preview').getByText(marker).waitFor();
      await panel.getByTestId('persona-save').click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="persona-AGENTS.md"] [data-testid="persona-save"]')?.disabled,
      );
      const stored = await call('GET', `/api/bots/${botId}/files/AGENTS.md`);
      assert.ok(stored.body.content.includes(marker), 'the file on the server has the edit');
      await page.reload();
      await page.getByTestId('persona-AGENTS.md').locator('.cm-content').getByText(marker).waitFor();
    }
    await screenshot('bot-02-persona');
  });

  await step('config: a stale save is caught and offers a reload', async () => {
    const probe = await call('GET', `/api/bots/${botId}/config`);
    await openTab('config');
    if (routeMissing(probe)) {
      await page.getByTestId('tab-not-available').waitFor();
      t.diagnostic('config API not on this server');
      await screenshot('bot-03-config');
      return;
    }
    await screenshot('bot-03-config');
    await page.getByTestId('config-json-view').click();
    const content = page.locator('.cm-content');
    await content.waitFor();
    // Another operator saves first, so the page's ETag is stale.
    const current = await call('GET', `/api/bots/${botId}/config`);
    const theirs = structuredClone(current.body.config);
    theirs.agents = theirs.agents ?? {};
    theirs.agents.defaults = { ...(theirs.agents.defaults ?? {}), temperature: 0.3 };
    const saved = await call('PUT', `/api/bots/${botId}/config`, { config: theirs }, {
      'If-Match': current.body.etag,
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));

    // Editing the page's copy: the JSON stays valid by changing a value in place.
    await content.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.type(' ');
    await page.getByTestId('config-save').click();
    await page.getByTestId('conflict-diff').waitFor();
    await screenshot('bot-03b-config-conflict');
    await page.getByTestId('conflict-reload').click();
    await page.getByTestId('conflict-diff').waitFor({ state: 'hidden' });
    await content.getByText('0.3').first().waitFor();
  });

  await step('environment tab', async () => {
    await openTab('env');
    await page.getByTestId('env-save').or(page.getByTestId('tab-not-available')).first().waitFor();
    await screenshot('bot-04-env');
  });

  await step('resources tab', async () => {
    await openTab('resources');
    await page.getByTestId('resources-live').or(page.getByTestId('tab-not-available')).first().waitFor();
    await screenshot('bot-05-resources');
  });

  await step('skills tab', async () => {
    await openTab('skills');
    await page.getByTestId('installed-skills').or(page.getByTestId('tab-not-available')).first().waitFor();
    await screenshot('bot-06-skills');
  });

  await step('logs: live tail', async () => {
    const probe = await call('GET', `/api/bots/${botId}/logs?tail=10`);
    await openTab('logs');
    if (routeMissing(probe)) {
      await page.getByTestId('tab-not-available').waitFor();
      t.diagnostic('logs API not on this server');
    } else {
      await page.getByTestId('log-view').waitFor();
      const before = await page.getByTestId('log-line').count();
      // A chat turn makes the bot write to its log; the new lines arrive over the WebSocket.
      const sent = await call('POST', `/api/bots/${botId}/messages`, { text: 'log something' });
      assert.equal(sent.status, 202, JSON.stringify(sent.body));
      await page.waitForFunction(
        (count) => document.querySelectorAll('[data-testid="log-line"]').length > count,
        before,
        { timeout: 60_000 },
      );
    }
    await screenshot('bot-07-logs');
  });

  await step('usage tab', async () => {
    await openTab('usage');
    await page
      .getByTestId('usage-tokens-chart')
      .or(page.getByText(/No requests in this period/))
      .or(page.getByTestId('tab-not-available'))
      .first()
      .waitFor();
    await screenshot('bot-08-usage');
  });

  await step('events tab', async () => {
    await openTab('events');
    await page.getByTestId('event-timeline').waitFor();
    await page.locator('[data-testid="event-item"][data-type="bot_created"]').waitFor();
    await screenshot('bot-09-events');
  });

  await step('in Chinese on a phone-sized screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => window.localStorage.setItem('nbdash.language', 'zh-CN'));
    await page.goto(`${config.origin}/bots/${botId}/chat`);
    await page.getByTestId('bot-tab-chat').getByText('对话').waitFor();
    await page.getByRole('textbox').waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 1, `the page fits the phone's width (overflow ${overflow}px)`);
    await screenshot('bot-10-chat-phone-zh');
    await page.evaluate(() => window.localStorage.removeItem('nbdash.language'));
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  assert.deepEqual(pageErrors, [], 'the page threw no uncaught errors');
});
