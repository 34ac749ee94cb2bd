import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { multipartBoundary, parseMultipart, type MultipartPart } from './multipart.js';

/** Real APIs cap uploads at 50 MB; a fake has no reason to buffer more. */
const MAX_BODY_BYTES = 50 * 1024 * 1024;

export interface ParsedRequest {
  /** Query string and body fields merged; JSON bodies keep their types, forms give strings. */
  params: Record<string, unknown>;
  /** Multipart parts that carried a filename (uploaded files). */
  files: MultipartPart[];
}

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Parses query string plus a JSON, urlencoded or multipart body into one parameter bag. */
export function parseRequest(req: IncomingMessage, url: URL, body: Buffer): ParsedRequest {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const files: MultipartPart[] = [];
  const contentType = req.headers['content-type'] ?? '';
  const boundary = multipartBoundary(contentType);
  if (boundary) {
    for (const part of parseMultipart(body, boundary)) {
      if (part.filename !== undefined) files.push(part);
      else params[part.name] = part.data.toString('utf8');
    }
  } else if (/application\/json/i.test(contentType) && body.length > 0) {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(params, parsed);
  } else if (body.length > 0) {
    // Form-encoded is the default for both APIs (vk-io sends URLSearchParams).
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  }
  return { params, files };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Listens on host:port (port 0 = ephemeral) and returns the origin, e.g. `http://127.0.0.1:40123`. */
export async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/** Closes the server, cutting keep-alive connections (grammY and vk-io both keep sockets open). */
export async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
