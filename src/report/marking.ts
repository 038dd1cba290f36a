/**
 * Protective marking and page furniture for every printed pack.
 *
 * A pack carries its marking (Government Security Classifications: OFFICIAL,
 * OFFICIAL-SENSITIVE, …) in a `<meta name="protective-marking">` of its HTML;
 * the screen shows it in a banner at the top and foot, and the PDF printer
 * repeats it at the top and foot of every page beside "Page n of m". The HTML
 * is the one source: a PDF cannot carry a marking its page does not.
 *
 * The marking is set per edition in config (`report.protectiveMarking`). When
 * the config is silent, a pack that carries record-level data or counts not
 * under disclosure control is OFFICIAL-SENSITIVE and any other pack OFFICIAL.
 */
import type { MarkedEdition, ProtectiveMarkingConfig } from '../config/report.ts';

export type { MarkedEdition, ProtectiveMarkingConfig } from '../config/report.ts';

export const MARKING_META = 'protective-marking';

export const OFFICIAL = 'OFFICIAL';
export const OFFICIAL_SENSITIVE = 'OFFICIAL-SENSITIVE';

/**
 * The marking of one edition: the configured one, else OFFICIAL-SENSITIVE for
 * a pack whose content is not protected by disclosure control (record-level
 * data, or counts shown as recorded) and OFFICIAL for one that is.
 */
export function protectiveMarking(config: ProtectiveMarkingConfig | undefined, edition: MarkedEdition, unprotected: boolean): string {
  return config?.[edition] ?? (unprotected ? OFFICIAL_SENSITIVE : OFFICIAL);
}

const escape = (value: string) => value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * Chromium's print header and footer for a marking: the marking centred at the
 * top, the marking and "Page n of m" at the foot. The templates are rendered
 * apart from the page (no page CSS applies), so every style is inline and the
 * font size is set: Chromium's default for them is too small to read.
 */
export function printTemplates(marking: string, licences: string | null = null): { headerTemplate: string; footerTemplate: string } {
  const style = 'font: 9px Arial, sans-serif; color: #1b1b1b; width: 100%; margin: 0 12mm;';
  const mark = `<strong style="letter-spacing: 0.5px">${escape(marking)}</strong>`;
  const pageLine = `<div style="display: flex; justify-content: space-between;"><span style="width: 33%"></span><span style="width: 34%; text-align: center">${mark}</span><span style="width: 33%; text-align: right">Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
  // The open-data licences go on every printed page: a page copied into a bundle on its own still carries them.
  const licenceLine = licences ? `<div style="font-size: 7px; color: #505a5f; text-align: center; margin-top: 2px;">${escape(licences)}</div>` : '';
  return {
    headerTemplate: `<div style="${style} text-align: center;">${mark}</div>`,
    footerTemplate: `<div style="${style}">${pageLine}${licenceLine}</div>`,
  };
}
