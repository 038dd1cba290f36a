/**
 * Word lists the scrubber reasons with. They are deliberately small and
 * specific: each list exists to make one rule precise, and the comment says
 * which. Compare in lower case.
 */

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/**
 * Words that end a street or place name. A capitalised word followed by one of
 * these is part of a place ("Philip Ln", "Bruce Grove", "Bobby Moore Way"),
 * not a person, and a house number followed by words ending in one is an address.
 */
export const STREET_SUFFIXES = words(`
  road rd street st avenue ave av lane ln grove gr gro gardens gdns gdn close cl crescent cres cresc
  drive dr way place pl court ct terrace terr tce parade pde square sq hill park green row mews walk
  rise vale broadway approach end gate yard wharf embankment circus causeway path passage hollow
  common heath chase croft mead meadow meadows ride view estate
`);

/**
 * Words naming a kind of place or business. A capitalised word next to one is a
 * place name ("Tottenham Hale stn", "Alexandra Palace", "Bruce Castle"), not a person.
 */
export const PLACE_WORDS = words(`
  station stn tube overground bus stop garage depot line railway rly pub bar inn tavern arms head
  club nightclub hotel cafe restaurant takeaway chicken kebab pizza shop store stores supermarket
  market mall centre center library school academy college university uni church chapel mosque temple
  hospital surgery clinic palace castle hall house tower towers lodge farm field fields recreation
  rec leisure pool gym stadium ground cinema theatre bridge roundabout car carpark parking flats
  block buildings building works factory office offices wood woods marsh marshes reservoir lock
  cemetery sidings brewery taproom kitchen lounge suite emporium company ltd limited plc bakery
  butcher butchers servery food foods wine wines grill newsagent newsagents barber barbers salon
`);

/** Words written before a person's name. "Dr" is also Drive, and is only a title when it does not follow a capitalised word. */
export const TITLES = words(`mr mrs ms miss mx dr master sir dame`);

/**
 * Relationship words after which reception staff write a name ("ex partner John
 * Smith", "boyfriend Dave", "his brother Mike") and before which a name can come
 * ("Dave (boyfriend)"). Multi-word forms are matched by the rule itself.
 */
export const RELATIONSHIP_WORDS = words(`
  partner expartner ex boyfriend girlfriend bf gf husband wife spouse fiance fiancee fiancé fiancée brother sister
  bro sis son daughter mother mum mom mam father dad stepdad stepfather stepmum stepmother stepson
  stepdaughter uncle aunt auntie aunty cousin nephew niece grandson granddaughter grandfather
  grandmother grandad granddad nan nana gran friend mate pal neighbour neighbor flatmate housemate
  roommate lodger landlord landlady tenant colleague boss carer acquaintance associate fella bloke
  babyfather babymother bm bd suspect assailant attacker perpetrator offender
`);

/**
 * Relationship words that make a numbered address in the same text a dwelling:
 * violence by a partner or family member at "14 Elm Rd" is violence at a home.
 */
export const DOMESTIC_WORDS = words(`
  partner expartner ex boyfriend girlfriend bf gf husband wife spouse fiance fiancee brother sister
  son daughter mother mum mom mam father dad stepdad stepfather stepmum stepmother uncle aunt
  cousin nephew niece dv domestic family relative
`);

/**
 * Capitalised words that are never the start of a name in this text. They stop
 * a name run, so that "BOYFRIEND DAVE OUTSIDE TESCO" keeps "OUTSIDE TESCO".
 */
export const NOT_NAME_WORDS = words(`
  a an the and or of at in on by to from with without into onto near nr opp opposite outside os
  inside behind beside between bw junction jct jnc corner cnr off upon up down over under
  home house flat address his her their my pt pts px patient patients own unknown uk nk na nfa
  he she they him them who was were is are had has have did not no yes police ambulance lfb
  hit punched kicked stabbed slashed glassed bottled attacked assaulted assault assaults struck
  beaten headbutted bitten pushed robbed mugged threw thrown used using during after before
  when while then also again same other another someone somebody unknown stranger strangers
  group gang male males female females man men woman women boy boys girl girls youth youths
  came come comes went go goes gone said says say got get gets was being been drunk intoxicated sober
  turned turns arrived left leaving came round there here it its this that these those which what where
  why how very just only also too well all some any both each few more most much many several such
  argued arguing argument fight fought fighting dispute row chased followed broke broken smashed damaged
  known involved present threatened threatening shouting verbal physical unprovoked allegedly reportedly
  again twice once previous previously ongoing history hx
  dv domestic am pm tonight today yesterday last night morning evening afternoon weekend
  monday tuesday wednesday thursday friday saturday sunday
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
  street road lane st rd ln ave
`);

/**
 * Verbs of violence. A given name and surname followed by one is the assailant
 * ("Kevin Jones punched him"); without one the pair may be a business named after
 * its owner ("o/s Nicola Smith", "David Lewis Chemists") and is left alone.
 */
export const ASSAULT_VERBS = words(`
  hit hits punched punches punch kicked kicks kick stabbed stabs stab slashed glassed bottled attacked attacks
  assaulted assaults struck strikes beat beats beaten headbutted bit bites bitten pushed pushes robbed mugged
  threw throws smashed strangled choked grabbed slapped slaps shoved jumped threatened
`);

/**
 * Common given names, used only where the context already suggests a person
 * ("assaulted by Dave Jones", "with Kevin"): never to scrub a name on its own,
 * because streets and pubs carry given names too ("Albert Road", "Nicholas Nickleby").
 */
export const GIVEN_NAMES = words(`
  aaron abdul adam adrian ahmed aisha alan alex ali alice amir amy andrew andy angela ann anna anne
  anthony ashley ben bernard bill billy bob bobby brian callum carl carol charlie chloe chris
  christopher claire craig damian daniel danny darren dave david dean debbie dylan emma emily eric
  fatima gary george grace graham hannah harry helen ian jack jake james jamie jane jason jay jenny
  jessica jim jimmy joe john jon jonathan jordan joseph josh julie karen kate kayleigh keith kelly
  kevin kieran kyle lee lewis liam lisa louise luke mandy marcus mark martin mary matt matthew
  michael mick mike mohamed mohammed muhammad nathan neil nick nicola omar owen patrick paul peter
  phil rachel reece rebecca richard rick rob robert ryan sam samantha sarah scott sean shane
  sharon simon sophie stephen steve steven stuart susan terry thomas tom tony tracy tyrone wayne
  william yusuf zoe
`);
