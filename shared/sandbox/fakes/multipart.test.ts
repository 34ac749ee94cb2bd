import { describe, expect, it } from 'vitest';
import { multipartBoundary, parseMultipart } from './multipart.js';

describe('parseMultipart', () => {
  it("reads grammY's compact headers with an unquoted filename", () => {
    const body = Buffer.concat([
      Buffer.from('--b1\r\ncontent-disposition:form-data;name="chat_id"\r\n\r\n42\r\n--b1\r\n'),
      Buffer.from('content-disposition:form-data;name="abc";filename=photo.jpg\r\ncontent-type:application/octet-stream\r\n\r\n'),
      Buffer.from([0, 1, 2, 13, 10, 255]),
      Buffer.from('\r\n--b1--\r\n'),
    ]);
    const parts = parseMultipart(body, 'b1');
    expect(parts[0]).toMatchObject({ name: 'chat_id', data: Buffer.from('42') });
    expect(parts[0]?.filename).toBeUndefined();
    expect(parts[1]).toMatchObject({ name: 'abc', filename: 'photo.jpg', contentType: 'application/octet-stream' });
    expect([...(parts[1]?.data ?? [])]).toEqual([0, 1, 2, 13, 10, 255]);
  });

  it('reads conventional headers with quoted values', () => {
    const body = Buffer.from(
      '--XyZ\r\nContent-Disposition: form-data; name="photo"; filename="file0.jpg"\r\nContent-Type: image/jpeg\r\n\r\nJPEG\r\n--XyZ--\r\n',
    );
    expect(parseMultipart(body, 'XyZ')).toEqual([
      { name: 'photo', filename: 'file0.jpg', contentType: 'image/jpeg', data: Buffer.from('JPEG') },
    ]);
  });

  it('finds the boundary in a Content-Type header', () => {
    expect(multipartBoundary('multipart/form-data; boundary=----abc')).toBe('----abc');
    expect(multipartBoundary('multipart/form-data; boundary="q r"')).toBe('q r');
    expect(multipartBoundary('application/json')).toBeUndefined();
  });
});
