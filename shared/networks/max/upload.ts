/**
 * Uploading a file to MAX through the official client, for the staff side and the citizens' replies alike.
 * The client names uploaded bytes by a random UUID and a file on disk by its path, so a file that must keep
 * its name (a workbook, a document in a reply) is written under that name to a temporary folder for the
 * upload and removed after.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { MaxApi } from './client.js';

export type MaxUploadKind = 'image' | 'video' | 'file';
/** An attachment request as MAX's POST /messages takes it: the kind with the upload's token. */
export type MaxAttachment = Record<string, unknown> & { type: string };

export async function uploadToMax(api: MaxApi, kind: MaxUploadKind, data: Uint8Array, fileName?: string): Promise<MaxAttachment> {
  const source = Buffer.from(data);
  if (kind === 'file' && fileName) {
    const dir = await mkdtemp(join(tmpdir(), 'otklik-max-'));
    try {
      const path = join(dir, basename(fileName));
      await writeFile(path, source);
      return (await api.uploadFile({ source: path })).toJson() as unknown as MaxAttachment;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const uploaded = kind === 'image' ? await api.uploadImage({ source }) : kind === 'video' ? await api.uploadVideo({ source }) : await api.uploadFile({ source });
  return uploaded.toJson() as unknown as MaxAttachment;
}
