import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { renderWithProviders, setupUser } from '@/test/render';

import { FeedbackButtons } from './FeedbackButtons';

describe('FeedbackButtons', () => {
  it('rates an answer and clears the rating when pressed again', async () => {
    const user = setupUser();
    const onChange = vi.fn();
    const { rerender } = renderWithProviders(<FeedbackButtons value={null} onChange={onChange} />);

    await user.click(screen.getByRole('button', { name: 'Good answer' }));
    expect(onChange).toHaveBeenLastCalledWith('up');

    rerender(<FeedbackButtons value="up" onChange={onChange} />);
    expect(screen.getByRole('button', { name: 'Good answer' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await user.click(screen.getByRole('button', { name: 'Good answer' }));
    expect(onChange).toHaveBeenLastCalledWith(null);

    await user.click(screen.getByRole('button', { name: 'Bad answer' }));
    expect(onChange).toHaveBeenLastCalledWith('down');
  });
});
