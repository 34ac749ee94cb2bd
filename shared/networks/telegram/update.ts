/**
 * The parts of a Telegram Bot API Update that Otklik reads (Bot API 7+:
 * reply_parameters, forward_origin). Unknown fields pass; what we read is checked.
 */
import { z } from 'zod';

const int = z.number().int();

export const tgUser = z.looseObject({
  id: int,
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
});

export const tgChat = z.looseObject({
  id: int,
  type: z.enum(['private', 'group', 'supergroup', 'channel']),
  title: z.string().optional(),
  username: z.string().optional(),
});

const file = z.looseObject({ file_id: z.string(), file_unique_id: z.string().optional() });
const photoSize = file.extend({ width: int, height: int });

/** Fields shared by a message and the one it replies to (Telegram nests replies one level only). */
const messageFields = {
  message_id: int,
  date: int,
  chat: tgChat,
  from: tgUser.optional(),
  sender_chat: tgChat.optional(),
  message_thread_id: int.optional(),
  is_topic_message: z.boolean().optional(),
  is_automatic_forward: z.boolean().optional(),
  forward_origin: z.looseObject({ type: z.string(), chat: tgChat.optional(), message_id: int.optional() }).optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(photoSize).optional(),
  document: file.extend({ file_name: z.string().optional() }).optional(),
  video: file.optional(),
  voice: file.optional(),
  audio: file.extend({ title: z.string().optional() }).optional(),
  video_note: file.optional(),
  sticker: file.optional(),
};

export const tgMessage = z.looseObject({ ...messageFields, reply_to_message: z.looseObject(messageFields).optional() });
export type TgMessage = z.infer<typeof tgMessage>;

/** The stored update's field naming the bot that received it (absent in updates stored before it was added). */
export const RECEIVED_BY = 'otklik_received_by';

export const tgUpdate = z.looseObject({
  update_id: int,
  message: tgMessage.optional(),
  edited_message: tgMessage.optional(),
  /**
   * Not Telegram's: the id of the bot that received the update, added by Otklik when storing it
   * (bots/telegram/features/citizens.ts). Only that bot can write to the citizen's private chat.
   */
  [RECEIVED_BY]: int.optional(),
});
