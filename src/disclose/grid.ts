/**
 * What a release reveals, as one system of linear relations shared by
 * protection and the auditor.
 *
 * Every cell of every table (interior, margin, hierarchy subtotal) counts a
 * *population*: for each attribute of a record (month, LSOA, weapon, …) the
 * set of values it selects. A dimension names its attribute (itself, or the
 * attribute its values group: a ward is a set of LSOAs); a table's scope adds
 * the records it covers (a rolling year). Cells of any tables, of this release
 * or of one published before, that select the same population and hold the
 * same count are one *quantity*. The relations a reader can write are `lines`
 * (parent = sum of members):
 *  - within a table, a margin equals the sum of its children along each
 *    dimension;
 *  - across tables, along each attribute, populations that agree on every
 *    other attribute nest: a ward is the sum of its LSOAs, twelve months the
 *    sum of their months, a period contains any month in it. Where a parent
 *    has records outside the children seen, a *hidden* quantity (never shown,
 *    at least 0) stands for the rest, so containment is an inequality.
 *    Overlapping sets (two rolling years) are cut into their common parts.
 * A line is kept only when it holds on the true counts, so a wrong grouping
 * can never make the model claim what is false.
 */
import { buildLayout, cellNodes, interiorIndicesOf, isInteriorCell, type TableLayout } from './layout.ts';
import { TOTAL, type CountTable } from './types.ts';

export interface Quantity {
  id: number;
  /** The population, as attribute=subset pairs (for messages and debugging). */
  key: string;
  /** The true count. */
  value: number;
  /** True when the quantity is an interior cell of some table of the release being made. */
  interior: boolean;
  /** True when a table of the release being made shows it (interior cells always; margins when the policy publishes them). */
  published: boolean;
  /** A part of a population that no table shows (the rest of a period, records outside the listed areas). */
  hidden: boolean;
}

/** parent = sum of members. */
export interface Line {
  parent: number;
  members: number[];
}

export interface ReleaseGrid {
  /** Layouts of the release's tables, then of the published releases' tables. */
  layouts: TableLayout[];
  /** Per layout: 0 for the release being made, i + 1 for `published[i]`. */
  layoutSource: number[];
  quantities: Quantity[];
  /** Per layout: grid cell → quantity id. */
  cellQuantity: Int32Array[];
  /** Per layout: interior index → quantity id. */
  interiorQuantity: Int32Array[];
  lines: Line[];
  /** Quantity id → ids of the lines it is in (as parent or member). */
  linesOf: number[][];
}

const STAR = 0;

/** Sets of attribute values, interned: id 0 is "every value" (a total, or no constraint). */
class SubsetTable {
  private readonly ids = new Map<string, number>();
  readonly elements: Int32Array[] = [new Int32Array(0)];
  private readonly elementIds = new Map<string, Map<string, number>>();

  element(attribute: string, value: string): number {
    let values = this.elementIds.get(attribute);
    if (!values) this.elementIds.set(attribute, (values = new Map()));
    let id = values.get(value);
    if (id === undefined) values.set(value, (id = values.size));
    return id;
  }

  intern(attribute: string, elements: Iterable<number>): number {
    const sorted = Int32Array.from(new Set(elements)).sort();
    const key = `${attribute}\u001f${sorted.join(',')}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.elements.length;
      this.ids.set(key, id);
      this.elements.push(sorted);
    }
    return id;
  }

  size(id: number): number {
    return id === STAR ? Infinity : this.elements[id]!.length;
  }

  intersect(attribute: string, a: number, b: number): number {
    if (a === STAR) return b;
    if (b === STAR) return a;
    const other = new Set(this.elements[b]);
    return this.intern(attribute, [...this.elements[a]!].filter((element) => other.has(element)));
  }
}

type Signature = Map<string, number>;

interface Links {
  addLine: (parent: number, members: number[]) => boolean;
  hasLine: (parent: number, members: number[]) => boolean;
}

function signatureKey(signature: Signature, without?: string): string {
  return [...signature]
    .filter(([attribute, subset]) => subset !== STAR && attribute !== without)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([attribute, subset]) => `${attribute}=${subset}`)
    .join('\u001f');
}

/** Per dimension of a layout: its attribute, and each node's subset of that attribute (before the table's scope). */
function dimensionSubsets(layout: TableLayout, subsets: SubsetTable): Array<{ attribute: string; nodeSubset: number[] }> {
  return layout.dimensions.map((dimension) => {
    const of = dimension.dimension.of;
    const grouped = of !== undefined && dimension.leaves.every((leaf) => (of.members[leaf]?.length ?? 0) > 0);
    const attribute = grouped ? of!.dimension : dimension.dimension.name;
    const leafElements = dimension.leaves.map((leaf) => (grouped ? of!.members[leaf]! : [leaf]).map((value) => subsets.element(attribute, value)));
    const nodeSubset = dimension.nodes.map((node, index) => (node === TOTAL ? STAR : subsets.intern(attribute, dimension.leavesUnder[index]!.flatMap((leaf) => leafElements[leaf]!))));
    return { attribute, nodeSubset };
  });
}

function tableScope(table: CountTable, subsets: SubsetTable): Signature {
  const scope: Signature = new Map();
  for (const [attribute, values] of Object.entries(table.scope?.filters ?? {})) {
    scope.set(attribute, subsets.intern(attribute, values.map((value) => subsets.element(attribute, value))));
  }
  const unit = table.scope?.unit;
  if (unit !== undefined && unit !== 'records') scope.set('#unit', subsets.intern('#unit', [subsets.element('#unit', unit)]));
  return scope;
}

export function buildReleaseGrid(tables: CountTable[], publishMargins: boolean, published: CountTable[][] = []): ReleaseGrid {
  const sources = [tables, ...published];
  sources.forEach((source) => {
    const seenIds = new Set<string>();
    for (const table of source) {
      if (seenIds.has(table.id)) throw new Error(`Table id appears twice in one release: ${table.id}`);
      seenIds.add(table.id);
    }
  });
  const layouts: TableLayout[] = [];
  const layoutSource: number[] = [];
  sources.forEach((source, index) => {
    for (const table of source) {
      layouts.push(buildLayout(table));
      layoutSource.push(index);
    }
  });

  const subsets = new SubsetTable();
  const quantities: Quantity[] = [];
  const signatures: Signature[] = [];
  const byIdentity = new Map<string, number>();
  const cellQuantity: Int32Array[] = [];
  const interiorQuantity: Int32Array[] = [];
  const lines: Line[] = [];
  const lineKeys = new Set<string>();
  const lineKey = (parent: number, members: number[]) => `${parent}:${[...members].sort((a, b) => a - b).join(',')}`;
  const hasLine = (parent: number, members: number[]) => lineKeys.has(lineKey(parent, members));
  const addLine = (parent: number, members: number[]): boolean => {
    if (members.length === 0 || (members.length === 1 && members[0] === parent)) return false;
    const key = lineKey(parent, members);
    if (lineKeys.has(key)) return false;
    lineKeys.add(key);
    lines.push({ parent, members });
    return true;
  };

  layouts.forEach((layout, l) => {
    const current = layoutSource[l] === 0;
    const dimensions = dimensionSubsets(layout, subsets);
    const scope = tableScope(layout.table, subsets);
    const cells = new Int32Array(layout.cellCount);
    const interior = new Int32Array(layout.interior.length);
    for (let cell = 0; cell < layout.cellCount; cell++) {
      const nodes = cellNodes(layout, cell);
      let value = 0;
      for (const index of interiorIndicesOf(layout, nodes)) value += layout.interior[index]!;
      const signature: Signature = new Map(scope);
      dimensions.forEach(({ attribute, nodeSubset }, d) => {
        signature.set(attribute, subsets.intersect(attribute, signature.get(attribute) ?? STAR, nodeSubset[nodes[d]!]!));
      });
      const key = signatureKey(signature);
      const identity = `${key}#${value}`;
      let id = byIdentity.get(identity);
      if (id === undefined) {
        id = quantities.length;
        byIdentity.set(identity, id);
        quantities.push({ id, key, value, interior: false, published: false, hidden: false });
        signatures.push(signature);
      }
      const quantity = quantities[id]!;
      const isInterior = isInteriorCell(layout, nodes);
      if (isInterior) interior[interiorIndicesOf(layout, nodes)[0]!] = id;
      if (current && isInterior) quantity.interior = true;
      if (current && (isInterior || publishMargins)) quantity.published = true;
      cells[cell] = id;
    }
    cellQuantity.push(cells);
    interiorQuantity.push(interior);

    const radix = layout.dimensions.map((dimension) => dimension.nodes.length);
    for (let cell = 0; cell < layout.cellCount; cell++) {
      const nodes = cellNodes(layout, cell);
      layout.dimensions.forEach((dimension, d) => {
        const children = dimension.children[nodes[d]!]!;
        if (children.length === 0) return;
        const members = children.map((child) => {
          const childNodes = [...nodes];
          childNodes[d] = child;
          return cells[childNodes.reduce((position, node, e) => position * radix[e]! + node, 0)]!;
        });
        addLine(cells[cell]!, members);
      });
    }
  });

  const hidden: number[] = [];
  const addHidden = (key: string): number => {
    const id = quantities.length;
    quantities.push({ id, key, value: Number.NaN, interior: false, published: false, hidden: true });
    signatures.push(new Map());
    hidden.push(id);
    return id;
  };
  linkAcrossTables(quantities, signatures, subsets, { addLine, hasLine }, addHidden);
  const kept = settleHidden(quantities, lines, hidden);

  const linesOf: number[][] = quantities.map(() => []);
  kept.forEach((line, lineId) => {
    linesOf[line.parent]!.push(lineId);
    for (const member of line.members) linesOf[member]!.push(lineId);
  });
  return { layouts, layoutSource, quantities, cellQuantity, interiorQuantity, lines: kept, linesOf };
}

/** Along each attribute, the populations that agree on every other attribute nest: link each to its largest parts. */
function linkAcrossTables(
  quantities: Quantity[],
  signatures: Signature[],
  subsets: SubsetTable,
  links: Links,
  addHidden: (key: string) => number,
): void {
  const attributes = new Set<string>();
  for (const signature of signatures) for (const attribute of signature.keys()) attributes.add(attribute);
  const count = quantities.length;
  for (const attribute of attributes) {
    const groups = new Map<string, Map<number, number>>();
    for (let id = 0; id < count; id++) {
      const signature = signatures[id]!;
      const rest = signatureKey(signature, attribute);
      let group = groups.get(rest);
      if (!group) groups.set(rest, (group = new Map()));
      const subset = signature.get(attribute) ?? STAR;
      // Two quantities with one population but different counts come from tables that do not count the same records: link the first only.
      if (!group.has(subset)) group.set(subset, id);
    }
    for (const [rest, group] of groups) {
      if (group.size < 2) continue;
      if (!linkLaminar(group, subsets, links, () => addHidden(`${rest}\u001f${attribute}=rest`))) {
        linkByAtoms(group, subsets, links, (atom) => addHidden(`${rest}\u001f${attribute}=part:${atom}`));
      }
    }
  }
}

/** Nested sets (LSOA ⊂ ward ⊂ borough; month ⊂ year): parent = its largest subsets + the rest. False when two sets overlap. */
function linkLaminar(group: Map<number, number>, subsets: SubsetTable, links: Links, addRest: () => number): boolean {
  const { addLine, hasLine } = links;
  const order = [...group.keys()].sort((a, b) => subsets.size(b) - subsets.size(a));
  const hasStar = group.has(STAR);
  const root = hasStar ? STAR : -1;
  const owner = new Map<number, number>();
  const children = new Map<number, number[]>();
  for (const subset of order) {
    if (subset === STAR) continue;
    const elements = subsets.elements[subset]!;
    const parent = owner.get(elements[0]!) ?? root;
    for (const element of elements) if ((owner.get(element) ?? root) !== parent) return false;
    for (const element of elements) owner.set(element, subset);
    if (parent === -1) continue;
    let list = children.get(parent);
    if (!list) children.set(parent, (list = []));
    list.push(subset);
  }
  for (const [parent, list] of children) {
    const members = list.map((child) => group.get(child)!);
    // A margin already equal to these members in its own table says more (no rest): keep that.
    if (hasLine(group.get(parent)!, members)) continue;
    const covered = list.reduce((total, child) => total + subsets.size(child), 0);
    if (parent === STAR || covered < subsets.size(parent)) members.push(addRest());
    addLine(group.get(parent)!, members);
  }
  return true;
}

/** Overlapping sets (rolling years of consecutive releases): cut into atoms, each set the sum of its atoms. */
function linkByAtoms(group: Map<number, number>, subsets: SubsetTable, { addLine }: Links, addAtom: (atom: string) => number): void {
  const sets = [...group.keys()];
  const membership = new Map<number, number[]>();
  sets.forEach((subset, index) => {
    if (subset === STAR) return;
    for (const element of subsets.elements[subset]!) {
      let list = membership.get(element);
      if (!list) membership.set(element, (list = []));
      list.push(index);
    }
  });
  const atoms = new Map<string, number[]>();
  for (const [element, list] of membership) {
    const key = list.join(',');
    let atom = atoms.get(key);
    if (!atom) atoms.set(key, (atom = []));
    atom.push(element);
  }
  const bySubset = new Map<string, number>();
  for (const subset of sets) if (subset !== STAR) bySubset.set(subsets.elements[subset]!.join(','), subset);
  const atomQuantity = new Map<string, number>();
  for (const [key, elements] of atoms) {
    const same = bySubset.get([...elements].sort((a, b) => a - b).join(','));
    atomQuantity.set(key, same !== undefined ? group.get(same)! : addAtom(key));
  }
  sets.forEach((subset, index) => {
    const members: number[] = [];
    for (const [key] of atoms) if (subset === STAR || key.split(',').includes(String(index))) members.push(atomQuantity.get(key)!);
    if (subset === STAR) members.push(addAtom('rest'));
    addLine(group.get(subset)!, members);
  });
}

/**
 * Works out the true value of each hidden quantity from lines where it is the
 * only unknown, and keeps the lines that hold on the true counts with every
 * hidden part at least 0.
 */
function settleHidden(quantities: Quantity[], lines: Line[], hidden: number[]): Line[] {
  if (hidden.length > 0) {
    const unknownIn = lines.map((line) => [line.parent, ...line.members].filter((id) => Number.isNaN(quantities[id]!.value)).length);
    const linesOfHidden = new Map<number, number[]>();
    lines.forEach((line, lineId) => {
      for (const id of [line.parent, ...line.members]) {
        if (!quantities[id]!.hidden) continue;
        let list = linesOfHidden.get(id);
        if (!list) linesOfHidden.set(id, (list = []));
        list.push(lineId);
      }
    });
    const queue = lines.map((_, lineId) => lineId).filter((lineId) => unknownIn[lineId] === 1);
    while (queue.length > 0) {
      const lineId = queue.pop()!;
      if (unknownIn[lineId] !== 1) continue;
      const line = lines[lineId]!;
      const unknown = [line.parent, ...line.members].find((id) => Number.isNaN(quantities[id]!.value))!;
      let sum = 0;
      for (const member of line.members) if (member !== unknown) sum += quantities[member]!.value;
      quantities[unknown]!.value = unknown === line.parent ? sum : quantities[line.parent]!.value - sum;
      for (const other of linesOfHidden.get(unknown) ?? []) {
        unknownIn[other]!--;
        if (unknownIn[other] === 1) queue.push(other);
      }
    }
  }
  return lines.filter((line) => {
    const ids = [line.parent, ...line.members];
    if (ids.some((id) => Number.isNaN(quantities[id]!.value) || quantities[id]!.value < 0)) return false;
    let sum = 0;
    for (const member of line.members) sum += quantities[member]!.value;
    return sum === quantities[line.parent]!.value;
  });
}
