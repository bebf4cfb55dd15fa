import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { makeBot } from '@/test/fixtures';
import { renderWithProviders, setupUser } from '@/test/render';
import { server } from '@/test/server';

import { SkillsTab } from './SkillsTab';

const kInstalledUrl = 'http://localhost:3000/api/bots/test-bot/skills';

describe('SkillsTab', () => {
  it('installs a market skill and removes an installed one', { timeout: 60_000 }, async () => {
    const user = setupUser();
    let installed = [{ name: 'daily-standup', description: 'Stand-up notes', source: 'market', market_id: 1 }];
    let removed: string | null = null;
    server.use(
      http.get(kInstalledUrl, () => HttpResponse.json({ skills: installed })),
      http.get('http://localhost:3000/api/skills', () =>
        HttpResponse.json({
          skills: [
            { id: 1, skill_key: 'daily-standup', name: 'Daily stand-up', description: 'Stand-up notes', category: 'productivity' },
            { id: 2, skill_key: 'web-digest', name: 'Web digest', description: 'Summarise pages', category: 'research' },
          ],
        }),
      ),
      http.post(kInstalledUrl, async ({ request }) => {
        const { skill_key } = (await request.json()) as { skill_key: string };
        const entry = { name: skill_key, description: 'Summarise pages', source: 'market', market_id: 2 };
        installed = [...installed, entry];
        return HttpResponse.json(entry, { status: 201 });
      }),
      http.delete(`${kInstalledUrl}/:name`, ({ params }) => {
        removed = String(params.name);
        installed = installed.filter((skill) => skill.name !== params.name);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    renderWithProviders(<SkillsTab bot={makeBot()} />);
    const market = await screen.findByTestId('market-skills');
    await within(market).findByText('Web digest');
    expect(within(market).getByText('Installed')).toBeInTheDocument();

    await user.click(within(market).getByRole('button', { name: /Install/ }));
    await waitFor(() =>
      expect(within(screen.getByTestId('installed-skills')).getByText('web-digest')).toBeInTheDocument(),
    );

    await user.click(screen.getByRole('button', { name: 'Remove daily-standup' }));
    await user.click(await screen.findByRole('button', { name: 'OK' }));
    await waitFor(() => expect(removed).toBe('daily-standup'));
  });
});
