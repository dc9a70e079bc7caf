/**
 * Failures of the adapters (ZIP reader, PDF and certificate readers, the sync
 * client) read in English with the facts of their Indonesian message: the
 * details each throws fill its code's text whole, so the English UI never
 * falls back to the Indonesian words for them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { entryRefusal, checkEntryName } from '../../../../core/adapters/zip-reader/entry-rules';
import { assertLooksLikePdf } from '../../../../core/adapters/signing/pdf-bytes';
import { parsePkcs12 } from '../../../../core/adapters/signing/pkcs12';
import { createSyncClient } from '../../../../core/adapters/sync-client/sync-client';
import { caught, english, rejected } from '../../../helpers/berkas-error';

describe('adapter failures in English', () => {
  it('names the package and the refused entry of a ZIP', () => {
    const traversal = caught(() => checkEntryName('data/../../etc/passwd', 'kiriman.zip'));
    expect(traversal.code).toBe('ZIP_PATH_TRAVERSAL');
    expect(english(traversal)).toBe(
      'The package kiriman.zip was refused: the entry "data/../../etc/passwd" contains ".." or would be written outside the destination folder.',
    );
    // A name with a line break is shown escaped, as the Indonesian message shows it.
    expect(english(entryRefusal('ZIP_SYMLINK', 'a.zip', 'x', 'tautan\nbaru'))).toContain('the entry "tautan\\nbaru" is a symbolic link');
  });

  it('names the file that is not a PDF or not a certificate file', async () => {
    const zip = caught(() => assertLooksLikePdf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), 'laporan.pdf'));
    expect(english(zip)).toMatch(/^The file laporan\.pdf is not a PDF .*berkas verify PACKAGE\.zip/);
    const p12 = await rejected(parsePkcs12(new Uint8Array([1, 2, 3]), 'sandi', 'pejabat.p12'));
    expect(p12.code).toBe('P12_CORRUPT');
    expect(english(p12)).toBe('The file pejabat.p12 is not an intact PKCS#12 certificate file (.p12/.pfx): its contents cannot be read.');
  });

  describe('the sync client', () => {
    const servers: http.Server[] = [];
    afterAll(async () => {
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    });
    async function serve(status: number, body: unknown): Promise<string> {
      const server = http.createServer((_req, res) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      });
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }

    it("passes on the server's refusal with its address and the server's parameters", async () => {
      const url = await serve(400, { error: { code: 'MANIFEST_INVALID', message: 'Manifes tidak sah: opd kosong.', details: { field: 'opd' } } });
      const client = createSyncClient();
      const err = await rejected(client.enroll(url, { code: 'K7QM-4XTD-9HPA-2WEC', deviceName: 'PC', appVersion: '1.0.0' }));
      client.close();
      expect(err.message).toBe('Manifes tidak sah: opd kosong.');
      expect(err.details).toMatchObject({ httpStatus: 400, serverUrl: url, field: 'opd', serverDetails: { field: 'opd' } });
      expect(english(err)).toBe(`The server ${url} refused the list of the package's files (the manifest): the field opd is not valid.`);
    });

    it('says which server answered only a status', async () => {
      const url = await serve(404, 'bukan amplop galat');
      const client = createSyncClient();
      const err = await rejected(client.enroll(url, { code: 'K7QM-4XTD-9HPA-2WEC', deviceName: 'PC', appVersion: '1.0.0' }));
      client.close();
      expect(err.code).toBe('HTTP_ERROR');
      expect(english(err)).toBe(`The server ${url} answered HTTP 404 without an explanation the app can read.`);
    });

    it('names the server that refused the connection', async () => {
      const url = await serve(200, {});
      const closing = servers.pop() as http.Server;
      await new Promise((resolve) => closing.close(resolve));
      const client = createSyncClient();
      const err = await rejected(client.enroll(url, { code: 'K7QM-4XTD-9HPA-2WEC', deviceName: 'PC', appVersion: '1.0.0' }));
      client.close();
      expect(err.code).toBe('NETWORK_REFUSED');
      expect(english(err)).toMatch(new RegExp(`^The server ${url.replace(/[.]/g, '\\.')} refused the connection from this computer`));
    });
  });
});
