/**
 * Area labels that do not run into one another: each label is tried at its
 * area's anchor, then a line above or below, then broken over two lines; the
 * first placement that overlaps no label already placed (and stays inside the
 * frame) is kept. Larger areas go first, so a label that must give way is
 * that of a small area, and the caller can say how many were left out.
 */
export interface LabelRequest {
  text: string;
  /** Anchor point on screen (the centre of the label). */
  x: number;
  y: number;
  /** Larger areas are placed first. */
  priority: number;
}

export interface PlacedLabel {
  text: string;
  lines: string[];
  x: number;
  y: number;
  box: Box;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface LabelLayout {
  placed: PlacedLabel[];
  /** Labels left out because every placement overlapped another or left the frame. */
  omitted: string[];
}

export interface LabelOptions {
  fontSize: number;
  /** Frame labels must stay inside: [width, height]. */
  frame: [number, number];
  /** Boxes labels must not cover (a legend, a scale bar). */
  avoid?: Box[];
}

/** Width of a text in a sans-serif face, from its characters: close enough for collision tests and set with a margin. */
export function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const character of text) units += /[ilI.,'’\-() ]/.test(character) ? 0.3 : /[mwMW]/.test(character) ? 0.85 : /[A-Z]/.test(character) ? 0.72 : 0.56;
  return units * fontSize;
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** The text split into two lines at the space nearest its middle, or null when it has no space. */
function twoLines(text: string): [string, string] | null {
  const spaces = [...text.matchAll(/ /g)].map((match) => match.index!);
  if (spaces.length === 0) return null;
  const middle = text.length / 2;
  const at = spaces.reduce((best, index) => (Math.abs(index - middle) < Math.abs(best - middle) ? index : best));
  return [text.slice(0, at), text.slice(at + 1)];
}

export function placeLabels(requests: readonly LabelRequest[], options: LabelOptions): LabelLayout {
  const { fontSize } = options;
  const lineHeight = fontSize * 1.15;
  const padding = 1.5;
  const taken: Box[] = [...(options.avoid ?? [])];
  const placed: PlacedLabel[] = [];
  const omitted: string[] = [];
  const boxOf = (lines: string[], x: number, y: number): Box => {
    const width = Math.max(...lines.map((line) => textWidth(line, fontSize)));
    const height = lines.length * lineHeight;
    return { left: x - width / 2 - padding, right: x + width / 2 + padding, top: y - height / 2 - padding, bottom: y + height / 2 + padding };
  };
  const inFrame = (box: Box) => box.left >= 0 && box.top >= 0 && box.right <= options.frame[0] && box.bottom <= options.frame[1];
  for (const request of [...requests].sort((a, b) => b.priority - a.priority)) {
    const split = twoLines(request.text);
    const layouts = [[request.text], ...(split ? [split] : [])];
    const offsets = [0, -lineHeight, lineHeight];
    let chosen: PlacedLabel | null = null;
    for (const lines of layouts) {
      for (const dy of offsets) {
        const box = boxOf(lines, request.x, request.y + dy);
        if (inFrame(box) && !taken.some((other) => overlaps(box, other))) {
          chosen = { text: request.text, lines, x: request.x, y: request.y + dy, box };
          break;
        }
      }
      if (chosen) break;
    }
    if (chosen) {
      placed.push(chosen);
      taken.push(chosen.box);
    } else omitted.push(request.text);
  }
  return { placed, omitted };
}
