import MarkdownIt from 'markdown-it';

export interface MarkdownOptions {
  /** Raw HTML in posts is allowed: the author is trusted. */
  html: boolean;
}

export interface Markdown {
  render(source: string): string;
}

export function createMarkdown(options: MarkdownOptions): Markdown {
  const md = new MarkdownIt({ html: options.html, linkify: false, typographer: false });
  return { render: (source) => md.render(source) };
}
