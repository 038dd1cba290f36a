/**
 * Which configured site sent a file: its code in the file name, else the site
 * column of the first row, else the one site whose own column mapping reads the
 * header, else the only site there is.
 */
import type { SiteConfig } from '../config/sites.ts';
import { mapHeader } from '../validate/header.ts';
import { siteFromFileName } from './file-name.ts';
import { refusal, type Refusal } from './refusal.ts';

export function chooseSite(sites: SiteConfig[], fileName: string, headers: string[], firstRow: string[] | undefined): SiteConfig | Refusal {
  const byName = siteFromFileName(fileName, sites.map((s) => s.code));
  if (byName) return sites.find((s) => s.code === byName)!;
  const plain = mapHeader(headers);
  let siteColumnHasCode = false;
  if (plain.ok && firstRow) {
    const column = plain.mapping.columns.find((c) => c.target.kind === 'canonical' && c.target.field === 'site_code');
    const code = column ? firstRow[column.index]?.trim().toUpperCase() : undefined;
    const site = sites.find((s) => s.code === code);
    if (site) return site;
    siteColumnHasCode = code !== undefined && code !== '';
  }
  // A site's own mapping may be the only way to read the header at all.
  const understood = sites.filter((site) => mapHeader(headers, site).ok && Object.keys(site.columnMapping).length > 0);
  if (understood.length === 1) return understood[0]!;
  if (sites.length === 1) return sites[0]!;
  const codes = sites.map((s) => s.code).join(', ');
  // The code in the file is not quoted: a wrong column can put an NHS number there.
  return refusal(
    siteColumnHasCode
      ? `Cannot tell which site sent this file: line 2's site_code is not a configured site (${codes}), and no configured site code is in the file name.`
      : `Cannot tell which site sent this file: no site_code column with a configured code, and no configured site code (${codes}) in the file name.`,
    siteColumnHasCode ? 2 : 1,
  );
}

export function isRefusal(value: SiteConfig | Refusal): value is Refusal {
  return 'reason' in value;
}
