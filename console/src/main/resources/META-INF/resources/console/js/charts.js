// Charts through Chart.js (the npm package, served from the console's own jar as vendor/chart.js).

import { el, notice } from './ui.js';

const PALETTE = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#0a7b83', '#6e7781'];

export function color(index) {
  return PALETTE[index % PALETTE.length];
}

function canvasFor(label, options) {
  if (!window.Chart) {
    return { node: notice('warn', 'Charts are not available: the chart library did not load.'), canvas: null };
  }
  const canvas = el('canvas', { role: 'img', 'aria-label': label });
  const node = el('figure', { class: 'chart' + (options.small ? ' small' : '') },
    el('div', { class: 'chart-box' }, canvas), el('figcaption', {}, label));
  return { node, canvas };
}

function baseOptions(xTitle, yTitle, extra = {}) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    parsing: extra.parsing,
    plugins: { legend: { position: 'bottom' } },
    scales: {
      x: { type: extra.xType || 'linear', title: { display: !!xTitle, text: xTitle }, min: extra.xMin, max: extra.xMax },
      y: { title: { display: !!yTitle, text: yTitle }, min: extra.yMin, max: extra.yMax, beginAtZero: extra.beginAtZero },
    },
  };
}

/**
 * Lines through points: series = [{label, points: [{x, y}]}]. A y of null leaves a gap. With unit both axes run 0-1;
 * xMin and xMax pin the x axis (a time window keeps its width while it fills).
 */
export function lineChart(label, series, { xTitle, yTitle, unit = false, small = false, xMin, xMax, beginAtZero } = {}) {
  const { node, canvas } = canvasFor(label, { small });
  if (canvas) {
    const limits = unit ? { xMin: 0, xMax: 1, yMin: 0, yMax: 1 } : { xMin, xMax, beginAtZero };
    new window.Chart(canvas, {
      type: 'line',
      data: {
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.points,
          borderColor: color(s.colorIndex ?? i),
          backgroundColor: color(s.colorIndex ?? i),
          // a dense line needs no dots; a sparse one (gaps where nothing happened) would show none without them
          pointRadius: s.points.filter(p => p.y !== null && p.y !== undefined).length > 40 ? 0 : 2,
          borderWidth: 2,
          borderDash: s.dashed ? [6, 4] : undefined,
          tension: 0,
        })),
      },
      options: baseOptions(xTitle, yTitle, limits),
    });
  }
  return node;
}

/**
 * Bars by category: labels on x, one dataset per series = [{label, values}]. With byBar, each bar takes the colour
 * of its label (runs compared keep the colours they have everywhere else) and the legend is left out.
 */
export function barChart(label, labels, series, { horizontal = false, xTitle, yTitle, small = false, byBar = false } = {}) {
  const { node, canvas } = canvasFor(label, { small });
  if (canvas) {
    const options = baseOptions(xTitle, yTitle, { xType: horizontal ? 'linear' : 'category', beginAtZero: true });
    if (byBar) {
      options.plugins.legend.display = false;
    }
    if (horizontal) {
      options.indexAxis = 'y';
      options.scales.y.type = 'category';
    }
    new window.Chart(canvas, {
      type: 'bar',
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.values,
          backgroundColor: byBar ? labels.map((_, j) => color(j) + 'cc') : color(s.colorIndex ?? i) + 'cc',
          borderColor: byBar ? labels.map((_, j) => color(j)) : color(s.colorIndex ?? i),
          borderWidth: 1,
        })),
      },
      options,
    });
  }
  return node;
}

/** Frees the charts drawn inside a node before it is emptied, so a panel redrawn every few seconds holds no old ones. */
export function releaseCharts(node) {
  if (!window.Chart) {
    return;
  }
  for (const canvas of node.querySelectorAll('canvas')) {
    const chart = window.Chart.getChart(canvas);
    if (chart) {
      chart.destroy();
    }
  }
}
