export type Verdict = 'PASS' | 'FAIL' | 'SKIP' | 'INFO';

/** One line of the results table. */
export interface Row {
  part: string;
  figure: string;
  /** What was measured, in its own unit (req/s, ms, KB). */
  measured: string;
  /** The figure the target applies to, when it is a ratio to a baseline of the same run. */
  ratio: string;
  target: string;
  verdict: Verdict;
  /** Why a figure was skipped or failed, or how to read it; printed under the table. */
  note?: string;
}

const COLUMNS = ['Part', 'Figure', 'Measured', 'Ratio', 'Target', 'Verdict'] as const;

function cells(row: Row): string[] {
  return [row.part, row.figure, row.measured, row.ratio, row.target, row.verdict];
}

export function verdict(passed: boolean): Verdict {
  return passed ? 'PASS' : 'FAIL';
}

export const formatInt = (value: number): string =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
export const formatRatio = (value: number): string => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');
export const formatMs = (value: number): string =>
  Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms` : 'n/a';
/** KB are 1,024 bytes, as bundle budgets usually count them. */
export const formatKB = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

function notes(rows: readonly Row[]): string[] {
  return rows.filter((row) => row.note).map((row) => `${row.part} / ${row.figure}: ${row.note}`);
}

export function consoleTable(rows: readonly Row[]): string {
  const table = [COLUMNS as readonly string[], ...rows.map(cells)];
  const widths = COLUMNS.map((_, column) => Math.max(...table.map((line) => (line[column] ?? '').length)));
  const line = (values: readonly string[]) =>
    values
      .map((value, column) => value.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const body = [line(table[0] ?? []), rule, ...table.slice(1).map(line)];
  const noteLines = notes(rows);
  return [...body, ...(noteLines.length > 0 ? ['', 'Notes:', ...noteLines.map((n) => `- ${n}`)] : [])].join(
    '\n',
  );
}

const escapeCell = (value: string): string => value.replaceAll('|', '\\|');

/** Measured, Ratio and Target line up on the right, as numbers do. */
const RIGHT_ALIGNED = new Set([2, 3, 4]);

/** A padded table, as Biome formats Markdown, so that the results file passes `biome check`. */
export function markdownTable(rows: readonly Row[]): string {
  const table = [COLUMNS as readonly string[], ...rows.map((row) => cells(row).map(escapeCell))];
  const widths = COLUMNS.map((_, column) => Math.max(3, ...table.map((line) => (line[column] ?? '').length)));
  const pad = (value: string, column: number) =>
    RIGHT_ALIGNED.has(column) ? value.padStart(widths[column] ?? 0) : value.padEnd(widths[column] ?? 0);
  const line = (values: readonly string[]) => `| ${values.map(pad).join(' | ')} |`;
  const rule = `| ${widths.map((width, column) => (RIGHT_ALIGNED.has(column) ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  const noteLines = notes(rows).map((note) => `- ${note}`);
  return [
    line(table[0] ?? []),
    rule,
    ...table.slice(1).map(line),
    ...(noteLines.length > 0 ? ['', 'Notes:', '', ...noteLines] : []),
  ].join('\n');
}
