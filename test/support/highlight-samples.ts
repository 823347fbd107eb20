// Richer code for the languages the default site and the benchmark lean on, and for grammars that
// embed others (HTML holding CSS and JS, Markdown holding fenced code, Vue, PHP). Shared by
// test/unit/deps/shiki.test.ts and test/unit/deps/shiki-html.test.ts.
export const SAMPLES: Record<string, string> = {
  javascript:
    'import { a } from "./b.js";\nexport default class C extends D {\n  #p = /re[g]ex/gi;\n  async *m(x = 1) { yield await x?.y ?? `s${x}`; }\n}\n',
  typescript:
    'type T<K extends keyof U> = { [P in K]?: U[P] } & Record<string, never>;\nenum E { A = 1 }\nconst f = <T,>(x: T): x is T => true;\n',
  tsx: 'export const App = ({ n }: { n: number }) => <ul>{[1, 2].map((i) => <li key={i}>{i * n}</li>)}</ul>;\n',
  python:
    '@dataclass(frozen=True)\nclass P:\n    """Doc."""\n    x: int = 0\n    def f(self) -> str:\n        return f"{self.x!r:>4}" if self.x else r"\\d+"\n',
  rust:
    "#[derive(Debug)]\npub struct S<'a> { r: &'a str }\nimpl<'a> S<'a> { fn n(&self) -> usize { self.r.len() } }\nmacro_rules! m { ($x:expr) => { $x + 1 }; }\n",
  shellscript:
    '#!/usr/bin/env bash\nset -euo pipefail\nfor f in "${@:-.}"/*.md; do\n  grep -c "^#" "$f" | tee -a out.log >/dev/null\ndone <<EOF\nheredoc $x\nEOF\n',
  diff: 'diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n context\n-old\n+new\n',
  html:
    '<!doctype html>\n<style>p { color: red; } @media (min-width: 1px) { a:hover { x: 1 } }</style>\n<script>const a = 1 < 2 && "</p>";</script>\n<p class="c" onclick="go(1)">Hi &amp; bye</p>\n',
  markdown: '# Title\n\nSome *em* and `code`.\n\n```js\nconst x = 1;\n```\n\n```yaml\nk: [1, "two"]\n```\n\n> quote\n',
  vue:
    '<template>\n  <p :class="{ a: b }" @click="go">{{ msg.toUpperCase() }}</p>\n</template>\n<script setup lang="ts">\nconst msg: string = "hi";\n</script>\n<style scoped>\np { color: v-bind(c); }\n</style>\n',
  php:
    '<p><?php echo htmlspecialchars($x ?? "none", ENT_QUOTES); ?></p>\n<?php\nfunction f(int $a): array { return [$a => fn($b) => $b * 2]; }\n',
  css:
    '@import url("a.css");\n:root { --c: #fff; }\n.a > b::after { content: "\\201C"; margin: calc(1px + 2em) !important; }\n',
  json: '{ "a": [1, 2.5e-3, true, null], "b": { "c": "d\\n" } }\n',
  yaml: '---\nkey: value\nlist:\n  - one\n  - &anchor {a: 1}\nmulti: |\n  text\n# comment\n',
  c: '#include <stdio.h>\nint main(int argc, char **argv) { printf("%d\\n", argc); return 0; }\n',
  go:
    'package main\n\nimport "fmt"\n\nfunc main() { ch := make(chan int); go func() { ch <- 1 }(); fmt.Println(<-ch) }\n',
  sql: "WITH t AS (SELECT 1 AS n) SELECT n, 'x' FROM t WHERE n > 0 ORDER BY n DESC; -- done\n",
  // Line endings, tabs, characters beyond the BMP, whitespace-only lines and an empty block.
  lua: 'local a = 1;\r\nconst b = "\u{1F600} é\u00A0x";\rlone();\n\t\tif (a) {\n  \t \n}\n// 🎉 `tick` \'q\'\n',
  toml: '',
};
