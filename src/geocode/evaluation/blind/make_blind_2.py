#!/usr/bin/env python3
"""make_blind_2.py - blind evaluation set 2: an independent evaluation set of ED assault-location free texts (Haringey, Barking & Dagenham).

Writes blind-2.csv (text,site_code,expected_outcome,expected_lsoa,group), blind-2-dropped.log (every case the
data could not settle, with the reason) and blind-2-truth-notes.log (what each truth was set from).
Python 3 standard library only; deterministic (random.Random(SEED), sorted inputs). The open-data folder is
taken from $BLIND_DATA, else the shared data folder beside the repository. Runs in a few seconds.

HOW THE TEXTS WERE MADE
  The texts below were written by hand from knowledge of reception-desk shorthand and of the two boroughs,
  before the data was consulted; the data was then used only to set or check each truth, and a case is dropped
  (and logged) when the data cannot settle it. Exceptions: unit postcodes and postcode sectors are drawn (seeded)
  from Code-Point Open, because no one can recall real unit postcodes; their wordings are hand-written.
  A seeded ~half of the place texts get reception-style noise (prefix "pt states"/"assaulted"/"punched",
  suffix "??"/"- glass"/"(3 males)"/"?time 2am", UPPER or Title case). Noise never adds a place word.
  Site code: seeded choice of RAPNM/RKEQ4 (Haringey texts) or RF4DG/RF4QH (Barking & Dagenham texts); a text is
  only ever resolved against its own borough's data.

OUTCOMES
  placed: premises, landmark, street, junction, area, postcode, postcode_sector -> expected_lsoa lists every 2021
  LSOA that counts as right, joined by "|". A placed answer is right when its LSOA is in the list.
  must-not-place: home, unknown, ambiguous, no_match -> expected_lsoa empty.
  "LSOAs within r m of a point" = the LSOA holding the point plus every 2021 LSOA whose (20 m generalised) edge
  is within r metres (local equirectangular metres), so both sides of a boundary road are listed.

HOW EACH GROUP'S TRUTH IS SET
  pub_name / pub_misspelt: OSM pubs + FHRS pub/bar/nightclub, restaurant/cafe and hotel records whose name, after
      dropping "the", "pub", "ph", equals the key or is the key plus only words like inn/tavern/arms/bar/hotel.
      Records of that name within 150 m of each other, or sharing a postcode, are one site. One site -> premises,
      LSOAs within 30 m of every record point of the site. Two or more sites -> ambiguous (pub_shared_name),
      unless the text's area word leaves exactly one site within 1 km of the area's reference point.
      Misspelt texts carry the truth of the correctly spelt name.
  pub_outside / station_outside: well-known pubs, stations, hospitals and places just outside (or far from) the
      two boroughs -> no_match, kept only if each distinctive phrase occurs in NO name in the data (FHRS names
      and non-generic address lines, OSM pubs, streets, police.uk street labels, bus-stop names, stations,
      places, schools, parks, both boroughs); otherwise dropped (e.g. "romford" is in an FHRS trading name,
      "finsbury park" is a registered park in Haringey, "archway" is in Archway Road).
  chain_*: branches = FHRS records whose name matches the brand pattern, records within 60 m merged.
      brand + station word: branches within 400 m of the OSM station point.
      brand + area word: branches whose FHRS address has a locality line equal to the area name, or within
          800 m of the area's OSM place node (or same-named station when there is no place node), or (areas
          with no node or station, e.g. Chadwell Heath) in an LSOA of the ward of that name.
      brand + street: branches whose FHRS parsed street is that street (and, with an area word, that also
          satisfy the area rule).
      Exactly one branch -> premises (chain_one_branch), LSOAs within 30 m of its record points; two or more
      -> ambiguous (chain_several_branches). Dropped: no branch selected (the store may postdate the 2020
      register), or, when fewer than two are selected, a branch lies in the uncertain band (300-500 m for a
      station, 600-1000 m for an area) without being named by its address.
      Brand alone: one branch in the borough -> premises (chain_brand_alone_one_branch); several -> ambiguous
      (chain_brand_alone); none -> no_match (chain_brand_no_branch).
  school / school_shared: DfE schools whose name contains the key (saint->st). Records within 200 m are one
      site (infant + junior on one site). One site -> landmark, LSOAs within 75 m of each record; several
      sites -> ambiguous.
  station: the OSM station or bus-station point of that exact name -> landmark, LSOAs within 50 m.
  park: registered park (Historic England) -> landmark, every LSOA its polygon overlaps (lsoa21_all).
  street / street_number / street_misspelt / street_single / street_same_name: evidence points for a street
      name = the FHRS-derived street's sample postcode points and representative point, every FHRS record whose
      parsed street is that name, and every police.uk point "On or near <name>". They are grouped by
      single linkage at 700 m; names known to be one continuous road split by sampling gaps (LONG_STREETS,
      checked one by one) are kept as one group. One group -> street, LSOAs within 30 m of every evidence
      point. Several groups -> ambiguous, unless an area word or postcode district in the text selects exactly
      one group (area: a group point within 1 km of the area reference point or in the same-named ward;
      district: a group sample postcode in that district); if it selects none or several, dropped.
      "[number]" (a scrubbed house number) does not change the truth. A name with no evidence -> dropped.
  junction / junction_meets_twice: pairs of evidence points of the two streets within 200 m of each other
      (groups of 1-2 points of a street that also has a group of 10+ points are ignored as stray labels).
      The pairs are clustered at 400 m; one cluster -> junction, LSOAs within 120 m of the midpoint of its
      closest pair plus the LSOAs of both points; several clusters -> ambiguous (the streets meet in two
      places) unless an area word keeps exactly one. No pair within 200 m -> dropped (meeting not shown).
  area / area_vague: LSOAs within 500 m of the OSM place node of that name (800 m for a place_town), plus
      LSOAs within 50 m of a same-named station (500 m when there is no place node), plus every LSOA of a
      same-named ward. Nothing of that name -> dropped. Vague wordings ("somewhere in tottenham", "around
      wood green") are labelled area: the area is known, only the spot within it is not.
  postcode: a seeded unit postcode of the borough with positional quality 10, >= 20 m from an LSOA edge and
      inside its own borough -> postcode, its Code-Point LSOA (plus any LSOA within 10 m).
  postcode_sector: a seeded sector with >= 20 postcodes -> postcode_sector, every LSOA holding one of its
      postcodes (any point within the sector counts).
  home / home_with_postcode: any private dwelling -> home, whoever lives there (patient, friend, partner, ex,
      relative, neighbour, house party at a friend's), and the patient's own room in a hostel or bedsit; home
      wins over a street or postcode given with it ("at home [number] lordship lane", "pt's home N17 ...").
  unknown: the location was not obtained (n/k, unk, refused, can't remember, intoxicated ?location, "-",
      "see notes", "nfa - location unknown", ...).
  generic_word: a kind of place with no name (the pub, bus stop, car park, on a bus, at work, ...) -> no_match;
      a phrase is dropped if, without stop words, it equals a name in the data (e.g. "chicken shop" is an
      FHRS trading name, "the park" a street, "high street" a street).
  word_in_premises_name: ordinary phrases whose words occur inside real premises names ("in the kitchen",
      "food and wine", "in the street") -> no_match; dropped if the phrase equals a name; moved to
      generic_word if its words occur in no name.
  digits_not_postcode: times, counts and bus numbers with a generic place -> no_match.
"""
# ---------------------------------------------------------------------------
# THE TEXTS.  Written from knowledge of how reception staff write and of the two
# boroughs, before the data was consulted.  Each entry: (group, borough, text, spec)
#   borough 'H' = Haringey (sites RAPNM / RKEQ4), 'B' = Barking & Dagenham (RF4DG / RF4QH)
#   spec = how the truth is looked up in the open data (see the docstring).
# ---------------------------------------------------------------------------
H, B = 'H', 'B'

PUBS = [
    # --- Haringey pubs, plain names and with locating words
    ('pub_name', H, 'the salisbury', ('pub', 'salisbury')),
    ('pub_name', H, 'o/s salisbury pub green lanes', ('pub', 'salisbury')),
    ('pub_name', H, 'inside the queens crouch end', ('pub', 'queens', 'Crouch End')),
    ('pub_name', H, 'kings head', ('pub', 'kings head')),
    ('pub_name', B, 'the crown', ('pub', 'crown')),
    ('pub_name', H, 'the crown pub', ('pub', 'crown')),
    ('pub_name', H, 'great northern railway tavern', ('pub', 'great northern railway tavern')),
    ('pub_name', H, 'o/s the great northern railway pub hornsey high st', ('pub', 'great northern railway tavern')),
    ('pub_name', H, 'bill nicholson pub', ('pub', 'bill nicholson')),
    ('pub_name', H, 'outside the bill nicholson white hart lane', ('pub', 'bill nicholson')),
    ('pub_name', H, 'mossy well muswell hill', ('pub', 'mossy well')),
    ('pub_name', H, 'in the mossy well', ('pub', 'mossy well')),
    ('pub_name', H, 'antwerp arms', ('pub', 'antwerp arms')),
    ('pub_name', H, 'o/s antwerp arms church rd n17', ('pub', 'antwerp arms')),
    ('pub_name', H, 'twelve pins', ('pub', 'twelve pins')),
    ('pub_name', H, 'clissold arms fortis green', ('pub', 'clissold arms')),
    ('pub_name', H, 'maynard arms', ('pub', 'maynard arms')),
    ('pub_name', H, 'beer garden maynard arms park rd', ('pub', 'maynard arms')),
    ('pub_name', H, 'harringay arms', ('pub', 'harringay arms')),
    ('pub_name', H, 'victoria stakes', ('pub', 'victoria stakes')),
    ('pub_name', H, 'o/s the wrestlers highgate', ('pub', 'wrestlers')),
    ('pub_name', H, 'the woodman archway rd', ('pub', 'woodman')),
    ('pub_name', H, 'three compasses hornsey', ('pub', 'three compasses')),
    ('pub_name', H, 'kings head crouch end', ('pub', 'kings head')),
    ('pub_name', H, 'high cross pub tottenham', ('pub', 'high cross')),
    ('pub_name', H, 'the beehive n17', ('pub', 'beehive')),
    ('pub_name', H, 'bricklayers arms', ('pub', 'bricklayers arms')),
    ('pub_name', H, 'o/s starting gate', ('pub', 'starting gate')),
    ('pub_name', H, 'starting gate pub station rd', ('pub', 'starting gate')),
    ('pub_name', H, 'toll gate turnpike lane', ('pub', 'toll gate')),
    ('pub_name', H, 'inside the toll gate wetherspoons', ('pub', 'toll gate')),
    ('pub_name', H, 'the phoenix ally pally', ('pub', 'phoenix')),
    ('pub_name', H, 'boogaloo', ('pub', 'boogaloo')),
    ('pub_name', H, 'garden ladder green lanes', ('pub', 'garden ladder')),
    ('pub_name', H, 'o/s ferry boat inn', ('pub', 'ferry boat')),
    ('pub_name', H, 'the swan tottenham high rd', ('pub', 'swan')),
    ('pub_name', H, 'coach and horses', ('pub', 'coach and horses')),
    ('pub_name', H, 'o/s the ship pub', ('pub', 'ship')),
    ('pub_name', H, 'fishmongers arms wood green', ('pub', 'fishmongers arms')),
    ('pub_name', H, 'the gatehouse highgate', ('pub', 'gatehouse')),
    ('pub_name', H, 'railway tavern', ('pub', 'railway tavern')),
    ('pub_name', H, 'the prince n22', ('pub', 'prince')),
    ('pub_name', H, 'brownswood pub', ('pub', 'brownswood')),
    ('pub_name', H, 'the faltering fullback', ('pub', 'faltering fullback')),
    ('pub_name', H, 'westbury pub', ('pub', 'westbury')),
    ('pub_name', H, 'hit with glass in the alexandra', ('pub', 'alexandra')),
    ('pub_name', H, 'the nightingale', ('pub', 'nightingale')),
    ('pub_name', H, 'priory tavern', ('pub', 'priory tavern')),
    ('pub_name', H, 'o/s red lion', ('pub', 'red lion')),
    ('pub_name', H, 'royal oak', ('pub', 'royal oak')),
    ('pub_name', H, 'the white hart pub', ('pub', 'white hart')),
    ('pub_name', H, 'the lord nelson', ('pub', 'lord nelson')),
    ('pub_name', H, 'elbow room', ('pub', 'elbow room')),
    ('pub_name', H, 'the goose wood green', ('pub', 'goose')),
    ('pub_name', H, 'o/s the railway hotel', ('pub', 'railway hotel')),
    # --- Barking & Dagenham pubs
    ('pub_name', B, 'the lighterman', ('pub', 'lighterman')),
    ('pub_name', B, 'o/s lighterman pub', ('pub', 'lighterman')),
    ('pub_name', B, 'spotted dog barking', ('pub', 'spotted dog')),
    ('pub_name', B, 'inside the spotted dog', ('pub', 'spotted dog')),
    ('pub_name', B, 'the eastbrook', ('pub', 'eastbrook')),
    ('pub_name', B, 'o/s eastbrook pub dagenham rd', ('pub', 'eastbrook')),
    ('pub_name', B, 'barking dog wetherspoons', ('pub', 'barking dog')),
    ('pub_name', B, 'the barking dog station parade', ('pub', 'barking dog')),
    ('pub_name', B, 'cherry tree pub', ('pub', 'cherry tree')),
    ('pub_name', B, 'o/s the cherry tree wood lane', ('pub', 'cherry tree')),
    ('pub_name', B, 'thatched house', ('pub', 'thatched house')),
    ('pub_name', B, 'the harrow', ('pub', 'harrow')),
    ('pub_name', B, 'lord denman heathway', ('pub', 'lord denman')),
    ('pub_name', B, 'inside lord denman pub', ('pub', 'lord denman')),
    ('pub_name', B, 'robin hood pub', ('pub', 'robin hood')),
    ('pub_name', B, 'the bull dagenham village', ('pub', 'bull')),
    ('pub_name', B, 'cross keys crown st', ('pub', 'cross keys')),
    ('pub_name', B, 'merry fiddlers', ('pub', 'merry fiddlers')),
    ('pub_name', B, 'admiral vernon', ('pub', 'admiral vernon')),
    ('pub_name', B, 'the britannia barking', ('pub', 'britannia')),
    ('pub_name', B, 'farmhouse tavern', ('pub', 'farmhouse tavern')),
    ('pub_name', B, 'the royal oak', ('pub', 'royal oak')),
    ('pub_name', B, 'the captain cook', ('pub', 'captain cook')),
    ('pub_name', B, 'o/s the three travellers', ('pub', 'three travellers')),
    ('pub_name', B, 'the fanshawe', ('pub', 'fanshawe')),
    ('pub_name', B, 'ship and shovel', ('pub', 'ship and shovel')),
    ('pub_name', H, 'the plough', ('pub', 'plough')),
    ('pub_name', H, 'o/s the victoria', ('pub', 'victoria')),
    ('pub_name', H, 'the bell pub', ('pub', 'bell')),
    ('pub_name', H, 'kings arms', ('pub', 'kings arms')),
    ('pub_name', H, 'the anchor', ('pub', 'anchor')),
    ('pub_name', H, 'prince of wales pub', ('pub', 'prince of wales')),
    ('pub_name', H, 'queens head', ('pub', 'queens head')),
    ('pub_name', H, 'o/s the railway', ('pub', 'railway')),
    ('pub_name', H, 'the black horse', ('pub', 'black horse')),
    ('pub_name', H, 'the bridge', ('pub', 'bridge')),
    ('pub_name', H, 'the golden lion', ('pub', 'golden lion')),
    ('pub_name', B, 'the plough', ('pub', 'plough')),
    ('pub_name', B, 'o/s the victoria', ('pub', 'victoria')),
    ('pub_name', B, 'the bell pub', ('pub', 'bell')),
    ('pub_name', B, 'kings arms', ('pub', 'kings arms')),
    ('pub_name', B, 'the anchor', ('pub', 'anchor')),
    ('pub_name', B, 'prince of wales pub', ('pub', 'prince of wales')),
    ('pub_name', B, 'queens head', ('pub', 'queens head')),
    ('pub_name', B, 'o/s the railway', ('pub', 'railway')),
    ('pub_name', B, 'the black horse', ('pub', 'black horse')),
    ('pub_name', B, 'the bridge', ('pub', 'bridge')),
    ('pub_name', B, 'the golden lion', ('pub', 'golden lion')),
    # --- misspelt pub names
    ('pub_misspelt', H, 'salisbery pub', ('pub', 'salisbury')),
    ('pub_misspelt', H, 'the salsbury green lanes', ('pub', 'salisbury')),
    ('pub_misspelt', H, 'mossywell', ('pub', 'mossy well')),
    ('pub_misspelt', H, 'great northen railway tavern', ('pub', 'great northern railway tavern')),
    ('pub_misspelt', H, 'antwerp armes', ('pub', 'antwerp arms')),
    ('pub_misspelt', H, 'bill nicolson pub', ('pub', 'bill nicholson')),
    ('pub_misspelt', H, 'clisold arms', ('pub', 'clissold arms')),
    ('pub_misspelt', H, 'maynerd arms', ('pub', 'maynard arms')),
    ('pub_misspelt', H, 'harringey arms', ('pub', 'harringay arms')),
    ('pub_misspelt', H, 'the tollgate', ('pub', 'toll gate')),
    ('pub_misspelt', B, 'litterman pub', ('pub', 'lighterman')),
    ('pub_misspelt', B, 'spoted dog', ('pub', 'spotted dog')),
    ('pub_misspelt', B, 'barkin dog', ('pub', 'barking dog')),
    ('pub_misspelt', B, 'east brook pub', ('pub', 'eastbrook')),
    ('pub_misspelt', B, 'lord denmen', ('pub', 'lord denman')),
    ('pub_misspelt', B, 'cherrytree pub', ('pub', 'cherry tree')),
    ('pub_misspelt', B, 'thatch house', ('pub', 'thatched house')),
    # --- pubs just outside the boroughs (distinctive name must not be in the data)
    ('pub_outside', H, 'the flask highgate village', ('outside', ['flask'])),
    ('pub_outside', H, 'whittington and cat', ('outside', ['whittington'])),
    ('pub_outside', H, "gilpin's bell edmonton", ('outside', ['gilpin', 'edmonton'])),
    ('pub_outside', H, 'the nags head holloway', ('outside', ['nags head', 'holloway'])),
    ('pub_outside', H, 'the auld shillelagh stoke newington', ('outside', ['shillelagh', 'stoke newington'])),
    ('pub_outside', B, 'the golden fleece ilford', ('outside', ['golden fleece', 'ilford'])),
    ('pub_outside', B, 'the moon and stars romford', ('outside', ['moon and stars', 'romford'])),
    ('pub_outside', B, 'the black lion plaistow', ('outside', ['black lion', 'plaistow'])),
]

CHAINS = [
    # brand + area / station / street (premises if one branch, ambiguous if several)
    ('chain', H, 'o/s mcdonalds wood green', ('chain', 'mcdonalds', 'area', 'Wood Green')),
    ('chain', H, 'mcdonalds tottenham', ('chain', 'mcdonalds', 'area', 'Tottenham')),
    ('chain', H, 'inside maccies seven sisters', ('chain', 'mcdonalds', 'station', 'Seven Sisters')),
    ('chain', H, 'mcdonalds tottenham hale', ('chain', 'mcdonalds', 'station', 'Tottenham Hale')),
    ('chain', H, 'macdonalds crouch end', ('chain', 'mcdonalds', 'area', 'Crouch End')),
    ('chain', H, 'kfc turnpike lane', ('chain', 'kfc', 'station', 'Turnpike Lane')),
    ('chain', H, 'inside kfc tottenham hale', ('chain', 'kfc', 'station', 'Tottenham Hale')),
    ('chain', H, 'o/s kfc wood green', ('chain', 'kfc', 'area', 'Wood Green')),
    ('chain', H, 'kfc bruce grove', ('chain', 'kfc', 'station', 'Bruce Grove')),
    ('chain', H, 'kfc west green rd', ('chain', 'kfc', 'street', 'west green road')),
    ('chain', H, 'tesco tottenham hale', ('chain', 'tesco', 'station', 'Tottenham Hale')),
    ('chain', H, 'tesco express crouch end', ('chain', 'tesco', 'area', 'Crouch End')),
    ('chain', H, 'tescos muswell hill', ('chain', 'tesco', 'area', 'Muswell Hill')),
    ('chain', H, 'o/s tesco green lanes', ('chain', 'tesco', 'street', 'green lanes')),
    ('chain', H, 'costa crouch end', ('chain', 'costa', 'area', 'Crouch End')),
    ('chain', H, 'costa coffee muswell hill', ('chain', 'costa', 'area', 'Muswell Hill')),
    ('chain', H, 'costa wood green', ('chain', 'costa', 'area', 'Wood Green')),
    ('chain', H, 'greggs bruce grove', ('chain', 'greggs', 'station', 'Bruce Grove')),
    ('chain', H, 'o/s greggs wood green', ('chain', 'greggs', 'area', 'Wood Green')),
    ('chain', H, 'greggs seven sisters', ('chain', 'greggs', 'station', 'Seven Sisters')),
    ('chain', H, 'nandos wood green', ('chain', 'nandos', 'area', 'Wood Green')),
    ('chain', H, "nando's crouch end", ('chain', 'nandos', 'area', 'Crouch End')),
    ('chain', H, 'nandos muswell hill', ('chain', 'nandos', 'area', 'Muswell Hill')),
    ('chain', H, 'subway seven sisters', ('chain', 'subway', 'station', 'Seven Sisters')),
    ('chain', H, 'subway turnpike lane', ('chain', 'subway', 'station', 'Turnpike Lane')),
    ('chain', H, 'sainsburys harringay', ('chain', 'sainsburys', 'area', 'Harringay')),
    ('chain', H, "sainsbury's muswell hill", ('chain', 'sainsburys', 'area', 'Muswell Hill')),
    ('chain', H, 'sainsburys crouch end', ('chain', 'sainsburys', 'area', 'Crouch End')),
    ('chain', H, 'lidl tottenham hale', ('chain', 'lidl', 'station', 'Tottenham Hale')),
    ('chain', H, 'lidl wood green', ('chain', 'lidl', 'area', 'Wood Green')),
    ('chain', H, 'iceland wood green', ('chain', 'iceland', 'area', 'Wood Green')),
    ('chain', H, 'iceland tottenham', ('chain', 'iceland', 'area', 'Tottenham')),
    ('chain', H, 'dominos muswell hill', ('chain', 'dominos', 'area', 'Muswell Hill')),
    ('chain', H, "domino's pizza tottenham", ('chain', 'dominos', 'area', 'Tottenham')),
    ('chain', H, 'morrisons wood green', ('chain', 'morrisons', 'area', 'Wood Green')),
    ('chain', H, 'co-op crouch end', ('chain', 'coop', 'area', 'Crouch End')),
    ('chain', H, 'coop muswell hill', ('chain', 'coop', 'area', 'Muswell Hill')),
    ('chain', H, 'burger king wood green', ('chain', 'burger king', 'area', 'Wood Green')),
    ('chain', H, 'o/s burger king tottenham hale', ('chain', 'burger king', 'station', 'Tottenham Hale')),
    ('chain', H, 'pizza hut wood green', ('chain', 'pizza hut', 'area', 'Wood Green')),
    ('chain', H, 'dixy chicken tottenham', ('chain', 'dixy', 'area', 'Tottenham')),
    ('chain', H, 'chicken cottage wood green', ('chain', 'chicken cottage', 'area', 'Wood Green')),
    ('chain', H, 'starbucks muswell hill', ('chain', 'starbucks', 'area', 'Muswell Hill')),
    ('chain', H, 'caffe nero crouch end', ('chain', 'nero', 'area', 'Crouch End')),
    ('chain', H, 'mcdonalds high rd n22', ('chain', 'mcdonalds', 'street', 'high road', 'Wood Green')),
    ('chain', H, 'greggs high rd tottenham', ('chain', 'greggs', 'street', 'high road', 'Tottenham')),
    ('chain', H, 'subway archway rd', ('chain', 'subway', 'street', 'archway road')),
    ('chain', H, 'costa broadway crouch end', ('chain', 'costa', 'street', 'the broadway', 'Crouch End')),
    ('chain', B, 'mcdonalds barking', ('chain', 'mcdonalds', 'area', 'Barking')),
    ('chain', B, 'o/s mcdonalds dagenham heathway', ('chain', 'mcdonalds', 'station', 'Dagenham Heathway')),
    ('chain', B, 'mcdonalds chadwell heath', ('chain', 'mcdonalds', 'area', 'Chadwell Heath')),
    ('chain', B, 'maccies dagenham', ('chain', 'mcdonalds', 'area', 'Dagenham')),
    ('chain', B, 'kfc barking', ('chain', 'kfc', 'area', 'Barking')),
    ('chain', B, 'kfc heathway', ('chain', 'kfc', 'station', 'Dagenham Heathway')),
    ('chain', B, 'kfc becontree heath', ('chain', 'kfc', 'area', 'Becontree Heath')),
    ('chain', B, 'inside kfc chadwell heath', ('chain', 'kfc', 'area', 'Chadwell Heath')),
    ('chain', B, 'asda dagenham', ('chain', 'asda', 'area', 'Dagenham')),
    ('chain', B, 'asda barking', ('chain', 'asda', 'area', 'Barking')),
    ('chain', B, 'tesco goresbrook', ('chain', 'tesco', 'street', 'goresbrook road')),
    ('chain', B, 'tesco barking', ('chain', 'tesco', 'area', 'Barking')),
    ('chain', B, 'tesco chadwell heath', ('chain', 'tesco', 'area', 'Chadwell Heath')),
    ('chain', B, 'lidl barking', ('chain', 'lidl', 'area', 'Barking')),
    ('chain', B, 'lidl dagenham', ('chain', 'lidl', 'area', 'Dagenham')),
    ('chain', B, 'iceland barking', ('chain', 'iceland', 'area', 'Barking')),
    ('chain', B, 'iceland heathway', ('chain', 'iceland', 'station', 'Dagenham Heathway')),
    ('chain', B, 'greggs barking', ('chain', 'greggs', 'area', 'Barking')),
    ('chain', B, 'greggs heathway', ('chain', 'greggs', 'station', 'Dagenham Heathway')),
    ('chain', B, 'o/s greggs east st', ('chain', 'greggs', 'street', 'east street')),
    ('chain', B, 'costa barking', ('chain', 'costa', 'area', 'Barking')),
    ('chain', B, 'subway barking', ('chain', 'subway', 'area', 'Barking')),
    ('chain', B, 'subway heathway', ('chain', 'subway', 'station', 'Dagenham Heathway')),
    ('chain', B, 'morrisons dagenham', ('chain', 'morrisons', 'area', 'Dagenham')),
    ('chain', B, 'morrisons barking', ('chain', 'morrisons', 'area', 'Barking')),
    ('chain', B, 'sainsburys barking', ('chain', 'sainsburys', 'area', 'Barking')),
    ('chain', B, 'sainsburys chadwell heath', ('chain', 'sainsburys', 'area', 'Chadwell Heath')),
    ('chain', B, 'nandos barking', ('chain', 'nandos', 'area', 'Barking')),
    ('chain', B, 'dominos dagenham', ('chain', 'dominos', 'area', 'Dagenham')),
    ('chain', B, 'dominos barking', ('chain', 'dominos', 'area', 'Barking')),
    ('chain', B, 'coop becontree', ('chain', 'coop', 'station', 'Becontree')),
    ('chain', B, 'co-op upney', ('chain', 'coop', 'station', 'Upney')),
    ('chain', B, 'kfc ripple rd', ('chain', 'kfc', 'street', 'ripple road')),
    ('chain', B, 'mcdonalds ripple road', ('chain', 'mcdonalds', 'street', 'ripple road')),
    ('chain', B, 'greggs longbridge rd', ('chain', 'greggs', 'street', 'longbridge road')),
    ('chain', B, 'burger king barking', ('chain', 'burger king', 'area', 'Barking')),
    ('chain', B, 'chicken cottage barking', ('chain', 'chicken cottage', 'area', 'Barking')),
    ('chain', B, 'pizza hut dagenham', ('chain', 'pizza hut', 'area', 'Dagenham')),
    ('chain', B, 'aldi dagenham', ('chain', 'aldi', 'area', 'Dagenham')),
    ('chain', B, 'aldi barking', ('chain', 'aldi', 'area', 'Barking')),
    # brand alone
    ('chain_brand_alone', H, 'mcdonalds', ('chain', 'mcdonalds', None, None)),
    ('chain_brand_alone', H, 'o/s kfc', ('chain', 'kfc', None, None)),
    ('chain_brand_alone', H, 'tesco', ('chain', 'tesco', None, None)),
    ('chain_brand_alone', H, 'in costa', ('chain', 'costa', None, None)),
    ('chain_brand_alone', H, 'greggs', ('chain', 'greggs', None, None)),
    ('chain_brand_alone', H, 'nandos', ('chain', 'nandos', None, None)),
    ('chain_brand_alone', H, 'subway', ('chain', 'subway', None, None)),
    ('chain_brand_alone', H, 'sainsburys', ('chain', 'sainsburys', None, None)),
    ('chain_brand_alone', H, 'lidl car park', ('chain', 'lidl', None, None)),
    ('chain_brand_alone', H, 'iceland', ('chain', 'iceland', None, None)),
    ('chain_brand_alone', H, 'dominos', ('chain', 'dominos', None, None)),
    ('chain_brand_alone', H, 'co op', ('chain', 'coop', None, None)),
    ('chain_brand_alone', H, 'morrisons', ('chain', 'morrisons', None, None)),
    ('chain_brand_alone', H, 'asda', ('chain', 'asda', None, None)),
    ('chain_brand_alone', H, 'aldi', ('chain', 'aldi', None, None)),
    ('chain_brand_alone', B, 'mcdonalds', ('chain', 'mcdonalds', None, None)),
    ('chain_brand_alone', B, 'kfc', ('chain', 'kfc', None, None)),
    ('chain_brand_alone', B, 'o/s tesco', ('chain', 'tesco', None, None)),
    ('chain_brand_alone', B, 'greggs', ('chain', 'greggs', None, None)),
    ('chain_brand_alone', B, 'in asda', ('chain', 'asda', None, None)),
    ('chain_brand_alone', B, 'lidl', ('chain', 'lidl', None, None)),
    ('chain_brand_alone', B, 'iceland', ('chain', 'iceland', None, None)),
    ('chain_brand_alone', B, 'costa', ('chain', 'costa', None, None)),
    ('chain_brand_alone', B, 'subway', ('chain', 'subway', None, None)),
    ('chain_brand_alone', B, 'morrisons car park', ('chain', 'morrisons', None, None)),
    ('chain_brand_alone', B, 'sainsburys', ('chain', 'sainsburys', None, None)),
    ('chain_brand_alone', B, 'dominos', ('chain', 'dominos', None, None)),
    ('chain_brand_alone', B, 'nandos', ('chain', 'nandos', None, None)),
]

SCHOOLS = [
    ('school', H, 'o/s gladesmore school', ('school', 'gladesmore')),
    ('school', H, 'park view school', ('school', 'park view')),
    ('school', H, 'woodside high school', ('school', 'woodside high')),
    ('school', H, 'alexandra park school', ('school', 'alexandra park school')),
    ('school', H, 'hornsey school for girls', ('school', 'hornsey school for girls')),
    ('school', H, 'o/s highgate wood school', ('school', 'highgate wood')),
    ('school', H, 'fortismere school', ('school', 'fortismere')),
    ('school', H, 'greig city academy', ('school', 'greig city')),
    ('school', H, 'heartlands high', ('school', 'heartlands')),
    ('school', H, 'st thomas more school', ('school', 'st thomas more')),
    ('school', H, 'harris academy tottenham', ('school', 'harris academy tottenham')),
    ('school', H, 'northumberland park school', ('school', 'northumberland park')),
    ('school', H, 'dukes aldridge academy', ('school', 'dukes aldridge')),
    ('school', H, 'tiverton primary', ('school', 'tiverton')),
    ('school', H, 'coleridge primary school', ('school', 'coleridge')),
    ('school', H, 'rokesly school', ('school', 'rokesly')),
    ('school', H, 'earlham primary', ('school', 'earlham')),
    ('school', H, 'o/s lordship lane primary', ('school', 'lordship lane')),
    ('school', H, 'bruce grove primary', ('school', 'bruce grove primary')),
    ('school', H, 'devonshire hill school', ('school', 'devonshire hill')),
    ('school', H, 'risley ave school', ('school', 'risley avenue')),
    ('school', H, 'the willow primary', ('school', 'willow')),
    ('school', H, 'mulberry primary', ('school', 'mulberry primary')),
    ('school', H, 'mulberry academy', ('school', 'mulberry academy')),
    ('school', H, 'seven sisters primary school', ('school', 'seven sisters primary')),
    ('school', H, 'noel park school', ('school', 'noel park')),
    ('school', H, 'st marys school', ('school', 'st marys')),
    ('school', H, 'st pauls school', ('school', 'st pauls')),
    ('school', H, 'st ignatius school', ('school', 'st ignatius')),
    ('school', H, 'welbourne primary', ('school', 'welbourne')),
    ('school', H, 'belmont school', ('school', 'belmont')),
    ('school', H, 'st francis de sales', ('school', 'st francis de sales')),
    ('school', H, 'st johns school', ('school', 'st johns')),
    ('school', H, 'our lady school', ('school', 'our lady')),
    ('school', B, 'o/s barking abbey school', ('school', 'barking abbey')),
    ('school', B, 'eastbury school', ('school', 'eastbury')),
    ('school', B, 'jo richardson school', ('school', 'jo richardson')),
    ('school', B, 'robert clack school', ('school', 'robert clack')),
    ('school', B, 'sydney russell', ('school', 'sydney russell')),
    ('school', B, 'dagenham park school', ('school', 'dagenham park')),
    ('school', B, 'all saints school', ('school', 'all saints')),
    ('school', B, 'eastbrook school', ('school', 'eastbrook')),
    ('school', B, 'warren school', ('school', 'warren')),
    ('school', B, 'riverside school', ('school', 'riverside')),
    ('school', B, 'gascoigne primary', ('school', 'gascoigne')),
    ('school', B, 'ripple primary school', ('school', 'ripple')),
    ('school', B, 'northbury primary', ('school', 'northbury')),
    ('school', B, 'thomas arnold school', ('school', 'thomas arnold')),
    ('school', B, 'monteagle primary', ('school', 'monteagle')),
    ('school', B, 'marks gate school', ('school', 'marks gate')),
    ('school', B, 'valence primary', ('school', 'valence')),
    ('school', B, 'william bellamy', ('school', 'william bellamy')),
    ('school', B, 'parsloes primary', ('school', 'parsloes')),
    ('school', B, 'grafton school', ('school', 'grafton')),
    ('school', B, 'st josephs school', ('school', 'st josephs')),
    ('school', B, 'st peters school', ('school', 'st peters')),
    ('school', B, 'st teresa school', ('school', 'st teresa')),
    ('school', B, 'goresbrook school', ('school', 'goresbrook')),
    ('school', B, 'o/s becontree primary', ('school', 'becontree primary')),
]

STATIONS = [
    ('station', H, 'seven sisters tube', ('station', 'Seven Sisters')),
    ('station', H, 'o/s seven sisters station', ('station', 'Seven Sisters')),
    ('station', H, 'turnpike lane stn', ('station', 'Turnpike Lane')),
    ('station', H, 'o/s turnpike lane station', ('station', 'Turnpike Lane')),
    ('station', H, 'turnpike lane bus station', ('station', 'Turnpike Lane Bus Station')),
    ('station', H, 'wood green tube', ('station', 'Wood Green')),
    ('station', H, 'outside wood green tube station', ('station', 'Wood Green')),
    ('station', H, 'tottenham hale station', ('station', 'Tottenham Hale')),
    ('station', H, 'tottenham hale bus stn', ('station', 'Tottenham Hale Bus Station')),
    ('station', H, 'bruce grove stn', ('station', 'Bruce Grove')),
    ('station', H, 'on platform at bruce grove station', ('station', 'Bruce Grove')),
    ('station', H, 'white hart lane station', ('station', 'White Hart Lane')),
    ('station', H, 'bounds green tube', ('station', 'Bounds Green')),
    ('station', H, 'highgate tube station', ('station', 'Highgate')),
    ('station', H, 'harringay green lanes stn', ('station', 'Harringay Green Lanes')),
    ('station', H, 'hornsey station', ('station', 'Hornsey')),
    ('station', H, 'alexandra palace station', ('station', 'Alexandra Palace')),
    ('station', H, 'northumberland park stn', ('station', 'Northumberland Park')),
    ('station', H, 'south tottenham station', ('station', 'South Tottenham')),
    ('station', H, 'bowes park station', ('station', 'Bowes Park')),
    ('station', H, 'o/s 7 sisters tube', ('station', 'Seven Sisters')),
    ('station', H, 'ticket hall seven sisters', ('station', 'Seven Sisters')),
    ('station', B, 'barking stn', ('station', 'Barking')),
    ('station', B, 'o/s barking station', ('station', 'Barking')),
    ('station', B, 'barking bus stand', ('station', 'Barking bus Stand')),
    ('station', B, 'upney station', ('station', 'Upney')),
    ('station', B, 'becontree tube', ('station', 'Becontree')),
    ('station', B, 'dagenham heathway stn', ('station', 'Dagenham Heathway')),
    ('station', B, 'o/s heathway station', ('station', 'Dagenham Heathway')),
    ('station', B, 'dagenham east station', ('station', 'Dagenham East')),
    ('station', B, 'dagenham dock stn', ('station', 'Dagenham Dock')),
    ('station', B, 'on train at barking station platform', ('station', 'Barking')),
    ('park', H, 'ally pally', ('park', 'Alexandra Palace')),
    ('park', H, 'alexandra palace park', ('park', 'Alexandra Palace')),
    ('park', H, 'in finsbury park', ('park', 'Finsbury Park')),
    # stations / places just outside the boroughs -> no_match
    ('station_outside', H, 'edmonton green station', ('outside', ['edmonton'])),
    ('station_outside', H, 'o/s silver street stn', ('outside', ['silver street'])),
    ('station_outside', H, 'blackhorse road tube', ('outside', ['blackhorse'])),
    ('station_outside', H, 'walthamstow central', ('outside', ['walthamstow'])),
    ('station_outside', H, 'arnos grove station', ('outside', ['arnos grove'])),
    ('station_outside', H, 'southgate tube', ('outside', ['southgate'])),
    ('station_outside', H, 'east finchley stn', ('outside', ['finchley'])),
    ('station_outside', H, 'archway tube', ('outside', ['archway'])),
    ('station_outside', H, 'highbury and islington station', ('outside', ['highbury', 'islington'])),
    ('station_outside', H, 'holloway road tube', ('outside', ['holloway'])),
    ('station_outside', H, 'stoke newington station', ('outside', ['stoke newington'])),
    ('station_outside', H, 'stamford hill', ('outside', ['stamford hill'])),
    ('station_outside', H, 'manor house tube', ('outside', ['manor house'])),
    ('station_outside', H, 'finsbury park station', ('outside', ['finsbury park'])),
    ('station_outside', H, 'crouch hill station', ('outside', ['crouch hill'])),
    ('station_outside', H, 'enfield town', ('outside', ['enfield'])),
    ('station_outside', H, 'tottenham court road', ('outside', ['tottenham court'])),
    ('station_outside', H, 'angel islington', ('outside', ['angel', 'islington'])),
    ('station_outside', H, 'north middlesex hospital', ('outside', ['north middlesex'])),
    ('station_outside', H, 'whittington hospital', ('outside', ['whittington'])),
    ('station_outside', H, 'emirates stadium', ('outside', ['emirates'])),
    ('station_outside', H, 'edmonton green shopping centre', ('outside', ['edmonton'])),
    ('station_outside', H, 'palmers green', ('outside', ['palmers green'])),
    ('station_outside', H, 'brent cross', ('outside', ['brent cross'])),
    ('station_outside', B, 'ilford station', ('outside', ['ilford'])),
    ('station_outside', B, 'romford stn', ('outside', ['romford'])),
    ('station_outside', B, 'goodmayes station', ('outside', ['goodmayes'])),
    ('station_outside', B, 'seven kings', ('outside', ['seven kings'])),
    ('station_outside', B, 'gants hill tube', ('outside', ['gants hill'])),
    ('station_outside', B, 'newbury park stn', ('outside', ['newbury park'])),
    ('station_outside', B, 'east ham station', ('outside', ['east ham'])),
    ('station_outside', B, 'upton park', ('outside', ['upton park'])),
    ('station_outside', B, 'stratford westfield', ('outside', ['stratford'])),
    ('station_outside', B, 'hornchurch station', ('outside', ['hornchurch'])),
    ('station_outside', B, 'elm park stn', ('outside', ['elm park'])),
    ('station_outside', B, 'gallions reach', ('outside', ['gallions'])),
    ('station_outside', B, 'queens hospital romford', ('outside', ['queens hospital', 'romford'])),
    ('station_outside', B, 'king george hospital goodmayes', ('outside', ['king george', 'goodmayes'])),
    ('station_outside', B, 'barking road e6', ('outside', ['barking road'])),
    ('station_outside', B, 'romford market', ('outside', ['romford'])),
    ('station_outside', B, 'ilford exchange shopping centre', ('outside', ['ilford exchange'])),
    ('station_outside', B, 'barkingside high st', ('outside', ['barkingside'])),
    ('station_outside', B, 'leytonstone station', ('outside', ['leytonstone'])),
    ('station_outside', B, 'forest gate', ('outside', ['forest gate'])),
    ('station_outside', B, 'canning town stn', ('outside', ['canning town'])),
    ('station_outside', B, 'redbridge station', ('outside', ['redbridge'])),
    ('station_outside', B, 'o/s the liberty shopping centre romford', ('outside', ['liberty'])),
    ('station_outside', H, 'leyton tube', ('outside', ['leyton'])),
    ('station_outside', H, 'dalston junction', ('outside', ['dalston'])),
    ('station_outside', H, 'hackney central', ('outside', ['hackney central'])),
    ('station_outside', H, 'camden town', ('outside', ['camden'])),
    ('station_outside', H, 'kings cross station', ('outside', ['kings cross'])),
    ('station_outside', H, 'kentish town', ('outside', ['kentish town'])),
    ('station_outside', H, 'new southgate stn', ('outside', ['southgate'])),
]

STREETS = [
    # plain / abbreviated
    ('street', H, 'lordship lane', ('street', 'lordship lane')),
    ('street', H, 'philip ln', ('street', 'philip lane')),
    ('street', H, 'west green rd', ('street', 'west green road')),
    ('street', H, 'on green lanes', ('street', 'green lanes')),
    ('street', H, 'wightman rd', ('street', 'wightman road')),
    ('street', H, 'turnpike ln', ('street', 'turnpike lane')),
    ('street', H, 'tottenham ln', ('street', 'tottenham lane')),
    ('street', H, 'archway rd', ('street', 'archway road')),
    ('street', H, 'muswell hill broadway', ('street', 'muswell hill broadway')),
    ('street', H, 'seven sisters rd', ('street', 'seven sisters road')),
    ('street', H, 'st anns rd', ('street', 'st anns road')),
    ('street', H, 'white hart ln', ('street', 'white hart lane')),
    ('street', H, 'bruce grove', ('street', 'bruce grove')),
    ('street', H, 'broad ln n15', ('street', 'broad lane')),
    ('street', H, 'mayes rd', ('street', 'mayes road')),
    ('street', H, 'park lane n17', ('street', 'park lane')),
    ('street', H, 'fortis green rd', ('street', 'fortis green road')),
    ('street', H, 'crouch end hill', ('street', 'crouch end hill')),
    ('street', H, 'stroud green rd', ('street', 'stroud green road')),
    ('street', H, 'high rd wood green', ('street', 'high road', 'Wood Green')),
    ('street', H, 'tottenham high rd', ('street', 'high road', 'Tottenham')),
    ('street', H, 'o/s shops on high road tottenham', ('street', 'high road', 'Tottenham')),
    ('street', H, 'station rd wood green', ('street', 'station road', 'Wood Green')),
    ('street', H, 'the broadway crouch end', ('street', 'the broadway', 'Crouch End')),
    ('street', H, 'ferry ln', ('street', 'ferry lane')),
    ('street', H, 'monument way', ('street', 'monument way')),
    ('street', H, 'watermead way', ('street', 'watermead way')),
    ('street', H, 'landrock rd', ('street', 'landrock road')),
    ('street', H, 'myddleton rd', ('street', 'myddleton road')),
    ('street', H, 'high st hornsey', ('street', 'high street', 'Hornsey')),
    ('street', H, 'grand parade green lanes', ('street', 'grand parade')),
    ('street', H, 'topsfield parade', ('street', 'topsfield parade')),
    ('street', H, 'the roundway', ('street', 'the roundway')),
    ('street', H, 'queens parade n11', ('street', 'queens parade', 'N11')),
    ('street', H, 'queens parade green lanes', ('street', 'queens parade', 'Harringay')),
    ('street_same_name', H, 'queens parade', ('street', 'queens parade')),
    ('street', B, 'ripple rd', ('street', 'ripple road')),
    ('street', B, 'east st barking', ('street', 'east street')),
    ('street', B, 'longbridge rd', ('street', 'longbridge road')),
    ('street', B, 'heathway', ('street', 'heathway')),
    ('street', B, 'o/s shops heathway', ('street', 'heathway')),
    ('street', B, 'becontree ave', ('street', 'becontree avenue')),
    ('street', B, 'green ln rm8', ('street', 'green lane')),
    ('street', B, 'rainham rd south', ('street', 'rainham road south')),
    ('street', B, 'broad st dagenham', ('street', 'broad street')),
    ('street', B, 'high rd chadwell heath', ('street', 'high road', 'Chadwell Heath')),
    ('street', B, 'station parade barking', ('street', 'station parade', 'Barking')),
    ('street', B, 'north st barking', ('street', 'north street')),
    ('street', B, 'london rd barking', ('street', 'london road')),
    ('street', B, 'wood ln', ('street', 'wood lane')),
    ('street', B, 'whalebone ln north', ('street', 'whalebone lane north')),
    ('street', B, 'valence ave', ('street', 'valence avenue')),
    ('street', B, 'porters ave', ('street', 'porters avenue')),
    ('street', B, 'upney ln', ('street', 'upney lane')),
    ('street', B, 'gale st', ('street', 'gale street')),
    ('street', B, 'new rd dagenham', ('street', 'new road')),
    ('street', B, 'thames rd', ('street', 'thames road')),
    ('street', B, 'movers ln', ('street', 'movers lane')),
    ('street', B, 'ballards rd', ('street', 'ballards road')),
    ('street', B, 'church elm ln', ('street', 'church elm lane')),
    ('street', B, 'bennetts castle ln', ('street', 'bennetts castle lane')),
    ('street', B, 'gorseway', ('street', 'gorseway')),
    ('street', B, 'axe st', ('street', 'axe street')),
    ('street', B, 'st awdrys rd', ('street', 'st awdrys road')),
    ('street', B, 'the broadway dagenham', ('street', 'the broadway', 'Dagenham')),
    ('street', B, 'merrielands cres', ('street', 'merrielands crescent')),
    ('street', B, 'chequers ln', ('street', 'chequers lane')),
    ('street', B, 'lodge ave', ('street', 'lodge avenue')),
    # scrubbed house numbers
    ('street_number', H, '[number] lordship lane', ('street', 'lordship lane')),
    ('street_number', H, 'o/s [number] west green road', ('street', 'west green road')),
    ('street_number', H, '[number] green lanes n4', ('street', 'green lanes')),
    ('street_number', H, 'outside no [number] philip lane', ('street', 'philip lane')),
    ('street_number', H, '[number] high road n17', ('street', 'high road', 'Tottenham')),
    ('street_number', H, '[number]-[number] turnpike lane', ('street', 'turnpike lane')),
    ('street_number', H, 'flat? no. [number] archway road', ('street', 'archway road')),
    ('street_number', B, '[number] ripple road', ('street', 'ripple road')),
    ('street_number', B, 'o/s [number] longbridge rd', ('street', 'longbridge road')),
    ('street_number', B, '[number] becontree avenue', ('street', 'becontree avenue')),
    ('street_number', B, 'near [number] heathway', ('street', 'heathway')),
    ('street_number', B, '[number] east street', ('street', 'east street')),
    # misspelt streets
    ('street_misspelt', H, 'lordshiplane', ('street', 'lordship lane')),
    ('street_misspelt', H, 'phillip lane', ('street', 'philip lane')),
    ('street_misspelt', H, 'westgreen rd', ('street', 'west green road')),
    ('street_misspelt', H, 'greenlanes', ('street', 'green lanes')),
    ('street_misspelt', H, 'whiteman rd', ('street', 'wightman road')),
    ('street_misspelt', H, 'tottneham high rd', ('street', 'high road', 'Tottenham')),
    ('street_misspelt', H, 'seven sister rd', ('street', 'seven sisters road')),
    ('street_misspelt', H, 'turnpik lane', ('street', 'turnpike lane')),
    ('street_misspelt', H, 'archway raod', ('street', 'archway road')),
    ('street_misspelt', B, 'ripple raod', ('street', 'ripple road')),
    ('street_misspelt', B, 'long bridge rd', ('street', 'longbridge road')),
    ('street_misspelt', B, 'heath way', ('street', 'heathway')),
    ('street_misspelt', B, 'beacontree ave', ('street', 'becontree avenue')),
    ('street_misspelt', B, 'whalebone lne', ('street', 'whalebone lane north')),
    ('street_misspelt', B, 'rainham rd sth', ('street', 'rainham road south')),
    # same-named streets, no locating word
    ('street_same_name', H, 'high road', ('street', 'high road')),
    ('street_same_name', H, 'station rd', ('street', 'station road')),
    ('street_same_name', H, 'church rd', ('street', 'church road')),
    ('street_same_name', H, 'park rd', ('street', 'park road')),
    ('street_same_name', H, 'the broadway', ('street', 'the broadway')),
    ('street_same_name', H, 'high st', ('street', 'high street')),
    ('street_same_name', H, 'the avenue', ('street', 'the avenue')),
    ('street_same_name', B, 'station parade', ('street', 'station parade')),
    ('street_same_name', B, 'the broadway', ('street', 'the broadway')),
    ('street_same_name', B, 'station rd', ('street', 'station road')),
    ('street_same_name', B, 'church rd', ('street', 'church road')),
    ('street_same_name', B, 'green lane', ('street', 'green lane')),
    ('street_same_name', B, 'high rd', ('street', 'high road')),
    ('street_same_name', B, 'london road', ('street', 'london road')),
]

JUNCTIONS = [
    ('junction', H, 'jct green lanes / turnpike lane', ('junction', 'green lanes', 'turnpike lane')),
    ('junction', H, 'green lanes j/w st anns rd', ('junction', 'green lanes', 'st anns road')),
    ('junction', H, 'corner of west green rd and high rd', ('junction', 'west green road', 'high road')),
    ('junction', H, 'high rd x philip lane', ('junction', 'high road', 'philip lane')),
    ('junction', H, 'junction of seven sisters rd and high road', ('junction', 'seven sisters road', 'high road')),
    ('junction', H, 'broad lane / high rd n15', ('junction', 'broad lane', 'high road')),
    ('junction', H, 'lordship ln & high rd wood green', ('junction', 'lordship lane', 'high road', 'Wood Green')),
    ('junction', H, 'lordship lane / high road', ('junction', 'lordship lane', 'high road')),
    ('junction', H, 'white hart ln x high rd tottenham', ('junction', 'white hart lane', 'high road', 'Tottenham')),
    ('junction', H, 'white hart lane jct high road', ('junction', 'white hart lane', 'high road')),
    ('junction', H, 'bruce grove and high road', ('junction', 'bruce grove', 'high road')),
    ('junction', H, 'turnpike lane / wightman rd', ('junction', 'turnpike lane', 'wightman road')),
    ('junction', H, 'corner of tottenham lane and park rd', ('junction', 'tottenham lane', 'park road')),
    ('junction', H, 'crouch end hill x the broadway', ('junction', 'crouch end hill', 'the broadway')),
    ('junction', H, 'muswell hill broadway jw fortis green rd', ('junction', 'muswell hill broadway', 'fortis green road')),
    ('junction', H, 'archway rd / shepherds hill', ('junction', 'archway road', 'shepherds hill')),
    ('junction', H, 'station rd & high rd n22', ('junction', 'station road', 'high road')),
    ('junction', H, 'philip ln j/w west green rd', ('junction', 'philip lane', 'west green road')),
    ('junction', H, 'stroud green rd / crouch hill', ('junction', 'stroud green road', 'crouch hill')),
    ('junction', H, 'ferry lane jct broad lane', ('junction', 'ferry lane', 'broad lane')),
    ('junction', H, 'mayes rd and coburg rd', ('junction', 'mayes road', 'coburg road')),
    ('junction', H, 'green lanes / west green rd', ('junction', 'green lanes', 'west green road')),
    ('junction', H, 'corner tottenham ln and church ln', ('junction', 'tottenham lane', 'church lane')),
    ('junction', H, 'park lane x high road', ('junction', 'park lane', 'high road')),
    ('junction', B, 'jct ripple rd / longbridge rd', ('junction', 'ripple road', 'longbridge road')),
    ('junction', B, 'east st & station parade', ('junction', 'east street', 'station parade')),
    ('junction', B, 'corner of heathway and wood lane', ('junction', 'heathway', 'wood lane')),
    ('junction', B, 'longbridge rd j/w upney lane', ('junction', 'longbridge road', 'upney lane')),
    ('junction', B, 'becontree ave x green lane', ('junction', 'becontree avenue', 'green lane')),
    ('junction', B, 'whalebone ln north / high rd', ('junction', 'whalebone lane north', 'high road')),
    ('junction', B, 'wood lane and becontree avenue', ('junction', 'wood lane', 'becontree avenue')),
    ('junction', B, 'north st jct london rd', ('junction', 'north street', 'london road')),
    ('junction', B, 'ripple rd / east st', ('junction', 'ripple road', 'east street')),
    ('junction', B, 'heathway j/w church elm lane', ('junction', 'heathway', 'church elm lane')),
    ('junction', B, 'rainham rd south & broad st', ('junction', 'rainham road south', 'broad street')),
    ('junction', B, 'valence ave x wood lane', ('junction', 'valence avenue', 'wood lane')),
    ('junction', B, 'ballards rd / new rd', ('junction', 'ballards road', 'new road')),
    ('junction', B, 'station parade and ripple rd', ('junction', 'station parade', 'ripple road')),
    ('junction', B, 'axe st / london rd', ('junction', 'axe street', 'london road')),
    ('junction', B, 'gale st jct porters ave', ('junction', 'gale street', 'porters avenue')),
]

AREAS = [
    ('area', H, 'wood green', ('area', 'Wood Green')),
    ('area', H, 'in wood green', ('area', 'Wood Green')),
    ('area', H, 'tottenham', ('area', 'Tottenham')),
    ('area', H, 'crouch end', ('area', 'Crouch End')),
    ('area', H, 'muswell hill', ('area', 'Muswell Hill')),
    ('area', H, 'hornsey', ('area', 'Hornsey')),
    ('area', H, 'harringay', ('area', 'Harringay')),
    ('area', H, 'highgate', ('area', 'Highgate')),
    ('area', H, 'stroud green', ('area', 'Stroud Green')),
    ('area', H, 'west green', ('area', 'West Green')),
    ('area', H, 'broadwater farm estate', ('area', 'Broadwater Farm')),
    ('area', H, 'on broadwater farm', ('area', 'Broadwater Farm')),
    ('area', H, 'noel park', ('area', 'Noel Park')),
    ('area', H, "st ann's", ('area', "St Ann's")),
    ('area', H, 'northumberland park area', ('area', 'Northumberland Park')),
    ('area', H, 'tottenham hale area', ('area', 'Tottenham Hale')),
    ('area', H, 'fortis green', ('area', 'Fortis Green')),
    ('area_vague', H, 'somewhere in tottenham', ('area', 'Tottenham')),
    ('area_vague', H, 'around wood green', ('area', 'Wood Green')),
    ('area_vague', H, 'pt unsure - crouch end somewhere', ('area', 'Crouch End')),
    ('area', B, 'barking', ('area', 'Barking')),
    ('area', B, 'barking town centre', ('area', 'Barking')),
    ('area', B, 'dagenham', ('area', 'Dagenham')),
    ('area', B, 'becontree', ('area', 'Becontree')),
    ('area', B, 'chadwell heath', ('area', 'Chadwell Heath')),
    ('area', B, 'dagenham heathway area', ('area', 'Dagenham Heathway')),
    ('area', B, 'becontree heath', ('area', 'Becontree Heath')),
    ('area', B, 'marks gate', ('area', 'Marks Gate')),
    ('area', B, 'rush green', ('area', 'Rush Green')),
    ('area', B, 'thames view estate', ('area', 'Thames View')),
    ('area', B, 'barking riverside', ('area', 'Barking Riverside')),
    ('area', B, 'gascoigne estate', ('area', 'Gascoigne')),
    ('area', B, 'scrattons farm', ('area', 'Scrattons Farm')),
    ('area', B, 'rylands estate', ('area', 'Rylands Estate')),
    ('area_vague', B, 'somewhere in barking', ('area', 'Barking')),
    ('area_vague', B, 'around chadwell heath', ('area', 'Chadwell Heath')),
    ('area_vague', B, 'dagenham somewhere not sure', ('area', 'Dagenham')),
]

# Postcodes: the unit and sector codes are drawn (seeded) from the data because no one can
# recall real unit postcodes; the wordings around them are written here.
POSTCODE_WORDINGS = ['{pc}', 'o/s shop {pc}', 'street near {pc}', 'assaulted {pc}', '{pc} nr park',
                     '{lo}', '{nospace}', 'pc {pc}', 'outside {lo}', 'pt states {pc}']
SECTOR_WORDINGS = ['{s} area', 'somewhere {s}', '{s}', '{lo} area', 'street in {s}']

HOME = [
    "pt's home", 'own home', 'own address', 'at home', 'home', 'home address', "patient's home", 'in his flat', 'at home - dv', 'dv at home',
    'in kitchen at home', 'bedroom at home', "friend's house", 'friends flat', "partner's flat", "ex partner's house", "mum's house",
    "boyfriend's flat", "girlfriends house", "at his brother's flat", 'in the garden at home', 'hostel room',
    'own room in hostel', 'bedsit', 'in his room', 'home - pt states partner', 'home address n17',
    'at home [number] lordship lane', 'pts home address green lanes',
    'HOME', 'Home.', 'at home??', 'private address', "neighbour's flat", 'house party at friends house',
]
HOME_B = ['at home [number] becontree avenue', 'home - heathway', 'pts home ig11', 'home rm10 8']

UNKNOWN = [
    'n/k', 'unk', 'u/k', 'not known', 'unknown', 'unkonwn', 'pt unable to say', "can't remember",
    'declined to say', 'not stated', '?', 'nil', 'refused', 'pt refused',
    'pt intoxicated ?location', 'n/a', 'not given', 'pt does not know', "doesn't know",
    'pt confused', 'unsure', 'did not say', 'not disclosed', "pt won't say",
    'see notes', 'as per triage', 'pt unable to recall', 'unable to obtain', 'no location given',
    'pt too drunk to say', 'location unknown', '-', 'pt vague', 'cannot recall where', 'nfa - location unknown',
]

GENERIC = [
    # generic places with no name -> no_match (dropped if the phrase is a place name in the data)
    'the pub', 'in a pub', 'a park', 'in the park', 'bus stop', 'street',
    'on the street', 'nightclub', 'outside nightclub', 'off licence', 'chicken shop', 'in chicken shop', 'car park', 'party', 'at a party',
    'school', 'at school', 'work', 'at work', 'in a taxi', 'on a bus', 'on the bus', 'on a train',
    'at the station', 'train station', 'petrol station', 'shopping centre',
    'playground', 'alleyway', 'stairwell', 'in a lift', 'block of flats', 'gym',
    'kebab shop', 'barbers', 'restaurant', 'takeaway', 'supermarket', 'corner shop', 'high street', 'the market', 'bookies', 'hospital',
    'police station', 'at a club', 'in a bar', 'outside a bar',
    'house party', 'the green', 'the parade', 'estate',
]

# Ordinary words that happen to occur inside premises names in the data -> no_match
WORDS_IN_NAMES = [
    'outside shop', 'in the street', 'at work', 'at a party', 'in the kitchen', 'at the cafe',
    'in the bar', 'at the corner', 'in the club', 'the local', 'the grill', 'in the garden',
    'at the market', 'in the lounge', 'the bakery', 'at the sports club', 'in the park',
    'the food store', 'at the pizza place', 'the express', 'in the station', 'social club',
    'the village', 'chicken and pizza shop', 'wine bar', 'the kitchen', 'food and wine', 'in the chicken and chips shop', 'at the barbers shop', 'in the pizza shop',
]

# Digits that are not postcodes, text with times and counts -> no_match
DIGITS = [
    'hit at 10 past 5 in street', 'assaulted 2330 outside club', 'x2 males on bus',
    'around 11pm at party', 'in street approx 0200', '3 males in a car park', 'bus 243 on bus',
    'on the 149 bus', 'attacked by 4 youths in park', 'at 1am in a takeaway',
]

# ---------------------------------------------------------------------------
# DATA LOADING AND GEOMETRY (standard library only)
# ---------------------------------------------------------------------------
import csv, json, math, os, random, re, sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get('BLIND_DATA', os.path.normpath(os.path.join(HERE, '..', '..', '..', '..', '..', 'shared', 'data')))
SEED = 20261205
BOROUGH_DIR = {H: 'haringey', B: 'barking_and_dagenham'}
SITES = {H: ['RAPNM', 'RKEQ4'], B: ['RF4DG', 'RF4QH']}

LAT0 = 51.57
KX = 111320.0 * math.cos(math.radians(LAT0))
KY = 110574.0


def xy(lon, lat):
    return (lon * KX, lat * KY)


def dist(a, b):
    return math.hypot(a[0] - b[0], a[1] - b[1])


def norm(s):
    s = (s or '').lower().replace('&', ' and ').replace("'", '').replace('\u2019', '')
    s = re.sub(r'[^a-z0-9]+', ' ', s)
    return ' '.join(s.split())


STREET_ABBR = {'rd': 'road', 'st': 'street', 'ave': 'avenue', 'ln': 'lane', 'gdns': 'gardens',
               'cres': 'crescent'}


def street_key(s):
    w = norm(s).split()
    if w and w[-1] in STREET_ABBR:
        w[-1] = STREET_ABBR[w[-1]]
    return ' '.join(w)


def load_geo(b, name):
    with open(os.path.join(DATA, BOROUGH_DIR[b], name + '.geojson'), encoding='utf-8') as fh:
        return json.load(fh)['features']


class Poly:
    def __init__(self, code, rings):
        self.code = code
        self.rings = [[xy(*pt) for pt in ring] for ring in rings]   # outer + holes, all parts
        xs = [p[0] for r in self.rings for p in r]
        ys = [p[1] for r in self.rings for p in r]
        self.bbox = (min(xs), min(ys), max(xs), max(ys))

    def contains(self, p):
        inside = False
        x, y = p
        for ring in self.rings:
            n = len(ring)
            for i in range(n - 1):
                (x1, y1), (x2, y2) = ring[i], ring[i + 1]
                if (y1 > y) != (y2 > y):
                    if x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                        inside = not inside
        return inside

    def edge_dist(self, p):
        best = 1e18
        for ring in self.rings:
            for i in range(len(ring) - 1):
                a, b2 = ring[i], ring[i + 1]
                dx, dy = b2[0] - a[0], b2[1] - a[1]
                L = dx * dx + dy * dy
                t = 0.0 if L == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / L))
                d = math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)
                if d < best:
                    best = d
        return best


POLYS = []
WARD = {}
for b in (H, B):
    for f in load_geo(b, 'lsoa_2021'):
        g = f['geometry']
        rings = []
        parts = [g['coordinates']] if g['type'] == 'Polygon' else g['coordinates']
        for part in parts:
            rings.extend(part)
        POLYS.append(Poly(f['properties']['LSOA21CD'], rings))
        WARD[f['properties']['LSOA21CD']] = (b, f['properties']['WD23NM'])


def lsoas_near(p, r, own=None):
    """Codes of the LSOAs that contain p or whose edge is within r metres of p."""
    out = set()
    if own:
        out.add(own)
    for poly in POLYS:
        x0, y0, x1, y1 = poly.bbox
        if p[0] < x0 - r or p[0] > x1 + r or p[1] < y0 - r or p[1] > y1 + r:
            continue
        if poly.contains(p) or poly.edge_dist(p) <= r:
            out.add(poly.code)
    return out


# --- per-borough data
D = {}
for b in (H, B):
    d = {}
    d['fhrs'] = []
    for f in load_geo(b, 'food_drink_premises_fhrs_2020'):
        p = dict(f['properties'])
        p['xy'] = xy(*f['geometry']['coordinates'])
        p['nname'] = norm(p['name'])
        p['skey'] = street_key(p['street']) if p.get('street') else None
        d['fhrs'].append(p)
    d['pubs'] = []
    for f in load_geo(b, 'licensed_premises_osm_pubs'):
        p = dict(f['properties'])
        p['xy'] = xy(*f['geometry']['coordinates'])
        p['nname'] = norm(p['name'])
        d['pubs'].append(p)
    d['landmarks'] = []
    for f in load_geo(b, 'landmarks_osm_2019'):
        p = dict(f['properties'])
        p['xy'] = xy(*f['geometry']['coordinates'])
        d['landmarks'].append(p)
    d['schools'] = []
    d['parks'] = []
    for f in load_geo(b, 'landmarks_schools_parks_ogl'):
        p = dict(f['properties'])
        p['xy'] = xy(*f['geometry']['coordinates'])
        (d['schools'] if p['landmark_type'] == 'school' else d['parks']).append(p)
    d['stops'] = []
    for f in load_geo(b, 'bus_stops_tfl_2021'):
        p = dict(f['properties'])
        p['xy'] = xy(*f['geometry']['coordinates'])
        d['stops'].append(p)
    d['streets'] = [dict(f['properties'], xy=xy(*f['geometry']['coordinates']))
                    for f in load_geo(b, 'streets_fhrs_derived')]
    d['pc'] = {}
    with open(os.path.join(DATA, BOROUGH_DIR[b], 'postcodes.csv'), encoding='utf-8') as fh:
        for r in csv.DictReader(fh):
            r['xy'] = xy(float(r['longitude']), float(r['latitude']))
            d['pc'][r['postcode']] = r
    d['burg'] = []
    with open(os.path.join(DATA, BOROUGH_DIR[b], 'police_uk_street_crime_burglary_only_2024-03_2025-02.csv'),
              encoding='utf-8') as fh:
        for r in csv.DictReader(fh):
            loc = r['Location']
            if loc.startswith('On or near '):
                d['burg'].append((street_key(loc[len('On or near '):]), xy(float(r['Longitude']), float(r['Latitude'])),
                                  r['LSOA code']))
    D[b] = d

DROPPED = []


class Drop(Exception):
    pass


# ---------------------------------------------------------------------------
# NAME INDEX (for the "not a place in the data" checks)
# ---------------------------------------------------------------------------
STOP = {'the', 'a', 'an', 'in', 'at', 'on', 'of', 'outside', 'o', 's', 'inside', 'near', 'nr', 'opp',
        'by', 'to', 'from', 'pt', 'some', 'local'}


def content(s):
    return ' '.join(w for w in norm(s).split() if w not in STOP)


# police.uk anonymised-point labels that are categories, not names
POLICE_GENERIC = {'police station', 'petrol station', 'supermarket', 'conference exhibition centre', 'shopping area',
                  'parking area', 'sports recreation area', 'bus coach station', 'nightclub',
                  'further higher educational building', 'park open space', 'hospital'}
# FHRS address lines such as "Shop", "Restaurant", "Car Park", "Unit 4" describe the unit, they are not names
GENERIC_ADDR_TOKENS = {'shop', 'restaurant', 'cafe', 'car', 'park', 'club', 'snooker', 'hall', 'supermarket', 'unit',
                       'kiosk', 'ground', 'floor', 'first', 'basement', 'store', 'stall', 'premises', 'building',
                       'rear', 'front', 'the', 'a', 'b', 'c', 'at', 'of', 'and', 'kitchen', 'bar', 'pub', 'office',
                       'offices', 'canteen', 'site', 'yard', 'takeaway', 'garage', 'petrol', 'station', 'house'}
NAMES = {}      # borough -> set of normalised names of places (premises, pubs, streets, stops, landmarks, schools)
for b in (H, B):
    s = set()
    d = D[b]
    for p in d['fhrs']:
        s.add(p['nname'])
        for k in ('address_line_1', 'address_line_2', 'address_line_3', 'address_line_4'):
            v = p.get(k)
            if v and not re.search(r'\d', v) and not set(norm(v).split()) <= GENERIC_ADDR_TOKENS and norm(v) not in ('london', 'tottenham', 'hornsey', 'wood green',
                                                                   'barking', 'dagenham', 'chadwell heath',
                                                                   'romford', 'dagenham essex', 'essex',
                                                                   'ilford', 'rush green'):
                s.add(norm(v))
    for p in d['pubs']:
        s.add(p['nname'])
    for p in d['streets']:
        s.add(p['name_key'])
    for p in d['stops']:
        s.add(norm(p['name']))
    for p in d['landmarks'] + d['schools'] + d['parks']:
        s.add(norm(p['name']))
    for k, _, _ in d['burg']:
        if k not in POLICE_GENERIC:
            s.add(k)
    s.discard('')
    NAMES[b] = s
ALLNAMES = NAMES[H] | NAMES[B]


def phrase_in_names(phrase, names=ALLNAMES):
    ph = norm(phrase)
    pat = re.compile(r'(^| )' + re.escape(ph) + r'( |$)')
    return sorted(n for n in names if pat.search(n))


def name_equals(phrase, names=ALLNAMES):
    c = content(phrase)
    hits = []
    for n in names:
        if n == c or content(n) == c:
            hits.append(n)
    return sorted(hits)


# ---------------------------------------------------------------------------
# RESOLVERS: each returns (outcome, set_of_lsoas, note) or raises Drop(reason)
# ---------------------------------------------------------------------------
R_PREMISES = 30.0     # m: premises point buffer
R_STATION = 50.0
R_SCHOOL = 75.0
R_STREET = 30.0
R_JUNCTION = 120.0
R_PLACE = 500.0
R_TOWN = 800.0
SITE_MERGE = 150.0    # m: points of the same name closer than this are one site


def clusters(points, gap):
    """single-linkage clusters of a list of (xy, payload)."""
    n = len(points)
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    for i in range(n):
        for j in range(i + 1, n):
            if dist(points[i][0], points[j][0]) <= gap:
                parent[find(i)] = find(j)
    groups = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(points[i])
    return list(groups.values())


PUB_EXTRA = {'inn', 'tavern', 'bar', 'hotel', 'arms', 'and', 'kitchen', 'pub', 'ph', 'the', 'restaurant', 'grill'}


def pub_tokens(name):
    w = norm(name).split()
    while w and w[0] == 'the':
        w = w[1:]
    while w and w[-1] in ('pub', 'ph'):
        w = w[:-1]
    if len(w) >= 2 and w[-2:] == ['public', 'house']:
        w = w[:-2]
    return w


def pub_match(key, name):
    k = key.split()
    w = pub_tokens(name)
    if w == k:
        return True
    if w[:len(k)] == k and all(t in PUB_EXTRA for t in w[len(k):]):
        return True
    return False


def resolve_pub(b, key, qual=None):
    d = D[b]
    pts = []
    for p in d['pubs']:
        if pub_match(key, p['name']):
            pts.append((p['xy'], ('osm', p['name'], p['lsoa21cd'], p.get('addr:postcode'))))
    for p in d['fhrs']:
        if p['premises_category'] in ('pub_bar_nightclub', 'restaurant_cafe', 'hotel') and pub_match(key, p['name']):
            pts.append((p['xy'], ('fhrs', p['name'], p['lsoa21cd'], p.get('postcode'))))
    if not pts:
        raise Drop('pub name "%s" not found in OSM pubs or FHRS pub/restaurant/hotel names' % key)
    sites = clusters(pts, SITE_MERGE)
    # records of the same name that share a postcode are one site even when their points differ
    merged = True
    while merged and len(sites) > 1:
        merged = False
        for i in range(len(sites)):
            for j in range(i + 1, len(sites)):
                pi = {pay[3] for _, pay in sites[i] if pay[3]}
                pj = {pay[3] for _, pay in sites[j] if pay[3]}
                if pi & pj:
                    sites[i] = sites[i] + sites[j]
                    del sites[j]
                    merged = True
                    break
            if merged:
                break
    if len(sites) > 1 and qual:
        pl, st, wards = area_refs(b, qual)
        refs = [q for q, _ in pl] or [q for q, _ in st]
        near = [s_ for s_ in sites if refs and min(dist(q, r) for q, _ in s_ for r in refs) <= 1000]
        if len(near) == 1:
            sites = near
    if len(sites) > 1:
        return 'ambiguous', set(), '%d sites named "%s": %s' % (
            len(sites), key, '; '.join(s[0][1][1] for s in sites))
    ls = set()
    for q, pay in sites[0]:
        ls |= lsoas_near(q, R_PREMISES, pay[2])
    return 'premises', ls, '/'.join(sorted(set(pay[1] for _, pay in sites[0])))


BRANDS = {
    'mcdonalds': r'\bmc ?donalds?\b', 'kfc': r'\bk ?f ?c\b|kentucky fried', 'tesco': r'\btesco\b',
    'costa': r'\bcosta\b', 'subway': r'\bsubway\b', 'greggs': r'\bgreggs\b', 'nandos': r'\bnandos\b',
    'sainsburys': r'\bsainsburys?\b', 'coop': r'\bco ?op(erative)?\b|\bco operative\b', 'lidl': r'\blidl\b',
    'iceland': r'\biceland\b', 'dominos': r'\bdominos\b', 'morrisons': r'\bmorrisons?\b',
    'asda': r'\basda\b', 'aldi': r'\baldi\b', 'burger king': r'\bburger king\b',
    'pizza hut': r'\bpizza hut\b', 'dixy': r'\bdixy\b', 'chicken cottage': r'\bchicken cottage\b',
    'starbucks': r'\bstarbucks\b', 'nero': r'\bcaff?e nero\b',
}


def branches(b, brand):
    pat = re.compile(BRANDS[brand])
    recs = [p for p in D[b]['fhrs'] if pat.search(p['nname'])]
    return clusters([(p['xy'], p) for p in recs], 60.0)


def area_refs(b, area):
    """reference points for an area name: OSM place nodes, else a station of the same name."""
    d = D[b]
    pl = [(p['xy'], p['landmark_type']) for p in d['landmarks']
          if p['landmark_type'].startswith('place_') and norm(p['name']) == norm(area)]
    st = [(p['xy'], p['landmark_type']) for p in d['landmarks']
          if p['landmark_type'] == 'rail_or_tube_station' and norm(p['name']) == norm(area)]
    wards = sorted(c for c, (bb, w) in WARD.items() if bb == b and norm(w) == norm(area))
    return pl, st, wards


def station_point(b, name):
    hits = [p for p in D[b]['landmarks'] if p['landmark_type'] in ('rail_or_tube_station', 'bus_station')
            and norm(p['name']) == norm(name)]
    if len(hits) != 1:
        raise Drop('station "%s": %d matches in landmarks' % (name, len(hits)))
    return hits[0]


def branch_lsoas(br):
    ls = set()
    for q, p in br:
        ls |= lsoas_near(q, R_PREMISES, p['lsoa21cd'])
    return ls


def resolve_chain(b, brand, loctype, locname, qual=None):
    brs = branches(b, brand)
    if loctype is None:
        if not brs:
            return 'no_match', set(), 'no %s branch in the borough' % brand
        if len(brs) == 1:
            return 'premises', branch_lsoas(brs[0]), 'only branch: ' + brs[0][0][1]['name']
        return 'ambiguous', set(), '%d branches' % len(brs)
    sel, band = [], []
    if loctype == 'station':
        st = station_point(b, locname)
        for br in brs:
            dd = min(dist(q, st['xy']) for q, _ in br)
            if dd <= 400:
                sel.append(br)
            if 300 < dd < 500:
                band.append(br)
        rule = 'within 400 m of %s station' % locname
    elif loctype == 'area':
        pl, st, wards = area_refs(b, locname)
        refs = [q for q, _ in pl] or [q for q, _ in st]
        R = R_TOWN
        for br in brs:
            named = any(norm(p.get(k)) == norm(locname) for _, p in br
                        for k in ('address_line_2', 'address_line_3', 'address_line_4'))
            dd = min([dist(q, r) for q, _ in br for r in refs] or [1e9])
            inward = any(WARD.get(p['lsoa21cd'], (None, None))[1] == locname for _, p in br) if not refs else False
            if named or dd <= R or inward:
                sel.append(br)
            elif 0.75 * R < dd < 1.25 * R:
                band.append(br)
        if not refs and not wards and not sel:
            raise Drop('area "%s" has no place node, station or ward, and no address names it' % locname)
        rule = 'address names %s or within %d m of its place node/station%s' % (
            locname, R, ' or in its ward' if not refs else '')
    elif loctype == 'street':
        for br in brs:
            if any(p['skey'] == locname for _, p in br):
                if qual:
                    pl, st, wards = area_refs(b, qual)
                    refs = [q for q, _ in pl] or [q for q, _ in st]
                    named = any(norm(p.get(k)) == norm(qual) for _, p in br
                                for k in ('address_line_2', 'address_line_3', 'address_line_4'))
                    dd = min([dist(q, r) for q, _ in br for r in refs] or [1e9])
                    if not (named or dd <= R_TOWN):
                        continue
                sel.append(br)
        rule = 'address street is %s%s' % (locname, (' in ' + qual) if qual else '')
    if band and not (len(sel) >= 2):
        raise Drop('%s %s: branch(es) in the uncertain distance band (%s)' % (
            brand, locname, '; '.join(br[0][1]['name'] + ' ' + br[0][1]['postcode'] for br in band)))
    if not sel:
        raise Drop('%s: no branch selected by "%s" (%s)' % (brand, locname, rule))
    if len(sel) == 1:
        return 'premises', branch_lsoas(sel[0]), '%s %s [%s]' % (sel[0][0][1]['name'], sel[0][0][1]['postcode'], rule)
    return 'ambiguous', set(), '%d branches selected [%s]' % (len(sel), rule)


def resolve_school(b, key):
    k = norm(key)
    hits = []
    for p in D[b]['schools']:
        n = norm(p['name']).replace('saint ', 'st ')
        if re.search(r'(^| )' + re.escape(k) + r'( |$)', n):
            hits.append(p)
    if not hits:
        raise Drop('school "%s" not found' % key)
    sites = clusters([(p['xy'], p) for p in hits], 200.0)
    if len(sites) > 1:
        return 'ambiguous', set(), '%d schools: %s' % (len(hits), '; '.join(p['name'] for p in hits))
    ls = set()
    for q, p in sites[0]:
        ls |= lsoas_near(q, R_SCHOOL, p['lsoa21cd'])
    return 'landmark', ls, '; '.join(p['name'] for _, p in sites[0])


def resolve_station(b, name):
    p = station_point(b, name)
    return 'landmark', lsoas_near(p['xy'], R_STATION, p['lsoa21cd']), p['name'] + ' ' + p['landmark_type']


def resolve_park(b, name):
    hits = [p for p in D[b]['parks'] if norm(p['name']) == norm(name)]
    if len(hits) != 1:
        raise Drop('park "%s" not found' % name)
    ls = set(hits[0].get('lsoa21_all') or []) | {hits[0]['lsoa21cd']}
    return 'landmark', ls, 'registered park polygon LSOAs'


# Same street split into several evidence groups by gaps of 0.7-2.5 km in the sampled points (checked one by one:
# one continuous road of that name); all other multi-group names are treated as different streets.
LONG_STREETS = {(H, 'green lanes'), (H, 'seven sisters road'), (H, 'white hart lane'), (H, 'the roundway'),
                (B, 'ripple road'), (B, 'longbridge road'), (B, 'heathway'), (B, 'whalebone lane north'),
                (B, 'porters avenue'), (B, 'chequers lane'), (B, 'lodge avenue'), (B, 'new road')}


def street_groups(b, key):
    d = D[b]
    pts = []
    for s in d['streets']:
        if s['name_key'] == key or street_key(s['name']) == key:
            for pc in s['sample_postcodes']:
                r = d['pc'].get(pc)
                if r:
                    pts.append((r['xy'], ('pc', pc, r['lsoa21cd'])))
            pts.append((s['xy'], ('st', s['id'], s['lsoa21cd'])))
    for p in d['fhrs']:
        if p['skey'] == key:
            pts.append((p['xy'], ('fhrs', p['name'], p['lsoa21cd'])))
    for k, q, l in d['burg']:
        if k == key:
            pts.append((q, ('burg', k, l)))
    if not pts:
        return []
    gs = clusters(pts, 700.0)
    if (b, key) in LONG_STREETS:
        gs = [pts]
    return gs


def group_lsoas(g, r=R_STREET):
    ls = set()
    for q, pay in g:
        ls |= lsoas_near(q, r, pay[2])
    return ls


def pick_groups(b, groups, qual):
    if re.match(r'^[A-Z]{1,2}\d{1,2}$', qual):      # a postcode district such as N11
        return [g for g in groups if any(pay[0] == 'pc' and pay[1].split()[0] == qual for _, pay in g)]
    pl, st, wards = area_refs(b, qual)
    refs = [q for q, _ in pl] or [q for q, _ in st]
    out = []
    for g in groups:
        named = any(pay[0] == 'fhrs' and False for _, pay in g)
        near = refs and min(dist(q, r) for q, _ in g for r in refs) <= 1000
        inward = wards and any(pay[2] in wards for _, pay in g)
        if near or inward or named:
            out.append(g)
    return out


def resolve_street(b, key, qual=None):
    gs = street_groups(b, key)
    if not gs:
        raise Drop('street "%s" not in FHRS-derived streets, FHRS addresses or police.uk locations' % key)
    if qual and len(gs) > 1:
        sel = pick_groups(b, gs, qual)
        if len(sel) != 1:
            raise Drop('street "%s" + "%s": %d of %d groups selected' % (key, qual, len(sel), len(gs)))
        return 'street', group_lsoas(sel[0]), '%d evidence points' % len(sel[0])
    if len(gs) > 1:
        return 'ambiguous', set(), '%d separate streets named %s (%s)' % (
            len(gs), key, ', '.join('%d pts' % len(g) for g in gs))
    return 'street', group_lsoas(gs[0]), '%d evidence points' % len(gs[0])


def resolve_junction(b, k1, k2, qual=None):
    def strong(groups):
        if groups and max(len(g) for g in groups) >= 10:
            groups = [g for g in groups if len(g) >= 3]
        return [q for g in groups for q in g]
    g1 = strong(street_groups(b, k1))
    g2 = strong(street_groups(b, k2))
    if not g1 or not g2:
        raise Drop('junction %s / %s: a street has no evidence points' % (k1, k2))
    pairs = []
    for q1, p1 in g1:
        for q2, p2 in g2:
            dd = dist(q1, q2)
            if dd <= 200.0:
                pairs.append(((((q1[0] + q2[0]) / 2, (q1[1] + q2[1]) / 2)), (dd, p1, p2)))
    if not pairs:
        m = min(dist(a, c) for a, _ in g1 for c, _ in g2)
        raise Drop('junction %s / %s: closest evidence points %.0f m apart (> 200 m)' % (k1, k2, m))
    cl = clusters(pairs, 400.0)
    if len(cl) > 1:
        if qual:
            pl, st, wards = area_refs(b, qual)
            refs = [q for q, _ in pl] or [q for q, _ in st]
            cl = [c for c in cl if refs and min(dist(q, r) for q, _ in c for r in refs) <= 1000]
            if len(cl) != 1:
                raise Drop('junction %s / %s in %s not settled' % (k1, k2, qual))
        else:
            return 'ambiguous', set(), 'the streets come together at %d separate places' % len(cl)
    c = cl[0]
    best = min(c, key=lambda t: t[1][0])
    ls = lsoas_near(best[0], R_JUNCTION) | {best[1][1][2], best[1][2][2]}
    return 'junction', ls, 'closest evidence points %.0f m apart' % best[1][0]


def resolve_area(b, name):
    pl, st, wards = area_refs(b, name)
    ls = set()
    for q, t in pl:
        ls |= lsoas_near(q, R_TOWN if t == 'place_town' else R_PLACE)
    for q, t in st:
        ls |= lsoas_near(q, R_PLACE if not pl else R_STATION)
    ls |= set(wards)
    if not ls:
        raise Drop('area "%s": no OSM place node, station or ward of that name' % name)
    return 'area', ls, 'place nodes %d, stations %d, wards %d' % (len(pl), len(st), len(wards))


def check_outside(b, phrases):
    for ph in phrases:
        hits = phrase_in_names(ph)
        if hits:
            raise Drop('outside place: "%s" occurs in data names: %s' % (ph, hits[:4]))
    return 'no_match', set(), 'not a station/street/premises/stop name in either borough'

# ---------------------------------------------------------------------------
# BUILD THE SET
# ---------------------------------------------------------------------------
NOISE_PRE = ['pt states ', 'PT STATES ', 'assaulted ', 'assault - ', 'pt says ', 'punched ', 'attacked ']
NOISE_POST = [' ??', '?', ' - punched x2', ' by unknown male', ' (3 males)', '.', ' - glass', ' ?time 2am']


def noisy(rng, text):
    r = rng.random()
    if r < 0.18:
        return rng.choice(NOISE_PRE) + text
    if r < 0.33:
        return text + rng.choice(NOISE_POST)
    if r < 0.43:
        return text.upper()
    if r < 0.48:
        return text.title()
    return text


def resolve(b, spec):
    kind = spec[0]
    if kind == 'pub':
        return resolve_pub(b, *spec[1:])
    if kind == 'chain':
        return resolve_chain(b, *spec[1:])
    if kind == 'school':
        return resolve_school(b, spec[1])
    if kind == 'station':
        return resolve_station(b, spec[1])
    if kind == 'park':
        return resolve_park(b, spec[1])
    if kind == 'street':
        return resolve_street(b, *spec[1:])
    if kind == 'junction':
        return resolve_junction(b, *spec[1:])
    if kind == 'area':
        return resolve_area(b, spec[1])
    if kind == 'outside':
        return check_outside(b, spec[1])
    if kind == 'fixed':
        return spec[1], set(), spec[2] if len(spec) > 2 else ''
    if kind == 'generic':
        hits = name_equals(spec[1])
        if hits:
            raise Drop('generic phrase equals a place name in the data: %s' % hits[:4])
        return 'no_match', set(), 'no place name'
    if kind == 'inname':
        hits = name_equals(spec[1])
        if hits:
            raise Drop('phrase equals a place name in the data: %s' % hits[:4])
        words = content(spec[1])
        inside = [p['name'] for bb in (H, B) for p in D[bb]['fhrs'] + D[bb]['pubs']
                  if re.search(r'(^| )' + re.escape(words) + r'( |$)', p['nname'])]
        if not inside:
            return 'no_match', set(), 'GENERIC'
        return 'no_match', set(), 'inside e.g. %s (%d names)' % (inside[0], len(inside))
    raise ValueError(kind)


def group_for(group, outcome):
    if group == 'pub_name' and outcome == 'ambiguous':
        return 'pub_shared_name'
    if group == 'pub_misspelt' and outcome == 'ambiguous':
        return 'pub_misspelt_shared'
    if group == 'chain':
        return 'chain_one_branch' if outcome == 'premises' else 'chain_several_branches'
    if group == 'chain_brand_alone':
        return {'premises': 'chain_brand_alone_one_branch', 'no_match': 'chain_brand_no_branch'}.get(
            outcome, 'chain_brand_alone')
    if group == 'school' and outcome == 'ambiguous':
        return 'school_shared'
    if group in ('street', 'street_number', 'street_misspelt') and outcome == 'ambiguous':
        return 'street_same_name'
    if group == 'street_same_name' and outcome == 'street':
        return 'street_single'
    if group == 'junction' and outcome == 'ambiguous':
        return 'junction_meets_twice'
    return group


def main():
    rng = random.Random(SEED)
    cases = []   # (group, borough, text, spec, noise_ok)
    for lst in (PUBS, CHAINS, SCHOOLS, STATIONS, STREETS, JUNCTIONS, AREAS):
        for g, b, t, spec in lst:
            cases.append((g, b, t, spec, g not in ('area_vague',)))
    for i, t in enumerate(HOME):
        cases.append(('home', H if i % 2 == 0 else B, t, ('fixed', 'home', 'private dwelling'), False))
    for i, t in enumerate(HOME_B):
        cases.append(('home', B, t, ('fixed', 'home', 'private dwelling'), False))
    for i, t in enumerate(UNKNOWN):
        cases.append(('unknown', H if i % 2 else B, t, ('fixed', 'unknown', 'location not given'), False))
    seen = set()
    for i, t in enumerate(GENERIC):
        if t in seen:
            continue
        seen.add(t)
        cases.append(('generic_word', H if i % 2 == 0 else B, t, ('generic', t), False))
    for i, t in enumerate(WORDS_IN_NAMES):
        cases.append(('word_in_premises_name', H if i % 2 else B, t, ('inname', t), False))
    for i, t in enumerate(DIGITS):
        cases.append(('digits_not_postcode', H if i % 2 == 0 else B, t, ('generic', re.sub(r'\d+\w*', '', t)), False))

    # postcodes: seeded draw of real unit postcodes > 20 m from an LSOA edge, and of sectors
    for b, n_unit, n_sec in ((H, 25, 15), (B, 20, 12)):
        pcs = sorted(pc for pc, r in D[b]['pc'].items()
                     if r['lsoa21_lad'] == r['lad_code'] and int(r['lsoa21_boundary_dist_m'] or 0) >= 20
                     and r['positional_quality'] == '10' and not pc.startswith('N81'))
        for pc in rng.sample(pcs, n_unit):
            w = rng.choice(POSTCODE_WORDINGS)
            t = w.format(pc=pc, lo=pc.lower(), nospace=pc.replace(' ', ''))
            cases.append(('postcode', b, t, ('fixed', 'postcode', 'postcode point LSOA'), False))
        sectors = defaultdict(list)
        for pc, r in D[b]['pc'].items():
            if not pc.startswith('N81'):
                sectors[pc[:-2]].append(r)
        secs = sorted(s for s, v in sectors.items() if len(v) >= 20)
        for s in rng.sample(secs, n_sec):
            w = rng.choice(SECTOR_WORDINGS)
            cases.append(('postcode_sector', b, w.format(s=s, lo=s.lower()), ('fixed', 'postcode_sector', s), False))
        # home with a postcode -> home
        for pc in rng.sample(pcs, 3):
            cases.append(('home_with_postcode', b, rng.choice(["pt's home {pc}", 'home address {pc}', 'at home {lo}']).format(
                pc=pc, lo=pc.lower()), ('fixed', 'home', 'home wins over postcode'), False))

    rows, log = [], []
    for g, b, t, spec, noise_ok in cases:
        try:
            outcome, ls, note = resolve(b, spec)
        except Drop as e:
            DROPPED.append((g, b, t, str(e)))
            continue
        if g == 'postcode':
            pc = re.search(r'([A-Z]{1,2}\d{1,2}) ?(\d[A-Z]{2})', t.upper())
            r = D[b]['pc'][pc.group(1) + ' ' + pc.group(2)]
            ls = lsoas_near(r['xy'], 10.0, r['lsoa21cd'])
        if g == 'postcode_sector':
            s = spec[2]
            ls = {r['lsoa21cd'] for pc, r in D[b]['pc'].items() if pc[:-2] == s}
        if outcome in ('premises', 'landmark', 'street', 'junction', 'area', 'postcode', 'postcode_sector') and not ls:
            DROPPED.append((g, b, t, 'no LSOA found'))
            continue
        grp = group_for(g, outcome)
        if note == 'GENERIC':
            grp, note = 'generic_word', 'no place name (word not inside a premises name)'
        text = noisy(rng, t) if noise_ok else t
        site = rng.choice(SITES[b])
        rows.append((text, site, outcome, '|'.join(sorted(ls)), grp))
        log.append((grp, b, text, outcome, note, len(ls)))

    # de-duplicate identical (text, borough) pairs, keeping the first
    out, seen = [], set()
    for r in rows:
        k = (r[0].lower(), r[1] in SITES[H])
        if k in seen:
            continue
        seen.add(k)
        out.append(r)
    with open(os.path.join(HERE, 'blind-2.csv'), 'w', newline='', encoding='utf-8') as fh:
        w = csv.writer(fh)
        w.writerow(['text', 'site_code', 'expected_outcome', 'expected_lsoa', 'group'])
        w.writerows(out)
    with open(os.path.join(HERE, 'blind-2-dropped.log'), 'w', encoding='utf-8') as fh:
        for g, b, t, why in DROPPED:
            fh.write('%s\t%s\t%s\t%s\n' % (g, BOROUGH_DIR[b], t, why))
    with open(os.path.join(HERE, 'blind-2-truth-notes.log'), 'w', encoding='utf-8') as fh:
        for grp, b, text, outcome, note, n in log:
            fh.write('%s\t%s\t%s\t%s\t%d LSOAs\t%s\n' % (grp, BOROUGH_DIR[b], text, outcome, n, note))
    print('rows', len(out), 'dropped', len(DROPPED))


if __name__ == '__main__':
    main()
