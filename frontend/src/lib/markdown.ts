import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

// Bot replies are untrusted. markdown-it runs with raw HTML off, and DOMPurify cleans what it
// produces anyway, so neither a parser bug nor a crafted link can run script in the page.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

let hooksInstalled = false;

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
}

export function renderMarkdown(source: string): string {
  installHooks();
  const html = markdown.render(source);
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe'],
    FORBID_ATTR: ['style'],
  });
}
