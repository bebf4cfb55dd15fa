import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { renderWithProviders, setupUser } from '@/test/render';
import { server } from '@/test/server';

import { ImagesPage } from './ImagesPage';


// Typing character by character is slow in jsdom under load; a change event is what the
// form reacts to.
const fill = (element: HTMLElement, value: string) =>
  fireEvent.change(element, { target: { value } });
const kBase = 'http://localhost:3000';
const image = {
  tag: 'simbot:latest',
  image_id: null,
  version: '1',
  status: 'ready',
  source_dir: '/data/images/simbot',
  created_at: '2026-01-01T00:00:00Z',
};

describe('ImagesPage', () => {
  it('lists images and shows the server’s refusal when adding one', async () => {
    const user = setupUser();
    server.use(
      http.get(`${kBase}/api/images`, () => HttpResponse.json({ images: [image] })),
      http.post(`${kBase}/api/images`, () =>
        HttpResponse.json(
          { error: { code: 'invalid_source_dir', message: 'folder has no Dockerfile' } },
          { status: 400 },
        ),
      ),
    );
    renderWithProviders(<ImagesPage />);

    expect(await screen.findByText('simbot:latest')).toBeInTheDocument();
    expect(screen.getByTestId('image-status')).toHaveTextContent('Ready');

    await user.click(screen.getByRole('button', { name: /Add image/ }));
    const dialog = await screen.findByRole('dialog');
    fill(within(dialog).getByLabelText(/^Tag/), 'c:1');
    fill(within(dialog).getByLabelText(/^Source folder/), '/x');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));

    expect(await within(dialog).findByText('folder has no Dockerfile')).toBeInTheDocument();
  });

  it('opens the build log of an image', async () => {
    const user = setupUser();
    server.use(
      http.get(`${kBase}/api/images`, () => HttpResponse.json({ images: [image] })),
      http.get(`${kBase}/api/images/:tag/build-log`, ({ params }) =>
        HttpResponse.json({ tag: params.tag, status: 'ready', build_log: 'Step 1/3 : FROM scratch' }),
      ),
    );
    renderWithProviders(<ImagesPage />);

    await user.click(await screen.findByLabelText('Build log simbot:latest'));
    expect(await screen.findByTestId('build-log')).toHaveTextContent('Step 1/3 : FROM scratch');
  });
});
