import yaml from 'js-yaml';

/**
 * YAML for the importers: read with the core schema, as front matter is (src/deps/matter.ts), so
 * timestamps stay the text that was written; written one key per line with long strings never folded.
 */
export function parseYaml(text: string): unknown {
  return yaml.load(text, { schema: yaml.CORE_SCHEMA });
}

export function dumpYaml(data: Record<string, unknown>): string {
  return yaml.dump(data, { lineWidth: -1, noRefs: true });
}
