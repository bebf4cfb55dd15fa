import { useCallback, useState } from 'react';

import { isMissingApi } from '@/lib/missingApi';
import { isApiError } from '@/lib/apiClient';

export type SetupStatus = 'pending' | 'running' | 'done' | 'failed' | 'unavailable';

export interface SetupTask {
  key: string;
  label: string;
  run: () => Promise<unknown>;
}

export interface SetupResult {
  key: string;
  label: string;
  status: SetupStatus;
  message?: string;
}

// Runs the writes that follow creating a bot, one after another, and keeps the outcome of
// each (with the server's message when refused) for the form to show.
export function useBotSetup() {
  const [results, setResults] = useState<SetupResult[]>([]);

  const run = useCallback(async (tasks: SetupTask[]) => {
    const current: SetupResult[] = tasks.map((task) => ({ key: task.key, label: task.label, status: 'pending' }));
    setResults(current.slice());
    for (const [index, task] of tasks.entries()) {
      current[index] = { ...current[index], status: 'running' };
      setResults(current.slice());
      try {
        await task.run();
        current[index] = { ...current[index], status: 'done' };
      } catch (error) {
        current[index] = {
          ...current[index],
          status: isMissingApi(error) ? 'unavailable' : 'failed',
          message: isApiError(error) ? error.message : String(error),
        };
      }
      setResults(current.slice());
    }
    return current;
  }, []);

  return { results, run, reset: useCallback(() => setResults([]), []) };
}
