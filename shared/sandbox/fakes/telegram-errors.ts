/** Telegram Bot API errors with the descriptions the real server sends. */

export interface TelegramErrorParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

export class TelegramApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: TelegramErrorParameters,
  ) {
    super(description);
  }

  toJSON(): Record<string, unknown> {
    return {
      ok: false,
      error_code: this.errorCode,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}

export const TG_ERRORS = {
  notFound: 'Not Found',
  notModified:
    'Bad Request: message is not modified: specified new message content and reply markup of the message are exactly the same as a current content and reply markup of the message',
  editNotFound: 'Bad Request: message to edit not found',
  deleteNotFound: 'Bad Request: message to delete not found',
  replyNotFound: 'Bad Request: message to be replied not found',
  cantEdit: "Bad Request: message can't be edited",
  noTextToEdit: 'Bad Request: there is no text in the message to edit',
  tooLong: 'Bad Request: message is too long',
  captionTooLong: 'Bad Request: message caption is too long',
  textEmpty: 'Bad Request: message text is empty',
  buttonDataInvalid: 'Bad Request: BUTTON_DATA_INVALID',
  chatIdEmpty: 'Bad Request: chat_id is empty',
  chatNotFound: 'Bad Request: chat not found',
  queryInvalid: 'Bad Request: query is too old and response timeout expired or query ID is invalid',
  invalidFileId: 'Bad Request: invalid file_id',
  wrongFileId: 'Bad Request: wrong file identifier/HTTP URL specified',
  emptyFile: 'Bad Request: file must be non-empty',
  blocked: 'Forbidden: bot was blocked by the user',
  pollConflict: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
  webhookConflict: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
  botCommandInvalid: 'Bad Request: BOT_COMMAND_INVALID',
} as const;

export const badRequest = (description: string): TelegramApiError => new TelegramApiError(400, description);

export function tooManyRequests(retryAfter: number): TelegramApiError {
  return new TelegramApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
}
