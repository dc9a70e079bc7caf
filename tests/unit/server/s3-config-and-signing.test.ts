/**
 * The object store's settings from BERKAS_S3_* and the request signature
 * (AWS Signature Version 4) against the worked examples of Amazon's S3
 * documentation ("Signature Calculations for the Authorization Header":
 * GET Object with a Range header, and GET Bucket with a query string).
 */
import { objectStoreFromEnv } from '../../../server/storage/config';
import { signV4 } from '../../../server/storage/s3-client';

const example = {
  region: 'us-east-1',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const emptySha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const at = new Date('2013-05-24T00:00:00Z');

describe('SigV4', () => {
  test('GET Object with a Range header', () => {
    const signed = signV4(example, {
      method: 'GET',
      host: 'examplebucket.s3.amazonaws.com',
      path: '/test.txt',
      query: {},
      headers: { Range: 'bytes=0-9' },
      payloadSha256: emptySha256,
      now: at,
    });
    expect(signed).toEqual({
      amzDate: '20130524T000000Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    });
  });

  test('GET Bucket with a query string (sorted, encoded)', () => {
    const signed = signV4(example, {
      method: 'GET',
      host: 'examplebucket.s3.amazonaws.com',
      path: '/',
      query: { prefix: 'J', 'max-keys': '2' },
      headers: {},
      payloadSha256: emptySha256,
      now: at,
    });
    expect(signed.authorization).toMatch(/SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7$/);
  });

  test('a changed byte of the payload hash, path or key changes the signature', () => {
    const base = {
      method: 'PUT',
      host: '127.0.0.1:9000',
      path: '/berkas/blobs/ab',
      query: {},
      headers: {},
      payloadSha256: emptySha256,
      now: at,
    };
    const reference = signV4(example, base).authorization;
    expect(signV4(example, { ...base, payloadSha256: `f${emptySha256.slice(1)}` }).authorization).not.toBe(reference);
    expect(signV4(example, { ...base, path: '/berkas/blobs/ac' }).authorization).not.toBe(reference);
    expect(signV4({ ...example, secretAccessKey: 'x' }, base).authorization).not.toBe(reference);
  });
});

describe('BERKAS_S3_* settings', () => {
  const full = {
    BERKAS_S3_ENDPOINT: 'http://127.0.0.1:9000/',
    BERKAS_S3_BUCKET: 'berkas',
    BERKAS_S3_ACCESS_KEY_ID: 'id',
    BERKAS_S3_SECRET_ACCESS_KEY: 'rahasia',
  };

  test('no bucket: blobs stay in the data folder', () => {
    expect(objectStoreFromEnv({})).toBeNull();
  });

  test('a full set, with the default region and the endpoint without its slash', () => {
    expect(objectStoreFromEnv({ ...full, BERKAS_S3_PREFIX: 'provinsi/berkas/' })).toEqual({
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'berkas',
      region: 'us-east-1',
      accessKeyId: 'id',
      secretAccessKey: 'rahasia',
      prefix: 'provinsi/berkas/',
    });
  });

  test('what is missing or malformed is named, and the secret is never in the message', () => {
    const messageOf = (env: Record<string, string>) => {
      try {
        objectStoreFromEnv(env);
      } catch (err) {
        return (err as Error).message;
      }
      return null;
    };
    expect(
      messageOf({
        BERKAS_S3_BUCKET: 'berkas',
        BERKAS_S3_SECRET_ACCESS_KEY: 'rahasia',
      }),
    ).toMatch(/BERKAS_S3_ENDPOINT, BERKAS_S3_ACCESS_KEY_ID/);
    expect(messageOf({ ...full, BERKAS_S3_ENDPOINT: 'http://host:9000/jalur' })).toMatch(/BERKAS_S3_ENDPOINT .*tanpa jalur/);
    expect(messageOf({ ...full, BERKAS_S3_PREFIX: '../luar/' })).toMatch(/BERKAS_S3_PREFIX/);
    expect(messageOf({ ...full, BERKAS_S3_BUCKET: '../lain' })).toMatch(/BERKAS_S3_BUCKET .*bukan nama bucket/);
    for (const env of [
      { ...full, BERKAS_S3_ENDPOINT: 'ftp://x' },
      { ...full, BERKAS_S3_PREFIX: 'tanpa-garis' },
    ])
      expect(messageOf(env)).not.toContain('rahasia');
  });
});
