export type Language = 'id' | 'en';

export interface OpdSettings {
  /** Official name, e.g. "Dinas Pendidikan Kota Pontianak". */
  name: string;
  /** The agency's short code as Diskominfo knows it, e.g. "DISDIK". */
  code: string;
  /** Id of a file in assets/profiles (jambi, prabumulih, jember, pontianak, banjarmasin). */
  profileId: string;
}

export interface OfficerSettings {
  name: string;
  /** 18-digit Nomor Induk Pegawai (Jambi Pasal 11(5)). */
  nip: string;
  jabatan: string;
  pangkatGolongan: string;
}

export interface Settings {
  opd: OpdSettings;
  officer: OfficerSettings;
  /** Base URL of the Diskominfo intake server; empty until the OPD enrolls. */
  serverUrl: string;
  language: Language;
  /**
   * The first day of the first period the OPD reports through Berkas
   * ("YYYY-MM-DD", the start of the period chosen on the first run, issue 13):
   * a period that ended before it is not listed as due (it was reported
   * before Berkas, or not at all, but not Berkas's to ask for), unless a
   * report of it is stored. Absent (a workspace set up before this field):
   * every period of the last year is listed. Once set, a save without it
   * keeps it (a script's settings, or Pengaturan with its month left empty).
   */
  reportsStartOn?: string;
}
