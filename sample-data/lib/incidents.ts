/**
 * One assault attendance, as facts (not yet as a hospital writes them). The
 * shape of the data follows what published Cardiff-model analyses show:
 * Friday-to-Sunday nights dominate, licensed premises and their streets at
 * night, homes (and partners) by day, glass and bottles where people drink,
 * mostly young men.
 */
import type { LocationTypeCategory, RelationshipCategory, WeaponCategory } from '../../schemas/code-lists.ts';
import { createPicker, type Random } from './random.ts';
import {
  elsewhereText,
  homeText,
  junctionText,
  landmarkText,
  postcodeText,
  premisesText,
  streetText,
  unknownText,
  vagueText,
} from './location-text.ts';
import { locationTypeOfPremises, metresBetween, type LonLat, type Vocabulary } from './vocabulary.ts';

export interface LocalMoment {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
  /** Minutes since 1970-01-01 00:00 wall-clock, for ordering. */
  minutes: number;
}

export interface Incident {
  assault: LocalMoment;
  /** False when reception recorded the assault date but no time. */
  assaultTimeKnown: boolean;
  arrival: LocalMoment;
  weapon: WeaponCategory;
  locationText: string;
  locationType: LocationTypeCategory;
  relationship: RelationshipCategory | null;
  assailants: number | null;
  reportedToPolice: boolean | null;
  wantsPoliceInformed: boolean | null;
  age: number | null;
  sex: 'male' | 'female' | null;
  alcohol: boolean | null;
}

const pad = (value: number) => String(value).padStart(2, '0');

export function momentFromMinutes(minutes: number): LocalMoment {
  const date = new Date(minutes * 60_000);
  return {
    date: `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`,
    time: `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`,
    minutes,
  };
}

/** First minute of the month and the first minute of the next. */
export function monthBounds(month: string): { start: number; end: number; days: number } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw new Error(`Expected a month as YYYY-MM, got ${month}`);
  const year = Number(match[1]);
  const monthIndex = Number(match[2]) - 1;
  const start = Date.UTC(year, monthIndex, 1) / 60_000;
  const end = Date.UTC(year, monthIndex + 1, 1) / 60_000;
  return { start, end, days: (end - start) / 1440 };
}

// The night of Friday runs into Saturday morning: hours before 06:00 count with the previous evening.
const NIGHT_WEIGHT_BY_WEEKDAY = [1.35, 0.8, 0.75, 0.8, 0.95, 1.4, 1.65]; // Sunday..Saturday (evening of)
const HOUR_WEIGHT = [1.7, 1.8, 1.6, 1.2, 0.7, 0.35, 0.2, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.55, 0.6, 0.65, 0.75, 0.85, 0.95, 1.05, 1.2, 1.35, 1.5, 1.65];

const isNight = (hour: number) => hour >= 20 || hour < 5;

type Scenario = 'licensed' | 'commercial' | 'street' | 'junction' | 'landmark' | 'postcode' | 'home' | 'unknown' | 'vague' | 'elsewhere';

const NIGHT_SCENARIOS: Array<readonly [Scenario, number]> = [
  ['licensed', 30],
  ['commercial', 8],
  ['street', 20],
  ['junction', 6],
  ['landmark', 5],
  ['postcode', 2],
  ['home', 12],
  ['unknown', 11],
  ['vague', 4],
  ['elsewhere', 2],
];
const DAY_SCENARIOS: Array<readonly [Scenario, number]> = [
  ['licensed', 6],
  ['commercial', 10],
  ['street', 22],
  ['junction', 6],
  ['landmark', 12],
  ['postcode', 4],
  ['home', 22],
  ['unknown', 11],
  ['vague', 5],
  ['elsewhere', 2],
];

const WEAPONS_BY_SETTING: Record<'drinking' | 'home' | 'public', Array<readonly [WeaponCategory, number]>> = {
  drinking: [['body', 58], ['glass', 12], ['bottle', 10], ['knife_or_sharp', 5], ['blunt_object', 4], ['other', 3], ['unknown', 8]],
  home: [['body', 66], ['knife_or_sharp', 9], ['blunt_object', 8], ['other', 6], ['glass', 2], ['bottle', 2], ['unknown', 7]],
  public: [['body', 60], ['knife_or_sharp', 12], ['blunt_object', 8], ['bottle', 3], ['glass', 2], ['firearm', 1], ['other', 5], ['unknown', 9]],
};

const RELATIONSHIPS_AT_HOME: Array<readonly [RelationshipCategory | null, number]> = [
  ['partner_or_ex', 45], ['family', 20], ['acquaintance', 15], ['stranger', 5], ['unknown', 8], [null, 7],
];
const RELATIONSHIPS_ELSEWHERE: Array<readonly [RelationshipCategory | null, number]> = [
  ['stranger', 48], ['acquaintance', 18], ['partner_or_ex', 5], ['family', 3], ['official', 4], ['other', 2], ['unknown', 12], [null, 8],
];

export interface IncidentGenerator {
  incident(month: string, random: Random): Incident;
}

/**
 * Draws incidents for one ED. Places nearer the ED are named more often (people
 * go to their nearest hospital), which is also what lets a geocoder settle a
 * street name that exists twice.
 */
export function createIncidentGenerator(vocabulary: Vocabulary, siteLonLat: LonLat): IncidentGenerator {
  const nearness = (lonLat: LonLat) => Math.exp(-metresBetween(lonLat, siteLonLat) / 2500) + 0.05;
  const licensedWeight: Record<string, number> = { nightclub: 3, pub: 2, bar: 2 };
  const commercialWeight: Record<string, number> = { takeaway: 1.5, off_licence: 1, restaurant: 0.5 };
  const premisesOf = (weights: Record<string, number>) =>
    createPicker(vocabulary.premises.filter((p) => weights[p.premisesType] !== undefined).map((p) => [p, (weights[p.premisesType] as number) * nearness(p.lonLat)] as const));
  const pickLicensed = premisesOf(licensedWeight);
  const pickCommercial = premisesOf(commercialWeight);
  const pickStreet = createPicker(vocabulary.streets.map((s) => [s, (s.roadClass === 'main' ? 3 : 1) * nearness(s.lonLat)] as const));
  const pickJunction = createPicker(vocabulary.junctions.map((j) => [j, nearness(j.lonLat)] as const));
  const pickLandmark = createPicker(
    vocabulary.landmarks.map((l) => [l, (l.landmarkType.startsWith('place_') ? 0.3 : l.landmarkType === 'school' ? 0.6 : 1.5) * nearness(l.lonLat)] as const),
  );
  const pickPostcode = createPicker(vocabulary.postcodes.map((p) => [p, nearness(p.lonLat)] as const));
  const pickNightScenario = createPicker(NIGHT_SCENARIOS);
  const pickDayScenario = createPicker(DAY_SCENARIOS);
  const pickWeapon = {
    drinking: createPicker(WEAPONS_BY_SETTING.drinking),
    home: createPicker(WEAPONS_BY_SETTING.home),
    public: createPicker(WEAPONS_BY_SETTING.public),
  };
  const pickRelationshipAtHome = createPicker(RELATIONSHIPS_AT_HOME);
  const pickRelationshipElsewhere = createPicker(RELATIONSHIPS_ELSEWHERE);
  const pickAge = createPicker([
    [[13, 15], 4], [[16, 17], 8], [[18, 24], 30], [[25, 34], 28], [[35, 44], 16], [[45, 59], 10], [[60, 85], 3], [null, 1],
  ] as const);
  const slotPickers = new Map<string, (random: Random) => number>();

  const slotPicker = (month: string) => {
    let picker = slotPickers.get(month);
    if (!picker) {
      const { start, days } = monthBounds(month);
      const slots: Array<readonly [number, number]> = [];
      for (let day = 0; day < days; day++) {
        for (let hour = 0; hour < 24; hour++) {
          const minutes = start + day * 1440 + hour * 60;
          const eveningOf = new Date((minutes - (hour < 6 ? 1440 : 0)) * 60_000).getUTCDay();
          slots.push([minutes, (NIGHT_WEIGHT_BY_WEEKDAY[eveningOf] as number) * (HOUR_WEIGHT[hour] as number)]);
        }
      }
      picker = createPicker(slots);
      slotPickers.set(month, picker);
    }
    return picker;
  };

  const delayMinutes = createPicker([
    [[10, 120], 70], [[120, 360], 20], [[360, 900], 8], [[900, 1400], 2],
  ] as const);

  return {
    incident(month, random) {
      const { end } = monthBounds(month);
      let assaultMinutes = slotPicker(month)(random) + random.integer(0, 59);
      const [low, high] = delayMinutes(random);
      let arrivalMinutes = assaultMinutes + random.integer(low, high);
      // Both moments stay inside the month, so no valid row falls outside its reporting period.
      if (arrivalMinutes >= end) {
        arrivalMinutes = end - random.integer(1, 20);
        assaultMinutes = Math.min(assaultMinutes, arrivalMinutes - random.integer(5, 40));
      }
      const hour = Math.floor((assaultMinutes % 1440) / 60);
      const night = isNight(hour);
      const scenario = (night ? pickNightScenario : pickDayScenario)(random);

      let locationText: string;
      let locationType: LocationTypeCategory;
      switch (scenario) {
        case 'licensed':
        case 'commercial': {
          const premises = (scenario === 'licensed' ? pickLicensed : pickCommercial)(random);
          locationText = premisesText(premises, random);
          // Outside a pub is often recorded as the street.
          locationType = /^(o\/s|outside|queue|front|nr|near|opp)/i.test(locationText) && random.chance(0.4) ? 'street' : locationTypeOfPremises(premises.premisesType);
          break;
        }
        case 'street':
          locationText = streetText(pickStreet(random).name, random);
          locationType = 'street';
          break;
        case 'junction':
          locationText = junctionText(pickJunction(random), random);
          locationType = 'street';
          break;
        case 'landmark': {
          const landmark = pickLandmark(random);
          locationText = landmarkText(landmark, random);
          locationType = ['rail_or_tube_station', 'bus_station'].includes(landmark.landmarkType)
            ? 'public_transport'
            : landmark.landmarkType === 'school'
              ? 'school_or_workplace'
              : landmark.landmarkType === 'shopping_centre' || landmark.landmarkType === 'leisure_centre'
                ? 'other_commercial'
                : 'street';
          break;
        }
        case 'postcode':
          locationText = postcodeText(pickPostcode(random).postcode, random);
          locationType = 'street';
          break;
        case 'home':
          locationText = homeText(random);
          locationType = 'home';
          break;
        case 'unknown':
          locationText = unknownText(random);
          locationType = random.chance(0.7) ? 'unknown' : 'other';
          break;
        case 'vague':
          ({ text: locationText, locationType } = vagueText(random));
          break;
        case 'elsewhere':
          ({ text: locationText, locationType } = elsewhereText(random));
          break;
      }

      const setting = locationType === 'home' ? 'home' : locationType === 'licensed_premises' || (night && scenario !== 'unknown') ? 'drinking' : 'public';
      const ageBand = pickAge(random);
      const atHome = locationType === 'home';
      return {
        assault: momentFromMinutes(assaultMinutes),
        assaultTimeKnown: !random.chance(0.03),
        arrival: momentFromMinutes(arrivalMinutes),
        weapon: pickWeapon[setting](random),
        locationText,
        locationType,
        relationship: (atHome ? pickRelationshipAtHome : pickRelationshipElsewhere)(random),
        assailants: random.chance(0.1) ? null : random.weighted([[1, 60], [2, 20], [3, 10], [random.integer(4, 6), 5]] as const),
        reportedToPolice: random.chance(0.15) ? null : random.chance(0.3),
        wantsPoliceInformed: random.chance(0.2) ? null : random.chance(0.18),
        age: ageBand === null ? null : random.integer(ageBand[0], ageBand[1]),
        sex: random.chance(0.02) ? null : random.chance(atHome ? 0.4 : 0.74) ? 'male' : 'female',
        alcohol: random.chance(0.15) ? null : random.chance(night ? 0.65 : 0.2),
      };
    },
  };
}
