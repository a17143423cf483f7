// What the benchmarks print: Markdown tables (pasted into BENCHMARKS.md as they are) and the
// formats of their cells.
import { fmtMs, type Summary } from '../../tools/testing/timing';

export function fmtBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a';
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} ${units[unit]}`;
}

export function fmtRatio(value: number, base: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(base) || base === 0) return 'n/a';
  const ratio = value / base;
  return `${ratio >= 100 ? ratio.toFixed(0) : ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}x`;
}

/** `n | median | min | max` cells for a timing summary. */
export function timingCells(s: Summary): string[] {
  return [String(s.n), fmtMs(s.median), fmtMs(s.min), fmtMs(s.max)];
}

/** Prints a Markdown table (so the output can be pasted into BENCHMARKS.md as it is). */
export function printTable(
  title: string,
  header: string[],
  rows: string[][],
  notes: string[] = [],
): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`;
  const out = [
    '',
    `### ${title}`,
    '',
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ];
  if (notes.length > 0) out.push('', ...notes);
  process.stdout.write(out.join('\n') + '\n');
}
