import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { renderWithProviders, setupUser } from '@/test/render';

import { MarkdownView } from './MarkdownView';

describe('MarkdownView', () => {
  it('puts a copy button on each code block that copies the code only', async () => {
    const user = setupUser();
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderWithProviders(<MarkdownView source={'Run:\n\n```sh\nmake test\n```'} />);

    await user.click(await screen.findByRole('button', { name: 'Copy' }));

    expect(writeText).toHaveBeenCalledWith('make test\n');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Copy' })).toHaveTextContent('Copied'));
  });
});
