import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { logger } from '@/lib/logger';
import { renderMarkdown } from '@/lib/markdown';

import './markdownView.css';

// Renders bot-written Markdown. The HTML is sanitized by renderMarkdown before it gets here.
// Each code block gets a copy button, added after React placed the HTML (the sanitizer forbids
// buttons inside the rendered Markdown itself).
export function MarkdownView({ source }: { source: string }) {
  const { t } = useTranslation();
  const html = useMemo(() => renderMarkdown(source), [source]);
  const ref = useRef<HTMLDivElement>(null);
  const label = t('chat.copyCode');
  const copiedLabel = t('chat.copied');

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    for (const block of Array.from(root.querySelectorAll('pre'))) {
      if (block.querySelector(':scope > .code-copy')) continue;
      const code = block.querySelector('code')?.textContent ?? block.textContent ?? '';
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'code-copy';
      button.textContent = label;
      button.setAttribute('aria-label', label);
      button.addEventListener('click', () => {
        navigator.clipboard?.writeText(code).then(
          () => {
            button.textContent = copiedLabel;
            window.setTimeout(() => (button.textContent = label), 1500);
          },
          (error: unknown) => logger.warn('copy to clipboard failed', { error: String(error) }),
        );
      });
      block.appendChild(button);
    }
  }, [html, label, copiedLabel]);

  return <div ref={ref} className="markdown-body" dangerouslySetInnerHTML={{ __html: html }} />;
}
