import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';

import { makeBot } from '@/test/fixtures';
import { renderWithProviders, setupUser } from '@/test/render';
import { server } from '@/test/server';

import { NewBotModal } from './NewBotModal';

const kBase = 'http://localhost:3000';

// Typing character by character is slow in jsdom under load; a change event is what the form
// reacts to.
const fill = (element: HTMLElement, value: string) =>
  fireEvent.change(element, { target: { value } });

// The form lists images and existing bots (to copy from).
function serveLists() {
  server.use(
    http.get(`${kBase}/api/images`, () => HttpResponse.json({ images: [] })),
    http.get(`${kBase}/api/bots`, () => HttpResponse.json({ bots: [] })),
  );
}

describe('NewBotModal', () => {
  it('explains the id rule before asking the server', async () => {
    const user = setupUser();
    serveLists();
    renderWithProviders(<NewBotModal open onClose={vi.fn()} onCreated={vi.fn()} />);

    fill(screen.getByLabelText('ID'), 'Bad_ID');
    fill(screen.getByLabelText('Name'), 'Bad');
    await user.click(screen.getByRole('button', { name: 'Create' }));

    expect(await screen.findByText(/starting with a letter \(e\.g\./)).toBeInTheDocument();
  });

  it('creates the bot and shows a conflict next to the id field', async () => {
    const user = setupUser();
    const bodies: unknown[] = [];
    serveLists();
    server.use(
      http.post(`${kBase}/api/bots`, async ({ request }) => {
        bodies.push(await request.json());
        return bodies.length === 1
          ? HttpResponse.json(
              { error: { code: 'bot_exists', message: 'exists' } },
              { status: 409 },
            )
          : HttpResponse.json(makeBot({ id: 'helper-2', name: 'Helper' }), { status: 201 });
      }),
    );
    const onCreated = vi.fn();
    renderWithProviders(<NewBotModal open onClose={vi.fn()} onCreated={onCreated} />);
    const idField = screen.getByLabelText('ID');

    fill(idField, 'helper');
    fill(screen.getByLabelText('Name'), 'Helper');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('A bot with this ID already exists.')).toBeInTheDocument();
    fill(idField, 'helper-2');
    await user.click(screen.getByRole('button', { name: 'Create' }));

    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
    expect(bodies).toEqual([
      { id: 'helper', name: 'Helper' },
      { id: 'helper-2', name: 'Helper' },
    ]);
  });
});
