import { useMemo } from 'react';

import { renderMarkdown } from '@/lib/markdown';

// Renders bot-written Markdown. The HTML is sanitized by renderMarkdown before it gets here.
export function MarkdownView({ source }: { source: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return <div className="markdown-body" dangerouslySetInnerHTML={{ __html: html }} />;
}
