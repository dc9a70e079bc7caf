/**
 * Handover bundles as drafts (documents of kind 'handover'): saved while
 * incomplete, with files attached per checklist item into the
 * content-addressed blob store, and judged against the region's list.
 */
import type { BlobStore, Clock, DocumentRepository, HandoverSources, ProfileSource, SettingsStore } from '../../ports';
import { BerkasError } from '../../domain/errors';
import type { HandoverItem, RegionProfile } from '../../domain/profiles/profile';
import { emptyApplication, type ApplicationRecord } from '../../domain/handover/application';
import { totalsOf, type Attachment, type HandoverBundle } from '../../domain/handover/bundle';
import { checkCompleteness, type Completeness } from '../../domain/handover/completeness';
import { checkExcludes, defaultExcludes } from '../../domain/handover/exclusions';
import type { SourceScan } from '../../domain/handover/packaging';
import type { HandoverSummary, HandoverView } from '../../domain/handover/views';

export const HANDOVER_KIND = 'handover';

export function titleOf(bundle: HandoverBundle): string {
  const name = bundle.application.name.trim();
  return name ? `${name}${bundle.application.version.trim() ? ` ${bundle.application.version.trim()}` : ''}` : 'Serah terima (tanpa nama)';
}

export interface BundleDeps {
  /** Documents of kind 'handover'. */
  documents: DocumentRepository;
  blobs: BlobStore;
  clock: Clock;
  profiles: ProfileSource;
  settings: SettingsStore;
  sources: HandoverSources;
  newId: () => string;
}

export function createBundles(deps: BundleDeps) {
  async function profileFor(profileId: string | undefined): Promise<RegionProfile> {
    if (profileId) return deps.profiles.get(profileId);
    const settings = await deps.settings.load();
    if (!settings) {
      throw new BerkasError('SETTINGS_MISSING', 'Profil daerah belum dipilih: isi pengaturan OPD terlebih dahulu, atau sebutkan profil daerahnya.');
    }
    return deps.profiles.get(settings.opd.profileId);
  }

  function load(id: string): HandoverBundle {
    const doc = deps.documents.get(id);
    if (!doc) throw new BerkasError('HANDOVER_NOT_FOUND', `Berkas serah terima ${id} tidak ditemukan.`, { id });
    const data = doc.data as Omit<HandoverBundle, 'revision' | 'createdAt' | 'updatedAt'>;
    return { ...data, revision: doc.revision, createdAt: doc.createdAt, updatedAt: doc.updatedAt };
  }

  async function store(bundle: HandoverBundle, isNew: boolean): Promise<HandoverBundle> {
    const at = deps.clock.now().toISOString();
    const { revision: _r, createdAt: _c, updatedAt: _u, ...data } = bundle;
    if (isNew) {
      await deps.documents.insert({ id: bundle.id, title: titleOf(bundle), data, revision: 1, createdAt: at, updatedAt: at });
      return { ...bundle, revision: 1, createdAt: at, updatedAt: at };
    }
    const revision = bundle.revision + 1;
    await deps.documents.update({ id: bundle.id, title: titleOf(bundle), data, revision, updatedAt: at });
    return { ...bundle, revision, updatedAt: at };
  }

  function view(bundle: HandoverBundle): HandoverView {
    return { bundle, completeness: checkCompleteness(deps.profiles.get(bundle.profileId), bundle) };
  }

  function itemOf(profile: RegionProfile, itemKey: string): HandoverItem {
    const item = profile.handover.items.find((i) => i.key === itemKey);
    if (!item) {
      throw new BerkasError('HANDOVER_ITEM_UNKNOWN', `Butir "${itemKey}" tidak ada di daftar serah terima ${profile.regulation.shortTitle}. Yang ada: ${profile.handover.items.map((i) => i.key).join(', ')}.`, {
        field: 'itemKey',
        itemKey,
        regulation: profile.regulation.shortTitle,
        known: profile.handover.items.map((i) => i.key),
      });
    }
    return item;
  }

  return {
    load,
    store,

    /** Creates (no id) or updates a draft; an incomplete bundle can always be saved. */
    async save(input: { id?: string | undefined; profileId?: string | undefined; application?: ApplicationRecord | undefined; excludes?: string[] | undefined }): Promise<HandoverView> {
      if (input.excludes) {
        const checked = checkExcludes(input.excludes);
        if (checked.problems.length > 0) throw new BerkasError('HANDOVER_EXCLUDES_INVALID', checked.problems.join('; '), { field: 'excludes' });
        input = { ...input, excludes: checked.excludes };
      }
      if (!input.id) {
        const profile = await profileFor(input.profileId);
        const settings = await deps.settings.load();
        const bundle: HandoverBundle = {
          id: deps.newId(),
          profileId: profile.id,
          application:
            input.application ??
            emptyApplication({ owningOpd: settings?.opd.name ?? '', copyrightHolder: profile.terms.government, fundingYear: deps.clock.now().getFullYear() }),
          items: {},
          excludes: input.excludes ?? [...defaultExcludes],
          packages: [],
          revision: 0,
          createdAt: '',
          updatedAt: '',
        };
        return view(await store(bundle, true));
      }
      const bundle = load(input.id);
      if (input.profileId && input.profileId !== bundle.profileId) {
        deps.profiles.get(input.profileId);
        bundle.profileId = input.profileId;
      }
      if (input.application) bundle.application = input.application;
      if (input.excludes) bundle.excludes = input.excludes;
      return view(await store(bundle, false));
    },

    get: async (input: { id: string }): Promise<HandoverView> => view(load(input.id)),

    async list(): Promise<HandoverSummary[]> {
      return deps.documents.ids().map((id) => {
        const bundle = load(id);
        const completeness = checkCompleteness(deps.profiles.get(bundle.profileId), bundle);
        const totals = totalsOf(Object.values(bundle.items).flat());
        return {
          id,
          title: titleOf(bundle),
          profileId: bundle.profileId,
          isComplete: completeness.isComplete,
          missing: completeness.missing.length,
          files: totals.files,
          bytes: totals.bytes,
          packages: bundle.packages.length,
          updatedAt: bundle.updatedAt,
        };
      });
    },

    scanSource: async (input: { path: string; excludes?: string[] }): Promise<SourceScan> => deps.sources.scan(input.path, { excludes: input.excludes ?? defaultExcludes }),

    /**
     * Copies a file, a folder or an archive into the blob store and lists it
     * under the item. `replace`: one of the same name is swapped for it, in its
     * place in the list (the officer confirmed; without it, refused).
     */
    async attach(input: { bundleId: string; itemKey: string; path: string; replace?: boolean }): Promise<HandoverView & { attachment: Attachment }> {
      const bundle = load(input.bundleId);
      const profile = deps.profiles.get(bundle.profileId);
      const item = itemOf(profile, input.itemKey);
      const collected = await deps.sources.collect(input.path, { excludes: bundle.excludes });
      const existing = bundle.items[item.key] ?? [];
      const replaced = existing.findIndex((a) => a.name === collected.name);
      if (replaced >= 0 && input.replace !== true) {
        throw new BerkasError('HANDOVER_ATTACHMENT_EXISTS', `"${collected.name}" sudah dilampirkan pada ${item.label}. Ganti lampiran lama dengan yang baru, atau beri nama lain pada berkasnya.`, {
          field: 'path',
          name: collected.name,
          itemKey: item.key,
        });
      }
      if (collected.files === 0) {
        throw new BerkasError(
          collected.excluded.length ? 'HANDOVER_EMPTY_EXCLUDED' : 'HANDOVER_EMPTY',
          `${input.path} tidak berisi berkas untuk dilampirkan${collected.excluded.length ? ' (semua isinya berada di folder yang dikecualikan)' : ''}.`,
          { field: 'path', path: input.path },
        );
      }
      const files = [];
      for (const entry of collected.entries) {
        const put = await deps.blobs.put({ path: entry.absPath });
        const rel = collected.kind === 'folder' ? `${collected.name}/${entry.relPath}` : entry.relPath;
        files.push({ path: rel, size: put.size, sha256: put.sha256 });
      }
      const isSource = item.kind === 'source-code';
      const attachment: Attachment = {
        name: collected.name,
        kind: collected.kind === 'folder' ? 'folder' : 'file',
        sourcePath: input.path,
        files,
        bytes: files.reduce((s, f) => s + f.size, 0),
        attachedAt: deps.clock.now().toISOString(),
        ...(collected.kind === 'folder' ? { excluded: { count: collected.excluded.length, bytes: 0, folders: collected.excluded.map((e) => e.path) } } : {}),
        ...(isSource ? { languages: collected.languages, secrets: collected.secrets } : {}),
      };
      bundle.items[item.key] = replaced >= 0 ? existing.map((a, i) => (i === replaced ? attachment : a)) : [...existing, attachment];
      const saved = view(await store(bundle, false));
      return { ...saved, attachment };
    },

    async detach(input: { bundleId: string; itemKey: string; name: string }): Promise<HandoverView> {
      const bundle = load(input.bundleId);
      const existing = bundle.items[input.itemKey] ?? [];
      if (!existing.some((a) => a.name === input.name)) {
        throw new BerkasError('HANDOVER_ATTACHMENT_UNKNOWN', `Lampiran "${input.name}" tidak ada pada butir ${input.itemKey}.`, { field: 'name', name: input.name, itemKey: input.itemKey });
      }
      bundle.items[input.itemKey] = existing.filter((a) => a.name !== input.name);
      return view(await store(bundle, false));
    },

    completeness: async (input: { bundleId: string }): Promise<Completeness> => view(load(input.bundleId)).completeness,
  };
}

export type Bundles = ReturnType<typeof createBundles>;
