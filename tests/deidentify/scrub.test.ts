import { describe, expect, it } from 'vitest';
import { scrubFreeText, type ScrubOptions } from '../../src/deidentify/scrub.ts';
import type { ScrubbedKind } from '../../src/deidentify/types.ts';

type Found = Partial<Record<ScrubbedKind, number>>;

/** input → scrubbed text and counts. */
type Case = [input: string, text: string, found: Found];

function expectScrub(input: string, text: string, found: Found, options?: ScrubOptions) {
  const result = scrubFreeText(input, options);
  expect(result.text).toBe(text);
  expect(result.found).toEqual(found);
  return result;
}

/** The same, as a table row's test body. */
function scrubsTo(input: string, text: string, found: Found): void {
  expectScrub(input, text, found);
}

describe('NHS numbers', () => {
  it.each<Case>([
    ['nhs 943 476 5919', 'nhs [nhs number]', { nhs_number: 1 }],
    ['NHS no: 9434765919 o/s Tesco', 'NHS no: [nhs number] o/s Tesco', { nhs_number: 1 }],
    ['(943-476-5919)', '([nhs number])', { nhs_number: 1 }],
    ['pt 4010232137 and 9876543210', 'pt [nhs number] and [nhs number]', { nhs_number: 2 }],
    // Ten digits failing the check are still removed, counted as the other number they may be.
    ['ref 943 476 5918', 'ref [hospital number]', { hospital_number: 1 }],
    ['nhs 943.476.5919', 'nhs [nhs number]', { nhs_number: 1 }],
    ['NHS No.9434765919', 'NHS No.[nhs number]', { nhs_number: 1 }],
    ['NHS#9434765919', 'NHS#[nhs number]', { nhs_number: 1 }],
    ['0123456780 called', '[phone] called', { phone: 1 }],
  ])('%j → %j', scrubsTo);
});

describe('phone numbers', () => {
  it.each<Case>([
    ['mob 07700 900123', 'mob [phone]', { phone: 1 }],
    ['tel 07700900123', 'tel [phone]', { phone: 1 }],
    ['call +44 7700 900123', 'call [phone]', { phone: 1 }],
    ['+447700900123', '[phone]', { phone: 1 }],
    ['0044 20 7946 0018', '[phone]', { phone: 1 }],
    ['+44 (0)20 7946 0018', '[phone]', { phone: 1 }],
    ['(020) 7946 0018 home', '[phone] home', { phone: 1 }],
    ['020-7946-0018', '[phone]', { phone: 1 }],
    ['0161 496 0123 mum', '[phone] mum', { phone: 1 }],
    ['01632 960123', '[phone]', { phone: 1 }],
    ['mob07700900123', 'mob[phone]', { phone: 1 }],
    ['tel:07700900123', 'tel:[phone]', { phone: 1 }],
  ])('%j → %j', scrubsTo);
});

describe('e-mail addresses', () => {
  it.each<Case>([
    ['email john.smith@example.com', 'email [email]', { email: 1 }],
    ['J_SMITH99@NHS.NET pls contact', '[email] pls contact', { email: 1 }],
    ['a.b+c@mail.example.co.uk', '[email]', { email: 1 }],
  ])('%j → %j', scrubsTo);
});

describe('dates of birth', () => {
  it.each<Case>([
    ['DOB 12/03/1990', '[dob]', { date_of_birth: 1 }],
    ['dob:12.03.1990 o/s Tesco', '[dob] o/s Tesco', { date_of_birth: 1 }],
    ['d.o.b. 12-03-90', '[dob]', { date_of_birth: 1 }],
    ['D.O.B 12/3/1990', '[dob]', { date_of_birth: 1 }],
    ['born 1990-03-12', '[dob]', { date_of_birth: 1 }],
    ['date of birth 12 March 1990', '[dob]', { date_of_birth: 1 }],
    ['born on 3rd Mar 1990', '[dob]', { date_of_birth: 1 }],
    ['DOB 12 03 1990 o/s Tesco', '[dob] o/s Tesco', { date_of_birth: 1 }],
    ['dob 12031990', '[dob]', { date_of_birth: 1 }],
    // A full date on its own in a location is most likely a birth date; it is not needed to place the assault.
    ['12/03/1990 High Rd', '[dob] High Rd', { date_of_birth: 1 }],
  ])('%j → %j', scrubsTo);
});

describe('hospital numbers', () => {
  it.each<Case>([
    ['MRN RF1234567', '[hospital number]', { hospital_number: 1 }],
    ['hosp no 12345678 o/s Tesco', '[hospital number] o/s Tesco', { hospital_number: 1 }],
    ['hospital number: K 123 4567', '[hospital number]', { hospital_number: 1 }],
    ['RF1234567 at bus stop', '[hospital number] at bus stop', { hospital_number: 1 }],
    ['unit no. 0012345', '[hospital number]', { hospital_number: 1 }],
    ['ref 1234567', 'ref [hospital number]', { hospital_number: 1 }],
  ])('%j → %j', scrubsTo);

  it('uses the site pattern for numbers no generic shape catches', () => {
    expectScrub('ref QH-123456 Barking stn', 'ref QH-123456 Barking stn', {});
    expectScrub('ref QH-123456 Barking stn', 'ref [hospital number] Barking stn', { hospital_number: 1 }, { hospitalNumberPattern: String.raw`^QH-\d{6}$` });
  });

  it("removes the row's own hospital number however it is spaced", () => {
    expectScrub('pt QH 123 456 at Barking stn', 'pt [hospital number] at Barking stn', { hospital_number: 1 }, { knownIdentifiers: { hospitalNumber: 'QH123456' } });
  });

  it('refuses an invalid site pattern, naming it', () => {
    expect(() => scrubFreeText('x', { hospitalNumberPattern: 'QH-(\\d{6}' })).toThrow(/Invalid hospitalNumberPattern "QH-\(\\\\d\{6\}"/);
  });
});

describe('postcodes: returned for the geocoder, replaced by their sector', () => {
  it.each<[string, string, string[]]>([
    ['o/s 123 High Rd N17 9LZ', 'o/s 123 High Rd N17 9', ['N17 9LZ']],
    ['n179lz', 'N17 9', ['N17 9LZ']],
    ['RM8 2XX and IG11 7QJ', 'RM8 2 and IG11 7', ['RM8 2XX', 'IG11 7QJ']],
    ['N17 9LZ twice N17 9LZ', 'N17 9 twice N17 9', ['N17 9LZ']],
    ['E1 6AN', 'E1 6', ['E1 6AN']],
    ['W1A 1AA', 'W1A 1', ['W1A 1AA']],
  ])('%j → %j', (input, text, postcodes) => {
    const result = scrubFreeText(input);
    expect(result.text).toBe(text);
    expect(result.postcodes).toEqual(postcodes);
    expect(result.found.full_postcode).toBe(result.text.split(/\b[A-Z]{1,2}\d[A-Z\d]? \d\b/).length - 1);
  });

  it.each([
    ['N17', 'a district alone'],
    ['N17 9', 'a sector alone'],
    ['10 past 5 on the A10', 'digits and a road number'],
    ['bus 341 to 2pm', 'route and time'],
  ])('leaves %j alone (%s)', (input) => {
    const result = scrubFreeText(input);
    expect(result.text).toBe(input);
    expect(result.postcodes).toEqual([]);
  });

  it("marks the text as a home when the postcode is the patient's own", () => {
    const result = scrubFreeText('outside N17 6QP', { knownIdentifiers: { patientPostcode: 'n17 6qp' } });
    expect(result).toEqual({ text: 'outside N17 6', found: { full_postcode: 1 }, isHome: true, postcodes: ['N17 6QP'] });
  });
});

describe('private addresses', () => {
  it.each<[string, string, Found]>([
    ["pt's home 14 Elm Rd", "pt's home [address]", { private_address: 1 }],
    ['at his flat 3b Acacia Ave', 'at his flat [address]', { private_address: 1 }],
    ['own address 22 Lordship Lane N17 6QP', 'own address [address] N17 6', { private_address: 1, full_postcode: 1 }],
    ['home address: 5 The Avenue', 'home address: [address]', { private_address: 1 }],
    ['at home - 10-12 Park Road', 'at home - [address]', { private_address: 1 }],
    ["partner's house 7 Cedar Close", "partner's house [address]", { private_address: 1 }],
    ['flat 3, 14 Elm Road', '[address]', { private_address: 1 }],
    ['Flat 12 Broadwater Farm', '[address] Broadwater Farm', { private_address: 1 }],
    ['assaulted by ex partner at 14 Elm Rd', 'assaulted by ex partner at [address]', { private_address: 1 }],
    ['DV 41 Acacia Avenue', 'DV [address]', { private_address: 1 }],
    ['lives at 14 Elm Rd', 'lives at [address]', { private_address: 1 }],
    ['address 14 Elm Rd', 'address [address]', { private_address: 1 }],
    ['at her mums 22 Acacia Ave', 'at her mums [address]', { private_address: 1 }],
    ['his mates flat 3 Elm Ct', 'his mates flat [address]', { private_address: 1 }],
  ])('%j → %j, a home', (input, text, found) => {
    const result = expectScrub(input, text, found);
    expect(result.isHome).toBe(true);
  });

  it.each([
    ['at home'],
    ['HOME'],
    ['Home - kitchen'],
    ['own home'],
    ["pts house"],
    ["at Dave's flat"],
    ['private dwelling'],
    ['in the flat'],
  ])('%j is a home with nothing to remove', (input) => {
    const result = scrubFreeText(input);
    expect(result.isHome).toBe(true);
    expect(result.found).toEqual({});
  });

  it("removes the patient's own address wherever it appears, without a home cue", () => {
    const result = expectScrub('o/s 14 Elm Rd', 'o/s [address]', { private_address: 1 }, { knownIdentifiers: { address: 'Flat 2, 14 Elm Road, London' } });
    expect(result.isHome).toBe(true);
  });

  it.each([
    ['o/s 551 High Rd', 'a numbered shop front with no home cue'],
    ['10 past 5 o/s 551 High Rd', 'a time is not a house number'],
    ['2 men at Elm Rd', 'a count of people is not a house number'],
    ['at Home Bargains Wood Green', 'a shop called Home'],
    ['Rehoboth Children\'s Home', 'an institution, not a private dwelling'],
    ['The Coach House pub', 'a pub called House'],
    ['public house Lordship Lane', 'a pub'],
  ])('keeps %j (%s)', (input) => {
    const result = scrubFreeText(input);
    expect(result.text).toBe(input);
    expect(result.isHome).toBe(false);
  });
});

describe('person names', () => {
  it.each<Case>([
    ['assaulted by ex partner John Smith at 14 Elm Rd', 'assaulted by ex partner [name] at [address]', { person_name: 1, private_address: 1 }],
    ['boyfriend Dave', 'boyfriend [name]', { person_name: 1 }],
    ['his brother Mike hit him', 'his brother [name] hit him', { person_name: 1 }],
    ['ex-boyfriend Tyrone Okafor o/s Tesco', 'ex-boyfriend [name] o/s Tesco', { person_name: 1 }],
    ['EX PARTNER JOHN SMITH AT BRUCE GROVE', 'EX PARTNER [name] AT BRUCE GROVE', { person_name: 1 }],
    ['BOYFRIEND DAVE OUTSIDE KFC', 'BOYFRIEND [name] OUTSIDE KFC', { person_name: 1 }],
    ['boyfriend dave outside kfc', 'boyfriend [name] outside kfc', { person_name: 1 }],
    ['Mr Smith', '[name]', { person_name: 1 }],
    ['Mrs J. Okafor at bus stop', '[name] at bus stop', { person_name: 1 }],
    ['mr smith o/s Tesco', '[name] o/s Tesco', { person_name: 1 }],
    ['seen by Dr Patel', 'seen by [name]', { person_name: 1 }],
    ['Dave (boyfriend) at home', '[name] (boyfriend) at home', { person_name: 1 }],
    ['John Smith, her ex', '[name], her ex', { person_name: 1 }],
    ['assaulted by Kevin Jones', 'assaulted by [name]', { person_name: 1 }],
    ["friend Siobhan O'Shaughnessy", 'friend [name]', { person_name: 1 }],
    ['neighbour Mbeki-Rowe', 'neighbour [name]', { person_name: 1 }],
    ['known as Big Tony', 'known as [name]', { person_name: 1 }],
    ['ex partner john smith at home', 'ex partner [name] at home', { person_name: 1 }],
    ['Kevin Jones punched him o/s Tesco', '[name] punched him o/s Tesco', { person_name: 1 }],
    ['KEVIN JONES HIT HIM', '[name] HIT HIM', { person_name: 1 }],
    ['her fella Dean o/s Tesco', 'her fella [name] o/s Tesco', { person_name: 1 }],
    ['suspect: John Smith', 'suspect: [name]', { person_name: 1 }],
    ['fiancé Marco', 'fiancé [name]', { person_name: 1 }],
    ['stepdad Gary Hill', 'stepdad [name]', { person_name: 1 }],
    ['boyfriend dariusz okonkwo at home', 'boyfriend [name] at home', { person_name: 1 }],
    ['bf Dave smith o/s Tesco', 'bf [name] o/s Tesco', { person_name: 1 }],
    ['Gary Hill (stepdad)', '[name] (stepdad)', { person_name: 1 }],
  ])('%j → %j', scrubsTo);

  it("removes the patient's and next of kin's names wherever they appear", () => {
    expectScrub('pt Dariusz Okonkwo says mum Jolanta came', 'pt [name] says mum [name] came', { person_name: 2 }, {
      knownIdentifiers: { patientName: 'OKONKWO, Dariusz', nextOfKin: 'Jolanta Okonkwo 07700 900123' },
    });
  });

  it('keeps a known name that is part of a place', () => {
    expectScrub("St John's Rd, nr John Smith", "St John's Rd, nr [name]", { person_name: 1 }, { knownIdentifiers: { patientName: 'John Smith' } });
    expectScrub('Green Lanes', 'Green Lanes', {}, { knownIdentifiers: { patientName: 'Mary Green' } });
  });
});

describe('places that must survive untouched', () => {
  it.each([
    'o/s The Queens Head',
    'Wetherspoons high rd',
    'jct of Philip Ln & Black Boy Ln',
    'McDonalds Wood Green',
    'Tottenham Hale stn',
    "St Ann's Rd",
    'Bruce Grove stn',
    'Bobby Moore Way',
    'Albert Road nr the park',
    "o/s Mother Kelly's",
    'The Bill Nicholson',
    'Alexandra Palace',
    'Seven Sisters tube',
    'Elm Dr Tottenham',
    'friend\'s birthday at The Victoria',
    'outside Nando\'s Wood Green',
    'A406 North Circular',
    'b/w Lordship Lane & Church Rd',
    'opp Turnpike Lane stn, 10 past 11',
    'Dagenham Heathway nr Iceland',
    "KING'S HEAD CROUCH END",
    'Dr Martens shop',
    'Uncle Johns Bakery Ltd',
    'o/s Nicola Smith',
    'David Lewis Chemists',
    'John Perry Primary School',
    'St John Vianney school',
    'by Mary Lane',
    'friend o/s Tesco',
    'partner x2 at Wood Green',
    'ex partner came round drunk',
    'bf high rd',
    'Muswell Hill Broadway',
  ])('%j', (input) => {
    expectScrub(input, input, {});
  });
});

describe('the returned text', () => {
  it('collapses the spaces a removal leaves and never echoes what it removed', () => {
    const result = scrubFreeText('  pt  John Smith   DOB 12/03/1990  07700 900123 ', { knownIdentifiers: { patientName: 'John Smith' } });
    expect(result.text).toBe('pt [name] [dob] [phone]');
  });

  it('gives an empty text for an empty input', () => {
    expect(scrubFreeText('')).toEqual({ text: '', found: {}, isHome: false, postcodes: [] });
  });
});
