import { useCallback, useState } from 'react';

import { isApiError } from '@/lib/apiClient';
import { logger } from '@/lib/logger';

export interface BulkFailure {
  id: string;
  message: string;
}

export interface BulkProgress {
  action: 'start' | 'stop';
  total: number;
  done: number;
  failed: BulkFailure[];
  running: boolean;
}

// A few requests in flight at once: enough to finish a hundred bots quickly without queueing
// hundreds of requests at the server at the same moment.
const kConcurrency = 4;

// Runs start or stop for many bots, a few at a time, and reports how far it got and which ids
// failed with the server's message for each, shown once as a summary rather than one toast per bot.
export function useBulkAction(run: (action: 'start' | 'stop', id: string) => Promise<unknown>) {
  const [progress, setProgress] = useState<BulkProgress | null>(null);

  const start = useCallback(
    async (action: 'start' | 'stop', ids: string[]) => {
      const queue = ids.slice();
      const failed: BulkFailure[] = [];
      let done = 0;
      setProgress({ action, total: ids.length, done: 0, failed: [], running: true });
      const worker = async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          try {
            await run(action, id);
          } catch (error) {
            failed.push({ id, message: isApiError(error) ? error.message : String(error) });
            logger.debug('bulk action failed for one bot', { action, bot_id: id, error: String(error) });
          }
          done += 1;
          setProgress({ action, total: ids.length, done, failed: failed.slice(), running: true });
        }
      };
      await Promise.all(Array.from({ length: Math.min(kConcurrency, ids.length) }, worker));
      const result = { action, total: ids.length, done, failed, running: false };
      setProgress(result);
      return result;
    },
    [run],
  );

  return { progress, start, clear: () => setProgress(null) };
}
