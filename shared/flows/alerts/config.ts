import type { Org } from '../../platform/config/org.js';
import { parseDuration } from '../../core/sla/index.js';
import { DEFAULT_SPIKE, type SpikeConfig } from '../../core/analytics/spike.js';

/** The activity spike's thresholds: the organisation file's `alerts.spike`, defaults for what it leaves out. */
export function spikeConfig(org: Org): SpikeConfig {
  const s = org.alerts?.spike ?? {};
  const window = s.window === undefined ? null : parseDuration(s.window);
  return {
    windowMs: window ? (window.days * 1440 + window.minutes) * 60_000 : DEFAULT_SPIKE.windowMs,
    weeks: s.weeks ?? DEFAULT_SPIKE.weeks,
    minimum: s.minimum ?? DEFAULT_SPIKE.minimum,
    multiple: s.multiple ?? DEFAULT_SPIKE.multiple,
  };
}
