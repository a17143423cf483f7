// Reading BuildKit's `--progress=plain` log: vertices, build-context bytes, Dockerfile steps.

export interface Vertex {
  id: number;
  name: string;
  cached: boolean;
  done: boolean;
  error: boolean;
  /** Seconds from the `DONE x.xs` line. */
  seconds?: number;
  /** Bytes from the last `transferring context: X` line. */
  transferred?: number;
}

const UNITS: Record<string, number> = {
  B: 1,
  kB: 1e3,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
};

/** Bytes of a BuildKit size (`2.05kB`, `12 MB`, `1.5MiB`); NaN when it is not one. */
export function parseSize(text: string): number {
  const m = /^([\d.]+)\s*([KMG]?i?B|kB)$/.exec(text.trim());
  if (!m) return NaN;
  return Number(m[1]) * (UNITS[m[2]] ?? NaN);
}

/** The vertices of a `--progress=plain` BuildKit log, in order of first appearance. */
export function parseBuildkit(output: string): Vertex[] {
  const vertices = new Map<number, Vertex>();
  for (const raw of output.split('\n')) {
    // compose prefixes nothing in plain mode; strip a possible "service  | " prefix anyway.
    const line = raw.replace(/^\S+\s+\|\s/, '');
    const m = /^#(\d+) (.*)$/.exec(line);
    if (!m) continue;
    const id = Number(m[1]);
    const rest = m[2];
    let v = vertices.get(id);
    if (!v) {
      v = { id, name: rest, cached: false, done: false, error: false };
      vertices.set(id, v);
      continue;
    }
    if (rest === 'CACHED') v.cached = true;
    else if (rest.startsWith('DONE')) {
      v.done = true;
      const s = /^DONE ([\d.]+)s/.exec(rest);
      if (s) v.seconds = Number(s[1]);
    } else if (rest.startsWith('ERROR')) v.error = true;
    else {
      const t = /^transferring context: ([\d.]+\s*[KMG]?i?B|[\d.]+\s*kB)/.exec(rest);
      if (t) v.transferred = parseSize(t[1]);
    }
  }
  return [...vertices.values()];
}

/** Bytes of the build context the engine received (the `[internal] load build context` vertex). */
export function contextBytes(output: string): number {
  const v = parseBuildkit(output).filter((x) => x.name === '[internal] load build context');
  const bytes = v.map((x) => x.transferred ?? NaN).filter((b) => Number.isFinite(b));
  if (bytes.length === 0)
    throw new Error(`No "transferring context" line in the build output:\n${output.slice(-3000)}`);
  return bytes.reduce((a, b) => a + b, 0);
}

/**
 * The largest "transferring context: <size>" anywhere in a build log (plain progress, lines
 * possibly prefixed by Nx or compose), in bytes; null when the log has none.
 */
export function largestContextTransfer(buildLog: string): number | null {
  const sizes = [
    ...buildLog.matchAll(/transferring context:\s*([\d.]+\s*(?:B|kB|KB|MB|GB))\b/g),
  ].map(([, size]) => parseSize(size));
  return sizes.length ? Math.max(...sizes) : null;
}

export interface Step {
  stage: string;
  index: number;
  of: number;
  instruction: string;
  cached: boolean;
}

/** The Dockerfile steps of a build (`[stage i/n] INSTRUCTION`), without `[internal]` ones. */
export function dockerfileSteps(output: string): Step[] {
  const steps: Step[] = [];
  for (const v of parseBuildkit(output)) {
    const m = /^\[(?:(\S+) )?(\d+)\/(\d+)\] (.*)$/.exec(v.name);
    if (!m) continue;
    steps.push({
      stage: m[1] ?? '',
      index: Number(m[2]),
      of: Number(m[3]),
      instruction: m[4].replace(/\s+/g, ' '),
      cached: v.cached,
    });
  }
  return steps;
}
