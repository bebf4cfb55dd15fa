import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';

// Editors on the bot page report whether they hold unsaved edits; the page asks before a tab
// switch, a navigation or closing the window would throw those edits away.
interface UnsavedChangesContextValue {
  dirtySources: ReadonlySet<string>;
  setDirty: (source: string, dirty: boolean) => void;
}

const UnsavedChangesContext = createContext<UnsavedChangesContextValue | null>(null);

export function UnsavedChangesProvider({ children }: { children: ReactNode }) {
  const [dirtySources, setDirtySources] = useState<ReadonlySet<string>>(new Set());

  const setDirty = useCallback((source: string, dirty: boolean) => {
    setDirtySources((current) => {
      if (current.has(source) === dirty) return current;
      const next = new Set(current);
      if (dirty) next.add(source);
      else next.delete(source);
      return next;
    });
  }, []);

  const value = useMemo(() => ({ dirtySources, setDirty }), [dirtySources, setDirty]);
  return <UnsavedChangesContext.Provider value={value}>{children}</UnsavedChangesContext.Provider>;
}

// Marks `source` dirty while `dirty` is true; the mark goes when the editor unmounts.
export function useReportUnsaved(source: string, dirty: boolean): void {
  const context = useContext(UnsavedChangesContext);
  const setDirty = context?.setDirty;
  useEffect(() => {
    setDirty?.(source, dirty);
  }, [setDirty, source, dirty]);
  useEffect(() => () => setDirty?.(source, false), [setDirty, source]);
}

export function useHasUnsavedChanges(): boolean {
  const context = useContext(UnsavedChangesContext);
  return (context?.dirtySources.size ?? 0) > 0;
}

// Clears every mark, after the user chose to discard their edits.
export function useDiscardUnsaved(): () => void {
  const context = useContext(UnsavedChangesContext);
  return useCallback(() => {
    if (!context) return;
    for (const source of Array.from(context.dirtySources)) context.setDirty(source, false);
  }, [context]);
}

// The browser's own prompt when the window is closed or reloaded with edits pending.
export function useBeforeUnloadWarning(active: boolean): void {
  useEffect(() => {
    if (!active) return undefined;
    const handler = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', handler);
    return () => window.removeEventListener('beforeunload', handler);
  }, [active]);
}
