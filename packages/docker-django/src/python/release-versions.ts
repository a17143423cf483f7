/**
 * Orders release numbers segment by segment (`3.9` < `3.11`, `2.26.1` < `2.30`; a missing
 * segment counts as 0): the release segment of a PEP 440 version, and the shape compose
 * engines print. Dotted text or already split numbers; a non-numeric segment counts as 0.
 */
export function compareReleases(
  a: string | readonly number[],
  b: string | readonly number[],
): number {
  const pa = typeof a === 'string' ? releaseSegments(a) : a;
  const pb = typeof b === 'string' ? releaseSegments(b) : b;
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function releaseSegments(version: string): number[] {
  return version.split('.').map((n) => parseInt(n, 10) || 0);
}
