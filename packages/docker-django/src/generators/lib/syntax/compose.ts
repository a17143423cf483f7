// Compose interpolates `$NAME` and `${NAME}` in every string of the file, `x-` fields too;
// `$$` is a literal `$`. The `yaml` library quotes for YAML itself; these handle the `$`.

/** A literal value for a compose file: each `$` doubled, so compose reads it back unchanged. */
export function composeLiteral(value: string): string {
  return value.replaceAll('$', '$$$$');
}

/** What compose reads for a value the generator wrote with composeLiteral(). */
export function composeLiteralValue(written: string): string {
  return written.replaceAll('$$', '$');
}

type Data = string | number | boolean | null | undefined | Data[] | { [key: string]: Data };

function mapStrings<T>(value: T, map: (text: string) => string): T {
  if (typeof value === 'string') return map(value) as T;
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map)) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, mapStrings(item as Data, map)]),
    ) as T;
  return value;
}

/** Every string of a plain value (the generator's `x-docker-django` record) as a compose literal. */
export function composeLiterals<T>(value: T): T {
  return mapStrings(value, composeLiteral);
}

/** The inverse of composeLiterals(), for reading the record back. */
export function composeLiteralValues<T>(value: T): T {
  return mapStrings(value, composeLiteralValue);
}
