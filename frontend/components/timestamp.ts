// A Kubernetes timestamp as people read it: the date and time in the page's language (the full
// RFC 3339 value stays in the element's title), so a table column is not eaten by "2026-12-04T23:…".
export function shortTimestamp(iso: string | undefined, language: string): string {
  if (!iso) return '-';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(language || 'en', { dateStyle: 'short', timeStyle: 'short' }).format(d);
  } catch {
    return d.toISOString();
  }
}
