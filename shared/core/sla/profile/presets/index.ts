import { profileSchema, type Profile } from '../schema.js';
import { ivanovo2020 } from './ivanovo-2020.js';
import { kamchatkaIas2021 } from './kamchatka-ias-2021.js';
import { kislovodsk2020 } from './kislovodsk-2020.js';
import { severny2022 } from './severny-2022.js';
import { severnyPos2022 } from './severny-pos-2022.js';
import { sobolevo2021 } from './sobolevo-2021.js';
import { zavitinsk2020 } from './zavitinsk-2020.js';

/** One preset per regulation in shared/spec/regulations.md, validated at load. */
export const presetIds = [
  'zavitinsk-2020',
  'kislovodsk-2020',
  'sobolevo-2021',
  'kamchatka-ias-2021',
  'ivanovo-2020',
  'severny-2022',
  'severny-pos-2022',
] as const;

export type PresetId = (typeof presetIds)[number];

export const presets: Readonly<Record<PresetId, Profile>> = Object.freeze({
  'zavitinsk-2020': profileSchema.parse(zavitinsk2020),
  'kislovodsk-2020': profileSchema.parse(kislovodsk2020),
  'sobolevo-2021': profileSchema.parse(sobolevo2021),
  'kamchatka-ias-2021': profileSchema.parse(kamchatkaIas2021),
  'ivanovo-2020': profileSchema.parse(ivanovo2020),
  'severny-2022': profileSchema.parse(severny2022),
  'severny-pos-2022': profileSchema.parse(severnyPos2022),
});

export function isPresetId(id: string): id is PresetId {
  return (presetIds as readonly string[]).includes(id);
}
