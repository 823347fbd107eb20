import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jekyllPattern, type JekyllPostFacts, jekyllSlugify, jekyllUrl } from '../../../src/import/jekyll-url.ts';

const wall = { year: 2014, month: 3, day: 9, hour: 7, minute: 5, second: 0 };
const facts = (more: Partial<JekyllPostFacts> = {}): JekyllPostFacts => ({
  wall,
  basename: '2014-03-09-Hello-World',
  fileSlug: 'Hello-World',
  categories: [],
  ...more,
});

describe('Jekyll URLs', () => {
  it('follow the date style by default: categories lower-cased and joined, the title as in the file name', () => {
    assert.deepEqual(jekyllUrl(jekyllPattern('date'), facts({ categories: ['Web', 'Docker', 'web'] })), {
      url: '/web/docker/2014/03/09/Hello-World.html',
      file: 'web/docker/2014/03/09/Hello-World.html',
    });
    assert.deepEqual(jekyllUrl(jekyllPattern('date'), facts()), {
      url: '/2014/03/09/Hello-World.html',
      file: '2014/03/09/Hello-World.html',
    });
  });

  it('know the built-in styles and the other placeholders', () => {
    assert.equal(
      (jekyllUrl(jekyllPattern('pretty'), facts()) as { file: string }).file,
      '2014/03/09/Hello-World/index.html',
    );
    assert.equal((jekyllUrl(jekyllPattern('ordinal'), facts()) as { url: string }).url, '/2014/068/Hello-World.html');
    assert.equal(
      (jekyllUrl(jekyllPattern('none'), facts({ categories: ['A'] })) as { url: string }).url,
      '/a/Hello-World.html',
    );
    const custom = jekyllUrl(jekyllPattern(':short_year/:i_month/:i_day/:hour:minute/:slug/:name'), facts());
    assert.deepEqual(custom, {
      url: '/14/3/9/0705/hello-world/2014-03-09-hello-world',
      file: '14/3/9/0705/hello-world/2014-03-09-hello-world.html',
    });
    assert.equal((jekyllUrl('/:year_:title/', facts()) as { url: string }).url, '/2014_Hello-World/');
  });

  it('take the slug from the front matter, slugified as Jekyll does', () => {
    assert.equal((jekyllUrl('/:title/', facts({ slug: 'Ça va? Yes!' })) as { url: string }).url, '/Ça-va-Yes!/');
    assert.equal(jekyllSlugify('Ça va? Yes!', 'default'), 'ça-va-yes');
  });

  it('name a placeholder the importer does not know instead of guessing', () => {
    assert.deepEqual(jekyllUrl('/:year/:week/:title/', facts()), { unknown: ':week' });
  });
});
