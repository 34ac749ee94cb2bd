/** What a hit is about; the curator sees it as a reason to consider «не подлежит рассмотрению». */
export type ModerationCategory = 'obscenity' | 'insult' | 'threat';

export interface ModerationHit {
  category: ModerationCategory;
  /** The offending fragment exactly as the citizen wrote it (obfuscation included). */
  match: string;
  /** Offset of `match` in the checked text (UTF-16 code units, as `String.prototype.slice`). */
  index: number;
}

/** A suggestion only: 'suspect' never rejects anything by itself, the curator decides. */
export interface ModerationResult {
  verdict: 'clean' | 'suspect';
  hits: ModerationHit[];
}

/**
 * The word lists, one pattern a line (the data files' format, comments and
 * blank lines already dropped): shared/platform/wordlists reads the shipped ones.
 */
export interface ModerationLists {
  obscenity: readonly string[];
  insult: readonly string[];
  /** Insults only near an addressee («вы там все воры»). */
  insultAddressed: readonly string[];
  addressee: readonly string[];
  threat: readonly string[];
  /** Full forms a masked word («с*ка») is compared with. */
  masked: readonly string[];
}
