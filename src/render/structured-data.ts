import type { PostView, Presenter } from './views.ts';

/**
 * A post as schema.org BlogPosting, the JSON-LD search engines read, ready to print inside
 * `<script type="application/ld+json">`: `<`, `>` and `&` are escaped in JSON's own way, so no
 * title can end the script. Keys in a fixed order; absent values left out.
 */
export function blogPosting(present: Presenter, post: PostView): string {
  const { author, language } = present.site;
  const data = {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: post.title,
    description: post.description || undefined,
    url: post.url,
    mainEntityOfPage: post.url,
    datePublished: post.date.iso,
    dateModified: post.updated.iso,
    inLanguage: language,
    author: { '@type': 'Person', name: author.name, url: author.uri },
    image: post.image,
    keywords: post.tags.length > 0 ? post.tags.map((t) => t.name) : undefined,
    articleSection: post.categories[0]?.name,
  };
  return JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
