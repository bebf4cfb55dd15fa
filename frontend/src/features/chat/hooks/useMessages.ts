import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';

import { listMessages } from '../api/chatApi';

import { flattenPages, messageKeys } from './messageCache';

export function useMessages(botId: string) {
  const query = useInfiniteQuery({
    queryKey: messageKeys.bot(botId),
    queryFn: ({ pageParam, signal }) => listMessages(botId, pageParam, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) =>
      page.has_more && page.messages.length > 0 ? page.messages[0].id : undefined,
    staleTime: 0,
  });
  const messages = useMemo(() => flattenPages(query.data), [query.data]);
  return { ...query, messages };
}
