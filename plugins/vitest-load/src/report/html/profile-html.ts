// A scenario's CPU profiles: per profiled result a searchable flame graph, the frames with the
// most self time and, for a regressed A/B result, the differential view of what grew.
import type { FlameNode, SelfTime } from '../../measure/cpu-profile.ts';
import type { ProfileDetails } from '../../measure/profile-details.ts';
import { formatCount } from '../../format/format.ts';
import { escapeHtml } from './escape.ts';
import type { ReportEntry, ScenarioGroup } from './report-model.ts';

/** One flame graph the page's script draws into the element of its id. */
export interface FlameSpec {
  id: string;
  data: FlameNode;
  /** Coloured by each frame's `delta` (grew: red, shrank: blue) rather than by name. */
  differential: boolean;
}

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

function selfTable(frames: SelfTime[]): string {
  const rows = frames
    .slice(0, 10)
    .map(
      (entry) =>
        `<tr><td><code>${escapeHtml(entry.frame)}</code></td><td class="num">${percent(entry.share)}</td></tr>`,
    );
  return `<div class="table-scroll"><table class="self-table"><thead><tr><th>frame</th><th class="num">self time</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function grewTable(profile: ProfileDetails): string {
  const rows = (profile.grew ?? []).map(
    (entry) =>
      `<tr><td><code>${escapeHtml(entry.frame)}</code></td><td class="num">${percent(entry.baseShare)}</td><td class="num">${percent(entry.headShare)}</td><td class="num strong">+${percent(entry.growth)}</td></tr>`,
  );
  return `<div class="table-scroll"><table class="grew-table"><thead><tr><th>frame</th><th class="num">base</th><th class="num">head</th><th class="num">grew by</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** A flame graph's place on the page: its search box, the line the search writes into, the graph. */
const flameBlock = (id: string, className: string, caption: string): string =>
  `<figure class="${className}"><figcaption>${escapeHtml(caption)}</figcaption>
<label class="flame-search-label">Search frames <input type="search" class="flame-search" data-flame="${id}" placeholder="function or file"></label>
<p class="flame-details muted" id="${id}-details"></p><div class="flame" id="${id}"></div></figure>`;

function entryProfile(entry: ReportEntry, profile: ProfileDetails, id: string, specs: FlameSpec[]): string {
  const heading = `<h4>${escapeHtml(entry.target)}</h4>`;
  if (!profile.head)
    return `${heading}<p class="muted profile-unavailable">${escapeHtml(profile.unavailable ?? 'no profile')}</p>`;
  const overhead = profile.overhead
    ? `<p class="profile-overhead">The profiled round served ${formatCount(profile.overhead.profiledRequestsPerSecond)} req/s against the judged rounds' median ${formatCount(profile.overhead.judgedMedianRequestsPerSecond)}: profiler overhead ${percent(profile.overhead.slowdown)} on this run.</p>`
    : '';
  specs.push({ id, data: profile.head.flame, differential: false });
  const parts = [
    heading,
    overhead,
    flameBlock(id, 'flame-head', 'Where the CPU time went (head)'),
    selfTable(profile.head.topSelf),
  ];
  if (profile.differential) {
    specs.push({ id: `${id}-diff`, data: profile.differential, differential: true });
    parts.push(
      flameBlock(
        `${id}-diff`,
        'flame-differential',
        'Grew from base to head (self-time share): red grew, orange is new, blue shrank',
      ),
      `<h4>Frames that grew most</h4>${grewTable(profile)}`,
    );
  }
  return parts.join('\n');
}

/** The scenario's profiles, and the flame graphs they add to `specs` for the page's script. */
export function renderProfiles(group: ScenarioGroup, specs: FlameSpec[]): string {
  const blocks = group.entries.flatMap((entry, index) => {
    const profile = entry.details?.profile;
    return profile ? [entryProfile(entry, profile, `${group.id}-flame-${index + 1}`, specs)] : [];
  });
  if (blocks.length === 0) return '';
  return `<h3>CPU profile (an extra round, not judged)</h3><div class="profiles">${blocks.join('')}</div>`;
}
