import { isApiError } from './apiClient';

// A route the server does not have (an older nbdash) answers 404 "not_found" or 405
// "method_not_allowed"; pages show a "not available" state instead of an error toast or
// made-up data. Routes that exist answer a missing record with a specific code
// ("bot_not_found"), never these two.
export function isMissingApi(error: unknown): boolean {
  return (
    isApiError(error) &&
    ((error.status === 404 && error.code === 'not_found') ||
      (error.status === 405 && error.code === 'method_not_allowed'))
  );
}
