/**
 * The litmus suite: the classic shapes, each with and without the barriers that matter, and the
 * outcome the Linux kernel memory model gives for its `exists` clause (the names and verdicts follow
 * tools/memory-model/litmus-tests in the kernel tree: "Sometimes" = allowed, "Never" = forbidden).
 * `stronger` marks shapes where `--memory weak` forbids an outcome the LKMM allows (no load-store
 * reordering; stores multicopy atomic; a full barrier or an acquire lets later loads see every visible
 * store: see memory/weak.ts); the mode must never allow a forbidden one. The last three are the
 * shrinker's own pairing (set_shrinker_bit / shrink_slab_memcg).
 * Of tools/memory-model/litmus-tests (v6.13), every test is here but five: three the ops cannot
 * express, MP+polockmbonce+poacquiresilsil and MP+polockonce+poacquiresilsil (spin_is_locked()) and
 * Atomic-set-observable-to-RMW (atomic_add_unless()); and two whose choice trees exceed the explorer's
 * 2,000,000-path budget (three processes, a contended lock, stale reads): Z6.0+pooncelock+pooncelock+
 * pombonce (Sometimes) and Z6.0+pooncelock+poonceLock+pombonce (Never).
 *
 * Ops: ['w', x, v] WRITE_ONCE   ['r', reg, x] READ_ONCE   ['rel', x, v] smp_store_release
 *      ['acq', reg, x] smp_load_acquire   ['mb'] smp_mb   ['wmb'] smp_wmb   ['rmb'] smp_rmb
 *      ['set', x, bit] set_bit   ['clr', x, bit] clear_bit   ['mba'] smp_mb__after_atomic
 *      ['mbb'] smp_mb__before_atomic   ['lock'] spin_lock(mylock)   ['unlock'] spin_unlock(mylock)
 *      ['wif', reg, x, v] if (reg) WRITE_ONCE(x, v): a store under a control dependency
 *      ['pub', x, rel] x = &t: WRITE_ONCE (rel 0) or rcu_assign_pointer (rel 1) of a pointer to object t
 *      ['deref', reg, preg] if (preg == &t) reg = READ_ONCE(t->f): a load through a loaded pointer
 *      ['wt', v] WRITE_ONCE(t->f, v)   ['rl'] rcu_read_lock   ['ru'] rcu_read_unlock   ['sync'] synchronize_rcu
 * Variables x..w are words of one object (mylock another), global variables as in the kernel's tests;
 * t is a second object, reached through a pointer; registers r0..r3 are the threads' own.
 */
export type Op =
  | ['w' | 'rel', number, number]
  | ['r' | 'acq', number, number]
  | ['set' | 'clr', number, number]
  | ['wif', number, number, number]
  | ['pub', number, 0 | 1] | ['deref', number, number] | ['wt', number]
  | ['mb'] | ['wmb'] | ['rmb'] | ['mba'] | ['mbb'] | ['lock'] | ['unlock'] | ['rl'] | ['ru'] | ['sync'];

export interface Shape {
  name: string;
  threads: Op[][];
  /** initial values of the variables (default 0) */
  init?: number[];
  /** initial value of t->f (default 0), and the variable that initially points to t (default none) */
  initT?: number;
  pointsToT?: number;
  /** the `exists` clause over final registers and variables (`t`: the pointer to object t) */
  exists: (reg: readonly number[], mem: readonly number[], t: number) => boolean;
  existsText: string;
  lkmm: 'allowed' | 'forbidden';
  /** the weak mode forbids what the LKMM allows here (documented, not an error) */
  stronger?: string;
}

const [x, y, z] = [0, 1, 2];
const [r0, r1, r2, r3] = [0, 1, 2, 3];
const NO_LB = 'a store is issued after the older loads read (no load-store reordering)';
const MCA = 'stores are multicopy atomic, and a full barrier lets later loads see every visible store';

export const SHAPES: readonly Shape[] = [
  { name: 'SB+poonceonces', threads: [[['w', x, 1], ['r', r0, y]], [['w', y, 1], ['r', r1, x]]], exists: (r) => r[r0] === 0 && r[r1] === 0, existsText: '0:r0=0 /\\ 1:r1=0', lkmm: 'allowed' },
  { name: 'SB+fencembonceonces', threads: [[['w', x, 1], ['mb'], ['r', r0, y]], [['w', y, 1], ['mb'], ['r', r1, x]]], exists: (r) => r[r0] === 0 && r[r1] === 0, existsText: '0:r0=0 /\\ 1:r1=0', lkmm: 'forbidden' },
  { name: 'MP+poonceonces', threads: [[['w', x, 1], ['w', y, 1]], [['r', r0, y], ['r', r1, x]]], exists: (r) => r[r0] === 1 && r[r1] === 0, existsText: '1:r0=1 /\\ 1:r1=0', lkmm: 'allowed' },
  { name: 'MP+fencewmbonceonce+poonceonces', threads: [[['w', x, 1], ['wmb'], ['w', y, 1]], [['r', r0, y], ['r', r1, x]]], exists: (r) => r[r0] === 1 && r[r1] === 0, existsText: '1:r0=1 /\\ 1:r1=0', lkmm: 'allowed' },
  { name: 'MP+fencewmbonceonce+fencermbonceonce', threads: [[['w', x, 1], ['wmb'], ['w', y, 1]], [['r', r0, y], ['rmb'], ['r', r1, x]]], exists: (r) => r[r0] === 1 && r[r1] === 0, existsText: '1:r0=1 /\\ 1:r1=0', lkmm: 'forbidden' },
  { name: 'MP+pooncerelease+poacquireonce', threads: [[['w', x, 1], ['rel', y, 1]], [['acq', r0, y], ['r', r1, x]]], exists: (r) => r[r0] === 1 && r[r1] === 0, existsText: '1:r0=1 /\\ 1:r1=0', lkmm: 'forbidden' },
  { name: 'LB+poonceonces', threads: [[['r', r0, x], ['w', y, 1]], [['r', r1, y], ['w', x, 1]]], exists: (r) => r[r0] === 1 && r[r1] === 1, existsText: '0:r0=1 /\\ 1:r1=1', lkmm: 'allowed', stronger: NO_LB },
  { name: 'LB+fencembonceonces', threads: [[['r', r0, x], ['mb'], ['w', y, 1]], [['r', r1, y], ['mb'], ['w', x, 1]]], exists: (r) => r[r0] === 1 && r[r1] === 1, existsText: '0:r0=1 /\\ 1:r1=1', lkmm: 'forbidden' },
  { name: 'R+poonceonces', threads: [[['w', x, 1], ['w', y, 1]], [['w', y, 2], ['r', r0, x]]], exists: (r, m) => m[y] === 2 && r[r0] === 0, existsText: 'y=2 /\\ 1:r0=0', lkmm: 'allowed' },
  { name: 'R+fencembonceonces', threads: [[['w', x, 1], ['mb'], ['w', y, 1]], [['w', y, 2], ['mb'], ['r', r0, x]]], exists: (r, m) => m[y] === 2 && r[r0] === 0, existsText: 'y=2 /\\ 1:r0=0', lkmm: 'forbidden' },
  { name: '2+2W+poonceonces', threads: [[['w', x, 1], ['w', y, 2]], [['w', y, 1], ['w', x, 2]]], exists: (_r, m) => m[x] === 1 && m[y] === 1, existsText: 'x=1 /\\ y=1', lkmm: 'allowed' },
  { name: '2+2W+fencewmbonceonces', threads: [[['w', x, 1], ['wmb'], ['w', y, 2]], [['w', y, 1], ['wmb'], ['w', x, 2]]], exists: (_r, m) => m[x] === 1 && m[y] === 1, existsText: 'x=1 /\\ y=1', lkmm: 'forbidden' },
  { name: 'WRC+poonceonces+Once', threads: [[['w', x, 1]], [['r', r0, x], ['w', y, 1]], [['r', r1, y], ['r', r2, x]]], exists: (r) => r[r0] === 1 && r[r1] === 1 && r[r2] === 0, existsText: '1:r0=1 /\\ 2:r1=1 /\\ 2:r2=0', lkmm: 'allowed' },
  { name: 'WRC+pooncerelease+fencermbonceonce+Once', threads: [[['w', x, 1]], [['r', r0, x], ['rel', y, 1]], [['r', r1, y], ['rmb'], ['r', r2, x]]], exists: (r) => r[r0] === 1 && r[r1] === 1 && r[r2] === 0, existsText: '1:r0=1 /\\ 2:r1=1 /\\ 2:r2=0', lkmm: 'forbidden' },
  { name: 'IRIW+poonceonces+OnceOnce', threads: [[['w', x, 1]], [['w', y, 1]], [['r', r0, x], ['r', r1, y]], [['r', r2, y], ['r', r3, x]]], exists: (r) => r[r0] === 1 && r[r1] === 0 && r[r2] === 1 && r[r3] === 0, existsText: '2:r0=1 /\\ 2:r1=0 /\\ 3:r2=1 /\\ 3:r3=0', lkmm: 'allowed' },
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
  // an address dependency orders the load through a pointer after the load of the pointer; the
  // publisher's release orders the initialisation first (LKMM: Never; without the release: Sometimes)
  { name: 'MP+onceassign+derefonce', threads: [[['wt', 1], ['pub', x, 1]], [['rl'], ['r', r0, x], ['deref', r1, r0], ['ru']]], exists: (r, _m, t) => r[r0] === t && r[r1] === 0, existsText: '1:r0=t /\\ 1:r1=0', lkmm: 'forbidden' },
  { name: 'MP+onceonce+derefonce', threads: [[['wt', 1], ['pub', x, 0]], [['rl'], ['r', r0, x], ['deref', r1, r0], ['ru']]], exists: (r, _m, t) => r[r0] === t && r[r1] === 0, existsText: '1:r0=t /\\ 1:r1=0', lkmm: 'allowed' },
  // RCU's grace-period guarantee (Documentation/litmus-tests/rcu/): a read-side critical section
  // cannot span a grace period (LKMM: Never)
  { name: 'RCU+sync+read', threads: [[['rl'], ['w', x, 1], ['w', y, 1], ['ru']], [['r', r0, x], ['sync'], ['r', r1, y]]], exists: (r) => r[r0] === 1 && r[r1] === 0, existsText: '1:r0=1 /\\ 1:r1=0', lkmm: 'forbidden' },
  { name: 'RCU+sync+free', initT: 1, pointsToT: y, threads: [[['rl'], ['r', r0, y], ['deref', r1, r0], ['ru']], [['rel', y, 7], ['sync'], ['wt', 0]]], exists: (r, _m, t) => r[r0] === t && r[r1] === 0, existsText: '0:r0=t /\\ 0:r1=0', lkmm: 'forbidden' },
  // coherence (tools/memory-model/litmus-tests/Co*: Never)
  { name: 'CoRR+poonceonce+Once', threads: [[['w', x, 1]], [['r', r0, x], ['r', r1, x]]], exists: (r) => r[r0] === 1 && r[r1] === 0, existsText: '1:r0=1 /\\ 1:r1=0', lkmm: 'forbidden' },
  { name: 'CoRW+poonceonce+Once', threads: [[['r', r0, x], ['w', x, 1]], [['w', x, 2]]], exists: (r, m) => r[r0] === 2 && m[x] === 2, existsText: '0:r0=2 /\\ x=2', lkmm: 'forbidden' },
  { name: 'CoWR+poonceonce+Once', threads: [[['w', x, 1], ['r', r0, x]], [['w', x, 2]]], exists: (r, m) => r[r0] === 2 && m[x] === 1, existsText: '0:r0=2 /\\ x=1', lkmm: 'forbidden' },
  { name: 'CoWW+poonceonce', threads: [[['w', x, 1], ['w', x, 2]]], exists: (_r, m) => m[x] === 1, existsText: 'x=1', lkmm: 'forbidden' },
  // store forwarding: a process sees its own store before others do (LKMM: Sometimes)
  { name: 'SB+rfionceonce-poonceonces', threads: [[['w', x, 1], ['r', r0, x], ['r', r1, y]], [['w', y, 1], ['r', r2, y], ['r', r3, x]]], exists: (r) => r[r0] === 1 && r[r1] === 0 && r[r2] === 1 && r[r3] === 0, existsText: '0:r0=1 /\\ 0:r1=0 /\\ 1:r2=1 /\\ 1:r3=0', lkmm: 'allowed' },
  { name: 'S+poonceonces', threads: [[['w', x, 2], ['w', y, 1]], [['r', r0, y], ['w', x, 1]]], exists: (r, m) => m[x] === 2 && r[r0] === 1, existsText: 'x=2 /\\ 1:r0=1', lkmm: 'allowed' },
  { name: 'S+fencewmbonceonce+poacquireonce', threads: [[['w', x, 2], ['wmb'], ['w', y, 1]], [['acq', r0, y], ['w', x, 1]]], exists: (r, m) => m[x] === 2 && r[r0] === 1, existsText: 'x=2 /\\ 1:r0=1', lkmm: 'forbidden' },
  { name: 'LB+poacquireonce+pooncerelease', threads: [[['r', r0, x], ['rel', y, 1]], [['acq', r1, y], ['w', x, 1]]], exists: (r) => r[r0] === 1 && r[r1] === 1, existsText: '0:r0=1 /\\ 1:r0=1', lkmm: 'forbidden' },
  { name: 'ISA2+poonceonces', threads: [[['w', x, 1], ['w', y, 1]], [['r', r0, y], ['w', z, 1]], [['r', r1, z], ['r', r2, x]]], exists: (r) => r[r0] === 1 && r[r1] === 1 && r[r2] === 0, existsText: '1:r0=1 /\\ 2:r0=1 /\\ 2:r1=0', lkmm: 'allowed' },
  // lock-protected chains seen by a process that does not take the lock
  { name: 'ISA2+pooncelock+pooncelock+pombonce', threads: [[['lock'], ['w', x, 1], ['w', y, 1], ['unlock']], [['lock'], ['r', r0, y], ['w', z, 1], ['unlock']], [['r', r1, z], ['mb'], ['r', r2, x]]], exists: (r) => r[r0] === 1 && r[r1] === 1 && r[r2] === 0, existsText: '1:r0=1 /\\ 2:r1=1 /\\ 2:r2=0', lkmm: 'forbidden' },
  // the shrinker's pairing: list_lru_add: nr_items = 1 <MB> set_bit || shrink_slab_memcg: clear_bit <MB> read nr_items
  { name: 'shrinker-bit+mbbeforeatomic+mbafteratomic', init: [0, 1], threads: [[['w', x, 1], ['mbb'], ['set', y, 0]], [['clr', y, 0], ['mba'], ['r', r0, x]]], exists: (r, m) => m[y] === 0 && r[r0] === 0, existsText: 'bit=0 /\\ 1:r0=0', lkmm: 'forbidden' },
  { name: 'shrinker-bit+poonce+mbafteratomic', init: [0, 1], threads: [[['w', x, 1], ['set', y, 0]], [['clr', y, 0], ['mba'], ['r', r0, x]]], exists: (r, m) => m[y] === 0 && r[r0] === 0, existsText: 'bit=0 /\\ 1:r0=0', lkmm: 'allowed' },
  { name: 'shrinker-bit+mbbeforeatomic+poonce', init: [0, 1], threads: [[['w', x, 1], ['mbb'], ['set', y, 0]], [['clr', y, 0], ['r', r0, x]]], exists: (r, m) => m[y] === 0 && r[r0] === 0, existsText: 'bit=0 /\\ 1:r0=0', lkmm: 'allowed' },
];
