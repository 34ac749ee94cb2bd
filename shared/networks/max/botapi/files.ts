/**
 * A MAX file as a Bot API file id: the staff side keeps one string per photo, video or document and gives
 * it back to send the file again (MAX wants the attachment's token) or to download it (from MAX's URL).
 * Both travel in the id, so nothing needs looking up.
 */
export type MaxFile = { token: string; url: string; size?: number };

const PREFIX = 'mx1.';

export const fileIdOf = (file: MaxFile): string => PREFIX + Buffer.from(JSON.stringify([file.token, file.url, file.size ?? null])).toString('base64url');

export function parseFileId(id: string): MaxFile | null {
  if (!id.startsWith(PREFIX)) return null;
  try {
    const [token, url, size] = JSON.parse(Buffer.from(id.slice(PREFIX.length), 'base64url').toString('utf8')) as [unknown, unknown, unknown];
    if (typeof token !== 'string' || typeof url !== 'string') return null;
    return { token, url, ...(typeof size === 'number' ? { size } : {}) };
  } catch {
    return null;
  }
}
