/**
 * The litmus suite: the classic shapes, each with and without the barriers that matter, and the
 * outcome the Linux kernel memory model gives for its `exists` clause (the names and verdicts follow
 * tools/memory-model/litmus-tests in the kernel tree: "Sometimes" = allowed, "Never" = forbidden).
 * `stronger` marks shapes where `--memory weak` forbids an outcome the LKMM allows (loads are performed
 * in program order and stores are multicopy atomic: see memory/weak.ts); the mode must never allow a
 * forbidden one. The last three are the shrinker's own pairing (set_shrinker_bit / shrink_slab_memcg).
 *
 * Ops: ['w', x, v] WRITE_ONCE   ['r', reg, x] READ_ONCE   ['rel', x, v] smp_store_release
 *      ['acq', reg, x] smp_load_acquire   ['mb'] smp_mb   ['wmb'] smp_wmb   ['rmb'] smp_rmb
 *      ['set', x, bit] set_bit   ['clr', x, bit] clear_bit   ['mba'] smp_mb__after_atomic
 *      ['mbb'] smp_mb__before_atomic   ['lock'] spin_lock(mylock)   ['unlock'] spin_unlock(mylock)
 *      ['wif', reg, x, v] if (reg) WRITE_ONCE(x, v): a store under a control dependency
 * Variables x..w are words of one object (mylock another); registers r0..r3 are the threads' own.
 */
export type Op =
  | ['w' | 'rel', number, number]
  | ['r' | 'acq', number, number]
  | ['set' | 'clr', number, number]
  | ['wif', number, number, number]
  | ['mb'] | ['wmb'] | ['rmb'] | ['mba'] | ['mbb'] | ['lock'] | ['unlock'];

export interface Shape {
  name: string;
  threads: Op[][];
  /** initial values of the variables (default 0) */
  init?: number[];
  /** the `exists` clause over final registers and variables */
  exists: (reg: readonly number[], mem: readonly number[]) => boolean;
  existsText: string;
  lkmm: 'allowed' | 'forbidden';
  /** the weak mode forbids what the LKMM allows here (documented, not an error) */
  stronger?: string;
}

const [x, y, z] = [0, 1, 2];
const [r0, r1, r2, r3] = [0, 1, 2, 3];
const LOADS_IN_ORDER = 'loads are performed in program order';
const MCA = 'stores are multicopy atomic and loads in order';

export const SHAPES: readonly Shape[] = [
  { name: 'SB+poonceonces', threads: [[['w', x, 1], ['r', r0, y]], [['w', y, 1], ['r', r1, x]]], exists: (r) => r[r0] === 0 && r[r1] === 0, existsText: '0:r0=0 /\\ 1:r1=0', lkmm: 'allowed' },
  { name: 'SB+fencembonceonces', threads: [[['w', x, 1], ['mb'], ['r', r0, y]], [['w', y, 1], ['mb'], ['r', r1, x]]], exists: (r) => r[r0] === 0 && r[r1] === 0, existsText: '0:r0=0 /\\ 1:r1=0', lkmm: 'forbidden' },
  { name: 'MP+poonceonces', threads: [[['w', x, 1], ['w', y, 1]], [['r', r0, y], ['r', r1, x]]], exists: (r) => r[r0] === 1 && r[r1] === 0, existsText: '1:r0=1 /\\ 1:r1=0', lkmm: 'allowed' },
  { name: 'MP+fencewmbonceonce+poonceonces', threads: [[['w', x, 1], ['wmb'], ['w', y, 1]], [['r', r0, y], ['r', r1, x]]], exists: (r) => r[r0] === 1 && r[r1] === 0, existsText: '1:r0=1 /\\ 1:r1=0', lkmm: 'allowed', stronger: LOADS_IN_ORDER },
  { name: 'MP+fencewmbonceonce+fencermbonceonce', threads: [[['w', x, 1], ['wmb'], ['w', y, 1]], [['r', r0, y], ['rmb'], ['r', r1, x]]], exists: (r) => r[r0] === 1 && r[r1] === 0, existsText: '1:r0=1 /\\ 1:r1=0', lkmm: 'forbidden' },
  { name: 'MP+pooncerelease+poacquireonce', threads: [[['w', x, 1], ['rel', y, 1]], [['acq', r0, y], ['r', r1, x]]], exists: (r) => r[r0] === 1 && r[r1] === 0, existsText: '1:r0=1 /\\ 1:r1=0', lkmm: 'forbidden' },
  { name: 'LB+poonceonces', threads: [[['r', r0, x], ['w', y, 1]], [['r', r1, y], ['w', x, 1]]], exists: (r) => r[r0] === 1 && r[r1] === 1, existsText: '0:r0=1 /\\ 1:r1=1', lkmm: 'allowed', stronger: LOADS_IN_ORDER },
  { name: 'LB+fencembonceonces', threads: [[['r', r0, x], ['mb'], ['w', y, 1]], [['r', r1, y], ['mb'], ['w', x, 1]]], exists: (r) => r[r0] === 1 && r[r1] === 1, existsText: '0:r0=1 /\\ 1:r1=1', lkmm: 'forbidden' },
  { name: 'R+poonceonces', threads: [[['w', x, 1], ['w', y, 1]], [['w', y, 2], ['r', r0, x]]], exists: (r, m) => m[y] === 2 && r[r0] === 0, existsText: 'y=2 /\\ 1:r0=0', lkmm: 'allowed' },
  { name: 'R+fencembonceonces', threads: [[['w', x, 1], ['mb'], ['w', y, 1]], [['w', y, 2], ['mb'], ['r', r0, x]]], exists: (r, m) => m[y] === 2 && r[r0] === 0, existsText: 'y=2 /\\ 1:r0=0', lkmm: 'forbidden' },
  { name: '2+2W+poonceonces', threads: [[['w', x, 1], ['w', y, 2]], [['w', y, 1], ['w', x, 2]]], exists: (_r, m) => m[x] === 1 && m[y] === 1, existsText: 'x=1 /\\ y=1', lkmm: 'allowed' },
  { name: '2+2W+fencewmbonceonces', threads: [[['w', x, 1], ['wmb'], ['w', y, 2]], [['w', y, 1], ['wmb'], ['w', x, 2]]], exists: (_r, m) => m[x] === 1 && m[y] === 1, existsText: 'x=1 /\\ y=1', lkmm: 'forbidden' },
  { name: 'WRC+poonceonces+Once', threads: [[['w', x, 1]], [['r', r0, x], ['w', y, 1]], [['r', r1, y], ['r', r2, x]]], exists: (r) => r[r0] === 1 && r[r1] === 1 && r[r2] === 0, existsText: '1:r0=1 /\\ 2:r1=1 /\\ 2:r2=0', lkmm: 'allowed', stronger: MCA },
  { name: 'WRC+pooncerelease+fencermbonceonce+Once', threads: [[['w', x, 1]], [['r', r0, x], ['rel', y, 1]], [['r', r1, y], ['rmb'], ['r', r2, x]]], exists: (r) => r[r0] === 1 && r[r1] === 1 && r[r2] === 0, existsText: '1:r0=1 /\\ 2:r1=1 /\\ 2:r2=0', lkmm: 'forbidden' },
  { name: 'IRIW+poonceonces+OnceOnce', threads: [[['w', x, 1]], [['w', y, 1]], [['r', r0, x], ['r', r1, y]], [['r', r2, y], ['r', r3, x]]], exists: (r) => r[r0] === 1 && r[r1] === 0 && r[r2] === 1 && r[r3] === 0, existsText: '2:r0=1 /\\ 2:r1=0 /\\ 3:r2=1 /\\ 3:r3=0', lkmm: 'allowed', stronger: MCA },
  { name: 'IRIW+fencembonceonces+OnceOnce', threads: [[['w', x, 1]], [['w', y, 1]], [['r', r0, x], ['mb'], ['r', r1, y]], [['r', r2, y], ['mb'], ['r', r3, x]]], exists: (r) => r[r0] === 1 && r[r1] === 0 && r[r2] === 1 && r[r3] === 0, existsText: '2:r0=1 /\\ 2:r1=0 /\\ 3:r2=1 /\\ 3:r3=0', lkmm: 'forbidden' },
  // locks (spin_lock is an acquire, spin_unlock a release; the model's unlock is a full barrier)
  { name: 'MP+polocks', threads: [[['w', x, 1], ['lock'], ['w', y, 1], ['unlock']], [['lock'], ['r', r0, y], ['unlock'], ['r', r1, x]]], exists: (r) => r[r0] === 1 && r[r1] === 0, existsText: '1:r0=1 /\\ 1:r1=0', lkmm: 'forbidden' },
  { name: 'MP+porevlocks', threads: [[['r', r0, y], ['lock'], ['r', r1, x], ['unlock']], [['lock'], ['w', x, 1], ['unlock'], ['w', y, 1]]], exists: (r) => r[r0] === 1 && r[r1] === 0, existsText: '0:r0=1 /\\ 0:r1=0', lkmm: 'forbidden' },
  // a control dependency orders a load before a later store (LKMM: Never, with the other side's smp_mb)
  { name: 'LB+fencembonceonce+ctrlonceonce', threads: [[['r', r0, x], ['wif', r0, y, 1]], [['r', r1, y], ['mb'], ['w', x, 1]]], exists: (r) => r[r0] === 1 && r[r1] === 1, existsText: '0:r0=1 /\\ 1:r1=1', lkmm: 'forbidden' },
  // a release-acquire chain orders the first store before the last load (LKMM: Never)
  { name: 'ISA2+pooncerelease+poacquirerelease+poacquireonce', threads: [[['w', x, 1], ['rel', y, 1]], [['acq', r0, y], ['rel', z, 1]], [['acq', r1, z], ['r', r2, x]]], exists: (r) => r[r0] === 1 && r[r1] === 1 && r[r2] === 0, existsText: '1:r0=1 /\\ 2:r1=1 /\\ 2:r2=0', lkmm: 'forbidden' },
  // a release-acquire chain is not cumulative against a later coherence order (LKMM: Sometimes)
  { name: 'Z6.0+pooncerelease+poacquirerelease+fencembonceonce', threads: [[['w', x, 1], ['rel', y, 1]], [['acq', r0, y], ['rel', z, 1]], [['w', z, 2], ['mb'], ['r', r1, x]]], exists: (r, m) => r[r0] === 1 && m[z] === 2 && r[r1] === 0, existsText: '1:r0=1 /\\ z=2 /\\ 2:r1=0', lkmm: 'allowed', stronger: MCA },
  // the shrinker's pairing: list_lru_add: nr_items = 1 <MB> set_bit || shrink_slab_memcg: clear_bit <MB> read nr_items
  { name: 'shrinker-bit+mbbeforeatomic+mbafteratomic', init: [0, 1], threads: [[['w', x, 1], ['mbb'], ['set', y, 0]], [['clr', y, 0], ['mba'], ['r', r0, x]]], exists: (r, m) => m[y] === 0 && r[r0] === 0, existsText: 'bit=0 /\\ 1:r0=0', lkmm: 'forbidden' },
  { name: 'shrinker-bit+poonce+mbafteratomic', init: [0, 1], threads: [[['w', x, 1], ['set', y, 0]], [['clr', y, 0], ['mba'], ['r', r0, x]]], exists: (r, m) => m[y] === 0 && r[r0] === 0, existsText: 'bit=0 /\\ 1:r0=0', lkmm: 'allowed' },
  { name: 'shrinker-bit+mbbeforeatomic+poonce', init: [0, 1], threads: [[['w', x, 1], ['mbb'], ['set', y, 0]], [['clr', y, 0], ['r', r0, x]]], exists: (r, m) => m[y] === 0 && r[r0] === 0, existsText: 'bit=0 /\\ 1:r0=0', lkmm: 'allowed' },
];
