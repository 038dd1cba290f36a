/**
 * The reads the report packs are built from, as one typed object of functions
 * bound to a store. The report stage gets this object, never the database
 * handle: it can count what this module offers and nothing else, so every
 * query a pack stands on is here or in src/store, where its SQL is reviewed.
 *
 * Each function is the aggregate (or store) read query of the same name with
 * the store already given; see there for what it counts.
 */
import type { AreaLsoa } from './dimensions.ts';
import type { CountTable } from './table.ts';
import type { StoreDatabase } from '../store/open.ts';
import { currentExtractsBetween, type CurrentExtractRow } from '../store/coverage.ts';
import { policeCrimeTypes } from '../store/police-crimes.ts';
import { comparisonMonths, edPoliceLsoaTable, edPoliceWardTable } from './ed-police-tables.ts';
import { attributeToPremises, extractProvenance, nearbyContext, premisesFromStore, type AttributedAssault, type ExtractProvenance, type NearbyAssault, type PremisesPoint } from './premises.ts';
import { policeRecords, type PoliceRecord } from './records.ts';
import {
  ageSexTable,
  alcoholTable,
  attendancesByMonthTable,
  domesticTable,
  locationTypeTable,
  lsoaMonthTable,
  lsoaTable,
  lsoaWeaponTable,
  monthWeaponTable,
  placeTable,
  relationshipTable,
  repeatAttendanceTable,
  repeatLinkageTable,
  residenceLsoaTable,
  rollingYearsTable,
  wardWeaponTable,
  weekdayHourTable,
  type PlaceKind,
} from './tables.ts';

export interface PackReads {
  // Count tables over the current records (src/aggregate/tables.ts).
  lsoaWeaponTable(month: string, area?: AreaLsoa[]): CountTable;
  wardWeaponTable(month: string, area?: AreaLsoa[]): CountTable;
  monthWeaponTable(months: string[]): CountTable;
  rollingYearsTable(month: string): CountTable;
  weekdayHourTable(months: string[]): CountTable;
  placeTable(months: string[], kind: PlaceKind): CountTable;
  lsoaTable(months: string[], area?: AreaLsoa[], id?: string): CountTable;
  lsoaMonthTable(months: string[], area: AreaLsoa[], id: string): CountTable;
  residenceLsoaTable(months: string[], area?: AreaLsoa[]): CountTable;
  attendancesByMonthTable(months: string[], id?: string): CountTable;
  ageSexTable(months: string[]): CountTable;
  alcoholTable(months: string[]): CountTable;
  relationshipTable(months: string[]): CountTable;
  domesticTable(months: string[]): CountTable;
  locationTypeTable(months: string[]): CountTable;
  repeatAttendanceTable(months: string[]): CountTable;
  repeatLinkageTable(months: string[]): CountTable;
  // Record-level data for the police (src/aggregate/records.ts).
  policeRecords(month: string): PoliceRecord[];
  // Premises attribution (src/aggregate/premises.ts).
  premisesFromStore(): PremisesPoint[];
  attributeToPremises(months: string[], premises: PremisesPoint[]): AttributedAssault[];
  nearbyContext(months: string[], premises: PremisesPoint[], nearMetres: number): NearbyAssault[];
  extractProvenance(extractIds: Iterable<number>): ExtractProvenance[];
  // ED beside police (src/aggregate/ed-police-tables.ts, src/store/police-crimes.ts).
  comparisonMonths(month: string, edMonths: ReadonlySet<string>): string[];
  edPoliceLsoaTable(months: string[], area: AreaLsoa[], label: string): CountTable;
  edPoliceWardTable(months: string[], area: AreaLsoa[], label: string): CountTable;
  policeCrimeTypes(months: readonly string[]): string[];
  // Each site's current extract and its data-quality measures (src/store/coverage.ts).
  currentExtractsBetween(first: string, last: string): CurrentExtractRow[];
}

/** The pack reads over `store`. */
export function packReads(store: StoreDatabase): PackReads {
  return {
    lsoaWeaponTable: (month, area) => lsoaWeaponTable(store, month, area),
    wardWeaponTable: (month, area) => wardWeaponTable(store, month, area),
    monthWeaponTable: (months) => monthWeaponTable(store, months),
    rollingYearsTable: (month) => rollingYearsTable(store, month),
    weekdayHourTable: (months) => weekdayHourTable(store, months),
    placeTable: (months, kind) => placeTable(store, months, kind),
    lsoaTable: (months, area, id) => lsoaTable(store, months, area, id),
    lsoaMonthTable: (months, area, id) => lsoaMonthTable(store, months, area, id),
    residenceLsoaTable: (months, area) => residenceLsoaTable(store, months, area),
    attendancesByMonthTable: (months, id) => attendancesByMonthTable(store, months, id),
    ageSexTable: (months) => ageSexTable(store, months),
    alcoholTable: (months) => alcoholTable(store, months),
    relationshipTable: (months) => relationshipTable(store, months),
    domesticTable: (months) => domesticTable(store, months),
    locationTypeTable: (months) => locationTypeTable(store, months),
    repeatAttendanceTable: (months) => repeatAttendanceTable(store, months),
    repeatLinkageTable: (months) => repeatLinkageTable(store, months),
    policeRecords: (month) => policeRecords(store, month),
    premisesFromStore: () => premisesFromStore(store),
    attributeToPremises: (months, premises) => attributeToPremises(store, months, premises),
    nearbyContext: (months, premises, nearMetres) => nearbyContext(store, months, premises, nearMetres),
    extractProvenance: (extractIds) => extractProvenance(store, extractIds),
    comparisonMonths: (month, edMonths) => comparisonMonths(store, month, edMonths),
    edPoliceLsoaTable: (months, area, label) => edPoliceLsoaTable(store, months, area, label),
    edPoliceWardTable: (months, area, label) => edPoliceWardTable(store, months, area, label),
    policeCrimeTypes: (months) => policeCrimeTypes(store, months),
    currentExtractsBetween: (first, last) => currentExtractsBetween(store, first, last),
  };
}
