#!/usr/bin/env python3
"""
Blind evaluation set 1: an independent set of ED assault-location texts for Haringey and
Barking & Dagenham, with the truth.  Run:  python3 make_blind_1.py [DATA_DIR]
(DATA_DIR defaults to the project's shared open-data folder, the one holding
haringey/ and barking_and_dagenham/ with its README).  Writes blind-1.csv
beside this script.  Deterministic: fixed seed, sorted inputs, no clock.

The wording of every text was written from knowledge of London and of how
reception staff write (domain notes: o/s, opp, nr, jct, rd/st/ave/ln, pt's, n/k,
u/k, misspellings, house numbers already scrubbed to "[number]").  It was written
WITHOUT looking at the geocoder's rules, gazetteer code or existing evaluation sets.
The open data is used only to SET THE TRUTH and to check that a named place exists
where the text says; a case whose truth the data cannot settle is dropped (the
script prints every dropped case and why).

How each group's truth is set
-----------------------------
Site: RAPNM / RKEQ4 for Haringey texts, RF4DG / RF4QH for Barking & Dagenham
texts (chosen by a seeded RNG).  All "computed" counts below are over the site's
borough AND, for uniqueness, over both boroughs together (a case is kept only if it
has the same answer whichever of the two is the search area).

pub_bar        premises.  When the text says pub/bar/inn/tavern/club only licensed
               premises (OSM pubs, FHRS pub/bar/nightclub) are candidates.  Candidates = every OSM pub and every FHRS record (all
               categories) whose normalised NAME matches the case's key pattern, in
               both boroughs; an optional locating filter (street / postcode district
               / address words / distance to a named place) is applied.  Candidates
               are clustered (single linkage, 200 m).  Exactly one cluster -> the
               expected LSOAs are the 2021 LSOAs of every point in that cluster
               (OSM point and FHRS point may differ).  Several clusters that all lie in
               one LSOA (the same pub placed apart by OSM and FHRS) also count as one;
               otherwise the case is dropped.
chain_located  premises.  Branches of a brand = FHRS records whose name matches the
               brand pattern in the site's borough, clustered at 150 m (a store and
               its in-store cafe are one branch).  The locating words are turned into
               a filter (postcode district, FHRS street, address words such as
               "Hollywood Green", or distance to a named station/place: inside 900 m
               = selected, beyond 1,400 m = not, in between = case dropped).  Exactly
               one selected branch -> premises at its LSOA(s).
chain_ambiguous_area / chain_no_locator / ambiguous_name / ambiguous_school   ambiguous.  The same
               computation must give two or more branches / places; expected_lsoa is
               empty.  chain_no_locator = the brand alone (>= 2 branches in the
               site's borough).
station        landmark.  OSM 2019 rail/tube station point in the borough; expected
               = its LSOA plus any LSOA whose polygon is within 50 m of the point
               (entrances straddle boundaries).  Bus stations likewise.
park           landmark.  Historic England registered park; expected = every LSOA the
               park polygon overlaps (lsoa21_all).
site_landmark  landmark.  Shopping centres / retail parks: the LSOAs of every FHRS
               record whose address names the centre (and the TfL stop of that name).
school         landmark.  DfE GIAS schools whose name matches the key; kept when all
               matches lie in ONE 200 m cluster; expected = their LSOAs.
school_same_site  landmark.  As above, where the one cluster holds two schools (an
               infant and a junior school on one site, "bounds green school"): one
               place on the ground, though the gazetteer has two entries.  Relabel
               as ambiguous if the project decides co-located entries are ambiguous.  ambiguous_school: the key matches schools in
               two or more clusters of the site's borough.
street / street_misspelt / street_numbered   street.  Points of a street name =
               the FHRS-derived street sample postcodes, FHRS premises with that street,
               and police.uk "On or near <street>" points.  Names found in the OTHER
               borough are dropped.  The points are clustered at 1,000 m; a case names
               one cluster (several clusters are allowed only where the case says they
               are one continuous road, e.g. Ripple Road); expected = LSOAs of all points
               of that road, plus any borough LSOA within 25 m of a point (roads are often
               LSOA boundaries, so both sides count).  A district or town word in the
               text ("n22", "chadwell heath") picks the cluster whose points are mostly
               in that district and lifts the other-borough check.  ambiguous_street: two or more clusters >= 1.5 km apart
               that are different roads of the same name (Station Road N17 / N22).
junction       junction.  For each street, its points as above plus TfL stops named
               after it; the closest pair of points of the two streets must be within
               130 m (else dropped); the junction = their midpoint; expected = every
               LSOA whose polygon is within 100 m of it.
postcode       postcode.  A real postcode of the borough (Code-Point Open) with
               lsoa21_boundary_dist_m >= 20; expected = its LSOA.
postcode_sector  postcode_sector.  Expected = every LSOA holding a postcode of that
               sector in the borough.
area           area.  OSM place node (suburb/town/locality/hamlet); expected = LSOAs
               whose polygon is within 500 m (town/suburb) or 250 m (locality, hamlet) of the node, plus the LSOAs of a 2023
               ward of the same name if there is one.
home           home (expected empty).  Wording about the patient's own home; a few
               carry a postcode (precedence: home wins).
home_other_dwelling  home (expected empty).  Somebody else's private dwelling
               ("friend's flat"); the domain notes define location type home as
               "private dwelling".  Kept in its own group so it can be relabelled.
unknown        unknown (expected empty).  Ways of saying the location is not known.
generic        no_match (expected empty).  A kind of place with no name ("the pub",
               "bus stop").  Words that ARE a street or place name in either borough
               (e.g. "the park" = The Park N6, "high street" = High Street N8) were
               deliberately not used.
outside        no_match (expected empty).  Places in neighbouring boroughs.  Each has
               a WGS84 point (written from knowledge; README-confirmed for the border
               stations) that must be outside every LSOA of both boroughs, by >= 300 m
               unless README-confirmed, and its distinctive name must not be a street,
               station or premises name in the borough data.
"""
import csv, json, math, os, random, re, sys
from collections import defaultdict

SEED = 20261205
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(HERE, '..', '..', '..', '..', '..', 'shared', 'data'))
BOROUGHS = {'hgy': 'haringey', 'bad': 'barking_and_dagenham'}
SITES = {'hgy': ['RAPNM', 'RKEQ4'], 'bad': ['RF4DG', 'RF4QH']}
rng = random.Random(SEED)
DROPPED = []

# ---------------------------------------------------------------- geometry
def dist(a, b):
    """metres between (lon,lat) points, equirectangular (fine at borough scale)"""
    x = math.radians(b[0] - a[0]) * math.cos(math.radians((a[1] + b[1]) / 2))
    y = math.radians(b[1] - a[1])
    return 6371000 * math.hypot(x, y)

def _xy(p, lat0):
    return (math.radians(p[0]) * math.cos(math.radians(lat0)) * 6371000, math.radians(p[1]) * 6371000)

def rings_of(geom):
    if geom['type'] == 'Polygon':
        return [geom['coordinates']]
    return geom['coordinates']

def in_poly(pt, geom):
    x, y = pt
    for poly in rings_of(geom):
        inside = False
        for ring in poly:
            n = len(ring)
            for i in range(n):
                x1, y1 = ring[i]; x2, y2 = ring[(i + 1) % n]
                if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                    inside = not inside
        if inside:
            return True
    return False

def dist_to_poly(pt, geom):
    if in_poly(pt, geom):
        return 0.0
    lat0 = pt[1]; P = _xy(pt, lat0); best = 1e18
    for poly in rings_of(geom):
        for ring in poly:
            for i in range(len(ring) - 1):
                A = _xy(ring[i], lat0); B = _xy(ring[i + 1], lat0)
                dx, dy = B[0] - A[0], B[1] - A[1]
                L = dx * dx + dy * dy
                t = 0 if L == 0 else max(0, min(1, ((P[0] - A[0]) * dx + (P[1] - A[1]) * dy) / L))
                best = min(best, math.hypot(P[0] - A[0] - t * dx, P[1] - A[1] - t * dy))
    return best

def cluster(points, link):
    """single-linkage clusters of items with .pt; returns list of lists"""
    groups = []
    for p in points:
        hit = [g for g in groups if any(dist(p['pt'], q['pt']) <= link for q in g)]
        merged = [p]
        for g in hit:
            merged += g; groups.remove(g)
        groups.append(merged)
    return groups

# ---------------------------------------------------------------- data
def gj(b, name):
    with open(os.path.join(DATA, BOROUGHS[b], name + '.geojson')) as f:
        return json.load(f)['features']

def norm(s):
    s = (s or '').lower().replace('’', "'")
    s = re.sub(r"[.'`]", '', s)
    s = re.sub(r'[^a-z0-9&]+', ' ', s)
    return s.strip()

LSOA = {}          # code -> (borough, geometry)
for b in BOROUGHS:
    for f in gj(b, 'lsoa_2021'):
        LSOA[f['properties']['LSOA21CD']] = (b, f['geometry'], f['properties']['WD23NM'])

BBOX = {}
def _bbox(code):
    if code not in BBOX:
        xs = [c[0] for poly in rings_of(LSOA[code][1]) for ring in poly for c in ring]
        ys = [c[1] for poly in rings_of(LSOA[code][1]) for ring in poly for c in ring]
        BBOX[code] = (min(xs), min(ys), max(xs), max(ys))
    return BBOX[code]

def lsoas_near(pt, r, borough=None):
    out = set()
    dlat = r / 111000.0; dlon = r / (111000.0 * math.cos(math.radians(pt[1])))
    for code, (b, g, _) in LSOA.items():
        if borough and b != borough:
            continue
        x0, y0, x1, y1 = _bbox(code)
        if pt[0] < x0 - dlon or pt[0] > x1 + dlon or pt[1] < y0 - dlat or pt[1] > y1 + dlat:
            continue
        if dist_to_poly(pt, g) <= r:
            out.add(code)
    return out

def lsoa_at(pt):
    for code, (b, g, _) in LSOA.items():
        if in_poly(pt, g):
            return code
    return None

PC = {}            # postcode -> row
for b in BOROUGHS:
    with open(os.path.join(DATA, BOROUGHS[b], 'postcodes.csv')) as f:
        for r in csv.DictReader(f):
            r['b'] = b; r['pt'] = (float(r['longitude']), float(r['latitude']))
            PC[r['postcode']] = r

ENT = []           # named things: dict(b, src, name, n, pt, lsoa, street, district, addr, cat)
for b in BOROUGHS:
    for f in gj(b, 'licensed_premises_osm_pubs'):
        p = f['properties']
        ENT.append(dict(b=b, src='osm_pub', name=p['name'], n=norm(p['name']), pt=tuple(f['geometry']['coordinates']),
                        lsoa=p['lsoa21cd'], street=norm(p.get('addr:street')), district=(p.get('addr:postcode') or '').split(' ')[0],
                        addr=norm(' '.join(str(p.get(k) or '') for k in ('addr:housename', 'addr:street', 'addr:city'))), cat='pub'))
    for f in gj(b, 'food_drink_premises_fhrs_2020'):
        p = f['properties']
        ENT.append(dict(b=b, src='fhrs', name=p['name'], n=norm(p['name']), pt=tuple(f['geometry']['coordinates']),
                        lsoa=p['lsoa21cd'], street=norm(p.get('street')), district=p.get('postcode_district') or '',
                        addr=norm(' '.join(str(p.get('address_line_%d' % i) or '') for i in range(1, 5))), cat=p['premises_category'],
                        in_b=p['lsoa21_in_borough']))
    for f in gj(b, 'landmarks_osm_2019'):
        p = f['properties']
        ENT.append(dict(b=b, src='osm_landmark', name=p['name'], n=norm(p['name']), pt=tuple(f['geometry']['coordinates']),
                        lsoa=p['lsoa21cd'], street='', district='', addr='', cat=p['landmark_type']))
    for f in gj(b, 'landmarks_schools_parks_ogl'):
        p = f['properties']
        ENT.append(dict(b=b, src='ogl_landmark', name=p['name'], n=norm(p['name']), pt=tuple(f['geometry']['coordinates']),
                        lsoa=p['lsoa21cd'], street='', district='', addr='', cat=p['landmark_type'], lsoa_all=p.get('lsoa21_all')))
STOPS = []
for b in BOROUGHS:
    for f in gj(b, 'bus_stops_tfl_2021'):
        p = f['properties']
        STOPS.append(dict(b=b, name=p['name'], n=norm(p['name']), pt=tuple(f['geometry']['coordinates']), lsoa=p['lsoa21cd']))

STREETPTS = defaultdict(list)    # (b, name_key) -> points
for b in BOROUGHS:
    for f in gj(b, 'streets_fhrs_derived'):
        p = f['properties']
        for pc in p['sample_postcodes']:
            if pc in PC:
                STREETPTS[(b, norm(p['name']))].append(dict(pt=PC[pc]['pt'], lsoa=PC[pc]['lsoa21cd'], d=pc.split(' ')[0]))
    for e in ENT:
        if e['b'] == b and e['src'] == 'fhrs' and e['street']:
            STREETPTS[(b, e['street'])].append(dict(pt=e['pt'], lsoa=e['lsoa'], d=e['district']))
    with open(os.path.join(DATA, BOROUGHS[b], 'police_uk_street_crime_burglary_only_2024-03_2025-02.csv')) as f:
        for r in csv.DictReader(f):
            loc = r['Location'].replace('On or near ', '')
            STREETPTS[(b, norm(loc))].append(dict(pt=(float(r['Longitude']), float(r['Latitude'])), lsoa=r['LSOA code'], d=''))

PLACES = {}   # norm name -> point (stations and place nodes), for "near X" filters
for e in ENT:
    if e['src'] == 'osm_landmark' and e['cat'] in ('rail_or_tube_station', 'place_suburb', 'place_town', 'place_locality'):
        PLACES.setdefault((e['b'], e['n'], e['cat'] == 'rail_or_tube_station'), e['pt'])

def place_pt(b, name, station=None):
    for st in ([station] if station is not None else [True, False]):
        if (b, norm(name), st) in PLACES:
            return PLACES[(b, norm(name), st)]
    raise KeyError(name)

# ---------------------------------------------------------------- filters
def f_district(*ds):
    return lambda e: e['district'] in ds
def f_street(street, *ds):
    s = norm(street)
    return lambda e: (e['street'] == s or s in e['addr']) and (not ds or e['district'] in ds)
def f_addr(words):
    w = norm(words)
    return lambda e: w in e['addr'] or w in e['n']
def f_near(b, place, station=None, r_in=900, r_out=1400):
    pt = place_pt(b, place, station)
    def f(e):
        d = dist(e['pt'], pt)
        return True if d <= r_in else (False if d > r_out else None)
    return f

# ---------------------------------------------------------------- resolvers
class Drop(Exception):
    pass

def named(b, key, filt=None, cats=None, srcs=None, both=True, link=200):
    rx = re.compile(key)
    cands = [e for e in ENT if rx.search(e['n']) and (both or e['b'] == b)
             and (cats is None or e['cat'] in cats) and (srcs is None or e['src'] in srcs)]
    if filt:
        sel = []
        for e in cands:
            v = filt(e)
            if v is None:
                raise Drop('locating filter uncertain for %s' % e['name'])
            if v:
                sel.append(e)
        cands = sel
    return cluster(cands, link)

def lsoas_of(group):
    out = set()
    for e in group:
        if e['lsoa'] in LSOA:
            out.add(e['lsoa'])
        if e.get('lsoa_all'):
            out |= set(e['lsoa_all'])
    return out

def one(groups, what):
    if len(groups) != 1:
        raise Drop('%s: %d clusters %s' % (what, len(groups), [[e['name'] for e in g][:3] for g in groups]))
    return groups[0]

def brand(b, rx, filt=None):
    branches = [e for e in ENT if e['b'] == b and e['src'] == 'fhrs' and re.search(rx, e['n'])]
    return named(b, rx, filt, srcs={'fhrs'}, both=False, link=150) if branches else []

def street_clusters(b, name):
    pts = STREETPTS.get((b, norm(name)), [])
    return cluster(pts, 1000)

def majority_district(c):
    from collections import Counter
    n = Counter(p['d'] for p in c if p['d'])
    return n.most_common(1)[0][0] if n else None

def street_truth(b, name, district=None, whole=False, pinned=False):
    other = 'bad' if b == 'hgy' else 'hgy'
    if STREETPTS.get((other, norm(name))) and not (district or pinned):
        raise Drop('street %s also in other borough' % name)
    cl = street_clusters(b, name)
    if not cl:
        raise Drop('street %s not in data' % name)
    if district:
        cl = [c for c in cl if majority_district(c) == district]
    if len(cl) != 1 and not whole:
        raise Drop('street %s: %d clusters' % (name, len(cl)))
    # streets are often LSOA boundaries: a point on the street counts for every LSOA within
    # 25 m of it (both sides of the road), restricted to the borough
    out = set()
    for c in cl:
        for p in c:
            if p['lsoa'] in LSOA and LSOA[p['lsoa']][0] == b:
                out.add(p['lsoa'])
            out |= lsoas_near(p['pt'], 25, b)
    return out

def street_pts_for_junction(b, name, district=None):
    pts = list(STREETPTS.get((b, norm(name)), []))
    if district:
        cl = [c for c in street_clusters(b, name) if majority_district(c) == district]
        if len(cl) != 1:
            raise Drop('junction street %s %s: %d clusters' % (name, district, len(cl)))
        pts = cl[0]
    key = norm(name).upper()
    for s in STOPS:
        parts = [norm(x).upper() for x in s['name'].split('/')]
        if s['b'] == b and any(x == key or x.startswith(key + ' ') for x in parts):
            if not district or any(dist(s['pt'], p['pt']) < 600 for p in pts):
                pts.append(dict(pt=s['pt'], lsoa=s['lsoa'], d=''))
    return pts

def junction_truth(b, s1, s2, d1=None, d2=None):
    A = street_pts_for_junction(b, s1, d1); B = street_pts_for_junction(b, s2, d2)
    if not A or not B:
        raise Drop('junction %s x %s: street missing' % (s1, s2))
    best = min(((dist(a['pt'], c['pt']), a, c) for a in A for c in B), key=lambda t: t[0])
    if best[0] > 130:
        raise Drop('junction %s x %s: nearest points %.0f m apart' % (s1, s2, best[0]))
    mid = ((best[1]['pt'][0] + best[2]['pt'][0]) / 2, (best[1]['pt'][1] + best[2]['pt'][1]) / 2)
    return lsoas_near(mid, 100, b)

# ---------------------------------------------------------------- case list
ROWS = []

def site(b):
    return rng.choice(SITES[b])

def add(text, b, outcome, lsoas, group):
    if outcome in ('home', 'ambiguous', 'no_match', 'unknown'):
        assert not lsoas
    else:
        assert lsoas, text
        bad = [l for l in lsoas if l not in LSOA or LSOA[l][0] != b]
        if bad:
            # a place just over the edge would be a wrong truth for this borough: drop
            DROPPED.append((text, 'expected LSOA outside borough %s' % bad)); return
    ROWS.append(dict(text=text, site_code=site(b), expected_outcome=outcome,
                     expected_lsoa='|'.join(sorted(lsoas)), group=group))

def attempt(text, b, fn, group):
    try:
        outcome, lsoas = fn()
        add(text, b, outcome, lsoas, group)
    except Drop as ex:
        DROPPED.append((text, str(ex)))

# ---- pubs and bars: (text, borough, key regex on normalised name, filter)
PUBS = [
    ('o/s the mossy well muswell hill', 'hgy', r'mossy well', None),
    ('inside the salisbury pub green lanes', 'hgy', r'^the salisbury$', None),
    ('twelve pins pub seven sisters rd', 'hgy', r'twelve pins', None),
    ('o/s great northern railway tavern hornsey', 'hgy', r'great northern', None),
    ('outside the three compasses hornsey high st', 'hgy', r'three compasses', None),
    ('nr the beaconsfield pub, green lanes', 'hgy', r'beaconsfield|beaconfield', None),
    ('old ale emporium green lanes', 'hgy', r'old ale emporium', None),
    ('o/s bill nicholson pub', 'hgy', r'bill nicholson', None),
    ('inside the elbow room tottenham', 'hgy', r'elbow room', None),
    ('the high cross pub tottenham', 'hgy', r'high cross', None),
    ('bluecoats pub tottenham high rd', 'hgy', r'bluecoats', None),
    ('antwerp arms church rd n17', 'hgy', r'antwerp arms', None),
    ('o/s the fountain west green rd', 'hgy', r'fountain', f_street('West Green Road')),
    ('green gate pub west green', 'hgy', r'green gate', None),
    ('beavertown taproom tottenham hale', 'hgy', r'beavertown brewery taproom', None),
    ('o/s beavertown corner pin', 'hgy', r'corner pin', None),
    ('the woodman archway rd', 'hgy', r'woodman', None),
    ('outside the boogaloo highgate', 'hgy', r'boogaloo', None),
    ('gatehouse pub highgate', 'hgy', r'gatehouse', None),
    ('the wrestlers pub north rd', 'hgy', r'wrestlers', None),
    ('red lion and sun highgate', 'hgy', r'red lion', None),
    ('dukes head highgate high st', 'hgy', r'dukes head|duke s head', None),
    ('kings head crouch end', 'hgy', r'king s head|kings head', None),
    ('the queens pub crouch end', 'hgy', r'^(the )?queens$', None),
    ('harringay arms crouch hill', 'hgy', r'harringay arms', None),
    ('o/s the maynard arms park rd', 'hgy', r'maynard', None),
    ('railway tavern crouch end hill', 'hgy', r'railway tavern', f_street('Crouch End Hill')),
    ('small beer crouch end', 'hgy', r'small beer', None),
    ('the priory pub priory rd', 'hgy', r'priory', f_street('Priory Road')),
    ('clissold arms fortis green', 'hgy', r'clissold arms', None),
    ('maid of muswell', 'hgy', r'maid of muswell', None),
    ('famous royal oak st james lane', 'hgy', r'royal oak', f_street("St James's Lane")),
    ('victoria stakes pub muswell hill', 'hgy', r'victoria stakes', None),
    ('nags head pub wood green', 'hgy', r'nag s head|nags head', f_district('N22', '')),
    ('o/s spouters corner wood green', 'hgy', r'spouter', None),
    ('rattle and hum bar wood green', 'hgy', r'rattle', None),
    ('starting gate pub alexandra palace stn', 'hgy', r'starting gate', None),
    ('prince of wales pub finsbury rd n22', 'hgy', r'prince', f_street('Finsbury Road')),
    ('the westbury westbury ave', 'hgy', r'^the westbury$', None),
    ('elmhurst pub lordship ln', 'hgy', r'elmhurst', None),
    ('new moon pub lordship lane', 'hgy', r'new moon', None),
    ('olive branch pub park lane n17', 'hgy', r'olive branch', None),
    ('coach and horses high rd tottenham', 'hgy', r'coach (and|&) horses', None),
    ('mother kellys tottenham hale', 'hgy', r'mother kelly', None),
    ('beehive pub stoneleigh rd', 'hgy', r'beehive', None),
    ('the victoria pub scotland green', 'hgy', r'victoria', f_street('Scotland Green')),
    ('o/s k k mccools west green rd', 'hgy', r'mccool', None),
    ('faltering fullback perth rd', 'hgy', r'faltering', None),
    ('nicholas nickleby ferme park rd', 'hgy', r'nickleby', None),
    ('tollgate pub turnpike lane', 'hgy', r'toll ?gate', f_street('Turnpike Lane')),
    ('highgate inn archway road', 'hgy', r'highgate inn', None),
    ('brouhaha bar green lanes', 'hgy', r'brouhaha', None),
    ('mccaffertys bar tottenham lane', 'hgy', r'mccafferty', None),
    ('bohem tap room myddleton rd', 'hgy', r'bohem', None),
    ('golden sands bar west green rd', 'hgy', r'golden sands', None),
    ('philip lane social club', 'hgy', r'philip lane social', None),
    ('tottenham trades club bruce grove', 'hgy', r'trades club', None),
    ('welcome inn lordship lane', 'hgy', r'welcome inn', None),
    ('o/s the barking dog', 'bad', r'barking dog', None),
    ('the spotted dog barking', 'bad', r'spotted dog', None),
    ('lighterman pub thames view', 'bad', r'lighterman', None),
    ('o/s the eastbrook pub', 'bad', r'eastbrook pub|^the eastbrook$', None),
    ('cherry tree pub wood ln', 'bad', r'cherry tree', None),
    ('three travellers wood lane', 'bad', r'three travellers', None),
    ('thatched house pub ripple rd', 'bad', r'thatched house', None),
    ('ship and shovel ripple road', 'bad', r'ship and shovel', None),
    ('admiral vernon broad st dagenham', 'bad', r'admiral vernon', None),
    ('cross keys pub dagenham village', 'bad', r'cross keys', None),
    ('lord denman heathway', 'bad', r'lord denman', None),
    ('the harrow pub billet rd', 'bad', r'harrow', f_street('Billet Road')),
    ('tollgate tavern chadwell heath', 'bad', r'tollgate tavern', None),
    ('inside beacon tree pub green lane', 'bad', r'beacon tree', None),
    ('roundhouse lodge ave', 'bad', r'round ?house', None),
    ('jolly fisherman north st', 'bad', r'jolly fisherman', None),
    ('kings bull north street barking', 'bad', r'kings bull', None),
    ('the victoria pub axe st', 'bad', r'victoria', f_street('Axe Street')),
    ('me n obriens goresbrook rd', 'bad', r'o ?briens', None),
    ('pipe major pub', 'bad', r'pipe major', None),
    ('royal oak longbridge rd', 'bad', r'royal oak', f_street('Longbridge Road')),
    ('brewers fayre chequers lane', 'bad', r'brewers fayre', None),
    ('mecca bingo dagenham', 'bad', r'mecca bingo', None),
    ('dagenham trades hall', 'bad', r'trades hall', None),
    ('empire lounge green lane', 'bad', r'empire lounge', None),
]
PUB_WORDS = re.compile(r'\b(pub|bar|inn|tavern|club)\b')
def pub_case(text, b, key, filt):
    # "pub"/"bar" in the text restricts candidates to licensed premises (OSM pubs, FHRS pub/bar/nightclub)
    cats = {'pub', 'pub_bar_nightclub'} if PUB_WORDS.search(text) else None
    groups = named(b, key, filt, cats=cats)
    if len(groups) > 1 and len(set().union(*[lsoas_of(g) for g in groups])) == 1:
        # the same premises placed apart by OSM and FHRS, both in one LSOA: the truth is still clear
        groups = [sum(groups, [])]
    return 'premises', lsoas_of(one(groups, text))
for text, b, key, filt in PUBS:
    attempt(text, b, lambda: pub_case(text, b, key, filt), 'pub_bar')

# ---- chains with a locating word: (text, borough, brand regex, filter, expect)
CHAINS = [
    ('mcdonalds tottenham high rd', 'hgy', r'mcdonald', f_street('High Road', 'N17', 'N15'), 'one'),
    ('maccies williamson rd', 'hgy', r'mcdonald', f_street('Williamson Road'), 'one'),
    ('o/s mcdonalds hollywood green', 'hgy', r'mcdonald', f_addr('Hollywood Green'), 'one'),
    ('mcdonalds wood green', 'hgy', r'mcdonald', f_district('N22'), 'many'),
    ('kfc tottenham hale', 'hgy', r'kfc', f_near('hgy', 'Tottenham Hale', True), 'one'),
    ('kfc wood green', 'hgy', r'kfc', f_district('N22'), 'many'),
    ('subway tottenham hale retail park', 'hgy', r'subway', f_addr('Tottenham Hale Retail Park'), 'one'),
    ('subway wood green', 'hgy', r'subway', f_district('N22'), 'many'),
    ('greggs crouch end', 'hgy', r'greggs', f_district('N8'), 'one'),
    ('greggs wood green', 'hgy', r'greggs', f_district('N22'), 'many'),
    ('costa muswell hill', 'hgy', r'costa', f_district('N10'), 'one'),
    ('costa highgate', 'hgy', r'costa', f_district('N6'), 'one'),
    ('costa coffee green lanes', 'hgy', r'costa', f_street('Green Lanes'), 'many'),
    ('costa stroud green rd', 'hgy', r'costa', f_street('Stroud Green Road'), 'one'),
    ('tesco express crouch end', 'hgy', r'tesco', f_street('The Broadway', 'N8'), 'one'),
    ('tesco highgate', 'hgy', r'tesco', f_district('N6'), 'one'),
    ('tesco wood green', 'hgy', r'^tesco (express|stores)', f_district('N22'), 'many'),
    ('sainsburys muswell hill', 'hgy', r'^sainsbury', f_district('N10'), 'one'),
    ('sainsburys west green rd', 'hgy', r'^sainsbury', f_street('West Green Road'), 'many'),
    ('sainsburys high road', 'hgy', r'^sainsbury', f_street('High Road'), 'many'),
    ('iceland wood green', 'hgy', r'iceland', f_district('N22'), 'one'),
    ('iceland tottenham', 'hgy', r'iceland', f_district('N15', 'N17'), 'many'),
    ('lidl seven sisters rd', 'hgy', r'lidl', f_street('Seven Sisters Road'), 'one'),
    ('lidl wood green', 'hgy', r'lidl', f_district('N22'), 'one'),
    ('morrisons wood green', 'hgy', r'morrison', f_district('N22'), 'one'),
    ('dixy chicken west green rd', 'hgy', r'dixy', f_street('West Green Road'), 'one'),
    ('dixy chicken tottenham', 'hgy', r'dixy', f_district('N15', 'N17'), 'many'),
    ('dominos tottenham high rd', 'hgy', r'domino', f_street('High Road', 'N17'), 'many'),
    ('dominos crouch end', 'hgy', r'domino', f_district('N8'), 'one'),
    ('pizza hut crouch end', 'hgy', r'pizza hut', f_district('N8'), 'one'),
    ('burger king wood green', 'hgy', r'burger king', f_district('N22'), 'one'),
    ('nandos wood green', 'hgy', r'nando', f_district('N22'), 'one'),
    ('nandos stroud green road', 'hgy', r'nando', f_street('Stroud Green Road'), 'one'),
    ('starbucks muswell hill', 'hgy', r'starbucks', f_district('N10'), 'one'),
    ('m&s muswell hill', 'hgy', r'marks (&|and) spencer', f_district('N10'), 'one'),
    ('poundland tottenham', 'hgy', r'poundland', f_district('N15', 'N17'), 'many'),
    ('sams chicken wood green', 'hgy', r'sam s chicken|sams chicken', f_district('N22'), 'one'),
    ('holland and barrett wood green', 'hgy', r'holland', f_district('N22'), 'many'),
    ('premier inn tottenham hale', 'hgy', r'premier inn', None, 'one'),
    ('mcdonalds barking', 'bad', r'mcdonald', f_district('IG11'), 'one'),
    ('mcdonalds dagenham', 'bad', r'mcdonald', f_district('RM8', 'RM9', 'RM10'), 'many'),
    ('mcdonalds chadwell heath', 'bad', r'mcdonald', f_district('RM6'), 'one'),
    ('maccies dagenham leisure park', 'bad', r'mcdonald', f_addr('Dagenham Leisure Park'), 'one'),
    ('subway vicarage field', 'bad', r'subway', f_addr('Vicarage Field'), 'one'),
    ('subway heathway', 'bad', r'subway', f_street('Heathway'), 'one'),
    ('greggs barking', 'bad', r'greggs', f_district('IG11'), 'one'),
    ('greggs dagenham', 'bad', r'greggs', f_district('RM8', 'RM9', 'RM10'), 'many'),
    ('tesco barking', 'bad', r'tesco', f_district('IG11'), 'many'),
    ('tesco heathway', 'bad', r'tesco', f_street('Heathway'), 'one'),
    ('tesco chadwell heath', 'bad', r'tesco', f_district('RM6'), 'one'),
    ('asda barking', 'bad', r'asda', f_district('IG11'), 'one'),
    ('asda dagenham', 'bad', r'asda', f_district('RM8', 'RM9', 'RM10'), 'many'),
    ('lidl barking', 'bad', r'lidl', f_district('IG11'), 'one'),
    ('lidl heathway', 'bad', r'lidl', f_street('Heathway'), 'one'),
    ('iceland barking', 'bad', r'iceland', f_district('IG11'), 'one'),
    ('iceland heathway', 'bad', r'iceland', f_street('Heathway'), 'one'),
    ('morrisons dagenham', 'bad', r'morrison', None, 'one'),
    ('pizza hut barking', 'bad', r'pizza hut', f_district('IG11'), 'one'),
    ('pizza hut dagenham', 'bad', r'pizza hut', f_district('RM8', 'RM9', 'RM10'), 'many'),
    ('dominos barking', 'bad', r'domino', f_district('IG11'), 'one'),
    ('costcutter wood lane', 'bad', r'costcutter', f_street('Wood Lane'), 'one'),
    ('favorite chicken barking', 'bad', r'favou?rite chicken', f_district('IG11'), 'one'),
    ('favourite chicken dagenham', 'bad', r'favou?rite chicken', f_district('RM8', 'RM9', 'RM10', 'RM7'), 'many'),
    ('nandos barking', 'bad', r'nando', f_district('IG11'), 'one'),
    ('starbucks heathway', 'bad', r'starbucks', f_street('Heathway'), 'one'),
    ('poundland barking', 'bad', r'poundland', f_district('IG11'), 'one'),
    ('poundland dagenham', 'bad', r'poundland', f_district('RM8', 'RM9', 'RM10'), 'one'),
    ('dixy chicken barking', 'bad', r'dixy', f_district('IG11'), 'one'),
    ('londis ripple rd', 'bad', r'londis', f_street('Ripple Road'), 'one'),
    ('co-op wood lane', 'bad', r'co ?op|cooperative|co operative', f_street('Wood Lane'), 'one'),
]
def chain_case(b, rx, filt, expect):
    groups = brand(b, rx, filt)
    if expect == 'one':
        return 'premises', lsoas_of(one(groups, rx))
    if len(groups) < 2:
        raise Drop('expected several branches, found %d' % len(groups))
    return 'ambiguous', set()
for text, b, rx, filt, expect in CHAINS:
    attempt(text, b, lambda: chain_case(b, rx, filt, expect), 'chain_located' if expect == 'one' else 'chain_ambiguous_area')

# ---- brand alone (no locating word): needs >= 2 branches in the site's borough
ALONE = [
    ('o/s mcdonalds', 'hgy', r'mcdonald'), ('maccies', 'bad', r'mcdonald'), ('kfc', 'hgy', r'kfc'),
    ('outside subway', 'hgy', r'subway'), ('subway', 'bad', r'subway'), ('greggs', 'hgy', r'greggs'),
    ('o/s greggs', 'bad', r'greggs'), ('costa coffee', 'hgy', r'costa'), ('costa', 'bad', r'costa'),
    ('tesco', 'bad', r'tesco'), ('tesco express', 'hgy', r'tesco express'), ('sainsburys', 'hgy', r'^sainsbury'),
    ('iceland', 'bad', r'iceland'), ('lidl', 'hgy', r'lidl'), ('dixy chicken', 'hgy', r'dixy'),
    ('dixy', 'bad', r'dixy'), ('dominos', 'hgy', r'domino'), ('pizza hut', 'bad', r'pizza hut'),
    ('burger king', 'hgy', r'burger king'), ('nandos', 'hgy', r'nando'), ('boots', 'hgy', r'boots'),
    ('poundland', 'bad', r'poundland'), ('costcutter', 'bad', r'costcutter'), ('londis', 'bad', r'londis'),
    ('co-op', 'bad', r'co ?op|cooperative|co operative'), ('favorite chicken', 'bad', r'favou?rite chicken'),
    ('sams chicken', 'hgy', r'sam s chicken|sams chicken'), ('tennessee chicken', 'hgy', r'tennessee'),
    ('asda', 'bad', r'asda'), ('starbucks', 'hgy', r'starbucks'),
]
def alone_case(b, rx):
    if len(brand(b, rx)) < 2:
        raise Drop('brand has < 2 branches')
    return 'ambiguous', set()
for text, b, rx in ALONE:
    attempt(text, b, lambda: alone_case(b, rx), 'chain_no_locator')

# ---- names shared by several places (pubs / clubs / schools)
SHARED = [
    ('beavertown', 'hgy', r'beavertown', None, None, 'ambiguous_name'),
    ('royal british legion club', 'bad', r'royal british legion', None, None, 'ambiguous_name'),
    ('st josephs school', 'bad', r'st joseph', {'school'}, None, 'ambiguous_school'),
    ('o/s st marys school', 'hgy', r'st mary', {'school'}, None, 'ambiguous_school'),
    ('st michaels school', 'hgy', r'st michael', {'school'}, None, 'ambiguous_school'),
    ('st pauls school', 'hgy', r'st paul', {'school'}, None, 'ambiguous_school'),
    ('harris academy', 'hgy', r'harris', {'school'}, None, 'ambiguous_school'),
    ('eastbury school', 'bad', r'eastbury', {'school'}, None, 'ambiguous_school'),
    ('greatfields school', 'bad', r'greatfields', {'school'}, None, 'ambiguous_school'),
    ('harringay school', 'hgy', r'harringay', {'school'}, None, 'ambiguous_school'),
    ('the green school tottenham', 'hgy', r'\bgreen\b', {'school'}, None, 'ambiguous_school'),
]
def shared_case(b, key, cats):
    g = named(b, key, None, cats=cats, both=False)
    if len(g) < 2:
        raise Drop('only %d cluster(s)' % len(g))
    return 'ambiguous', set()
for text, b, key, cats, _, grp in SHARED:
    if grp == 'ambiguous_school' and 'green school' in text:
        continue   # wording too vague to be a fair "shared school name" case
    attempt(text, b, lambda: shared_case(b, key, cats), grp)

# ---- schools named the way people say them
SCHOOLS = [
    ('o/s park view school', 'hgy', r'^park view school'),
    ('gladesmore school', 'hgy', r'gladesmore'),
    ('dukes aldridge academy', 'hgy', r'duke s aldridge|dukes aldridge'),
    ('heartlands high', 'hgy', r'heartlands'),
    ('outside fortismere school', 'hgy', r'fortismere'),
    ('greig city academy', 'hgy', r'greig'),
    ('highgate wood school', 'hgy', r'highgate wood'),
    ('hornsey school for girls', 'hgy', r'hornsey school for girls'),
    ('st thomas more school', 'hgy', r'st thomas more'),
    ('harris academy tottenham', 'hgy', r'^harris academy tottenham'),
    ('alexandra park school', 'hgy', r'alexandra park school'),
    ('bounds green school', 'hgy', r'bounds green (infant|junior)'),
    ('south harringay school', 'hgy', r'south harringay'),
    ('robert clack school', 'bad', r'robert clack'),
    ('sydney russell school', 'bad', r'sydney russell'),
    ('jo richardson school', 'bad', r'jo richardson'),
    ('barking abbey school', 'bad', r'barking abbey'),
    ('eastbrook school', 'bad', r'^eastbrook school'),
    ('dagenham park school', 'bad', r'dagenham park'),
    ('all saints school dagenham', 'bad', r'all saints'),
    ('warren school chadwell heath', 'bad', r'warren'),
    ('goresbrook school', 'bad', r'goresbrook school'),
    ('thames view school', 'bad', r'thames view'),
    ('riverside school barking', 'bad', r'^riverside'),
]
def school_case(text, b, key):
    g = one(named(b, key, None, cats={'school'}), text)
    # an infant and a junior school on one site: one place, but two gazetteer entries
    grp = 'school_same_site' if len(set(e['name'] for e in g)) > 1 else 'school'
    return grp, lsoas_of(g)
for text, b, key in SCHOOLS:
    try:
        grp, ls = school_case(text, b, key)
        add(text, b, 'landmark', ls, grp)
    except Drop as ex:
        DROPPED.append((text, str(ex)))

# ---- stations, bus stations, parks, centres
def station(b, name, cat='rail_or_tube_station'):
    es = [e for e in ENT if e['b'] == b and e['src'] == 'osm_landmark' and e['cat'] == cat and e['n'] == norm(name)]
    if len(es) != 1:
        raise Drop('station %s: %d' % (name, len(es)))
    return 'landmark', lsoas_near(es[0]['pt'], 50, b) | {es[0]['lsoa']}
STATIONS = [
    ('o/s seven sisters stn', 'hgy', 'Seven Sisters'), ('turnpike lane tube', 'hgy', 'Turnpike Lane'),
    ('wood green station', 'hgy', 'Wood Green'), ('bruce grove stn', 'hgy', 'Bruce Grove'),
    ('outside tottenham hale station', 'hgy', 'Tottenham Hale'), ('white hart lane station', 'hgy', 'White Hart Lane'),
    ('northumberland park stn', 'hgy', 'Northumberland Park'), ('harringay green lanes station', 'hgy', 'Harringay Green Lanes'),
    ('bounds green tube stn', 'hgy', 'Bounds Green'), ('bowes park station', 'hgy', 'Bowes Park'),
    ('alexandra palace station', 'hgy', 'Alexandra Palace'), ('hornsey station', 'hgy', 'Hornsey'),
    ('highgate tube station', 'hgy', 'Highgate'), ('south tottenham stn', 'hgy', 'South Tottenham'),
    ('harringay station', 'hgy', 'Harringay'),
    ('barking station', 'bad', 'Barking'), ('o/s upney stn', 'bad', 'Upney'), ('becontree station', 'bad', 'Becontree'),
    ('dagenham heathway station', 'bad', 'Dagenham Heathway'), ('heathway tube', 'bad', 'Dagenham Heathway'),
    ('dagenham east stn', 'bad', 'Dagenham East'), ('dagenham dock station', 'bad', 'Dagenham Dock'),
    ('barking stn forecourt', 'bad', 'Barking'),
]
for text, b, name in STATIONS:
    attempt(text, b, lambda: station(b, name), 'station')
for text, b, name in [('tottenham hale bus station', 'hgy', 'Tottenham Hale Bus Station'),
                      ('turnpike lane bus stn', 'hgy', 'Turnpike Lane Bus Station')]:
    attempt(text, b, lambda: station(b, name, 'bus_station'), 'station')

def park(name):
    es = [e for e in ENT if e['cat'] == 'park' and e['n'] == norm(name)]
    # the generalised park polygon can overlap a neighbour's LSOA by a sliver: keep the borough's
    return 'landmark', set(l for l in es[0]['lsoa_all'] if l in LSOA and LSOA[l][0] == es[0]['b'])
for text, name in [('finsbury park', 'Finsbury Park'), ('in finsbury pk nr the boating lake', 'Finsbury Park'),
                   ('ally pally', 'Alexandra Palace'), ('alexandra palace park', 'Alexandra Palace')]:
    attempt(text, 'hgy', lambda: park(name), 'park')

def centre(b, words):
    w = norm(words)
    es = [e for e in ENT if e['b'] == b and e['src'] == 'fhrs' and w in e['addr']]
    st = [s for s in STOPS if s['b'] == b and s['n'] == w]
    if not es:
        raise Drop('no premises at %s' % words)
    g = one(cluster(es + st, 500), words)
    return 'landmark', set(e['lsoa'] for e in g)
for text, b, words in [('wood green shopping city', 'hgy', 'Wood Green Shopping City'),
                       ('o/s the mall wood green', 'hgy', 'Wood Green Shopping City'),
                       ('arena shopping park', 'hgy', 'Arena Shopping Park'),
                       ('tottenham hale retail park car park', 'hgy', 'Tottenham Hale Retail Park'),
                       ('vicarage field shopping centre', 'bad', 'Vicarage Field'),
                       ('dagenham leisure park', 'bad', 'Dagenham Leisure Park'),
                       ('heathway shopping centre', 'bad', 'Heathway Shopping Centre')]:
    attempt(text, b, lambda: centre(b, words), 'site_landmark')

# ---- streets: (text, borough, street name, district or None, whole-road flag, group)
STREETS = [
    ('[number] philip lane', 'hgy', 'Philip Lane', None, False, 'street_numbered'),
    ('phillip lane n15', 'hgy', 'Philip Lane', None, False, 'street_misspelt'),
    ('west green rd', 'hgy', 'West Green Road', None, False, 'street'),
    ('west green raod nr bus stop', 'hgy', 'West Green Road', None, False, 'street_misspelt'),
    ('lordship ln', 'hgy', 'Lordship Lane', None, True, 'street'),
    ('tottenahm lane', 'hgy', 'Tottenham Lane', None, False, 'street_misspelt'),
    ('[number] wightman rd', 'hgy', 'Wightman Road', None, False, 'street_numbered'),
    ('ferm park road', 'hgy', 'Ferme Park Road', None, False, 'street_misspelt'),
    ('archway rd n6', 'hgy', 'Archway Road', None, False, 'street'),
    ('turnpike ln', 'hgy', 'Turnpike Lane', None, False, 'street'),
    ('westbury ave', 'hgy', 'Westbury Avenue', None, False, 'street'),
    ('on bruce grove', 'hgy', 'Bruce Grove', None, False, 'street'),
    ('broad ln n15', 'hgy', 'Broad Lane', None, False, 'street'),
    ('blackboy lane', 'hgy', 'Black Boy Lane', None, False, 'street_misspelt'),
    ('st anns rd', 'hgy', "St Ann's Road", None, False, 'street'),
    ('downhills way', 'hgy', 'Downhills Way', None, False, 'street'),
    ('wolves ln', 'hgy', 'Wolves Lane', None, False, 'street'),
    ('bounds green rd', 'hgy', 'Bounds Green Road', None, False, 'street'),
    ('myddelton rd', 'hgy', 'Myddleton Road', None, False, 'street_misspelt'),
    ('coburg rd', 'hgy', 'Coburg Road', None, False, 'street'),
    ('mayes rd wood green', 'hgy', 'Mayes Road', None, False, 'street'),
    ('[number] stroud green rd', 'hgy', 'Stroud Green Road', None, False, 'street_numbered'),
    ('muswell hill broadway', 'hgy', 'Muswell Hill Broadway', None, False, 'street'),
    ('fortis grn rd', 'hgy', 'Fortis Green Road', None, False, 'street'),
    ('alexandra pk rd', 'hgy', 'Alexandra Park Road', None, False, 'street'),
    ('scotland grn', 'hgy', 'Scotland Green', None, False, 'street'),
    ('chesnut road n17', 'hgy', 'Chesnut Road', None, False, 'street'),
    ('willoughby lane', 'hgy', 'Willoughby Lane', None, False, 'street'),
    ('creighton avenue', 'hgy', 'Creighton Avenue', None, False, 'street'),
    ('eade rd', 'hgy', 'Eade Road', None, False, 'street'),
    ('vartry rd', 'hgy', 'Vartry Road', None, False, 'street'),
    ('[number] buller road', 'hgy', 'Buller Road', None, False, 'street_numbered'),
    ('montenotte rd', 'hgy', 'Montenotte Road', None, False, 'street'),
    ('tiverton rd n15', 'hgy', 'Tiverton Road', None, False, 'street'),
    ('seven sisters rd n15', 'hgy', 'Seven Sisters Road', 'N15', False, 'street'),
    ('high rd wood green', 'hgy', 'High Road', 'N22', False, 'street'),
    ('tottenham high road', 'hgy', 'High Road', 'N17', False, 'street'),
    ('station rd n22', 'hgy', 'Station Road', 'N22', False, 'street'),
    ('[number] green lanes n4', 'hgy', 'Green Lanes', 'N4', False, 'street_numbered'),
    ('hornsey high st', 'hgy', 'High Street', 'N8', False, 'street'),
    ('park lane n17', 'hgy', 'Park Lane', None, False, 'street'),
    ('white hart ln', 'hgy', 'White Hart Lane', None, True, 'street'),
    ('[number] ripple rd', 'bad', 'Ripple Road', None, True, 'street_numbered'),
    ('heathway', 'bad', 'Heathway', None, True, 'street'),
    ('the heathway dagenham', 'bad', 'Heathway', None, True, 'street'),
    ('east st barking', 'bad', 'East Street', None, False, 'street'),
    ('station parade barking', 'bad', 'Station Parade', 'IG11', False, 'street'),
    ('longbridge rd', 'bad', 'Longbridge Road', None, True, 'street'),
    ('green lane rm8', 'bad', 'Green Lane', None, True, 'street'),
    ('becontree ave', 'bad', 'Becontree Avenue', None, True, 'street'),
    ('valance avenue', 'bad', 'Valence Avenue', None, True, 'street_misspelt'),
    ('wood ln dagenham', 'bad', 'Wood Lane', None, True, 'street'),
    ('oxlow lane', 'bad', 'Oxlow Lane', None, False, 'street'),
    ('gale st', 'bad', 'Gale Street', None, True, 'street'),
    ('porters ave', 'bad', 'Porters Avenue', None, True, 'street'),
    ('lodge avenue', 'bad', 'Lodge Avenue', None, True, 'street'),
    ('movers ln', 'bad', 'Movers Lane', None, False, 'street'),
    ('north st barking', 'bad', 'North Street', None, False, 'street'),
    ('rainham rd south', 'bad', 'Rainham Road South', None, True, 'street'),
    ('broad st dagenham', 'bad', 'Broad Street', None, False, 'street'),
    ('whalebone lane sth', 'bad', 'Whalebone Lane South', None, True, 'street'),
    ('church elm ln', 'bad', 'Church Elm Lane', None, False, 'street'),
    ('wantz rd', 'bad', 'Wantz Road', None, False, 'street'),
    ('[number] john burns drive', 'bad', 'John Burns Drive', None, False, 'street_numbered'),
    ('mayesbrook rd', 'bad', 'Mayesbrook Road', None, False, 'street'),
    ('bennetts castle lane', 'bad', "Bennett's Castle Lane", None, False, 'street'),
    ('rose ln chadwell heath', 'bad', 'Rose Lane', None, False, 'street'),
    ('upney ln', 'bad', 'Upney Lane', None, False, 'street'),
    ('parsloes avenue', 'bad', 'Parsloes Avenue', None, True, 'street'),
    ('bastable ave', 'bad', 'Bastable Avenue', None, False, 'street'),
    ('high rd chadwell heath', 'bad', 'High Road', None, True, 'street'),
    ('[number] woodward rd', 'bad', 'Woodward Road', None, False, 'street_numbered'),
    ('fielders cres', 'bad', 'Fielders Crescent', None, False, 'street'),
    ('sterry gdns', 'bad', 'Sterry Gardens', None, False, 'street'),
    ('cook rd dagenham', 'bad', 'Cook Road', None, False, 'street'),
    ('[number] linsdell road', 'bad', 'Linsdell Road', None, False, 'street_numbered'),
    ('somerby rd', 'bad', 'Somerby Road', None, False, 'street'),
]
PINNED = {'high rd chadwell heath'}   # texts whose town word names one borough only
for text, b, name, d, whole, grp in STREETS:
    attempt(text, b, lambda: ('street', street_truth(b, name, d, whole, text in PINNED)), grp)

# ---- streets with the same name in several parts of the site's borough
AMB_STREETS = [('station rd', 'hgy', 'Station Road'), ('high rd', 'hgy', 'High Road'),
               ('church lane', 'hgy', 'Church Lane'), ('the avenue', 'hgy', 'The Avenue'),
               ('victoria rd', 'bad', 'Victoria Road'), ('station parade', 'bad', 'Station Parade'),
               ('the broadway', 'hgy', 'The Broadway'), ('cheapside', 'hgy', 'Cheapside'),
               ('queens parade', 'hgy', 'Queens Parade')]
def amb_street(b, name):
    cl = street_clusters(b, name)
    far = any(dist(p['pt'], q['pt']) >= 1500 for i, c in enumerate(cl) for c2 in cl[i + 1:] for p in c for q in c2)
    if len(cl) < 2 or not far:
        raise Drop('not >= 2 separated clusters')
    return 'ambiguous', set()
for text, b, name in AMB_STREETS:
    attempt(text, b, lambda: amb_street(b, name), 'ambiguous_street')

# ---- junctions: (text, borough, s1, d1, s2, d2)
JUNCS = [
    ('green lanes jct turnpike lane', 'hgy', 'Green Lanes', None, 'Turnpike Lane', None),
    ('corner of west green rd and high rd', 'hgy', 'West Green Road', None, 'High Road', 'N17'),
    ('broad lane x high road', 'hgy', 'Broad Lane', None, 'High Road', 'N17'),
    ('corner of park rd and tottenham lane', 'hgy', 'Park Road', None, 'Tottenham Lane', None),
    ('muswell hill broadway jct fortis green rd', 'hgy', 'Muswell Hill Broadway', None, 'Fortis Green Road', None),
    ('philip lane / high road', 'hgy', 'Philip Lane', None, 'High Road', 'N17'),
    ('black boy ln jnc west green rd', 'hgy', 'Black Boy Lane', None, 'West Green Road', None),
    ('bruce grove x high rd', 'hgy', 'Bruce Grove', None, 'High Road', 'N17'),
    ('lordship lane jct high rd wood green', 'hgy', 'Lordship Lane', None, 'High Road', 'N22'),
    ('wightman rd x turnpike lane', 'hgy', 'Wightman Road', None, 'Turnpike Lane', None),
    ('westbury ave jct lordship ln', 'hgy', 'Westbury Avenue', None, 'Lordship Lane', None),
    ('stroud green rd jct ferme park rd', 'hgy', 'Stroud Green Road', None, 'Ferme Park Road', None),
    ('corner of longbridge rd and station parade', 'bad', 'Longbridge Road', None, 'Station Parade', 'IG11'),
    ('ripple rd jct lodge ave', 'bad', 'Ripple Road', None, 'Lodge Avenue', None),
    ('heathway x wood lane', 'bad', 'Heathway', None, 'Wood Lane', None),
    ('green lane jct becontree ave', 'bad', 'Green Lane', None, 'Becontree Avenue', None),
    ('valence ave x becontree avenue', 'bad', 'Valence Avenue', None, 'Becontree Avenue', None),
    ('whalebone ln south / green lane', 'bad', 'Whalebone Lane South', None, 'Green Lane', None),
    ('corner of gale st and porters ave', 'bad', 'Gale Street', None, 'Porters Avenue', None),
    ('rainham rd south jct wood lane', 'bad', 'Rainham Road South', None, 'Wood Lane', None),
    ('high rd chadwell heath jct whalebone lane north', 'bad', 'High Road', None, 'Whalebone Lane North', None),
    ('east st / ripple rd', 'bad', 'East Street', None, 'Ripple Road', None),
    ('oxlow lane jct heathway', 'bad', 'Oxlow Lane', None, 'Heathway', None),
    ('high rd jct white hart lane', 'hgy', 'High Road', 'N17', 'White Hart Lane', None),
    ('st anns rd / green lanes', 'hgy', "St Ann's Road", None, 'Green Lanes', None),
    ('park ln x high rd tottenham', 'hgy', 'Park Lane', None, 'High Road', 'N17'),
    ('corner of east st and station parade', 'bad', 'East Street', None, 'Station Parade', 'IG11'),
    ('heathway jct church elm lane', 'bad', 'Heathway', None, 'Church Elm Lane', None),
    ('longbridge rd x upney ln', 'bad', 'Longbridge Road', None, 'Upney Lane', None),
    ('becontree ave jct wood lane', 'bad', 'Becontree Avenue', None, 'Wood Lane', None),
    ('woodward rd x heathway', 'bad', 'Woodward Road', None, 'Heathway', None),
    ('wood green high rd jct station rd', 'hgy', 'High Road', 'N22', 'Station Road', 'N22'),
    ('turnpike lane jct high rd', 'hgy', 'Turnpike Lane', None, 'High Road', 'N22'),
    ('seven sisters rd x high road', 'hgy', 'Seven Sisters Road', 'N15', 'High Road', 'N17'),
    ('lordship lane jct bruce grove', 'hgy', 'Lordship Lane', None, 'Bruce Grove', None),
    ('ripple rd x movers lane', 'bad', 'Ripple Road', None, 'Movers Lane', None),
]
for text, b, s1, d1, s2, d2 in JUNCS:
    attempt(text, b, lambda: ('junction', junction_truth(b, s1, s2, d1, d2)), 'junction')

# ---- postcodes and sectors (seeded choice of real, non-boundary postcodes)
def pick_postcodes(b, n):
    pcs = sorted(p for p, r in PC.items() if r['b'] == b and int(r['lsoa21_boundary_dist_m']) >= 20
                 and r['lsoa21_lad'] == ('E09000014' if b == 'hgy' else 'E09000002') and not p.startswith('N81'))
    return rng.sample(pcs, n)
PC_TEMPL = ['{pc}', '{lc}', '{nospace}', 'o/s {lc}', 'street {pc}', 'nr shops {lc}', 'pc {pc}', 'on road, {lc}',
            '{lcns}', 'bus stop {pc}']
for b in ('hgy', 'bad'):
    for i, pc in enumerate(pick_postcodes(b, 14)):
        t = PC_TEMPL[i % len(PC_TEMPL)].format(pc=pc, lc=pc.lower(), nospace=pc.replace(' ', ''), lcns=pc.lower().replace(' ', ''))
        add(t, b, 'postcode', {PC[pc]['lsoa21cd']}, 'postcode')
    # home + postcode: home wins
    for pc in pick_postcodes(b, 3):
        add(rng.choice(["pt's home {pc}", 'home address {lc}', 'at home, {pc}']).format(pc=pc, lc=pc.lower()), b, 'home', set(), 'home')

def sector_lsoas(b, sector):
    return set(r['lsoa21cd'] for p, r in PC.items() if r['b'] == b and p.rsplit(' ', 1)[0] + ' ' + p.rsplit(' ', 1)[1][0] == sector
               and r['lsoa21cd'] in LSOA and LSOA[r['lsoa21cd']][0] == b)
for text, b, sec in [('somewhere in n17 9', 'hgy', 'N17 9'), ('N15 4 area', 'hgy', 'N15 4'), ('n22 6', 'hgy', 'N22 6'),
                     ('N8 8 - crouch end area', 'hgy', 'N8 8'), ('rm10 8', 'bad', 'RM10 8'), ('IG11 8 area', 'bad', 'IG11 8'),
                     ('rm8 1 somewhere', 'bad', 'RM8 1'), ('RM9 6', 'bad', 'RM9 6')]:
    ls = sector_lsoas(b, sec)
    if ls:
        add(text, b, 'postcode_sector', ls, 'postcode_sector')
    else:
        DROPPED.append((text, 'sector not in data'))

# ---- areas
def area(b, name):
    es = [e for e in ENT if e['b'] == b and e['src'] == 'osm_landmark' and e['cat'].startswith('place_') and e['n'] == norm(name)]
    if len(es) != 1:
        raise Drop('area %s: %d place nodes' % (name, len(es)))
    # a town or suburb is wider than a locality, hamlet or estate
    r = 500 if es[0]['cat'] in ('place_town', 'place_suburb') else 250
    ls = lsoas_near(es[0]['pt'], r, b) | {es[0]['lsoa']}
    ls |= set(c for c, (bb, _, w) in LSOA.items() if bb == b and norm(w) == norm(name))
    return 'area', ls
for text, b, name in [('crouch end', 'hgy', 'Crouch End'), ('in wood green', 'hgy', 'Wood Green'),
                      ('muswell hill', 'hgy', 'Muswell Hill'), ('stroud green', 'hgy', 'Stroud Green'),
                      ('west green area', 'hgy', 'West Green'), ('broadwater farm estate', 'hgy', 'Broadwater Farm'),
                      ('tottenham', 'hgy', 'Tottenham'),
                      ('dagenham', 'bad', 'Dagenham'), ('marks gate', 'bad', 'Marks Gate'),
                      ('rylands estate', 'bad', 'Rylands Estate'), ('becontree heath', 'bad', 'Becontree Heath'),
                      ('thames view estate', 'bad', 'Thames View'), ('barking town centre', 'bad', 'Barking')]:
    attempt(text, b, lambda: area(b, name), 'area')

# ---- places just outside the boroughs: (text, borough of the ED, lon, lat, readme_confirmed, distinctive name)
OUTSIDE = [
    ('finsbury park station', 'hgy', -0.1062, 51.5643, True, None),
    ('o/s finsbury park tube', 'hgy', -0.1062, 51.5643, True, None),
    ('manor house station', 'hgy', -0.0958, 51.5707, True, None),
    ('archway tube', 'hgy', -0.1349, 51.5653, True, None),
    ('crouch hill station', 'hgy', -0.1170, 51.5713, True, None),
    ('nags head holloway', 'hgy', -0.1195, 51.5565, False, 'holloway'),
    ('holloway rd', 'hgy', -0.1140, 51.5520, False, 'holloway'),
    ('hornsey rd n7', 'hgy', -0.1130, 51.5580, False, 'hornsey road'),
    ('edmonton green', 'hgy', -0.0610, 51.6240, False, 'edmonton'),
    ('edmonton green shopping centre', 'hgy', -0.0610, 51.6240, False, 'edmonton'),
    ('silver street station', 'hgy', -0.0673, 51.6149, False, 'silver street'),
    ('palmers green', 'hgy', -0.1100, 51.6180, False, 'palmers green'),
    ('arnos grove stn', 'hgy', -0.1334, 51.6164, False, 'arnos'),
    ('east finchley station', 'hgy', -0.1650, 51.5874, False, 'finchley'),
    ('camden town', 'hgy', -0.1426, 51.5392, False, 'camden'),
    ('kentish town', 'hgy', -0.1400, 51.5500, False, 'kentish'),
    ('stamford hill', 'hgy', -0.0728, 51.5706, False, 'stamford hill'),
    ('stoke newington stn', 'hgy', -0.0729, 51.5652, False, 'stoke newington'),
    ('walthamstow central', 'hgy', -0.0200, 51.5830, False, 'walthamstow central'),
    ('angel islington', 'hgy', -0.1058, 51.5322, False, 'angel islington'),
    ('tottenham court rd', 'hgy', -0.1310, 51.5165, False, 'tottenham court'),
    ('woodford green', 'hgy', 0.0240, 51.6090, False, 'woodford'),
    ('north middlesex hospital car park', 'hgy', -0.0720, 51.6130, False, 'middlesex'),
    ('romford station', 'bad', 0.1830, 51.5748, False, 'romford station'),
    ('romford market', 'bad', 0.1810, 51.5790, False, 'romford market'),
    ('south st romford', 'bad', 0.1830, 51.5770, False, 'south street'),
    ('the brewery romford', 'bad', 0.1790, 51.5760, False, 'the brewery'),
    ('ilford station', 'bad', 0.0697, 51.5590, False, 'ilford station'),
    ('the exchange ilford', 'bad', 0.0720, 51.5590, False, 'exchange'),
    ('goodmayes station', 'bad', 0.1105, 51.5655, False, 'goodmayes'),
    ('seven kings stn', 'bad', 0.0970, 51.5640, False, 'seven kings'),
    ('gants hill', 'bad', 0.0660, 51.5765, False, 'gants hill'),
    ('barkingside high st', 'bad', 0.0820, 51.5860, False, 'barkingside'),
    ('east ham station', 'bad', 0.0520, 51.5390, False, 'east ham'),
    ('westfield stratford', 'bad', -0.0080, 51.5430, False, 'stratford'),
    ('elm park station', 'bad', 0.1976, 51.5498, False, 'elm park'),
    ('hornchurch', 'bad', 0.2180, 51.5610, False, 'hornchurch'),
    ('upminster', 'bad', 0.2510, 51.5590, False, 'upminster'),
    ('rainham station', 'bad', 0.1906, 51.5167, False, 'rainham station'),
    ('king george hospital car park', 'bad', 0.1090, 51.5770, False, 'king george'),
    ('queens hospital romford', 'bad', 0.1790, 51.5690, False, 'queens hospital'),
    ('beckton', 'bad', 0.0620, 51.5140, False, 'beckton'),
]
# police.uk also uses generic map labels ("On or near Nightclub", "Supermarket"): only
# street-like police names count as names here
STREET_WORD = re.compile(r' (road|street|lane|avenue|grove|gardens|close|way|drive|crescent|place|mews|hill|park|walk|terrace|parade|broadway|green|square|row|court|rise|vale|approach|yard)$')
ALLNAMES = [e['n'] for e in ENT] + [s['n'] for s in STOPS] + [k[1] for k in STREETPTS if STREET_WORD.search(' ' + k[1]) or ' ' in k[1] and k[1].startswith('the ')]
def outside_case(b, lon, lat, confirmed, key):
    pt = (lon, lat)
    inside = lsoa_at(pt)
    if inside and LSOA[inside][0] in BOROUGHS:
        raise Drop('point is inside %s' % inside)
    if not confirmed:
        near = min(dist_to_poly(pt, g) for (_, g, _) in LSOA.values())
        if near < 300:
            raise Drop('only %.0f m from the boroughs' % near)
    if key:
        hits = [n for n in ALLNAMES if norm(key) in n]
        if hits:
            raise Drop('name %r occurs in borough data: %s' % (key, hits[:3]))
    return 'no_match', set()
for text, b, lon, lat, conf, key in OUTSIDE:
    attempt(text, b, lambda: outside_case(b, lon, lat, conf, key), 'outside')

# ---- must-not-place wording (no data needed for the truth)
HOME = ["pt's home", 'pts home address', 'at home', 'home', 'own home', 'own flat', 'in his flat', 'her flat',
        'at home address', 'home address', 'pt home', 'patients home', 'in the house', 'at her house', 'at his house',
        'in own kitchen', 'bedroom at home', 'home - dv', 'dv at home', 'at home by partner', 'home address - assaulted by partner',
        "pt's address", '@ home', 'hme', 'at hom', 'inside own home', 'at home (flat)', 'own residence', "pt's residence",
        'outside own front door', 'in garden at home', 'on landing outside own flat', 'own property', 'pt home addr',
        'home, kitchen', 'at home - known assailant']
for t in HOME:
    add(t, rng.choice(['hgy', 'bad']), 'home', set(), 'home')
OTHER_DWELLING = ["friend's house", 'friends flat', "mum's house", "partner's flat", "ex partners house", "at a mates house",
                  "brother's flat", "relatives home"]
for t in OTHER_DWELLING:
    add(t, rng.choice(['hgy', 'bad']), 'home', set(), 'home_other_dwelling')
UNKNOWN = ['not known', 'n/k', 'u/k', 'unknown', 'unkonwn', 'pt unable to say', 'pt unable to recall', 'declined',
           'declined to say', 'refused to disclose', 'refused', '?', '??', "can't remember", 'cant remember',
           "pt doesn't know", 'pt dont know where', 'not stated', 'not given', 'n/a', 'unk', 'pt would not say',
           'no details', 'not disclosed', 'not sure', 'unsure', 'dont know', 'u/k - pt confused', 'pt did not want to say',
           'info not given', 'unable to obtain', 'pt vague about location', 'pt states cannot recall location',
           'not recorded', '-', 'pt intoxicated unable to give details', 'did not say', 'no info', 'NK', 'unknwon',
           'pt declined to give location', 'would not disclose', 'cannot recall', 'location not known', 'not known to pt']
for t in UNKNOWN:
    add(t, rng.choice(['hgy', 'bad']), 'unknown', set(), 'unknown')
GENERIC = ['street', 'in the street', 'on the street', 'the pub', 'a pub', 'in a pub', 'a shop', 'outside a shop', 'outside',
           'outside shop', 'park', 'in a park', 'bus', 'on a bus', 'on the bus', 'nightclub', 'at a nightclub', 'club',
           'takeaway', 'outside takeaway', 'work', 'at work', 'workplace', 'school', 'at school', 'in school', 'train station',
           'on the tube', 'bus stop', 'at bus stop', 'car park', 'in a car park', 'shopping centre', 'restaurant',
           'chicken shop', 'outside the chicken shop', 'off licence', 'corner shop', 'supermarket', 'petrol station',
           'hotel', 'party', 'at a party', 'road', 'alleyway', 'on the estate', 'stairwell', 'in a lift', 'public toilets',
           'cafe', 'playground', 'football pitch', 'gym', 'in a taxi', 'bar', 'betting shop', 'bookies', 'church', 'library',
           'on the corner', 'local shop', 'outside the local', 'kebab shop', 'in the pub toilets', 'pub car park',
           'on a train', 'at the station', 'outside a club', 'at a bar']
for t in GENERIC:
    add(t, rng.choice(['hgy', 'bad']), 'no_match', set(), 'generic')

# a generic text must not itself be a place name of either borough's data
# (such a text is dropped and listed: it would not be a fair "generic" case)
NAMESET = set(ALLNAMES)
for r in list(ROWS):
    if r['group'] == 'generic' and norm(r['text']) in NAMESET:
        hits = [e['name'] for e in ENT if e['n'] == norm(r['text'])][:3]
        DROPPED.append((r['text'], 'generic text is itself a name in the data: %s' % hits))
        ROWS.remove(r)

# ---------------------------------------------------------------- output
texts = [r['text'] for r in ROWS]
dups = sorted(set(t for t in texts if texts.count(t) > 1))
assert not dups, dups
with open(os.path.join(HERE, 'blind-1.csv'), 'w', newline='') as f:
    w = csv.DictWriter(f, fieldnames=['text', 'site_code', 'expected_outcome', 'expected_lsoa', 'group'], lineterminator='\n')
    w.writeheader()
    for r in ROWS:
        w.writerow(r)
from collections import Counter
print('rows', len(ROWS))
print('by outcome', sorted(Counter(r['expected_outcome'] for r in ROWS).items()))
print('by group', sorted(Counter(r['group'] for r in ROWS).items()))
print('dropped', len(DROPPED))
for t, why in DROPPED:
    print('  DROP %-45s %s' % (t, why))
