/// The step-through page's viewer: navigation (buttons, slider, keys, `#step=N`), the
/// virtualised opcode list (only the visible rows exist), the frame tree, and the panes of the
/// current step, all drawn from `window.TxModel`.
enum TransactionPageScript {
    static let script = #"""
    (function () {
    'use strict';
    const M = window.TxModel, ROW = 20;
    const $ = id => document.getElementById(id);
    const blocks = Array.from(document.querySelectorAll('script[data-tx]'));
    let T = null, k = 0, cur = 0;
    const esc = t => String(t).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
    const name = a => T.m.names[a] ? T.m.names[a] + ' (' + a.slice(0, 8) + '…)' : a;
    const dec = h => { try { return BigInt('0x' + (h || '0')).toString(); } catch (e) { return '?'; } };
    const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };

    function open(index, step) {
      k = Math.max(0, Math.min(blocks.length - 1, index));
      T = M.load(blocks[k].textContent);
      if ($('tx-pick')) $('tx-pick').value = String(k);
      header();
      tree();
      $('slider').max = String(Math.max(0, T.n - 1));
      $('ops-spacer').style.height = (T.n * ROW) + 'px';
      $('empty').hidden = T.n > 0;
      go(step || 0, true);
    }

    function header() {
      const m = T.m, root = T.frames[0];
      $('tx-label').textContent = m.label + (m.caption ? ' — ' + m.caption : '');
      $('tx-call').textContent = root ? root.call : '';
      $('tx-result').textContent = root ? root.result : '';
      $('tx-result').className = root && !root.ok ? 'bad' : 'good';
      $('tx-facts').textContent = 'from ' + name(m.sender) + ' · status ' + m.status + (m.gasUsed !== undefined ? ' · gas used ' + m.gasUsed : '') + ' · ' + T.n + ' steps';
      $('truncated').hidden = !m.truncated;
      $('truncated').textContent = 'Recording stopped after ' + m.maxSteps + ' steps; later steps are not shown.';
      const p = $('panel');
      p.hidden = m.panel.length === 0;
      const body = p.querySelector('tbody');
      body.textContent = '';
      for (const [label, before, after] of m.panel) {
        const tr = el('tr', before !== after ? 'changed' : '');
        tr.append(el('th', '', label), el('td', '', before), el('td', '', after));
        body.append(tr);
      }
      const rv = $('revert-info');
      rv.textContent = '';
      for (const f of T.frames) if (f.revertStep >= 0) rv.append(revertLine(f));
    }

    function revertLine(f) {
      const li = el('li');
      const writes = T.m.access.filter(a => (a[2] === 'sstore' || a[2] === 'tstore') && T.frames[a[1]].undoneAt === f.end && a[0] < f.end && a[0] >= f.first);
      const logs = T.m.logs.filter(l => l[0] >= f.first && l[0] < f.end);
      const b = el('button', 'link', 'step ' + f.revertStep);
      b.onclick = () => go(f.revertStep);
      li.append('Frame ' + f.id + ' (' + f.call + ') ' + f.status + ' at ', b,
        ': ' + f.result + '; undid ' + writes.length + ' storage write(s)' + (logs.length ? ' and ' + logs.length + ' log(s)' : '') +
        writes.map(a => ' · slot ' + a[4] + ' back to ' + a[5]).join(''));
      return li;
    }

    function tree() {
      const root = $('frames');
      root.textContent = '';
      const add = (f, parent) => {
        const li = el('li');
        const b = el('button', 'frame' + (f.ok ? '' : ' failed'), '[' + f.kind + '] ' + f.call);
        b.dataset.frame = String(f.id);
        b.title = 'steps ' + f.first + '–' + (f.end - 1) + ', gas used ' + f.gasUsed;
        b.onclick = () => go(f.first < T.n ? f.first : cur);
        li.append(b, el('div', 'result' + (f.ok ? '' : ' bad'), f.result));
        if (f.children.length) { const ul = el('ul'); f.children.forEach(c => add(c, ul)); li.append(ul); }
        parent.append(li);
      };
      if (T.frames[0]) add(T.frames[0], root);
    }

    function go(s, fromOpen) {
      if (T.n === 0) return;
      cur = Math.max(0, Math.min(T.n - 1, s | 0));
      $('slider').value = String(cur);
      $('step-no').textContent = cur + ' / ' + (T.n - 1);
      details();
      list(true);
      fragment();
    }

    // The address follows the step, at most every 200 ms: browsers throttle (and warn about)
    // hundreds of history updates in a few seconds, as holding an arrow key would make.
    let lastHash = 0, hashTimer = null;
    function fragment() {
      if (hashTimer) return;
      const wait = Math.max(0, lastHash + 200 - Date.now());
      hashTimer = setTimeout(() => {
        hashTimer = null;
        lastHash = Date.now();
        const frag = '#' + (blocks.length > 1 ? 'tx=' + k + '&' : '') + 'step=' + cur;
        if (location.hash !== frag) history.replaceState(null, '', frag);
      }, wait);
    }

    function details() {
      const s = cur, f = T.frames[T.frame[s]], op = T.d.op[s];
      $('d-pc').textContent = T.d.pc[s];
      $('d-op').textContent = T.m.opNames[op] + ' ' + M.operand(T, s);
      $('d-gas').textContent = T.gas[s];
      $('d-cost').textContent = T.d.cost[s];
      $('d-refund').textContent = T.refund[s];
      $('d-depth').textContent = f.depth + 1;
      $('d-frame').textContent = name(f.address) + ' · frame ' + f.id + ' ' + f.call;
      $('d-ret').textContent = M.returnDataAt(T, s);
      document.querySelectorAll('#frames .frame').forEach(b => b.classList.toggle('current', +b.dataset.frame === f.id));
      stack(M.stackAt(T, s));
      memory(M.memoryAt(T, s));
      storage(s, f);
      logs(s);
      source(s);
      const undone = f.undoneAt >= 0 ? 'This frame\'s changes are undone at step ' + f.undoneAt + ' (' + T.frames.filter(g => g.end === f.undoneAt && !g.ok).map(g => g.status).join(', ') + ').' : '';
      $('d-undo').textContent = undone;
    }

    function stack(st) {
      const body = $('stack').querySelector('tbody');
      body.textContent = '';
      for (let j = st.length - 1; j >= 0; j--) {
        const tr = el('tr');
        tr.append(el('td', 'idx', String(st.length - 1 - j)), el('td', 'hex', '0x' + st[j]), el('td', 'dec', dec(st[j])));
        body.append(tr);
      }
      $('stack-count').textContent = '(' + st.length + ')';
    }

    // At most 256 rows of 32 bytes (in words of 4), from a little before the highlighted bytes, as one string
    // (only highlighted bytes get an element of their own).
    function memory(m) {
      const box = $('memory'), ROWS = 256;
      $('mem-count').textContent = '(' + m.size + ' bytes)';
      const first = m.lo >= 0 ? Math.max(0, Math.floor(m.lo / 32) - 8) * 32 : 0;
      const end = Math.min(m.size, first + ROWS * 32);
      const parts = first > 0 ? ['<div class="muted">from 0x' + first.toString(16) + '</div>'] : [];
      for (let row = first; row < end; row += 32) {
        let line = '<div class="memrow"><span class="off">0x' + row.toString(16).padStart(4, '0') + '</span><span class="bytes">';
        for (let b = row; b < row + 32; b++) {
          const v = b < m.mem.length ? m.mem[b] : 0, h = HEX[v], gap = b % 4 === 3 ? ' ' : '';
          line += (b >= m.lo && b < m.hi ? '<span class="hit">' + h + '</span>' : h) + gap;
        }
        parts.push(line + '</span></div>');
      }
      if (end < m.size) parts.push('<div class="muted">up to 0x' + end.toString(16) + ' of 0x' + m.size.toString(16) + '</div>');
      box.innerHTML = parts.join('');
    }
    const HEX = Array.from({ length: 256 }, (_, i) => (i < 16 ? '0' : '') + i.toString(16));

    function storage(s, f) {
      for (const [id, kinds] of [['storage', ['sload', 'sstore']], ['transient', ['tload', 'tstore']]]) {
        const body = $(id).querySelector('tbody');
        body.textContent = '';
        const shown = [];
        for (const a of T.m.access) {
          if (a[0] > s) break;
          if (a[3] === f.address && kinds.indexOf(a[2]) >= 0) shown.push(a);
        }
        if (shown.length > 200) body.append(el('tr', 'muted', (shown.length - 200) + ' earlier accesses not shown'));
        for (const a of shown.slice(-200)) {
          const fr = T.frames[a[1]], undone = fr.undoneAt >= 0 && fr.undoneAt <= s && a[2].endsWith('store');
          const tr = el('tr', (a[0] === s ? 'now ' : '') + (undone ? 'undone' : ''));
          const b = el('button', 'link', String(a[0])); b.onclick = () => go(a[0]);
          const td = el('td'); td.append(b);
          tr.append(td, el('td', '', a[2]), el('td', 'hex', a[4]), el('td', 'hex', a[5] || (a[2].endsWith('load') ? '' : '?')), el('td', 'hex', a[6] + (undone ? ' (undone)' : '')));
          body.append(tr);
        }
      }
    }

    function logs(s) {
      const ul = $('logs');
      ul.textContent = '';
      const shown = [];
      for (const l of T.m.logs) { if (l[0] >= s) break; shown.push(l); }
      if (shown.length > 200) ul.append(el('li', 'muted', (shown.length - 200) + ' earlier logs not shown'));
      for (const l of shown.slice(-200)) {
        const fr = T.frames[l[1]], undone = fr.undoneAt >= 0 && fr.undoneAt <= s;
        const li = el('li', undone ? 'undone' : '', l[2] + ' — ' + name(l[3]) + (undone ? ' (undone)' : ''));
        li.title = 'topics ' + l[4].join(', ') + '; data ' + l[5];
        ul.append(li);
      }
    }

    // The whole file, drawn once per file; each step only moves the highlight and scrolls to it.
    const texts = (() => { const b = $('tx-sources'); try { return b ? JSON.parse(b.textContent) : {}; } catch (e) { return {}; } })();
    let shownFile = null, hitLine = null;
    function source(s) {
      const pane = $('source');
      if (!T.d.src) { pane.hidden = true; return; }
      pane.hidden = false;
      const id = T.d.src[s], body = $('source-text');
      if (hitLine) { hitLine.classList.remove('hit'); hitLine = null; }
      if (id === undefined || id < 0) { $('source-file').textContent = '(no source line for this step)'; return; }
      const [file, line] = T.d.srcLoc[id];
      $('source-file').textContent = file + ':' + line;
      if (shownFile !== file) {
        shownFile = file;
        body.textContent = '';
        const lines = (texts[file] || '').split('\n');
        const width = String(lines.length).length;
        lines.forEach((text, i) => { const d = el('div', 'srcline', String(i + 1).padStart(width) + '  ' + text); d.dataset.line = String(i + 1); body.append(d); });
      }
      hitLine = body.children[line - 1] || null;
      if (!hitLine) return;
      hitLine.classList.add('hit');
      const top = hitLine.offsetTop;
      if (top < body.scrollTop || top + hitLine.offsetHeight > body.scrollTop + body.clientHeight) body.scrollTop = Math.max(0, top - body.clientHeight / 2);
    }

    // The opcode list: a spacer as tall as all rows, and only the visible rows drawn over it.
    function list(follow) {
      const box = $('ops');
      if (follow) {
        const top = cur * ROW;
        if (top < box.scrollTop || top + ROW > box.scrollTop + box.clientHeight) box.scrollTop = Math.max(0, top - box.clientHeight / 2);
      }
      const first = Math.floor(box.scrollTop / ROW), count = Math.ceil(box.clientHeight / ROW) + 2;
      const rows = $('ops-rows');
      rows.textContent = '';
      rows.style.top = (first * ROW) + 'px';
      for (let i = first; i < Math.min(T.n, first + count); i++) {
        const f = T.frames[T.frame[i]];
        const r = el('div', 'op' + (i === cur ? ' cur' : '') + (T.reverts.has(i) ? ' rv' : ''));
        r.dataset.step = String(i);
        r.style.paddingLeft = (4 + f.depth * 12) + 'px';
        r.textContent = String(i).padStart(String(T.n).length) + '  ' + String(T.d.pc[i]).padStart(5) + '  ' + T.m.opNames[T.d.op[i]] + ' ' + M.operand(T, i) + '  gas ' + T.gas[i] + ' (' + T.d.cost[i] + ')';
        rows.append(r);
      }
    }

    function jump(kind, dir) {
      const i = M.find(T, cur, dir, i => M.jumps[kind](T, i));
      if (i >= 0) go(i); else flash('no ' + (dir > 0 ? 'next ' : 'previous ') + kind);
    }
    function over() {
      const child = T.frames.find(f => f.callerStep === cur && f.parent === T.frame[cur]);
      go(child && child.end < T.n ? child.end : cur + 1);
    }
    function out() {
      const f = T.frames[T.frame[cur]];
      if (f.end < T.n) go(f.end); else flash('the transaction ends in this frame');
    }
    function srcLine(dir) {
      if (!T.d.src) return;
      const here = T.d.src[cur];
      const i = M.find(T, cur, dir, i => T.d.src[i] >= 0 && T.d.src[i] !== here);
      if (i >= 0) go(i);
    }
    function flash(text) { $('note').textContent = text; setTimeout(() => { if ($('note').textContent === text) $('note').textContent = ''; }, 1500); }

    const actions = {
      back: () => go(cur - 1), fwd: () => go(cur + 1), over, out,
      sstore: () => jump('sstore', 1), call: () => jump('call', 1), log: () => jump('log', 1), revert: () => jump('revert', 1),
      first: () => go(0), last: () => go(T.n - 1), srcnext: () => srcLine(1), srcprev: () => srcLine(-1),
    };
    document.querySelectorAll('[data-act]').forEach(b => { b.onclick = () => actions[b.dataset.act](); });
    const keys = { ArrowRight: 'fwd', j: 'fwd', ArrowLeft: 'back', k: 'back', n: 'over', o: 'out', s: 'sstore', c: 'call', l: 'log', r: 'revert', Home: 'first', End: 'last', ']': 'srcnext', '[': 'srcprev' };
    const prevKeys = { S: 'sstore', C: 'call', L: 'log', R: 'revert' };
    document.addEventListener('keydown', e => {
      if (e.ctrlKey || e.metaKey || e.altKey || !T) return;
      const t = e.target;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) return;
      if (prevKeys[e.key]) { jump(prevKeys[e.key], -1); e.preventDefault(); return; }
      const a = keys[e.key];
      if (a) { actions[a](); e.preventDefault(); }
    });
    $('slider').addEventListener('input', e => go(+e.target.value));
    $('ops').addEventListener('scroll', () => list(false));
    $('ops').addEventListener('click', e => { const r = e.target.closest('.op'); if (r) go(+r.dataset.step); });
    if ($('tx-pick')) $('tx-pick').addEventListener('change', e => open(+e.target.value, 0));
    function fromHash() {
      const p = new URLSearchParams(location.hash.slice(1));
      const tx = p.has('tx') ? +p.get('tx') : (T ? k : blocks.length - 1), step = p.has('step') ? +p.get('step') : 0;
      if (!T || tx !== k) open(tx, step); else go(step);
    }
    window.addEventListener('hashchange', fromHash);
    if (blocks.length) fromHash();
    window.TxView = { go, current: () => cur, steps: () => T.n, jump, over, out };
    })();
    """#
}
