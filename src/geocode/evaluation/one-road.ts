/**
 * How the evaluation generators tell one long road stored as several street
 * features (a road's premises fall into several clusters) from same-named
 * streets: UK addressing keeps a street name unique within a postcode district,
 * so features of one name whose own district (the district most of their sampled
 * postcodes are in) is the same are one road, and any point on it is right.
 */
interface StreetFeature { properties: Record<string, unknown> }

export function ownDistrict(feature: StreetFeature): string | null {
  const postcodes = (feature.properties['sample_postcodes'] as string[] | undefined) ?? [];
  const counts = new Map<string, number>();
  for (const postcode of postcodes) {
    const district = postcode.trim().split(/\s+/)[0]!.toUpperCase();
    counts.set(district, (counts.get(district) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return ranked[0]?.[0] ?? ((feature.properties['postcode_districts'] as string[] | undefined)?.[0] ?? null);
}

/** Several features of one name, all in one own district: one road. */
export function oneRoad(features: readonly StreetFeature[]): boolean {
  if (features.length === 0) return false;
  const name = String(features[0]!.properties['name']).toLowerCase();
  const district = ownDistrict(features[0]!);
  return district !== null && features.every((f) => String(f.properties['name']).toLowerCase() === name && ownDistrict(f) === district);
}
