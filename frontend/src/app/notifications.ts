import i18next from 'i18next';

import { isApiError } from '@/lib/apiClient';
import { logger } from '@/lib/logger';
import { notify } from '@/lib/notify';

// The one handler that shows failed requests to the user; the query client routes every query
// and mutation error here unless the component handles it itself.
export function reportError(error: unknown, context: Record<string, unknown> = {}): void {
  if (isApiError(error)) {
    // 401 is handled by the redirect to /login; showing it too would only add noise.
    if (error.status === 401) return;
    logger.warn('request failed', { ...context, status: error.status, code: error.code });
    notify.error(error.message);
    return;
  }
  logger.error('unexpected failure', { ...context, error: String(error) });
  notify.error(i18next.t('errors.generic'));
}
