import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { makeBot } from '@/test/fixtures';
import { renderWithProviders, setupUser } from '@/test/render';

import { BotTable, type BotTableProps } from './BotTable';

function renderTable(overrides: Partial<BotTableProps> = {}) {
  const props: BotTableProps = {
    bots: [],
    onStart: vi.fn(),
    onStop: vi.fn(),
    onDelete: vi.fn(),
    onOpenChat: vi.fn(),
    onCreate: vi.fn(),
    ...overrides,
  };
  renderWithProviders(<BotTable {...props} />);
  return props;
}

describe('BotTable', () => {
  it('shows an empty state when there are no bots', async () => {
    const user = setupUser();
    const props = renderTable();

    expect(screen.getByText(/No bots yet/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /New bot/ }));

    expect(props.onCreate).toHaveBeenCalledTimes(1);
  });

  it('shows each bot with its state and the action that fits it', () => {
    renderTable({
      bots: [
        makeBot({ id: 'alpha', name: 'Alpha', current_state: 'ready' }),
        makeBot({ id: 'beta', name: 'Beta', current_state: 'stopped', docker_status: 'exited' }),
      ],
    });

    const alphaRow = screen.getByText('alpha').closest('tr') as HTMLElement;
    const betaRow = screen.getByText('beta').closest('tr') as HTMLElement;
    expect(within(alphaRow).getByText('Ready')).toHaveAttribute('data-state', 'ready');
    expect(within(alphaRow).getByRole('button', { name: 'Stop' })).toBeInTheDocument();
    expect(within(betaRow).getByText('Stopped')).toBeInTheDocument();
    expect(within(betaRow).getByRole('button', { name: 'Start' })).toBeInTheDocument();
  });

  it('asks for confirmation before deleting a bot', async () => {
    const user = setupUser();
    const props = renderTable({ bots: [makeBot({ id: 'alpha' })] });

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(props.onDelete).not.toHaveBeenCalled();
    const question = await screen.findByText('Delete bot “alpha”?');
    const popup = question.closest('.ant-popover') as HTMLElement;
    await user.click(within(popup).getByRole('button', { name: 'Delete' }));

    expect(props.onDelete).toHaveBeenCalledWith('alpha', false);
  });

  it('can delete the bot files with it, which frees the id', async () => {
    const user = setupUser();
    const props = renderTable({ bots: [makeBot({ id: 'alpha' })] });

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    const question = await screen.findByText('Delete bot “alpha”?');
    const popup = question.closest('.ant-popover') as HTMLElement;
    await user.click(within(popup).getByRole('checkbox', { name: 'Also delete its files' }));
    expect(within(popup).getByText(/Its id can be used again/)).toBeInTheDocument();
    await user.click(within(popup).getByRole('button', { name: 'Delete' }));

    expect(props.onDelete).toHaveBeenCalledWith('alpha', true);
  });
});
