export interface BenchRow {
  benchmark: string;
  metric: string;
  value: string;
  reference: string;
  target: string;
  verdict: 'met' | 'missed' | 'info';
}

/** Prints rows as a Markdown table, so the output pastes straight into a note. */
export function printTable(rows: readonly BenchRow[]): void {
  const headers = ['Benchmark', 'Metric', 'Value', 'Reference (same run)', 'Target', ''];
  const cells = rows.map((r) => [r.benchmark, r.metric, r.value, r.reference, r.target, r.verdict === 'met' ? '✓' : r.verdict === 'missed' ? '✗' : '']);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]) => `| ${c.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
}
