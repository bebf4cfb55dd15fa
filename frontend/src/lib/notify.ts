import type { MessageInstance } from 'antd/es/message/interface';

import { logger } from './logger';

// Short toasts for outcomes ("Created alpha", "Server could not be reached"). The shell mounts
// antd's message holder and registers it here, so any module can notify without a context.
let messageApi: MessageInstance | null = null;

export function registerMessageApi(api: MessageInstance | null): void {
  messageApi = api;
}

function show(kind: 'success' | 'info' | 'warning' | 'error', text: string): void {
  if (!messageApi) {
    logger.debug('notification before the shell mounted', { kind });
    return;
  }
  void messageApi[kind](text);
}

export const notify = {
  success: (text: string) => show('success', text),
  info: (text: string) => show('info', text),
  warning: (text: string) => show('warning', text),
  error: (text: string) => show('error', text),
};
