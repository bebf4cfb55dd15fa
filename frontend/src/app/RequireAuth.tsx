import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';

import { ErrorState } from '@/components/ErrorState';
import { PageLoader } from '@/components/PageLoader';
import { useSession } from '@/features/auth/hooks/useSession';
import { isApiError } from '@/lib/apiClient';

// Renders its children only with a session; without one it sends the user to /login and
// remembers where they were going.
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const session = useSession();

  if (session.isSuccess) {
    return <>{children}</>;
  }
  if (session.isError) {
    if (isApiError(session.error) && session.error.status === 401) {
      const from = `${location.pathname}${location.search}`;
      return <Navigate to="/login" replace state={{ from }} />;
    }
    return <ErrorState message={session.error.message} onRetry={() => void session.refetch()} />;
  }
  return <PageLoader fullScreen />;
}
