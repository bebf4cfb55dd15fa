import { isApiError } from '@/lib/apiClient';

// A server without a tab's API answers its route with the router's own 404 "not_found" (or 405
// when the path exists for other methods). Resource misses use specific codes such as
// "bot_not_found", so the two cannot be confused.
export function isRouteMissing(error: unknown): boolean {
  return (
    isApiError(error) &&
    ((error.status === 404 && error.code === 'not_found') ||
      (error.status === 405 && error.code === 'method_not_allowed'))
  );
}

export const botPath = (botId: string) => `/api/bots/${encodeURIComponent(botId)}`;
