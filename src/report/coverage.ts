/**
 * Coverage: which emergency departments' extracts each month's figures stand
 * on. Every pack states it at the top and beside every trend, because a month
 * in which one site's file was refused otherwise reads as a fall in violence.
 *
 * Per site and month an extract is received (version, date, on time or late),
 * refused (a file came and was quarantined, with the reason), missing (overdue)
 * or awaited (not yet due). A month is complete when every expected site's
 * extract is in, partial when some are, and has no data when none are: those
 * months are shown as "no data", never as 0, and no comparison is drawn with
 * a month that is not complete.
 */
import { addMonths, monthLabel, shortMonthLabel } from '../aggregate/months.ts';
import type { ExtractReceipt, RefusedFile } from '../store/coverage.ts';
import { daysBetween, londonDate } from '../validate/dates.ts';
import { html, type Html } from './render/html.ts';

export type SiteMonthState = 'received' | 'refused' | 'missing' | 'awaited';

export interface SiteMonth {
  siteCode: string;
  siteName: string;
  period: string;
  state: SiteMonthState;
  /** The current extract, when received. */
  receipt: ExtractReceipt | null;
  /** Last day the extract was on time, YYYY-MM-DD. */
  dueOn: string;
  /** Days after `dueOn` it arrived (received) or has been owed (missing, refused); 0 when on time. */
  daysLate: number;
  /** Files refused for this site and month (a later resubmission may have been received since). */
  refusals: RefusedFile[];
}

export type MonthKind = 'complete' | 'partial' | 'no_data';

export interface MonthCoverage {
  month: string;
  kind: MonthKind;
  /** The sites expected to send an extract for this month. */
  sites: SiteMonth[];
}

export interface CoverageSite {
  code: string;
  name: string;
  extractDueDay?: number | undefined;
}

export interface CoverageInputs {
  receipts: ExtractReceipt[];
  refusals: RefusedFile[];
  /** The configured sites; sites that sent extracts without being configured are added under their code. */
  sites: CoverageSite[];
  /** Day of the following month an extract is due, where the site sets none. */
  defaultDueDay: number;
  /** The first month every site is expected to send (config schedule.lateExtracts.expectFrom); default: each site's first. */
  expectFrom?: string | undefined;
  now: Date;
}

/** "12 Jul 2026". */
function dayLabel(date: string): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(date.slice(8, 10))} ${months[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export class Coverage {
  readonly today: string;
  /** The current calendar month (London): later months are in the future. */
  readonly currentMonth: string;
  /** The first month any site's extract is in; null when the store holds none. */
  readonly firstMonth: string | null;
  private readonly sites: CoverageSite[];
  private readonly receipts = new Map<string, ExtractReceipt>();
  private readonly refusals = new Map<string, RefusedFile[]>();
  private readonly siteFirstMonth = new Map<string, string>();
  private readonly cache = new Map<string, MonthCoverage>();

  constructor(private readonly inputs: CoverageInputs) {
    this.today = londonDate(inputs.now);
    this.currentMonth = this.today.slice(0, 7);
    const known = new Set(inputs.sites.map((site) => site.code));
    this.sites = [...inputs.sites];
    const noteSite = (code: string, period: string) => {
      if (!known.has(code)) {
        known.add(code);
        this.sites.push({ code, name: code });
      }
      const first = this.siteFirstMonth.get(code);
      if (first === undefined || period < first) this.siteFirstMonth.set(code, period);
    };
    for (const receipt of inputs.receipts) {
      this.receipts.set(`${receipt.siteCode} ${receipt.period}`, receipt);
      noteSite(receipt.siteCode, receipt.period);
    }
    for (const refusal of inputs.refusals) {
      if (refusal.siteCode === null || refusal.period === null) continue;
      const key = `${refusal.siteCode} ${refusal.period}`;
      this.refusals.set(key, [...(this.refusals.get(key) ?? []), refusal]);
      noteSite(refusal.siteCode, refusal.period);
    }
    this.firstMonth = inputs.receipts.reduce<string | null>((first, receipt) => (first === null || receipt.period < first ? receipt.period : first), null);
  }

  /** Files refused at intake whose site or month could not be told: every hospital pack lists them. */
  unattributedRefusals(): RefusedFile[] {
    return this.inputs.refusals.filter((refusal) => refusal.siteCode === null || refusal.period === null);
  }

  refusalsOf(siteCode: string): RefusedFile[] {
    return this.inputs.refusals.filter((refusal) => refusal.siteCode === siteCode);
  }

  /** The sites this coverage speaks of: the configured ones, then any other that sent files. */
  allSites(): CoverageSite[] {
    return this.sites;
  }

  isFuture(month: string): boolean {
    return month > this.currentMonth;
  }

  of(month: string): MonthCoverage {
    const cached = this.cache.get(month);
    if (cached) return cached;
    const sites: SiteMonth[] = [];
    for (const site of this.sites) {
      const key = `${site.code} ${month}`;
      const receipt = this.receipts.get(key) ?? null;
      const refusals = this.refusals.get(key) ?? [];
      const expectedFrom = this.inputs.expectFrom ?? this.siteFirstMonth.get(site.code) ?? this.firstMonth;
      if (receipt === null && refusals.length === 0 && (expectedFrom === null || month < expectedFrom)) continue;
      const dueDay = site.extractDueDay ?? this.inputs.defaultDueDay;
      const dueOn = `${addMonths(month, 1)}-${String(dueDay).padStart(2, '0')}`;
      if (receipt) {
        const arrived = londonDate(new Date(receipt.receivedAt));
        sites.push({ siteCode: site.code, siteName: site.name, period: month, state: 'received', receipt, dueOn, daysLate: Math.max(0, daysBetween(dueOn, arrived)), refusals });
      } else {
        const overdue = this.today > dueOn;
        sites.push({
          siteCode: site.code,
          siteName: site.name,
          period: month,
          state: refusals.length > 0 ? 'refused' : overdue ? 'missing' : 'awaited',
          receipt: null,
          dueOn,
          daysLate: overdue ? daysBetween(dueOn, this.today) : 0,
          refusals,
        });
      }
    }
    const received = sites.filter((site) => site.state === 'received').length;
    const kind: MonthKind = received === 0 ? 'no_data' : received === sites.length ? 'complete' : 'partial';
    const result = { month, kind, sites };
    this.cache.set(month, result);
    return result;
  }

  /** The months with every expected site's extract in: the months a many-month analysis may count. */
  completeMonths(): Set<string> {
    return new Set(this.inputs.receipts.map((receipt) => receipt.period).filter((period) => this.isComplete(period)));
  }

  hasData(month: string): boolean {
    return this.of(month).kind !== 'no_data';
  }

  isComplete(month: string): boolean {
    return this.of(month).kind === 'complete';
  }

  /** The months of `months` that have data, in order: the months a table over `months` may count. */
  monthsWithData(months: string[]): string[] {
    return months.filter((month) => this.hasData(month));
  }

  /** The months of `months` from the first with data on (the months a coverage table has something to say about). */
  fromFirstData(months: string[]): string[] {
    const first = months.find((month) => this.hasData(month));
    return first === undefined ? [] : months.filter((month) => month >= first);
  }

  /** The expected sites whose extract for `month` is not in. */
  missing(month: string): SiteMonth[] {
    return this.of(month).sites.filter((site) => site.state !== 'received');
  }

  /** "Easthaven Royal Infirmary (RX2BB): file refused" …, for every expected site not in. */
  missingText(month: string): string {
    return this.missing(month)
      .map((site) => `${site.siteName} (${site.siteCode}): ${stateText(site)}`)
      .join('; ');
  }

  /** A short note to put beside a month in a table or chart: null when complete. */
  monthNote(month: string): string | null {
    const coverage = this.of(month);
    if (coverage.kind === 'complete') return null;
    if (coverage.kind === 'no_data') return 'no data';
    return `partial: ${this.missing(month).map((site) => site.siteCode).join(', ')} missing`;
  }

  /** Why a comparison over `months` cannot be drawn, or undefined when every month is complete. */
  notComparable(months: string[]): string | undefined {
    const incomplete = [...new Set(months)].filter((month) => !this.isComplete(month)).sort();
    if (incomplete.length === 0) return undefined;
    if (incomplete.length <= 2) {
      const why = incomplete.map((month) => `${shortMonthLabel(month)} ${this.hasData(month) ? `is partial: ${this.missing(month).map((site) => site.siteCode).join(', ')} missing` : 'has no data'}`);
      return `not comparable (${why.join('; ')})`;
    }
    return `not comparable (${incomplete.length} of ${new Set(months).size} months partial or without data)`;
  }
}

/** One site-month in words. */
export function stateText(site: SiteMonth): string {
  switch (site.state) {
    case 'received': {
      const receipt = site.receipt!;
      const when = dayLabel(londonDate(new Date(receipt.receivedAt)));
      return `received${receipt.version > 1 ? ` (resubmission, version ${receipt.version})` : ''} ${when}${site.daysLate > 0 ? `, ${plural(site.daysLate, 'day')} late` : ''}`;
    }
    case 'refused':
      return `file refused (${site.refusals.map((refusal) => refusal.fileName).join(', ')}): ${site.refusals[site.refusals.length - 1]!.reason}`;
    case 'missing':
      return `missing, due ${dayLabel(site.dueOn)} (${plural(site.daysLate, 'day')} overdue)`;
    case 'awaited':
      return `not yet due (due ${dayLabel(site.dueOn)})`;
  }
}

function shortState(site: SiteMonth): string {
  switch (site.state) {
    case 'received':
      return `v${site.receipt!.version} ${dayLabel(londonDate(new Date(site.receipt!.receivedAt)))}${site.daysLate > 0 ? ` (${site.daysLate}d late)` : ''}`;
    case 'refused':
      return 'refused';
    case 'missing':
      return 'missing';
    case 'awaited':
      return 'not yet due';
  }
}

/**
 * The statement at the top of every pack: which sites' extracts the month
 * stands on, and, when it is partial, which are missing and why.
 */
export function renderCoverageStatement(coverage: Coverage, month: string, options: { partialAllowed?: boolean } = {}): Html {
  const of = coverage.of(month);
  const received = of.sites.filter((site) => site.state === 'received');
  if (of.kind === 'complete') {
    return html`<p class="coverage complete" data-coverage="complete"><strong>Data coverage, ${monthLabel(month)}:</strong> extracts from all ${plural(of.sites.length, 'emergency department')}: ${received.map((site) => html`${site.siteName} (${site.siteCode}, ${stateText(site)})`).map((part, i) => html`${i > 0 ? '; ' : ''}${part}`)}.</p>`;
  }
  return html`<div class="coverage partial" data-coverage="${of.kind}"><p><strong>${of.kind === 'no_data' ? 'No data' : 'Partial data'}, ${monthLabel(month)}:</strong> figures for this month stand on ${received.length} of ${plural(of.sites.length, 'emergency department')}${received.length > 0 ? html` (${received.map((site) => `${site.siteName}, ${site.siteCode}`).join('; ')})` : ''}. They are lower than a complete month would be: do not read them as a fall in violence.</p>
<ul>${coverage.missing(month).map((site) => html`<li data-missing-site="${site.siteCode}"><strong>${site.siteName} (${site.siteCode})</strong>: ${stateText(site)}</li>`)}</ul>
${options.partialAllowed ? html`<p class="small">Published as a partial pack on request; comparisons with this month are marked not comparable.</p>` : ''}</div>`;
}

/** Months × sites: what each month's figures stand on, for the months of a trend. */
export function renderCoverageTable(coverage: Coverage, months: string[], caption = 'Extracts behind each month'): Html {
  const sites = coverage.allSites();
  return html`<table class="coverage-table" data-coverage-table><caption>${caption}</caption>
<thead><tr><th>Month</th>${sites.map((site) => html`<th>${site.name} (${site.code})</th>`)}<th>Month is</th></tr></thead>
<tbody>${months.map((month) => {
    const of = coverage.of(month);
    const bySite = new Map(of.sites.map((site) => [site.siteCode, site]));
    return html`<tr data-month="${month}" data-kind="${of.kind}"><th class="row">${shortMonthLabel(month)}</th>${sites.map((site) => {
      const entry = bySite.get(site.code);
      return html`<td class="${entry && entry.state !== 'received' ? 'suppressed' : ''}">${entry ? shortState(entry) : 'not expected'}</td>`;
    })}<td>${of.kind === 'complete' ? 'complete' : of.kind === 'partial' ? 'partial' : 'no data'}</td></tr>`;
  })}</tbody></table>`;
}

/** The one-line note beside a trend: which of its months are partial or have no data. */
export function renderTrendCoverageNote(coverage: Coverage, months: string[]): Html {
  const none = months.filter((month) => coverage.of(month).kind === 'no_data');
  const partial = months.filter((month) => coverage.of(month).kind === 'partial');
  if (none.length === 0 && partial.length === 0) return html`<p class="small coverage-note" data-trend-coverage>Every month shown has the extracts of every expected emergency department.</p>`;
  return html`<p class="small coverage-note" data-trend-coverage>${none.length > 0 ? html`No data (no extract from any site) for ${none.map(shortMonthLabel).join(', ')}: shown as "no data", not 0. ` : ''}${partial.length > 0 ? html`Partial months (a site's extract missing or refused), lower than complete months would be: ${partial.map((month) => `${shortMonthLabel(month)} (${coverage.missing(month).map((site) => site.siteCode).join(', ')} missing)`).join(', ')}.` : ''}</p>`;
}
