/**
 * What a file name says about an extract. Hospitals name files in many ways
 * ("RX1AA_2026-06.csv", "ISTV Nov 2026 NMUH.csv", "rx2bb-202606-v2.txt"); a
 * site code or month found here is used only when the rows do not say.
 */
const MONTH_NAMES: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

/** The reporting month a file name gives, YYYY-MM, or null. */
export function periodFromFileName(name: string): string | null {
  const base = name.replace(/\.[^.]+$/, '');
  let match = /(?:^|[^0-9])(20\d{2})[-_ .]?(0[1-9]|1[0-2])(?![0-9])/.exec(base);
  if (match) return `${match[1]}-${match[2]}`;
  match = /(?:^|[^a-z])(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*[-_ .]?(20\d{2})(?![0-9])/i.exec(base);
  if (match) {
    const month = MONTH_NAMES[match[1]!.toLowerCase()];
    if (month) return `${match[2]}-${String(month).padStart(2, '0')}`;
  }
  return null;
}

/** The configured site whose code appears in the file name as a whole token, or null. */
export function siteFromFileName(name: string, siteCodes: Iterable<string>): string | null {
  const tokens = new Set(name.toUpperCase().split(/[^A-Z0-9]+/));
  const found = [...siteCodes].filter((code) => tokens.has(code.toUpperCase()));
  return found.length === 1 ? found[0]! : null;
}
