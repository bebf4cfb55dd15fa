// Walking-skeleton browser test: sign in, create a bot, start it, chat with it, reload.
//
//   NBDASH_URL=http://127.0.0.1:8080 NBDASH_ADMIN_PASSWORD=… node --test e2e/tests/
//
// Drives Debian's /usr/bin/chromium through playwright-core. Every request the page makes to any
// origin other than NBDASH_URL is blocked, and NBDASH_URL itself must be a loopback address.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, newContext, readConfig, screenshot as saveScreenshot } from '../lib/browser.mjs';

const kGreeting = 'hello from the browser';
const kStepTimeoutMs = 30_000;
const kBotReadyTimeoutMs = 90_000;
const kReplyTimeoutMs = 60_000;

let config;
let browser;
let context;
let page;
const pageErrors = [];

async function screenshot(name) {
  await saveScreenshot(page, name);
}

// Runs one step; on failure saves a screenshot and names the step in the error.
async function step(name, run) {
  try {
    await run();
  } catch (error) {
    const shot = `failed-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
    await screenshot(shot).catch(() => undefined);
    const where = page ? ` (page: ${page.url()}, screenshot: artifacts/${shot}.png)` : '';
    throw new Error(`step "${name}" failed${where}: ${error.message}`, { cause: error });
  }
}

before(async () => {
  config = readConfig();
  browser = await launchBrowser();
  context = await newContext(browser, config.origin, { viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(kStepTimeoutMs);
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

after(async () => {
  await browser?.close();
});

const kTitle = 'sign in, create and start a bot, chat with it, keep the history';

test(kTitle, { timeout: 300_000 }, async () => {
  const botId = `e2e-${Date.now().toString(36)}`;
  const botRow = () => page.locator('tr', { has: page.getByText(botId, { exact: true }) });

  await step('open the sign-in page', async () => {
    await page.goto(config.origin + '/');
    await page.waitForURL(/\/login/);
    await page.getByLabel('Password').waitFor();
    await screenshot('01-login');
  });

  await step('sign in', async () => {
    await page.getByLabel('Password').fill(config.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const fleetHeading = page.getByRole('heading', { name: 'Bots' });
    const refusal = page.getByRole('alert');
    await fleetHeading.or(refusal).first().waitFor();
    if (await refusal.isVisible()) {
      throw new Error(`the server refused the password: ${await refusal.innerText()}`);
    }
    await screenshot('02-fleet');
  });

  await step('create a bot', async () => {
    await page.getByRole('button', { name: 'New bot' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('ID', { exact: true }).fill(botId);
    await dialog.getByLabel('Name', { exact: true }).fill(`E2E ${botId}`);
    await screenshot('03-new-bot');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await botRow().waitFor();
  });

  await step('start the bot and wait until it is ready', async () => {
    await botRow().getByRole('button', { name: 'Start' }).click();
    await botRow()
      .locator('[data-testid="bot-state"][data-state="ready"]')
      .waitFor({ timeout: kBotReadyTimeoutMs });
    await screenshot('04-fleet-ready');
  });

  await step('open the chat', async () => {
    await botRow().getByRole('button', { name: 'Open chat' }).click();
    await page.waitForURL(new RegExp(`/bots/${botId}$`));
    await page.getByTestId('bot-name').waitFor();
    await page.locator('[data-testid="bot-state"][data-state="ready"]').waitFor();
    await page.getByRole('textbox').and(page.locator(':enabled')).waitFor();
  });

  const userBubble = () =>
    page.locator('[data-testid="chat-message"][data-role="user"]', { hasText: kGreeting });
  const replyBubble = () =>
    page.locator('[data-testid="chat-message"][data-role="assistant"]', { hasText: kGreeting });

  await step('send a message and see the streamed reply', async () => {
    await page.getByRole('textbox').fill(kGreeting);
    await page.getByRole('textbox').press('Enter');
    await userBubble().first().waitFor();
    await replyBubble().first().waitFor({ timeout: kReplyTimeoutMs });
    await page
      .locator('[data-testid="chat-message"][data-streaming="true"]')
      .waitFor({ state: 'detached', timeout: kReplyTimeoutMs });
    await screenshot('05-chat');
  });

  await step('reload and find the history', async () => {
    await page.reload();
    await page.getByTestId('bot-name').waitFor();
    await userBubble().first().waitFor();
    await replyBubble().first().waitFor();
    assert.equal(await userBubble().count(), 1, 'the user message shows exactly once');
    assert.ok((await replyBubble().count()) >= 1, 'the reply is in the history');
    await screenshot('06-chat-reloaded');
  });

  await step('delete the bot', async () => {
    await page.goto(config.origin + '/');
    await botRow().getByRole('button', { name: 'Delete' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Delete' }).click();
    await botRow().waitFor({ state: 'detached' });
  });

  assert.deepEqual(pageErrors, [], 'the page threw no uncaught errors');
});
