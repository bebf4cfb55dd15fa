import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { makeBot } from '@/test/fixtures';
import { renderWithProviders, setupUser } from '@/test/render';

import { FleetTable, type FleetColumn } from './FleetTable';

const columns: FleetColumn[] = [
  { key: 'id', title: 'ID', width: 100, render: (bot) => bot.id, sorter: (a, b) => a.id.localeCompare(b.id) },
  { key: 'name', title: 'Name', width: 100, render: (bot) => bot.name },
];

const bots = [makeBot({ id: 'beta', name: 'B' }), makeBot({ id: 'alpha', name: 'A' })];

const ids = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[1].textContent);

describe('FleetTable', () => {
  it('sorts by a column: ascending, descending, then the server’s order', async () => {
    const user = setupUser();
    renderWithProviders(<FleetTable bots={bots} columns={columns} loading={false} height={400} selectedIds={[]} onSelect={vi.fn()} />);
    expect(ids()).toEqual(['beta', 'alpha']);

    const sortButton = screen.getByRole('button', { name: /ID/ });
    await user.click(sortButton);
    expect(ids()).toEqual(['alpha', 'beta']);
    expect(screen.getByRole('columnheader', { name: /ID/ })).toHaveAttribute('aria-sort', 'ascending');
    await user.click(sortButton);
    expect(ids()).toEqual(['beta', 'alpha']);
    await user.click(sortButton);
    expect(screen.getByRole('columnheader', { name: /ID/ })).not.toHaveAttribute('aria-sort');
  });

  it('selects one bot or every bot shown', async () => {
    const user = setupUser();
    const onSelect = vi.fn();
    const { rerender } = renderWithProviders(
      <FleetTable bots={bots} columns={columns} loading={false} height={400} selectedIds={[]} onSelect={onSelect} />,
    );

    await user.click(screen.getByRole('checkbox', { name: 'Select alpha' }));
    expect(onSelect).toHaveBeenLastCalledWith(['alpha']);
    rerender(<FleetTable bots={bots} columns={columns} loading={false} height={400} selectedIds={['alpha']} onSelect={onSelect} />);
    const all = screen.getByRole('checkbox', { name: 'Select every bot shown' });
    expect((all as HTMLInputElement).indeterminate).toBe(true);
    await user.click(all);
    expect(onSelect).toHaveBeenLastCalledWith(['beta', 'alpha']);
  });

  it('renders only the rows in view of a large fleet', () => {
    const many = Array.from({ length: 500 }, (_, index) => makeBot({ id: `bot-${index}` }));
    renderWithProviders(<FleetTable bots={many} columns={columns} loading={false} height={490} />);
    const rendered = document.querySelectorAll('tr[data-row-key]');
    expect(rendered.length).toBeLessThan(60);
    expect(rendered[0]).toHaveAttribute('data-row-key', 'bot-0');
  });
});
