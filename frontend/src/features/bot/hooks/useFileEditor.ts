import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import { isApiError } from '@/lib/apiClient';
import { logger } from '@/lib/logger';

import { useReportUnsaved } from './unsavedChanges';

// The server's copy a stale save ran into, offered to the user to compare and choose from.
export interface SaveConflict {
  theirs: string;
  etag: string;
}

interface FileEditorOptions<Doc> {
  queryKey: readonly unknown[];
  // Identifies the editor to the unsaved-changes guard.
  source: string;
  load: (signal: AbortSignal) => Promise<Doc>;
  save: (text: string, etag: string) => Promise<Doc>;
  toText: (doc: Doc) => string;
  etagOf: (doc: Doc) => string;
}

// A text document edited against the server's copy with optimistic concurrency: the draft is
// saved with the ETag it was loaded with, and a 409 brings back the server's text so the user
// can compare, take theirs, or overwrite with theirs as the new base.
export function useFileEditor<Doc>(options: FileEditorOptions<Doc>) {
  const { queryKey, source, load, save, toText, etagOf } = options;
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) => load(signal),
    meta: { handlesErrors: true },
    staleTime: Infinity,
    retry: false,
  });
  const [base, setBase] = useState<{ text: string; etag: string } | null>(null);
  const [draft, setDraft] = useState('');
  const [conflict, setConflict] = useState<SaveConflict | null>(null);

  // The first load (and a reload the user asked for) becomes the base and the draft.
  useEffect(() => {
    if (!query.data || base) return;
    const text = toText(query.data);
    setBase({ text, etag: etagOf(query.data) });
    setDraft(text);
  }, [query.data, base, toText, etagOf]);

  const dirty = base !== null && draft !== base.text;
  useReportUnsaved(source, dirty);

  const mutation = useMutation({
    mutationFn: ({ text, etag }: { text: string; etag: string }) => save(text, etag),
    meta: { handlesErrors: true },
    onSuccess: (doc) => {
      queryClient.setQueryData(queryKey, doc);
      const text = toText(doc);
      setBase({ text, etag: etagOf(doc) });
      setDraft(text);
      setConflict(null);
    },
    onError: async (error) => {
      if (!isApiError(error) || error.status !== 409) return;
      try {
        const latest = await load(new AbortController().signal);
        queryClient.setQueryData(queryKey, latest);
        setConflict({ theirs: toText(latest), etag: etagOf(latest) });
      } catch (cause) {
        logger.warn('reloading after a stale save failed', { source, error: String(cause) });
      }
    },
  });

  return {
    query,
    draft,
    setDraft,
    dirty,
    base,
    conflict,
    saving: mutation.isPending,
    saveError: mutation.error && !(isApiError(mutation.error) && mutation.error.status === 409)
      ? mutation.error
      : null,
    save: (text = draft) => {
      if (base) mutation.mutate({ text, etag: base.etag });
    },
    // Conflict choices.
    takeTheirs: () => {
      if (!conflict) return;
      setBase({ text: conflict.theirs, etag: conflict.etag });
      setDraft(conflict.theirs);
      setConflict(null);
      mutation.reset();
    },
    overwrite: () => {
      if (!conflict) return;
      mutation.mutate({ text: draft, etag: conflict.etag });
    },
    // A save made elsewhere (a structured form) produced a new copy: adopt it unless the user
    // has edits here, which then meet the new ETag as a conflict on their next save.
    adopt: (doc: Doc) => {
      queryClient.setQueryData(queryKey, doc);
      if (dirty) return;
      const text = toText(doc);
      setBase({ text, etag: etagOf(doc) });
      setDraft(text);
    },
    // Closes the prompt; the ETag stays stale, so the next save asks again.
    dismissConflict: () => {
      setConflict(null);
      mutation.reset();
    },
    discard: () => {
      if (base) setDraft(base.text);
    },
  };
}
