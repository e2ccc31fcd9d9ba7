// Targets × scenarios: every framework side by side, the way a comparison table of frameworks reads.
import { matrixCellText, targetsMatrix } from '../targets-matrix.ts';
import { escapeHtml } from './escape.ts';
import type { ReportEntry } from './report-model.ts';

/** The matrix section, when the run measured two targets or more; empty otherwise. */
export function renderTargetsMatrix(entries: ReportEntry[], colors: Map<string, string>): string {
  const matrix = targetsMatrix(entries);
  if (matrix.targets.length < 2) return '';
  const head = matrix.scenarios.map((scenario) => `<th>${escapeHtml(scenario)}</th>`).join('');
  const rows = matrix.targets.map((target) => {
    const cells = matrix.scenarios
      .map((scenario) => `<td class="num">${escapeHtml(matrixCellText(matrix.cell(target, scenario)))}</td>`)
      .join('');
    return `<tr><th scope="row"><span class="swatch" style="background:${colors.get(target) ?? '#5E5E5E'}"></span>${escapeHtml(target)}</th>${cells}</tr>`;
  });
  return `<section class="card matrix">
<h2>Targets × scenarios</h2>
<p>p95, then requests per second, each with its 95% interval over rounds; statements per request where counted.</p>
<div class="table-scroll"><table class="matrix-table">
<thead><tr><th>target</th>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
</section>`;
}
