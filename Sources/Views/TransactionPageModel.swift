/// The step-through page's model script: it expands one transaction's JSON block
/// (`TransactionPageData`) into columns and rebuilds, for any step, the stack, memory, storage,
/// logs and return data the recorder stored only as changes. Shared as `window.TxModel` with
/// the viewer (`TransactionPageScript`).
enum TransactionPageModel {
    static let script = #"""
    (function () {
    'use strict';
    const CALLS = new Set([0xf0, 0xf1, 0xf2, 0xf4, 0xf5, 0xfa]);
    function expand(pairs, arr) {
      let v = 0, j = 0;
      for (let i = 0; i < arr.length; i++) {
        if (j < pairs.length && pairs[j] === i) { v = pairs[j + 1]; j += 2; }
        arr[i] = v;
      }
    }
    function load(text) {
      const d = JSON.parse(text), n = d.n, m = d.meta;
      const gas = new Float64Array(n), refund = new Float64Array(n), msize = new Float64Array(n);
      const frame = new Int32Array(n), pushAt = new Int32Array(n + 1);
      expand(d.refundAt, refund); expand(d.msizeAt, msize); expand(d.frameAt, frame);
      for (let i = 0, j = 0; i < n; i++) {
        if (j < d.gasAt.length && d.gasAt[j] === i) { gas[i] = d.gasAt[j + 1]; j += 2; }
        else gas[i] = gas[i - 1] - d.cost[i - 1];
      }
      for (let i = 0; i < n; i++) pushAt[i + 1] = pushAt[i] + d.npush[i];
      const frames = m.frames;
      frames.forEach((f, i) => { f.id = i; f.children = []; });
      frames.forEach(f => { if (f.parent >= 0) frames[f.parent].children.push(f); });
      // The step at which each frame's changes are undone: the end of the nearest failing frame
      // among itself and its ancestors (the first revert that reaches them).
      frames.forEach(f => {
        f.undoneAt = -1;
        for (let g = f; g && f.undoneAt < 0; g = g.parent >= 0 ? frames[g.parent] : null) if (!g.ok) f.undoneAt = g.end;
        f.revertStep = !f.ok && f.end > f.first ? f.end - 1 : -1;
      });
      const memBy = new Map();
      d.mem.forEach(w => { const f = frame[w[0]]; if (!memBy.has(f)) memBy.set(f, []); memBy.get(f).push(w); });
      const reverts = new Set(frames.filter(f => f.revertStep >= 0).map(f => f.revertStep));
      return { d, m, n, gas, refund, msize, frame, pushAt, frames, memBy, reverts, cache: null, ckpt: new Map(), memCache: null, memCk: new Map() };
    }
    function applyDiff(T, st, i) {
      st.length -= T.d.pop[i];
      for (let j = T.pushAt[i]; j < T.pushAt[i + 1]; j++) st.push(T.d.push[j]);
    }
    // The stack before step s (bottom first, hex without 0x), replayed from the frame's first
    // step, from the last position asked for, or from a checkpoint kept every 1024 steps.
    function stackAt(T, s) {
      const f = T.frame[s];
      let start = T.frames[f].first, st = [];
      const c = T.cache;
      let cps = T.ckpt.get(f);
      if (!cps) { cps = []; T.ckpt.set(f, cps); }
      if (c && c.f === f && c.s <= s) { start = c.s + 1; st = c.stack.slice(); }
      else {
        for (let j = cps.length - 1; j >= 0; j--) if (cps[j][0] <= s) { start = cps[j][0] + 1; st = cps[j][1].slice(); break; }
      }
      let count = 0;
      for (let i = start; i <= s; i++) {
        if (T.frame[i] !== f) continue;
        applyDiff(T, st, i);
        if (++count % 1024 === 0 && (cps.length === 0 || cps[cps.length - 1][0] < i)) cps.push([i, st.slice()]);
      }
      T.cache = { f, s, stack: st.slice() };
      return st;
    }
    // The frame's step before s (a CALL when s follows a child frame), or -1.
    function prevInFrame(T, s) {
      const f = T.frame[s], first = T.frames[f].first;
      for (let i = s - 1; i >= first; i--) if (T.frame[i] === f) return i;
      return -1;
    }
    function nextInFrame(T, s) {
      const f = T.frame[s], end = T.frames[f].end;
      for (let i = s + 1; i < end && i < T.n; i++) if (T.frame[i] === f) return i;
      return -1;
    }
    // Memory before step s, and the range the frame's previous step wrote (highlighted):
    // the frame's writes replayed from the last position asked for, or from a copy kept every
    // 512 writes (memory under 1 MB), so stepping back does not replay the whole frame.
    function bytesOf(w) {
      if (!w.b) { const h = w[2], b = new Uint8Array(h.length / 2); for (let i = 0; i < b.length; i++) b[i] = parseInt(h.substr(i * 2, 2), 16); w.b = b; }
      return w.b;
    }
    function memoryAt(T, s) {
      const f = T.frame[s], size = T.msize[s], ws = T.memBy.get(f) || [];
      let lo = 0, hi = ws.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (ws[mid][0] < s) lo = mid + 1; else hi = mid; }
      const upto = lo;
      let mem = new Uint8Array(0), from = 0;
      const c = T.memCache;
      let cks = T.memCk.get(f);
      if (!cks) { cks = []; T.memCk.set(f, cks); }
      if (c && c.f === f && c.upto <= upto) { mem = c.mem; from = c.upto; }
      else for (let j = cks.length - 1; j >= 0; j--) if (cks[j].upto <= upto) { mem = cks[j].mem.slice(); from = cks[j].upto; break; }
      for (let j = from; j < upto; j++) {
        const w = ws[j], b = bytesOf(w), end = w[1] + b.length;
        if (end > mem.length) { const grown = new Uint8Array(end); grown.set(mem); mem = grown; }
        mem.set(b, w[1]);
        if (j % 512 === 511 && mem.length < (1 << 20) && (cks.length === 0 || cks[cks.length - 1].upto < j + 1)) cks.push({ upto: j + 1, mem: mem.slice() });
      }
      T.memCache = { f, upto, mem };
      // `mem` is the cache itself (read it at once, never write it); past its length, and up
      // to `size`, memory holds zeros.
      const prev = prevInFrame(T, s), last = upto > 0 ? ws[upto - 1] : null;
      const hit = last && last[0] === prev;
      return { mem, size, lo: hit ? last[1] : -1, hi: hit ? last[1] + bytesOf(last).length : -1 };
    }
    // What RETURNDATASIZE sees at step s: the output of the frame's last finished child.
    function returnDataAt(T, s) {
      const fr = T.frames[T.frame[s]];
      let out = '0x';
      for (const c of fr.children) {
        if (c.end > s || c.callerStep >= s) break;
        out = c.kind.startsWith('create') && c.ok ? '0x' : c.output;
      }
      return out;
    }
    // The PUSH operand of step s: the item the frame's next step finds on top.
    function operand(T, s) {
      const op = T.d.op[s];
      if (op < 0x60 || op > 0x7f) return '';
      const nx = s + 1 < T.n && T.frame[s + 1] === T.frame[s] ? s + 1 : -1;
      if (nx < 0 || T.pushAt[nx + 1] === T.pushAt[nx]) return '';
      return '0x' + T.d.push[T.pushAt[nx + 1] - 1];
    }
    function find(T, from, dir, test) {
      for (let i = from + dir; i >= 0 && i < T.n; i += dir) if (test(i)) return i;
      return -1;
    }
    const jumps = {
      sstore: (T, i) => T.d.op[i] === 0x55,
      call: (T, i) => CALLS.has(T.d.op[i]),
      log: (T, i) => T.d.op[i] >= 0xa0 && T.d.op[i] <= 0xa4,
      revert: (T, i) => T.reverts.has(i),
    };
    window.TxModel = { load, stackAt, memoryAt, returnDataAt, operand, prevInFrame, nextInFrame, find, jumps, CALLS };
    })();
    """#
}
