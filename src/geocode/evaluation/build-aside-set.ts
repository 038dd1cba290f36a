/**
 * Builds the *aside* evaluation set (`sets/aside.csv`): location texts written
 * by hand, the way ED reception staff type them (../shared/notes/domain.md),
 * from local knowledge of the two boroughs' streets, stations, parks, schools,
 * pubs and shops, before and without looking at the gazetteer's entries or the
 * geocoder's rules. It is scored only with `npm run eval:geocode -- --aside`,
 * once tuning is over: its figures are the honest estimate of what the
 * geocoder does with text nobody tuned against.
 *
 *   npx tsx src/geocode/evaluation/build-aside-set.ts [DATA_DIR]
 *
 * Each text carries a truth *spec*; the truth itself comes from the open data:
 * - `street:NAME[@DISTRICT]`: the LSOAs of the street in the FSA-derived street
 *   list (features with that name, in the district if given) and the LSOAs where
 *   police.uk placed a crime "On or near NAME" (within 600 m of such a feature
 *   when the list has it). Same-named streets over 1.5 km apart with no district
 *   to choose between them: `ambiguous`, unless they share their postcode district
 *   (one long road stored as several features, see one-road.ts).
 * - `junction:A+B`: any LSOA of either street.
 * - `postcode:PC` / `sector:PC-SECTOR`: the postcode's LSOA / any LSOA of the sector.
 * - `place:PATTERN`: points of landmarks, pubs or food premises of the borough
 *   whose name matches PATTERN (a regular expression over the lower-cased name):
 *   one point, or several within 400 m: any of their LSOAs (a park's every LSOA);
 *   several further apart: `ambiguous`.
 * - `home`, `unknown`, `no_match` (outside the area, not a place), `ambiguous`.
 * A text whose truth the data cannot give (a place the open data does not hold)
 * is left out and counted, never guessed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { sharedDataDir } from './shared-data.ts';
import { ownDistrict } from './one-road.ts';
import { ASIDE_SET } from './run.ts';
import { seededRandom } from '../../lib/seeded-random.ts';
import { metresBetween } from '../../lib/distance.ts';


type Borough = 'haringey' | 'barking_and_dagenham';
const SITES: Record<Borough, [string, string]> = { haringey: ['RAPNM', 'RKEQ4'], barking_and_dagenham: ['RF4QH', 'RF4DG'] };

/** [text, truth spec] */
const H: Array<[string, string]> = [
  // streets, with and without shorthand, numbers (scrubbed or not), districts, o/s, nr, opp
  ['high rd n17', 'street:High Road@N17'],
  ['HIGH ROAD TOTTENHAM', 'street:High Road@N17'],
  ['high rd', 'ambiguous'],
  ['o/s [number] high road n22', 'street:High Road@N22'],
  ['high road wood green', 'street:High Road@N22'],
  ['lordship lane', 'street:Lordship Lane'],
  ['lordship ln n17', 'street:Lordship Lane@N17'],
  ['[number] lordship lane n22', 'street:Lordship Lane@N22'],
  ['west green rd', 'street:West Green Road'],
  ['WEST GREEN ROAD N15', 'street:West Green Road@N15'],
  ['philip lane', 'street:Philip Lane'],
  ['phillip lane n15', 'street:Philip Lane'],
  ['broad lane n15', 'street:Broad Lane'],
  ['st anns rd', 'street:St Ann\'s Road'],
  ['st ann\'s road n15', 'street:St Ann\'s Road'],
  ['seven sisters rd n15', 'street:Seven Sisters Road@N15'],
  ['green lanes n8', 'street:Green Lanes@N8'],
  ['green lanes harringay', 'street:Green Lanes@N4|N8'],
  ['grn lanes n4', 'street:Green Lanes@N4'],
  ['wightman rd', 'street:Wightman Road'],
  ['turnpike lane', 'place:turnpike lane (underground )?station|^turnpike lane$'],
  ['tottenham lane n8', 'street:Tottenham Lane'],
  ['park rd crouch end', 'street:Park Road@N8'],
  ['crouch end broadway', 'street:The Broadway@N8'],
  ['crouch end hill', 'street:Crouch End Hill'],
  ['white hart ln', 'street:White Hart Lane'],
  ['bruce grove', 'place:bruce grove station|^bruce grove$'],
  ['chesnut rd n17', 'street:Chesnut Road'],
  ['chestnut road tottenham', 'street:Chesnut Road'],
  ['monument way', 'street:Monument Way'],
  ['ferry lane n17', 'street:Ferry Lane'],
  ['the roundway', 'street:The Roundway'],
  ['park lane n17', 'street:Park Lane@N17'],
  ['bounds green rd', 'street:Bounds Green Road'],
  ['station rd wood green', 'street:Station Road@N22'],
  ['mayes rd n22', 'street:Mayes Road'],
  ['alexandra park rd', 'street:Alexandra Park Road'],
  ['muswell hill broadway', 'street:Muswell Hill Broadway'],
  ['fortis green rd', 'street:Fortis Green Road'],
  ['colney hatch ln', 'street:Colney Hatch Lane'],
  ['archway rd n6', 'street:Archway Road'],
  ['highgate high st', 'street:Highgate High Street'],
  ['priory rd n8', 'street:Priory Road@N8'],
  ['ferme park rd', 'street:Ferme Park Road'],
  ['stroud green rd', 'street:Stroud Green Road'],
  ['hornsey high st', 'street:High Street@N8'],
  ['tynemouth rd', 'street:Tynemouth Road'],
  ['markfield rd n15', 'street:Markfield Road'],
  ['hermitage rd', 'street:Hermitage Road'],
  ['endymion rd n4', 'street:Endymion Road'],
  ['mount pleasant rd n17', 'street:Mount Pleasant Road'],
  ['westbury ave', 'street:Westbury Avenue'],
  ['lymington avenue', 'street:Lymington Avenue'],
  ['commerce rd n22', 'street:Commerce Road'],
  ['scotland green', 'street:Scotland Green'],
  ['church rd tottenham', 'street:Church Road@N17'],
  ['creighton rd', 'street:Creighton Road'],
  ['kitchener rd n17', 'street:Kitchener Road'],
  ['tower gardens rd', 'street:Tower Gardens Road'],
  ['dongola rd', 'street:Dongola Road'],
  ['clyde rd n15', 'street:Clyde Road'],
  ['black boy lane', 'street:Black Boy Lane'],
  ['blackboy ln n15', 'street:Black Boy Lane'],
  ['woodside ave', 'street:Woodside Avenue'],
  ['lansdowne rd n17', 'street:Lansdowne Road'],
  ['middle lane n8', 'street:Middle Lane'],
  ['weston park', 'street:Weston Park'],
  ['queens ave n10', 'street:Queens Avenue'],
  ['Hornsey Rd', 'no_match'],
  ['o/s no [number] wightman road', 'street:Wightman Road'],
  ['outside [number] westbury ave n22', 'street:Westbury Avenue'],
  ['nr [number] broad lane', 'street:Broad Lane'],
  ['opp [number] philip ln', 'street:Philip Lane'],
  ['lordship lane bus stop', 'street:Lordship Lane'],
  ['on the street, west green rd', 'street:West Green Road'],
  ['pt states assaulted on high rd n17', 'street:High Road@N17'],
  ['assaulted in street - seven sisters road', 'street:Seven Sisters Road'],
  ['lordshp lane', 'street:Lordship Lane'],
  ['west gren road', 'street:West Green Road'],
  ['wightmen rd', 'street:Wightman Road'],
  ['tottenham hgh rd', 'street:High Road@N17'],
  ['bruce grve', 'place:bruce grove station|^bruce grove$'],
  ['muswel hill broadway', 'street:Muswell Hill Broadway'],
  // junctions
  ['jct high rd / lordship lane', 'junction:High Road+Lordship Lane'],
  ['junction of west green rd and philip lane', 'junction:West Green Road+Philip Lane'],
  ['corner of green lanes & st anns rd', 'junction:Green Lanes+St Ann\'s Road'],
  ['jnc broad lane/high rd n15', 'junction:Broad Lane+High Road'],
  ['wightman rd j/w turnpike lane', 'junction:Wightman Road+Turnpike Lane'],
  ['park lane x high road n17', 'junction:Park Lane+High Road'],
  // postcodes and sectors (random real postcodes below), stations, parks, schools, pubs, shops
  ['tottenham hale station', 'place:tottenham hale (underground |rail )?station'],
  ['o/s tottenham hale stn', 'place:tottenham hale (underground |rail )?station'],
  ['seven sisters tube', 'place:seven sisters (underground )?station'],
  ['outside seven sisters stn', 'place:seven sisters (underground )?station'],
  ['turnpike lane tube stn', 'place:turnpike lane (underground )?station'],
  ['wood green tube', 'place:wood green (underground )?station'],
  ['bounds green stn', 'place:bounds green (underground )?station'],
  ['highgate tube station', 'place:highgate (underground )?station'],
  ['hornsey station', 'place:^hornsey (rail )?station'],
  ['harringay green lanes station', 'place:harringay green lanes'],
  ['white hart lane station', 'place:white hart lane (rail )?station'],
  ['northumberland park stn', 'place:northumberland park (rail )?station'],
  ['south tottenham station', 'place:south tottenham'],
  ['alexandra palace station', 'place:alexandra palace (rail )?station'],
  ['bruce grove stn', 'place:bruce grove (rail )?station'],
  ['crouch hill station', 'place:crouch hill'],
  ['tottenham hale bus stn', 'place:tottenham hale bus station'],
  ['finsbury park', 'place:^finsbury park$'],
  ['in finsbury pk', 'place:^finsbury park$'],
  ['lordship rec', 'place:lordship rec'],
  ['bruce castle park', 'place:bruce castle'],
  ['downhills park', 'place:downhills'],
  ['priory park n8', 'place:^priory park'],
  ['alexandra park', 'place:^alexandra park$|^alexandra palace$'],
  ['ally pally', 'place:^alexandra palace$'],
  ['alexandra palace', 'place:^alexandra palace$'],
  ['markfield park', 'place:markfield'],
  ['chestnuts park', 'place:chestnuts park'],
  ['highgate wood', 'place:^highgate wood$'],
  ['queens wood', 'place:queen.?s wood'],
  ['tottenham marshes', 'place:tottenham marshes'],
  ['the park', 'unknown'],
  ['in a park', 'unknown'],
  ['gladesmore school', 'place:gladesmore'],
  ['park view academy', 'place:park view'],
  ['o/s woodside high school', 'place:woodside high'],
  ['northumberland park school', 'place:northumberland park community|northumberland park school'],
  ['hornsey school for girls', 'place:hornsey school'],
  ['fortismere school', 'place:fortismere'],
  ['highgate wood school', 'place:highgate wood school|highgate wood secondary'],
  ['alexandra park school', 'place:alexandra park school'],
  ['greig city academy', 'place:greig'],
  ['st thomas more school', 'place:st thomas more'],
  ['at school', 'unknown'],
  ['school', 'unknown'],
  ['the mall wood green', 'place:^the mall'],
  ['wood green shopping city', 'place:shopping city|^the mall'],
  ['tottenham hotspur stadium', 'place:tottenham hotspur stadium|white hart lane stadium'],
  ['spurs ground', 'place:tottenham hotspur stadium|white hart lane stadium'],
  ['tottenham police station', 'place:tottenham police'],
  ['wood green library', 'place:wood green (central )?library'],
  ['marcus garvey library', 'place:marcus garvey'],
  ['bernie grant centre', 'place:bernie grant'],
  ['tottenham green', 'place:^tottenham green'],
  ['the salisbury pub green lanes', 'place:^(the )?salisbury'],
  ['o/s salisbury pub', 'place:^(the )?salisbury'],
  ['the maynard arms', 'place:maynard'],
  ['great northern railway tavern', 'place:great northern railway'],
  ['three compasses hornsey', 'place:three compasses'],
  ['the victoria stakes', 'place:victoria stakes'],
  ['antwerp arms', 'place:antwerp'],
  ['beehive pub n17', 'place:^(the )?beehive'],
  ['the gate house highgate', 'place:gate ?house'],
  ['queens pub crouch end', 'place:^(the )?queens'],
  ['mcdonalds', 'ambiguous'],
  ['o/s mcdonalds', 'ambiguous'],
  ['kfc', 'ambiguous'],
  ['tesco', 'ambiguous'],
  ['outside tesco', 'ambiguous'],
  ['chicken shop', 'unknown'],
  ['a chicken shop on high rd', 'ambiguous'],
  ['mcdonalds wood green', 'place:mcdonald.*@N22'],
  ['kfc seven sisters', 'place:^kfc@N15'],
  ['tesco tottenham hale', 'place:tesco@N17'],
  ['sainsburys muswell hill', 'place:sainsbury@N10'],
  ['lidl tottenham', 'ambiguous'],
  ['wetherspoons wood green', 'place:wetherspoon|^the ?spouter|^the wood green|^wood green@N22'],
  ['wetherspoons', 'ambiguous'],
  ['nandos', 'ambiguous'],
  ['greggs high rd', 'ambiguous'],
  // outside the borough: must not be placed
  ['tottenham court rd', 'no_match'],
  ['oxford st', 'no_match'],
  ['camden town', 'no_match'],
  ['edmonton green', 'no_match'],
  ['edmonton green bus station', 'no_match'],
  ['enfield town', 'no_match'],
  ['walthamstow central', 'no_match'],
  ['archway station', 'no_match'],
  ['holloway road', 'no_match'],
  ['angel islington', 'no_match'],
  ['stamford hill', 'no_match'],
  ['stoke newington high st', 'no_match'],
  ['kings cross station', 'no_match'],
  ['in central london', 'no_match'],
  ['brixton', 'no_match'],
  ['ponders end', 'no_match'],
  ['arnos grove', 'no_match'],
  ['southgate', 'no_match'],
  ['silver st edmonton', 'no_match'],
  ['fore st n18', 'no_match'],
  // home and unknown
  ['pts home', 'home'],
  ['at home', 'home'],
  ['home address', 'home'],
  ['in own flat', 'home'],
  ['friends house', 'home'],
  ['partners flat', 'home'],
  ['at home - dv', 'home'],
  ['in the house', 'home'],
  ['residence', 'home'],
  ['pt home n17', 'home'],
  ['u/k', 'unknown'],
  ['n/k', 'unknown'],
  ['unkown', 'unknown'],
  ['pt unable to say', 'unknown'],
  ['not known', 'unknown'],
  ['declined', 'unknown'],
  ['pt wouldnt say', 'unknown'],
  ['NFA', 'unknown'],
  ['street', 'unknown'],
  ['on the street', 'unknown'],
  ['on a bus', 'unknown'],
  ['on bus', 'unknown'],
  ['in a car', 'unknown'],
  ['at work', 'unknown'],
  ['at a party', 'unknown'],
  ['outside a shop', 'unknown'],
  ['in a pub', 'unknown'],
  ['nightclub', 'unknown'],
  ['by the station', 'unknown'],
  ['?', 'unknown'],
  ['-', 'unknown'],
  ['n/a', 'unknown'],
  ['did not say', 'unknown'],
  ['pt too drunk to say', 'unknown'],
  ['in prison', 'unknown'],
  ['police custody', 'unknown'],
];

const B: Array<[string, string]> = [
  ['ripple rd', 'street:Ripple Road'],
  ['RIPPLE ROAD BARKING', 'street:Ripple Road@IG11'],
  ['east st barking', 'street:East Street@IG11'],
  ['east street', 'street:East Street'],
  ['station parade barking', 'street:Station Parade@IG11'],
  ['london rd barking', 'street:London Road@IG11'],
  ['north st ig11', 'street:North Street@IG11'],
  ['longbridge rd', 'street:Longbridge Road'],
  ['longbridge road ig11', 'street:Longbridge Road@IG11'],
  ['upney lane', 'street:Upney Lane'],
  ['movers ln', 'street:Movers Lane'],
  ['river rd barking', 'street:River Road'],
  ['thames rd', 'street:Thames Road'],
  ['gascoigne rd', 'street:Gascoigne Road'],
  ['the heathway', 'street:Heathway'],
  ['heathway dagenham', 'street:Heathway'],
  ['o/s [number] heathway', 'street:Heathway'],
  ['wood lane dagenham', 'street:Wood Lane'],
  ['becontree ave', 'street:Becontree Avenue'],
  ['valence ave', 'street:Valence Avenue'],
  ['VALENCE AVENUE RM8', 'street:Valence Avenue@RM8'],
  ['green lane rm8', 'street:Green Lane@RM8'],
  ['green ln dagenham', 'street:Green Lane@RM8|RM9|RM10'],
  ['whalebone lane south', 'street:Whalebone Lane South'],
  ['whalebone ln nth', 'street:Whalebone Lane North'],
  ['high rd chadwell heath', 'street:High Road@RM6'],
  ['high road rm6', 'street:High Road@RM6'],
  ['rainham rd sth', 'street:Rainham Road South'],
  ['rainham road north', 'street:Rainham Road North'],
  ['oxlow lane', 'street:Oxlow Lane'],
  ['porters ave', 'street:Porters Avenue'],
  ['parsloes ave', 'street:Parsloes Avenue'],
  ['gale st', 'street:Gale Street'],
  ['lodge ave dagenham', 'street:Lodge Avenue'],
  ['goresbrook rd', 'street:Goresbrook Road'],
  ['ballards rd', 'street:Ballards Road'],
  ['new rd dagenham', 'street:New Road@RM9|RM10'],
  ['chequers ln', 'street:Chequers Lane'],
  ['bennetts castle lane', 'street:Bennetts Castle Lane'],
  ['hedgemans rd', 'street:Hedgemans Road'],
  ['broad st dagenham', 'street:Broad Street@RM10'],
  ['church st rm10', 'street:Church Street@RM10'],
  ['frizlands ln', 'street:Frizlands Lane'],
  ['reede rd', 'street:Reede Road'],
  ['cannington rd', 'street:Cannington Road'],
  ['bastable ave', 'street:Bastable Avenue'],
  ['sterry rd', 'street:Sterry Road'],
  ['renwick rd', 'street:Renwick Road'],
  ['faircross ave', 'street:Faircross Avenue'],
  ['tanner st barking', 'street:Tanner Street'],
  ['axe st', 'street:Axe Street'],
  ['abbey rd barking', 'street:Abbey Road@IG11'],
  ['fanshawe ave', 'street:Fanshawe Avenue'],
  ['westrow drive', 'street:Westrow Drive'],
  ['alibon rd', 'street:Alibon Road'],
  ['mill lane chadwell heath', 'street:Mill Lane@RM6'],
  ['grove rd rm6', 'street:Grove Road@RM6'],
  ['station rd chadwell heath', 'street:Station Road@RM6'],
  ['freshwater rd', 'street:Freshwater Road'],
  ['rose lane', 'street:Rose Lane'],
  ['chadwell heath lane', 'street:Chadwell Heath Lane'],
  ['dagenham rd', 'street:Dagenham Road'],
  ['wantz rd', 'street:Wantz Road'],
  ['stamford rd dagenham', 'street:Stamford Road'],
  ['ripple rd o/s [number]', 'street:Ripple Road'],
  ['outside no [number] longbridge rd', 'street:Longbridge Road'],
  ['nr [number] valence avenue', 'street:Valence Avenue'],
  ['opp [number] becontree avenue', 'street:Becontree Avenue'],
  ['rippel road', 'street:Ripple Road'],
  ['longbrige rd', 'street:Longbridge Road'],
  ['becontre ave', 'street:Becontree Avenue'],
  ['whalebone lne', 'ambiguous'],
  ['heathwey', 'street:Heathway'],
  ['valance ave', 'street:Valence Avenue'],
  ['on the street in east st', 'street:East Street'],
  ['pt assaulted on ripple rd by unknown male', 'street:Ripple Road'],
  ['jct ripple rd / movers lane', 'junction:Ripple Road+Movers Lane'],
  ['junction of heathway and wood lane', 'junction:Heathway+Wood Lane'],
  ['corner of longbridge rd and upney ln', 'junction:Longbridge Road+Upney Lane'],
  ['valence ave j/w becontree ave', 'junction:Valence Avenue+Becontree Avenue'],
  ['jnct of green lane & becontree avenue', 'junction:Green Lane+Becontree Avenue'],
  ['barking station', 'place:^barking (rail |underground )?station'],
  ['o/s barking stn', 'place:^barking (rail |underground )?station'],
  ['upney station', 'place:upney'],
  ['becontree stn', 'place:^becontree (underground )?station'],
  ['dagenham heathway station', 'place:dagenham heathway'],
  ['heathway tube', 'place:dagenham heathway'],
  ['dagenham east station', 'place:dagenham east'],
  ['chadwell heath station', 'place:chadwell heath (rail )?station'],
  ['dagenham dock station', 'place:dagenham dock'],
  ['barking riverside', 'place:^barking riverside$'],
  ['barking park', 'place:^barking park'],
  ['mayesbrook park', 'place:mayesbrook'],
  ['parsloes park', 'place:parsloes'],
  ['valence park', 'place:^valence park'],
  ['central park dagenham', 'place:^central park'],
  ['eastbrookend country park', 'place:eastbrookend'],
  ['st chads park', 'place:chad'],
  ['old dagenham park', 'place:old dagenham'],
  ['greatfields park', 'place:greatfields'],
  ['goresbrook park', 'place:goresbrook'],
  ['beam parklands', 'place:beam park'],
  ['barking abbey', 'place:^barking abbey$|barking abbey (ruins|remains)'],
  ['eastbury manor house', 'place:eastbury manor'],
  ['valence house', 'place:valence house'],
  ['vicarage field shopping centre', 'place:vicarage field'],
  ['dagenham civic centre', 'place:civic centre'],
  ['robert clack school', 'place:robert clack'],
  ['jo richardson school', 'place:jo richardson'],
  ['eastbury school', 'place:eastbury (community )?school|eastbury academy'],
  ['barking abbey school', 'place:barking abbey school'],
  ['sydney russell school', 'place:sydney russell'],
  ['all saints school dagenham', 'place:all saints'],
  ['dagenham park school', 'place:dagenham park'],
  ['warren school', 'place:^warren (comprehensive )?school'],
  ['abbey leisure centre', 'place:abbey leisure'],
  ['becontree leisure centre', 'place:becontree leisure'],
  ['the barking dog', 'place:barking dog'],
  ['o/s barking dog pub', 'place:barking dog'],
  ['the cross keys dagenham', 'place:cross keys'],
  ['lord denman', 'place:lord denman'],
  ['the admiral vernon', 'place:admiral vernon'],
  ['mcdonalds barking', 'place:mcdonald.*@IG11'],
  ['mcdonalds', 'ambiguous'],
  ['kfc', 'ambiguous'],
  ['kfc heathway', 'place:^kfc@RM10|RM9'],
  ['asda dagenham', 'place:asda@RM9|RM10'],
  ['tesco', 'ambiguous'],
  ['wetherspoons barking', 'place:barking dog|wetherspoon@IG11'],
  ['greggs', 'ambiguous'],
  ['costa', 'ambiguous'],
  ['chicken shop ripple rd', 'ambiguous'],
  ['bus stop', 'unknown'],
  ['on the 5 bus', 'unknown'],
  // outside the borough
  ['romford market', 'no_match'],
  ['romford station', 'no_match'],
  ['ilford station', 'no_match'],
  ['ilford high rd', 'no_match'],
  ['goodmayes', 'no_match'],
  ['seven kings station', 'no_match'],
  ['stratford', 'no_match'],
  ['westfield stratford', 'no_match'],
  ['east ham high st', 'no_match'],
  ['upminster', 'no_match'],
  ['rainham station', 'no_match'],
  ['hornchurch', 'no_match'],
  ['canning town', 'no_match'],
  ['beckton', 'no_match'],
  ['elm park station', 'no_match'],
  ['collier row', 'no_match'],
  ['gants hill', 'no_match'],
  ['lakeside', 'no_match'],
  // home and unknown
  ['pts own home', 'home'],
  ['at home address', 'home'],
  ['px home', 'home'],
  ['home', 'home'],
  ['at mums house', 'home'],
  ['in his flat', 'home'],
  ['ex partners house', 'home'],
  ['domestic - home', 'home'],
  ['home rm9', 'home'],
  ['inside home', 'home'],
  ['unknown', 'unknown'],
  ['UNKNOWN', 'unknown'],
  ['uknown', 'unknown'],
  ['pt cant remember', 'unknown'],
  ['not stated', 'unknown'],
  ['pt refused', 'unknown'],
  ['unsure', 'unknown'],
  ['no fixed abode', 'unknown'],
  ['outside', 'unknown'],
  ['in the road', 'unknown'],
  ['on a train', 'unknown'],
  ['at the shops', 'unknown'],
  ['outside a pub', 'unknown'],
  ['at a friends', 'home'],
  ['in a taxi', 'unknown'],
  ['near the station', 'unknown'],
  ['in custody', 'unknown'],
  ['hostel', 'unknown'],
  ['work', 'unknown'],
  ['as above', 'unknown'],
];

interface Point { name: string; lon: number; lat: number; lsoas: string[]; district: string }
interface Street { name: string; lon: number; lat: number; lsoas: string[]; districts: string[]; ownDistrict: string | null }
interface PoliceRow { street: string; lon: number; lat: number; lsoa: string }
interface Case { text: string; site: string; outcome: string; lsoas: string[]; group: string }

const lower = (s: string): string => s.toLowerCase().replace(/[’']/g, "'");
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function load(dataDir: string, borough: Borough) {
  const dir = path.join(dataDir, borough);
  const features = (file: string) =>
    (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { features: Array<{ properties: Record<string, unknown>; geometry: { coordinates: [number, number] } }> }).features;
  const streets: Street[] = features('streets_fhrs_derived.geojson').map((f) => ({
    name: lower(str(f.properties['name'])), lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1],
    lsoas: (f.properties['lsoa21_all'] as string[] | undefined) ?? [str(f.properties['lsoa21cd'])],
    districts: (f.properties['postcode_districts'] as string[] | undefined) ?? [],
    ownDistrict: ownDistrict(f),
  }));
  const points: Point[] = [];
  for (const file of ['landmarks_osm_2019.geojson', 'landmarks_schools_parks_ogl.geojson', 'licensed_premises_osm_pubs.geojson', 'food_drink_premises_fhrs_2020.geojson']) {
    for (const f of features(file)) {
      const lsoas = (f.properties['lsoa21_all'] as string[] | undefined) ?? [str(f.properties['lsoa21cd'])];
      const pc = str(f.properties['postcode']) || str(f.properties['addr:postcode']);
      // Stations are named bare in the landmark data ("Seven Sisters"): the truth index calls them stations.
      const station = f.properties['landmark_type'] === 'rail_or_tube_station' ? ' station' : '';
      points.push({ name: lower(str(f.properties['name'])) + station, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1], lsoas: lsoas.filter(Boolean), district: pc.split(' ')[0] ?? '' });
    }
  }
  const police: PoliceRow[] = (parse(readFileSync(path.join(dir, 'police_uk_street_crime_burglary_only_2024-03_2025-02.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>)
    .map((r) => ({ street: lower((r['Location'] ?? '').replace(/^On or near /, '')), lon: Number(r['Longitude']), lat: Number(r['Latitude']), lsoa: r['LSOA code'] ?? '' }));
  const postcodes = (parse(readFileSync(path.join(dir, 'postcodes.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>)
    .map((r) => ({ postcode: r['postcode'] ?? '', lsoa: r['lsoa21cd'] ?? '', edge: Number(r['lsoa21_boundary_dist_m']) }));
  return { streets, points, police, postcodes };
}
type Data = ReturnType<typeof load>;

type Truth = { outcome: string; lsoas: string[] } | null;

function streetTruth(data: Data, spec: string, outcome = 'street'): Truth {
  const [name, districtList] = spec.split('@');
  const key = lower(name!);
  const districts = districtList ? districtList.split('|') : null;
  const all = data.streets.filter((s) => s.name === key);
  const features = districts ? all.filter((s) => s.districts.some((d) => districts.includes(d))) : all;
  const policeRows = data.police.filter((p) => p.street === key);
  if (features.length === 0) {
    if (districts || policeRows.length === 0) return null;
    return { outcome, lsoas: [...new Set(policeRows.map((p) => p.lsoa))] };
  }
  // Features of one name in one postcode district are one long road (one-road.ts), however far apart.
  const oneRoad = features.every((f) => f.ownDistrict !== null && f.ownDistrict === features[0]!.ownDistrict);
  const far = !oneRoad && features.some((a, i) => features.slice(i + 1).some((b) => metresBetween([a.lon, a.lat], [b.lon, b.lat]) > 1500));
  if (far && !districts) return { outcome: 'ambiguous', lsoas: [] };
  const near = policeRows.filter((p) => features.some((f) => metresBetween([f.lon, f.lat], [p.lon, p.lat]) < 600));
  return { outcome, lsoas: [...new Set([...features.flatMap((f) => f.lsoas), ...near.map((p) => p.lsoa)])] };
}

function truthOf(data: Data, spec: string): Truth {
  const [kind, rest = ''] = spec.split(/:(.*)/s) as [string, string?];
  switch (kind) {
    case 'home': case 'unknown': case 'no_match': case 'ambiguous':
      return { outcome: kind, lsoas: [] };
    case 'street':
      return streetTruth(data, rest);
    case 'junction': {
      const parts = rest.split('+').map((s) => streetTruth(data, s, 'junction'));
      if (parts.some((p) => p === null || p.outcome !== 'junction')) return null;
      return { outcome: 'junction', lsoas: [...new Set(parts.flatMap((p) => p!.lsoas))] };
    }
    case 'postcode': {
      const row = data.postcodes.find((p) => p.postcode === rest);
      return row ? { outcome: 'postcode', lsoas: [row.lsoa] } : null;
    }
    case 'sector': {
      const rows = data.postcodes.filter((p) => p.postcode.startsWith(`${rest} `) || p.postcode.slice(0, -2) === rest);
      return rows.length > 0 ? { outcome: 'postcode_sector', lsoas: [...new Set(rows.map((p) => p.lsoa))] } : null;
    }
    case 'place': {
      const [pattern, districtList] = rest.split('@');
      const re = new RegExp(pattern!);
      const districts = districtList ? districtList.split('|') : null;
      const hits = data.points.filter((p) => re.test(p.name) && (!districts || districts.includes(p.district)));
      if (hits.length === 0) return null;
      const far = hits.some((a, i) => hits.slice(i + 1).some((b) => metresBetween([a.lon, a.lat], [b.lon, b.lat]) > 400));
      if (far) return { outcome: 'ambiguous', lsoas: [] };
      return { outcome: 'place', lsoas: [...new Set(hits.flatMap((h) => h.lsoas))] };
    }
    default:
      throw new Error(`unknown truth spec ${spec}`);
  }
}


/** Postcodes and sectors as typed: spacing, case and a word or two around them. */
function postcodeCases(data: Data, random: () => number): Array<[string, string]> {
  const usable = data.postcodes.filter((p) => p.edge >= 20);
  const out: Array<[string, string]> = [];
  const forms = [(pc: string) => pc, (pc: string) => pc.toLowerCase().replace(' ', ''), (pc: string) => `o/s shop ${pc.toLowerCase()}`, (pc: string) => `street ${pc}`, (pc: string) => `nr ${pc.replace(' ', '  ')}`];
  for (let i = 0; i < 8; i++) {
    const row = usable[Math.floor(random() * usable.length)]!;
    out.push([forms[i % forms.length]!(row.postcode), `postcode:${row.postcode}`]);
  }
  for (let i = 0; i < 3; i++) {
    const row = usable[Math.floor(random() * usable.length)]!;
    const sector = row.postcode.slice(0, -2);
    out.push([i === 0 ? sector : `street ${sector.toLowerCase()}`, `sector:${sector}`]);
  }
  return out;
}

function main(): void {
  const dataDir = process.argv[2] ?? sharedDataDir();
  if (!dataDir) throw new Error('no shared data directory');
  const random = seededRandom(1594);
  const cases: Case[] = [];
  let dropped = 0;
  for (const [borough, list] of [['haringey', H], ['barking_and_dagenham', B]] as const) {
    const data = load(dataDir, borough);
    const sites = SITES[borough];
    for (const [index, [text, spec]] of [...list, ...postcodeCases(data, random)].entries()) {
      const truth = truthOf(data, spec);
      if (!truth) {
        dropped++;
        console.log(`left out (no truth in the data): ${text} [${spec}]`);
        continue;
      }
      const outcome = truth.outcome === 'place' ? 'landmark' : truth.outcome;
      cases.push({ text, site: sites[index % 2]!, outcome, lsoas: truth.lsoas, group: `aside_${spec.split(':')[0]}` });
    }
  }
  writeFileSync(ASIDE_SET, stringify(cases.map((c) => [c.text, c.site, c.outcome, c.lsoas.join('|'), c.group]), { header: true, columns: ['text', 'site_code', 'expected_outcome', 'expected_lsoa', 'group'] }));
  console.log(`${cases.length} texts written, ${dropped} left out`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
