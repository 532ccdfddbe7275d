import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  consistencyProofRanges,
  emptyTreeRoot,
  inclusionProof,
  inclusionProofRanges,
  leafHash,
  MerkleTreeBuilder,
  merkleRoot,
  nodeHash,
  ProofCollector,
  verifyConsistency,
  verifyInclusion,
  type Digest,
} from './merkle.js';

// The eight leaves and tree heads of the RFC 6962 reference test data (certificate-transparency
// merkle tree tests); the roots were cross-checked with an independent recursive MTH.
const rfcLeaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const rfcRoots = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const leaves = rfcLeaves.map((hex) => leafHash(Buffer.from(hex, 'hex')));
const hex = (ds: Digest[]): string[] => ds.map((d) => d.toString('hex'));

/** Independent textbook MTH (recursive, RFC 6962 section 2.1) to compare against. */
function referenceRoot(ls: Digest[]): Digest {
  if (ls.length === 0) return createHash('sha256').digest();
  if (ls.length === 1) return ls[0];
  let k = 1;
  while (k * 2 < ls.length) k *= 2;
  return nodeHash(referenceRoot(ls.slice(0, k)), referenceRoot(ls.slice(k)));
}

describe('Merkle tree hash (RFC 6962)', () => {
  it('matches the reference tree heads for sizes 1..8 and the empty tree', () => {
    expect(emptyTreeRoot.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    rfcRoots.forEach((root, i) => expect(merkleRoot(leaves, i + 1).toString('hex')).toBe(root));
  });

  it('streams the same roots as the recursive definition for every prefix up to 70 leaves', () => {
    const many = Array.from({ length: 70 }, () => leafHash(randomBytes(32)));
    const builder = new MerkleTreeBuilder();
    for (let n = 1; n <= many.length; n++) {
      builder.appendLeaf(many[n - 1]);
      expect(builder.root().equals(referenceRoot(many.slice(0, n)))).toBe(true);
    }
  });

  it('produces the reference inclusion and consistency paths', () => {
    expect(hex(inclusionProof(leaves, 0, 8))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(hex(consistencyProof(leaves, 6, 8))).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(hex(consistencyProof(leaves, 2, 5))).toEqual(['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']);
  });

  it('verifies every inclusion proof and rejects a forged element, index or size', () => {
    const many = Array.from({ length: 37 }, () => leafHash(randomBytes(32)));
    for (let size = 1; size <= many.length; size++) {
      const root = merkleRoot(many, size);
      for (let i = 0; i < size; i++) {
        const proof = inclusionProof(many, i, size);
        expect(verifyInclusion(many[i], i, size, proof, root)).toBe(true);
        if (size > 1) {
          expect(verifyInclusion(many[i], (i + 1) % size, size, proof, root)).toBe(false);
          const forged = proof.map((p, j) => (j === proof.length - 1 ? Buffer.from(p).fill(p[0] ^ 1, 0, 1) : p));
          expect(verifyInclusion(many[i], i, size, forged, root)).toBe(false);
          expect(verifyInclusion(many[i], i, size, proof.slice(0, -1), root)).toBe(false);
        }
      }
    }
  });

  it('verifies every consistency proof and rejects forged elements and a rewritten history', () => {
    const many = Array.from({ length: 33 }, () => leafHash(randomBytes(32)));
    const rewritten = many.map((l, i) => (i === 4 ? leafHash(randomBytes(32)) : l));
    for (let n = 1; n <= many.length; n++) {
      const rootN = merkleRoot(many, n);
      for (let m = 0; m <= n; m++) {
        const rootM = merkleRoot(many, m);
        const proof = consistencyProof(many, m, n);
        expect(verifyConsistency(m, n, rootM, rootN, proof)).toBe(true);
        if (m >= 1 && m < n) {
          for (let j = 0; j < proof.length; j++) {
            const forged = proof.map((p, k) => (k === j ? Buffer.from(p).fill(p[0] ^ 0x80, 0, 1) : p));
            expect(verifyConsistency(m, n, rootM, rootN, forged)).toBe(false);
          }
          expect(verifyConsistency(m, n, rootM, rootN, [...proof, rootN])).toBe(false);
          if (m > 4) {
            // A signed old head over a different history cannot be proven consistent with the new one.
            expect(verifyConsistency(m, n, merkleRoot(rewritten, m), rootN, proof)).toBe(false);
            expect(verifyConsistency(m, n, merkleRoot(rewritten, m), rootN, consistencyProof(rewritten, m, n))).toBe(false);
          }
        }
      }
    }
  });

  it('rejects out-of-range sizes and indices', () => {
    expect(() => inclusionProof(leaves, 8, 8)).toThrow(/leaf index/);
    expect(() => consistencyProof(leaves, 9, 8)).toThrow(/old tree size/);
    expect(() => merkleRoot(leaves, 9)).toThrow(/tree size/);
    expect(verifyConsistency(5, 4, leaves[0], leaves[1], [])).toBe(false);
    expect(verifyInclusion(leaves[0], 3, 3, [], leaves[0])).toBe(false);
  });
});

describe('streaming proof collection', () => {
  it('computes the same consistency and inclusion proofs as the in-memory functions', () => {
    const many = Array.from({ length: 45 }, () => leafHash(randomBytes(32)));
    for (const [m, n] of [
      [1, 45],
      [6, 8],
      [13, 45],
      [32, 45],
      [44, 45],
      [7, 7],
    ] as const) {
      const collector = new ProofCollector(consistencyProofRanges(m, n));
      many.forEach((leaf) => collector.appendLeaf(leaf));
      expect(hex(collector.proof())).toEqual(hex(consistencyProof(many, m, n)));
    }
    const inclusion = new ProofCollector(inclusionProofRanges(17, 40));
    many.slice(0, 40).forEach((leaf) => inclusion.appendLeaf(leaf));
    expect(hex(inclusion.proof())).toEqual(hex(inclusionProof(many, 17, 40)));
  });

  it('refuses to hand out a proof before every range was fed', () => {
    const collector = new ProofCollector(consistencyProofRanges(3, 10));
    for (let i = 0; i < 9; i++) collector.appendLeaf(leaves[i % 8]);
    expect(() => collector.proof()).toThrow(/not fully fed/);
  });
});
