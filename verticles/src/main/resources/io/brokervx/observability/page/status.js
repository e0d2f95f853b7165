// broker-vertx live status page: listens to /v1/status/live (server-sent events, one "snapshot" per refresh)
// and draws the network (circle layout, SVG), the stores and the recent status events. No libraries.
'use strict';

(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const W = 900, H = 580, CX = W / 2, CY = H / 2;
  const GROUP_ORDER = ['manager', 'logger', 'data', 'proxy', 'worker'];
  // a Zeek cluster is drawn in rows: management on top, proxies in the middle (spread wide), workers below
  const ROWS = { manager: 0, logger: 0, data: 0, proxy: 1, worker: 2 };
  const ROW_SPREAD = [0.6, 0.76, 0.6];
  const LABEL_RATE = 100; // quieter links (heartbeats, routing) carry a number only when data flows or drops
  const GROUP_COLORS = { manager: '#5aa9ef', logger: '#b48ef0', proxy: '#2fbf9b', worker: '#e6a23c', data: '#ef7ab0' };
  const OTHER_COLORS = ['#5aa9ef', '#2fbf9b', '#e6a23c', '#b48ef0', '#ef7ab0', '#8fd14f', '#4fd1c5'];
  const history = [];
  let lastMessage = 0;

  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs, parent) => {
    const e = document.createElementNS(SVG, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  };
  const text = (tag, content, attrs, parent) => { const e = el(tag, attrs, parent); e.textContent = content; return e; };

  window.addEventListener('error', () => {
    document.body.dataset.errors = String(Number(document.body.dataset.errors || 0) + 1);
  });

  function fmtRate(r) {
    if (r >= 1e6) return (r / 1e6).toFixed(1) + 'M';
    if (r >= 1e4) return Math.round(r / 1e3) + 'k';
    if (r >= 1e3) return (r / 1e3).toFixed(1) + 'k';
    if (r >= 10) return String(Math.round(r));
    return r > 0 ? r.toFixed(1) : '0';
  }
  const fmtInt = (n) => Number(n).toLocaleString('en-US');
  const group = (name) => name.replace(/[-_.]?\d+$/, '').toLowerCase();
  function colorOf(name) {
    const g = group(name);
    if (GROUP_COLORS[g]) return GROUP_COLORS[g];
    let h = 0;
    for (const ch of g) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    return OTHER_COLORS[h % OTHER_COLORS.length];
  }
  function order(a, b) {
    const ga = GROUP_ORDER.indexOf(group(a.name)), gb = GROUP_ORDER.indexOf(group(b.name));
    const ra = ga < 0 ? 99 : ga, rb = gb < 0 ? 99 : gb;
    return ra !== rb ? ra - rb : a.name.localeCompare(b.name, 'en', { numeric: true });
  }
  const shortName = (name) => (/^[0-9a-f]{8}-[0-9a-f]{4}-/.test(name) ? name.slice(0, 8) : name);

  function layout(nodes) {
    const sorted = nodes.slice().sort(order);
    const rows = new Set(sorted.map((n) => ROWS[group(n.name)]));
    return !rows.has(undefined) && rows.size > 1 ? rowLayout(sorted) : circleLayout(sorted);
  }

  function rowLayout(sorted) {
    const pos = {};
    const present = [...new Set(sorted.map((n) => ROWS[group(n.name)]))].sort();
    present.forEach((row, r) => {
      const members = sorted.filter((n) => ROWS[group(n.name)] === row);
      const y = 70 + ((H - 170) * r) / Math.max(1, present.length - 1);
      const spread = W * ROW_SPREAD[row];
      members.forEach((n, i) => {
        const x = members.length === 1 ? CX : CX - spread / 2 + (spread * i) / (members.length - 1);
        pos[n.id] = { x, y };
      });
    });
    return pos;
  }

  function circleLayout(sorted) {
    const pos = {};
    const r = Math.min(W, H) / 2 - 80;
    sorted.forEach((n, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, sorted.length);
      pos[n.id] = sorted.length === 1 ? { x: CX, y: CY } : { x: CX + r * 1.3 * Math.cos(a), y: CY + r * Math.sin(a) };
    });
    return pos;
  }

  /** @return where a label of w x h fits along a -> b without covering a placed one (or the middle) */
  function labelSpot(a, b, w, h, placed) {
    for (const t of [0.5, 0.36, 0.64, 0.26, 0.74]) {
      const box = { x: a.x + (b.x - a.x) * t - w / 2, y: a.y + (b.y - a.y) * t - h / 2, w, h };
      if (!placed.some((p) => box.x < p.x + p.w && p.x < box.x + box.w && box.y < p.y + p.h && p.y < box.y + box.h)) {
        placed.push(box);
        return box;
      }
    }
    const box = { x: (a.x + b.x) / 2 - w / 2, y: (a.y + b.y) / 2 - h / 2, w, h };
    placed.push(box);
    return box;
  }

  function linkColor(l) {
    if (!l.measured) return '#55616e';
    const f = Math.max(l.fill, l.recentFill * 0.5);
    return f > 0.75 ? '#ef5a5a' : f > 0.25 ? '#e6a23c' : '#2fbf9b';
  }

  function drawGraph(m) {
    const svg = $('graph');
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    const pos = layout(m.nodes);
    const links = el('g', { class: 'links' }, svg);
    const labels = el('g', { class: 'labels' }, svg);
    const placed = Object.values(pos).map((p) => ({ x: p.x - 75, y: p.y - 34, w: 150, h: 108 }));
    for (const l of m.links) {
      const a = pos[l.a], b = pos[l.b];
      if (!a || !b) continue;
      const rate = l.rateAB + l.rateBA;
      const dataRate = l.dataAB + l.dataBA;
      const g = el('g', { class: 'link', 'data-rate': rate.toFixed(3), 'data-data-rate': dataRate.toFixed(3),
        'data-a': l.a, 'data-b': l.b }, links);
      const width = 1.5 + Math.min(9, 2.2 * Math.log10(1 + rate));
      const line = el('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: linkColor(l), 'stroke-width': width,
        'stroke-opacity': rate > 0 ? 0.95 : 0.45 }, g);
      if (!l.measured) line.setAttribute('stroke-dasharray', '6 6');
      const nameA = nameOf(m, l.a), nameB = nameOf(m, l.b);
      text('title', `${nameA} → ${nameB}: ${fmtRate(l.rateAB)} msgs/s (data ${fmtRate(l.dataAB)}/s)\n` +
        `${nameB} → ${nameA}: ${fmtRate(l.rateBA)} msgs/s (data ${fmtRate(l.dataBA)}/s)\n` +
        `buffer fill ${(100 * l.fill).toFixed(1)} % (recent max ${(100 * l.recentFill).toFixed(1)} %)\n` +
        `dropped by policy: ${fmtInt(l.dropped)}`, {}, g);
      if (l.measured && (rate >= LABEL_RATE || dataRate > 0 || l.dropped > 0)) {
        const label = `${fmtRate(l.rateAB)} ⇄ ${fmtRate(l.rateBA)}/s`;
        const w = 10 + label.length * 6.6, h = l.dropped > 0 ? 34 : 19;
        const box = labelSpot(a, b, w, h, placed);
        const lg = el('g', { class: 'link' }, labels);
        el('rect', { class: 'rate-bg', x: box.x, y: box.y, width: w, height: 19, rx: 9 }, lg);
        text('text', label, { class: 'rate', x: box.x + w / 2, y: box.y + 14, 'text-anchor': 'middle' }, lg);
        if (l.dropped > 0) {
          text('text', `▲ ${fmtInt(l.dropped)} dropped`, { class: 'drop', x: box.x + w / 2, y: box.y + 31,
            'text-anchor': 'middle' }, lg);
        }
      }
    }
    const nodes = el('g', { class: 'nodes' }, svg);
    for (const n of m.nodes) {
      const p = pos[n.id];
      const color = n.kind === 'broker' ? '#9aa7b4' : colorOf(n.name);
      const g = el('g', { class: 'node' + (n.shown ? '' : ' remote'), 'data-name': n.name, 'data-id': n.id,
        transform: `translate(${p.x},${p.y})` }, nodes);
      el('circle', { class: 'body', r: 30, stroke: color }, g);
      text('text', shortName(n.name).slice(0, 2).toUpperCase(), { class: 'initial', y: 5, 'text-anchor': 'middle', fill: color }, g);
      text('text', shortName(n.name), { class: 'name', y: 50, 'text-anchor': 'middle' }, g);
      const detail = n.shown
        ? `${n.connections} peer${n.connections === 1 ? '' : 's'} · ${fmtRate(n.receivedRate)}/s in · ${fmtRate(n.publishedRate)}/s out`
        : (n.kind === 'broker' ? 'Broker peer' : 'seen through the network');
      text('text', detail, { class: 'detail', y: 66, 'text-anchor': 'middle' }, g);
      text('title', `${n.name}\n${n.id}\n${n.kind}${n.forwarding ? ', forwarding' : ''}, ${n.topics} topic prefix(es)` +
        (n.shown ? `\nin: data and store commands handled; out: values published` : '') +
        (n.shown ? `\ndropped by policy: ${fmtInt(n.dropped)}\ndenied by rule: ${fmtInt(n.denied)}` : ''), {}, g);
      (n.stores || []).forEach((s, i) => {
        const b = el('g', { class: 'badge', transform: `translate(${-34 + i * 0},${-52 - i * 18})` }, g);
        const label = (s.role === 'master' ? 'M ' : 'C ') + s.name;
        el('rect', { x: 0, y: 0, width: 12 + label.length * 5.8, height: 15, rx: 7 }, b);
        text('text', label, { x: 6, y: 11 }, b);
      });
    }
    $('graph-note').textContent = m.shown.length > 1 ? `· ${m.shown.length} endpoints shown here` : '';
  }

  function nameOf(m, id) {
    const n = m.nodes.find((x) => x.id === id);
    return n ? n.name : id.slice(0, 8);
  }

  function drawCards(m) {
    const t = m.totals;
    $('c-endpoints').textContent = t.endpoints;
    $('c-links').textContent = t.links;
    $('c-rate').textContent = fmtRate(t.rate);
    $('c-dropped').textContent = fmtInt(t.dropped);
    $('c-dropped').classList.toggle('bad', t.dropped > 0);
    $('c-failures').textContent = fmtInt(t.failures);
    $('c-lag').textContent = t.maxLagMs < 1 ? t.maxLagMs.toFixed(2) + ' ms' : Math.round(t.maxLagMs) + ' ms';
    $('c-lag').classList.toggle('bad', t.maxLagMs > 100);
    history.push(t.rate);
    if (history.length > 60) history.shift();
    const spark = $('spark');
    while (spark.firstChild) spark.removeChild(spark.firstChild);
    const max = Math.max(1, ...history);
    const pts = history.map((v, i) => `${(120 * i) / 59},${27 - (25 * v) / max}`);
    if (pts.length > 1) {
      el('polygon', { points: `0,28 ${pts.join(' ')} ${(120 * (history.length - 1)) / 59},28` }, spark);
      el('polyline', { points: pts.join(' ') }, spark);
    }
    $('shown').textContent = 'shown here: ' + m.shown.join(', ');
  }

  function cell(row, content, cls) {
    const td = document.createElement('td');
    if (cls) td.className = cls;
    if (content instanceof Node) td.appendChild(content); else td.textContent = content;
    row.appendChild(td);
  }

  function drawStores(m) {
    const body = $('stores');
    body.textContent = '';
    if (!m.stores.length) {
      const tr = document.createElement('tr');
      cell(tr, 'no stores', 'muted');
      tr.firstChild.colSpan = 6;
      body.appendChild(tr);
      return;
    }
    const stores = m.stores.slice().sort((a, b) => a.name.localeCompare(b.name) || (a.role === 'master' ? -1 : 1)
      || a.endpoint.localeCompare(b.endpoint, 'en', { numeric: true }));
    for (const s of stores) {
      const tr = document.createElement('tr');
      tr.dataset.store = s.name;
      tr.dataset.role = s.role;
      tr.dataset.rate = s.rate.toFixed(3);
      cell(tr, s.name);
      cell(tr, s.endpoint);
      const role = document.createElement('span');
      role.className = 'role ' + s.role;
      role.textContent = s.role === 'master' ? `master, ${s.clones} clone${s.clones === 1 ? '' : 's'}` : 'clone';
      cell(tr, role);
      cell(tr, fmtInt(s.entries), 'num');
      cell(tr, fmtRate(s.rate), 'num');
      cell(tr, s.role === 'master' ? fmtInt(s.unacked) : s.lag == null ? (s.master ? '?' : 'no master') : fmtInt(s.lag), 'num');
      body.appendChild(tr);
    }
  }

  function drawEvents(m) {
    const list = $('events');
    list.textContent = '';
    if (!m.events.length) {
      const li = document.createElement('li');
      li.className = 'muted';
      li.textContent = 'none yet';
      list.appendChild(li);
      return;
    }
    for (const e of m.events.slice(0, 60)) {
      const li = document.createElement('li');
      const time = document.createElement('span');
      time.className = 'muted';
      time.textContent = new Date(e.time).toLocaleTimeString('en-GB');
      const code = document.createElement('span');
      code.className = 'code ' + e.code;
      code.textContent = e.code;
      const what = document.createElement('span');
      what.textContent = `${e.endpoint} ↔ ${shortName(e.peer)}: ${e.message}` + (e.error !== 'none' ? ` (${e.error})` : '')
        + (e.count > 1 ? ` ×${e.count}` : '');
      li.append(time, code, what);
      list.appendChild(li);
    }
  }

  function render(m) {
    drawCards(m);
    drawGraph(m);
    drawStores(m);
    drawEvents(m);
    $('time').textContent = new Date(m.time).toLocaleTimeString('en-GB');
    document.body.dataset.state = 'live';
    $('state').textContent = 'live';
  }

  function connect() {
    const source = new EventSource('v1/status/live');
    source.addEventListener('snapshot', (ev) => {
      lastMessage = Date.now();
      render(JSON.parse(ev.data));
    });
    source.onerror = () => {
      document.body.dataset.state = 'lost';
      $('state').textContent = 'reconnecting…';
    };
  }

  setInterval(() => {
    if (lastMessage && Date.now() - lastMessage > 5000 && document.body.dataset.state === 'live') {
      document.body.dataset.state = 'lost';
      $('state').textContent = 'no update for ' + Math.round((Date.now() - lastMessage) / 1000) + ' s';
    }
  }, 1000);
  connect();
})();
