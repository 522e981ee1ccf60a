// The state behind the wizard over an existing SRA: the document as the server has it, the form's
// edits over it (restored from a draft on this device when one was kept for the same revision),
// saving a step's fields, and merging the server's answer without losing edits made elsewhere.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, get, put } from '../../api';
import { useApp } from '../../state';
import { clearDraft, loadDraft, saveDraft } from '../../drafts';
import type { Sra } from '../../types';
import { fieldErrors, type Errors } from '../../components/ui';
import { HEADER_STEP_KEYS, SCEN_STEP_KEYS, changed, editOf, editsOf, headerOf, same, threatsWire, type Draft, type Header, type HeaderKey, type ScenEdit, type ScenKey } from './model';

export interface SraEditor {
  doc: Sra;
  hdr: Header;
  scn: Record<string, ScenEdit>;
  errors: Errors;
  saving: boolean;
  savedAt: Date | null;
  /** The form was filled from a draft kept on this device. */
  restored: boolean;
  /** A refusal that is not about a field (no right, conflict, offline): shown above the form. */
  actionError: unknown;
  /** The form differs from what the server has. */
  dirty: boolean;
  canEdit: boolean;
  setH: (f: (h: Header) => Header) => void;
  setS: (sid: string, f: (e: ScenEdit) => ScenEdit) => void;
  setActionError: (e: unknown) => void;
  /** Takes a document the server answered with outside a step save (a scenario added or removed). */
  takeDoc: (d: Sra) => void;
  /** Saves what step `n` edits; returns false (and shows why at the fields) when refused. */
  saveStep: (n: number) => Promise<boolean>;
  /** Drops the edits and the draft: back to the server's document. */
  discard: () => void;
  /** Drops the draft once the SRA left the editable states (submitted). */
  forgetDraft: () => void;
}

/** The server allows this caller to change the version now (GET /sras/{id} "actions"). */
function mayEdit(d: Sra): boolean {
  return (d.actions ?? []).includes('edit');
}

export function useSraEditor(id: string): { loadError: unknown; reload: () => void; editor: SraEditor | null } {
  const app = useApp();
  const m = app.method;
  const user = app.user.username;
  const draftKey = 'sra.' + id;
  const [doc, setDoc] = useState<Sra | null>(null);
  const [hdr, setHdr] = useState<Header | null>(null);
  const [scn, setScn] = useState<Record<string, ScenEdit>>({});
  const [errors, setErrors] = useState<Errors>({});
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [restored, setRestored] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const docRef = useRef<Sra | null>(null);
  docRef.current = doc;

  const load = async () => {
    setLoadError(null);
    try {
      const d = await get<Sra>('/sras/' + id);
      let h = headerOf(d, m.situation_fields);
      const sc = editsOf(d);
      const dr = loadDraft<Draft>(user, draftKey);
      if (dr && dr.rev === d.revision && mayEdit(d)) {
        h = dr.hdr;
        for (const [sid, e] of Object.entries(dr.scn)) if (sc[sid]) sc[sid] = e;
        setRestored(true);
      } else if (dr) {
        clearDraft(user, draftKey);
      }
      setDoc(d);
      setHdr(h);
      setScn(sc);
    } catch (e) {
      setLoadError(e);
    }
  };
  useEffect(() => {
    load();
  }, [id]);

  const server = useMemo(() => (doc ? { hdr: headerOf(doc, m.situation_fields), scn: editsOf(doc) } : null), [doc]);

  const dirtyScn = useMemo(() => {
    const out: Record<string, ScenEdit> = {};
    if (!server) return out;
    for (const [sid, e] of Object.entries(scn)) if (server.scn[sid] && !same(e, server.scn[sid])) out[sid] = e;
    return out;
  }, [scn, server]);
  const dirty = !!server && !!hdr && (!same(hdr, server.hdr) || Object.keys(dirtyScn).length > 0);

  // Every change is kept on this device until the server has it. A layout effect, so the draft is
  // stored before the "Unsaved changes (kept on this device)" label is painted, never after.
  useLayoutEffect(() => {
    if (!doc || !hdr) return;
    if (dirty) saveDraft(user, draftKey, { rev: doc.revision, hdr, scn: dirtyScn, at: new Date().toISOString() } as Draft);
    else clearDraft(user, draftKey);
  }, [hdr, scn, doc, dirty]);

  if (!doc || !hdr || !server) return { loadError, reload: load, editor: null };

  // Who edits, and when, is the server's answer (who conducts the SRA, draft or returned).
  const canEdit = mayEdit(doc);

  // Takes the server's document: the fields just saved come from it, every other edit stays.
  const applyDoc = (d: Sra, hdrKeys: HeaderKey[], sid?: string, scnKeys?: ScenKey[]) => {
    // A save's answer carries no "actions" (only GET does); an edit changes neither the status nor
    // who conducts, so what the last read allowed still holds.
    setDoc((prev) => ({ ...d, actions: d.actions ?? prev?.actions }));
    const fresh = headerOf(d, m.situation_fields);
    setHdr((h) => {
      const next = { ...(h as Header) };
      for (const k of hdrKeys) (next as any)[k] = fresh[k];
      return next;
    });
    setScn((cur) => {
      const next: Record<string, ScenEdit> = {};
      for (const s of d.scenarios) {
        const e = editOf(s);
        if (!cur[s.id]) next[s.id] = e;
        else if (s.id === sid && scnKeys) {
          const merged = { ...cur[s.id] };
          for (const k of scnKeys) (merged as any)[k] = e[k];
          next[s.id] = merged;
        } else next[s.id] = cur[s.id];
      }
      return next;
    });
    setSavedAt(new Date());
  };

  const saveStep = async (n: number): Promise<boolean> => {
    if (!canEdit) return true;
    const cur = docRef.current!;
    setErrors({});
    setActionError(null);
    if (HEADER_STEP_KEYS[n]) {
      const body = changed(hdr, server.hdr, HEADER_STEP_KEYS[n]);
      if (!Object.keys(body).length) return true;
      setSaving(true);
      try {
        const wire = body.threats ? { ...body, threats: threatsWire(m, body.threats) } : body;
        const d = await put<Sra>('/sras/' + id, { ...wire, revision: cur.revision });
        applyDoc(d, Object.keys(body) as HeaderKey[]);
        return true;
      } catch (e) {
        if (e instanceof ApiError && (e.status === 403 || e.status === 409 || e.status === 0)) setActionError(e);
        else setErrors(fieldErrors(e));
        return false;
      } finally {
        setSaving(false);
      }
    }
    if (SCEN_STEP_KEYS[n]) {
      const keys = SCEN_STEP_KEYS[n];
      let ok = true;
      const errs: Errors = {};
      setSaving(true);
      for (const s of cur.scenarios) {
        const local = scn[s.id];
        if (!local) continue;
        const body = changed(local, editOf(s), keys);
        if (!Object.keys(body).length) continue;
        try {
          const d = await put<Sra>('/sras/' + id + '/scenarios/' + s.id, body);
          applyDoc(d, [], s.id, keys);
        } catch (e) {
          ok = false;
          if (e instanceof ApiError && (e.status === 403 || e.status === 0 || e.status === 401)) {
            setActionError(e);
            break;
          }
          const fe = fieldErrors(e);
          for (const [k, v] of Object.entries(fe)) errs[s.id + ':' + k] = v;
        }
      }
      setSaving(false);
      setErrors(errs);
      return ok;
    }
    return true;
  };

  const discard = () => {
    clearDraft(user, draftKey);
    setHdr(server.hdr);
    setScn(server.scn);
    setRestored(false);
  };

  return {
    loadError,
    reload: load,
    editor: {
      doc, hdr, scn, errors, saving, savedAt, restored, actionError, dirty, canEdit,
      setH: (f) => setHdr((h) => f(h as Header)),
      setS: (sid, f) => setScn((c) => ({ ...c, [sid]: f(c[sid]) })),
      setActionError,
      takeDoc: (d) => applyDoc(d, []),
      saveStep,
      discard,
      forgetDraft: () => clearDraft(user, draftKey),
    },
  };
}
