/**
 * VK Callback API envelopes and the event objects Otklik reads (API v5.199).
 * Only the fields we use are checked; VK adds fields freely, so the rest passes.
 */
import { z } from 'zod';

export const callbackEnvelope = z.object({
  type: z.string().min(1),
  group_id: z.number().int().positive(),
  event_id: z.string().min(1).optional(),
  secret: z.string().optional(),
  v: z.string().optional(),
  object: z.unknown().optional(),
});
export type CallbackEnvelope = z.infer<typeof callbackEnvelope>;

const attachment = z.looseObject({ type: z.string() });

export const messageNew = z.object({
  message: z.looseObject({
    id: z.number().int(),
    date: z.number().int(),
    peer_id: z.number().int(),
    from_id: z.number().int(),
    text: z.string(),
    conversation_message_id: z.number().int().optional(),
    attachments: z.array(attachment).default([]),
  }),
});

export const wallReply = z.looseObject({
  id: z.number().int(),
  from_id: z.number().int(),
  date: z.number().int(),
  text: z.string(),
  post_id: z.number().int(),
  owner_id: z.number().int().optional(),
  post_owner_id: z.number().int(),
  parents_stack: z.array(z.number().int()).optional(),
  reply_to_comment: z.number().int().optional(),
  attachments: z.array(attachment).default([]),
});
