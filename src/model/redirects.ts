import { isHtmlPath, NEEDS_REDIRECTS } from '../config/aliases.ts';
import type { Config } from '../config/types.ts';
import { ColophonError } from '../lib/errors.ts';
import { compareText } from '../lib/order.ts';
import { outputPathFor } from './permalink.ts';
import type { Page, Post, Redirect, Site } from './types.ts';

/**
 * Every alias as a redirect: front matter `aliases` of posts and pages, then config `aliases`, by
 * old path. An old path that is a folder or an .html file gets a redirect page; any other (a feed's
 * old .xml) can only be a _redirects line, which front matter may ask for only with `redirects: true`.
 */
export function redirectsOf(config: Config, posts: Post[], pages: Page[], errors: ColophonError[]): Redirect[] {
  const redirects: Redirect[] = [];
  for (const owner of [...posts, ...pages]) {
    for (const from of owner.source.aliases) {
      if (!isHtmlPath(from) && !config.redirects) {
        errors.push(
          new ColophonError('E_FRONTMATTER_FIELD', `the alias "${from}" ${NEEDS_REDIRECTS}`, {
            file: owner.source.path,
          }),
        );
        continue;
      }
      redirects.push(redirect(from, owner.path, owner.source.path));
    }
  }
  for (const { from, to } of config.aliases) redirects.push(redirect(from, to, 'site.config.ts'));
  return redirects.sort((a, b) => compareText(a.from, b.from) || compareText(a.file, b.file));
}

function redirect(from: string, to: string, file: string): Redirect {
  return { from, to, output: isHtmlPath(from) ? outputPathFor(from) : undefined, file };
}

/** A config alias must lead to something the site writes; front matter ones lead to their own page. */
export function missingTargets(site: Site): ColophonError[] {
  const outputs = new Set<string>([
    ...site.posts.map((p) => p.output),
    ...site.pages.map((p) => p.output),
    ...site.lists.map((l) => l.output),
    site.archive.output,
    ...site.indexes.map((i) => i.output),
    ...site.feeds.map((f) => f.output),
    ...site.generated,
    ...site.assets.map((a) => a.path),
  ]);
  return site.redirects.filter((r) => r.file === 'site.config.ts' && !outputs.has(outputPathFor(r.to))).map((r) =>
    new ColophonError('E_CONFIG_KEY', `"aliases" "${r.from}" leads to "${r.to}", which this site does not have`, {
      file: 'site.config.ts',
      hint: 'give the path of a post, page, list or feed of the site, as its pages link to it',
    })
  );
}
