// A notification in the user's language, written from its type and detail (the server's
// NotificationDetail: request, leg, area, programme, status before and after, rule, cause), never
// from the server's English `message`, which is shown only for a type this UI does not know.
import { useEffect, useState } from 'preact/hooks';
import { get } from './api';
import { t, tx, type Key } from './i18n';
import { areaName, type AppState } from './state';
import type { Notification, Programme } from './types';

/** Programme id -> name, for the activity notifications (their detail names only the id). */
export type ProgrammeNames = Record<string, string>;

let programmeNames: Promise<ProgrammeNames> | null = null;

function loadProgrammeNames(): Promise<ProgrammeNames> {
  programmeNames ??= get<{ items: Programme[] }>('/programmes')
    .then((r) => Object.fromEntries(r.items.map((p) => [p.id, p.name])))
    .catch(() => {
      programmeNames = null; // tried again next time; the ids stand in meanwhile
      return {};
    });
  return programmeNames;
}

/** The names of the programmes the notifications are about, read once when one is; null while
 * they are read, so a list can wait rather than show ids that turn into names a moment later. */
export function useProgrammeNames(items: Notification[] | null | undefined): ProgrammeNames | null {
  const [names, setNames] = useState<ProgrammeNames | null>(null);
  const needed = !!items?.some((n) => n.type === 'activity_changed' || n.type === 'acceptance_voided');
  useEffect(() => {
    if (needed && !names) loadProgrammeNames().then(setNames);
  }, [needed]);
  return needed ? names : {};
}

/** Where the notification leads: the activity, or the clearance request. */
export function notificationLink(n: Notification): string {
  if (n.type === 'activity_changed' || n.type === 'acceptance_voided')
    return '/activities/' + encodeURIComponent(n.detail.programme_id ?? n.object_id.replace(/^act_/, ''));
  return '/clearances/' + encodeURIComponent(n.detail.request_id ?? n.object_id);
}

/** What changed, in the user's language. The detail carries no leg dates, no approver and no
 * comment (clearance_decided), and no area for clearance_decided: the sentences go without them. */
export function notificationText(app: AppState, n: Notification, programmes: ProgrammeNames): string {
  const d = n.detail;
  switch (n.type) {
    case 'clearance_changed':
      return t('chg.clearance_changed', {
        area: d.area_id ? areaName(app, d.area_id) : '',
        before: tx('legst', d.before),
        after: tx('legst', d.after),
      });
    case 'clearance_decided':
      if (d.after === 'approved') return t('chg.clearance_approved');
      if (d.after === 'refused') return t('chg.clearance_refused');
      return t('chg.clearance_decided', { after: tx('legst', d.after) });
    case 'activity_changed': {
      const id = d.programme_id ?? '';
      return t('chg.activity_changed', {
        name: programmes[id] ?? id,
        before: tx('actst', d.before),
        after: tx('actst', d.after),
      });
    }
    case 'acceptance_voided': {
      const id = d.programme_id ?? '';
      return t('chg.acceptance_voided', { name: programmes[id] ?? id, why: tx('acc.state', d.cause ?? '') });
    }
    default:
      // A type this UI does not know (a server newer than the UI): its English wording, as sent.
      return n.message;
  }
}

/** Why it changed (the cause is "<kind>:<id>"), in the user's language; "" when unknown. */
export function notificationCause(n: Notification): string {
  const c = (n.detail.cause ?? '').split(':')[0];
  if (!c) return '';
  const key = ('chgc.' + c) as Key;
  const s = t(key);
  return s === key ? '' : s;
}

/** The rule that decided a re-decided leg, in the user's language; "" when there is none. */
export function notificationRule(n: Notification): string {
  return n.type === 'clearance_changed' && n.detail.rule ? tx('rule', n.detail.rule) : '';
}
