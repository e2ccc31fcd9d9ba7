/**
 * The page's flame-graph script: draws every flame spec (profile-html.ts) with d3-flame-graph
 * and wires each search box to its graph. Plain browser JavaScript in a string, as the chart
 * script is, so that no compiler helper ends up in the page. The browser test runs it in Chromium.
 */
export const FLAME_SCRIPT = String.raw`
(() => {
  'use strict';
  const specs = JSON.parse(document.getElementById('flame-specs').textContent);
  const charts = new Map();
  for (const spec of specs) {
    const element = document.getElementById(spec.id);
    if (!element) continue;
    const chart = flamegraph.default()
      .width(Math.max(320, element.clientWidth || 960))
      .cellHeight(18)
      .minFrameSize(2)
      .transitionDuration(0)
      .title('')
      .setDetailsElement(document.getElementById(spec.id + '-details'));
    if (spec.differential) chart.setColorMapper(flamegraph.colorMapper.differentialColorMapper);
    d3.select(element).datum(spec.data).call(chart);
    charts.set(spec.id, chart);
  }
  for (const input of document.querySelectorAll('input.flame-search')) {
    input.addEventListener('input', () => {
      const chart = charts.get(input.dataset.flame);
      if (!chart) return;
      if (input.value.trim() === '') {
        chart.clear();
        // The library keeps showing the last search's share after a clear: the line is emptied here.
        const details = document.getElementById(input.dataset.flame + '-details');
        if (details) details.textContent = '';
      } else chart.search(input.value.trim());
    });
  }
})();
`;
