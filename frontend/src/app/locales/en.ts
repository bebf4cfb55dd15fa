export const en = {
  app: {
    name: 'Dashboard Nanobot',
    signOut: 'Sign out',
    language: 'Language',
    loading: 'Loading…',
    retry: 'Retry',
    notFound: 'This page does not exist.',
    backHome: 'Back to the fleet',
    loadFailed: 'Could not load this page.',
    live: {
      open: 'Live',
      connecting: 'Connecting…',
      reconnecting: 'Reconnecting…',
      offline: 'Live updates offline',
      idle: 'Live',
      reconnect: 'Reconnect',
    },
  },
  login: {
    title: 'Sign in',
    subtitle: 'Control plane for your nanobot fleet',
    password: 'Password',
    passwordRequired: 'Enter the admin password.',
    submit: 'Sign in',
  },
  state: {
    stopped: 'Stopped',
    starting: 'Starting',
    ready: 'Ready',
    busy: 'Busy',
    degraded: 'Degraded',
    error: 'Error',
    unknown: 'Unknown',
  },
  errors: {
    generic: 'Something went wrong.',
  },
};

export type Messages = typeof en;
