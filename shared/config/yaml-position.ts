import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type Position = { line: number; column: number };

/**
 * Where the node at `path` starts in the source (1-based). When the path runs
 * out — a missing field — the nearest existing parent is given instead, so the
 * admin is sent to the mapping the field belongs in. When the last step names
 * a key whose value is the problem, the value is pointed at; an unknown key
 * (the path ends at a key) points at the key, which is the same line.
 */
export function positionOf(doc: Document, lineCounter: LineCounter, path: ReadonlyArray<string | number>): Position | null {
  let node: unknown = doc.contents;
  let at: Node | null = isNode(node) ? node : null;
  for (const step of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyOf(p.key) === String(step));
      if (!pair) break;
      const value = pair.value;
      // `key:` with nothing after it has a null value node without a useful range: point at the key.
      node = value;
      at = isNode(value) && value.range && !(isScalar(value) && value.value === null) ? value : isNode(pair.key) ? pair.key : at;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step];
      if (!isNode(item)) break;
      node = item;
      at = item;
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
