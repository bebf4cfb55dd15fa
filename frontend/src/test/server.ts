import { setupServer } from 'msw/node';

// Network-level HTTP mock shared by all tests; each test adds the handlers it needs.
export const server = setupServer();
