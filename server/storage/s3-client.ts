/**
 * The few S3 operations the intake needs (objects, multipart uploads, a
 * listing, bucket creation for tests), signed with AWS Signature Version 4
 * over node:http/https. Written here rather than taken from the AWS SDK: the
 * SDK's S3 client brings about a hundred packages for eight calls, and these
 * are the calls that MinIO, Ceph RGW, Garage, OpenStack Swift's s3api and
 * cloud S3 all answer alike (path-style addressing, SigV4, UNSIGNED-PAYLOAD
 * nowhere: every body is signed by its SHA-256, so the store itself refuses
 * bytes damaged on the way).
 *
 * Failures are S3Errors carrying the HTTP status and the S3 code; a network
 * failure has status 0. The storage adapter turns them into "retry later".
 */
import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';

export interface S3Config {
  /** http(s)://host:port of the service (path-style: the bucket is the first path segment). */
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  bucket: string;
  /** A request with no byte moving for this long fails (default 30 s). */
  idleTimeoutMs?: number;
}

export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'S3Error';
  }
}

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/** RFC 3986 unreserved characters stay; everything else is %XX (SigV4's UriEncode). */
function uriEncode(value: string, keepSlash: boolean): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(c) || (keepSlash && c === '/')) out += c;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

export interface SignInput {
  method: string;
  host: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  payloadSha256: string;
  now: Date;
}

/** The Authorization header of SigV4 for one request (exported for the test vectors). */
export function signV4(config: Pick<S3Config, 'region' | 'accessKeyId' | 'secretAccessKey'>, input: SignInput): { authorization: string; amzDate: string } {
  const amzDate = input.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    ...input.headers,
    host: input.host,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': input.payloadSha256,
  };
  const names = Object.keys(headers)
    .map((n) => n.toLowerCase())
    .sort();
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonicalHeaders = names.map((n) => `${n}:${String(lower[n]).trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalQuery = Object.keys(input.query)
    .sort()
    .map((k) => `${uriEncode(k, false)}=${uriEncode(input.query[k] as string, false)}`)
    .join('&');
  const canonicalRequest = [input.method, uriEncode(input.path, true), canonicalQuery, canonicalHeaders, signedHeaders, input.payloadSha256].join('\n');
  const scope = `${day}/${config.region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest, 'utf8').digest('hex')].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${config.secretAccessKey}`, day), config.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=${config.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    amzDate,
  };
}

function xmlValue(xml: string, tag: string): string | null {
  const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  return m ? decodeXml(m[1] as string) : null;
}

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export class S3Client {
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly idleTimeoutMs: number;

  constructor(readonly config: S3Config) {
    this.url = new URL(config.endpoint);
    if (this.url.protocol !== 'http:' && this.url.protocol !== 'https:') throw new Error(`alamat penyimpanan objek ${config.endpoint} bukan http(s)`);
    this.agent = new (this.url.protocol === 'https:' ? https : http).Agent({
      keepAlive: true,
      maxSockets: 32,
    });
    this.idleTimeoutMs = config.idleTimeoutMs ?? 30_000;
  }

  /** For messages: the endpoint and bucket, never the keys. */
  get description(): string {
    return `${this.url.origin}/${this.config.bucket}`;
  }

  private objectPath(key: string | null): string {
    return `/${this.config.bucket}${key === null ? '' : `/${key}`}`;
  }

  private request(
    method: string,
    key: string | null,
    init: {
      query?: Record<string, string>;
      body?: Buffer;
      bodySha256?: string;
      headers?: Record<string, string>;
      stream?: boolean;
    } = {},
  ): Promise<Answer & { stream?: http.IncomingMessage }> {
    const query = init.query ?? {};
    const body = init.body;
    const payloadSha256 = body ? (init.bodySha256 ?? createHash('sha256').update(body).digest('hex')) : EMPTY_SHA256;
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (body) headers['content-length'] = String(body.length);
    const pathName = this.objectPath(key);
    const { authorization, amzDate } = signV4(this.config, {
      method,
      host: this.url.host,
      path: pathName,
      query,
      headers,
      payloadSha256,
      now: new Date(),
    });
    const search = Object.keys(query).length
      ? `?${Object.entries(query)
          .map(([k, v]) => `${uriEncode(k, false)}=${uriEncode(v, false)}`)
          .join('&')}`
      : '';
    return new Promise((resolve, reject) => {
      const req = (this.url.protocol === 'https:' ? https : http).request(
        {
          method,
          protocol: this.url.protocol,
          hostname: this.url.hostname,
          port: this.url.port,
          path: uriEncode(pathName, true) + search,
          headers: {
            ...headers,
            host: this.url.host,
            'x-amz-date': amzDate,
            'x-amz-content-sha256': payloadSha256,
            authorization,
          },
          agent: this.agent,
        },
        (res) => {
          const status = res.statusCode ?? 0;
          if (init.stream && status >= 200 && status < 300) {
            resolve({
              status,
              headers: res.headers,
              body: Buffer.alloc(0),
              stream: res,
            });
            return;
          }
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () =>
            resolve({
              status,
              headers: res.headers,
              body: Buffer.concat(parts),
            }),
          );
          res.on('error', (err) => reject(new S3Error(0, 'NetworkError', err.message)));
        },
      );
      req.setTimeout(this.idleTimeoutMs, () => req.destroy(new Error(`tidak ada jawaban selama ${Math.round(this.idleTimeoutMs / 1000)} detik`)));
      req.on('error', (err: NodeJS.ErrnoException) => reject(new S3Error(0, err.code ?? 'NetworkError', err.message)));
      req.end(body);
    });
  }

  private fail(answer: Answer, what: string): S3Error {
    const text = answer.body.toString('utf8');
    const code = xmlValue(text, 'Code') ?? `HTTP${answer.status}`;
    const message = xmlValue(text, 'Message') ?? text.slice(0, 200);
    return new S3Error(answer.status, code, `${what}: ${code} ${message}`.trim());
  }

  async putObject(key: string, body: Buffer, sha256?: string): Promise<void> {
    const answer = await this.request('PUT', key, {
      body,
      ...(sha256 ? { bodySha256: sha256 } : {}),
      headers: { 'content-type': 'application/octet-stream' },
    });
    if (answer.status !== 200) throw this.fail(answer, `PUT ${key}`);
  }

  /** Size of an object, or null when there is none. */
  async headObject(key: string): Promise<number | null> {
    const answer = await this.request('HEAD', key);
    if (answer.status === 404) return null;
    if (answer.status !== 200) throw this.fail(answer, `HEAD ${key}`);
    return Number(answer.headers['content-length'] ?? 0);
  }

  async getObject(key: string): Promise<Buffer | null> {
    const answer = await this.request('GET', key);
    if (answer.status === 404) return null;
    if (answer.status !== 200) throw this.fail(answer, `GET ${key}`);
    return answer.body;
  }

  async getStream(key: string): Promise<Readable | null> {
    const answer = await this.request('GET', key, { stream: true });
    if (answer.status === 404) return null;
    if (!answer.stream) throw this.fail(answer, `GET ${key}`);
    return answer.stream;
  }

  async deleteObject(key: string): Promise<void> {
    const answer = await this.request('DELETE', key);
    if (answer.status !== 204 && answer.status !== 200 && answer.status !== 404) throw this.fail(answer, `DELETE ${key}`);
  }

  async createMultipart(key: string): Promise<string> {
    const answer = await this.request('POST', key, {
      query: { uploads: '' },
      headers: { 'content-type': 'application/octet-stream' },
    });
    const id = answer.status === 200 ? xmlValue(answer.body.toString('utf8'), 'UploadId') : null;
    if (!id) throw this.fail(answer, `POST ${key}?uploads`);
    return id;
  }

  async uploadPart(key: string, uploadId: string, partNumber: number, body: Buffer): Promise<string> {
    const answer = await this.request('PUT', key, {
      query: { partNumber: String(partNumber), uploadId },
      body,
    });
    const etag = answer.headers.etag;
    if (answer.status !== 200 || typeof etag !== 'string') throw this.fail(answer, `PUT ${key} bagian ${partNumber}`);
    return etag;
  }

  async completeMultipart(key: string, uploadId: string, etags: readonly string[]): Promise<void> {
    const xml = `<CompleteMultipartUpload>${etags.map((e, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${e.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
    const answer = await this.request('POST', key, {
      query: { uploadId },
      body: Buffer.from(xml, 'utf8'),
      headers: { 'content-type': 'application/xml' },
    });
    // S3 may answer 200 with an <Error> body when the completion failed late.
    if (answer.status !== 200 || answer.body.toString('utf8').includes('<Error>')) throw this.fail(answer, `POST ${key}?uploadId (menuntaskan)`);
  }

  async abortMultipart(key: string, uploadId: string): Promise<void> {
    const answer = await this.request('DELETE', key, { query: { uploadId } });
    if (answer.status !== 204 && answer.status !== 200 && answer.status !== 404) throw this.fail(answer, `DELETE ${key}?uploadId`);
  }

  /** One page of keys under a prefix (ListObjectsV2). */
  async list(
    prefix: string,
    continuation?: string,
  ): Promise<{
    objects: { key: string; size: number }[];
    next: string | null;
  }> {
    const query: Record<string, string> = {
      'list-type': '2',
      prefix,
      'max-keys': '1000',
    };
    if (continuation) query['continuation-token'] = continuation;
    const answer = await this.request('GET', null, { query });
    if (answer.status !== 200) throw this.fail(answer, `GET ?list-type=2&prefix=${prefix}`);
    const text = answer.body.toString('utf8');
    const objects = [...text.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)].map((m) => ({
      key: xmlValue(m[1] as string, 'Key') ?? '',
      size: Number(xmlValue(m[1] as string, 'Size') ?? 0),
    }));
    const truncated = xmlValue(text, 'IsTruncated') === 'true';
    return {
      objects,
      next: truncated ? xmlValue(text, 'NextContinuationToken') : null,
    };
  }

  /** Whether the bucket answers (start-up check: a wrong endpoint or key is said at once, not at the first upload). */
  async headBucket(): Promise<void> {
    const answer = await this.request('HEAD', null);
    if (answer.status !== 200) throw this.fail(answer, `HEAD bucket ${this.config.bucket}`);
  }

  async createBucket(): Promise<void> {
    const answer = await this.request('PUT', null);
    if (answer.status !== 200 && !(answer.status === 409 && answer.body.toString('utf8').includes('BucketAlreadyOwnedByYou'))) throw this.fail(answer, `PUT bucket ${this.config.bucket}`);
  }

  close(): void {
    this.agent.destroy();
  }
}
