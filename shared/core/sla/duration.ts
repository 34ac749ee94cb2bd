import { z } from 'zod';

/**
 * Durations as the regulations state them: "30m", "1h30m", "8h", "7d",
 * "2d4h". Days are whole days on the chosen clock (working days or calendar
 * days); hours and minutes are minutes on that clock.
 */

export type Clock = 'working' | 'calendar';

export interface Duration {
  days: number;
  minutes: number;
}

const PATTERN = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

export function parseDuration(text: string): Duration {
  const m = PATTERN.exec(text.trim());
  if (!m || text.trim() === '') throw new Error(`not a duration: "${text}" (expected e.g. "30m", "1h30m", "8h", "7d")`);
  return { days: Number(m[1] ?? 0), minutes: Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) };
}

export function formatDuration(d: Duration): string {
  const h = Math.floor(d.minutes / 60);
  const min = d.minutes % 60;
  const s = `${d.days ? `${d.days}d` : ''}${h ? `${h}h` : ''}${min ? `${min}m` : ''}`;
  return s || '0m';
}

export const durationSchema = z.string().refine(
  (s) => {
    try {
      const d = parseDuration(s);
      return d.days + d.minutes > 0;
    } catch {
      return false;
    }
  },
  { message: 'expected a positive duration like "30m", "1h30m", "8h" or "7d"' },
);

export const clockSchema = z.enum(['working', 'calendar']);
