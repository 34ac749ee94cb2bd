/**
 * The parts of OK's group-chat Bot API that Otklik reads, as documented at
 * https://apiok.ru/en/dev/graph_api/methods/graph.user/graph.user.subscribe/post
 * (webhook messages) and graph.user.messages / graph.user.fileUploadUrl.
 * Unknown fields pass; what we read is checked. Ids are strings with a type
 * prefix: "user:…", "chat:…", "mid:…".
 */
import { z } from 'zod';

/** OK marks ids with their type; "Все возвращаемые айди могут быть строковыми" — numbers are taken too. */
const id = (prefix: string) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => String(v))
    .refine((v) => v !== '' && (!v.includes(':') || v.startsWith(`${prefix}:`)), { error: `expected a ${prefix}:… id` })
    .transform((v) => (v.includes(':') ? v : `${prefix}:${v}`));

export const okUserId = id('user');
export const okChatId = id('chat');

export const okAttachment = z.looseObject({
  type: z.string(),
  payload: z.looseObject({ url: z.string().optional(), id: z.union([z.string(), z.number()]).optional() }).optional(),
});
export type OkAttachment = z.infer<typeof okAttachment>;

/** One webhook POST: a new message in one of the group's chats (MESSAGE_CREATED). */
export const okWebhook = z.looseObject({
  /** Present in newer deliveries: MESSAGE_CREATED, MESSAGE_CALLBACK, CHAT_SYSTEM. */
  webhookType: z.string().optional(),
  sender: z.looseObject({ user_id: okUserId, name: z.string().optional() }),
  recipient: z.looseObject({ chat_id: okChatId }),
  message: z.looseObject({
    mid: z.string().min(1),
    text: z.string().optional(),
    seq: z.union([z.number(), z.string()]).optional(),
    attachments: z.array(okAttachment).optional(),
    attachment: okAttachment.optional(),
  }),
  timestamp: z.number(),
});
export type OkWebhook = z.infer<typeof okWebhook>;

/** Graph API errors come as a JSON body, with HTTP 200 or an error status. */
export const okError = z.looseObject({ error_code: z.number(), error_msg: z.string().optional(), error_data: z.unknown().optional() });

export const okSendResult = z.looseObject({
  success: z.boolean().optional(),
  message_id: z.string().optional(),
  chat_id: z.string().optional(),
});

export const okUploadUrl = z.looseObject({ url: z.string().url(), file_id: z.string().optional(), token: z.string().optional() });

/** The upload server's answer for images: one token per uploaded photo. */
export const okUploadResult = z.looseObject({ photos: z.record(z.string(), z.looseObject({ token: z.string() })) });

export const okSuccess = z.looseObject({ success: z.boolean() });

/** GET /graph/me/subscriptions: the group's webhook subscriptions. */
export const okSubscriptions = z.looseObject({ subscriptions: z.array(z.looseObject({ url: z.string() })).default([]) });
