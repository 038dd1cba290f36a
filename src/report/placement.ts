/**
 * What a map or a ranking does not show. Beside every map: how many of the
 * assaults it counts are on it ("mapped: 3,012 of 5,210 assaults (58 %);
 * 2,198 have no usable location"); beside every ranking: how many were placed
 * at a place of the kind ranked. Read from the protected release, like every
 * other number in a pack, so a suppressed count stays suppressed.
 */
import { UNPLACED } from '../aggregate/dimensions.ts';
import { TOTAL, type ProtectedTable } from '../disclose/types.ts';
import { ProtectedTableIndex } from './protected-table.ts';
import { html, type Html } from './render/html.ts';

export interface Shown {
  value: number | null;
  display: string;
}

function count(shown: Shown): string {
  return shown.value === null ? shown.display : shown.value.toLocaleString('en-GB');
}

function percent(part: number, whole: number): string {
  const share = (100 * part) / whole;
  return share > 0 && share < 1 ? '< 1 %' : share < 100 && share > 99 ? '> 99 %' : `${Math.round(share)} %`;
}

/** The total and the unplaced cell of an area dimension (LSOA or ward), other dimensions at `fixed` or their total. */
export function placementOf(table: ProtectedTable, dimension: 'lsoa' | 'ward' = 'lsoa', fixed: Record<string, string> = {}): { total: Shown; unplaced: Shown | null } {
  const index = new ProtectedTableIndex(table);
  const total = index.cell({ ...fixed, [dimension]: TOTAL });
  const hasUnplaced = index.dimension(dimension).values.includes(UNPLACED);
  const unplaced = hasUnplaced ? index.cell({ ...fixed, [dimension]: UNPLACED }) : null;
  return { total: { value: total.value, display: total.display }, unplaced: unplaced ? { value: unplaced.value, display: unplaced.display } : { value: 0, display: '0' } };
}

/**
 * "Mapped: 3,012 of 5,210 assaults (58 %); 2,198 have no usable location (…) and are not on the map."
 * Worked out from published values only; where one is not published, the sentence says so.
 */
export function renderMappedShare(placement: { total: Shown; unplaced: Shown | null }, noun = 'assaults', why = 'a home address, a place not matched, or no location given'): Html {
  const { total, unplaced } = placement;
  if (total.value === 0) return html`<p class="placement" data-placement>Mapped: none; there are no ${noun} in this period.</p>`;
  if (total.value === null || unplaced === null || unplaced.value === null) {
    return html`<p class="placement" data-placement>Mapped: not all of the ${count(total)} ${noun} are on the map; ${unplaced ? count(unplaced) : 'some'} have no usable location (${why}). The exact share is not published under disclosure control.</p>`;
  }
  const mapped = Math.max(0, total.value - unplaced.value);
  return html`<p class="placement" data-placement data-mapped="${mapped}" data-total="${total.value}">Mapped: ${mapped.toLocaleString('en-GB')} of ${count(total)} ${noun} (${percent(mapped, total.value)})${unplaced.value > 0 ? html`; ${count(unplaced)} ha${unplaced.value === 1 ? 's' : 've'} no usable location (${why}) and ${unplaced.value === 1 ? 'is' : 'are'} not on the map` : '; every one has a usable location'}.</p>`;
}

/** "Ranked: 812 of 5,210 assaults (16 %) were placed at a street; the others were placed elsewhere or have no usable location." */
export function renderRankedShare(ranked: Shown, whole: Shown, where: string, noun = 'assaults'): Html {
  if (whole.value === 0) return html`<p class="placement" data-placement>No ${noun} in this period.</p>`;
  const share = ranked.value !== null && whole.value !== null ? ` (${percent(ranked.value, whole.value)})` : '';
  return html`<p class="placement" data-placement>Ranked: ${count(ranked)} of ${count(whole)} ${noun}${share} were placed ${where}; the others were placed elsewhere or have no usable location, and no ranking shows them.</p>`;
}
