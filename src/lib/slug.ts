/**
 * URL slugs. Letters and digits of any script survive (lower-cased, Latin accents dropped); everything
 * else becomes a single hyphen. `toLowerCase` is locale-independent, so slugs are the same everywhere.
 */
const WORDS: Record<string, string> = { '&': ' and ', '+': ' plus ', '#': ' sharp ', '@': ' at ' };

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/([A-Za-z])\p{M}+/gu, '$1')
    .normalize('NFC')
    .replace(/[&+#@]/g, (c) => WORDS[c] ?? c)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** The slug from a file name: without extension and without a `YYYY-MM-DD-` prefix. */
export function slugFromFileName(fileName: string): string {
  const base = fileName.replace(/\.md$/i, '').replace(/^\d{4}-\d{2}-\d{2}-/, '');
  return slugify(base);
}
