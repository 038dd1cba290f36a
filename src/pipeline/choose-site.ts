/**
 * Which configured site sent a file: its code in the file name, else the site
 * column of the first row, else the one site whose own column mapping reads the
 * header, else the only site there is.
 */
import type { SiteConfig } from '../config/sites.ts';
import { mapHeader } from '../validate/header.ts';
import { echoSiteCode } from '../validate/site-code.ts';
import { siteFromFileName } from './file-name.ts';
import { refusal, type Refusal } from './refusal.ts';

export function chooseSite(sites: SiteConfig[], fileName: string, headers: string[], firstRow: string[] | undefined): SiteConfig | Refusal {
  const byName = siteFromFileName(fileName, sites.map((s) => s.code));
  if (byName) return sites.find((s) => s.code === byName)!;
  const codes = sites.map((s) => s.code).join(', ');
  const plain = mapHeader(headers);
  if (plain.ok && firstRow) {
    const column = plain.mapping.columns.find((c) => c.target.kind === 'canonical' && c.target.field === 'site_code');
    const code = column ? firstRow[column.index]?.trim().toUpperCase() : undefined;
    const site = sites.find((s) => s.code === code);
    if (site) return site;
    // The file says which site sent it, and that site is not configured: guessing another would file its rows under the wrong ED.
    if (code !== undefined && code !== '' && sites.length > 1) {
      return refusal(`Line 2: site_code${echoSiteCode(code)} is not a configured site (${codes}), and no configured site code is in the file name. Add the site to the config, or send the file under its own site's code.`, 2);
    }
  }
  // A site's own mapping may be the only way to read the header at all.
  const understood = sites.filter((site) => mapHeader(headers, site).ok && Object.keys(site.columnMapping).length > 0);
  if (understood.length === 1) return understood[0]!;
  if (sites.length === 1) return sites[0]!;
  return refusal(`Cannot tell which site sent this file: no site_code column with a configured code, and no configured site code (${codes}) in the file name.`, 1);
}

export function isRefusal(value: SiteConfig | Refusal): value is Refusal {
  return 'reason' in value;
}
