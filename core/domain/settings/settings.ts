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
}
