/**
 * A fenced code block: the fence is one backtick longer than the longest run of backticks that
 * starts a line of the code, so code that shows Markdown fences stays inside the block.
 */
export function fencedBlock(lang: string | undefined, code: string, indent = ''): string {
  const runs = [...code.matchAll(/^[ \t]*(`{3,})/gm)].map((m) => m[1]!.length);
  const fence = '`'.repeat(Math.max(3, ...runs.map((n) => n + 1)));
  const lines = code === '' ? [] : code.replace(/\n$/, '').split('\n');
  return [`${indent}${fence}${lang ?? ''}`, ...lines, `${indent}${fence}`].join('\n');
}
