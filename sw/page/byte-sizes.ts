/** "84 KB", "2.1 MB", "1.2 GB": a size as a person reads it (1 KB = 1024 bytes, as browsers count). */
export function formatBytes(bytes: number): string {
  const units = ['KB', 'MB', 'GB'] as const;
  let value = bytes / 1024;
  let unit: (typeof units)[number] = 'KB';
  for (const next of units.slice(1)) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  if (unit === 'KB') return `${Math.max(1, Math.round(value))} KB`;
  return `${value.toFixed(1)} ${unit}`;
}
