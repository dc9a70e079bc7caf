import type { Activity, RencanaAksiPlan } from '../core/domain/rencana-aksi';
import { readDurasi, readSumberDaya } from '../core/domain/rencana-aksi';

const DURASI = ['1 Bulan', '2 minggu', '3 Bulan', '1 Hari', '2 Hari, 5 Kali', '10 Hari'];
const SUMBER = ['APBD : 10 Juta', 'APBD : 7,5 Juta', 'APBN : 15 Juta', 'APBD Provinsi : 3 Juta', 'Hibah : 25 Juta'];

/** A plan of `stages` stages (8 per output, 6 outputs per kegiatan) with indikator and KAK text, as the signing bench renders it. */
export function syntheticSigningPlan(stages: number): RencanaAksiPlan {
  const activities: Activity[] = [];
  let n = 0;
  for (let a = 0; n < stages; a++) {
    const activity: Activity = { name: `Pengembangan layanan digital ${a + 1}`, outputs: [] };
    for (let o = 0; o < 6 && n < stages; o++) {
      const output: Activity['outputs'][number] = {
        name: `Output ${a + 1}.${o + 1}: modul layanan ${o + 1}`,
        indikator: { target: String(o + 1), satuan: 'modul' },
        stages: [],
      };
      if (o === 0) {
        output.kak = {
          latarBelakang: 'Layanan masih dikelola dengan lembar kerja terpisah sehingga data sulit dipadukan dan dilaporkan tepat waktu.',
          maksudTujuan: 'Membangun modul layanan terpadu.',
          sasaran: 'Pegawai dan masyarakat pengguna layanan.',
          keluaran: 'Modul aplikasi yang siap dipakai.',
          waktu: '6 bulan',
          biaya: 'APBD',
        };
      }
      for (let s = 0; s < 8 && n < stages; s++, n++) {
        output.stages.push({
          tahap: `Tahap ${s + 1}: analisis, perancangan, dan pengujian bagian ${n + 1}`,
          metode: s % 3 === 0 ? 'Rapat / FGD' : 'Pengembangan perangkat lunak',
          pelaksana: s % 2 === 0 ? 'Vendor' : 'Diskominfo',
          durasi: readDurasi(DURASI[n % DURASI.length] ?? '1 Bulan').value,
          sumberDaya: readSumberDaya(SUMBER[n % SUMBER.length] ?? '').value,
        });
      }
      activity.outputs.push(output);
    }
    activities.push(activity);
  }
  return { id: 'bench-signing', opdCode: 'DISDIK', year: 2026, title: `Rencana aksi ${stages} tahap`, activities };
}
