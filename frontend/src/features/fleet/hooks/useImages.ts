import { useQuery } from '@tanstack/react-query';

import { listImages } from '../api/botsApi';

export function useImages(enabled: boolean) {
  return useQuery({
    queryKey: ['images'],
    queryFn: ({ signal }) => listImages(signal),
    enabled,
  });
}
