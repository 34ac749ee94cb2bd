import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type Position = { line: number; column: number };

/**
 * Where the problem at `path` is in the source (1-based line and column):
 * - a scalar value: the value itself (`department: road` → at `road`);
 * - a list or mapping under a key: the key, since a block collection starts
 *   on the line below it and "staff:" is what the admin looks for;
 * - a missing field: the nearest existing parent, by the same rules;
 * - with `atKey` (an unknown key): the key.
 */
export function positionOf(
  doc: Document,
  lineCounter: LineCounter,
  path: ReadonlyArray<string | number>,
  atKey = false,
): Position | null {
  let node: unknown = doc.contents;
  let at: Node | null = isNode(node) ? node : null;
  for (const [i, step] of path.entries()) {
    const last = i === path.length - 1;
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyOf(p.key) === String(step));
      if (!pair) break;
      const value = pair.value;
      const pointAtValue = !(last && atKey) && isScalar(value) && value.value !== null && value.range;
      at = pointAtValue ? value : isNode(pair.key) ? pair.key : at;
      node = value;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step];
      if (!isNode(item)) break;
      at = item;
      node = item;
    } else {
      break;
    }
  }
  const offset = at?.range?.[0];
  if (offset === undefined) return null;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && 'range' in v;
}

function keyOf(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
}
