/* charts.js: starts every chart on the page. Plain ES2017, no build step, no dependencies.

   The page loads ECharts (window.echarts, from the site itself) and then this file, both with `defer`. Each chart
   is a `.chart-canvas[data-chart]` box whose option is the JSON in the element named by data-chart. The theme's
   colours come from CSS custom properties (--chart-1 … --chart-8, --chart-seq-1 … --chart-seq-5, --chart-text,
   --chart-muted, --chart-grid, --chart-surface, and optionally --chart-empty), read at run time, and are given to
   ECharts as a theme: a colour the option sets always wins over the theme's.

   Without ECharts (blocked, or failed to load) the figure is left as it is, its summary and data table readable,
   and gets the class `chart-unavailable`. Nothing here fetches from another origin or writes to the console. */
(function () {
  'use strict';

  const root = document.documentElement;
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
  const darkScheme = window.matchMedia('(prefers-color-scheme: dark)');

  /* UI strings, when the page gives none (data-error on the canvas, data-copied / data-selected on the status). */
  const STRINGS = {
    en: {
      map: 'The map could not be loaded. The figures are in the data table.',
      chart: 'The chart could not be drawn. The figures are in the data table.',
      copied: 'Copied',
      selected: 'Selected: press Ctrl+C (⌘C on a Mac) to copy',
    },
    'zh-hant': {
      map: '無法載入地圖。數據見數據表。',
      chart: '無法繪製圖表。數據見數據表。',
      copied: '已複製',
      selected: '已選取：按 Ctrl+C（Mac 用 ⌘C）複製',
    },
    'zh-hans': {
      map: '无法加载地图。数据见数据表。',
      chart: '无法绘制图表。数据见数据表。',
      copied: '已复制',
      selected: '已选取：按 Ctrl+C（Mac 用 ⌘C）复制',
    },
  };
  const lang = (root.lang || 'en').toLowerCase();
  const strings = /^zh-(hant|hk|tw|mo)/.test(lang) ? STRINGS['zh-hant']
    : lang.startsWith('zh') ? STRINGS['zh-hans'] : STRINGS.en;
  const locale = lang.startsWith('zh') ? 'ZH' : 'EN'; // ECharts' built-in strings (month and day names, toolbox)
  const grouped = (() => { // 28830859 → 28,830,859
    try {
      return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
    } catch (e) { // a language tag Intl does not take
      return new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
    }
  })();

  /* ---- Theme: CSS custom properties → an ECharts theme object ---- */

  function themeFor(el) {
    const style = window.getComputedStyle(el);
    const v = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
    const list = (prefix, n) => {
      const out = [];
      for (let i = 1; i <= n; i++) {
        const c = v(prefix + i, '');
        if (c) out.push(c);
      }
      return out.length ? out : undefined; // undefined: ECharts' own default
    };
    const text = v('--chart-text', '#16202a');
    const muted = v('--chart-muted', '#4a5866');
    const grid = v('--chart-grid', '#e3e8ee');
    const surface = v('--chart-surface', '#ffffff');
    const empty = v('--chart-empty', grid);
    const halo = { textBorderColor: surface, textBorderWidth: 2 }; // keeps labels readable on any fill
    const font = style.fontFamily || 'sans-serif';
    const axis = {
      axisLine: { lineStyle: { color: muted } },
      axisTick: { lineStyle: { color: muted } },
      // The font named here too: grid.containLabel measures labels in the axis label's own font, and without it
      // long category names (a heat map's rows) were measured narrower than drawn and cut at the left edge.
      axisLabel: { color: muted, fontFamily: font },
      splitLine: { lineStyle: { color: [grid] } },
      minorSplitLine: { lineStyle: { color: grid } },
      nameTextStyle: { color: muted },
    };
    const region = { // a map series' or a geo component's areas
      itemStyle: { areaColor: empty, borderColor: surface, borderWidth: 0.75 },
      label: Object.assign({ color: text }, halo),
      // Hover and selection keep the area's (data) colour and outline it, instead of ECharts' yellow.
      emphasis: {
        label: Object.assign({ color: text }, halo),
        itemStyle: { areaColor: null, color: null, borderColor: text, borderWidth: 1.5 },
      },
      select: {
        label: Object.assign({ color: text }, halo),
        itemStyle: { areaColor: null, color: null, borderColor: text, borderWidth: 2 },
      },
    };
    const theme = {
      color: list('--chart-', 8),
      gradientColor: list('--chart-seq-', 5), // the default inRange colours of every visualMap
      backgroundColor: 'transparent',
      textStyle: { color: text, fontFamily: font },
      title: { textStyle: { color: text }, subtextStyle: { color: muted } },
      legend: {
        textStyle: { color: text }, inactiveColor: empty, // a series switched off
        pageTextStyle: { color: muted }, pageIconColor: text, pageIconInactiveColor: empty,
      },
      tooltip: { backgroundColor: surface, borderColor: grid, textStyle: { color: text } },
      axisPointer: {
        lineStyle: { color: muted }, crossStyle: { color: muted }, label: { color: surface, backgroundColor: text },
      },
      categoryAxis: axis,
      valueAxis: axis,
      logAxis: axis,
      timeAxis: axis,
      visualMap: { textStyle: { color: text }, inactiveColor: empty, borderColor: grid },
      calendar: {
        itemStyle: { color: surface, borderColor: grid },
        splitLine: { lineStyle: { color: muted } },
        dayLabel: { color: muted },
        monthLabel: { color: muted },
        yearLabel: { color: muted },
      },
      dataZoom: { textStyle: { color: muted }, borderColor: grid },
      toolbox: { iconStyle: { borderColor: muted } },
      line: { symbol: 'circle' }, // ECharts' hollow symbols are filled with white, whatever the background
      pie: { itemStyle: { borderColor: surface, borderWidth: 1 }, label: { color: text } },
      heatmap: { itemStyle: { borderColor: surface }, label: Object.assign({ color: text }, halo) },
      map: region,
      geo: region,
    };
    // Without the custom properties, ECharts' defaults: a key present but undefined would hide them.
    Object.keys(theme).forEach((k) => theme[k] === undefined && delete theme[k]);
    return theme;
  }

  /* ---- Maps: each GeoJSON fetched once per map name, from this site only ---- */

  const maps = new Map(); // map name → Promise

  function loadMap(name, url) {
    if (!maps.has(name)) {
      maps.set(name, new Promise((resolve, reject) => {
        const u = new URL(url, document.baseURI);
        if (u.origin !== window.location.origin) {
          reject(new Error('cross-origin map'));
          return;
        }
        fetch(u.href, { credentials: 'same-origin' })
          .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status))))
          .then((geojson) => {
            window.echarts.registerMap(name, geojson);
            resolve();
          })
          .catch(reject);
      }));
    }
    return maps.get(name);
  }

  /* ---- Charts ---- */

  const charts = []; // {el, json, chart}

  function figureOf(el) {
    return el.closest('figure') || el.parentElement;
  }

  // setHeight gives the box its height before anything is drawn, so that nothing moves when the chart appears.
  function setHeight(el) {
    const h = parseInt(el.dataset.height, 10);
    if (h > 0) el.style.height = Math.min(Math.max(h, 120), 1600) + 'px';
  }

  // fail replaces the box's content with a short message; the summary and data table stay.
  function fail(entry, kind) {
    if (entry.chart) {
      entry.chart.dispose();
      entry.chart = null;
    }
    const fig = figureOf(entry.el);
    if (fig) fig.classList.add('chart-failed');
    const p = document.createElement('p');
    p.className = 'chart-message';
    p.textContent = entry.el.dataset.error || strings[kind];
    entry.el.textContent = '';
    entry.el.appendChild(p);
  }

  function draw(entry) {
    try {
      const option = JSON.parse(entry.json); // a fresh copy each time: ECharts keeps references to it
      if (reducedMotion.matches) option.animation = false;
      [].concat(option.visualMap || []).forEach(vm => { // the scale's ends as numbers are written on the page
        if (vm && vm.formatter === undefined) vm.formatter = v => grouped.format(v);
      });
      if (entry.chart) entry.chart.dispose();
      entry.chart = window.echarts.init(entry.el, themeFor(entry.el), { renderer: 'canvas', locale: locale });
      entry.chart.setOption(option);
      const fig = figureOf(entry.el);
      if (fig) fig.classList.add('chart-ready');
    } catch (e) {
      fail(entry, 'chart');
    }
  }

  function start(el) {
    const source = document.getElementById(el.dataset.chart);
    const entry = { el: el, json: source ? source.textContent : '', chart: null };
    charts.push(entry);
    try {
      JSON.parse(entry.json);
    } catch (e) {
      fail(entry, 'chart');
      return;
    }
    const name = el.dataset.mapName;
    const url = el.dataset.mapUrl;
    if (name && url) {
      loadMap(name, url).then(() => draw(entry), () => fail(entry, 'map'));
    } else {
      draw(entry);
    }
    watchSize(entry);
  }

  // watchSize redraws at the new size when the box changes size (a rotated phone, a wider window).
  function watchSize(entry) {
    let pending = false;
    const resize = () => {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(() => { // outside the observer's callback: no "loop limit" error
        pending = false;
        if (entry.chart) entry.chart.resize();
      });
    };
    if ('ResizeObserver' in window) new ResizeObserver(resize).observe(entry.el);
    else window.addEventListener('resize', resize);
  }

  function redrawAll() {
    charts.forEach((entry) => {
      if (entry.chart) draw(entry);
    });
  }

  function startAll() {
    const boxes = Array.prototype.slice.call(document.querySelectorAll('.chart-canvas[data-chart]'));
    if (!window.echarts || typeof window.echarts.init !== 'function') {
      boxes.forEach((el) => {
        const fig = figureOf(el);
        if (fig) fig.classList.add('chart-unavailable');
      });
      return;
    }
    boxes.forEach(setHeight);
    const waiting = new Set(boxes);
    let io = null;
    const begin = (el) => {
      if (!waiting.delete(el)) return;
      if (io) io.unobserve(el);
      start(el);
    };
    if ('IntersectionObserver' in window) {
      // Charts start when they come near the viewport; the first screenful at once.
      io = new IntersectionObserver((entries) => {
        entries.forEach((e) => {
          if (e.isIntersecting) begin(e.target);
        });
      }, { rootMargin: '400px 0px' });
      boxes.forEach((el) => io.observe(el));
    }
    // The others start right after the page has loaded, one per task so that input stays responsive, so that a
    // jump to a link, find-in-page, a smooth scroll that skips past them or printing finds them drawn. (An idle
    // callback could wait seconds on a busy machine, and a reader or a checker would meet an empty box.)
    const startNext = () => {
      const next = waiting.values().next();
      if (next.done) return;
      begin(next.value);
      window.setTimeout(startNext, 0);
    };
    if (document.readyState === 'complete') window.setTimeout(startNext, 0);
    else window.addEventListener('load', () => window.setTimeout(startNext, 0), { once: true });
    window.addEventListener('beforeprint', () => waiting.forEach(begin));
    // New colours (light ↔ dark) or motion preference: draw again with the new theme.
    const onChange = (mq, fn) => (mq.addEventListener ? mq.addEventListener('change', fn) : mq.addListener(fn));
    onChange(darkScheme, redrawAll);
    onChange(reducedMotion, redrawAll);
  }

  /* ---- Copy buttons: <button type="button" data-copy="ID"> copies the text of #ID ---- */

  function statusFor(button) {
    for (let el = button.parentElement; el && el !== document.body; el = el.parentElement) {
      const s = el.querySelector('[data-copy-status]');
      if (s) return s;
    }
    const s = document.createElement('span'); // the page has none: make one, for screen readers
    s.setAttribute('data-copy-status', '');
    s.setAttribute('aria-live', 'polite');
    button.insertAdjacentElement('afterend', s);
    return s;
  }

  const timers = new WeakMap(); // status element → the timer that clears it

  function announce(status, message) {
    window.clearTimeout(timers.get(status));
    status.textContent = ''; // so that the same message is announced again
    timers.set(status, window.setTimeout(() => {
      status.textContent = message;
      timers.set(status, window.setTimeout(() => { status.textContent = ''; }, 5000));
    }, 50));
  }

  // selectText selects the source's text, for the visitor to copy, and tries the old copy command.
  function selectText(src) {
    if (src instanceof HTMLTextAreaElement || src instanceof HTMLInputElement) {
      src.focus();
      src.select();
    } else {
      const range = document.createRange();
      range.selectNodeContents(src);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
    try {
      return document.execCommand('copy');
    } catch (e) {
      return false;
    }
  }

  function copy(button) {
    const src = document.getElementById(button.dataset.copy);
    if (!src) return;
    const text = src instanceof HTMLTextAreaElement || src instanceof HTMLInputElement ? src.value : src.textContent;
    const status = statusFor(button);
    const done = (copied) => {
      announce(status, copied ? status.dataset.copied || strings.copied : status.dataset.selected || strings.selected);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(() => done(true), () => done(selectText(src)));
    } else {
      done(selectText(src));
    }
  }

  function startCopyButtons() {
    document.addEventListener('click', (ev) => {
      const button = ev.target instanceof Element && ev.target.closest('button[data-copy]');
      if (button) copy(button);
    });
    // Buttons a page hides until this script runs (they do nothing without it).
    document.querySelectorAll('button[data-copy][hidden]').forEach((b) => { b.hidden = false; });
  }

  function main() {
    startCopyButtons();
    startAll();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
  else main();
})();
