import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { fetchSession, login, logout } from '../api/authApi';

export const sessionKey = ['session'] as const;

export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: Infinity,
    retry: false,
    // A 401 already says "not signed in": the sign-in page the guard sends the browser to
    // must not ask again.
    retryOnMount: false,
    meta: { handlesErrors: true },
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => login(password),
    meta: { handlesErrors: true },
    onSuccess: (session) => {
      queryClient.setQueryData(sessionKey, session);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      queryClient.clear();
    },
  });
}
