import MarkdownIt from 'markdown-it';

export interface MarkdownOptions {
  /** Raw HTML in posts is allowed: the author is trusted. */
  html: boolean;
  /** Returns HTML starting with "<pre" to replace a fenced block, or "" for plain escaped code. */
  fence?: (code: string, info: string) => string;
}

export interface Markdown {
  render(source: string): string;
}

export function createMarkdown(options: MarkdownOptions): Markdown {
  const md = new MarkdownIt({
    html: options.html,
    linkify: false,
    typographer: false,
    highlight: options.fence ? (code, lang, attrs) => options.fence!(code, `${lang} ${attrs}`) : null,
  });
  return { render: (source) => md.render(source) };
}
