// The events submitter page: submit an event, browse recent ones by tag, and see them over a metric.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';
  const params = new URLSearchParams(location.search);
  const tokenRequired = document.body.dataset.tokenRequired === 'true';
  let knownTags = [];

  if (tokenRequired) {
    $('token-row').hidden = false;
  }

  function setStatus(text, kind) {
    const status = $('status');
    status.textContent = text;
    status.className = kind || '';
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(url + ': HTTP ' + response.status);
    }
    return response.json();
  }

  // --- tags and their autocomplete -------------------------------------------------------------------------
  async function loadTags() {
    try {
      knownTags = (await getJson('/events/tags')).map((t) => t.tag);
    } catch (e) {
      knownTags = [];
    }
    fillOptions($('filter-suggestions'), knownTags);
    suggestTags();
  }

  function fillOptions(list, values) {
    list.replaceChildren(...values.slice(0, 50).map((v) => {
      const option = document.createElement('option');
      option.value = v;
      return option;
    }));
  }

  // The tags field holds several words: suggest completions of the word being typed, keeping the ones before it.
  function suggestTags() {
    const value = $('tags').value;
    const cut = value.lastIndexOf(' ') + 1;
    const before = value.slice(0, cut);
    const word = value.slice(cut);
    const taken = new Set(before.split(/\s+/));
    const matches = knownTags.filter((t) => t.startsWith(word) && !taken.has(t));
    fillOptions($('tag-suggestions'), matches.map((t) => before + t));
  }

  // --- submitting --------------------------------------------------------------------------------------------
  async function submitEvent(event) {
    event.preventDefault();
    const what = $('what').value.trim();
    if (!what) {
      setStatus('Say what happened first.', 'bad');
      $('what').setAttribute('aria-invalid', 'true');
      $('what').focus();
      return;
    }
    $('what').removeAttribute('aria-invalid');
    const body = { what: what, tags: $('tags').value.split(/\s+/).filter(Boolean), data: $('data').value };
    if ($('when').value) {
      const when = new Date($('when').value).getTime();
      if (Number.isNaN(when)) {
        setStatus('That time is not valid.', 'bad');
        $('when').focus();
        return;
      }
      body.when = when / 1000;
    }
    const headers = { 'Content-Type': 'application/json' };
    if (tokenRequired && $('token').value) {
      headers.Authorization = 'Bearer ' + $('token').value;
    }
    $('submit').disabled = true;
    setStatus('Submitting…');
    try {
      const response = await fetch('/events/', { method: 'POST', headers: headers, body: JSON.stringify(body) });
      if (!response.ok) {
        let reason = 'HTTP ' + response.status;
        try {
          reason = (await response.json()).error || reason;
        } catch (ignored) {
          // not JSON: keep the status
        }
        setStatus('Not submitted: ' + reason, 'bad');
        return;
      }
      setStatus('Submitted “' + what + '”.', 'ok');
      $('what').value = '';
      $('data').value = '';
      $('when').value = '';
      await Promise.all([loadTags(), loadRecent(), drawGraph()]);
      $('what').focus();
    } catch (e) {
      setStatus('Not submitted: ' + e.message, 'bad');
    } finally {
      $('submit').disabled = false;
    }
  }

  // --- recent events -----------------------------------------------------------------------------------------
  function eventsUrl(from, tag) {
    let url = '/events/get_data?from=' + encodeURIComponent(from) + '&until=now';
    if (tag) {
      url += '&tags=' + encodeURIComponent(tag) + '&set=union';
    }
    return url;
  }

  async function loadRecent() {
    const tag = $('filter').value.trim();
    let events = [];
    try {
      events = await getJson(eventsUrl('-30d', tag));
    } catch (e) {
      events = [];
    }
    const newest = events.slice(-50).reverse();
    $('recent').replaceChildren(...newest.map(renderEvent));
    const empty = $('recent-empty');
    empty.hidden = newest.length > 0;
    empty.textContent = tag ? 'No events tagged “' + tag + '” in the last 30 days.' : 'No events yet in the last 30 days.';
  }

  function renderEvent(e) {
    const li = document.createElement('li');
    li.dataset.id = e.id;
    const time = document.createElement('time');
    const date = new Date(e.when * 1000);
    time.dateTime = date.toISOString();
    time.textContent = date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
    const head = document.createElement('div');
    const what = document.createElement('span');
    what.className = 'what';
    what.textContent = e.what;
    head.append(what);
    for (const tag of e.tags) {
      const chip = document.createElement('button');
      chip.type = 'button';
      chip.className = 'chip';
      chip.textContent = tag;
      chip.title = 'Show only events tagged ' + tag;
      chip.addEventListener('click', () => {
        $('filter').value = tag;
        loadRecent();
      });
      head.append(chip);
    }
    li.append(time, head);
    if (e.data) {
      const data = document.createElement('div');
      data.className = 'data';
      data.textContent = e.data;
      li.append(data);
    }
    return li;
  }

  // --- the graph ---------------------------------------------------------------------------------------------
  function el(name, attrs, text) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) {
      node.setAttribute(k, v);
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function timeLabel(seconds, span) {
    const d = new Date(seconds * 1000);
    return span > 2 * 86400 ? d.toLocaleDateString([], { month: 'short', day: 'numeric' })
      : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function numberLabel(v) {
    const a = Math.abs(v);
    if (a >= 1e9) return (v / 1e9).toFixed(1) + 'G';
    if (a >= 1e6) return (v / 1e6).toFixed(1) + 'M';
    if (a >= 1e3) return (v / 1e3).toFixed(1) + 'k';
    return Number.isInteger(v) ? String(v) : v.toFixed(2);
  }

  async function drawGraph() {
    const metric = $('metric').value.trim();
    const range = $('range').value;
    const now = Date.now() / 1000;
    let series = null;
    let message = '';
    if (metric) {
      try {
        const data = await getJson('/render?format=json&from=' + encodeURIComponent(range) + '&until=now&target='
          + encodeURIComponent(metric));
        series = data[0] || null;
        message = series ? series.target : 'No data for ' + metric + '.';
      } catch (e) {
        message = 'Could not draw ' + metric + ': ' + e.message;
      }
    }
    let events = [];
    try {
      events = await getJson(eventsUrl(range, ''));
    } catch (e) {
      events = [];
    }
    const points = series ? series.datapoints : [];
    const t0 = points.length ? points[0][1] : now + rangeSeconds(range);
    // up to now, so an event just submitted (newer than the last stored point) is drawn too
    const t1 = Math.max(points.length ? points[points.length - 1][1] : now, now);
    render(points, events, t0, Math.max(t1, t0 + 1));
    const shown = events.filter((e) => e.when >= t0 && e.when <= t1);
    $('graph-caption').textContent = (message || 'No metric chosen: the events alone.') + ' · ' + shown.length
      + (shown.length === 1 ? ' event' : ' events') + ' drawn as orange markers.';
    $('legend').replaceChildren(...shown.slice(-6).reverse().map((e) => {
      const li = document.createElement('li');
      const time = document.createElement('time');
      time.dateTime = new Date(e.when * 1000).toISOString();
      time.textContent = timeLabel(e.when, t1 - t0);
      li.append(time, document.createTextNode(' ' + e.what));
      return li;
    }));
  }

  function rangeSeconds(range) {
    const m = /^-(\d+)([hd])$/.exec(range);
    return m ? -Number(m[1]) * (m[2] === 'h' ? 3600 : 86400) : -21600;
  }

  // Redraw when the page crosses the phone breakpoint: the margins and label sizes differ.
  let lastDrawn = null;
  window.matchMedia('(max-width: 760px)').addEventListener('change', () => {
    if (lastDrawn) {
      render(...lastDrawn);
    }
  });

  function render(points, events, t0, t1) {
    lastDrawn = [points, events, t0, t1];
    const svg = $('graph');
    // the value labels grow on a phone (see .tick in the CSS), so the left margin grows with them
    const narrow = window.matchMedia('(max-width: 760px)').matches;
    const W = 640, H = 300, L = narrow ? 86 : 52, R = 14, T = 14, B = 28;
    const values = points.map((p) => p[0]).filter((v) => v !== null);
    let lo = values.length ? Math.min(...values) : 0;
    let hi = values.length ? Math.max(...values) : 1;
    if (lo === hi) {
      lo -= 1;
      hi += 1;
    }
    const pad = (hi - lo) * 0.08;
    lo -= pad;
    hi += pad;
    const x = (t) => L + (t - t0) / (t1 - t0) * (W - L - R);
    const y = (v) => T + (hi - v) / (hi - lo) * (H - T - B);
    const nodes = [];
    for (let i = 0; i <= 4; i++) {
      const v = lo + (hi - lo) * i / 4;
      nodes.push(el('line', { class: 'axis', x1: L, x2: W - R, y1: y(v), y2: y(v) }));
      nodes.push(el('text', { class: 'tick', x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, values.length ? numberLabel(v) : ''));
    }
    for (let i = 0; i <= 4; i++) {
      const t = t0 + (t1 - t0) * i / 4;
      nodes.push(el('text', { class: 'tick', x: x(t), y: H - 8, 'text-anchor': i === 0 ? 'start' : i === 4 ? 'end' : 'middle' },
        timeLabel(t, t1 - t0)));
    }
    let d = '';
    let pen = false;
    for (const [v, t] of points) {
      if (v === null) {
        pen = false;
        continue;
      }
      d += (pen ? ' L' : ' M') + x(t).toFixed(1) + ' ' + y(v).toFixed(1);
      pen = true;
    }
    if (d) {
      nodes.push(el('path', { class: 'series', d: d.trim() }));
    }
    for (const e of events) {
      if (e.when < t0 || e.when > t1) continue;
      const g = el('g', { class: 'event-marker' });
      g.append(el('title', {}, new Date(e.when * 1000).toLocaleString() + ' — ' + e.what
        + (e.tags.length ? ' [' + e.tags.join(' ') + ']' : '')));
      g.append(el('line', { class: 'marker', x1: x(e.when), x2: x(e.when), y1: T, y2: H - B }));
      g.append(el('circle', { class: 'marker-dot', cx: x(e.when), cy: T, r: 4 }));
      nodes.push(g);
    }
    svg.replaceChildren(...nodes);
  }

  // --- metric suggestions ------------------------------------------------------------------------------------
  async function suggestMetrics() {
    const value = $('metric').value;
    const base = value.slice(0, value.lastIndexOf('.') + 1);
    try {
      const nodes = await getJson('/metrics/find?query=' + encodeURIComponent(base + '*'));
      fillOptions($('metric-suggestions'), nodes.map((n) => n.id + (n.leaf ? '' : '.')));
    } catch (e) {
      // suggestions are a nicety
    }
  }

  $('event-form').addEventListener('submit', submitEvent);
  $('tags').addEventListener('input', suggestTags);
  $('filter').addEventListener('input', loadRecent);
  $('filter-form').addEventListener('submit', (e) => {
    e.preventDefault();
    loadRecent();
  });
  $('graph-form').addEventListener('submit', (e) => {
    e.preventDefault();
    drawGraph();
  });
  $('range').addEventListener('change', drawGraph);
  $('metric').addEventListener('input', suggestMetrics);
  if (params.get('metric')) {
    $('metric').value = params.get('metric');
  }
  if (params.get('range')) {
    $('range').value = params.get('range');
  }
  loadTags();
  loadRecent();
  drawGraph();
  suggestMetrics();
}());
