/**
 * RFC 6962 / RFC 9162 Merkle tree hash over a tenant's entry hashes: leaf = SHA-256(0x00 ||
 * entry), node = SHA-256(0x01 || left || right), the tree split at the largest power of two
 * below n. Tree sizes are counted in leaves; they may exceed 2^31, so index arithmetic uses
 * division, never 32-bit shifts.
 */
import { hash } from 'node:crypto';
import { AuditInputError } from './errors.js';

/** A 32-byte SHA-256 digest. */
export type Digest = Buffer;

const scratch = Buffer.alloc(65);

/** RFC 6962 leaf hash of one leaf's data (here: an entry hash, 32 bytes). */
export function leafHash(entryHash: Uint8Array): Digest {
  if (entryHash.length > 64) return hash('sha256', Buffer.concat([Buffer.of(0x00), entryHash]), 'buffer');
  scratch[0] = 0x00;
  scratch.set(entryHash, 1);
  return hash('sha256', scratch.subarray(0, 1 + entryHash.length), 'buffer');
}

/** RFC 6962 interior node hash. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Digest {
  scratch[0] = 0x01;
  scratch.set(left, 1);
  scratch.set(right, 33);
  return hash('sha256', scratch, 'buffer');
}

/** MTH of the empty tree: SHA-256 of no bytes. */
export const emptyTreeRoot: Digest = hash('sha256', Buffer.alloc(0), 'buffer');

const isOdd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

/**
 * Streaming tree builder: keeps only the roots of the perfect subtrees (at most log2 n of
 * them), so the root of every prefix of an arbitrarily long log costs O(log n) memory.
 */
export class MerkleTreeBuilder {
  private readonly peaks: Digest[] = [];
  private count = 0;

  /** Number of leaves appended so far. */
  get size(): number {
    return this.count;
  }

  /** Appends an already computed leaf hash. */
  appendLeaf(leaf: Digest): void {
    let merged = leaf;
    for (let n = this.count; isOdd(n); n = half(n)) merged = nodeHash(this.peaks.pop()!, merged);
    this.peaks.push(merged);
    this.count += 1;
  }

  /** Appends a log entry (its entry hash, 32 bytes). */
  appendEntry(entryHash: Uint8Array): void {
    this.appendLeaf(leafHash(entryHash));
  }

  /** Root of the tree over every leaf appended so far. */
  root(): Digest {
    if (this.peaks.length === 0) return emptyTreeRoot;
    let acc = this.peaks[this.peaks.length - 1];
    for (let i = this.peaks.length - 2; i >= 0; i--) acc = nodeHash(this.peaks[i], acc);
    return acc;
  }
}

/** Largest power of two strictly below n (n >= 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** A half-open range of leaf indices [lo, hi) whose subtree root is one proof element. */
export type LeafRange = readonly [lo: number, hi: number];

/** Root over leaves [lo, hi) of a list of leaf hashes. */
function subtreeRoot(leaves: readonly Digest[], [lo, hi]: LeafRange): Digest {
  const builder = new MerkleTreeBuilder();
  for (let i = lo; i < hi; i++) builder.appendLeaf(leaves[i]);
  return builder.root();
}

/** MTH of the first `size` leaves. */
export function merkleRoot(leaves: readonly Digest[], size = leaves.length): Digest {
  checkSize(leaves.length, size);
  return subtreeRoot(leaves, [0, size]);
}

function checkSize(available: number, size: number): void {
  if (!Number.isSafeInteger(size) || size < 0 || size > available) {
    throw new AuditInputError(`tree size ${size} outside 0..${available}`);
  }
}

/**
 * Leaf ranges of RFC 6962 PATH(index, D[0:size]), bottom-up. The ranges are disjoint, so
 * one pass over the leaves can compute every element (see ProofCollector).
 */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new AuditInputError(`leaf index ${index} outside 0..${size - 1}`);
  const ranges: LeafRange[] = [];
  const walk = (m: number, lo: number, hi: number): void => {
    if (hi - lo <= 1) return;
    const k = splitPoint(hi - lo);
    if (m < k) {
      walk(m, lo, lo + k);
      ranges.push([lo + k, hi]);
    } else {
      walk(m - k, lo + k, hi);
      ranges.push([lo, lo + k]);
    }
  };
  walk(index, 0, size);
  return ranges;
}

/** Leaf ranges of RFC 6962 PROOF(m, D[0:n]) (disjoint, in proof order). */
export function consistencyProofRanges(m: number, n: number): LeafRange[] {
  if (!Number.isSafeInteger(m) || m < 0 || m > n) throw new AuditInputError(`old tree size ${m} outside 0..${n}`);
  const ranges: LeafRange[] = [];
  if (m === 0 || m === n) return ranges;
  const sub = (mm: number, lo: number, hi: number, whole: boolean): void => {
    if (mm === hi - lo) {
      if (!whole) ranges.push([lo, hi]);
      return;
    }
    const k = splitPoint(hi - lo);
    if (mm <= k) {
      sub(mm, lo, lo + k, whole);
      ranges.push([lo + k, hi]);
    } else {
      sub(mm - k, lo + k, hi, false);
      ranges.push([lo, lo + k]);
    }
  };
  sub(m, 0, n, true);
  return ranges;
}

/** RFC 6962 PATH(index, D[0:size]): audit path of one leaf, bottom-up. */
export function inclusionProof(leaves: readonly Digest[], index: number, size = leaves.length): Digest[] {
  checkSize(leaves.length, size);
  return inclusionProofRanges(index, size).map((range) => subtreeRoot(leaves, range));
}

/** RFC 6962 PROOF(m, D[0:n]): proves the tree of size n extends the tree of size m. */
export function consistencyProof(leaves: readonly Digest[], m: number, n = leaves.length): Digest[] {
  checkSize(leaves.length, n);
  return consistencyProofRanges(m, n).map((range) => subtreeRoot(leaves, range));
}

/**
 * Computes proof elements while leaves stream past in order, without keeping the leaves:
 * each leaf feeds the builder of the (at most one) range that contains it.
 */
export class ProofCollector {
  private readonly order: number[];
  private readonly builders: MerkleTreeBuilder[];
  private cursor = 0;
  private next = 0;

  constructor(private readonly ranges: readonly LeafRange[]) {
    this.builders = ranges.map(() => new MerkleTreeBuilder());
    this.order = ranges.map((_, i) => i).sort((a, b) => ranges[a][0] - ranges[b][0]);
  }

  /** Feeds the leaf at the next index (0, 1, 2...). */
  appendLeaf(leaf: Digest): void {
    const index = this.next++;
    while (this.cursor < this.order.length && this.ranges[this.order[this.cursor]][1] <= index) this.cursor++;
    if (this.cursor === this.order.length) return;
    const r = this.order[this.cursor];
    if (this.ranges[r][0] <= index) this.builders[r].appendLeaf(leaf);
  }

  /** The proof elements, in proof order; every range must have been fed completely. */
  proof(): Digest[] {
    return this.ranges.map(([lo, hi], i) => {
      if (this.builders[i].size !== hi - lo) throw new AuditInputError(`proof range [${lo}, ${hi}) not fully fed (${this.next} leaves seen)`);
      return this.builders[i].root();
    });
  }
}

/** RFC 9162 section 2.1.3.2: checks an inclusion proof against a root. */
export function verifyInclusion(leaf: Digest, index: number, size: number, proof: readonly Digest[], root: Digest): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 section 2.1.4.2: checks that the tree (size2, root2) extends (size1, root1). */
export function verifyConsistency(size1: number, size2: number, root1: Digest, root2: Digest, proof: readonly Digest[]): boolean {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && root1.equals(root2);
  // Every tree extends the empty tree; a non-empty proof for it is malformed.
  if (size1 === 0) return proof.length === 0 && root1.equals(emptyTreeRoot);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(root1) && sr.equals(root2);
}

function isPowerOfTwo(x: number): boolean {
  let v = x;
  while (v > 1 && !isOdd(v)) v = half(v);
  return v === 1;
}
