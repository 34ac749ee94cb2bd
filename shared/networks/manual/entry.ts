/**
 * A message staff registered by hand — forwarded to the bot, or sent as a
 * link or a screenshot from monitoring — as the bot stores it for ingest.
 */
import { z } from 'zod';

const kinds = ['direct', 'comment', 'reply', 'wall_post', 'board_post', 'photo_comment', 'video_comment'] as const;

export const manualEntry = z.object({
  /** Stable per registration (e.g. the curator's chat and message id): the dedupe key. */
  id: z.string().min(1),
  /** What the original was, when the curator knows; a comment is the common case. */
  kind: z.enum(kinds).default('comment'),
  text: z.string(),
  /** Where the original is, when known. */
  link: z.url().optional(),
  author: z.object({ id: z.string().min(1).optional(), name: z.string().optional(), link: z.string().optional() }).default({}),
  /** Telegram id of the staff member who registered it. */
  registeredBy: z.number().int(),
  registeredAt: z.iso.datetime({ offset: true }),
  /** When the citizen wrote it, if known; otherwise the registration time. */
  postedAt: z.iso.datetime({ offset: true }).optional(),
  /** How it reached staff: 'forward', 'link', 'screenshot', or a monitoring system's name. */
  source: z.string().optional(),
  attachments: z
    .array(z.object({ type: z.enum(['photo', 'video', 'doc', 'link', 'audio', 'other']), url: z.string().optional(), title: z.string().optional(), ref: z.string().optional() }))
    .default([]),
});
export type ManualEntry = z.input<typeof manualEntry>;
