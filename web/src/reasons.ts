// Why a decision came out as it did, in the user's language. The server sends each reason as a
// stable code (domain/decisions.cpp, domain/acceptability.cpp) with an English message; the UI
// writes the sentence for the code from the record's own fields (a leg's dates, SRA ids, residual
// risk, PC; an activity decision's residual, current risk, PC, EGS decision); the SRAs and EGS
// decisions a reason points at are named by their titles (sent beside their ids), never by id. The English message
// is shown only for a code this UI does not know yet (a newer server).
import { fmtDate, t, tx, type Key } from './i18n';
import { egsName, sraName } from './names';
import type { ActivityDecision, Leg, Method, Reason, SraAcceptability } from './types';

type Vars = Record<string, string | number>;
/** A code's catalog key and the values it is filled with, read from the record. */
type Render<R> = (rec: R, m: Method) => [Key, Vars?];

function limitOf(m: Method, pc: number): string {
  return tx('level', m.pc_max_acceptable?.['PC' + pc] ?? '');
}

function level(name: string | null | undefined): string {
  return tx('level', name ?? '');
}

// ---- clearance legs (domain::DecideLeg) ----

const legWindow = (l: Leg) => ({ from: fmtDate(l.from), to: fmtDate(l.to) });

const LEG: Record<string, Render<Leg>> = {
  // The EGS decision is named by its area and window, which the server sends beside its id.
  egs_no_go: (l) => ['legr.egs_no_go', { id: egsName(l.egs_decision_name) }],
  no_egs_no_go: (l) => ['legr.no_egs_no_go', legWindow(l)],
  no_sra: () => ['legr.no_sra'],
  // The SRA's review date and period are not on the leg: the sentences name the leg's own dates.
  sra_expired: (l) => ['legr.sra_expired', { sra: sraName(l.sra_title), to: fmtDate(l.to) }],
  sra_out_of_period: (l) => ['legr.sra_out_of_period', { sra: sraName(l.sra_title), ...legWindow(l) }],
  // Where the PC comes from (issue 14: never declared): the leg's pc and dates.
  pc_assessed: (l) => ['legr.pc_assessed', { pc: 'PC' + l.pc }],
  no_programme: () => ['legr.no_programme'],
  no_pc_assessment: () => ['legr.no_pc_assessment'],
  pc_assessment_not_yet_valid: () => ['legr.pc_assessment_not_yet_valid'],
  pc_assessment_expired: (l) => ['legr.pc_assessment_expired', { to: fmtDate(l.to) }],
  pc1_unconfirmed: () => ['legr.pc1_unconfirmed'],
  sra_current: (l) => ['legr.sra_current', { sra: sraName(l.sra_title) }],
  // The leg names a specific SRA once the area's residual sent it there: then the residual is its.
  unacceptable: (l) =>
    [l.specific_sra_id ? 'legr.unacceptable_specific' : 'legr.unacceptable', { residual: level(l.residual_risk) }],
  specific_sra_required: (l) => ['legr.specific_sra_required', { residual: level(l.residual_risk) }],
  // The out-of-scope specific SRA is not recorded on the leg (specific_sra_id stays empty).
  specific_sra_out_of_scope: (l) => ['legr.specific_sra_out_of_scope', legWindow(l)],
  // The SRA is named by its title (names.ts), the approval by the SRA it approves; the area's own
  // residual is not on the leg once the specific SRA's replaced it.
  specific_sra_approved: (l) => [
    'legr.specific_sra_approved',
    { sra: sraName(l.specific_sra_title), residual: level(l.residual_risk) },
  ],
  within_limit: (l, m) => ['actr.within_limit', { residual: level(l.residual_risk), pc: 'PC' + l.pc, limit: limitOf(m, l.pc) }],
  not_acceptable: (l, m) => [
    // Above the PC's limit a leg is blocked (acceptable to nobody); legs recorded before issue 14
    // may still name the executive office as their approver.
    l.approver_role === 'executive_office' ? 'legr.not_acceptable_executive' : 'legr.not_acceptable_cell',
    { residual: level(l.residual_risk), pc: 'PC' + l.pc, limit: limitOf(m, l.pc) },
  ],
  pc_assessment_required: (l) => ['legr.pc_assessment_required', { residual: level(l.residual_risk), pc: 'PC' + l.pc }],
  // SRM-METHOD.md 7a: from High the activity's signed acceptance must stand over the leg.
  acceptance_required: (l) => ['legr.acceptance_required', { residual: level(l.residual_risk), pc: 'PC' + l.pc, to: fmtDate(l.to) }],
  acceptance_in_force: (l) => ['legr.acceptance_in_force', { residual: level(l.residual_risk), ...legWindow(l) }],
  cleared: (l) => ['legr.cleared', legWindow(l)],
};

// ---- acceptable risk per activity (domain::DecideActivity) ----

const actVars = (a: ActivityDecision, m: Method): Vars => ({
  residual: level(a.residual_risk),
  current: level(a.current_risk),
  pc: 'PC' + a.pc,
  limit: limitOf(m, a.pc),
});

const ACTIVITY: Record<string, Render<ActivityDecision>> = {
  // As for legs, the EGS decision is named by its area and window (sent by the server).
  egs_no_go: (a) => ['actr.egs_no_go', { id: egsName(a.egs_decision_name) }],
  no_sra: () => ['actr.no_sra'],
  within_limit: (a, m) => ['actr.within_limit', actVars(a, m)],
  above_limit: (a, m) => ['actr.above_limit', actVars(a, m)],
  unacceptable: (a, m) => ['actr.unacceptable', actVars(a, m)],
  never_overridden: () => ['actr.never_overridden'],
  sra_expired: () => ['actr.sra_expired'],
  pc_assessed: (a, m) => ['actr.pc_assessed', actVars(a, m)],
  pc_assessment_required: (a, m) => ['actr.pc_assessment_required', actVars(a, m)],
  exec_approved: (a, m) => ['actr.exec_approved', { ...actVars(a, m), residual: level(a.exec_approval?.residual ?? a.residual_risk) }],
  exec_approval_required: (a, m) => ['actr.exec_approval_required', actVars(a, m)],
  measures_required: (a, m) => ['actr.measures_required', actVars(a, m)],
  accepted: (a, m) => ['actr.accepted', actVars(a, m)],
  acceptance_required: (a, m) => ['actr.acceptance_required', actVars(a, m)],
  judged_on_all_scenarios: () => ['actr.judged_on_all_scenarios'],
  judged_on_linked_scenarios: () => ['actr.judged_on_linked_scenarios'],
};

// ---- acceptable risk per assessed activity of an SRA (domain::AcceptableFor) ----

type Assessed = SraAcceptability & { pc: number };

const accVars = (a: Assessed): Vars => ({ level: level(a.residual_risk), pc: 'PC' + a.pc, limit: level(a.limit) });

const ACCEPT: Record<string, Render<Assessed>> = {
  within_limit: (a) => ['acc.reason_within', accVars(a)],
  above_limit: (a) => ['acc.reason_above', accVars(a)],
  unacceptable: (a) => ['acc.reason_never', accVars(a)],
  never_overridden: () => ['actr.never_overridden'],
};

function render<R>(table: Record<string, Render<R>>, rec: R, m: Method, r: Reason): string {
  const fn = Object.prototype.hasOwnProperty.call(table, r.code) ? table[r.code] : undefined;
  // A code this UI does not know (a server newer than the UI): its English wording, as sent.
  if (!fn) return r.message;
  const [key, vars] = fn(rec, m);
  return t(key, vars);
}

/** A clearance leg's reason in the user's language. */
export function legReasonText(m: Method, leg: Leg, r: Reason): string {
  return render(LEG, leg, m, r);
}

/** An activity decision's reason in the user's language. */
export function activityReasonText(m: Method, a: ActivityDecision, r: Reason): string {
  return render(ACTIVITY, a, m, r);
}


/** The reason of the server's acceptability of an SRA's assessed activity, in the user's language. */
export function acceptabilityReasonText(m: Method, a: SraAcceptability, pc: number, r: Reason): string {
  return render(ACCEPT, { ...a, pc }, m, r);
}
