/**
 * The contract every BlobStore adapter meets, run against each adapter by its own spec
 * file. `tamper` overwrites a stored blob's bytes behind the store's back.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { BlobIntegrityError, BlobKeyError, BlobNotFoundError, type BlobStore } from '../../domain/ports/blobStore.js';

export interface BlobStoreUnderTest {
  readonly store: BlobStore;
  tamper(key: string, bytes: Uint8Array): Promise<void>;
}

const text = (value: string) => new TextEncoder().encode(value);

async function listedTime(store: BlobStore, key: string): Promise<Date> {
  for await (const blob of store.list(key.split('/')[0])) if (blob.key === key) return blob.modifiedAt;
  throw new Error(`${key} is not listed`);
}

export function describeBlobStoreContract(name: string, setup: () => BlobStoreUnderTest): void {
  describe(`BlobStore contract: ${name}`, () => {
    it('stores bytes under <namespace>/<sha256> and gives them back', async () => {
      const { store } = setup();
      const bytes = text('fund,currency\nAlpha Fund,EUR\n');
      const stored = await store.put(bytes, { namespace: 'uploads/org-1', contentType: 'text/csv' });
      const digest = bytesToHex(sha256(bytes));
      expect(stored).toEqual({ key: `uploads/org-1/${digest}`, sha256: digest, size: bytes.byteLength, created: true });
      expect(Array.from(await store.get(stored.key))).toEqual(Array.from(bytes));
    });

    it('stores the same bytes once per namespace', async () => {
      const { store } = setup();
      const bytes = text('same content');
      const first = await store.put(bytes, { namespace: 'uploads/org-2' });
      const again = await store.put(bytes, { namespace: 'uploads/org-2' });
      const elsewhere = await store.put(bytes, { namespace: 'uploads/org-3' });
      expect(again).toEqual({ ...first, created: false });
      expect(elsewhere.key).not.toBe(first.key);
      expect(elsewhere.created).toBe(true);
    });

    it('round-trips an empty blob and a 3 MiB blob with every byte value', async () => {
      const { store } = setup();
      const large = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 7 + (i >> 11)) & 0xff);
      for (const bytes of [new Uint8Array(0), large]) {
        const stored = await store.put(bytes, { namespace: 'artefacts' });
        expect(stored.size).toBe(bytes.byteLength);
        const back = await store.get(stored.key);
        expect(back.byteLength).toBe(bytes.byteLength);
        expect(bytesToHex(sha256(back))).toBe(stored.sha256);
      }
    });

    it('answers head and exists for present and absent blobs', async () => {
      const { store } = setup();
      const stored = await store.put(text('head me'), { namespace: 'uploads/org-4' });
      expect(await store.head(stored.key)).toEqual({ key: stored.key, sha256: stored.sha256, size: 7 });
      expect(await store.exists(stored.key)).toBe(true);
      const absent = `uploads/org-4/${'0'.repeat(64)}`;
      expect(await store.head(absent)).toBeNull();
      expect(await store.exists(absent)).toBe(false);
      await expect(store.get(absent)).rejects.toBeInstanceOf(BlobNotFoundError);
    });

    it('deletes an unreferenced blob, and deleting an absent one is not an error', async () => {
      const { store } = setup();
      const stored = await store.put(text('rejected upload'), { namespace: 'uploads/org-5' });
      await store.deleteUnreferenced(stored.key);
      expect(await store.exists(stored.key)).toBe(false);
      await expect(store.get(stored.key)).rejects.toBeInstanceOf(BlobNotFoundError);
      await store.deleteUnreferenced(stored.key);
    });

    it('refuses bytes that no longer match their key', async () => {
      const { store, tamper } = setup();
      const stored = await store.put(text('original'), { namespace: 'uploads/org-6' });
      await tamper(stored.key, text('tampered'));
      const error = await store.get(stored.key).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BlobIntegrityError);
      expect((error as BlobIntegrityError).actualSha256).toBe(bytesToHex(sha256(text('tampered'))));
    });

    it('lists the blobs under a prefix with size and modification time, and nothing outside it', async () => {
      const { store } = setup();
      const before = Date.now() - 2000; // S3 times are whole seconds
      const a = await store.put(text('listed a'), { namespace: 'listing/org-a' });
      const b = await store.put(text('listed bb'), { namespace: 'listing/org-b/deeper' });
      await store.put(text('elsewhere'), { namespace: 'listing-other' });
      const listed = [];
      for await (const blob of store.list('listing')) listed.push(blob);
      expect(listed.map((blob) => [blob.key, blob.size]).sort()).toEqual([
        [a.key, 8],
        [b.key, 9],
      ]);
      for (const blob of listed) expect(blob.modifiedAt.getTime()).toBeGreaterThan(before);
      const none = [];
      for await (const blob of store.list('listing-none')) none.push(blob);
      expect(none).toEqual([]);
    });

    it('renews the modification time when the same bytes are put again, and deletes only what was not put since', async () => {
      const { store } = setup();
      const stored = await store.put(text('put twice'), { namespace: 'renewed' });
      const first = await listedTime(store, stored.key);
      await new Promise((resolve) => setTimeout(resolve, 1100)); // S3 times are whole seconds
      expect((await store.put(text('put twice'), { namespace: 'renewed' })).created).toBe(false);
      const second = await listedTime(store, stored.key);
      expect(second.getTime()).toBeGreaterThan(first.getTime());
      expect(Array.from(await store.get(stored.key))).toEqual(Array.from(text('put twice')));
      expect(await store.deleteIfUnchangedSince(stored.key, first)).toBe(false);
      expect(await store.exists(stored.key)).toBe(true);
      expect(await store.deleteIfUnchangedSince(stored.key, second)).toBe(true);
      expect(await store.exists(stored.key)).toBe(false);
      expect(await store.deleteIfUnchangedSince(stored.key, second)).toBe(false);
    });

    it.each([
      ['a parent-folder namespace', (s: BlobStore) => s.put(text('x'), { namespace: '../escape' })],
      ['an empty namespace segment', (s: BlobStore) => s.put(text('x'), { namespace: 'uploads//org' })],
      ['a key without a digest', (s: BlobStore) => s.get('uploads/org/not-a-digest')],
      ['a key with an upper-case digest', (s: BlobStore) => s.head(`uploads/${'A'.repeat(64)}`)],
      ['a key that climbs out', (s: BlobStore) => s.deleteUnreferenced(`../${'a'.repeat(64)}`)],
      [
        'a listing prefix that climbs out',
        async (s: BlobStore) => {
          for await (const blob of s.list('../escape')) return blob;
        },
      ],
    ])('refuses %s', async (_label, call) => {
      const { store } = setup();
      await expect(call(store)).rejects.toBeInstanceOf(BlobKeyError);
    });
  });
}
