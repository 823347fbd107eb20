import { parse, TomlDate } from 'smol-toml';

/**
 * TOML for the Hugo importer (hugo.toml, config.toml, `+++` front matter). Dates come back as the
 * text they were written as, so the importer keeps them as written (an offset-less one is site-local
 * to Colophon); tables become plain objects.
 */
export function parseToml(text: string): Record<string, unknown> {
  return plain(parse(text)) as Record<string, unknown>;
}

function plain(value: unknown): unknown {
  if (value instanceof TomlDate) return value.toISOString().replace(/\.000(?=$|Z|[+-])/, '');
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
  }
  return value;
}
