/**
 * The parts of MAX's Bot API updates that Otklik reads (the schema is the
 * official client's types, @maxhub/max-bot-api: Update, Message). Unknown
 * fields pass; what we read is checked.
 */
import { z } from 'zod';

export const maxUser = z.looseObject({
  user_id: z.number().int(),
  name: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().nullish(),
  username: z.string().nullish(),
  is_bot: z.boolean().optional(),
});

export const maxAttachment = z.looseObject({
  type: z.string(),
  payload: z.looseObject({ url: z.string().nullish(), token: z.string().nullish() }).nullish(),
});
export type MaxAttachment = z.infer<typeof maxAttachment>;

export const maxMessage = z.looseObject({
  sender: maxUser.nullish(),
  recipient: z.looseObject({ chat_id: z.number().int().nullish(), chat_type: z.string(), user_id: z.number().int().nullish() }),
  timestamp: z.number(),
  link: z.looseObject({ type: z.string(), message: z.looseObject({ mid: z.string() }) }).nullish(),
  body: z.looseObject({ mid: z.string().min(1), text: z.string().nullish(), attachments: z.array(maxAttachment).nullish() }),
  url: z.string().nullish(),
});
export type MaxMessage = z.infer<typeof maxMessage>;

export const maxMessageUpdate = z.looseObject({
  update_type: z.enum(['message_created', 'message_edited']),
  timestamp: z.number(),
  message: maxMessage,
});

export const maxRemovedUpdate = z.looseObject({
  update_type: z.literal('message_removed'),
  timestamp: z.number(),
  message_id: z.string().min(1),
  chat_id: z.number().int().nullish(),
  user_id: z.number().int().nullish(),
});
