/** A JSON or YAML mapping (not an array, not null): what compose files and engine output nest. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
