/**
 * The page's own script: draws every chart spec (chart-specs.ts) with uPlot. Kept as plain
 * browser JavaScript in a string, not as a compiled function, so that neither tsc nor Vitest's
 * transform can put a helper or an import into the text that ends up in the page. The browser
 * test runs it in Chromium.
 */
export const CHART_SCRIPT = String.raw`
(() => {
  'use strict';
  const specs = JSON.parse(document.getElementById('chart-specs').textContent);
  const HEIGHT = 270;
  const number = (value, digits) => value.toLocaleString('en-US', { maximumFractionDigits: digits });
  const msDigits = (value) => (value < 1 ? 3 : value < 10 ? 2 : value < 100 ? 1 : 0);
  const FORMATS = {
    ms: (value) => number(value, msDigits(value)) + ' ms',
    count: (value) => number(value, 0),
    percent: (value) => number(value, 1) + '%',
    mb: (value) => number(value, 0) + ' MB',
    second: (value) => number(value, 0) + ' s',
  };
  const AXIS = { stroke: '#52606d', font: '11px system-ui, sans-serif', labelFont: '600 12px system-ui, sans-serif', grid: { stroke: '#e8ecf0', width: 1 }, ticks: { stroke: '#cfd6dd', width: 1, size: 4 } };
  const withAlpha = (hex, alpha) => hex + Math.round(alpha * 255).toString(16).padStart(2, '0');

  // The percentile axis has fixed ticks (min, p50, p90, ... max) that the legend shows too.
  function percentileX(spec) {
    const labels = new Map(spec.x.ticks.map((tick) => [tick.value, tick.label]));
    const label = (value) => labels.get(value) ?? 'p' + number(100 - 100 / 10 ** value, 3);
    return {
      scale: { time: false, range: () => [0, spec.x.max] },
      axis: { splits: () => spec.x.ticks.map((tick) => tick.value), values: (u, splits) => splits.map(label) },
      format: label,
    };
  }

  // A log axis labels only its powers of ten; uPlot leaves the minor ticks null.
  const logValues = (u, splits) => splits.map((value) => (value == null ? '' : number(value, msDigits(value))));
  // Seconds are whole: no tick at 2.5 s.
  const SECOND_INCREMENTS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600];

  function numericX(spec) {
    return {
      scale: spec.x.log ? { time: false, distr: 3, log: 10 } : { time: false },
      axis: spec.x.log ? { values: logValues } : spec.x.unit === 'second' ? { incrs: SECOND_INCREMENTS } : {},
      format: FORMATS[spec.x.unit],
    };
  }

  // The legend shows values only while the cursor is on the plot; otherwise it is a key of the lines.
  const markHovering = (u) => u.root.classList.toggle('is-hovering', u.cursor.left >= 0);
  const markerDash = (u, index) => {
    const dash = u.series[index].dash;
    return !dash ? 'solid' : dash[0] <= 2 ? 'dotted' : 'dashed';
  };

  function options(spec, width) {
    const x = spec.x.unit === 'percentile' ? percentileX(spec) : numericX(spec);
    const formatY = FORMATS[spec.y.unit];
    return {
      width,
      height: HEIGHT,
      scales: {
        x: x.scale,
        // Linear values start at 0, so that a line twice as high is twice as slow.
        y: spec.y.log ? { distr: 3, log: 10 } : { range: (u, min, max) => [0, max > 0 ? uPlot.rangeNum(0, max, 0.1, true)[1] : 1] },
      },
      axes: [
        { ...AXIS, label: spec.x.label, labelSize: 20, size: 34, ...x.axis },
        { ...AXIS, label: spec.y.label, labelSize: 20, size: 56, ...(spec.y.log ? { values: logValues } : {}) },
      ],
      cursor: { drag: { x: true, y: false } },
      legend: { live: true, markers: { width: 2, dash: markerDash } },
      hooks: { setCursor: [markHovering] },
      series: [
        { label: spec.x.label, value: (u, value) => (value == null ? '–' : x.format(value)) },
        ...spec.series.map((series) => ({
          label: series.label,
          stroke: series.color,
          width: series.width,
          ...(series.dash ? { dash: series.dash } : {}),
          ...(series.fill ? { fill: withAlpha(series.color, 0.16) } : {}),
          ...(spec.steps ? { paths: uPlot.paths.stepped({ align: 1 }) } : {}),
          points: { show: series.points === true, size: 6, fill: series.color },
          spanGaps: true,
          value: (u, value) => (value == null ? '–' : formatY(value)),
        })),
      ],
    };
  }

  const plots = specs.map((spec) => {
    const container = document.getElementById(spec.id);
    return { container, plot: new uPlot(options(spec, container.clientWidth), spec.data, container) };
  });

  let pending = 0;
  window.addEventListener('resize', () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => plots.forEach(({ container, plot }) => plot.setSize({ width: container.clientWidth, height: HEIGHT })));
  });
  document.documentElement.dataset.chartsRendered = String(plots.length);
})();
`;
