/**
 * Ward and borough outlines dissolved from the LSOA polygons. LSOAs nest in
 * wards only by ONS's best-fit lookup (each LSOA carries its best-fit ward), so
 * a ward here is the union of the LSOAs the lookup assigns to it: the ward a
 * count by ward is a count of. Dissolving goes through a TopoJSON topology,
 * where neighbouring LSOAs share arcs: an outline is the arcs whose two sides
 * lie in different wards (or boroughs), with no slivers from polygon clipping.
 */
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { merge, mesh } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection, MultiPolygon as TopoMultiPolygon, Polygon as TopoPolygon, Topology } from 'topojson-specification';
import { boroughOfFeature, lsoaCodeOf, wardOfFeature } from '../area.ts';

export interface AreaUnit {
  code: string;
  name: string;
}

export interface WardShape extends AreaUnit {
  borough: AreaUnit | null;
  geometry: MultiPolygon;
}

export interface AreaOutlines {
  /** Lines between LSOAs of different wards of the same borough; null when the LSOAs carry no ward. */
  wardLines: MultiLineString | null;
  /** The outline of the area and the lines between boroughs. */
  boroughLines: MultiLineString;
  /** Each ward's dissolved shape, for its label. */
  wards: WardShape[];
}

interface Keyed {
  ward: string | null;
  borough: string | null;
}

export function areaOutlines(features: ReadonlyArray<Feature<Polygon | MultiPolygon>>): AreaOutlines {
  const collection: FeatureCollection<Polygon | MultiPolygon> = {
    type: 'FeatureCollection',
    features: features.map((feature, index) => ({
      type: 'Feature',
      id: lsoaCodeOf(feature, index),
      properties: { ward: wardOfFeature(feature)?.code ?? null, borough: boroughOfFeature(feature)?.code ?? null } satisfies Keyed,
      geometry: feature.geometry,
    })),
  };
  const topo = topology({ lsoas: collection }) as Topology<{ lsoas: GeometryCollection<Keyed> }>;
  const lsoas = topo.objects.lsoas;
  const keyed = (geometry: { properties?: object }): Keyed => (geometry.properties as Keyed | undefined) ?? { ward: null, borough: null };
  const hasWards = features.length > 0 && lsoas.geometries.every((geometry) => keyed(geometry).ward !== null);
  const boroughLines = mesh(topo, lsoas, (a, b) => a === b || keyed(a).borough !== keyed(b).borough);
  const wardLines = hasWards ? mesh(topo, lsoas, (a, b) => a !== b && keyed(a).borough === keyed(b).borough && keyed(a).ward !== keyed(b).ward) : null;
  const wards: WardShape[] = [];
  if (hasWards) {
    const byWard = new Map<string, { unit: AreaUnit; borough: AreaUnit | null; members: typeof lsoas.geometries }>();
    lsoas.geometries.forEach((geometry, index) => {
      const ward = wardOfFeature(features[index]!)!;
      const entry = byWard.get(ward.code) ?? { unit: ward, borough: boroughOfFeature(features[index]!), members: [] };
      entry.members.push(geometry);
      byWard.set(ward.code, entry);
    });
    for (const { unit, borough, members } of byWard.values()) wards.push({ ...unit, borough, geometry: merge(topo, members as Array<TopoPolygon | TopoMultiPolygon>) });
  }
  return { wardLines, boroughLines, wards };
}
