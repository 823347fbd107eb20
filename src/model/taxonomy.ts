import type { Paths } from '../config/paths.ts';
import type { Source } from '../content/types.ts';
import type { ErrorCode } from '../lib/error-codes.ts';
import { ColophonError } from '../lib/errors.ts';
import { compareText } from '../lib/order.ts';
import { slugify } from '../lib/slug.ts';
import { fillPattern } from './paths.ts';
import { outputPathFor } from './permalink.ts';
import type { Term, TermIndex } from './types.ts';

/** Categories and tags work alike: names on posts become terms, each with its own pages and feeds. */
export interface Taxonomy {
  noun: 'category' | 'tag';
  pattern(paths: Paths): string; // "/category/:slug/"
  code: ErrorCode; // for slug problems
  namesOf(source: Source): string[];
}

export const CATEGORIES: Taxonomy = {
  noun: 'category',
  pattern: (paths) => paths.category,
  code: 'E_CATEGORY_SLUG',
  namesOf: (s) => s.categories,
};
export const TAGS: Taxonomy = {
  noun: 'tag',
  pattern: (paths) => paths.tag,
  code: 'E_TAG_SLUG',
  namesOf: (s) => s.tags,
};

/**
 * Walks posts oldest first (they come newest first) so each term keeps the spelling of the oldest
 * post using it. Names compare case-insensitively; two names with one slug are an error.
 */
export function collectTerms(
  posts: readonly Source[],
  taxonomy: Taxonomy,
  paths: Paths,
  errors: ColophonError[],
): Map<string, Term> {
  const pathOf = (slug: string) => fillPattern(taxonomy.pattern(paths), { slug });
  const byKey = new Map<string, Term>();
  const bySlug = new Map<string, { term: Term; file: string }>();
  for (const source of [...posts].reverse()) {
    for (const name of taxonomy.namesOf(source)) {
      const key = name.toLowerCase();
      if (byKey.has(key)) continue;
      const problem = termProblem(taxonomy, name, source.path, bySlug, pathOf);
      if (problem) {
        errors.push(problem);
        continue;
      }
      const slug = slugify(name);
      const term: Term = { key, name, slug, path: pathOf(slug), posts: [] };
      byKey.set(key, term);
      bySlug.set(slug, { term, file: source.path });
    }
  }
  return byKey;
}

function termProblem(
  taxonomy: Taxonomy,
  name: string,
  file: string,
  bySlug: Map<string, { term: Term; file: string }>,
  pathOf: (slug: string) => string,
): ColophonError | undefined {
  const slug = slugify(name);
  if (slug === '') {
    return new ColophonError(
      taxonomy.code,
      `the ${taxonomy.noun} "${name}" has no letters or digits to make a URL from`,
      { file, hint: `rename the ${taxonomy.noun}` },
    );
  }
  const clash = bySlug.get(slug);
  if (!clash) return undefined;
  const plural = taxonomy.noun === 'category' ? 'categories' : 'tags';
  return new ColophonError(
    taxonomy.code,
    `the ${plural} "${clash.term.name}" (${clash.file}) and "${name}" (${file}) ` +
      `would share the URL ${pathOf(slug)}`,
    { file },
  );
}

/** A post's terms in the order its front matter names them. */
export function attachTerms(terms: Map<string, Term>, names: readonly string[]): Term[] {
  return names.map((n) => terms.get(n.toLowerCase())).filter((c) => c !== undefined);
}

export function sortTerms(terms: Map<string, Term>): Term[] {
  return [...terms.values()].sort((a, b) => compareText(a.slug, b.slug));
}

/** /category/ lists every category, even none; /tag/ exists only when some post has tags. */
export function termIndexes(categories: Term[], tags: Term[], paths: Paths): TermIndex[] {
  const index = (kind: TermIndex['kind'], path: string, terms: Term[]) => ({
    kind,
    path,
    output: outputPathFor(path),
    terms,
  });
  return [
    index('categories', paths.categories, categories),
    ...(tags.length > 0 ? [index('tags', paths.tags, tags)] : []),
  ];
}
