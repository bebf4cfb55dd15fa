// The one place in the front end that writes to the browser console. Messages are constant
// strings; values travel in the context object. Recent entries stay in memory for diagnostics.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogContext = Record<string, unknown>;

export interface LogEntry {
  level: LogLevel;
  message: string;
  context?: LogContext;
  at: string;
}

const kLevelRank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const kHistorySize = 200;

const history: LogEntry[] = [];
let minLevel: LogLevel = import.meta.env.DEV ? 'debug' : 'info';
let silent = import.meta.env.MODE === 'test';

function write(level: LogLevel, message: string, context?: LogContext): void {
  if (kLevelRank[level] < kLevelRank[minLevel]) {
    return;
  }
  const entry: LogEntry = { level, message, context, at: new Date().toISOString() };
  history.push(entry);
  if (history.length > kHistorySize) {
    history.shift();
  }
  if (silent) {
    return;
  }
  const args: unknown[] = context ? [`[nbdash] ${message}`, context] : [`[nbdash] ${message}`];
  /* eslint-disable no-console -- the logger is the single sanctioned console writer */
  if (level === 'error') console.error(...args);
  else if (level === 'warn') console.warn(...args);
  else if (level === 'info') console.info(...args);
  else console.debug(...args);
  /* eslint-enable no-console */
}

export const logger = {
  debug: (message: string, context?: LogContext) => write('debug', message, context),
  info: (message: string, context?: LogContext) => write('info', message, context),
  warn: (message: string, context?: LogContext) => write('warn', message, context),
  error: (message: string, context?: LogContext) => write('error', message, context),
  recent: (): readonly LogEntry[] => history.slice(),
  configure: (options: { minLevel?: LogLevel; silent?: boolean }) => {
    minLevel = options.minLevel ?? minLevel;
    silent = options.silent ?? silent;
  },
};
