import { describe, expect, it } from 'vitest';

import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders Markdown formatting', () => {
    const html = renderMarkdown('# Title\n\n- **bold** and `code`');

    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<code>code</code>');
  });

  it('escapes raw HTML instead of rendering it', () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror=alert(1)>');

    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('drops javascript: links and opens other links in a new tab', () => {
    const source = '[bad](javascript:alert(1)) [good](https://docs.example.invalid/page)';

    const html = renderMarkdown(source);

    expect(html).not.toMatch(/href="javascript:/);
    expect(html).toContain('target="_blank"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });
});
