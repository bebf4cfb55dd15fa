// Browser test of every console page's main path against a real nbdash, PostgreSQL and simbot:
// fleet (search, bulk start/stop, live state), new bot, images, skill market, usage, events,
// settings, account (API token), the share page of a bot with an access password, the language
// switch and a phone-sized screen. A screenshot of each page is saved as a test artefact.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  callApi,
  launchBrowser,
  newContext,
  readConfig,
  screenshot,
  signIn,
  step,
} from '../lib/browser.mjs';

const kBotReadyTimeoutMs = 90_000;
const kSharePassword = 'share-me-please';

let config;
let browser;
let page;
const pageErrors = [];

before(async () => {
  config = readConfig();
  browser = await launchBrowser();
  const context = await newContext(browser, config.origin);
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

after(async () => {
  await browser?.close();
});

// Goes to a page through the side menu, as a person would.
async function openFromMenu(name, heading) {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name: heading ?? name, exact: true }).waitFor();
}

test('every console page works in the browser', { timeout: 420_000 }, async () => {
  const run = Date.now().toString(36);
  const ids = [`pa-${run}`, `pb-${run}`, `pc-${run}`];
  const row = (id) => page.locator('tr', { has: page.getByText(id, { exact: true }) });
  const stateOf = (id, state) =>
    row(id).locator(`[data-testid="bot-state"][data-state="${state}"]`);

  await step(page, 'sign in', () => signIn(page, config));

  await step(page, 'create a bot with the new-bot form', async () => {
    await page.getByRole('button', { name: 'New bot' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('ID', { exact: true }).fill(ids[0]);
    await dialog.getByLabel('Name', { exact: true }).fill(`Pages ${ids[0]}`);
    await screenshot(page, 'pages-01-new-bot');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row(ids[0]).waitFor();
  });

  await step(page, 'create two more bots over the API', async () => {
    for (const id of ids.slice(1)) {
      const answer = await callApi(page, 'POST', '/api/bots', { id, name: `Pages ${id}` });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
    }
    await row(ids[2]).waitFor();
  });

  await step(page, 'search narrows the fleet', async () => {
    await page.getByPlaceholder('Search id, name or image').fill(run);
    await row(ids[0]).waitFor();
    await page.getByTestId('fleet-count').filter({ hasText: `3 of` }).waitFor();
  });

  await step(page, 'bulk start two bots and watch them become ready', async () => {
    for (const id of ids.slice(0, 2)) await row(id).getByRole('checkbox').check();
    await page.getByRole('button', { name: /Start selected \(2\)/ }).click();
    await page.getByTestId('bulk-result').waitFor({ timeout: kBotReadyTimeoutMs });
    await stateOf(ids[0], 'ready').waitFor({ timeout: kBotReadyTimeoutMs });
    await stateOf(ids[1], 'ready').waitFor({ timeout: kBotReadyTimeoutMs });
    await screenshot(page, 'pages-02-fleet');
  });

  await step(page, 'images page lists the simulator image and its build log', async () => {
    await openFromMenu('Images');
    await page.getByText('simbot:latest').waitFor();
    await page.getByRole('button', { name: 'Build log simbot:latest' }).click();
    await page.getByText('This image was not built here').waitFor();
    await screenshot(page, 'pages-03-images');
    await page.keyboard.press('Escape');
  });

  await step(page, 'events page shows what just happened, live', async () => {
    await openFromMenu('Events');
    await page.getByTestId('event-item').filter({ hasText: ids[0] }).first().waitFor();
    await screenshot(page, 'pages-04-events');
  });

  await step(page, 'skill market page', async () => {
    await openFromMenu('Skill market');
    await page.getByTestId('skill-card').or(page.getByTestId('not-available')).first().waitFor();
    await screenshot(page, 'pages-05-skills');
  });

  await step(page, 'usage page', async () => {
    await openFromMenu('Usage');
    await page
      .getByTestId('usage-total-requests')
      .or(page.getByTestId('not-available'))
      .first()
      .waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'pages-06-usage');
  });

  await step(page, 'settings page', async () => {
    await openFromMenu('Settings');
    await page.getByTestId('setting').or(page.getByTestId('not-available')).first().waitFor();
    await screenshot(page, 'pages-07-settings');
  });

  await step(page, 'account page creates an API token', async () => {
    await openFromMenu('Account');
    const tokens = await callApi(page, 'GET', '/api/tokens');
    if (tokens.status === 200) {
      await page.getByLabel('Name').fill(`e2e ${run}`);
      await page.getByRole('button', { name: /Create token/ }).click();
      const shown = await page.getByTestId('new-token').innerText();
      assert.match(shown, /^nbt_/);
      await page.getByRole('cell', { name: `e2e ${run}`, exact: true }).waitFor();
    } else {
      await page.getByTestId('not-available').waitFor();
    }
    await screenshot(page, 'pages-08-account');
  });

  await step(page, 'the language switch turns the console into Chinese and back', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Bots', exact: true }).click();
    await page.getByTitle('简体中文').click();
    await page.getByRole('heading', { name: '机器人', exact: true }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: '用量', exact: true }).waitFor();
    await screenshot(page, 'pages-09-fleet-zh');
    await page.getByTitle('English').click();
    await page.getByRole('heading', { name: 'Bots', exact: true }).waitFor();
  });

  await step(page, 'bulk stop', async () => {
    await page.getByPlaceholder('Search id, name or image').fill(run);
    for (const id of ids.slice(0, 2)) await row(id).getByRole('checkbox').check();
    await page.getByRole('button', { name: /Stop selected \(2\)/ }).click();
    await stateOf(ids[0], 'stopped').waitFor({ timeout: kBotReadyTimeoutMs });
    await stateOf(ids[1], 'stopped').waitFor({ timeout: kBotReadyTimeoutMs });
  });

  await step(page, 'a phone-sized screen gets the menu in a drawer', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('dialog').getByRole('link', { name: 'Events' }).click();
    await page.getByRole('heading', { name: 'Events', exact: true }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Bots' }).waitFor({ state: 'hidden' }).catch(() => undefined);
    await page.goto(config.origin + '/');
    await page.getByRole('heading', { name: 'Bots', exact: true }).waitFor();
    await screenshot(page, 'pages-10-fleet-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  await step(page, 'the share page asks for the password, then chats with that bot only', async () => {
    const shareId = ids[2];
    const patch = await callApi(page, 'PATCH', `/api/bots/${shareId}`, {
      access_password: kSharePassword,
    });
    const started = await callApi(page, 'POST', `/api/bots/${shareId}/start`);
    assert.equal(started.status, 202, JSON.stringify(started.body));
    const visitorContext = await newContext(browser, config.origin);
    const visitor = await visitorContext.newPage();
    visitor.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await visitor.goto(`${config.origin}/share/${shareId}`);
      if (patch.status !== 200) {
        // A server without sharing: the page says so instead of failing.
        await visitor.getByTestId('not-available').waitFor();
        await screenshot(visitor, 'pages-11-share-unavailable');
        return;
      }
      await visitor.getByLabel('Access password').waitFor();
      await screenshot(visitor, 'pages-11-share-locked');
      await visitor.getByLabel('Access password').fill('not-the-password');
      await visitor.getByRole('button', { name: 'Open chat' }).click();
      await visitor.getByRole('alert').waitFor();
      await visitor.getByLabel('Access password').fill(kSharePassword);
      await visitor.getByRole('button', { name: 'Open chat' }).click();
      await visitor.getByTestId('bot-name').waitFor();
      await visitor
        .locator('[data-testid="bot-state"][data-state="ready"]')
        .waitFor({ timeout: kBotReadyTimeoutMs });
      const box = visitor.getByRole('textbox').and(visitor.locator(':enabled'));
      await box.fill('hello from a shared link');
      await box.press('Enter');
      await visitor
        .locator('[data-testid="chat-message"][data-role="assistant"]', {
          hasText: 'hello from a shared link',
        })
        .first()
        .waitFor({ timeout: 60_000 });
      await screenshot(visitor, 'pages-12-share-chat');
      const other = await visitor.evaluate(async (id) => (await fetch(`/api/bots/${id}`)).status, ids[0]);
      assert.equal(other, 403, 'a share session cannot read another bot');
    } finally {
      await visitorContext.close();
    }
  });

  await step(page, 'clean up', async () => {
    for (const id of ids) await callApi(page, 'DELETE', `/api/bots/${id}?purge=true`);
  });

  assert.deepEqual(pageErrors, [], 'the pages threw no uncaught errors');
});
