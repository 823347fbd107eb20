/**
 * The settings of a Blogofile _config.py that are plain values: `blog.path = "/blog"`,
 * `blog.posts_per_page = 5`, `blog.enabled = True`. Python is not run; anything computed is ignored.
 * `controllers.blog.x` and `plugins.blog.x` (Blogofile 0.7 and 0.8) are both read as `blog.x`.
 */
export function readPythonSettings(text: string): Map<string, string | number | boolean> {
  const settings = new Map<string, string | number | boolean>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][\w.]*)\s*=\s*(.+?)\s*(?:#.*)?$/.exec(line);
    if (!match) continue;
    const value = pythonValue(match[2]!);
    if (value !== undefined) settings.set(match[1]!.replace(/^(controllers|plugins)\.blog\./, 'blog.'), value);
  }
  return settings;
}

function pythonValue(text: string): string | number | boolean | undefined {
  const quoted = /^[ru]?(["'])(.*)\1$/.exec(text);
  if (quoted) return quoted[2]!.replace(/\\(["'\\])/g, '$1');
  if (/^-?\d+$/.test(text)) return Number(text);
  if (text === 'True' || text === 'False') return text === 'True';
  return undefined;
}
