/**
 * The open-data attribution of a pack, derived from the sources it actually
 * stands on: the gazetteer's inputs (boundaries, lookups, postcodes, places)
 * as recorded when it was built, boundaries passed in directly, and police.uk
 * data where a pack shows it. Each licence (OGL v3, ODbL) asks for its
 * statement on every product that uses the data: every HTML page (and so its
 * PDF), and the metadata of every CSV and GeoJSON file that uses it.
 */
import type { FeatureCollection } from 'geojson';
import { ODBL, OGL, STATEMENTS } from '../geocode/gazetteer/provenance.ts';
import type { GazetteerSource } from '../geocode/gazetteer/types.ts';
import type { PackFile } from './pack.ts';
import { html, type Html } from './render/html.ts';

export const ATTRIBUTION_META = 'open-data-attribution';
/** A one-line reminder of the licences, which the PDF printer puts at the foot of every printed page. */
export const LICENCE_LINE_META = 'open-data-licences';
export const LICENCE_LINE_PREFIX = 'Contains open data used under';

/**
 * The footer line of a printed page: the licences by name, and where their statements are. A page torn from the pack
 * still says whose data it shows. Null when no source is under a licence (synthetic data only): there is nothing to credit.
 */
export function licenceLine(attribution: Attribution): string | null {
  const licensed = attribution.licences.filter((licence) => !/^none\b/i.test(licence.name));
  if (licensed.length === 0) return null;
  return `${LICENCE_LINE_PREFIX} ${licensed.map((licence) => licence.name).join(' and ')}; sources and statements under "Data sources and licences".`;
}

export interface Attribution {
  /** The statements the licences ask for, each once, in the order the sources came. */
  statements: string[];
  /** The licences they are under. */
  licences: Array<{ name: string; url: string | null }>;
  /** The source files, as the gazetteer records them (folder and base name). */
  sources: string[];
  /** Source files whose terms are not recorded: the reader is told to check them. */
  unrecorded: string[];
}

export const NO_ATTRIBUTION: Attribution = { statements: [], licences: [], sources: [], unrecorded: [] };

function licenceOf(name: string): { name: string; url: string | null } {
  if (/open government/i.test(name)) return { name: OGL.name, url: OGL.url };
  if (/open database|odbl/i.test(name)) return { name: ODBL.name, url: ODBL.url };
  return { name, url: null };
}

/** Statements and licence a source's format implies when the file declared none; null when its terms cannot be known. */
function impliedBy(source: Pick<GazetteerSource, 'role' | 'format'>): { statements: string[]; licence: string } | null | 'own' {
  const format = source.format;
  if (source.role === 'sites' || source.role === 'aliases') return 'own';
  // Sites read from a premises file's addresses: that file is a source of its own and credited as one.
  if (source.role === 'address_sites') return 'own';
  if (source.role === 'lsoa' || /^ONS LSOA/.test(format)) return { statements: [STATEMENTS.ons, STATEMENTS.os], licence: OGL.name };
  if (format === 'ONS Postcode Directory') return { statements: [STATEMENTS.ons, STATEMENTS.os, STATEMENTS.royalMail, STATEMENTS.nationalStatistics], licence: OGL.name };
  // UK postcode locations come from Code-Point Open (or the ONSPD built on it), whatever the file's layout.
  if (source.role === 'postcodes') return { statements: [STATEMENTS.os, STATEMENTS.royalMail, STATEMENTS.nationalStatistics], licence: OGL.name };
  if (source.role === 'open_names' || format === 'OS Open Names CSV') return { statements: [STATEMENTS.os], licence: OGL.name };
  if (format === 'FSA food hygiene register CSV') return { statements: [STATEMENTS.fsa], licence: OGL.name };
  return null;
}

export class AttributionBuilder {
  private readonly statements: string[] = [];
  private readonly licences = new Map<string, { name: string; url: string | null }>();
  private readonly sources: string[] = [];
  private readonly unrecorded: string[] = [];

  constructor(private readonly year: string) {}

  private addStatements(statements: string[], licence: string): void {
    for (const statement of statements) {
      const worded = statement.replace(/YYYY/g, this.year);
      if (!this.statements.includes(worded)) this.statements.push(worded);
    }
    const entry = licenceOf(licence);
    if (!this.licences.has(entry.name)) this.licences.set(entry.name, entry);
  }

  /** One gazetteer input (or a file of the same shape). */
  source(source: Pick<GazetteerSource, 'role' | 'format' | 'file' | 'attribution' | 'licence'>): this {
    if (!this.sources.includes(source.file)) this.sources.push(source.file);
    if (source.attribution || source.licence) {
      this.addStatements(source.attribution ? [source.attribution] : [], source.licence ?? source.attribution ?? '');
      return this;
    }
    const implied = impliedBy(source);
    if (implied === 'own') return this;
    if (implied === null) {
      if (!this.unrecorded.includes(source.file)) this.unrecorded.push(source.file);
      return this;
    }
    this.addStatements(implied.statements, implied.licence);
    return this;
  }

  /** LSOA boundaries passed in directly (not through the gazetteer): their own declaration, else ONS's if they carry ONS codes. */
  boundaries(collection: FeatureCollection, file = 'LSOA boundaries'): this {
    const members = collection as FeatureCollection & { attribution?: unknown; licence?: unknown; name?: unknown };
    const attribution = typeof members.attribution === 'string' ? members.attribution : undefined;
    const licence = typeof members.licence === 'string' ? members.licence : undefined;
    const named = typeof members.name === 'string' ? members.name : file;
    const onsCodes = collection.features.some((feature) => Object.keys(feature.properties ?? {}).some((key) => /^LSOA\d\dCD$/i.test(key)));
    return this.source({ role: 'lsoa', file: named, format: onsCodes ? 'ONS LSOA GeoJSON' : 'GeoJSON', ...(attribution ? { attribution } : {}), ...(licence ? { licence } : {}) });
  }

  /** police.uk street-level crime, where a pack shows it. */
  policeUk(): this {
    this.addStatements([STATEMENTS.policeUk], OGL.name);
    if (!this.sources.includes('data.police.uk')) this.sources.push('data.police.uk');
    return this;
  }

  build(): Attribution {
    return { statements: [...this.statements], licences: [...this.licences.values()], sources: [...this.sources], unrecorded: [...this.unrecorded] };
  }
}

export function attributionFromSources(sources: ReadonlyArray<GazetteerSource>, year: string): Attribution {
  const builder = new AttributionBuilder(year);
  for (const source of sources) builder.source(source);
  return builder.build();
}

export function isEmpty(attribution: Attribution): boolean {
  return attribution.statements.length === 0 && attribution.unrecorded.length === 0;
}

/** The statement as one paragraph: every licence statement, then the files whose terms are not recorded. */
export function attributionText(attribution: Attribution): string {
  const unrecorded = attribution.unrecorded.length > 0 ? [`The terms of ${attribution.unrecorded.join(', ')} are not recorded: check them before publishing.`] : [];
  return [...attribution.statements, ...unrecorded].join(' ');
}

export function renderAttribution(attribution: Attribution): Html {
  if (isEmpty(attribution)) return html``;
  return html`<section class="attribution" data-attribution>
<h2>Data sources and licences</h2>
<p>${attribution.statements.map((statement, index) => html`${index > 0 ? ' ' : ''}${statement}`)}</p>
${attribution.licences.length > 0 ? html`<p class="small">Licences: ${attribution.licences.map((licence, index) => html`${index > 0 ? '; ' : ''}${licence.name}${licence.url ? html` (${licence.url})` : ''}`)}.</p>` : ''}
${attribution.unrecorded.length > 0 ? html`<p class="small" data-attribution-unrecorded>The terms of ${attribution.unrecorded.join(', ')} are not recorded in the gazetteer: check them before publishing this pack.</p>` : ''}
${attribution.sources.length > 0 ? html`<p class="small">Sources: ${attribution.sources.join(', ')}.</p>` : ''}
</section>`;
}

/** Columns and headers that show a place: a file with one of them uses the geography (and so its licences). */
const PLACE_COLUMN = /(^|_)(lsoa|ward|street|premises|place|landmark|borough|longitude|latitude|area)(_|$)/i;

function csvHeader(content: string): string[] {
  return (content.split(/\r?\n/, 1)[0] ?? '').split(',').map((name) => name.replace(/^"|"$/g, ''));
}

/** The CSVW / GeoJSON members that carry the attribution. */
export function attributionMembers(attribution: Attribution): Record<string, unknown> {
  return {
    'dc:rights': attributionText(attribution),
    'dc:license': attribution.licences.map((licence) => licence.url ?? licence.name),
    'dc:source': attribution.sources,
  };
}

/**
 * A pack's files with the attribution where the data is used: each HTML page
 * gets the statement (before its footer ends, and as a `<meta>` the PDF
 * printer repeats on every page), each CSV metadata file of a CSV with a
 * place column, each GeoJSON file, and a CSV with a place column but no
 * metadata file gets one.
 */
export function attributeFiles(files: PackFile[], attribution: Attribution, describe: { title: (file: PackFile) => string; methodStatement: string }): PackFile[] {
  if (isEmpty(attribution)) return files;
  const paths = new Set(files.map((file) => file.path));
  const csvUsesData = new Map(files.filter((file) => file.path.endsWith('.csv')).map((file) => [file.path, csvHeader(file.content).some((name) => PLACE_COLUMN.test(name))] as const));
  const out: PackFile[] = [];
  for (const file of files) {
    if (file.path.endsWith('.html')) out.push({ ...file, content: attributeHtml(file.content, attribution) });
    else if (file.path.endsWith('.geojson')) out.push({ ...file, content: mergeMembers(file.content, { attribution: attributionText(attribution), licence: attribution.licences.map((licence) => licence.name).join('; '), ...attributionMembers(attribution) }) });
    else if (file.path.endsWith('.csv-metadata.json') && csvUsesData.get(file.path.replace(/-metadata\.json$/, ''))) out.push({ ...file, content: mergeMembers(file.content, attributionMembers(attribution)) });
    else out.push(file);
    if (file.path.endsWith('.csv') && csvUsesData.get(file.path) && !paths.has(`${file.path}-metadata.json`)) {
      const url = file.path.split('/').at(-1)!;
      out.push({ path: `${file.path}-metadata.json`, content: `${JSON.stringify({ '@context': 'http://www.w3.org/ns/csvw', url, 'dc:title': describe.title(file), 'dc:description': describe.methodStatement, ...attributionMembers(attribution) }, null, 2)}\n` });
    }
  }
  return out;
}

function mergeMembers(json: string, members: Record<string, unknown>): string {
  const document = JSON.parse(json) as Record<string, unknown>;
  // Foreign members go before the features, so a person opening the file sees them first.
  const { features, ...rest } = document;
  const merged = { ...rest, ...members, ...(features !== undefined ? { features } : {}) };
  const pretty = /^\{\n/.test(json);
  return `${JSON.stringify(merged, null, pretty ? 2 : undefined)}\n`;
}

export function attributeHtml(page: string, attribution: Attribution): string {
  if (page.includes('data-attribution>')) return page;
  const line = licenceLine(attribution);
  const meta = html`<meta name="${ATTRIBUTION_META}" content="${attributionText(attribution)}">${line === null ? '' : html`
<meta name="${LICENCE_LINE_META}" content="${line}">`}`.text;
  const section = renderAttribution(attribution).text;
  const withMeta = page.includes('</head>') ? page.replace('</head>', `${meta}\n</head>`) : page;
  const at = withMeta.lastIndexOf('</footer>') >= 0 ? withMeta.lastIndexOf('</footer>') : withMeta.lastIndexOf('</body>');
  if (at < 0) return `${withMeta}${section}`;
  return `${withMeta.slice(0, at)}${section}\n${withMeta.slice(at)}`;
}
